"""The text report (``rasid analyze --format text``): every participant by name, the
speaker of a quotation by name, and every repair by the words it changed."""

from __future__ import annotations

import re

from rasid.pipeline import Pipeline
from rasid.report import change_words, render, words_around


def test_implicit_recipient_and_reporter_are_named(pipeline: Pipeline) -> None:
    # an arrest with nobody named: the recipient is the article's country, implicitly
    report = render(pipeline.analyze("اعتقلت قوات الأمن المصرية خمسة أشخاص في القاهرة أمس.",
                                     date="2020-01-05"))
    (line,) = [ln for ln in report.splitlines() if "COERCE" in ln]
    assert "→ (Egypt, from the article)" in line
    report = render(pipeline.analyze(
        "قال المتحدث باسم الخارجية الإيرانية إن طهران ترفض الاتهامات.", date="2020-01-05"))
    events = report[report.index("events:"):]
    assert "(Iran, from the article)" in events
    assert "reported by Iranian Foreign Ministry" in events
    quotes = report[report.index("quotations:"):report.index("events:")]
    assert "(Iranian Foreign Ministry)" in quotes
    # no entity id anywhere the report names actors
    assert not re.search(r"\b(country|person|org|agent):[\w-]", report)


def test_recipients_named_like_actors(pipeline: Pipeline) -> None:
    report = render(pipeline.analyze(
        "اتهم وزير الخارجية الأمريكي طهران بدعم الإرهاب.", date="2020-01-05"))
    (line,) = [ln for ln in report.splitlines() if "ACCUSE" in ln]
    assert "→ Iran " in line and "country:" not in line


def test_repairs_show_the_words_around_the_change(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze("وصل الوزير إلى العاصمةالأردنية أمس، وقال إن مصروالأردن "
                                "تعملان معا على التهـــدئة.")
    report = render(analysis)
    assert "glued_words: العاصمةالأردنية -> العاصمة الأردنية" in report
    assert "glued_words: مصروالأردن -> مصر والأردن" in report
    assert "tatweel: التهـــدئة. -> التهدئة. (×3)" in report
    assert '"" -> " "' not in report and "[]" not in report


def test_words_around() -> None:
    text = "بين مصر والأردن اليوم"
    start = text.index("والأردن")
    assert text[slice(*words_around(text, start + 2, start + 3))] == "والأردن"
    space = text.index(" ", 4)
    assert text[slice(*words_around(text, space, space + 1))] == "مصر والأردن"
    long_word = "ب" * 100
    left, right = words_around(long_word, 50, 50)
    assert right - left <= 60  # a runaway token is cut, not printed whole


def test_change_words_of_a_real_change(pipeline: Pipeline) -> None:
    result = pipeline.repairer.repair("زار روسياوإيران")
    (change,) = result.changes
    assert change_words(result.raw, result.text, change) == ("روسياوإيران", "روسيا وإيران")
