"""People and organizations real news named and rasid missed: a given name that is
also a word before a rare family name, customs offices by their head noun, platforms
and companies the knowledge base now holds. Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def mentions(nlp: Pipeline, text: str, label: str) -> dict[str, str | None]:
    data = nlp.analyze(text, date="2015-07-20").to_dict()
    return {m["text"]: m.get("entity") for m in data["mentions"] if m["label"] == label}


@pytest.mark.parametrize(("text", "name"), [
    ("وحضر الحفل مدير النادي علي الشبرمي وعدد من الأعضاء.", "علي الشبرمي"),
    ("وأوضح المشرف على البرنامج سلطان الدغيلبي أن التسجيل مفتوح.", "سلطان الدغيلبي"),
    ("وشارك في العرض عمر الهزاني وآخرون.", "عمر الهزاني"),
])
def test_a_given_name_that_is_a_word_before_a_rare_family_name(nlp, text, name) -> None:
    assert name in mentions(nlp, text, "PERS")


@pytest.mark.parametrize("text", [
    "وصل عمر المدرسة إلى مئة عام.",       # «عمر» is age here, «المدرسة» a common word
    "وأكد أمين الصندوق أن الحساب سليم.",  # a treasurer: «الصندوق» is a frequent word
])
def test_a_word_before_a_common_definite_word_is_no_name(nlp, text) -> None:
    people = mentions(nlp, text, "PERS")
    assert "عمر المدرسة" not in people and "أمين الصندوق" not in people


def test_a_customs_office_is_an_organization_by_its_head(nlp) -> None:
    assert "جمرك ميناء جدة الإسلامي" in mentions(
        nlp, "وضبط جمرك ميناء جدة الإسلامي شحنة مهربة.", "ORG")


@pytest.mark.parametrize(("text", "entity"), [
    ("ونشر الناشط المقطع على يوتيوب وتويتر.", "org:youtube"),
    ("ونشر الناشط المقطع على يوتيوب وتويتر.", "org:twitter"),
    ("وكتب الوزير على صفحته في فيسبوك أن القرار نهائي.", "org:facebook"),
    ("وأعلنت موانئ دبي العالمية ارتفاع أرباحها.", "org:dp-world"),
    ("واجتمعت مجموعة اليورو في بروكسل.", "org:eurogroup"),
    ("وذكرت وكالة الأنباء الألمانية أن الاجتماع تأجل.", "org:dpa"),
])
def test_platforms_companies_and_bodies_the_knowledge_base_holds(nlp, text, entity) -> None:
    assert entity in mentions(nlp, text, "ORG").values()


@pytest.mark.parametrize(("text", "name"), [
    ("وأدلى وزير الطاقة إرنست مونيز بشهادته أمام اللجنة.", "إرنست مونيز"),
    ("وقال الجنرال روي الكابيتس إن الخطر تضاعف.", "روي الكابيتس"),
])
def test_a_foreign_name_after_a_title(nlp, text, name) -> None:
    assert name in mentions(nlp, text, "PERS")


def test_common_words_after_a_title_are_no_foreign_name(nlp) -> None:
    people = mentions(nlp, "وقال وزير الداخلية المصري إن الأمن مستتب.", "PERS")
    assert not any("مستتب" in name or "الأمن" in name for name in people)


@pytest.mark.parametrize(("text", "entity"), [
    ("وقصفت مليشيا الحوثي الأحياء السكنية.", "org:houthis"),
    ("وتقدمت وحدات الحماية الكردية نحو المدينة.", "org:ypg"),
])
def test_spellings_of_armed_groups(nlp, text, entity) -> None:
    assert entity in mentions(nlp, text, "ORG").values()
