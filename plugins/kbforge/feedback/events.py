"""What the site sends: three kinds of event, their published JSON Schema, and
the checks a schema cannot express.

Every event carries ``id``, a random UUID the browser makes once per event and
keeps until the service has acknowledged it: sending it again (a retry after a
lost answer) stores nothing new.

  vote     {"type": "vote", "id", "lang", "article", "helpful"}
  comment  {"type": "comment", "id", "lang", "article", "helpful", "vote", "text"}
  search   {"type": "search", "id", "lang", "query", "results", "rank", "clicked", "refines"}

``rank`` is the 1-based position of the result the reader opened, or null;
``clicked`` is that result's URL path (the service keeps only the article it
names); ``refines`` is an earlier query of the same search box that found
nothing, when this one led to a click (how a writer learns which article
answers a customer's own words).
"""

from __future__ import annotations

import html.parser
from dataclasses import dataclass

from .sitedata import Site

SCHEMA_VERSION = 1
KINDS = ("vote", "comment", "search")
MAX_BODY = 8 * 1024  # bytes of one request body
MAX_COMMENT = 2000  # characters
MAX_QUERY = 200
MAX_PATH = 500
MAX_RESULTS = 1000
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ARTICLE_ID = r"^KB-[0-9]{4,}$"
NO_CONTROL = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"  # tabs and new lines only
ONE_LINE = r"^[^\u0000-\u001f\u007f]*$"


def schema(languages: list[str] | tuple[str, ...] = (), articles: list[str] | tuple[str, ...] = ()) -> dict:
    """The JSON Schema of an event; with ``languages`` and ``articles``, only
    those are allowed (the service publishes it so, from the site's catalog)."""
    lang = {"type": "string", "pattern": r"^[a-z]{2,3}$", **({"enum": list(languages)} if languages else {})}
    article = {"type": "string", "pattern": ARTICLE_ID, **({"enum": sorted(articles)} if articles else {})}
    query = {"type": "string", "minLength": 1, "maxLength": MAX_QUERY, "pattern": ONE_LINE}
    common = {"id": {"type": "string", "pattern": UUID, "description": "idempotency key, a random UUID per event"},
              "lang": lang}

    def kind(name, description, required, **fields):
        return {
            "type": "object", "description": description, "additionalProperties": False,
            "required": ["type", "id", "lang", *required],
            "properties": {"type": {"const": name}, **common, **fields},
        }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Knowledge base feedback event",
        "description": f"Schema version {SCHEMA_VERSION}. One event per POST request, at most {MAX_BODY} bytes.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in KINDS],
        "$defs": {
            "vote": kind("vote", "A 'Was this helpful?' answer.", ["article", "helpful"],
                         article=article, helpful={"type": "boolean"}),
            "comment": kind(
                "comment", "A comment written after a vote; plain text, no markup.", ["article", "helpful", "text"],
                article=article, helpful={"type": "boolean"},
                vote={"type": ["string", "null"], "pattern": UUID, "description": "id of the vote it follows"},
                text={"type": "string", "minLength": 1, "maxLength": MAX_COMMENT, "pattern": NO_CONTROL},
            ),
            "search": kind(
                "search", "A search in the site's search box.", ["query", "results", "rank"],
                query=query,
                results={"type": "integer", "minimum": 0, "maximum": MAX_RESULTS},
                rank={"type": ["integer", "null"], "minimum": 1, "maximum": MAX_RESULTS},
                clicked={"type": ["string", "null"], "maxLength": MAX_PATH, "pattern": r"^/[^\s]*$"},
                refines={"oneOf": [query, {"type": "null"}]},
            ),
        },
    }


class Invalid(ValueError):
    """An event that is refused; ``problems`` say why, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Validator:
    """Checks events against what one site publishes."""

    site: Site

    def __post_init__(self):
        import jsonschema  # the [feedback] extra: the site build imports this module for its limits only

        self.schema = schema(self.site.languages, sorted(self.site.articles))
        self._by_kind = {
            name: jsonschema.Draft202012Validator({**self.schema["$defs"][name], "$defs": self.schema["$defs"]})
            for name in KINDS
        }

    def check(self, event) -> dict:
        """The event as it will be stored, or ``Invalid``."""
        if not isinstance(event, dict):
            raise Invalid(["an event is a JSON object"])
        kind = event.get("type")
        if kind not in KINDS:
            raise Invalid([f"type: must be one of {', '.join(KINDS)}"])
        problems = [_describe(error) for error in self._by_kind[kind].iter_errors(event)]
        if problems:
            raise Invalid(sorted(problems))
        if "article" in event and event["lang"] not in self.site.articles[event["article"]]:
            raise Invalid([f"article: {event['article']} is not published in {event['lang']}"])
        if kind == "comment" and not event["text"].strip():
            raise Invalid(["text: empty"])
        if kind == "comment" and has_markup(event["text"]):
            raise Invalid(["text: comments are plain text; markup is not accepted"])
        stored = {key: event.get(key) for key in ("type", "id", "lang")}
        if kind == "vote":
            stored.update(article=event["article"], helpful=event["helpful"])
        elif kind == "comment":
            stored.update(article=event["article"], helpful=event["helpful"], vote=event.get("vote"), text=event["text"].strip())
        else:
            clicked = self.site.paths.get(event.get("clicked") or "") if event["rank"] is not None else None
            stored.update(query=event["query"].strip(), results=event["results"], rank=event["rank"],
                          clicked_article=clicked[0] if clicked else None, clicked_lang=clicked[1] if clicked else None,
                          refines=(event.get("refines") or "").strip() or None)
        return stored


def _describe(error) -> str:
    where = ".".join(str(part) for part in error.absolute_path) or "event"
    if error.validator == "enum" and error.absolute_path and error.absolute_path[-1] == "article":
        return f"article: {error.instance!r} is not a published article"
    if error.validator == "enum":
        return f"{where}: {error.instance!r} is not one of the site's languages" if where == "lang" else f"{where}: not allowed"
    if error.validator == "maxLength":
        return f"{where}: longer than {error.validator_value} characters"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message}"
    return f"{where}: {error.message}"


class _Markup(html.parser.HTMLParser):
    found = False

    def _found(self, *args):
        self.found = True

    handle_starttag = handle_startendtag = handle_endtag = _found
    handle_comment = handle_decl = handle_pi = unknown_decl = _found


def has_markup(text: str) -> bool:
    """True when an HTML parser finds a tag, comment or declaration in ``text``
    ("1 < 2" is text; "<script>" and "<img src=x onerror=...>" are not)."""
    parser = _Markup(convert_charrefs=True)
    parser.feed(text)
    parser.close()
    return parser.found
