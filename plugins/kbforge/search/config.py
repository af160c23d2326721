from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Words of at most this many results are shown per language searched.
    results = opt.Type(int, default=10)
