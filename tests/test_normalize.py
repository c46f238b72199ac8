import pytest

from rasid.text.normalize import arabic_share, match_key, strip_diacritics


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("الإيرانية", "الايرانيه"),
        ("أمريكا", "امريكا"),
        ("آسيا", "اسيا"),
        ("مستشفى", "مستشفي"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("مُحَمَّد", "محمد"),
        ("الشئون", "الشيون"),
        ("الشؤون", "الشوون"),
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


def test_distinct_words_keep_distinct_keys() -> None:
    assert match_key("مصر") != match_key("مصري")
    assert match_key("روسيا") != match_key("روسية")


def test_key_lowercases_latin() -> None:
    assert match_key("NATO") == "nato"


def test_strip_diacritics_keeps_letter_forms() -> None:
    assert strip_diacritics("إِيرَان") == "إيران"


def test_arabic_share() -> None:
    assert arabic_share("قال الرئيس") == 1.0
    assert arabic_share("the president") == 0.0
    assert arabic_share("12345 ...") == 0.0
    assert 0.4 < arabic_share("قال the") < 0.6
