from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CatalogConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Order of the top-level sections (folder names); others follow, then pages.
    sections = opt.ListOfItems(opt.Type(str), default=["practices", "runbooks", "faq", "onboarding"])
    # Processes building languages side by side; 0: one per core. Each process
    # builds at least two languages; `mkdocs serve` uses one.
    processes = opt.Type(int, default=0)


def section_order(config) -> list[str]:
    """The configured order of the top-level sections (kbforge/catalog's setting)."""
    plugin = config.plugins.get("kbforge/catalog")
    return list(plugin.config.sections) if plugin is not None else []
