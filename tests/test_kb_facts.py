"""Knowledge-base facts an audit corrected, and nisba forms for every country.

Each fact is checked where a user meets it: the office a descriptor resolves to on a
date, and the country an adjective names.
"""

from __future__ import annotations

import pytest

from rasid.kb.loader import KnowledgeBase
from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def _mentions(nlp: Pipeline, text: str, date: str) -> list[tuple[str, str | None]]:
    return [(m["text"], m["entity"]) for m in nlp.analyze(text, date=date).to_dict()["mentions"]]


def test_every_country_has_nisba_forms(kb) -> None:
    missing = [c.id for c in kb.of_kind("country") if not c.nisba]
    assert missing == []


@pytest.mark.parametrize(("text", "country"), [
    ("وقال الرئيس الباراغواياني إن بلاده ترحب بالاتفاق.", "country:PRY"),
    ("وصل وفد أوروغواياني إلى القاهرة.", "country:URY"),
    ("أعلنت الحكومة التونغية حالة الطوارئ.", "country:TON"),
])
def test_a_nisba_added_by_the_audit_names_its_country(nlp, text: str, country: str) -> None:
    # the country itself, or a body of it (وفد أوروغواياني: the Uruguayan delegation)
    iso3 = country.split(":")[1]
    assert any(entity == country or (entity or "").endswith("/" + iso3)
               for _, entity in _mentions(nlp, text, "2020-01-01"))


def test_an_ambiguous_nisba_needs_the_country_named_in_the_article(nlp) -> None:
    # المالي is "financial" unless the article speaks of Mali
    financial = _mentions(nlp, "وقال وزير المالية إن الوضع المالي مستقر.", "2020-01-01")
    assert "country:MLI" not in {entity for _, entity in financial}
    malian = _mentions(nlp, "وصل الرئيس المالي إلى باماكو، وقال إن مالي تواجه الإرهاب.",
                       "2020-01-01")
    assert ("المالي", "country:MLI") in malian


@pytest.mark.parametrize(("date", "holder"), [
    ("2024-03-01", "person:abdul-latif-rashid"),
    ("2026-05-01", "person:nizar-amedi"),
])
def test_iraq_president_by_date(nlp, date: str, holder: str) -> None:
    found = _mentions(nlp, "وقال الرئيس العراقي إن الحوار هو الطريق.", date)
    assert ("الرئيس العراقي", holder) in found


def _role(kb: KnowledgeBase, person: str, title_ar: str):
    return next(r for r in kb.get(person).roles if r.title_ar == title_ar)


def test_dated_roles_corrected_by_the_audit(kb) -> None:
    assert _role(kb, "person:ali-shamkhani", "أمين مجلس الدفاع").start == "2026-02-05"
    lecornu = next(r for r in kb.get("person:sebastien-lecornu").roles
                   if r.office == "defence_minister")
    assert lecornu.end == "2025-10-05"
    assert _role(kb, "person:igor-ivanov", "أمين مجلس الأمن الروسي").end == "2007-07-17"
    assert kb.get("person:abdul-latif-rashid").role_on("2026-06-01") is None
