"""How many of the ten events the user expects from their sample article rasid codes.

The article and its expectations live outside the project
(``../shared/samples/seed-article.txt`` and ``seed-expected.md``, written for people);
this script reads the article at run time and holds only the expected *facts*: each
event's PLOVER type (or the types accepted) and the countries of its parties. An
expected event counts as found when a coded event of an accepted type (any status:
background and references are coded too) has exactly those countries, on the sides
named (``None``: one side, or both sides of a reciprocal event, in any order). Each
coded event answers one expectation at most.

    .venv/bin/python scripts/check_seed.py [--article PATH] [--date 2017-03-28]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "samples" / "seed-article.txt"

#: (number, accepted types, actor countries, recipient countries or None for "all
#: parties on either side")
EXPECTED: list[tuple[int, set[str], set[str], set[str] | None]] = [
    (1, {"CONSULT"}, {"IRN"}, {"RUS"}),
    (2, {"AGREE"}, {"RUS", "IRN"}, None),
    (3, {"COOPERATE"}, {"RUS", "IRN"}, None),
    (4, {"AGREE"}, {"IRN", "RUS"}, None),
    (5, {"AGREE"}, {"USA", "RUS"}, None),
    (6, {"SUPPORT"}, {"EGY"}, set()),
    (7, {"ACCUSE", "REJECT"}, {"EGY"}, {"IRN"}),
    (8, {"COOPERATE"}, {"IRN"}, {"RUS"}),
    (9, {"COOPERATE"}, {"IRN", "RUS"}, None),
    (10, {"AGREE", "CONSULT"}, {"IRN"}, {"EGY"}),
]


def _codes(event: dict[str, Any], role: str) -> set[str]:
    return {a["code"] for a in event["arguments"] if a["role"] == role and a.get("code")}


def _fits(event: dict[str, Any], types: set[str], actor: set[str],
          recipient: set[str] | None) -> bool:
    if event["type"] not in types:
        return False
    actors, recipients = _codes(event, "actor"), _codes(event, "recipient")
    if recipient is None:
        return actors | recipients == actor
    return actors == actor and (recipients == recipient or not recipient)


def main() -> int:
    from rasid.pipeline import Pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default=str(ARTICLE))
    parser.add_argument("--date", default="2017-03-28")
    args = parser.parse_args()
    path = Path(args.article)
    if not path.exists():
        parser.error(f"{path}: the user's sample article is not there")
    events = Pipeline().analyze(path.read_text(encoding="utf-8"),
                                date=args.date).to_dict()["events"]
    used: set[str] = set()
    found = 0
    for number, types, actor, recipient in EXPECTED:
        hit = next((e for e in events if e["id"] not in used
                    and _fits(e, types, actor, recipient)), None)
        if hit is not None:
            used.add(hit["id"])
            found += 1
        where = f"{hit['type']} «{hit['trigger']['text']}» ({hit['status']})" if hit else "-"
        print(f"{number:2}  {'/'.join(sorted(types)):16} {'+'.join(sorted(actor)):8} -> "
              f"{'+'.join(sorted(recipient)) if recipient else '':8} {where}")
    print(f"expected events found: {found} of {len(EXPECTED)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
