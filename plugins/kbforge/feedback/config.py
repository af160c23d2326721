import datetime as dt

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class FeedbackConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The feedback service's events URL (https://.../v1/events); empty: nothing is
    # sent, votes stay in the reader's browser and there is no comment box.
    endpoint = opt.Type(str, default="")
    # Send search events (query, number of results, rank opened) when there is an endpoint.
    search_events = opt.Type(bool, default=True)
    # The ticket system's "submit a request" form, offered after "No"; {id}, {title}
    # and {lang} are filled in (URL-encoded). Empty: no such link.
    request_form = opt.Type(str, default="")
    # Staff site: where the insights page reads events from: an SQLite file, a
    # postgresql:// URL, or an export file (.json, .csv). Empty: the page says so.
    store = opt.Type(str, default="")
    days = opt.Type(int, default=90)  # the insights page covers this many days up to today
    rows = opt.Type(int, default=50)  # at most this many rows per table
    today = opt.Type((str, dt.date), default="")  # YYYY-MM-DD; empty: the day of the build
