"""The text of a rendered article, as search indexes and shows it: the
writer's words only. Interface that plugins add to the content (checkbox
labels, buttons, the ¶ after headings, scripts) is left out, so it is never
found nor shown in a snippet."""

from __future__ import annotations

import lxml.html

# Elements whose text is interface, not the article.
UI = ("button", "input", "select", "textarea", "script", "style", "template", "nav", "form", "svg")
UI_CLASSES = ("headerlink", "kb-ui")
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "blockquote",
          "summary", "div", "tr", "section", "details", "figcaption", "br"}
HEADINGS = ("h2", "h3")


def _is_ui(element) -> bool:
    if element.tag in UI or element.get("aria-hidden") == "true" or element.get("hidden") is not None:
        return True
    classes = (element.get("class") or "").split()
    return any(c in classes for c in UI_CLASSES) or element.get("data-search-exclude") is not None


def article_text(html: str) -> tuple[str, list[tuple[str, str]]]:
    """(plain text, one line per block; [(anchor, heading)]) of an article's HTML."""
    if not html.strip():
        return "", []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter()):
        if isinstance(element.tag, str) and element is not root and _is_ui(element):
            element.drop_tree()
    headings = []
    for heading in root.iter(*HEADINGS):
        title = " ".join(heading.text_content().split())
        if title and heading.get("id"):
            headings.append((heading.get("id"), title))
    parts: list[str] = []

    def walk(element):
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.tail:
                parts.append(element.tail)
            return
        block = element.tag in BLOCKS
        if block:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if block:
            parts.append("\n")
        if element.tail and element is not root:
            parts.append(element.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line), headings
