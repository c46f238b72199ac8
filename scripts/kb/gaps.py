"""Which people and organizations of real news the knowledge base lacks.

rasid links a person or body it knows to its knowledge-base entry; one it does not
know becomes a ``new:pers:*`` / ``new:org:*`` entity with no country or a guessed one,
so its events and quotations lose their dyads. This script runs the entity layer over
dev-news articles read at run time (the news is licensed separately and never copied
into the project) and prints, to stdout only:

* the share of person and organization mentions that stay ``new:*`` (the figure a
  curator drives down), overall and per label;
* with ``--top N``, the new entities ranked by the number of articles they occur in,
  with their surface forms, one example context, and the known entries that share a
  name word (an unlinked spelling of a known person shows up there).

Articles are split into two disjoint halves by a hash of their id, so the entries can
be chosen on one half (``--half rank``) and their effect measured on the other
(``--half measure``). Never commit the output: it quotes news text.

    .venv/bin/python scripts/kb/gaps.py --half rank --limit 3000 --top 400
    .venv/bin/python scripts/kb/gaps.py --half measure --limit 1000
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rasid import Document, Pipeline
from rasid.errors import InputError
from rasid.kb.loader import KnowledgeBase
from rasid.text.normalize import match_key

ROOT = Path(__file__).resolve().parent.parent.parent
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl.gz"
#: entity-id prefixes of the mentions counted: named people and bodies, linked or new
#: (generic agents such as الجيش and synthetic office holders are neither)
_COUNTED = ("person:", "org:", "new:pers:", "new:org:")
_CONTEXT = 70
_SHARED_MAX = 3


@dataclass
class Gap:
    """One new entity: the articles it occurs in, its spellings and one context."""

    articles: set[str] = field(default_factory=set)
    surfaces: Counter = field(default_factory=Counter)
    mentions: int = 0
    example: str = ""


def select(path: Path, half: str, limit: int) -> Iterator[dict]:
    """The first ``limit`` articles of one half (by a hash of the id), or of all
    (``half="all"``), in file order."""
    wanted = {"rank": 0, "measure": 1}.get(half)  # None: every article
    taken = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if taken >= limit:
                return
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}: not valid JSON ({error.msg})")
            article_id = str(record.get("id") or number)
            if wanted is not None and hashlib.sha1(article_id.encode()).digest()[0] % 2 != wanted:
                continue
            taken += 1
            yield record


def context(text: str, start: int, end: int) -> str:
    """The words around a mention on one line, the mention in brackets."""
    left = text[max(0, start - _CONTEXT):start].rsplit("\n", 1)[-1]
    right = text[end:end + _CONTEXT].split("\n", 1)[0]
    return f"…{left}[{text[start:end]}]{right}…".replace("\n", " ")


def name_words(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Each distinctive word (matching key) of a known person's or body's Arabic names,
    and the ids that hold it, to point at known entries a new entity may be a spelling
    of. A word held by more than ``_SHARED_MAX`` entries (محمد, عبد) points nowhere."""
    words: dict[str, set[str]] = defaultdict(set)
    for kind in ("person", "org"):
        for entity in kb.of_kind(kind):
            for name in entity.ar:
                for word in name.split():
                    if len(word) > 2:
                        words[match_key(word)].add(entity.id)
    return {word: ids for word, ids in words.items() if len(ids) <= _SHARED_MAX}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news", type=Path, default=NEWS, help="articles as JSON Lines (id, date, text), plain or .gz; read only")
    parser.add_argument("--half", choices=("rank", "measure", "all"), default="rank",
                        help="which half of the articles (disjoint, by a hash of the id), "
                             "or all of them")
    parser.add_argument("--limit", type=int, default=500, help="articles to analyze")
    parser.add_argument("--top", type=int, default=0, help="new entities to list (0: none)")
    parser.add_argument("--min-articles", type=int, default=2,
                        help="list only new entities found in at least this many articles")
    parser.add_argument("--kb", action="append", default=[], help="extra knowledge-base file")
    args = parser.parse_args(argv)
    if not args.news.exists():
        sys.exit(f"{args.news}: no such news file")

    pipeline = Pipeline(pipeline=["segment", "entities"], kb_files=args.kb)
    kb = pipeline.resources.kb
    gaps: dict[str, Gap] = defaultdict(Gap)
    counted: Counter = Counter()  # (label, linked|new) -> mentions
    failed = analyzed = 0
    documents = (Document(text=r.get("text"), id=r.get("id"), date=r.get("date"),
                          title=r.get("title"), source=r.get("source"))
                 for r in select(args.news, args.half, args.limit))
    for result in pipeline.pipe(documents):
        if isinstance(result, InputError):
            failed += 1
            print(f"skipped {result}", file=sys.stderr)
            continue
        analyzed += 1
        doc = result.doc
        for mention in doc.layers.mentions:
            entity = mention.entity or ""
            if mention.label not in ("PERS", "ORG") or not entity.startswith(_COUNTED):
                continue
            new = entity.startswith("new:")
            counted[(mention.label, "new" if new else "linked")] += 1
            if not new:
                continue
            gap = gaps[entity]
            gap.mentions += 1
            gap.surfaces[mention.text] += 1
            if doc.meta.id not in gap.articles and not gap.example:
                gap.example = context(doc.text, mention.span.start, mention.span.end)
            gap.articles.add(doc.meta.id)
        if analyzed % 250 == 0:
            print(f"… {analyzed} articles", file=sys.stderr)

    print(f"articles: {analyzed} analyzed, {failed} skipped ({args.half} of "
          f"{args.news.name}, knowledge base of {len(kb):,} entries)")
    total_new = sum(n for (_, state), n in counted.items() if state == "new")
    total = sum(counted.values())
    for label in ("PERS", "ORG"):
        new, linked = counted[(label, "new")], counted[(label, "linked")]
        share = new / (new + linked) if new + linked else 0.0
        print(f"{label}: {new + linked} mentions, {new} new ({share:.1%})")
    print(f"PERS+ORG: {total} mentions, {total_new} new "
          f"({total_new / total if total else 0.0:.1%})")
    if args.top:
        words = name_words(kb)
        ranked = sorted(gaps.items(), key=lambda item: (-len(item[1].articles),
                                                        -item[1].mentions, item[0]))
        print(f"\n{'articles':>8} {'mentions':>8}  entity | forms | known entries sharing "
              "a word | example")
        for entity_id, gap in ranked[: args.top]:
            if len(gap.articles) < args.min_articles:
                break
            forms = ", ".join(f"{s} ({n})" for s, n in gap.surfaces.most_common(4))
            shared = sorted({known for surface in gap.surfaces for word in surface.split()
                             for known in words.get(match_key(word), ())})
            hint = ", ".join(shared[:4]) + (" …" if len(shared) > 4 else "")
            print(f"{len(gap.articles):>8} {gap.mentions:>8}  {entity_id} | {forms} | "
                  f"{hint or '-'} | {gap.example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
