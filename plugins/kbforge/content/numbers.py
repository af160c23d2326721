"""What a text states, comparable across languages: numbers (digits and number
words), times, phone numbers, e-mail addresses and URLs.

"ba ngày", "tre dager", "tres días" and "trzy dni" all state 3; "08:00" and
"8:00" the same time; "800 12 345" a phone number, "2 000 000" a number.
Words for one are left out: they double as articles ("một", "en", "un").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(r"\bhttps?://[^\s<>()\"']+")
TIME = re.compile(r"(?<![\d:.,])([01]?\d|2[0-4])[:.]([0-5]\d)(?![\d:])")
# digit groups: a phone number unless every group after the first has three digits
GROUPS = re.compile(r"(?<![\w.,])\+?\d+(?:[ \u00a0\u202f.,\-]\d+)*(?![\w])")
WORD = re.compile(r"\w+", re.UNICODE)

_ONES = {
    "vi": {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10},
    "nb": {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10,
           "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17,
           "atten": 18, "nitten": 19},
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
           "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
           "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintiuna": 21,
           "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26,
           "veintisiete": 27, "veintiocho": 28, "veintinueve": 29},
    "pl": {},
}
_PL = {
    2: "dwa dwie dwóch dwu dwoma dwom", 3: "trzy trzech trzem trzema", 4: "cztery czterech czterem czterema",
    5: "pięć pięciu pięcioma", 6: "sześć sześciu sześcioma", 7: "siedem siedmiu siedmioma",
    8: "osiem ośmiu ośmioma", 9: "dziewięć dziewięciu", 10: "dziesięć dziesięciu", 11: "jedenaście jedenastu",
    12: "dwanaście dwunastu", 13: "trzynaście trzynastu", 14: "czternaście czternastu", 15: "piętnaście piętnastu",
    16: "szesnaście szesnastu", 17: "siedemnaście siedemnastu", 18: "osiemnaście osiemnastu",
    19: "dziewiętnaście dziewiętnastu", 20: "dwadzieścia dwudziestu", 30: "trzydzieści trzydziestu",
    40: "czterdzieści czterdziestu", 50: "pięćdziesiąt pięćdziesięciu", 60: "sześćdziesiąt sześćdziesięciu",
    70: "siedemdziesiąt siedemdziesięciu", 80: "osiemdziesiąt osiemdziesięciu",
    90: "dziewięćdziesiąt dziewięćdziesięciu", 100: "sto stu", 1000: "tysiąc tysiąca tysiące tysięcy",
}
_ONES["pl"] = {form: value for value, forms in _PL.items() for form in forms.split()}
_TENS = {
    "vi": {},
    "nb": {"tjue": 20, "tretti": 30, "førti": 40, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90},
    "es": {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
           "noventa": 90},
    "pl": {},
}
_BIG = {"vi": {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 10**6},
        "nb": {"hundre": 100, "tusen": 1000}, "es": {"cien": 100, "ciento": 100, "mil": 1000}, "pl": {}}
# Norwegian writes 21-99 as one word: "tjuefire"
for _tens_word, _tens in list(_TENS["nb"].items()):
    for _one_word, _one in [("en", 1), ("ett", 1), *[(w, v) for w, v in _ONES["nb"].items() if v < 10]]:
        _ONES["nb"][_tens_word + _one_word] = _tens + _one
# Vietnamese "năm" is also "year": it counts as five only before something counted
_VI_COUNTED = {"ngày", "giờ", "phút", "tuần", "tháng", "bước", "lần", "mức", "cấp", "người", "sản", "hóa",
               "phiếu", "tiếng", "giây", "câu", "điều", "yếu", "loại", "nhóm", "cách", "trường"}


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower())


def number_words(text: str, lang: str) -> list[Decimal]:
    """Numbers written as words, from two up."""
    ones, tens, big = _ONES.get(lang, {}), _TENS.get(lang, {}), _BIG.get(lang, {})
    words = [_norm(w) for w in WORD.findall(text)]
    out: list[Decimal] = []
    n = 0
    while n < len(words):
        word = words[n]
        if lang == "vi" and word == "năm" and (n + 1 >= len(words) or words[n + 1] not in _VI_COUNTED):
            n += 1
            continue
        if lang == "vi" and n and words[n - 1] == "thứ":  # "thứ Hai": a weekday or an ordinal
            n += 1
            continue
        if word not in ones and word not in tens:
            n += 1
            continue
        total, current = 0, ones.get(word) or tens.get(word)
        n += 1
        while n < len(words):  # a run of number words makes one number
            nxt = words[n]
            if lang == "vi" and nxt in ("mươi", "mười") and current < 10:
                current *= 10
            elif lang == "vi" and nxt in ("lăm", "tư", "mốt") and current >= 10:
                current += {"lăm": 5, "tư": 4, "mốt": 1}[nxt]
            elif lang == "vi" and nxt in ones and nxt != "năm" and current >= 10 and current % 10 == 0:
                current += ones[nxt]
            elif lang == "es" and nxt == "y" and n + 1 < len(words) and words[n + 1] in ones and current % 10 == 0:
                current += ones[words[n + 1]]
                n += 1
            elif lang == "pl" and nxt in ones and ones[nxt] < 10 and current >= 20 and current % 10 == 0:
                current += ones[nxt]
            elif nxt in big:
                total += current * big[nxt]
                current = 0
            else:
                break
            n += 1
        value = total + current
        if value >= 2:
            out.append(Decimal(value))
    return out


def _number(token: str) -> tuple[str, object] | None:
    digits = re.sub(r"\D", "", token)
    groups = re.split(r"[ \u00a0\u202f.,\-]", token.lstrip("+"))
    if token.startswith("+") or (len(groups) > 1 and any(len(g) != 3 for g in groups[1:])
                                 and not re.fullmatch(r"\d+[.,]\d{1,2}", token)):
        if len(digits) >= 6 and not re.fullmatch(r"\d+[.,]\d+", token):
            return "phone", digits
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+", token):
        return "number", Decimal(digits)
    match = re.fullmatch(r"(\d+)(?:[.,](\d+))?", token)
    if match:
        try:
            return "number", Decimal(match.group(1) + (("." + match.group(2)) if match.group(2) else ""))
        except InvalidOperation:
            return None
    return None


def statements(text: str, lang: str) -> Counter:
    """("number", 3), ("time", "08:00"), ("phone", "80012345"), ("email", ...), ("url", ...)."""
    found: Counter = Counter()
    for match in URL.finditer(text):
        found[("url", match.group(0).rstrip(".,;:"))] += 1
    text = URL.sub(" ", text)
    for match in EMAIL.finditer(text):
        found[("email", match.group(0).lower().rstrip("."))] += 1
    text = EMAIL.sub(" ", text)
    for match in TIME.finditer(text):
        found[("time", f"{int(match.group(1)):02d}:{match.group(2)}")] += 1
    text = TIME.sub(" ", text)
    for match in GROUPS.finditer(text):
        parsed = _number(match.group(0).strip())
        if parsed:
            found[parsed] += 1
    for value in number_words(text, lang):
        found[("number", value)] += 1
    return found
