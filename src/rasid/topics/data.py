"""Training and evaluation examples for topics, from a news file and weak labels.

Two sources of labels, both read from data files a user can check and extend:

* the *section* a newspaper filed an article under, read from its URL with one regular
  expression per outlet (``data/sections.json``); an outlet wholly about one topic (a
  sports daily) labels all its articles;
* *seed words* (``data/seeds.json``) for topics no section covers (security, health):
  an article dense in a topic's seeds is a positive example, one with none a negative.

Outlets are kept whole: an evaluation names the outlets it holds out, and nothing of
theirs is seen in training.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rasid.errors import InputError
from rasid.text.normalize import match_key
from rasid.topics.features import load_data, words


@dataclass
class Article:
    """One news article with the label its section gives it (None when unlabeled)."""

    id: str
    source: str
    url: str
    title: str
    text: str
    section: str | None = None
    label: str | None = None
    seeds: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionRules:
    patterns: dict[str, re.Pattern[str]]
    sections: dict[str, dict[str, str | None]]
    outlet_labels: dict[str, str]


@cache
def section_rules() -> SectionRules:
    data = load_data("sections.json")
    outlets = data["outlets"]
    return SectionRules({name: re.compile(o["pattern"]) for name, o in outlets.items()},
                        {name: o["sections"] for name, o in outlets.items()},
                        dict(data.get("outlet_labels", {})))


def labels() -> list[str]:
    """The label set, in the order the model keeps it."""
    return [item["label"] for item in load_data("labels.json")["labels"]]


def evaluated_labels() -> list[str]:
    return list(load_data("labels.json")["evaluated"])


def section_of(source: str, url: str) -> tuple[str | None, str | None]:
    """(section slug, topic label) of an article from its outlet and URL.

    The slug is None when the outlet's URLs carry no section (or it is not listed);
    the label is None when the slug maps to no topic (opinion pages, mixed feeds).
    """
    r = section_rules()
    if source in r.outlet_labels:
        return source, r.outlet_labels[source]
    pattern = r.patterns.get(source)
    if pattern is None:
        return None, None
    match = pattern.search(url or "")
    if match is None:
        return None, None
    slug = match.group("section")
    if slug not in r.sections[source]:
        return slug, None
    return slug, r.sections[source][slug]


@dataclass(frozen=True)
class SeedRules:
    min_hits: int
    min_distinct: int
    topics: dict[str, frozenset[str]]


@cache
def seed_rules() -> SeedRules:
    data = load_data("seeds.json")
    return SeedRules(int(data["min_hits"]), int(data["min_distinct"]),
                     {topic: frozenset(match_key(w) for w in seeds)
                      for topic, seeds in data["topics"].items()})


def seed_hits(text: str) -> dict[str, tuple[int, int]]:
    """Per seeded topic: (occurrences of its seeds, distinct seeds) in ``text``."""
    r = seed_rules()
    found: dict[str, list[str]] = {topic: [] for topic in r.topics}
    for key, bare in words(text):
        for topic, seeds in r.topics.items():
            if key in seeds:
                found[topic].append(key)
            elif bare in seeds:
                found[topic].append(bare)
    return {topic: (len(hits), len(set(hits))) for topic, hits in found.items()}


def seed_label(text: str) -> dict[str, int | None]:
    """Per seeded topic: 1 (dense in its seeds), 0 (none of them) or None (between)."""
    r = seed_rules()
    result: dict[str, int | None] = {}
    for topic, (hits, distinct) in seed_hits(text).items():
        if hits >= r.min_hits and distinct >= r.min_distinct:
            result[topic] = 1
        elif hits == 0:
            result[topic] = 0
        else:
            result[topic] = None
    return result


def read_news(path: str | Path) -> Iterator[Article]:
    """The articles of a news file (JSON Lines, gzip or not), each with its section
    label; a malformed line raises InputError naming the file and line."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such news file")
    opener: Any = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(where, f"not valid JSON ({error.msg})") from None
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise InputError(where, "a news line needs a 'text' string")
                source = str(record.get("source") or "")
                url = str(record.get("url") or "")
                slug, label = section_of(source, url)
                yield Article(str(record.get("id") or number), source, url,
                              str(record.get("title") or ""), record["text"], slug, label)
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the news file ({error})") from None

