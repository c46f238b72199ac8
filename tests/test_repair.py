"""Repair: each step on texts written for these tests, and the offset map."""

from __future__ import annotations

import pytest

from rasid.text.repair import Repairer


@pytest.mark.parametrize(
    ("glued", "expected"),
    [
        ("روسياوإيران", "روسيا وإيران"),
        ("الأممالمتحدة", "الأمم المتحدة"),
        ("الولاياتالمتحدةالأمريكية", "الولايات المتحدة الأمريكية"),
        ("بالولاياتالمتحدةالأمريكية", "بالولايات المتحدة الأمريكية"),
        ("الولاياتالمتحدةوروسيا", "الولايات المتحدة وروسيا"),
        ("إيرانوموسكو", "إيران وموسكو"),
        ("إيرانوروسيا", "إيران وروسيا"),
        ("مصروالأردن", "مصر والأردن"),
        ("العاصمةالأردنية", "العاصمة الأردنية"),
        ("الشرقالأوسط", "الشرق الأوسط"),
        ("فيسوريا", "في سوريا"),
        ("إلىموسكو", "إلى موسكو"),
        ("وزارةالداخلية", "وزارة الداخلية"),
        ("البعثةالدولية", "البعثة الدولية"),
        ("عدوًاللسلام", "عدوًا للسلام"),
        ("ريفدمشق", "ريف دمشق"),
        ("جسرالشغور", "جسر الشغور"),
        ("بيبيسي", "بي بي سي"),
        ("منخلال", "من خلال"),
        ("سانخوسيه", "سان خوسيه"),
        ("بمحافظةحفرالباطن", "بمحافظة حفر الباطن"),
    ],
)
def test_glued_words_are_split(repairer: Repairer, glued: str, expected: str) -> None:
    sentence = f"قال المتحدث إن {glued} ستبحث الأمر غدا."
    assert repairer.repair(sentence).text == f"قال المتحدث إن {expected} ستبحث الأمر غدا."


@pytest.mark.parametrize(
    "word",
    [
        "وتساعدان", "تسعيان", "بوتين", "عبدالله", "والاستراتيجية", "بالاتفاقية",
        "المتحدة", "وميليشياتها", "علاقاتهما", "فلاديمير", "الدبلوماسية", "والمستشفيات",
        "واستراتيجياتها", "سيتمكنون", "عبدالرحمن", "أبوظبي", "والتكنولوجيا", "بالكاميرات",
        "فلسطينيون", "للمفاوضات", "والإسرائيليين", "الاستخباراتية",
        "البريطانيتان", "تركيان", "مسلحان", "واستطرد", "الإقطاع", "كازانوفا", "أمريكيتين",
        "مصرفي", "فيروسات", "تلاميذ",
    ],
)
def test_ordinary_words_stay_whole(repairer: Repairer, word: str) -> None:
    sentence = f"وأكد أن {word} موضوع النقاش."
    assert repairer.repair(sentence).text == sentence


def test_unicode_steps_explain_themselves(repairer: Repairer) -> None:
    raw = "\ufeffقال\u200f الرئيس: ﻻ بد من الحوار في مدينـــة كرکوک\u00a0“اليوم”\r\n"
    result = repairer.repair(raw)
    assert result.text == 'قال الرئيس: لا بد من الحوار في مدينة كركوك "اليوم"\n'
    steps = {change.step for change in result.changes}
    assert steps == {"invisible_marks", "presentation_forms", "persian_letters", "tatweel",
                     "odd_spaces", "typographic_quotes", "line_endings"}
    for change in result.changes:
        assert raw[change.raw_start : change.raw_end] == change.before
        assert result.text[change.start : change.end] == change.after


def test_guillemets_are_kept(repairer: Repairer) -> None:
    text = "قال: «سنعود»"
    assert repairer.repair(text).text == text


def test_clean_text_is_returned_unchanged(repairer: Repairer) -> None:
    text = "وصل الوفد إلى القاهرة صباح اليوم."
    result = repairer.repair(text)
    assert result.text == text
    assert result.changes == ()
    assert result.to_raw(4, 8) == (4, 8)


def test_offsets_lead_back_to_raw_words(repairer: Repairer) -> None:
    raw = "التقى ﻭﺯﻳﺮ الخارجية في روسياوإيران بنظيره."
    result = repairer.repair(raw)
    text = result.text
    for word in ("الخارجية", "روسيا", "وإيران", "بنظيره"):
        start = text.index(word)
        raw_start, raw_end = result.to_raw(start, start + len(word))
        assert raw[raw_start:raw_end] == word
    start = text.index("وزير")
    raw_start, raw_end = result.to_raw(start, start + 4)
    assert raw[raw_start:raw_end] == "ﻭﺯﻳﺮ"


def test_glued_change_records_spans(repairer: Repairer) -> None:
    raw = "بين روسياوإيران"
    result = repairer.repair(raw)
    (change,) = result.changes
    assert change.step == "glued_words"
    assert (change.raw_start, change.raw_end) == (9, 9)
    assert result.text[change.start : change.end] == " "
    assert result.explain() == ["glued_words: raw[9:9] '' -> new[9:10] ' '"]


def test_repair_is_idempotent_on_messy_text(repairer: Repairer) -> None:
    raw = "ﻻ\u200b تنسـيق بين إيرانوموسكو “حتى الآن” في\u00a0الشرقالأوسط"
    once = repairer.repair(raw).text
    assert repairer.repair(once).text == once
    assert repairer.repair(once).changes == ()


def test_disabled_steps(pipeline) -> None:
    repairer = Repairer(pipeline.resources.lexicon, disabled=frozenset({"glued_words"}))
    assert repairer.repair("روسياوإيران").text == "روسياوإيران"
    with pytest.raises(ValueError, match="unknown repair steps"):
        Repairer(pipeline.resources.lexicon, disabled=frozenset({"nope"}))


def test_words_the_document_writes_alone_split_their_glued_form(repairer: Repairer) -> None:
    glued = "وقالت سامنثاباور إن الزيارة ناجحة."
    assert repairer.repair(glued).text == glued  # two rare words: could be one name
    text = "وصلت المبعوثة سامنثا باور إلى المدينة. " + glued
    repaired = repairer.repair(text).text
    assert repaired.endswith("وقالت سامنثا باور إن الزيارة ناجحة.")
    assert repairer.repair(repaired).text == repaired


def test_a_small_place_the_document_names_anchors_its_glued_form(repairer: Repairer) -> None:
    glued = "وقال وفدالزبداني إن القصف توقف."
    assert repairer.repair(glued).text == glued
    text = "وصل المفاوضون إلى الزبداني أمس. " + glued
    assert repairer.repair(text).text.endswith("وقال وفد الزبداني إن القصف توقف.")


def test_long_runs_of_letters_are_not_searched(repairer: Repairer) -> None:
    # glue joins a few words; a run of hundreds of letters is left as it is
    run = "كتب" * 200
    text = f"وجاء في الرسالة {run} ثم انتهت."
    assert repairer.repair(text).text == text


def test_cuts_after_final_letters_inside_a_long_glued_run(repairer: Repairer) -> None:
    # ة and ى end words: a run of a few glued words is cut after them (letters are
    # counted once for the whole run, so the answer does not depend on how it is found)
    glued = "وزارةالخارجيةعلىأنالمدينة"
    repaired = repairer.repair(f"قالت {glued} هادئة.").text
    assert "وزارة الخارجية على" in repaired


def test_a_run_over_the_limit_gets_no_cuts_at_all(repairer: Repairer) -> None:
    # more letters than max_run_letters with no space: text without spaces or noise,
    # left whole (even after ة) so that its cost stays in proportion to its length
    from rasid.text.glue import GlueSettings

    limit = GlueSettings.from_data().max_run_letters
    unit = "مدينةكبيرة"
    run = unit * (limit // len(unit) + 1)
    assert len(run) > limit
    text = f"بدأ النص {run} وانتهى."
    assert repairer.repair(text).text == text
    # just under the limit, the same letters are still cut after ة
    short = unit * ((limit - 1) // len(unit))
    assert repairer.repair(f"بدأ النص {short} وانتهى.").text != f"بدأ النص {short} وانتهى."


def test_final_letter_cuts_agree_with_counting_each_side(pipeline) -> None:
    # the cuts after ة/ى/tanween need two letters on each side; counting them from the
    # prefix sums must give what counting each side of each cut gives
    import random

    from rasid.text.glue import GlueSplitter
    from rasid.text.normalize import match_key

    splitter = GlueSplitter(pipeline.resources.lexicon)
    lexicon = pipeline.resources.lexicon

    def by_counting(token: str) -> tuple[int, ...]:
        cuts = []
        for index, char in enumerate(token[:-1]):
            if char in lexicon.final_marks:
                if token[index + 1] == "ا":
                    if index + 2 >= len(token):
                        continue
                    index += 1
            elif char not in lexicon.final_letters:
                continue
            before = sum(1 for c in token[:index + 1] if match_key(c))
            after = sum(1 for c in token[index + 1:] if match_key(c))
            if before >= 2 and after >= 2 and match_key(token[index + 1]):
                cuts.append(index + 1)
        return tuple(cuts)

    alphabet = "بتكلمنوةىاًٌَُِ"
    rng = random.Random(7)
    for _ in range(300):
        token = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert splitter._final_letter_cuts(token) == by_counting(token), token
