from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CatalogConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Order of the top-level sections (folder names); others follow, then pages.
    sections = opt.ListOfItems(opt.Type(str), default=["practices", "runbooks", "faq", "onboarding"])
