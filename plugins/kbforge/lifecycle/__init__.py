"""The build lifecycle, owned by kbforge/catalog: when a site build starts and
ends, which language is being built, where the site is written, what runs in
parallel. Other plugins ask ``state(config)``; nothing else keeps build state
beyond a build."""
