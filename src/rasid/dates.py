"""When did it happen: date expressions resolved against the article date.

Handles what news writes: ``أمس``, ``اليوم``, ``الثلاثاء الماضي``, ``مايو المقبل``,
``قبل يومين``, ``الأسبوع الماضي``, explicit dates (``27 مارس 2017``, ``27/3/2017``,
in Arabic-Indic digits too). Each result says its precision (day, month, year) and
the span it came from. The words live in ``rasid/lang/ar/data/dates.json``. The ``dates`` pipeline
component reads them once per Doc into the ``dates`` layer of the Analysis; the event
coder dates each event from that layer.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache

from rasid.caches import cache_size
from rasid.doc import Doc, Token
from rasid.layers.date import DateMention
from rasid.resources import load_json
from rasid.span import Span
from rasid.text.normalize import match_key

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$")
_PREFIXES = tuple(load_json("dates.json")["prefixes"])


@lru_cache(maxsize=1)
def _tables() -> dict:
    data = load_json("dates.json")
    months: dict[tuple[str, ...], int] = {}
    for number, names in data["months"].items():
        for name in names:
            months[tuple(match_key(w) for w in name.split())] = int(number)
    weekdays = {match_key(n): int(d) for d, names in data["weekdays"].items() for n in names}
    relative = {tuple(match_key(w) for w in k.split()): v
                for k, v in data["relative_days"].items()}
    starts = {k[0] for k in months} | set(weekdays) | {k[0] for k in relative}
    starts |= {match_key(w) for w in data["ago"]} | {match_key(k) for k in data["period_words"]}
    return {
        "starts": frozenset(starts),
        "months": months, "weekdays": weekdays, "relative": relative,
        "past": frozenset(match_key(w) for w in data["past"]),
        "next": frozenset(match_key(w) for w in data["next"]),
        "units": {match_key(k): v for k, v in data["units"].items()},
        "ago": frozenset(match_key(w) for w in data["ago"]),
        "periods": {match_key(k): v for k, v in data["period_words"].items()},
    }


@lru_cache(maxsize=cache_size("date_starts"))
def _may_start(form: str) -> bool:
    """Whether an Arabic word, with or without its prefixes, begins a date expression:
    asked once per distinct form (most words begin none)."""
    starts = _tables()["starts"]
    key = match_key(form)
    if key in starts:
        return True
    for prefix in _PREFIXES:
        p = match_key(prefix)
        if key.startswith(p) and len(key) - len(p) >= 3:
            return key[len(p):] in starts
    return False


def _key(token: Token, strip: bool = True) -> str:
    key = match_key(token.text)
    if strip:
        for prefix in _PREFIXES:
            p = match_key(prefix)
            if key.startswith(p) and len(key) - len(p) >= 3:
                return key[len(p):]
    return key


def _number(token: Token) -> int | None:
    if token.kind != "number":
        return None
    text = token.text.translate(_DIGITS)
    return int(text) if text.isdigit() else None


def _phrase(tokens: list[Token], i: int, table: dict[tuple[str, ...], int]
            ) -> tuple[int, int] | None:
    """(value, length) of the longest phrase of ``table`` at ``tokens[i]``."""
    for length in (2, 1):
        if i + length > len(tokens):
            continue
        keys = tuple(_key(t) if n == 0 else match_key(t.text)
                     for n, t in enumerate(tokens[i : i + length]))
        plain = tuple(match_key(t.text) for t in tokens[i : i + length])
        for candidate in (plain, keys):
            if candidate in table:
                return table[candidate], length
    return None


def find_dates(tokens: list[Token], article_date: str | None) -> list[DateMention]:
    """Date expressions among ``tokens``; relative ones need the article date."""
    t = _tables()
    base = dt.date.fromisoformat(article_date) if article_date else None
    found: list[DateMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != "number" and (token.kind != "arabic" or not _may_start(token.text)):
            i += 1  # most words start no date expression
            continue
        result = _explicit(tokens, i, t, base) or (
            _relative(tokens, i, t, base) if base else None)
        if result is None:
            i += 1
            continue
        mention, used = result
        found.append(mention)
        i += used
    return found


def _explicit(tokens: list[Token], i: int, t: dict, base: dt.date | None
              ) -> tuple[DateMention, int] | None:
    token = tokens[i]
    if token.kind == "number":
        match = _NUMERIC.match(token.text.translate(_DIGITS))
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                date = dt.date(year, month, day)
            except ValueError:
                return None
            return DateMention(date.isoformat(), "day", Span(token.start, token.end), False), 1
        day = _number(token)
        month = _phrase(tokens, i + 1, t["months"]) if day and 1 <= day <= 31 else None
        if month:
            value, length = month
            year_index = i + 1 + length
            year = _number(tokens[year_index]) if year_index < len(tokens) else None
            if year is None or not 1900 <= year <= 2100:
                if base is None:
                    return None
                year, used = base.year, 1 + length
            else:
                used = 2 + length
            try:
                date = dt.date(year, value, day)
            except ValueError:
                return None
            end = tokens[i + used - 1].end
            return DateMention(date.isoformat(), "day", Span(token.start, end), False), used
    return None


def _relative(tokens: list[Token], i: int, t: dict, base: dt.date
              ) -> tuple[DateMention, int] | None:
    """A date stated relative to the article's: a named day (أمس، اليوم), a weekday, a
    month without a year, a period back or ahead (الأسبوع الماضي), or «قبل 3 أيام»."""
    for reader in (_named_day, _weekday, _month, _period, _ago):
        found = reader(tokens, i, t, base)
        if found is not None:
            return found
    return None


def _named_day(tokens: list[Token], i: int, t: dict, base: dt.date
               ) -> tuple[DateMention, int] | None:
    relative = _phrase(tokens, i, t["relative"])
    if not relative:
        return None
    offset, length = relative
    date = base + dt.timedelta(days=offset)
    return DateMention(date.isoformat(), "day", Span(tokens[i].start, tokens[i + length - 1].end),
                       True), length


def _weekday(tokens: list[Token], i: int, t: dict, base: dt.date
             ) -> tuple[DateMention, int] | None:
    """The last such weekday on or before the article's date, or the next one after it
    when «المقبل» follows."""
    token = tokens[i]
    key = _key(token)
    if key not in t["weekdays"] and match_key(token.text) not in t["weekdays"]:
        return None
    following = match_key(tokens[i + 1].text) if i + 1 < len(tokens) else ""
    weekday = t["weekdays"].get(key, t["weekdays"].get(match_key(token.text)))
    delta = (base.weekday() - weekday) % 7
    if following in t["next"]:
        date = base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
        return DateMention(date.isoformat(), "day", Span(token.start, tokens[i + 1].end),
                           True), 2
    date = base - dt.timedelta(days=delta or (7 if following in t["past"] else 0))
    used = 2 if following in t["past"] else 1
    return DateMention(date.isoformat(), "day", Span(token.start, tokens[i + used - 1].end),
                       True), used


def _month(tokens: list[Token], i: int, t: dict, base: dt.date
           ) -> tuple[DateMention, int] | None:
    """A month with its year, or of the article's year (the next or last one when
    «المقبل» or «الماضي» follows)."""
    month = _phrase(tokens, i, t["months"])
    if not month:
        return None
    value, length = month
    after = match_key(tokens[i + length].text) if i + length < len(tokens) else ""
    year = base.year
    number = _number(tokens[i + length]) if i + length < len(tokens) else None
    if number and 1900 <= number <= 2100:
        return DateMention(dt.date(number, value, 1).isoformat(), "month",
                           Span(tokens[i].start, tokens[i + length].end), False), length + 1
    if after in t["next"] and value <= base.month:
        year += 1
    elif after in t["past"] and value >= base.month:
        year -= 1
    used = length + (1 if after in t["next"] | t["past"] else 0)
    return DateMention(dt.date(year, value, 1).isoformat(), "month",
                       Span(tokens[i].start, tokens[i + used - 1].end), True), used


def _period(tokens: list[Token], i: int, t: dict, base: dt.date
            ) -> tuple[DateMention, int] | None:
    """«الأسبوع الماضي», «الشهر المقبل», «العام الماضي»."""
    key = _key(tokens[i])
    following = match_key(tokens[i + 1].text) if i + 1 < len(tokens) else ""
    if key not in t["periods"] or following not in t["past"] | t["next"]:
        return None
    days = t["periods"][key] * (1 if following in t["next"] else -1)
    try:
        date = base + dt.timedelta(days=days)
    except OverflowError:
        return None
    precision = "year" if t["periods"][key] == 365 else "month" if t["periods"][key] == 30 \
        else "day"
    if precision == "year":
        date = dt.date(date.year, 1, 1)
    return DateMention(date.isoformat(), precision, Span(tokens[i].start, tokens[i + 1].end),
                       True), 2


def _ago(tokens: list[Token], i: int, t: dict, base: dt.date
         ) -> tuple[DateMention, int] | None:
    """«قبل 3 أيام», «قبل أسبوع»."""
    if _key(tokens[i]) not in t["ago"] or i + 1 >= len(tokens):
        return None
    count = _number(tokens[i + 1])
    unit_index = i + 2 if count else i + 1
    if unit_index >= len(tokens):
        return None
    unit = t["units"].get(match_key(tokens[unit_index].text))
    if not unit or (count or 1) > 5000:  # قبل 3 أيام, not قبل 10000000 سنة
        return None
    try:
        date = base - dt.timedelta(days=unit * (count or 1))
    except OverflowError:
        return None
    return DateMention(date.isoformat(), "day", Span(tokens[i].start, tokens[unit_index].end),
                       True), unit_index - i + 1


def find_doc_dates(doc: Doc) -> list[DateMention]:
    """The date expressions of a whole Doc, read sentence by sentence (a date never
    spans two sentences), in text order, each with the words it was read from."""
    found: list[DateMention] = []
    for sentence in doc.sentences:
        tokens = sentence.tokens.of(doc.tokens)
        found.extend(replace(m, text=m.span.of(doc.text))
                     for m in find_dates(tokens, doc.meta.date))
    return found


def dates_in(dates: list[DateMention], starts: list[int], start: int, end: int
             ) -> list[DateMention]:
    """The dates (sorted by start, ``starts`` their starts) that begin in ``[start, end)``."""
    return dates[bisect_left(starts, start) : bisect_left(starts, end)]
