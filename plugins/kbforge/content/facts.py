"""The fact sheet: every policy value once (``docs/facts.yml``), rendered in the
reader's language.

Babel decides the number format, the currency format, the time format and the
plural category (CLDR rules: Polish 1 dzień, 2 dni, 5 dni); the words for
each unit and category come from the fact sheet's ``units``, checked to cover
every category of every language. A value differs by language only where the
sheet says so, with a reason.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_time, get_day_names
from babel.numbers import format_currency, format_decimal, format_percent, is_currency
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from . import yamlsafe
from .errors import ContentError, ContentErrors
from .model import Text, explain

FACTS_FILE = "facts.yml"  # at the top of docs/
NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TYPES = ("duration", "count", "money", "percent", "time", "hours", "phone", "extension", "email", "url", "text")
NUMERIC = ("duration", "count", "money", "percent")
LINKABLE = {"phone": "tel:", "email": "mailto:", "url": ""}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NBSP = "\u00a0"
# Times as each language writes them where CLDR's short format is not the house style
# (Norwegian: "kl. 14.00", Språkrådet).
TIME_FORMATS = {"nb": "HH.mm"}
# Opening hours as each language writes them; the default is "{days}, {start}–{end}".
HOURS_FORMATS = {
    "nb": ("{first}–{last} kl. {start}–{end}", "{first} kl. {start}–{end}"),
    "es": ("de {first} a {last}, de {start} a {end}", "{first}, de {start} a {end}"),
}
# {{ name }}, {{ name:form }} or {{ name | form }} in plain text (front matter title and summary)
REFERENCE = re.compile(r"\{\{\s*([^|:}]*?)\s*(?:[|:]\s*([^}]*?)\s*)?\}\}")

_QUANTITY = re.compile(r"^(-?\d+(?:\.\d+)?)(?:\s+([a-z0-9]+(?:-[a-z0-9]+)*))?$")
_MONEY = re.compile(r"^(-?\d+(?:\.\d+)?)\s+([A-Z]{3})$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_HOURS = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?\s+"
                    r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://\S+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{1,20}[0-9]$")


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str | int | float
    reason: Text  # why this language differs (a currency, a law)


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: Literal[TYPES]  # type: ignore[valid-type]
    value: str | int | float
    note: Text  # what the value means, for staff (English is fine)
    languages: dict[str, Override] = {}

    @field_validator("value", mode="before")
    @classmethod
    def _text(cls, value):
        return str(value) if isinstance(value, (int, float)) else value


@dataclass(frozen=True)
class Value:
    """A fact's value for one language, parsed."""

    type: str
    raw: str
    number: Decimal | None = None
    unit: str | None = None  # a key of units (duration, count) or a currency (money)
    days: tuple[str, str] | None = None
    times: tuple[dt.time, ...] = ()


@dataclass
class FactSheet:
    languages: list[str]
    units: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # unit -> lang -> category -> word
    facts: dict[str, Fact] = field(default_factory=dict)
    values: dict[str, dict[str, Value]] = field(default_factory=dict)  # name -> lang -> value
    lines: dict[tuple, int] = field(default_factory=dict)
    shown: str = "docs/facts.yml"

    def line(self, *loc) -> int:
        return self.lines.get(tuple(loc), 1)

    def value(self, name: str, lang: str) -> Value:
        return self.values[name][lang]

    def differs(self, name: str) -> dict[str, str]:
        """Language -> reason, for the languages that have their own value."""
        return {lang: o.reason for lang, o in self.facts[name].languages.items()}

    def suggest(self, name: str) -> str:
        guess = difflib.get_close_matches(name, list(self.facts), n=1, cutoff=0.6)
        return f" (did you mean '{guess[0]}'?)" if guess else ""

    def check_use(self, name: str, form: str) -> str | None:
        """Why ``{{ name | form }}`` cannot be rendered, or None."""
        if name not in self.facts:
            return f"unknown fact '{name}'{self.suggest(name)}; facts are defined in {self.shown}"
        kind = self.facts[name].type
        if form == "number" and kind not in NUMERIC:
            return f"fact '{name}' is a {kind}; ':number' is for {', '.join(NUMERIC)} facts"
        if form == "link" and kind not in LINKABLE:
            return f"fact '{name}' is a {kind}; ':link' is for {', '.join(LINKABLE)} facts"
        if form not in ("", "number", "link"):
            return f"unknown form ':{form}' (use ':number' or ':link')"
        return None

    # -- rendering -------------------------------------------------------------

    def render(self, name: str, form: str, lang: str) -> tuple[str, str | None]:
        """(text, href) of ``{{ name:form }}`` in ``lang``; href only for ':link'."""
        value = self.value(name, lang)
        if form == "number":
            return self._number(value, lang), None
        text = self._full(value, lang)
        if form == "link":
            href = LINKABLE[value.type] + (re.sub(r"[ \-]", "", value.raw) if value.type == "phone" else value.raw)
            return text, href
        return text, None

    def render_text(self, text: str, lang: str) -> str:
        """Plain text (a title, a summary) with its fact references rendered."""
        def one(match):
            name, form = match.group(1), match.group(2) or ""
            if self.check_use(name, form) is not None:
                return match.group(0)
            return self.render(name, form, lang)[0]
        return REFERENCE.sub(one, text) if "{{" in text else text

    def _number(self, value: Value, lang: str) -> str:
        if value.type == "money":
            return format_decimal(value.number, locale=lang)
        if value.type == "percent":
            return format_decimal(value.number, locale=lang)
        return format_decimal(value.number, locale=lang)

    def _full(self, value: Value, lang: str) -> str:
        kind = value.type
        if kind in ("duration", "count"):
            number = format_decimal(value.number, locale=lang)
            if not value.unit:
                return number
            category = Locale.parse(lang).plural_form(value.number)
            words = self.units[value.unit][lang]
            return f"{number}{NBSP}{words.get(category, words['other'])}"
        if kind == "money":
            return _money(value.number, value.unit, lang)
        if kind == "percent":
            return format_percent(value.number / 100, locale=lang)
        if kind == "time":
            return format_time(value.times[0], format=TIME_FORMATS.get(lang, "short"), locale=lang)
        if kind == "hours":
            names = get_day_names("wide", locale=lang)
            first, last = (DAYS.index(d) for d in (value.days[0], value.days[1] or value.days[0]))
            start, end = (format_time(t, format=TIME_FORMATS.get(lang, "short"), locale=lang) for t in value.times)
            span, one = HOURS_FORMATS.get(lang, ("{first}–{last}, {start}–{end}", "{first}, {start}–{end}"))
            return (one if first == last else span).format(first=names[first], last=names[last], start=start, end=end)
        return value.raw


def _money(amount: Decimal, currency: str, lang: str) -> str:
    """Whole amounts without decimals ("250 €", "7.000.000 ₫"), others with them."""
    if amount == amount.to_integral_value():
        pattern = Locale.parse(lang).currency_formats["standard"].pattern
        pattern = re.sub(r"[.,]0+", "", pattern.split(";")[0])
        return format_currency(amount, currency, format=pattern, locale=lang, currency_digits=False)
    return format_currency(amount, currency, locale=lang)


def parse_value(kind: str, raw: str, units: dict) -> Value:
    """Raises ValueError with a message for writers."""
    raw = raw.strip()
    if kind in ("duration", "count", "percent"):
        match = _QUANTITY.match(raw)
        if not match:
            raise ValueError(f"a {kind} is written as a number and a unit, e.g. '24 hour'" if kind == "duration"
                             else f"a {kind} is written as a number" + (" and an optional unit" if kind == "count" else ""))
        number, unit = Decimal(match.group(1)), match.group(2)
        if kind == "duration" and not unit:
            raise ValueError("a duration needs a unit, e.g. '24 hour' or '3 working-day'")
        if kind == "percent" and unit:
            raise ValueError("a percent is a number without unit, e.g. '80'")
        if unit and unit not in units:
            guess = difflib.get_close_matches(unit, list(units), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise ValueError(f"unknown unit '{unit}'{hint}; units are defined under 'units:'")
        return Value(kind, raw, number, unit)
    if kind == "money":
        match = _MONEY.match(raw)
        if not match or not is_currency(match.group(2)):
            raise ValueError("money is written as an amount and an ISO currency code, e.g. '250 EUR'")
        return Value(kind, raw, Decimal(match.group(1)), match.group(2))
    if kind == "time":
        match = _TIME.match(raw)
        if not match:
            raise ValueError("a time is written HH:MM, e.g. '08:00'")
        return Value(kind, raw, times=(dt.time(int(match.group(1)), int(match.group(2))),))
    if kind == "hours":
        match = _HOURS.match(raw)
        if not match:
            raise ValueError("opening hours are written like 'mon-fri 08:00-18:00' or 'sat 10:00-14:00'")
        end_hour = int(match.group(5)) % 24
        times = (dt.time(int(match.group(3)), int(match.group(4))), dt.time(end_hour, int(match.group(6))))
        return Value(kind, raw, days=(match.group(1), match.group(2)), times=times)
    checks = {"email": (_EMAIL, "an e-mail address"), "url": (_URL, "an http(s) URL"),
              "phone": (_PHONE, "a phone number of digits and spaces"),
              "extension": (re.compile(r"^\d{2,8}$"), "an extension of digits")}
    if kind in checks and not checks[kind][0].match(raw):
        raise ValueError(f"expected {checks[kind][1]}, got '{raw}'")
    return Value(kind, raw)


def load_facts(path: Path, shown: str, languages: list[str]) -> FactSheet:
    """Read and check the fact sheet. Raises ``ContentErrors`` with every problem."""
    try:
        data, lines = yamlsafe.load(path.read_text(encoding="utf-8"), shown, what="YAML")
    except ContentError as exc:
        raise ContentErrors([exc]) from None
    sheet = FactSheet(list(languages), lines=lines, shown=shown)
    if data is None:
        return sheet
    errors: list[ContentError] = []
    if not isinstance(data, dict) or set(data) - {"units", "facts"}:
        raise ContentErrors([ContentError(shown, 1, "the fact sheet has two parts, 'units:' and 'facts:'")])
    _load_units(sheet, data.get("units") or {}, errors)
    for name, raw in (data.get("facts") or {}).items():
        line = lines.get(("facts", name), 1)
        if not isinstance(name, str) or not NAME.match(name):
            errors.append(ContentError(shown, line, f"fact name {name!r} must be lowercase words joined by '-'"))
            continue
        try:
            fact = Fact.model_validate(raw)
        except ValidationError as exc:
            for loc, msg in explain(exc, Fact):
                where = next((lines[("facts", name) + loc[:n]] for n in range(len(loc), 0, -1)
                              if ("facts", name) + loc[:n] in lines), line)  # the deepest key that is there
                errors.append(ContentError(shown, where, f"{name}: {msg}"))
            continue
        sheet.facts[name] = fact
        values = {}
        for lang in languages:
            override = fact.languages.get(lang)
            raw_value = str(override.value) if override else str(fact.value)
            where = lines.get(("facts", name, "languages", lang, "value") if override else ("facts", name, "value"), line)
            try:
                values[lang] = parse_value(fact.type, raw_value, sheet.units)
            except ValueError as exc:
                error = ContentError(shown, where, f"{name}: {exc}")
                if error not in errors:  # one value shared by every language: one error
                    errors.append(error)
        for lang in fact.languages:
            if lang not in languages:
                errors.append(ContentError(shown, lines.get(("facts", name, "languages", lang), line),
                                           f"{name}: unknown language '{lang}' (configured: {', '.join(languages)})"))
        if len(values) == len(languages):
            sheet.values[name] = values
    if errors:
        raise ContentErrors(errors)
    return sheet


def _load_units(sheet: FactSheet, units: dict, errors: list) -> None:
    shown = sheet.shown
    for unit, forms in units.items():
        line = sheet.line("units", unit)
        if not isinstance(unit, str) or not NAME.match(unit) or not isinstance(forms, dict):
            errors.append(ContentError(shown, line, f"unit {unit!r}: a name (lowercase words joined by '-') "
                                                    "mapping each language to its plural forms"))
            continue
        sheet.units[unit] = {}
        for lang in sheet.languages:
            words = forms.get(lang)
            needed = sorted(Locale.parse(lang).plural_form.tags | {"other"})
            if not isinstance(words, dict):
                errors.append(ContentError(shown, line, f"unit '{unit}': no forms for '{lang}' "
                                                        f"(needs {', '.join(needed)})"))
                continue
            missing = [c for c in needed if not str(words.get(c) or "").strip()]
            extra = [c for c in words if c not in needed]
            where = sheet.line("units", unit, lang)
            if missing:
                errors.append(ContentError(shown, where, f"unit '{unit}' in '{lang}': missing the plural "
                                                         f"form{'s' * (len(missing) > 1)} {', '.join(missing)}"))
            if extra:
                errors.append(ContentError(shown, where, f"unit '{unit}' in '{lang}': '{lang}' has no plural "
                                                         f"category {', '.join(map(str, extra))} (it has {', '.join(needed)})"))
            sheet.units[unit][lang] = {str(k): str(v).strip() for k, v in words.items()}
        for lang in forms:
            if lang not in sheet.languages:
                errors.append(ContentError(shown, sheet.line("units", unit, lang),
                                           f"unit '{unit}': unknown language '{lang}'"))


def quantity(value: Value) -> Decimal | None:
    return value.number
