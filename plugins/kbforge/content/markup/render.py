"""Rewriting one page for one reader, on the element tree the outline was read from.

The site's plugin tells the renderer which page comes next (``begin``); the
extension calls ``rewrite`` (before toc) and ``after_toc``. What it leaves for
the page template (structured data) is in ``result``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable

from lxml import html as lxml_html

from .extension import HEADING, PLACEHOLDER, _plain, is_internal


@dataclass
class Page:
    """What the renderer needs to know about the page being converted."""

    body: str  # the Markdown being converted (for lines)
    first_line: int
    lang: str  # the reader's language
    text_lang: str  # the language the text is written in (differs on a fallback page)
    url: str  # the page's site URL, e.g. "pl/faq/billing/"
    kind: str | None  # the article type (runbook, faq, ...)
    # kb: target as written -> (site URL with #section, language when it is a fallback, else None)
    resolve: Callable[[str], tuple[str, str | None]]
    relative: Callable[[str], str]  # site URL -> href from this page
    labels: dict = field(default_factory=dict)  # interface strings in the reader's language
    language_names: dict = field(default_factory=dict)


@dataclass
class Result:
    steps: list[str] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)  # (question, answer) as text


class PageRenderer:
    def __init__(self, *, facts=None, hide_internal: bool = False, tickets=()):
        self.facts = facts  # content.facts.FactSheet, or None
        self.hide_internal = hide_internal  # the customer site
        self.tickets = [(re.compile(p) if isinstance(p, str) else p, url) for p, url in tickets]  # linked (staff)
        self.page: Page | None = None
        self.result = Result()
        self.hrefs: list = []

    def begin(self, page: Page) -> None:
        self.page, self.result = page, Result()
        self.hrefs = []  # (element, href) of kb: links, set after MkDocs' own link check


    def source(self) -> tuple[str, int]:
        return (self.page.body, self.page.first_line) if self.page else ("", 1)

    # -- called by the extension -------------------------------------------------

    def fact(self, name: str, form: str) -> tuple[str, str | None]:
        if self.facts is None or self.page is None or self.facts.check_use(name, form) is not None:
            return "{{ %s }}" % name, None
        return self.facts.render(name, form, self.page.text_lang)

    def rewrite(self, root, md, outline, found) -> None:
        if self.page is None:
            return
        if self.hide_internal:
            for parent, el in found.internal:
                _remove(parent, el)
        if self.tickets:  # before kb: links move the text after a link into a note
            self._tickets(found.texts)
        for el, internal in found.kb_links:
            if not (internal and self.hide_internal):  # removed above
                self._kb_link(root, el)
        for index in found.stash:
            md.htmlStash.rawHtmlBlocks[index] = self._stash(md.htmlStash.rawHtmlBlocks[index])
        if found.steps is not None and self.page.kind == "runbook" and _attached(root, found.steps):
            md.kb_root = root
            self._steps(found.steps, md)
        _heading_order(root, outline)

    def final(self) -> None:
        for el, href in self.hrefs:
            el.set("href", href)
        self.hrefs = []

    def after_toc(self, root, md, outline, found) -> None:
        if self.page is not None and self.page.kind == "faq" and found.questions:
            self._fold_questions(root, found.questions, md)

    # -- the rewrites ------------------------------------------------------------

    def _link_parts(self, target: str) -> tuple[str, str | None]:
        url, fallback = self.page.resolve(target)
        path, _, section = url.partition("#")
        href = self.page.relative(path) + (f"#{section}" if section else "")
        return href, fallback

    def _kb_link(self, root, el) -> None:
        href, fallback = self._link_parts(el.get("href"))
        # MkDocs checks relative links against the documentation files after us and
        # warns about "page.html" links (use_directory_urls: false): it sees "kb:..."
        # (not a relative link) and the page URL is set when it is done (``final``).
        self.hrefs.append((el, href))
        if fallback:
            _mark_fallback(root, el, fallback, self.page)

    def _stash(self, raw: str) -> str:
        """A raw HTML block: internal parts dropped (customer site), kb: links rewritten."""
        try:
            nodes = lxml_html.fragments_fromstring(raw)
        except Exception:
            return raw
        out = []
        for node in nodes:
            if isinstance(node, str):
                out.append(node)
                continue
            if self.hide_internal and is_internal(node):
                continue
            if self.hide_internal:
                for el in [e for e in node.iter() if isinstance(e.tag, str) and is_internal(e)]:
                    el.drop_tree()
            for a in node.iter("a"):
                if (a.get("href") or "").startswith("kb:") and not (
                        self.hide_internal and any(is_internal(p) for p in a.iterancestors())):
                    href, fallback = self._link_parts(a.get("href"))
                    a.set("href", href)
                    if fallback:
                        a.set("hreflang", fallback)
                        a.set("class", ((a.get("class") or "") + " kb-fallback").strip())
            html = lxml_html.tostring(node, encoding="unicode")
            closing = f"</{node.tag}>"
            if html.endswith(closing) and closing not in raw.lower():
                # Inline HTML is stashed one tag at a time: '<a href="kb:...">' alone
                # must stay an opening tag, or the link text ends up after the link.
                html = html[: -len(closing)]
            out.append(html)
        return "".join(out)

    def _tickets(self, texts) -> None:
        for container, el, attr in texts:
            value = getattr(el, attr)
            if not value:
                continue
            for pattern, url in self.tickets:
                if pattern.search(PLACEHOLDER.sub("", value)):
                    _link_text(container, el, attr, pattern, url)
                    break

    def _steps(self, ol, md) -> None:
        labels = self.page.labels
        ol.set("class", ((ol.get("class") or "") + " kb-steps").strip())
        items = [li for li in ol if li.tag == "li"]
        for number, li in enumerate(items, start=1):
            self.result.steps.append(_plain(li, md))
            box = etree.Element("input", {"type": "checkbox", "class": "kb-step-check",
                                          "aria-label": labels.get("step_done_n", "{n}").format(n=number)})
            box.tail = " " + (li.text or "")
            li.text = None
            li.insert(0, box)
        parent = _parent_of(md.kb_root, ol) if getattr(md, "kb_root", None) is not None else None
        if parent is not None and labels.get("steps_reset"):
            row = etree.Element("p", {"class": "kb-steps-reset-row", "data-search-exclude": ""})
            button = etree.SubElement(row, "button", {"type": "button", "class": "md-button kb-steps-reset"})
            button.text = labels["steps_reset"]
            row.tail, ol.tail = ol.tail, "\n"
            parent.insert(list(parent).index(ol) + 1, row)

    def _fold_questions(self, root, questions, md) -> None:
        wanted = {id(q) for q in questions}
        for parent in list(root.iter()):
            children = list(parent)
            if not any(id(c) in wanted for c in children):
                continue
            index = 0
            while index < len(children):
                el = children[index]
                if id(el) not in wanted:
                    index += 1
                    continue
                level = int(el.tag[1])
                details = etree.Element("details", {"class": "kb-faq"})
                summary = etree.SubElement(details, "summary")
                position = list(parent).index(el)
                parent.remove(el)
                details.tail, el.tail = el.tail, None
                for link in [a for a in el.iter("a") if "headerlink" in (a.get("class") or "")]:
                    _remove(el, link)  # the summary is the control: no link inside it
                summary.append(el)
                answer = []
                index += 1
                while index < len(children):
                    nxt = children[index]
                    match = HEADING.match(str(nxt.tag))
                    if (match and int(match.group(1)) <= level) or id(nxt) in wanted:
                        break
                    parent.remove(nxt)
                    details.append(nxt)
                    answer.append(nxt)
                    index += 1
                parent.insert(position, details)
                text = " ".join(_plain(a, md) for a in answer)
                self.result.questions.append((_plain(el, md), " ".join(text.split())))


def _attached(root, el) -> bool:
    return any(e is el for e in root.iter())


def _remove(parent, el) -> None:
    """Remove ``el`` from ``parent``, keeping the text that follows it."""
    children = list(parent)
    index = children.index(el)
    if el.tail:
        if index:
            before = children[index - 1]
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _parent_of(root, child):
    for parent in root.iter():
        for c in parent:
            if c is child:
                return parent
    return None


def _mark_fallback(root, el, lang: str, page: Page) -> None:
    el.set("class", ((el.get("class") or "") + " kb-fallback").strip())
    el.set("hreflang", lang)
    el.set("title", page.labels.get("not_translated", ""))
    parent = _parent_of(root, el)
    if parent is None:
        return
    note = etree.Element("small", {"class": "kb-fallback-note", "lang": lang})
    note.text = f"({page.language_names.get(lang, lang)})"
    note.tail, el.tail = el.tail, " "
    parent.insert(list(parent).index(el) + 1, note)


def _link_text(container, el, attr: str, pattern: re.Pattern, url: str) -> None:
    """Turn the matches of ``pattern`` in ``el.text`` or ``el.tail`` into links."""
    value = getattr(el, attr)
    matches = [m for m in pattern.finditer(value)]
    setattr(el, attr, value[: matches[0].start()])
    links = []
    for n, match in enumerate(matches):
        a = etree.Element("a", {"class": "kb-ticket", "href": url.format(ticket=match.group(0))})
        a.text = match.group(0)
        end = matches[n + 1].start() if n + 1 < len(matches) else len(value)
        a.tail = value[match.end(): end]
        links.append(a)
    at = 0 if attr == "text" else list(container).index(el) + 1
    for offset, a in enumerate(links):
        container.insert(at + offset, a)


def _heading_order(root, outline) -> None:
    """Headings that skip a level (an FAQ's h3 right under the page's h1) move up,
    so that the page's outline has no holes."""
    levels = sorted({h.level for h in outline.headings})
    if not levels:
        return
    start = 1 if levels[0] == 1 else 2
    mapping = {level: start + n for n, level in enumerate(levels)}
    if all(k == v for k, v in mapping.items()):
        return
    for el in root.iter():
        match = HEADING.match(str(el.tag))
        if match:
            el.tag = f"h{mapping.get(int(match.group(1)), int(match.group(1)))}"
