"""Context countries: the country of a participant the sentence names without one.

Human coders give a generic agent (the army, the resistance, security forces, gunmen,
protesters, residents) or a person missing from the knowledge base the country that
the context establishes: the resistance in a Taiz story is Yemeni. rasid does the same,
in a fixed order, and records the basis so that users and ``rasid relations`` can
filter on it:

1. ``stated``: the participant's own entity has a country (a state, a known official,
   ``الجيش اليمني`` as one composite entity, a national group), or its words state it
   whatever the context (``قوات الاحتلال`` are Israeli: ``fixed`` in ``context.json``),
   or a country nisba in apposition states it for a name the knowledge base does not
   know (``رئيس الأركان الأمريكي الجنرال فلان``, ``حزب اليسار الألماني``).
2. ``place``: the event's place, or a place named in the event's sentence, when the
   article supports that place's country (names it, or two things of it): a lone
   place of a far country is usually a gazetteer homograph, not the scene.
3. ``article``: the dominant country of the sentence's paragraph (this sentence and
   the two before it), else of the whole article (countries named as such and the
   countries of the places named).

An event whose doer is not named at all gets an *implicit* actor of the article's
country (``"implicit": true``, no entity), as the corpus's coders give the side the
story makes plain; relations count entities only, so it never makes a dyad.

Some agents take another country in a known context (the coalition fighting in Yemen
in 2015 is the Saudi-led one): ``events/data/context.json`` lists them, with dates.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rasid.doc import Doc
from rasid.resources import package_path

DATA = package_path("rasid.events", "data")
#: Kinds that never carry a political country of their own here.
_NO_COUNTRY_KINDS = frozenset({"place"})


@dataclass(frozen=True)
class Participant:
    role: str
    entity: str
    code: str | None
    sector: str | None
    basis: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "entity": self.entity, "code": self.code,
                "sector": self.sector, "basis": self.basis}


class ArticleContext:
    """Countries named in each sentence of one Doc, built once per Doc."""

    def __init__(self, doc: Doc, rules: list[dict[str, Any]] | None = None,
                 org_code: Any = None,
                 implicit_rules: list[dict[str, Any]] | None = None,
                 fixed: dict[str, dict[str, Any]] | None = None,
                 stated: dict[str, str] | None = None) -> None:
        # the code of an organization of the knowledge base (UNO for the UN), for the
        # people who act for one: the UN envoy acts for the UN, not for his country
        self.org_code = org_code or (lambda _org: None)
        self.entities: dict[str, dict[str, Any]] = {
            e["id"]: e for e in doc.layers.entities}
        self.date = doc.meta.date
        self.rules = rules or []
        self.implicit_rules = implicit_rules or []
        #: agents whose country the phrase itself states (قوات الاحتلال is Israeli)
        self.fixed = fixed if fixed is not None else load_fixed()
        #: unknown names whose own phrase states a country (الجنرال الأمريكي فلان)
        self.stated = stated or {}
        #: what names each country in the article: entity ids, and whether the
        #: country itself is named (a place's country needs support, see _supported)
        self.support: dict[str, set[str]] = {}
        self.named_countries: set[str] = set()
        starts = [s.start for s in doc.sentences]
        self.by_sentence: list[Counter[str]] = [Counter() for _ in doc.sentences]
        self.places: list[list[str]] = [[] for _ in doc.sentences]
        self.article: Counter[str] = Counter()
        for mention in doc.layers.mentions:
            index = _sentence_index(starts, mention.start)
            if index is None:
                continue
            for entity_id in mention.refers_to() or ((mention.entity,) if mention.entity
                                                      else ()):
                entity = self.entities.get(entity_id)
                if not entity or not entity.get("country"):
                    continue
                country = entity["country"]
                # every named actor with a country counts (a Houthi statement is a Yemen
                # story), states and places twice: they say where the story is
                weight = 2 if entity.get("kind") in ("country", "place") else 1
                self.by_sentence[index][country] += weight
                self.article[country] += weight
                self.support.setdefault(country, set()).add(entity_id)
                if entity.get("kind") == "country":
                    self.named_countries.add(country)
                if entity.get("kind") == "place" and mention.label == "LOC":
                    self.places[index].append(country)

    def dominant(self, index: int, exclude: frozenset[str] = frozenset()) -> str | None:
        """The paragraph's country, else the article's (ties: the first named);
        countries of ``exclude`` are passed over."""
        paragraph: Counter[str] = Counter()
        for k in range(max(0, index - 2), index + 1):
            paragraph.update(self.by_sentence[k])
        for counts in (paragraph, self.article):
            counts = Counter({c: n for c, n in counts.items() if c not in exclude})
            if counts:
                best = max(counts.values())
                leaders = [c for c, n in counts.items() if n == best]
                if len(leaders) == 1:
                    return leaders[0]
        return None

    def participant(self, role: str, entity_id: str, index: int,
                    place_country: str | None) -> Participant:
        entity = self.entities.get(entity_id, {})
        sector = entity.get("sector")
        code = entity.get("code") or entity.get("country")
        if entity.get("kind") in _NO_COUNTRY_KINDS:
            return Participant(role, entity_id, entity.get("country"), None, "stated")
        office = entity.get("role") or {}
        international = self.org_code(office["org"]) if office.get("org") else None
        if international:
            return Participant(role, entity_id, international, sector, "stated")
        if code:
            return Participant(role, entity_id, code, sector, "stated")
        owner = self._role_owner(entity_id, entity)
        if owner:
            return Participant(role, entity_id, owner, sector, "stated")
        if entity_id in self.stated:
            return Participant(role, entity_id, self.stated[entity_id], sector, "stated")
        if entity_id in self.fixed:
            return Participant(role, entity_id, self.fixed[entity_id]["country"], sector,
                               "stated")
        places = [c for c in ([place_country] if place_country else []) + self.places[index]
                  if self._supported(c)]
        local = places[0] if places else None
        if local:
            code, basis = local, "place"
        else:
            code, basis = self.dominant(index), "article"
        if code:
            code = self._rule(entity_id, code)
            return Participant(role, entity_id, code, sector, basis)
        return Participant(role, entity_id, None, sector, None)

    def _role_owner(self, entity_id: str, entity: dict[str, Any]) -> str | None:
        """The code of the body an office belongs to, for an office named without
        its holder: «الأمين العام لمنظمة التعاون الإسلامي» (``role:…/org:oic``) acts
        for the OIC (IGO), not for the country of the story."""
        if entity.get("kind") != "role" or "/" not in entity_id:
            return None
        owner = entity_id.split("/", 1)[1]
        if owner.startswith("org:"):
            return self.org_code(owner) or (self.entities.get(owner) or {}).get("code")
        return owner if len(owner) == 3 and owner.isupper() else None

    def _supported(self, country: str) -> bool:
        """A place's country counts when the article names that country, or two
        different things of it, or leads with it: a lone place of a far country in a
        story about somewhere else is more often a gazetteer homograph (a village
        that shares a word with the text) than the scene of the event."""
        if country in self.named_countries or len(self.support.get(country, ())) >= 2:
            return True
        # the place's country leads the article (nothing else points elsewhere more)
        best = max(self.article.values(), default=0)
        return self.article.get(country, 0) == best

    def implicit(self, role: str, index: int, mode: str | None = None,
                 exclude: frozenset[str] = frozenset()) -> dict[str, Any] | None:
        """An unnamed participant the story makes plain: the side that fights, arrests
        or meets in a Yemen story is Yemeni unless the sentence says otherwise. It has
        no entity (it names no one), only the country of its context and the basis
        ``article``; relations, which count entities, leave it out. ``exclude``: the
        countries it cannot be (a visit to Egypt is not made by Egypt)."""
        country = self.dominant(index, exclude)
        if country is None:
            return None
        for rule in self.implicit_rules:
            if rule["mode"] == mode and rule["context"] == country and (
                    not self.date or rule["from"] <= self.date <= rule["to"]):
                country = rule["country"]
                break
        return {"role": role, "entity": None, "code": country, "sector": None,
                "basis": "article", "implicit": True}

    def _rule(self, entity_id: str, context: str) -> str:
        for rule in self.rules:
            if rule["entity"] != entity_id or rule["context"] != context:
                continue
            if self.date and not (rule.get("from", "") <= self.date <= rule.get("to", "9999")):
                continue
            return rule["country"]
        return context


def load_rules() -> list[dict[str, Any]]:
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return list(data["agents"])


def load_fixed() -> dict[str, dict[str, Any]]:
    """Agents whose own words state their country whatever the context."""
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return {item["entity"]: item for item in data.get("fixed", [])}


def load_implicit_rules() -> list[dict[str, Any]]:
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return list(data.get("implicit", []))


def load_implicit_elsewhere_types() -> frozenset[str]:
    """Event types whose implicit doer is never of the recipient's country."""
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return frozenset(data.get("implicit_actor_elsewhere_types", []))


def load_implicit_foreign_types() -> frozenset[str]:
    """Event types whose unnamed recipient is of the story's country when their doer
    is of another."""
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return frozenset(data.get("implicit_recipient_foreign_types", []))


def load_implicit_recipient_types() -> frozenset[str]:
    data = json.loads((DATA / "context.json").read_text(encoding="utf-8"))
    return frozenset(data.get("implicit_recipient_types", []))


def _sentence_index(starts: list[int], position: int) -> int | None:
    import bisect

    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 else None
