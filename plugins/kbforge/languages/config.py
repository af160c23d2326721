from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class LanguagesConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Browser language codes that should count as one of ours, e.g. Norwegian
    # "no" and Nynorsk "nn" readers are best served by Bokmål.
    aliases = opt.Type(dict, default={"no": "nb", "nn": "nb"})
    # Processes building languages side by side; 0: one per core. Each
    # process builds at least two languages; `mkdocs serve` uses one.
    processes = opt.Type(int, default=0)
