from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TranslationsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Write the translation status page (<lang>/translations/) for writers.
    status_page = opt.Type(bool, default=True)
