"""The layers of a Doc, typed: the records each component adds, and one home for them.

The records live here, below every component, so that the Doc can name their types
without importing the packages that fill them (entities, quotes, events, dates sit
above the Doc and read it). A component sets its layer as an attribute
(``doc.layers.mentions = [...]``); every span a record holds is a :class:`~rasid.span.Span`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from rasid.layers.date import DateMention
from rasid.layers.event import Event
from rasid.layers.mention import Mention
from rasid.layers.quote import Quote

__all__ = ["LAYERS", "DateMention", "Event", "Layers", "Mention", "Quote"]


@dataclass
class Layers:
    """One list per layer, empty until its component runs (so consumers can rely on
    every key of the Analysis being there).

    ``entities`` are the knowledge-base records of the entities the mentions and events
    name (the Analysis JSON shape, each with the ids of its mentions); ``topics`` are
    ``{"label", "score"}``; ``geo`` one place record per located event.
    """

    mentions: list[Mention] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    topics: list[dict[str, Any]] = field(default_factory=list)
    geo: list[dict[str, Any]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    # Components written against the old ``dict[str, list]`` (plugins among them) keep
    # working: a layer is also reachable by its name, and only a known name is accepted.
    def __getitem__(self, name: str) -> list[Any]:
        return getattr(self, self._known(name))

    def __setitem__(self, name: str, items: list[Any]) -> None:
        setattr(self, self._known(name), items)

    def __contains__(self, name: object) -> bool:
        return name in LAYERS

    def __iter__(self) -> Iterator[str]:
        return iter(LAYERS)

    def get(self, name: str, default: list[Any] | None = None) -> list[Any]:
        return getattr(self, name) if name in LAYERS else (default or [])

    @staticmethod
    def _known(name: str) -> str:
        if name not in LAYERS:
            raise KeyError(f"no layer named {name!r}; the layers are {', '.join(LAYERS)}")
        return name

    def to_dict(self) -> dict[str, list[Any]]:
        """Every layer in its Analysis JSON form, in the order of ``LAYERS``."""
        return {name: [item.to_dict() if hasattr(item, "to_dict") else item
                       for item in getattr(self, name)] for name in LAYERS}


#: The layers in the order the Analysis JSON writes them.
LAYERS: tuple[str, ...] = tuple(f.name for f in fields(Layers))
