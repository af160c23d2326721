import datetime as dt

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ReviewsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Days after 'reviewed' that an article of each type is due for review.
    intervals = opt.Type(dict, default={"runbook": 120, "faq": 180, "guide": 180, "practice": 365, "glossary": 365})
    # The day to measure against, YYYY-MM-DD; empty means the day of the build.
    today = opt.Type((str, dt.date), default="")
