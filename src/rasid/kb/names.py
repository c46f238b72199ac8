"""Arabic names the knowledge base holds, for lexical use before entity linking.

Glued-word repair and clitic segmentation need to know that ``بوتين`` or ``غزة`` are
words even where the frequency lexicon rates them low, and how safely each can stand
as a piece of a glued token. They read those names from the pipeline's
:class:`~rasid.kb.loader.KnowledgeBase`, so a user's entries count as names too.
"""

from __future__ import annotations

from collections.abc import Iterator

from rasid.kb.loader import KnowledgeBase
from rasid.kb.model import Entity


def _anchor_countries() -> frozenset[str]:
    from rasid.resources import load_json

    return frozenset(load_json("morphology.json")["glue"]["anchor_place_countries"])


def _strength(entity: Entity) -> int:
    """How safely a name's words can stand as pieces of a glued token.

    2: countries, their nisba forms, capitals, organizations, and the regions and cities
       of half a million of the region rasid reads most (even three-letter words: مصر,
       قطر, عدن);
    1: other large cities (words of four letters or more that are not ordinary
       frequent words);
    -1: people (their words count as names, but never anchor a rarer word);
    0: every other place (small towns whose names are often ordinary words).
    """
    kind = entity.kind
    population = entity.population or 0
    if kind == "country" or entity.capital_of:
        return 2
    if kind == "place":
        near = entity.country in _anchor_countries() or entity.country is None
        if near and (population >= 500_000 or entity.feature in ("region", "area")):
            return 2
        return 1 if population >= 100_000 else 0
    if kind == "person":
        return -1  # people's names: words of their own, but never glue anchors
    if kind == "org":
        return 2  # curated names (حماس, داعش, الأمم المتحدة) anchor like states do
    return 0


def iter_names_with_strength(kb: KnowledgeBase) -> Iterator[tuple[str, int, str, str]]:
    """Yield ``(name, strength, field, kind)`` for every Arabic name and nisba form."""
    for entity in kb.entities.values():
        strength = _strength(entity)
        for field, values in (("ar", entity.ar), ("nisba", entity.nisba)):
            for value in values:
                yield value, strength, field, entity.kind
