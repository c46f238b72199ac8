"""Arabic news written for the store tests, and Analysis layers shaped as the README says.

The layers (mentions, entities, quotes, events) are still being built by other stages,
so these helpers stand in for them: a tiny country gazetteer and a handful of trigger
words turn each sentence into README-shaped mentions, entities, quotes and events,
with offsets into the text they are given. Nothing here is linguistics; it only makes
the store's input realistic in shape.
"""

from __future__ import annotations

import random
import re
from typing import Any

#: name -> (entity id, code, English name)
COUNTRIES = {
    "روسيا": ("country:RUS", "RUS", "Russia"),
    "إيران": ("country:IRN", "IRN", "Iran"),
    "مصر": ("country:EGY", "EGY", "Egypt"),
    "السعودية": ("country:SAU", "SAU", "Saudi Arabia"),
    "تركيا": ("country:TUR", "TUR", "Turkey"),
    "الأردن": ("country:JOR", "JOR", "Jordan"),
}

#: trigger word -> (PLOVER type, mode, quad, score)
TRIGGERS = {
    "زار": ("CONSULT", "visit", 1, 1.0),
    "مساعدات": ("AID", "humanitarian", 2, 7.0),
    "انتقدت": ("ACCUSE", None, 3, -2.0),
    "تهدد": ("THREATEN", "sanctions", 3, -4.4),
    "هاجمت": ("ASSAULT", None, 4, -9.0),
    "تهاجم": ("ASSAULT", None, 4, -9.0),
}

TEMPLATES = (
    "زار وفد من {a} العاصمة في {b} أمس لبحث التعاون الاقتصادي.",
    "وأرسلت {a} مساعدات إنسانية إلى {b} بعد الفيضانات الأخيرة.",
    "وانتقدت {a} سياسة {b} في المنطقة بشدة.",
    "وهاجمت قوات من {a} مواقع على حدود {b} فجر اليوم.",
    "ولم تهاجم {a} أراضي {b} رغم التصعيد.",
    "وقال المتحدث باسم {a} إن بلاده قد تهدد {b} بعقوبات جديدة.",
    "وقال المتحدث باسم {a} إن طائرات بلاده هاجمت مواقع في {b} ليلا.",
)

FILLER = (
    "وأكدت مصادر مطلعة أن الاجتماعات ستتواصل خلال الأسبوع المقبل.",
    "وشهدت الأسواق المحلية هدوءا نسبيا في تعاملات اليوم.",
    "وتأتي هذه التطورات في ظل أوضاع إقليمية معقدة.",
)

_SENTENCE = re.compile(r"[^.]+\.?")
_WORD = re.compile(r"\w+")


def story(seed: int) -> str:
    """A short news story (3 to 5 sentences) that differs for every seed."""
    rng = random.Random(seed)
    names = list(COUNTRIES)
    sentences = []
    for _ in range(rng.randint(2, 4)):
        a, b = rng.sample(names, 2)
        sentences.append(rng.choice(TEMPLATES).format(a=a, b=b))
    sentences.append(rng.choice(FILLER))
    sentences.append(f"وهذا هو التقرير رقم {seed} في سلسلة التغطية اليومية.")
    return " ".join(sentences)


def date_for(seed: int) -> str:
    return f"2023-{seed % 12 + 1:02d}-{seed % 27 + 1:02d}"


def layers(text: str, date: str | None) -> dict[str, list[dict[str, Any]]]:
    """README-shaped mentions, entities, quotes and events found in ``text``."""
    mentions: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    quotes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for sentence in _SENTENCE.finditer(text):
        s_start, s_end = sentence.start(), sentence.end()
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        found: list[tuple[str, dict[str, Any]]] = []
        for word in _WORD.finditer(text, s_start, s_end):
            country = COUNTRIES.get(word.group())
            if country is None:
                continue
            entity_id, code, english = country
            mention = {"id": f"m{len(mentions) + 1}", "start": word.start(), "end": word.end(),
                       "text": word.group(), "label": "GPE", "entity": entity_id,
                       "source": "gazetteer", "confidence": 0.9}
            mentions.append(mention)
            entity = entities.setdefault(entity_id, {
                "id": entity_id, "kind": "country", "en": english, "ar": word.group(),
                "country": code, "sector": None, "code": code, "role": None, "mentions": []})
            entity["mentions"].append(mention["id"])
            found.append((entity_id, mention))
        reported_by = None
        said = text.find("وقال المتحدث باسم", s_start, s_end)
        if said >= 0 and found:
            cue_start = said + 1
            content_start = text.find("إن", said, s_end)
            quote = {
                "id": f"q{len(quotes) + 1}",
                "speaker": {"text": "المتحدث", "start": said + 5, "end": said + 12,
                            "mention": found[0][1]["id"], "entity": found[0][0]},
                "title": "المتحدث", "cue": {"text": "قال", "start": cue_start,
                                            "end": cue_start + 3},
                "content": {"start": content_start, "end": s_end}, "kind": "reported",
                "medium": None, "found_by": "named"}
            quotes.append(quote)
            reported_by = quote["id"]
        distinct = list(dict.fromkeys(entity_id for entity_id, _ in found))
        if len(distinct) < 2:
            continue
        for word in _WORD.finditer(text, s_start, s_end):
            trigger = TRIGGERS.get(word.group()) or TRIGGERS.get(word.group().removeprefix("و"))
            if trigger is None:
                continue
            kind, mode, quad, score = trigger
            window = text[s_start:word.start()]
            modality = "asserted"
            if "لم " in window:
                modality = "negated"
            elif "قد " in window:
                modality = "hypothetical"
            events.append({
                "id": f"e{len(events) + 1}", "type": kind, "mode": mode,
                "actor": [distinct[0]], "recipient": [distinct[1]], "modality": modality,
                "reported_by": reported_by, "date": date, "place": None, "cameo": None,
                "score": score, "quad": quad,
                "trigger": {"text": word.group(), "start": word.start(), "end": word.end()},
                "sentence": {"start": s_start, "end": s_end},
                "rule": {"id": f"test.{kind.lower()}", "description": "store test trigger"},
                "confidence": 0.8})
            break
    return {"mentions": mentions, "entities": list(entities.values()), "quotes": quotes,
            "events": events}


def analysis_dict(text: str, *, doc_id: str = "doc", date: str | None = "2023-05-01",
                  title: str | None = None, source: str | None = "test",
                  url: str | None = None) -> dict[str, Any]:
    """A hand-built Analysis dict (``rasid.analysis/1``) with non-empty layers."""
    result: dict[str, Any] = {
        "schema": "rasid.analysis/1", "rasid_version": "0.1.0", "id": doc_id, "status": "ok",
        "meta": {"date": date, "title": title, "source": source, "url": url},
        "raw_length": len(text), "text": text, "raw_offsets": [[0, len(text), 0, len(text)]],
        "repairs": [], "sentences": [{"start": m.start(), "end": m.end()}
                                     for m in _SENTENCE.finditer(text)],
        "tokens": [],
    }
    result.update(layers(text, date))
    return result
