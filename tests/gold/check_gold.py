"""Validate the gold sets against ONTOLOGY.md and print coverage counts.

Run from anywhere: ``python tests/gold/check_gold.py``. Exits 1 on any error.
"""

import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
KB_COUNTRIES = ROOT / "src" / "rasid" / "kb" / "data" / "countries.jsonl"
ONTOLOGY = ROOT.parent / "shared" / "docs" / "ONTOLOGY.md"

# ONTOLOGY.md's mode lists; re-read from the file below when it is present.

MODES = {
    "AGREE": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "SUPPORT": set(),
    "CONCEDE": set(),
    "COOPERATE": set(),
    "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {
        "seize",
        "restrict",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
        "misinformation",
        "cyber",
    },
    "ASSAULT": {
        "abduct",
        "beat",
        "torture",
        "sexual",
        "targeted",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "aerial",
        "drone",
        "heavy-weapons",
        "crowd-control",
        "unconventional",
    },
}
if ONTOLOGY.exists():
    parsed = {}
    for line in ONTOLOGY.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| ([A-Z]+): .*?\|[^|]*\|[^|]*\| ([^|]*) \|", line)
        if m:
            name, listed = m.groups()
            parsed[name] = (
                set() if listed.strip() == "none" else {x.strip() for x in listed.split(",")}
            )
    if len(parsed) == 16:
        MODES = parsed

MODALITIES = [
    "asserted",
    "intended",
    "attempted",
    "negated",
    "hypothetical",
    "future",
    "historical",
]
NONSTATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "UAF", "CVL", "KOS"}
SECTORS = {
    "COP",
    "GOV",
    "JUD",
    "LEG",
    "MIL",
    "PRM",
    "PTY",
    "REB",
    "SPY",
    "UAF",
    "UNK",
    "AGR",
    "BUS",
    "CRM",
    "CVL",
    "EDU",
    "ELI",
    "JRN",
    "LAB",
    "MED",
    "REF",
    "OPP",
    "PRE",
    "REL",
    "SOC",
}
KINDS = {"direct", "reported"}
FOUND_BY = {"named", "carried_over", "pronoun", "source"}

errors: list[str] = []


def err(rid, msg):
    errors.append(f"{rid}: {msg}")


iso3 = set()
if KB_COUNTRIES.exists():
    for line in KB_COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            iso3.add(d.get("iso3") or d["id"].split(":")[1])


def check_code(rid, code):
    m = re.fullmatch(r"([A-Z]{3})(?: ([A-Z]{3}))?", code)
    if not m:
        return err(rid, f"bad actor code {code!r}")
    head, sector = m.groups()
    if head not in NONSTATE and iso3 and head not in iso3:
        err(rid, f"unknown country {head!r}")
    if sector and sector not in SECTORS:
        err(rid, f"unknown sector {sector!r}")


def in_text(s, text):
    if s in text:
        return True
    # a name with ال written after the preposition ل loses its alef: الرياض -> للرياض
    return s.startswith("ال") and ("ل" + s[1:]) in text


def date_ok(s):
    try:
        dt.date.fromisoformat(s)
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) is not None
    except (TypeError, ValueError):
        return False


def load(name):
    rows = []
    for n, line in enumerate((GOLD / name).read_text(encoding="utf-8").splitlines(), 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{name}:{n}: {exc}")
    return rows


ev_rows = load("events.jsonl")
qt_rows = load("quotes.jsonl")

# ----------------------------------------------------------------- events
types = collections.Counter()
items_per_type = collections.Counter()
modality = collections.Counter()
modes = collections.Counter()
no_event = collections.Counter()
tags = collections.Counter()
seen_ids, seen_text = set(), set()
for r in ev_rows:
    rid = r["id"]
    if set(r) - {"id", "text", "date", "events", "tags", "note"}:
        err(rid, f"extra keys {set(r)}")
    if rid in seen_ids:
        err(rid, "duplicate id")
    seen_ids.add(rid)
    if r["text"] in seen_text:
        err(rid, "duplicate text")
    seen_text.add(r["text"])
    if not date_ok(r["date"]) or not ("2000-01-01" <= r["date"] <= "2026-12-31"):
        err(rid, f"article date {r['date']}")
    tags.update(r["tags"])
    if not r["events"]:
        reasons = [t for t in r["tags"] if t.startswith("no-event:")]
        if len(reasons) != 1:
            err(rid, "empty events needs exactly one no-event:<reason> tag")
        no_event.update(reasons)
        continue
    if any(t.startswith("no-event:") for t in r["tags"]):
        err(rid, "no-event tag on an item with events")
    if not ({"verbal", "nominal"} & set(r["tags"])):
        err(rid, "positive item needs verbal or nominal tag")
    for e in r["events"]:
        keys = {"type", "mode", "actor", "recipient", "modality", "trigger", "date", "place"}
        if not keys <= set(e) or set(e) - keys - {"reported_by"}:
            err(rid, f"event keys {sorted(e)}")
        t = e["type"]
        if t not in MODES:
            err(rid, f"bad type {t}")
            continue
        if e["mode"] is not None and e["mode"] not in MODES[t]:
            err(rid, f"bad mode {e['mode']} for {t}")
        if e["modality"] not in MODALITIES:
            err(rid, f"bad modality {e['modality']}")
        if not e["actor"]:
            err(rid, "empty actor")
        for c in e["actor"] + e["recipient"]:
            check_code(rid, c)
        if e["trigger"] not in r["text"]:
            err(rid, f"trigger {e['trigger']!r} not in text")
        if e["place"] is not None and not in_text(e["place"], r["text"]):
            err(rid, f"place {e['place']!r} not in text")
        if e.get("reported_by") is not None and e["reported_by"] not in r["text"]:
            err(rid, f"reported_by {e['reported_by']!r} not in text")
        if e["date"] is not None:
            if not date_ok(e["date"]):
                err(rid, f"event date {e['date']}")
            elif e["date"] > r["date"] and e["modality"] not in (
                "future",
                "intended",
                "hypothetical",
            ):
                err(rid, f"event date {e['date']} after article date with modality {e['modality']}")
            elif e["date"] <= r["date"] and e["modality"] == "future":
                err(rid, "future event dated on/before the article")
        types[t] += 1
        modality[e["modality"]] += 1
        modes[(t, e["mode"])] += 1
    for t in {e["type"] for e in r["events"]}:
        items_per_type[t] += 1

positives = [r for r in ev_rows if r["events"]]
nominal = sum("nominal" in r["tags"] for r in positives)
verbal = sum("verbal" in r["tags"] for r in positives)

need = {t: 10 for t in MODES}
for t in ("ASSAULT", "PROTEST", "CONSULT"):
    need[t] = 15
for t, n in need.items():
    if items_per_type[t] < n:
        err("coverage", f"{t}: {items_per_type[t]} items < {n}")
for m in MODALITIES:
    if m != "asserted" and modality[m] < 8:
        err("coverage", f"modality {m}: {modality[m]} < 8")
if len(ev_rows) < 320:
    err("coverage", f"only {len(ev_rows)} event items")
if sum(no_event.values()) < 90:
    err("coverage", f"only {sum(no_event.values())} no-event items")
if nominal < 60:
    err("coverage", f"only {nominal} nominal items")

# ----------------------------------------------------------------- quotes
cues = collections.Counter()
found = collections.Counter()
kinds = collections.Counter()
media = collections.Counter()
qtags = collections.Counter()
traps = 0
seen_ids = set()
for r in qt_rows:
    rid = r["id"]
    if set(r) - {"id", "text", "date", "quotes", "tags", "note"}:
        err(rid, f"extra keys {set(r)}")
    if rid in seen_ids:
        err(rid, "duplicate id")
    seen_ids.add(rid)
    if not date_ok(r["date"]):
        err(rid, f"date {r['date']}")
    qtags.update(r["tags"])
    if "trap" in r["tags"]:
        traps += 1
        if not r.get("note"):
            err(rid, "trap without a note")
    sentences = [s for s in re.split(r"(?<=[.!؟?])\s+", r["text"]) if s]
    if not 1 <= len(sentences) <= 4:
        err(rid, f"{len(sentences)} sentences")
    for qq in r["quotes"]:
        keys = {"speaker", "speaker_ref", "cue", "content", "kind", "medium", "found_by"}
        if set(qq) != keys:
            err(rid, f"quote keys {sorted(qq)}")
        for k in ("cue", "content"):
            if not qq[k] or qq[k] not in r["text"]:
                err(rid, f"{k} {qq[k]!r} not in text")
        if qq["speaker"] is not None and qq["speaker"] not in r["text"]:
            err(rid, f"speaker {qq['speaker']!r} not in text")
        if qq["medium"] is not None and qq["medium"] not in r["text"]:
            err(rid, f"medium {qq['medium']!r} not in text")
        if qq["speaker_ref"] is not None and qq["speaker_ref"] not in r["text"]:
            err(rid, f"speaker_ref {qq['speaker_ref']!r} not in text")
        n_words = len(qq["content"].split())
        if not 3 <= n_words <= 5:
            err(rid, f"content has {n_words} words")
        if qq["kind"] not in KINDS:
            err(rid, f"kind {qq['kind']}")
        if qq["found_by"] not in FOUND_BY:
            err(rid, f"found_by {qq['found_by']}")
        if qq["speaker"] is None and qq["found_by"] == "named":
            err(rid, "named quote without speaker")
        if qq["speaker"] is None and not qq["speaker_ref"]:
            err(rid, "implied speaker without speaker_ref")
        cues[qq["cue"]] += 1
        found[qq["found_by"]] += 1
        kinds[qq["kind"]] += 1
        media["with medium" if qq["medium"] else "no medium"] += 1
if len(qt_rows) < 70:
    err("coverage", f"only {len(qt_rows)} quote passages")
if traps < 12:
    err("coverage", f"only {traps} traps")

# ----------------------------------------------------------------- report
print(
    f"events.jsonl: {len(ev_rows)} items, {len(positives)} with events "
    f"({sum(types.values())} events), {sum(no_event.values())} without"
)
print(
    f"  verbal items {verbal}, nominal items {nominal}, "
    f"passive {tags['passive']}, genitive {tags['genitive']}, light-verb {tags['light-verb']}, "
    f"quote {tags['quote']}, glued {tags['glued']}, place {tags['place']}, "
    f"date:relative {tags['date:relative']}, date:weekday {tags['date:weekday']}, "
    f"date:explicit {tags['date:explicit']}, date:arabic-digits {tags['date:arabic-digits']}, "
    f"compound-actor {tags['compound-actor']}, multi-event {tags['multi-event']}"
)
print("  per type (items / events):")
for t in MODES:
    print(f"    {t:10s} {items_per_type[t]:3d} / {types[t]:3d}")
print("  per modality (events):", dict(modality))
print("  per no-event reason:", {k.split(":", 1)[1]: v for k, v in sorted(no_event.items())})
print(
    f"quotes.jsonl: {len(qt_rows)} passages, {sum(kinds.values())} quotes, {traps} traps "
    f"({sum(1 for r in qt_rows if not r['quotes'])} with no quote)"
)
print("  per cue:", dict(cues.most_common()))
print("  per found_by:", dict(found))
print("  per kind:", dict(kinds), dict(media))
print("  per pattern tag:", {k: v for k, v in sorted(qtags.items()) if not k.startswith("trap:")})
print("  traps:", {k: v for k, v in sorted(qtags.items()) if k.startswith("trap:")})
if errors:
    print(f"\n{len(errors)} ERRORS")
    for e in errors:
        print("  ", e)
    sys.exit(1)
print("\nall checks passed")
