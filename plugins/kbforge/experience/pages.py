"""Runbook and FAQ pages: checkboxes on steps, expandable questions, and
schema.org structured data (HowTo, FAQPage) from the rendered article."""

from __future__ import annotations

import json
import re
from html import escape, unescape

TAG = re.compile(r"<[^>]+>")
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
LIST_TAG = re.compile(r"<(/?)(ol|ul|li)\b[^>]*>")


def text_of(html: str) -> str:
    return " ".join(unescape(TAG.sub(" ", HEADERLINK.sub("", html))).split())


def _list_end(html: str, start: int) -> int:
    """The index just after the </ol> closing the list that opens at ``start``."""
    depth = 0
    for match in re.finditer(r"<(/?)(?:ol|ul)\b[^>]*>", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return start + match.end()
    return len(html)


def mark_steps(html: str, done_label: str, reset_label: str) -> tuple[str, list[str]]:
    """Give each top-level step of the list after the heading #steps a checkbox;
    returns the new HTML and the steps' text."""
    heading = re.search(r'<h2 id="steps"[^>]*>.*?</h2>', html, re.S)
    if not heading:
        return html, []
    start = html.find("<ol", heading.end())
    if start < 0:
        return html, []
    end = _list_end(html, start)
    block, steps, out, depth, last = html[start:end], [], [], 0, 0
    for match in LIST_TAG.finditer(block):
        closing, name = match.group(1), match.group(2)
        if name in ("ol", "ul"):
            depth += -1 if closing else 1
        elif name == "li" and depth == 1 and not closing:
            out.append(block[last:match.end()])
            out.append(f'<input type="checkbox" class="kb-step-check" aria-label="{escape(done_label)}"> ')
            last = match.end()
            close = block.find("</li>", match.end())
            steps.append(text_of(block[match.end():close if close > 0 else len(block)]))
    out.append(block[last:])
    marked = "".join(out).replace("<ol", '<ol class="kb-steps"', 1)
    reset = f'<p><button type="button" class="md-button kb-steps-reset">{escape(reset_label)}</button></p>'
    return html[:start] + marked + reset + html[end:], steps


QUESTION = re.compile(r'<h3 id="(q-[\w-]+)"[^>]*>(.*?)</h3>', re.S)


def fold_questions(html: str) -> tuple[str, list[tuple[str, str]]]:
    """Each question (an h3 with a q- key) and its answer become a <details>
    whose summary is the heading; returns the HTML and (question, answer) texts."""
    matches = list(QUESTION.finditer(html))
    if not matches:
        return html, []
    out, pairs, last = [], [], 0
    for n, match in enumerate(matches):
        nxt = matches[n + 1].start() if n + 1 < len(matches) else len(html)
        stop = re.search(r"<h[12]\b", html[match.end():nxt])
        end = match.end() + stop.start() if stop else nxt
        answer = html[match.end():end]
        out.append(html[last:match.start()])
        # no link inside the summary: it is the control (the heading keeps its id)
        question = HEADERLINK.sub("", match.group(0))
        out.append(f'<details class="kb-faq"><summary>{question}</summary>{answer}</details>')
        pairs.append((text_of(match.group(2)), text_of(answer)))
        last = end
    out.append(html[last:])
    return "".join(out), pairs


def faq_jsonld(pairs: list[tuple[str, str]], url: str, lang: str) -> str:
    return json.dumps({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": url,
        "inLanguage": lang,
        "mainEntity": [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in pairs
        ],
    }, ensure_ascii=False)


def howto_jsonld(title: str, summary: str, steps: list[str], url: str, lang: str) -> str:
    return json.dumps({
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": title,
        "description": summary,
        "url": url,
        "inLanguage": lang,
        "step": [{"@type": "HowToStep", "position": n, "text": text} for n, text in enumerate(steps, start=1)],
    }, ensure_ascii=False)


def reading_minutes(html: str, words_per_minute: int) -> int:
    return max(1, round(len(text_of(html).split()) / words_per_minute))
