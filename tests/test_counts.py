"""Numbers and tolls: the reader of counts and their place on events.

The sentences are written for these tests; they mimic news wording, not any article.
"""

from __future__ import annotations

import pytest

from rasid.events.counts import Count, add_to, attach, find_counts
from rasid.span import Span
from rasid.text.numbers import digits_value, find_numbers


@pytest.mark.parametrize(("text", "value"), [
    ("32", 32), ("٤٣١", 431), ("1,500", 1500),
    ("ثلاثة", 3), ("ثلاث", 3), ("عشرة", 10), ("أحد عشر", 11), ("ثلاثة عشر", 13),
    ("خمسة وعشرين", 25), ("مائة وثمانية وأربعون", 148), ("مئتين وخمسين", 250),
    ("ثلاثمائة", 300), ("ثلاث مئة", 300), ("ألف", 1000), ("ألفين", 2000),
    ("ثلاثة آلاف", 3000), ("ثلاثة آلاف وخمسمائة", 3500), ("20 ألف", 20000),
    ("ربع مليون", 250000), ("وثمانية", 8), ("مئتي", 200), ("«3» آلاف", 3000),
])
def test_number_values(text: str, value: int) -> None:
    numbers = find_numbers(text)
    assert [n.value for n in numbers] == [value]
    assert text[numbers[0].start:numbers[0].end] in text


def test_vague_numbers_have_no_value() -> None:
    assert [n.value for n in find_numbers("سقط عشرات الجرحى ومئات المصابين")] == [None, None]


def test_clock_times_and_decimals_are_not_integers() -> None:
    assert digits_value("04,00") is None
    assert digits_value("3.5") is None
    assert find_numbers("في الساعة 04,00 فجرا") == []


def tolls(text: str, persons: frozenset[int] = frozenset()) -> list[tuple[str, int, bool]]:
    return [(c.kind, c.value, c.approx) for c in find_counts(text, 0, len(text), persons)]


@pytest.mark.parametrize(("text", "expected"), [
    ("أسفر الانفجار عن مقتل 27 شخصا وإصابة 90 آخرين.",
     [("killed", 27, False), ("injured", 90, False)]),
    ("أوقع الهجوم 40 قتيلا ونحو مئة جريح.",
     [("killed", 40, False), ("injured", 100, True)]),
    ("قتل 9 جنود على الأقل في الكمين.", [("killed", 9, True)]),
    ("وقال المصدر إن سبعة مسلحين قتلوا في الاشتباك.", [("killed", 7, False)]),
    ("وأعلنت الشرطة القبض على 15 شخصا في المداهمات.", [("arrested", 15, False)]),
    ("واختطف المسلحون ثلاثة صحفيين من الفندق.", [("kidnapped", 3, False)]),
    ("قتل شاب برصاص القوات قرب الحاجز.", [("killed", 1, False)]),
    ("أدى القصف إلى مقتل عسكريين اثنين.", [("killed", 2, False)]),
    ("قتل شرطيين في الهجوم.", [("killed", 2, False)]),
    ("أسفر القصف عن استشهاد أحد الحراس وثلاثة جنود.", [("killed", 4, False)]),
    ("قتل 12 شخصا بينهم أربعة أطفال في الغارة.", [("killed", 12, False)]),
    ("قتل 17 جنديا وضابطا في الهجوم على الثكنة.", [("killed", 17, False)]),
    ("ارتفع عدد القتلى إلى 60 شخصا.", [("killed", 60, False)]),
    ("أعلنت المقاومة مقتل 30 مسلحا على الأقل، و8 مقاتلين من صفوفها في المواجهات.",
     [("killed", 38, True)]),
    ("أسفر الهجوم عن مقتل خمسة جنود وإصابة سبعة آخرين، واعتقال ثلاثة مسلحين.",
     [("killed", 5, False), ("injured", 7, False), ("arrested", 3, False)]),
    ("وأعلنت الشرطة أن المسلحين قتلوا وأصيب اثنان آخران في الهجوم.", [("injured", 2, False)]),
    ("تركيا تعتقل «120» شخصا في حملة أمنية", [("arrested", 120, False)]),
    ("قتل ما لا يقل عن مائتين وخمسين شخصا.", [("killed", 250, True)]),
])
def test_tolls_are_read(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize("text", [
    "وقع الهجوم في عام 2014 واستمر ثلاث ساعات.",
    "قتل الشاب البالغ من العمر 25 عاما.",  # the age is no toll; the victim is counted
    "سقط عشرات القتلى في القصف.",
    "ضبطت الجمارك 45 مليون وحدة مقلدة.",
    "شنت الطائرات 30 غارة على المواقع.",
    "أسفر التفجير عن سقوط 66 قتيلا وجريحا.",
    "بلغت قيمة الصفقة 300 مليون دولار.",
])
def test_numbers_that_are_not_tolls(text: str) -> None:
    assert all(value == 1 for _, value, _ in tolls(text))
    if "الشاب" not in text:
        assert tolls(text) == []


def test_named_victim_after_a_nominal_head_counts_one() -> None:
    text = "أعلن الجيش مقتل سالم العبيدي في الغارة."
    start = text.index("سالم")
    assert tolls(text, frozenset({start})) == [("killed", 1, False)]
    assert tolls(text) == []


def test_every_toll_span_slices_the_text() -> None:
    text = "قال شهود إن 14 شخصا على الأقل قتلوا، وأصيب 79 آخرون بجروح."
    for count in find_counts(text, 0, len(text)):
        assert text[count.start:count.end].strip() == text[count.start:count.end]
        assert text[count.start:count.end]
    assert tolls(text) == [("killed", 14, True), ("injured", 79, False)]


class _Event:
    def __init__(self, etype: str, trigger: Span, sentence: Span):
        self.type = etype
        self.trigger = trigger
        self.evidence: list[Span] = []
        self.sentence = sentence
        self.counts: dict = {}


def test_tolls_go_to_the_event_that_can_carry_them() -> None:
    text = "اعتقلت الشرطة خمسة أشخاص بعد هجوم أسفر عن مقتل ثلاثة."
    whole = Span(0, len(text))
    arrest = _Event("COERCE", Span(0, 6), whole)
    attack = _Event("ASSAULT", Span(text.index("هجوم"), text.index("هجوم") + 4), whole)
    attach([arrest, attack], find_counts(text, 0, len(text)), text)
    assert arrest.counts["arrested"]["value"] == 5
    assert attack.counts["killed"]["value"] == 3
    assert "killed" not in arrest.counts
    span = attack.counts["killed"]["spans"][0]
    assert text[span["start"]:span["end"]] == span["text"]


def test_a_restated_toll_is_counted_once_and_groups_add_up() -> None:
    text = "x" * 40
    counts: dict = {}
    add_to(counts, Count("killed", 20, True, 0, 5, "militants"), text)
    add_to(counts, Count("killed", 20, False, 10, 15, None), text)
    assert counts["killed"]["value"] == 20
    add_to(counts, Count("killed", 6, False, 20, 25, "civilians"), text)
    assert counts["killed"]["value"] == 26
    assert counts["killed"]["approx"] is True
    assert counts["killed"]["victims"] == "mixed"
    assert len(counts["killed"]["spans"]) == 2


def test_the_pipeline_puts_tolls_on_events(pipeline) -> None:
    text = ("قالت الشرطة إن مسلحين هاجموا نقطة تفتيش في مدينة الموصل أمس، "
            "ما أسفر عن مقتل 12 جنديا عراقيا وإصابة 20 آخرين.")
    analysis = pipeline.analyze(text, date="2015-07-01")
    events = analysis.to_dict()["events"]
    carried = {k: v["value"] for e in events for k, v in e["counts"].items()}
    assert carried == {"killed": 12, "injured": 20}
    for event in events:
        for toll in event["counts"].values():
            for span in toll["spans"]:
                assert text[span["start"]:span["end"]] == span["text"]
