"""The HTML an article may contain: one allow-list, used twice.

``check`` reads the raw HTML a writer typed (on the parse, so each problem gets
its line); ``clean`` enforces the list on a rendered article with nh3 (the
Ammonia sanitizer), whatever the Markdown extensions produced.
"""

from __future__ import annotations

import re

import nh3
from lxml import html as lxml_html

SCHEMES = {"http", "https", "mailto", "tel"}
# Images may be inline data in these formats (no SVG: it can carry script).
DATA_IMAGE = re.compile(r"^data:image/(?:png|gif|jpeg|jpg|webp);base64,[A-Za-z0-9+/=\s]*$")

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "button",
}
# Removed with what they contain (the rest keep their text).
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript",
                     "textarea", "select", "svg", "math", "form"}
GENERIC = {"class", "id", "title", "lang", "dir", "role", "hidden", "aria-label", "aria-hidden",
           "aria-describedby", "aria-labelledby", "aria-live", "aria-current"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": {"href", "hreflang", "rel", "name"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"checked", "disabled"},
    "button": set(),
}
VALUES = {"input": {"type": {"checkbox"}}, "button": {"type": {"button"}}}
STYLES = {"text-align"}  # tables' column alignment
DATA_PREFIX = "data-"

def _data_images_only(tag: str, attribute: str, value: str) -> str | None:
    """nh3 allows the data: scheme for every URL; keep it only for images."""
    if attribute in ("href", "src") and value.strip().lower().startswith("data:"):
        return value if tag == "img" and attribute == "src" and DATA_IMAGE.match(value.strip()) else None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=DROP_WITH_CONTENT,
    attributes=ATTRIBUTES,
    tag_attribute_values=VALUES,
    url_schemes=SCHEMES | {"data"},
    attribute_filter=_data_images_only,
    generic_attribute_prefixes={DATA_PREFIX},
    filter_style_properties=STYLES,
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return _cleaner.clean(html)


def scheme_of(url: str) -> str | None:
    head = url.strip().split("#", 1)[0].split("?", 1)[0]
    first = head.split("/", 1)[0]
    if ":" in first:
        return first.split(":", 1)[0].lower()
    return None


def url_allowed(url: str, image: bool = False) -> bool:
    scheme = scheme_of(url)
    if scheme == "data":
        return image and bool(DATA_IMAGE.match(url.strip()))
    return scheme is None or scheme in SCHEMES or scheme == "kb"


def check(fragment: str) -> list[tuple[str, str]]:
    """What ``clean`` would remove from raw HTML a writer typed: (needle, message)
    pairs; the needle is text to find the line by."""
    found = []
    try:
        nodes = lxml_html.fragments_fromstring(fragment)
    except Exception:  # lxml rejects fragments that are only text or only a closing tag
        return found
    for node in nodes:
        if not isinstance(node, lxml_html.HtmlElement):
            continue
        for el in node.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.lower()
            if tag not in TAGS:
                what = " with its content" if tag in DROP_WITH_CONTENT else ""
                found.append((f"<{tag}", f"HTML element <{tag}> is not allowed in articles; it is removed{what}"))
                continue
            allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | set(VALUES.get(tag, {}))
            for name, value in el.attrib.items():
                name = name.lower()
                if name.startswith(DATA_PREFIX):
                    continue
                if name not in allowed:
                    found.append((name + "=", f"attribute {name}= on <{tag}> is not allowed in articles; it is removed"))
                elif name in VALUES.get(tag, {}) and value.lower() not in VALUES[tag][name]:
                    found.append((name + "=", f"{name}=\"{value}\" on <{tag}> is not allowed; it is removed"))
    return found
