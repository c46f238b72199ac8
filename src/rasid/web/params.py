"""Query parameters shared by the API and the pages, checked once, with clear messages.

A bad parameter answers 422 with ``{"error": "invalid_parameter", "message", "errors":
[{"parameter", "message"}]}`` (an HTML page says the same), never a 500 and never a
silently ignored filter. Filters accept repeated parameters and comma-separated lists
(``type=ASSAULT&type=COERCE`` or ``type=ASSAULT,COERCE``); an empty form field counts
as absent, so the pages' filter forms can submit every field.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from fastapi import Query

from rasid.store.dyads import LEVELS, PERIODS
from rasid.store.filters import BASES, Filters

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000
MAX_TEXT = 200
MODALITIES = ("asserted", "intended", "attempted", "negated", "hypothetical", "future",
              "historical")


class BadParameter(Exception):
    """A parameter the user gave is wrong; ``message`` says why and what is allowed."""

    def __init__(self, parameter: str, message: str, status: int = 422) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message
        self.status = status


@cache
def event_types() -> tuple[str, ...]:
    from rasid.events.ontology import load_ontology

    return tuple(load_ontology())


@cache
def topic_labels() -> tuple[str, ...]:
    from rasid.topics.data import labels

    return tuple(labels())


def parse_tone(parameter: str, value: str | None) -> float | None:
    """A lexical-tone bound (a percentage, -100 to 100), or None when absent."""
    if value is None or not value.strip():
        return None
    try:
        number = float(value.strip())
    except ValueError:
        raise BadParameter(parameter, f"{value[:20]!r} is not a number") from None
    if not -100.0 <= number <= 100.0:
        raise BadParameter(parameter, "a tone is a percentage between -100 and 100")
    return number


@cache
def evidence_classes() -> tuple[str, ...]:
    from rasid.store.knowledge import evidence_classes as classes

    return tuple(classes())


def parse_date(parameter: str, value: str | None) -> datetime.date | None:
    """A ``YYYY-MM-DD`` date, or None for an absent or empty value."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise BadParameter(parameter, f"{value!r} is not a date of the form YYYY-MM-DD") from None


def split_values(values: Iterable[str] | None) -> list[str]:
    """Repeated and comma-separated values, empty ones dropped."""
    result: list[str] = []
    for value in values or []:
        result.extend(part.strip() for part in value.split(",") if part.strip())
    return result


def choose(parameter: str, values: Iterable[str], known: Iterable[str], *,
           upper: bool = False) -> tuple[str, ...]:
    """The values, each checked against ``known``."""
    allowed = tuple(known)
    chosen = []
    for value in values:
        value = value.upper() if upper else value.lower()
        if value not in allowed:
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise BadParameter(parameter, f"unknown value {shown!r} (known: "
                               f"{', '.join(allowed)})")
        chosen.append(value)
    return tuple(dict.fromkeys(chosen))


def choose_one(parameter: str, value: str | None, known: Iterable[str], default: str) -> str:
    if value is None or not value.strip():
        return default
    return choose(parameter, [value.strip()], known)[0]


def text(parameter: str, value: str | None, limit: int = MAX_TEXT) -> str | None:
    """A free-text value, stripped; None when empty; too long is an error."""
    if value is None or not value.strip():
        return None
    if len(value) > limit:
        raise BadParameter(parameter, f"at most {limit} characters")
    if "\x00" in value:
        raise BadParameter(parameter, "must not contain NUL characters")
    return value.strip()


def date_range(date_from: str | None, date_to: str | None
               ) -> tuple[datetime.date | None, datetime.date | None]:
    start = parse_date("date_from", date_from)
    end = parse_date("date_to", date_to)
    if start and end and start > end:
        raise BadParameter("date_from", f"{start} is after date_to {end}")
    return start, end


# Annotated parameter types, so every endpoint documents them the same way.
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (1-{MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
DateFrom = Annotated[str | None, Query(description="on or after this date (YYYY-MM-DD)")]
DateTo = Annotated[str | None, Query(description="on or before this date (YYYY-MM-DD)")]
TextParam = Annotated[str | None, Query(description="text (at most 200 characters)")]
Multi = Annotated[list[str] | None, Query(description="repeat or separate with commas")]
Level = Annotated[str | None, Query(description=f"actors as {' or '.join(LEVELS)} (countries "
                                    "fold people and agencies into their country)")]
Period = Annotated[str | None, Query(description=f"period: {', '.join(PERIODS)}")]
Format = Annotated[str | None, Query(description="html or json", alias="format")]


@dataclass(frozen=True)
class EventParams:
    """The raw event filters of a request, turned into the store's Filters by
    :meth:`build`."""

    date_from: str | None = None
    date_to: str | None = None
    type: list[str] | None = None
    quad: list[str] | None = None
    modality: list[str] | None = None
    evidence: list[str] | None = None
    actor: str | None = None
    recipient: str | None = None
    involving: str | None = None
    article: str | None = None
    include_duplicates: bool = False
    topic: list[str] | None = None
    not_topic: list[str] | None = None
    tone_min: str | None = None
    tone_max: str | None = None
    place: str | None = None
    basis: list[str] | None = None

    def build(self, default_evidence: tuple[str, ...] = ()) -> Filters:
        start, end = date_range(self.date_from, self.date_to)
        quads = []
        for value in split_values(self.quad):
            if value not in ("1", "2", "3", "4"):
                raise BadParameter("quad", f"{value[:20]!r} is not a quad class (1 verbal "
                                   "cooperation, 2 material cooperation, 3 verbal conflict, "
                                   "4 material conflict)")
            quads.append(int(value))
        evidence = choose("evidence", split_values(self.evidence), evidence_classes())
        tone_min = parse_tone("tone_min", self.tone_min)
        tone_max = parse_tone("tone_max", self.tone_max)
        if tone_min is not None and tone_max is not None and tone_min > tone_max:
            raise BadParameter("tone_min", f"{tone_min} is above tone_max {tone_max}")
        basis = choose("basis", split_values(self.basis), BASES)
        return Filters(
            date_from=start, date_to=end,
            types=choose("type", split_values(self.type), event_types(), upper=True),
            quads=tuple(dict.fromkeys(quads)),
            modalities=choose("modality", split_values(self.modality), MODALITIES),
            evidence=evidence or default_evidence,
            actor=text("actor", self.actor), recipient=text("recipient", self.recipient),
            involving=text("involving", self.involving), article=text("article", self.article),
            include_duplicates=self.include_duplicates,
            topics=choose("topic", split_values(self.topic), topic_labels()),
            not_topics=choose("not_topic", split_values(self.not_topic), topic_labels()),
            tone_min=tone_min, tone_max=tone_max, place=text("place", self.place),
            basis=basis or BASES,
        )


def level(value: str | None, default: str = "entity") -> str:
    return choose_one("level", value, LEVELS, default)


def event_params(
    date_from: DateFrom = None, date_to: DateTo = None,
    type: Annotated[list[str] | None, Query(description="PLOVER event types, e.g. ASSAULT "
                                             "(repeat or separate with commas)")] = None,
    quad: Annotated[list[str] | None, Query(description="quad classes 1-4")] = None,
    modality: Annotated[list[str] | None, Query(description=f"modalities: "
                                                 f"{', '.join(MODALITIES)}")] = None,
    evidence: Annotated[list[str] | None, Query(description="evidence classes: asserted, "
                                                 "statement, negated, hypothetical")] = None,
    actor: Annotated[str | None, Query(description="an actor of the event: an entity id "
                                        "(country:IRN) or a code (IRN: every entity of "
                                        "Iran)")] = None,
    recipient: Annotated[str | None, Query(description="a recipient of the event (as "
                                            "actor)")] = None,
    involving: Annotated[str | None, Query(description="actor or recipient (as actor)")] = None,
    article: Annotated[str | None, Query(description="only this article's events")] = None,
    include_duplicates: Annotated[bool, Query(description="count syndicated copies "
                                               "too")] = False,
    topic: Annotated[list[str] | None, Query(description="only events of articles with one "
                                              "of these topics (politics, economy, sports, "
                                              "culture, society, science_technology, "
                                              "security, health, religion)")] = None,
    not_topic: Annotated[list[str] | None, Query(description="leave out events of articles "
                                                  "with one of these topics")] = None,
    tone_min: Annotated[str | None, Query(description="only articles whose lexical tone "
                                           "(positive minus negative words, %) is at least "
                                           "this")] = None,
    tone_max: Annotated[str | None, Query(description="... at most this")] = None,
    place: Annotated[str | None, Query(description="only events at this place (a "
                                        "knowledge-base id, e.g. place:360630)")] = None,
    basis: Annotated[list[str] | None, Query(description="at level=country, which bases of "
                                              "a participant's country count: stated, "
                                              "place, article (default: all three)")] = None,
) -> EventParams:
    """The event filters of a request (a FastAPI dependency)."""
    return EventParams(date_from, date_to, type, quad, modality, evidence, actor, recipient,
                       involving, article, include_duplicates, topic, not_topic, tone_min,
                       tone_max, place, basis)
