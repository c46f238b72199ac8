"""A blessing or a prayer after a name («داعيا الله», «أيده الله», «رضوان الله عليهم»)
is no part of a name and no name of its own. Passages written here."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def names(nlp: Pipeline, text: str) -> list[str]:
    data = nlp.analyze(text, date="2024-03-02").to_dict()
    return [m["text"] for m in data["mentions"] if m["label"] in ("PERS", "ORG")]


def test_a_prayer_after_a_name_ends_it(nlp) -> None:
    found = names(nlp, "وقال الشيخ ماجد العتيبي داعيا الله: اللهم احفظ هذا البلد.")
    assert "ماجد العتيبي" in found
    assert not any("الله" in name for name in found)


@pytest.mark.parametrize("text", [
    "وأكد الملك - أيده الله - عمق العلاقات بين البلدين.",
    "وصلى على النبي وعلى صاحبيه -رضوان الله عليهما- ثم غادر.",
])
def test_a_blessing_is_no_name(nlp, text: str) -> None:
    assert not any("الله" in name for name in names(nlp, text))
