"""Suggested articles for a support ticket (plain logic, no MkDocs): the
agent panel on the staff site (kbforge/agent) runs the same steps in the
browser, and ``kbforge suggest`` from the command line.

- ticket.py   what is left of a ticket once greetings, signatures, quoted
              history and numbers are gone
- detect.py   its language, from a character n-gram profile built with the site
- profile.py  that profile and the knowledge base's own vocabulary
              (agent/profile.json)
- core.py     the query chosen from the ticket, the search, the matched
              sections and customer permalinks
"""

from .core import Answer, Suggester, Suggestion

__all__ = ["Answer", "Suggester", "Suggestion"]
