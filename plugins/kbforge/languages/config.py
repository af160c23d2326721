from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class LanguagesConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Browser language codes that should count as one of ours, e.g. Norwegian
    # "no" and Nynorsk "nn" readers are best served by Bokmål.
    aliases = opt.Type(dict, default={"no": "nb", "nn": "nb"})


def browser_aliases(config) -> dict:
    """Browser language codes counted as one of ours (kbforge/languages' setting)."""
    plugin = config.plugins.get("kbforge/languages")
    return dict(plugin.config.aliases) if plugin is not None else LanguagesConfig().aliases.default
