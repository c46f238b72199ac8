"""Quotations gold: working files (with text, for annotators) to the committed offsets
file, and agreement between two independent passes.

Why: the committed gold (``annotations/quotes/quotes.jsonl``) holds offsets only; the
annotators work with the text (``annotations/work/quotes``, never committed). A name is
annotated once with its forms; here every place the article writes one of them becomes
a span, so recall is measured on each occurrence.

    python scripts/annotate/quotes.py build PASS.jsonl… --out annotations/quotes/quotes.jsonl
    python scripts/annotate/quotes.py agree PASS_A.jsonl PASS_B.jsonl
    python scripts/annotate/quotes.py resolve ANCHORED.jsonl --out PASS.jsonl
    python scripts/annotate/quotes.py build PASS.jsonl --out annotations/quotes/quotes.jsonl \
        --append

``resolve`` lets an annotator write words instead of offsets: each quotation's cue (in
text order; ``at`` a longer unique phrase holding it when the bare cue is ambiguous),
its speaker words (the occurrence nearest the cue) and its content as «first words…last
words»; it writes the offsets ``build`` reads and refuses what it cannot place.
``--append`` keeps the articles the gold already has and adds the new ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
WORK = PROJECT / "annotations/work/quotes"
#: proclitics a name may carry in the text (وشكري، لوزارة، بالحوثيين)
_BEFORE = r"(?:(?<=^)|(?<=[^\w])|(?<=[وفبلك])|(?<=[وفبلك]ال)|(?<=ال))"


def texts() -> dict[str, str]:
    found = {}
    for path in sorted(WORK.glob("batch-*.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            found[row["article"]] = row["text"]
    return found


def read(path: str) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def name_spans(text: str, forms: list[str]) -> list[list[int]]:
    """Every place a form of the name stands as a word (longest forms first)."""
    taken: list[list[int]] = []
    for form in sorted({f for f in forms if f and f.strip()}, key=len, reverse=True):
        for match in re.finditer(_BEFORE + re.escape(form) + r"(?!\w)", text):
            span = [match.start(), match.end()]
            if not any(s < span[1] and span[0] < e for s, e in taken):
                taken.append(span)
    return sorted(taken)


def check(row: dict, text: str) -> list[str]:
    problems = []
    for q in row.get("quotes", []):
        if text[q["cue_start"]:q["cue_end"]] != q["cue"]:
            problems.append(f"cue {q['cue']!r} at {q['cue_start']}")
        if q.get("speaker") is not None and \
                text[q["speaker_start"]:q["speaker_end"]] != q["speaker"]:
            problems.append(f"speaker {q['speaker']!r} at {q['speaker_start']}")
        if not 0 <= q["content_start"] < q["content_end"] <= len(text):
            problems.append(f"content {q['content_start']}-{q['content_end']}")
    for group in ("people", "orgs"):
        for entry in row.get(group, []):
            for form in [entry["name"], *entry.get("forms", [])]:
                if form not in text:
                    problems.append(f"{group} form {form!r} not in the text")
    return problems


def convert(row: dict, text: str, annotator: str) -> dict:
    quotes = []
    for q in row.get("quotes", []):
        name = q.get("speaker_name")
        at = text.find(name) if name else -1
        quotes.append({
            "cue": [q["cue_start"], q["cue_end"]],
            "speaker": [q["speaker_start"], q["speaker_end"]]
            if q.get("speaker") is not None else None,
            "speaker_name": [at, at + len(name)] if at >= 0 else None,
            "content": [q["content_start"], q["content_end"]],
            "kind": q["kind"]})
    return {"article": row["article"], "quotes": quotes,
            "people": [name_spans(text, [p["name"], *p.get("forms", [])])
                       for p in row.get("people", [])],
            "orgs": [name_spans(text, [o["name"], *o.get("forms", [])])
                     for o in row.get("orgs", [])],
            "annotator": annotator}


def _word_at(text: str, word: str, start: int) -> int:
    """First place at or after ``start`` where ``word`` begins a word (a proclitic و/ف
    may stand before it)."""
    for match in re.finditer(r"(?:(?<=^)|(?<=[^\w])|(?<=[وف]))" + re.escape(word) + r"(?!\w)",
                             text[start:]):
        return start + match.start()
    return -1


def _nearest(text: str, words: str, at: int) -> int:
    """The occurrence of ``words`` nearest to offset ``at``."""
    places = [m.start() for m in re.finditer(re.escape(words), text)]
    return min(places, key=lambda p: abs(p - at)) if places else -1


def resolve_row(row: dict, text: str) -> tuple[dict, list[str]]:
    """An anchored annotation (words) as a working one (words and offsets)."""
    problems: list[str] = []
    quotes = []
    position = 0
    for q in row.get("quotes", []):
        cue = q["cue"]
        anchor = q.get("at") or cue
        where = _word_at(text, anchor, position) if anchor == cue else text.find(anchor, position)
        if where < 0:
            problems.append(f"cue {anchor!r} after {position}")
            continue
        cue_start = where + anchor.index(cue)
        position = cue_start + len(cue)
        out = {"cue": cue, "cue_start": cue_start, "cue_end": cue_start + len(cue),
               "speaker": q.get("speaker"), "speaker_name": q.get("speaker_name"),
               "kind": q.get("kind", "reported")}
        if q.get("speaker_name") and q["speaker_name"] not in text:
            problems.append(f"speaker name {q['speaker_name']!r} not in the text")
        if q.get("speaker"):
            at = _nearest(text, q["speaker"], cue_start)
            if at < 0:
                problems.append(f"speaker {q['speaker']!r}")
                continue
            out["speaker_start"], out["speaker_end"] = at, at + len(q["speaker"])
        first, _, last = q["content"].partition("…")
        at = _nearest(text, first, position)
        end = text.find(last, at) + len(last) if last else at + len(first)
        if at < 0 or (last and end < len(last)):
            problems.append(f"content {q['content']!r}")
            continue
        out["content_start"], out["content_end"] = at, end
        quotes.append(out)
    resolved = {k: v for k, v in row.items() if k != "quotes"}
    resolved["quotes"] = quotes
    return resolved, problems


def resolve(args: argparse.Namespace) -> int:
    source = texts()
    bad = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for row in read(args.anchored):
            resolved, problems = resolve_row(row, source[row["article"]])
            problems += check(resolved, source[row["article"]])
            if problems:
                bad += 1
                print(f"{row['article']}: " + "; ".join(problems), file=sys.stderr)
            out.write(json.dumps(resolved, ensure_ascii=False) + "\n")
    print(f"{args.out}; {bad} articles with problems")
    return 1 if bad else 0


def build(args: argparse.Namespace) -> int:
    source = texts()
    done: dict[str, dict] = {}
    if args.append and Path(args.out).exists():
        done = {r["article"]: r for r in read(args.out)}
    bad = 0
    for path in args.passes:
        for row in read(path):
            if row.get("skipped") or row["article"] in done:
                continue  # the first pass given for an article is the gold one
            text = source[row["article"]]
            problems = check(row, text)
            if problems:
                bad += 1
                print(f"{path}: {row['article']}: " + "; ".join(problems[:4]), file=sys.stderr)
                continue
            done[row["article"]] = convert(row, text, Path(path).stem)
    with open(args.out, "w", encoding="utf-8") as out:
        for row in done.values():
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(done)} articles, {sum(len(r['quotes']) for r in done.values())} quotations "
          f"→ {args.out}; {bad} refused")
    return 1 if bad else 0


def agree(args: argparse.Namespace) -> int:
    """Quotation F1 between two passes on the articles both annotated: same cue (spans
    overlap), and same speaker (spans overlap or the same speaker name)."""
    source = texts()
    a = {r["article"]: r for r in read(args.a) if not r.get("skipped")}
    b = {r["article"]: r for r in read(args.b) if not r.get("skipped")}
    both = sorted(set(a) & set(b))
    cue = speaker = kind = na = nb = 0
    people = [0, 0, 0]
    for article in both:
        qa, qb = a[article]["quotes"], b[article]["quotes"]
        na += len(qa)
        nb += len(qb)
        used: set[int] = set()
        for q in qa:
            hit = next((i for i, p in enumerate(qb) if i not in used and
                        p["cue_start"] < q["cue_end"] and q["cue_start"] < p["cue_end"]),
                       None)
            if hit is None:
                continue
            used.add(hit)
            p = qb[hit]
            cue += 1
            same = (q.get("speaker_name") or "") == (p.get("speaker_name") or "") or (
                q.get("speaker") is not None and p.get("speaker") is not None
                and p["speaker_start"] < q["speaker_end"]
                and q["speaker_start"] < p["speaker_end"])
            speaker += same
            kind += q["kind"] == p["kind"]
        text = source[article]
        sa = {tuple(s) for e in a[article]["people"]
              for s in name_spans(text, [e["name"], *e.get("forms", [])])}
        sb = {tuple(s) for e in b[article]["people"]
              for s in name_spans(text, [e["name"], *e.get("forms", [])])}
        people[0] += len(sa & sb)
        people[1] += len(sa)
        people[2] += len(sb)

    def f1(tp: int) -> float:
        return 2 * tp / (na + nb) if na + nb else 0.0

    print(f"{len(both)} articles annotated twice; quotations {na} / {nb}")
    print(f"cue agreement F1 {f1(cue):.3f}; cue and speaker F1 {f1(speaker):.3f}; "
          f"kind agrees on {kind}/{cue} matched")
    p_f1 = 2 * people[0] / (people[1] + people[2]) if people[1] + people[2] else 0.0
    print(f"person name occurrences: {people[1]} / {people[2]}, both {people[0]}, F1 {p_f1:.3f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sub = commands.add_parser("build")
    sub.add_argument("passes", nargs="+")
    sub.add_argument("--out", required=True)
    sub.add_argument("--append", action="store_true",
                     help="keep the articles --out already holds")
    sub.set_defaults(handler=build)
    sub = commands.add_parser("resolve")
    sub.add_argument("anchored")
    sub.add_argument("--out", required=True)
    sub.set_defaults(handler=resolve)
    sub = commands.add_parser("agree")
    sub.add_argument("a")
    sub.add_argument("b")
    sub.set_defaults(handler=agree)
    args = parser.parse_args()
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
