from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TicketSystem(Config):
    pattern = opt.Type(str)  # a regular expression, e.g. '\b(?:INC|PRB)-\d+\b'
    url = opt.Type(str)  # with {ticket}, e.g. 'https://tickets.example/browse/{ticket}'


class LinksConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The ledger of published ids and URLs, relative to mkdocs.yml.
    ledger = opt.Type(str, default="docs/ledger.yml")
    # Record newly published ids and URLs in the ledger after a successful build.
    update_ledger = opt.Type(bool, default=True)
    related = opt.Type(int, default=5)  # at most this many related articles
    # Where customers read the knowledge base: the staff site's "link for the
    # customer" copies permalinks on this host. Empty: this site's own URL.
    customer_url = opt.Type(str, default="")
    # Ticket ids in articles become links: by default on the staff site only.
    link_tickets = opt.Optional(opt.Type(bool))
    tickets = opt.ListOfItems(opt.SubConfig(TicketSystem), default=[])


def customer_base(config) -> str:
    """What permalinks for customers start with: kbforge/links' customer_url, else the site URL."""
    from .. import urls

    plugin = config.plugins.get("kbforge/links")
    wanted = plugin.config.customer_url if plugin is not None else ""
    return urls.base(wanted or config.site_url)
