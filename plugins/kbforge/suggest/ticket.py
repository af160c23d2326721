"""A ticket's own words: what is left of a customer's e-mail once greetings,
sign-offs, signatures, quoted history, numbers and addresses are gone.

The rules are data (``RULES``): the agent panel's script gets the same list in
the site's profile (agent/profile.json) and applies it the same way
(agent/templates/assets/kbforge/agent.js mirrors ``clean``). Patterns are
written in the syntax Python's ``re`` and JavaScript's RegExp (flags "iu")
share: no ``\\b``, no inline flags.
"""

from __future__ import annotations

import re

# Greetings that open a ticket, in the four languages (and English, which
# customers mix in); the opening line loses them, and is dropped when only
# whom it greets is left.
GREETINGS = [
    "xin chào", "chào anh chị", "chào bạn", "chào shop", "chào", "kính gửi", "dạ",
    "hei igjen", "hei", "hallo", "god morgen", "god dag", "heisann",
    "hola de nuevo", "hola", "buenos días", "buenas tardes", "buenas noches", "buenas", "estimados", "estimado",
    "estimada",
    "dzień dobry", "witam", "szanowni państwo", "szanowny panie", "szanowna pani", "cześć", "hej",
    "dear", "hello", "hi",
]
# Sign-offs: from a short line that starts with one, the rest is the signature.
SIGNOFFS = [
    "trân trọng", "thân ái", "cảm ơn", "xin cảm ơn", "cám ơn", "chân thành cảm ơn",
    "mvh", "med vennlig hilsen", "vennlig hilsen", "hilsen", "takk på forhånd", "takk for hjelpen", "takk",
    "saludos", "un saludo", "atentamente", "gracias", "muchas gracias", "cordialmente", "un cordial saludo",
    "pozdrawiam", "z poważaniem", "z wyrazami szacunku", "dziękuję", "dzięki", "serdecznie pozdrawiam",
    "best regards", "kind regards", "regards", "thanks", "thank you", "br",
]
# The line that opens quoted history: "On ... wrote:", "Vào ... đã viết:",
# "El ... escribió:", "W dniu ... napisał(a):", "Den ... skrev ...:".
QUOTE_VERBS = ["wrote", "đã viết", "escribió", "napisał", "napisała", "skrev"]
# Headers of a forwarded or quoted message.
FORWARDED = r"^(-{2,}\s*(original message|opprinnelig melding|mensaje original|wiadomość oryginalna|"\
            r"forwarded message|videresendt melding|mensaje reenviado|przekazana wiadomość|thư chuyển tiếp)"\
            r".*|(from|fra|de|od|từ|sent|sendt|enviado|wysłano|gửi lúc)\s*:.*@.*)$"
# What is never a word of the question: e-mail and web addresses, and any
# run with a digit (order, invoice and phone numbers, dates, amounts).
NOISE = [r"[^\s@<>()]+@[^\s@<>()]+", r"https?://[^\s<>]+", r"www\.[^\s<>]+", r"[^\s]*[0-9][^\s]*"]
SHORT = 6  # words: a sign-off line longer than this is a sentence
ADDRESSEE = 2  # words after a greeting that are only whom it greets ("Hei Kari,")

RULES = {
    "greetings": GREETINGS, "signoffs": SIGNOFFS, "quote_verbs": QUOTE_VERBS,
    "forwarded": FORWARDED, "noise": NOISE, "short": SHORT, "addressee": ADDRESSEE,
}


def _phrase(line: str, phrases: list[str]) -> str | None:
    """The phrase of ``phrases`` that ``line`` starts with (as whole words), longest first."""
    low = line.lower()
    for phrase in sorted(phrases, key=len, reverse=True):
        if low.startswith(phrase) and (len(low) == len(phrase) or not low[len(phrase)].isalnum()):
            return phrase
    return None


def _is_quote_header(line: str) -> bool:
    low = line.lower().rstrip()
    return low.endswith(":") and any(verb in low for verb in QUOTE_VERBS)


def clean(text: str) -> str:
    """The customer's own words in ``text``, one line per line kept."""
    forwarded = re.compile(FORWARDED, re.I)
    kept: list[str] = []
    opened = False
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line.startswith(">"):
            continue  # quoted history
        if line in ("--", "-- ", "—", "__") or _is_quote_header(line) or forwarded.match(line):
            break  # a signature, or history below
        if not line:
            continue
        short = len(line.split()) <= SHORT
        if short and _phrase(line, SIGNOFFS) and opened:
            break  # the sign-off; below it a name, a phone number, a title
        if not opened:
            opened = True
            greeting = _phrase(line, GREETINGS)
            if greeting:
                line = line[len(greeting):].lstrip(" ,!.:;")
                if len(line.split()) <= ADDRESSEE:
                    continue  # "Hei Kari,", "Chào shop,": nothing of the question
        kept.append(line)
    out = "\n".join(kept)
    for pattern in NOISE:
        out = re.sub(pattern, " ", out, flags=re.I)
    return out
