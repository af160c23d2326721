from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Words of at most this many results are shown per language searched.
    results = opt.Type(int, default=10)
    # Meaning (word and document vectors) besides words: finds articles from
    # customers' own words. Off: words, spellings, typos and phrases only.
    vectors = opt.Type(bool, default=True)
