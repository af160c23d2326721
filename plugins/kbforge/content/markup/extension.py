"""The knowledge base's Python-Markdown extension.

One extension, used for two things with the same parse:
- the catalog parses every article once and keeps its ``Outline`` (links,
  headings, facts, sections, steps, questions, problems with lines);
- the site renders each page with a ``renderer`` (``render.PageRenderer``) that
  rewrites what the outline found: facts in the reader's language, ``kb:``
  links, internal passages, ticket ids, runbook steps and FAQ questions.

Everything is found on the element tree, after attr_list and before toc, so
code never counts as text and nesting (blockquotes, lists, admonitions)
never hides anything.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, util
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from lxml import html as lxml_html

from . import sanitize
from .locate import Locator, NoLines
from .outline import FactUse, Heading, Link, Outline, Problem, Section

FACT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FACT_FORMS = ("", "number", "link")
ADMONITION_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail",
    "missing", "danger", "error", "bug", "example", "quote", "cite", "internal",
}
INTERNAL = "internal"
PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")  # util.HTML_PLACEHOLDER
HEADING = re.compile(r"^h([1-6])$")
SKIP_TEXT = {"pre", "code", "script", "style"}


def _classes(el) -> list[str]:
    return (el.get("class") or "").lower().split()


def is_internal(el) -> bool:
    """An admonition, details block or container whose type is ``internal``."""
    return INTERNAL in _classes(el) and el.tag in ("div", "details", "section", "aside", "blockquote")


def decode(value: str) -> str:
    """Python-Markdown keeps "&" of entities as a placeholder (automatic mailto links)."""
    return html.unescape(value.replace(util.AMP_SUBSTITUTE, "&"))


class FactProcessor(InlineProcessor):
    """``{{ fact-name }}`` or ``{{ fact-name:form }}`` (also ``{{ fact-name | form }}``,
    except in tables, where ``|`` separates cells) anywhere inline text is parsed."""

    PATTERN = r"\{\{(.*?)\}\}"

    def __init__(self, md, ext):
        super().__init__(self.PATTERN, md)
        self.ext = ext

    def handleMatch(self, m, data):
        inner = m.group(1)
        separator = ":" if ":" in inner else "|"
        name, _, form = (part.strip() for part in inner.partition(separator))
        problems = self.md.kb_fact_problems
        if not FACT_NAME.match(name) or form not in FACT_FORMS:
            problems.append((m.group(0), f"'{m.group(0)}' is not a fact reference: write "
                             "{{ fact-name }}, {{ fact-name:number }} or {{ fact-name:link }} "
                             "(names are lowercase words joined by '-')"))
            el = etree.Element("span", {"data-kb-invalid": ""})  # reported once: not looked at again
            el.text = util.AtomicString(m.group(0))
            return el, m.start(0), m.end(0)
        renderer = self.ext.renderer
        el = etree.Element("a" if form == "link" else "span")
        el.set("class", "kb-fact")
        el.set("data-kb-fact", name)
        if form:
            el.set("data-kb-form", form)
        if renderer is not None:
            text, href = renderer.fact(name, form)
            el.text = util.AtomicString(text)
            if href:
                el.set("href", href)
        return el, m.start(0), m.end(0)


class Found:
    """Elements the analysis found, for the renderer (not kept in the catalog)."""

    def __init__(self):
        self.internal: list = []  # (parent, element)
        self.kb_links: list = []  # (<a> element with a kb: target, inside an internal passage)
        self.stash: dict[int, str] = {}  # stash index -> raw HTML with kb: links or internal parts
        self.steps = None  # the <ol> of runbook steps
        self.questions: list = []  # FAQ question headings
        self.texts: list = []  # (container, element, "text" | "tail") outside code and links, for ticket ids


class Analyzer(Treeprocessor):
    """Builds the outline of the page (and, when rendering, hands over to the renderer)."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        rendering = self.ext.renderer is not None
        locate = NoLines() if rendering else Locator(self.md.kb_source, self.md.kb_first_line)
        self.collect = not rendering  # section text and ticket ids: only the catalog reads them
        outline, found = Outline(), Found()
        self.outline, self.found, self.locate = outline, found, locate
        self.section = Section("", line=locate.first_line)
        outline.sections.append(self.section)
        for needle, message in self.md.kb_fact_problems:
            outline.problems.append(Problem(locate.find(needle), message))
        self._walk(root, internal=False)
        self._find_steps(root)
        self.md.kb_outline = outline
        self.md.kb_found = found
        if self.ext.renderer is not None:
            self.ext.renderer.rewrite(root, self.md, outline, found)

    # -- the walk ---------------------------------------------------------------

    def _walk(self, parent, internal: bool, in_link: bool = False) -> None:
        for el in list(parent):
            if isinstance(el.tag, str):
                self._element(parent, el, internal, in_link)

    def _element(self, parent, el, internal: bool, in_link: bool) -> None:
        tag = el.tag
        outline = self.outline
        if heading := HEADING.match(tag):
            self._heading(el, int(heading.group(1)))
        if tag in ("div", "details") and (types := self._types(el)) is not None:
            unknown = [t for t in types if t not in ADMONITION_TYPES]
            if unknown:
                word = "??? " if tag == "details" else "!!! "
                outline.problems.append(Problem(
                    self.locate.find(word + unknown[0], unknown[0]),
                    f"unknown admonition type '{unknown[0]}' (known: {', '.join(sorted(ADMONITION_TYPES))}); "
                    "staff-only text is '!!! internal'"))
        if is_internal(el):
            if not internal:
                outline.internal_passages += 1
                self.found.internal.append((parent, el))
            internal = True
        if tag in ("a", "img"):
            attr = "href" if tag == "a" else "src"
            if el.get(attr) is not None:
                self._link(el, decode(el.get(attr)), internal, image=tag == "img", raw=False)
        if el.get("data-kb-invalid") is not None:
            pass
        elif el.get("data-kb-fact"):
            name = el.get("data-kb-fact")
            line = self.locate.find_pattern(_fact_pattern(name), "fact:" + name)
            outline.facts.append(FactUse(name, el.get("data-kb-form", ""), line, self.section.key, internal))
        elif tag not in SKIP_TEXT:
            inside_link = in_link or tag == "a"
            self._text(el, el, "text", internal, inside_link)
            self._walk(el, internal, inside_link)
        self._text(parent, el, "tail", internal, in_link)

    def _types(self, el) -> list[str] | None:
        """The admonition or details types of ``el`` (None if it is neither)."""
        classes = _classes(el)
        if el.tag == "div" and "admonition" in classes:
            return [c for c in classes if c != "admonition"]
        if el.tag == "details":
            return classes
        return None

    def _heading(self, el, level: int) -> None:
        key = el.get("id")
        text = _plain(el, self.md)
        line = self.locate.find("{#" + key if key else "", "#" + key if key else "", text[:40])
        self.outline.headings.append(Heading(level, text, key, line))
        if key:
            self.section = Section(key, title=text, line=line)
            self.outline.sections.append(self.section)
            if key.startswith("q-"):
                self.outline.questions.append(key)
                self.found.questions.append(el)
        else:
            self.section.unkeyed += 1

    def _link(self, el_or_none, target: str, internal: bool, *, image: bool, raw: bool) -> None:
        outline = self.outline
        needles = [f"]({target}", f"]: {target}", f"<{target}>", f'"{target}"', f"'{target}'", target]
        line = self.locate.find(*needles)
        link = Link(target, line, internal, self.section.key, image=image, raw_html=raw)
        outline.links.append(link)
        if "{{" in target:
            outline.problems.append(Problem(line, f"a fact cannot be used inside a link target ('{target}'): "
                                                  "write {{ fact-name | link }}"))
        elif not sanitize.url_allowed(target, image=image):
            shown = target if len(target) <= 60 else target[:57] + "..."
            outline.problems.append(Problem(line, f"link to '{shown}': only http, https, mailto, tel, kb: and "
                                                  "relative links are allowed (images also data:image/png, gif, "
                                                  "jpeg, webp)"))
        if link.is_kb and el_or_none is not None:
            self.found.kb_links.append((el_or_none, internal))

    def _text(self, container, el, attr: str, internal: bool, in_link: bool) -> None:
        """Text of ``el`` (attr "text") or after it (attr "tail", inside ``container``)."""
        value = getattr(el, attr)
        if not value:
            return
        for index in PLACEHOLDER.findall(value):
            self._stash(int(index), internal)
        text = PLACEHOLDER.sub(" ", value) if "\x02" in value else value
        if not self.collect:
            if not in_link and text.strip():
                self.found.texts.append((container, el, attr))
            return
        if "{{" in text or "}}" in text:
            needle = "{{" if "{{" in text else "}}"
            self.outline.problems.append(Problem(
                self.locate.find_pattern(re.compile(re.escape(needle)), "braces:" + needle),
                f"'{text.strip()[:40]}': '{needle}' that is not part of a fact reference; a reference is "
                "written on one line, and inside a table as {{ fact-name:form }} (a '|' ends a table cell)"))
        if text.strip():
            self.section.text.append(text)
            if not in_link:
                self.found.texts.append((container, el, attr))
            for pattern in self.ext.tickets:
                for match in pattern.finditer(text):
                    self.outline.tickets.append((self.section.key, match.group(0)))

    def _stash(self, index: int, internal: bool) -> None:
        """Raw HTML a writer typed: its links, internal parts and what the sanitizer removes."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        if index >= len(blocks):
            return
        raw = blocks[index]
        if not isinstance(raw, str) or not raw.strip() or raw.lstrip().startswith("</"):
            return  # nothing, or a closing tag
        if self.collect:
            for needle, message in sanitize.check(raw):
                self.outline.problems.append(Problem(self.locate.find(needle), message, error=False))
        try:
            nodes = lxml_html.fragments_fromstring(raw)
        except Exception:
            return
        for node in nodes:
            if not isinstance(node, lxml_html.HtmlElement):
                continue
            for el in node.iter():
                if not isinstance(el.tag, str):
                    continue
                inside = internal or any(is_internal(a) for a in [el, *el.iterancestors()])
                if is_internal(el) and not internal:
                    self.outline.internal_passages += 1
                    self.found.stash[index] = raw
                if el.tag in ("a", "img"):
                    value = el.get("href" if el.tag == "a" else "src")
                    if value is not None:
                        self._link(None, value, inside, image=el.tag == "img", raw=True)
                        if value.startswith("kb:"):
                            self.found.stash[index] = raw
                if el.get("data-kb-fact"):
                    self.outline.problems.append(Problem(self.locate.find("data-kb-fact"),
                                                         "data-kb-fact is reserved for {{ facts }}"))

    def _find_steps(self, root) -> None:
        """The ordered list right after the heading {#steps}, at any depth."""
        for parent in root.iter():
            children = list(parent)
            for n, el in enumerate(children):
                if HEADING.match(str(el.tag)) and el.get("id") == "steps":
                    for nxt in children[n + 1:]:
                        if HEADING.match(str(nxt.tag)):
                            return
                        if nxt.tag == "ol":
                            self.found.steps = nxt
                            self.outline.steps = [_plain(li, self.md) for li in nxt if li.tag == "li"]
                            return
                    return


def _fact_pattern(name: str) -> re.Pattern:
    return re.compile(r"\{\{\s*" + re.escape(name) + r"\b")


def _plain(el, md) -> str:
    """The visible text of an element, with raw HTML placeholders resolved to their text."""
    text = "".join(el.itertext())
    if "\x02" in text:
        text = PLACEHOLDER.sub(lambda m: _stash_text(md, int(m.group(1))), text)
    return " ".join(text.split())


def _stash_text(md, index: int) -> str:
    """The text of a stashed raw HTML fragment (a lone tag has none)."""
    blocks = md.htmlStash.rawHtmlBlocks
    raw = blocks[index] if index < len(blocks) else ""
    if not isinstance(raw, str) or not raw.strip():
        return ""
    stripped = raw.strip()
    if stripped.startswith("<") and stripped.endswith(">") and stripped.count("<") == 1:
        return ""  # one start or end tag, e.g. <a name="x"> or </a>
    try:
        return lxml_html.fromstring(raw).text_content() if stripped.startswith("<") else raw
    except Exception:
        return ""


class AfterToc(Treeprocessor):
    """Changes that must come after toc has given every heading its id."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        if self.ext.renderer is not None and getattr(self.md, "kb_found", None) is not None:
            self.ext.renderer.after_toc(root, self.md, self.md.kb_outline, self.md.kb_found)


class AfterMkDocs(Treeprocessor):
    """Sets the hrefs of kb: links after MkDocs' relative-link check ("relpath", 0)."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        if self.ext.renderer is not None:
            self.ext.renderer.final()


class KbExtension(Extension):
    """``renderer``: None to only build outlines (the catalog), else a ``PageRenderer``
    that is told the page before each conversion (the site)."""

    def __init__(self, tickets=(), renderer=None):
        super().__init__()
        self.tickets = [re.compile(p) if isinstance(p, str) else p for p in tickets]
        self.renderer = renderer

    def extendMarkdown(self, md):
        md.kb_fact_problems = []
        md.kb_source, md.kb_first_line = "", 1
        # Below links (160), images (150) and autolinks (120): a fact in a link target stays in the
        # target, where the outline reports it, instead of being cut out of the URL.
        md.inlinePatterns.register(FactProcessor(md, self), "kb_fact", 115)
        md.treeprocessors.register(Analyzer(md, self), "kb_outline", 6)
        md.treeprocessors.register(AfterToc(md, self), "kb_after_toc", 4)
        md.treeprocessors.register(AfterMkDocs(md, self), "kb_after_mkdocs", -10)
        md.registerExtension(self)

    def reset(self):
        pass


def prepare(md, body: str, first_line: int) -> None:
    """Tell the extension the text about to be converted (for lines in messages)."""
    md.kb_source, md.kb_first_line, md.kb_fact_problems = body, first_line, []
    md.kb_outline = md.kb_found = None
