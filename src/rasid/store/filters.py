"""Which events a query looks at: one filter type and one WHERE clause for every reader.

The command line (``rasid relations``, ``rasid export``), the REST API and the
dashboard's pages all describe the events they want with :class:`Filters` and turn it
into SQL with :func:`where`, so a filter means the same thing wherever a user sets it:
only analyzed articles, syndicated copies left out unless asked for, dates on the
event's date, topics and tone on its article.

Actors are matched the same way everywhere (:func:`participant_matches`): a full
entity id (``country:IRN``, ``person:hassan-rouhani``) matches that entity; a bare code
or the part after the colon (``IRN``) matches every entity of that code or country,
so ``IRN`` also finds Iran's ministers and ministries.

Every value a user gives reaches SQL as a bound parameter; only column names written
in this module are ever put into the SQL text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Any

from rasid.store.errors import StoreError
from rasid.store.knowledge import evidence_classes

#: the bases of a participant's country (``rasid.events.context``): stated by the text,
#: taken from the event's place, or from the article's context
BASES = ("stated", "place", "article")
QUADS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class Filters:
    """Which events to read; every field is optional.

    ``actor`` and ``recipient`` ask for a participant in that role, ``involving`` for
    one in either role; on dyads (relations, the network) they apply to the dyad's
    sides. ``basis`` only matters where participants are folded into countries.
    """

    date_from: datetime.date | str | None = None
    date_to: datetime.date | str | None = None
    types: tuple[str, ...] = ()
    quads: tuple[int | str, ...] = ()
    modalities: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    actor: str | None = None
    recipient: str | None = None
    involving: str | None = None
    article: str | None = None
    #: only events at this place (a knowledge-base id such as ``place:360630``)
    place: str | None = None
    include_duplicates: bool = False
    #: which bases of a participant's country count at country level: ``stated`` only,
    #: or also countries taken from the event's ``place`` or the ``article`` context
    basis: tuple[str, ...] = BASES
    #: only events of articles with any of these topics (``rasid/topics/data/labels.json``)
    topics: tuple[str, ...] = ()
    #: leave out events of articles with any of these topics (sports, culture…)
    not_topics: tuple[str, ...] = ()
    #: bounds on the article's lexical tone (positive minus negative words, in %)
    tone_min: float | None = None
    tone_max: float | None = None

    def without_participants(self) -> Filters:
        """The same filters with no actor, recipient or involving."""
        return replace(self, actor=None, recipient=None, involving=None)

    def participants(self) -> tuple[tuple[str | None, str], ...]:
        """``(role, value)`` of each participant filter set (role None: either)."""
        given = (("actor", self.actor), ("recipient", self.recipient), (None, self.involving))
        return tuple((role, value) for role, value in given if value)


def check(filters: Filters) -> None:
    """Raise StoreError naming the first value no store can hold."""
    unknown = sorted(set(filters.evidence) - set(evidence_classes()))
    if unknown:
        raise StoreError(f"unknown evidence class {', '.join(unknown)} "
                         f"(known: {', '.join(evidence_classes())})")
    unknown = sorted({str(q) for q in filters.quads} - set(QUADS))
    if unknown:
        raise StoreError(f"unknown quad class {', '.join(unknown)} (known: 1, 2, 3, 4)")
    unknown = sorted(set(filters.basis) - set(BASES))
    if unknown:
        raise StoreError(f"unknown basis {', '.join(unknown)} (known: {', '.join(BASES)})")
    if filters.topics or filters.not_topics:
        from rasid.topics.data import labels

        unknown = sorted(set(filters.topics + filters.not_topics) - set(labels()))
        if unknown:
            raise StoreError(f"unknown topic {', '.join(unknown)} "
                             f"(known: {', '.join(labels())})")


def participant_matches(entity: str, code: str, country: str) -> str:
    """SQL true when the participant whose entity id, code and country are the given
    column expressions is the actor a user named with the one bound parameter ``?``
    (given four times: see :func:`match_params`)."""
    return (f"({entity} = ? OR ends_with({entity}, ':' || ?) OR {code} = ? "
            f"OR {country} = ?)")


def match_params(value: str) -> list[str]:
    """The parameters of :func:`participant_matches` for ``value``."""
    return [value] * 4


_PARTICIPANT = (
    "EXISTS (SELECT 1 FROM event_actors x LEFT JOIN entities n "
    "ON n.article_id = x.article_id AND n.id = x.entity_id "
    "WHERE x.article_id = e.article_id AND x.event_id = e.id{role} AND {matches})"
)


def where(filters: Filters, *, participants: bool = True) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e JOIN articles a`` and its parameters.

    With ``participants=False`` the actor, recipient and involving filters are left to
    the caller (dyads apply them to their sides)."""
    check(filters)
    conditions = ["a.status = 'ok'"]
    params: list[Any] = []
    if not filters.include_duplicates:
        conditions.append("a.duplicate_of IS NULL")
    for bound, operator in ((filters.date_from, ">="), (filters.date_to, "<=")):
        if bound is not None:
            conditions.append(f"e.date {operator} CAST(? AS DATE)")
            params.append(str(bound))
    for column, values in (("e.type", filters.types), ("e.modality", filters.modalities),
                           ("e.evidence", filters.evidence),
                           ("e.quad", tuple(str(q) for q in filters.quads))):
        if values:
            conditions.append(f"{column} IN (SELECT unnest(?))")
            params.append(list(values))
    for values, negate in ((filters.topics, ""), (filters.not_topics, "NOT ")):
        if values:
            conditions.append(f"{negate}EXISTS (SELECT 1 FROM article_topics t WHERE "
                              "t.article_id = a.id AND t.label IN (SELECT unnest(?)))")
            params.append(list(values))
    for bound, operator in ((filters.tone_min, ">="), (filters.tone_max, "<=")):
        if bound is not None:
            conditions.append(f"a.tone_lexical {operator} ?")
            params.append(float(bound))
    for column, value in (("e.place", filters.place), ("e.article_id", filters.article)):
        if value:
            conditions.append(f"{column} = ?")
            params.append(value)
    if participants:
        for role, value in filters.participants():
            role_sql = f" AND x.role = '{role}'" if role else ""
            conditions.append(_PARTICIPANT.format(
                role=role_sql, matches=participant_matches("x.entity_id", "n.code",
                                                           "n.country")))
            params.extend(match_params(value))
    return " AND ".join(conditions), params
