from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class NavigationConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Pages shown on either side of the current one in a long section.
    neighbours = opt.Type(int, default=7)
    # Articles per page of a section listing.
    page_size = opt.Type(int, default=50)
