"""Time per character of one document as it grows from 10 k to 2 M characters.

The document is real dev news, articles joined by blank lines, cut at each size; each
size runs the whole pipeline (repair to events, Analysis JSON written) in this process,
next to a bare regex tokenization of the same text, so the ratio column compares across
a noisy machine. Time per character should stay flat (within a factor of two) and the
memory above the loaded pipeline (``+MB``) grow in proportion to the text. Each size
runs in its own child process, so its peak memory is its own.

A last row times a run of Arabic letters with no space (1.85 M characters, the kind of
input a careless client or an attacker may send): it must finish well under a minute.

Run: ``.venv/bin/python benchmarks/length_scaling.py [--sizes 10000,...] [--news PATH]
[--no-letters]``
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles

_BARE = re.compile(r"\w+|[^\w\s]")
_SIZES = "10000,40000,160000,640000,2000000"
_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ"


def _document(news: Path, size: int) -> str:
    texts: list[str] = []
    total = 0
    for article in iter_articles(news):
        texts.append(article["text"])
        total += len(article["text"]) + 2
        if total >= size:
            break
    return "\n\n".join(texts)[:size]


def _letters(size: int) -> str:
    rng = random.Random(13)
    return "".join(rng.choice(_LETTERS) for _ in range(size))


def _one(kind: str, size: int, news: Path) -> dict:
    """Runs in a child process: times one document of ``size`` characters."""
    from rasid.io import Document
    from rasid.pipeline import Pipeline

    text = _document(news, size) if kind == "news" else _letters(size)
    pipeline = Pipeline()
    pipeline.analyze("قال الوزير إن المحادثات مستمرة.")  # builds the resources
    load_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the regex pass is repeated for a tenth of a second at least, so small sizes too
    # get a steady figure
    # both are CPU seconds of this process: on a shared machine, wall-clock time mostly
    # measures the other jobs
    clock = time.process_time
    repeats = 0
    started = clock()
    while True:
        tokens = len(_BARE.findall(text))
        repeats += 1
        if clock() - started >= 0.1:
            break
    bare = (clock() - started) / repeats
    started = clock()
    result = next(pipeline.pipe([Document(text, "length", "2015-06-01", origin="length")]))
    if hasattr(result, "doc"):
        output = len(result.to_json())
        status = "analyzed"
    else:
        output = 0
        status = f"refused: {result}"
    full = clock() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kind": kind, "chars": len(text), "tokens": tokens, "seconds": full,
            "bare": bare, "peak_mb": peak, "load_mb": load_peak, "json_chars": output,
            "status": status}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=_SIZES)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--no-letters", action="store_true",
                        help="skip the 1.85 M-character run of letters")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_one(args.child[0], int(args.child[1]), Path(args.news))))
        return
    runs = [("news", int(size)) for size in args.sizes.split(",")]
    if not args.no_letters:
        runs.append(("letters", 1_850_000))
    print(f"{'document':>8} {'chars':>10} {'CPU s':>8} {'µs/char':>8} "
          f"{'vs regex':>9} {'peak MB':>8} {'+MB':>6} {'+MB/M chars':>11}  status")
    for kind, size in runs:
        child = subprocess.run([sys.executable, __file__, "--news", args.news,
                                "--child", kind, str(size)],
                               capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        per_char = row["seconds"] / row["chars"] * 1e6
        ratio = row["seconds"] / row["bare"] if row["bare"] else float("inf")
        growth = row["peak_mb"] - row["load_mb"]  # above the loaded pipeline
        print(f"{kind:>8} {row['chars']:>10,} {row['seconds']:>8.2f} {per_char:>8.1f} "
              f"{ratio:>8.0f}x {row['peak_mb']:>8.0f} {growth:>6.0f} "
              f"{growth / (row['chars'] / 1e6):>11.0f}  {row['status']}", flush=True)


if __name__ == "__main__":
    main()
