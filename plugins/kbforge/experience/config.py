from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ExperienceConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Article ids shown as "most useful" on each language's home page, in order.
    popular = opt.ListOfItems(opt.Type(str), default=[])
    # The article that tells customers how to reach support (linked from every page's footer).
    contact = opt.Optional(opt.Type(str))
    words_per_minute = opt.Type(int, default=200)
    # A tag gets a page of its own when this many articles carry it ...
    tag_page_min = opt.Type(int, default=2)
    # ... or when a writer names it here (as written in the articles, any language).
    tag_pages = opt.ListOfItems(opt.Type(str), default=[])
