from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class AudiencesConfig(Config):
    enabled = opt.Type(bool, default=True)
    # "public": the customer site; "staff": everything (mkdocs.yml reads KB_SITE).
    site = opt.Choice(["public", "staff"], default="public")
    # Publish not-validated articles on the customer site, with a notice.
    not_validated = opt.Type(bool, default=False)
