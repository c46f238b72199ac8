"""Annotation tool for the real-news events corpus (docs/annotation/events-guideline.md).

Why: annotators think in words, the corpus stores offsets. This tool shows the sentences
of a batch of articles, checks a working file (trigger and participant strings) against
the guideline's vocabulary and the real text, and converts working files into the
committed offset files, which never hold text.

    python scripts/annotate/ann.py show BATCH.txt | ARTICLE_ID…
    python scripts/annotate/ann.py check WORK.jsonl [--articles BATCH.txt]
    python scripts/annotate/ann.py build WORK.jsonl… --out FILE --annotator NAME
    python scripts/annotate/ann.py merge   (passes/*.jsonl + double/adjudicated.jsonl)
    python scripts/annotate/ann.py compare A.jsonl B.jsonl   (two passes side by side)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
NEWS = PROJECT.parent / "shared/data/news/saudinewsnet-dev.jsonl.gz"
ARTICLES = PROJECT / "annotations/events/articles.jsonl"
SRC = PROJECT / "src/rasid"

STATUSES = {"current", "background", "reference"}
MODALITIES = {"asserted", "negated", "hypothetical", "intended", "future", "attempted"}
BASES = {"stated", "place", "article"}
INTERNATIONAL = {"UNO", "IGO", "EUR", "IMG", "NGO", "MNC", "ISM"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "UAF", "PRM", "OPP", "CVL",
           "JRN", "REF", "REL", "BUS", "ELI", "EDU", "MED", "LAB", "AGR", "CRM", "SOC", "PRE",
           "UNK"}
COUNTS = {"killed", "injured", "arrested", "kidnapped", "approx"}


def load_articles() -> dict[str, dict]:
    return {row["article"]: row for row in map(json.loads, ARTICLES.open(encoding="utf-8"))}


def load_texts(ids: set[str]) -> dict[str, dict]:
    found = {}
    with gzip.open(NEWS, "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["id"] in ids:
                found[item["id"]] = item
    return found


def ontology() -> dict[str, set[str]]:
    data = json.loads((SRC / "events/data/ontology.json").read_text(encoding="utf-8"))
    return {name: set(t["modes"]) for name, t in data["types"].items()}


def countries() -> set[str]:
    codes = set()
    for line in (SRC / "kb/data/countries.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row.get("country"):
            codes.add(row["country"])
    return codes


def batch_ids(values: list[str]) -> list[str]:
    ids: list[str] = []
    for value in values:
        path = Path(value)
        if path.exists():
            ids.extend(w for w in path.read_text().split() if w)
        else:
            ids.append(value)
    return ids


def show(args: argparse.Namespace) -> None:
    articles = load_articles()
    ids = batch_ids(args.ids)
    texts = load_texts(set(ids))
    for article_id in ids:
        row, item = articles[article_id], texts[article_id]
        print(f"=== {article_id}  date {item['date']}  source {item['source']}")
        print(f"TITLE: {item['title']}")
        for number, (start, end) in enumerate(row["sentences"]):
            print(f"[{number}] {item['text'][start:end]}")
        print()


def find(text: str, needle: str, occ: int) -> int | None:
    position = -1
    for _ in range(max(occ, 1)):
        position = text.find(needle, position + 1)
        if position < 0:
            return None
    return position


def participants(value: object, where: str, sentence: str, codes: set[str],
                 errors: list[str]) -> list[dict]:
    out = []
    if not isinstance(value, list):
        errors.append(f"{where}: must be a list")
        return out
    for p in value:
        if not isinstance(p, dict):
            errors.append(f"{where}: each participant is an object")
            continue
        code, sector, basis = p.get("code"), p.get("sector"), p.get("basis")
        if code is not None and code not in codes and code not in INTERNATIONAL:
            errors.append(f"{where}: unknown code {code!r}")
        if sector is not None and sector not in SECTORS:
            errors.append(f"{where}: unknown sector {sector!r}")
        if code is not None and basis not in BASES:
            errors.append(f"{where}: basis must be one of {sorted(BASES)}")
        span = None
        if p.get("text"):
            at = sentence.find(p["text"])
            if at < 0:
                errors.append(f"{where}: participant text {p['text']!r} not in the sentence")
            else:
                span = [at, at + len(p["text"])]
        out.append({"span": span, "code": code, "sector": sector,
                    "basis": basis if code is not None else None})
    return out


def convert(work: Path, articles: dict[str, dict], texts: dict[str, dict]
            ) -> tuple[list[dict], list[str]]:
    types = ontology()
    codes = countries()
    errors: list[str] = []
    rows: list[dict] = []
    for number, line in enumerate(work.open(encoding="utf-8"), start=1):
        if not line.strip():
            continue
        where = f"{work.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{where}: not JSON ({error})")
            continue
        article = articles.get(item.get("article"))
        if article is None:
            errors.append(f"{where}: unknown article {item.get('article')!r}")
            continue
        try:
            s_start, s_end = article["sentences"][item["sent"]]
        except (IndexError, KeyError, TypeError):
            errors.append(f"{where}: no sentence {item.get('sent')!r} in {article['article']}")
            continue
        text = texts[article["article"]]["text"]
        sentence = text[s_start:s_end]
        events = []
        for k, event in enumerate(item.get("events") or []):
            here = f"{where} event {k}"
            etype, mode = event.get("type"), event.get("mode")
            if etype not in types:
                errors.append(f"{here}: unknown type {etype!r}")
                continue
            if mode is not None and mode not in types[etype]:
                errors.append(f"{here}: mode {mode!r} is not a mode of {etype}")
            if event.get("modality", "asserted") not in MODALITIES:
                errors.append(f"{here}: modality {event.get('modality')!r}")
            if event.get("status", "current") not in STATUSES:
                errors.append(f"{here}: status {event.get('status')!r}")
            at = find(sentence, event.get("trigger") or "\0", int(event.get("occ", 1)))
            if at is None:
                errors.append(f"{here}: trigger {event.get('trigger')!r} "
                              f"(occurrence {event.get('occ', 1)}) not in the sentence")
                continue
            also = []
            for word in event.get("also") or []:
                pos = sentence.find(word)
                if pos < 0:
                    errors.append(f"{here}: also {word!r} not in the sentence")
                else:
                    also.append([s_start + pos, s_start + pos + len(word)])
            counts = event.get("counts") or {}
            if set(counts) - COUNTS:
                errors.append(f"{here}: unknown counts {sorted(set(counts) - COUNTS)}")
            roles = {}
            for role in ("actor", "recipient"):
                found = participants(event.get(role, []), f"{here} {role}", sentence, codes,
                                     errors)
                for p in found:
                    if p["span"]:
                        p["span"] = [s_start + p["span"][0], s_start + p["span"][1]]
                roles[role] = found
            events.append({
                "trigger": [s_start + at, s_start + at + len(event["trigger"])],
                "also": also, "type": etype, "mode": mode,
                "modality": event.get("modality", "asserted"),
                "status": event.get("status", "current"),
                "actor": roles["actor"], "recipient": roles["recipient"],
                "counts": counts})
        rows.append({"article": article["article"], "sentence": [s_start, s_end],
                     "events": events})
    return rows, errors


def work_texts(paths: list[str], articles: dict[str, dict]) -> dict[str, dict]:
    """The news texts of the articles the working files name (bad lines are left to
    ``convert``, which reports them)."""
    ids = set()
    for path in paths:
        for line in Path(path).open(encoding="utf-8"):
            try:
                ids.add(json.loads(line).get("article"))
            except (json.JSONDecodeError, AttributeError):
                continue
    return load_texts(ids & set(articles))


def check(args: argparse.Namespace) -> int:
    articles = load_articles()
    texts = work_texts(args.work, articles)
    errors: list[str] = []
    rows: list[dict] = []
    seen: dict[str, set[int]] = {}
    for path in args.work:
        converted, errs = convert(Path(path), articles, texts)
        rows.extend(converted)
        errors.extend(errs)
        for line in Path(path).open(encoding="utf-8"):
            if line.strip():
                try:
                    item = json.loads(line)
                    seen.setdefault(item["article"], set()).add(item["sent"])
                except (json.JSONDecodeError, KeyError):
                    pass
    wanted = batch_ids([args.articles]) if args.articles else sorted(seen)
    for article_id in wanted:
        total = len(articles[article_id]["sentences"]) if article_id in articles else 0
        missing = sorted(set(range(total)) - seen.get(article_id, set()))
        if missing:
            errors.append(f"{article_id}: sentences {missing} have no line")
    for error in errors:
        print(error)
    print(f"{len(errors)} problems; {sum(len(v) for v in seen.values())} sentences, "
          f"{sum(len(row['events']) for row in rows)} events")
    return 1 if errors else 0


def build(args: argparse.Namespace) -> None:
    articles = load_articles()
    texts = work_texts(args.work, articles)
    out: list[dict] = []
    for path in args.work:
        rows, errors = convert(Path(path), articles, texts)
        if errors:
            sys.exit(f"{path}: {len(errors)} problems, run check first")
        for row in rows:
            row["annotator"] = args.annotator
        out.extend(rows)
    order = {a: i for i, a in enumerate(articles)}
    out.sort(key=lambda r: (order[r["article"]], r["sentence"][0]))
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in out:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(out)} sentences -> {args.out}")


def _describe(event: dict, text: str) -> str:
    def who(parts: list[dict]) -> str:
        return ", ".join(f"{p.get('code')}/{p.get('sector')}/{p.get('basis')}"
                         + (f" «{text[p['span'][0]:p['span'][1]]}»" if p.get("span") else "")
                         for p in parts) or "-"
    trigger = text[event["trigger"][0]:event["trigger"][1]]
    also = [text[a:b] for a, b in event.get("also", [])]
    return (f"{event['type']}/{event.get('mode')} «{trigger}» also={also} "
            f"{event.get('status')} {event.get('modality')} actor=[{who(event['actor'])}] "
            f"recipient=[{who(event['recipient'])}] counts={event.get('counts') or {}}")


def compare(args: argparse.Namespace) -> None:
    """Both passes of the double-annotated sample side by side, for adjudication."""
    def read(path: str) -> dict:
        rows = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[(row["article"], row["sentence"][0])] = row
        return rows

    a, b = read(args.a), read(args.b)
    articles = load_articles()
    ids = [i for i in articles if any(k[0] == i for k in a)]
    texts = load_texts(set(ids))
    for article_id in ids:
        item = texts[article_id]
        print(f"=== {article_id}  date {item['date']}\nTITLE: {item['title']}")
        for number, (start, end) in enumerate(articles[article_id]["sentences"]):
            print(f"[{number}] {item['text'][start:end]}")
            for name, rows in (("A", a), ("B", b)):
                for event in rows.get((article_id, start), {}).get("events", []):
                    print(f"    {name}: {_describe(event, item['text'])}")
        print()


def export(args: argparse.Namespace) -> None:
    """An offset file back to the working format (for adjudication: edit, check, build)."""
    articles = load_articles()
    rows = [json.loads(x) for x in Path(args.offsets).read_text(encoding="utf-8").splitlines()
            if x.strip()]
    texts = load_texts({r["article"] for r in rows})
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in rows:
            text = texts[row["article"]]["text"]
            s_start, s_end = row["sentence"]
            number = [s[0] for s in articles[row["article"]]["sentences"]].index(s_start)
            sentence = text[s_start:s_end]
            events = []
            for event in row["events"]:
                start, end = event["trigger"]
                trigger = text[start:end]
                occ = sentence[: start - s_start].count(trigger) + 1
                item = {"trigger": trigger, "occ": occ,
                        "also": [text[a:b] for a, b in event.get("also", [])]}
                item.update({k: event.get(k) for k in ("type", "mode", "modality", "status")})
                for role in ("actor", "recipient"):
                    item[role] = [{"text": text[p["span"][0]:p["span"][1]] if p.get("span")
                                   else None, "code": p.get("code"), "sector": p.get("sector"),
                                   "basis": p.get("basis")} for p in event[role]]
                item["counts"] = event.get("counts") or {}
                events.append(item)
            handle.write(json.dumps({"article": row["article"], "sent": number,
                                     "events": events}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {args.out}")


def merge(args: argparse.Namespace) -> None:
    """events.jsonl: every pass, with the adjudicated sentences in place of the first
    pass where the double-annotated sample has them."""
    folder = ARTICLES.parent
    rows: dict[tuple[str, int], dict] = {}
    for path in sorted((folder / "passes").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[(row["article"], row["sentence"][0])] = row
    adjudicated = folder / "double" / "adjudicated.jsonl"
    replaced = 0
    if adjudicated.exists():
        for line in adjudicated.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                replaced += (row["article"], row["sentence"][0]) in rows
                rows[(row["article"], row["sentence"][0])] = row
    order = {a: i for i, a in enumerate(load_articles())}
    out = sorted(rows.values(), key=lambda r: (order[r["article"]], r["sentence"][0]))
    with (folder / "events.jsonl").open("w", encoding="utf-8") as handle:
        for row in out:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(out)} sentences ({replaced} adjudicated) -> {folder / 'events.jsonl'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("show")
    p.add_argument("ids", nargs="+")
    p = sub.add_parser("check")
    p.add_argument("work", nargs="+")
    p.add_argument("--articles")
    sub.add_parser("merge")
    p = sub.add_parser("export")
    p.add_argument("offsets")
    p.add_argument("--out", required=True)
    p = sub.add_parser("compare")
    p.add_argument("a")
    p.add_argument("b")
    p = sub.add_parser("build")
    p.add_argument("work", nargs="+")
    p.add_argument("--out", required=True)
    p.add_argument("--annotator", required=True)
    args = parser.parse_args()
    if args.command == "show":
        show(args)
    elif args.command == "check":
        sys.exit(check(args))
    elif args.command == "merge":
        merge(args)
    elif args.command == "compare":
        compare(args)
    elif args.command == "export":
        export(args)
    else:
        build(args)


if __name__ == "__main__":
    main()
