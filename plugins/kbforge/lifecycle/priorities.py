"""Event priorities, named once (MkDocs runs higher numbers first).

mkdocs-static-i18n runs at -100 in every event and starts the builds of the
other languages from its ``on_post_build``.
"""

# on_config
START = 100  # kbforge/catalog: a site (or a language) build begins; content is read
VIEW = 95  # kbforge/audiences: which part of the catalog this site publishes
CHECK = 90  # plugins add their checks of the content (the ledger)
REPORT = 85  # kbforge/catalog: every problem found so far stops the build, at once
BEGIN = 80  # kbforge/catalog: parallel parts start; plugins set up their language build

I18N = -100  # mkdocs-static-i18n, in every event

# on_files
BEFORE_I18N = -90  # sees every source file of every language
AFTER_I18N = -150  # sees this language's files at their output paths
GENERATED = -160  # adds generated pages once the language's files are in place

# on_nav
NAV = -150  # after i18n has reduced the navigation to this language
NAV_READ = -160  # reads the arranged navigation

# on_page_markdown / on_page_content / on_page_context / on_post_page
PAGE = -150  # after i18n and after the other plugins' default-priority work
PAGE_LAST = -200  # the last word on a page (search reads the finished page)

# on_post_build
LANGUAGE_DONE = 0  # this language is built; i18n has not started the next one
LANGUAGES_DONE = -140  # every language of this process is built (i18n's loop has returned)
JOIN = -150  # the parallel parts' languages are moved into the site
SITE_FILES = -200  # the site-wide files, written once, from the catalog
FINISH = -300  # the finished site replaces the old one
