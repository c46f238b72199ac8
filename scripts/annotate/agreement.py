"""Inter-annotator agreement between two independent passes of the events corpus.

Why: a corpus is only as good as its agreement; the figures go into
``docs/annotation/events-agreement.md``. Both passes are offset files (``ann.py build``)
over the same sentences.

* event-level F1 between the passes (pass A taken as reference; F1 is symmetric):
  - *trigger*: same sentence, overlapping trigger spans (main or evidence);
  - *trigger + type*; *type + countries*: the scoring rule of ``rasid evaluate
    events-corpus`` (same sentence and type, same actor and recipient country codes);
  - all three on current events only (as scored) and on every coded event;
* Cohen's kappa for the type, over the units either pass marked (every trigger of
  either pass; a unit one pass did not code is ``O``), and for status and modality on
  the events both passes coded;
* sentence-level kappa for "holds a current event".

    python scripts/annotate/agreement.py A.jsonl B.jsonl [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from rasid.evaluate.corpus_events import gold_codes


def read(path: str) -> dict[tuple[str, int], list[dict]]:
    rows = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows[(row["article"], row["sentence"][0])] = row["events"]
    return rows


def spans(event: dict) -> list[list[int]]:
    return [event["trigger"], *event.get("also", [])]


def overlap(a: dict, b: dict) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in spans(a) for y in spans(b))


def countries(a: dict, b: dict) -> bool:
    ga, gr = gold_codes(a["actor"]), gold_codes(a["recipient"])
    pa, pr = gold_codes(b["actor"]), gold_codes(b["recipient"])
    return (ga == pa and gr == pr) or ((not gr or not pr) and ga | gr == pa | pr)


def kappa(pairs: list[tuple[str, str]]) -> float:
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right.get(k, 0) for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def f1(matched: int, a: int, b: int) -> float:
    return 2 * matched / (a + b) if a + b else 1.0


def agreement(a: dict, b: dict, current_only: bool) -> dict:
    keep = (lambda e: e.get("status", "current") == "current") if current_only else (
        lambda e: True)
    totals = Counter()
    type_pairs, status_pairs, modality_pairs = [], [], []
    for key in sorted(set(a) & set(b)):
        left = [e for e in a[key] if keep(e)]
        right = [e for e in b[key] if keep(e)]
        totals["a"] += len(left)
        totals["b"] += len(right)
        for rule, name in ((lambda x, y: overlap(x, y), "trigger"),
                           (lambda x, y: overlap(x, y) and x["type"] == y["type"],
                            "trigger+type"),
                           (lambda x, y: x["type"] == y["type"] and countries(x, y),
                            "type+countries")):
            used: set[int] = set()
            for event in left:
                hit = next((i for i, other in enumerate(right)
                            if i not in used and rule(event, other)), None)
                if hit is not None:
                    used.add(hit)
                    totals[name] += 1
        used = set()
        for event in left:
            hit = next((i for i, other in enumerate(right)
                        if i not in used and overlap(event, other)), None)
            if hit is None:
                type_pairs.append((event["type"], "O"))
                continue
            used.add(hit)
            other = right[hit]
            type_pairs.append((event["type"], other["type"]))
            status_pairs.append((event.get("status", "current"), other.get("status",
                                                                         "current")))
            modality_pairs.append((event.get("modality"), other.get("modality")))
        type_pairs.extend(("O", right[i]["type"]) for i in range(len(right)) if i not in used)
    sentence_pairs = [(str(any(keep(e) for e in a[k])), str(any(keep(e) for e in b[k])))
                      for k in sorted(set(a) & set(b))]
    return {
        "sentences": len(set(a) & set(b)),
        "events_a": totals["a"], "events_b": totals["b"],
        "f1_trigger": round(f1(totals["trigger"], totals["a"], totals["b"]), 3),
        "f1_trigger_type": round(f1(totals["trigger+type"], totals["a"], totals["b"]), 3),
        "f1_type_countries": round(f1(totals["type+countries"], totals["a"], totals["b"]), 3),
        "kappa_type": round(kappa(type_pairs), 3),
        "kappa_status": round(kappa(status_pairs), 3),
        "kappa_modality": round(kappa(modality_pairs), 3),
        "kappa_sentence_has_event": round(kappa(sentence_pairs), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    a, b = read(args.a), read(args.b)
    result = {"current events (as scored)": agreement(a, b, True),
              "all coded events": agreement(a, b, False)}
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for name, figures in result.items():
        print(name)
        for key, value in figures.items():
            print(f"  {key:<26}{value}")


if __name__ == "__main__":
    main()
