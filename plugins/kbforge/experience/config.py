from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ExperienceConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Article ids shown as "most useful" on each language's home page, in order.
    popular = opt.ListOfItems(opt.Type(str), default=[])
    words_per_minute = opt.Type(int, default=200)
