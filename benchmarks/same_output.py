"""Checks that a speed change left rasid's output exactly as it was.

Analyzes the first N dev articles (with their titles and dates, through
``Pipeline.pipe`` as ``rasid analyze`` does) and writes one Analysis JSON line per
article, or a failure record for an article that cannot be analyzed. ``--save FILE``
keeps that as the reference (run it on the code before the change); ``--check FILE``
compares today's output with the reference byte for byte and names the first
articles that differ and the first top-level keys where they differ.

Run: ``.venv/bin/python benchmarks/same_output.py --save /tmp/ref.jsonl [--articles 300]``
then, after the change, ``.venv/bin/python benchmarks/same_output.py --check
/tmp/ref.jsonl``. The reference holds the licensed news text: keep it out of the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles
from rasid.analysis import failure_dict
from rasid.errors import InputError
from rasid.io import Document
from rasid.pipeline import Pipeline


def analysis_lines(news: Path, count: int) -> list[str]:
    """One JSON line per article, in the order of the news file."""
    documents = [Document(a["text"], a["id"], a["date"], title=a.get("title"),
                          source=a.get("source"), url=a.get("url"), origin=a["id"])
                 for a in iter_articles(news, count)]
    lines = []
    for result in Pipeline().pipe(documents):
        if isinstance(result, InputError):
            lines.append(json.dumps(failure_dict(result), ensure_ascii=False))
        else:
            lines.append(result.to_json())
    return lines


def first_differences(old: str, new: str) -> list[str]:
    """The top-level keys whose values differ between two Analysis JSON lines."""
    before, after = json.loads(old), json.loads(new)
    return [key for key in dict.fromkeys([*before, *after]) if before.get(key) != after.get(key)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", metavar="FILE", help="write the reference output here")
    what.add_argument("--check", metavar="FILE", help="compare with this reference")
    args = parser.parse_args()

    lines = analysis_lines(Path(args.news), args.articles)
    if args.save:
        Path(args.save).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {len(lines)} analyses to {args.save}")
        return 0
    reference = Path(args.check).read_text(encoding="utf-8").splitlines()
    if len(reference) != len(lines):
        print(f"DIFFERENT: {len(reference)} reference lines, {len(lines)} now")
        return 1
    differing = [i for i, (old, new) in enumerate(zip(reference, lines, strict=True))
                 if old != new]
    if not differing:
        print(f"identical: {len(lines)} analyses, byte for byte")
        return 0
    print(f"DIFFERENT: {len(differing)} of {len(lines)} analyses")
    for i in differing[:5]:
        print(f"  line {i + 1}: keys {first_differences(reference[i], lines[i])}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
