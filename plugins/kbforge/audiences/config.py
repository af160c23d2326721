from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class AudiencesConfig(Config):
    enabled = opt.Type(bool, default=True)
    # "public": the customer site; "staff": everything (mkdocs.yml reads KB_SITE).
    site = opt.Choice(["public", "staff"], default="public")
    # Publish not-validated articles on the customer site, with a notice.
    not_validated = opt.Type(bool, default=False)
    # Files under docs/ (not Markdown) the customer site publishes even when no
    # public page refers to them (glob patterns relative to docs/, e.g. "robots.txt").
    publish_files = opt.ListOfItems(opt.Type(str), default=["robots.txt", "assets/**"])


def publishes_not_validated(config) -> bool:
    """Whether the customer site publishes not-validated articles (kbforge/audiences' setting)."""
    plugin = config.plugins.get("kbforge/audiences")
    return bool(plugin.config.not_validated) if plugin is not None else False
