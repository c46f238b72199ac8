"""Tolls whose words stand apart: a number far from its verb, victims before their
verb, asides, named victims joined to a number, dual and singular subjects.

The sentences are written for these tests; they mimic news wording, not any article.
Each group is a class of error the reader made on the corpus's train and dev splits.
"""

from __future__ import annotations

import pytest

from rasid.events.counts import find_counts


def tolls(text: str) -> list[tuple[str, int, bool]]:
    return [(c.kind, c.value, c.approx) for c in find_counts(text, 0, len(text))]


def spans_slice(text: str) -> None:
    for count in find_counts(text, 0, len(text)):
        assert text[count.start:count.end] and count.start < count.end <= len(text)


@pytest.mark.parametrize(("text", "expected"), [
    # the verb's subject, a time and a place stand between verb and number
    ("واعتقلت الشرطة منذ يوم الأحد في مدن الشمال 85 شخصا بتهمة التهريب.",
     [("arrested", 85, False)]),
    ("وأوقفت قوات الأمن، منذ مساء الخميس، 42 مشتبها في قضايا الإرهاب.",
     [("arrested", 42, False)]),
    ("وقتل الجيش في نهاية الشهر الماضي قرب الحدود 19 مسلحا.", [("killed", 19, False)]),
    # «للقتلى» is ل + القتلى
    ("ارتفع العدد الإجمالي للقتلى إلى 215 منذ بدء المعارك.", [("killed", 215, False)]),
    # a nominal head with its noun: the count of kidnapped people, far on
    ("وقال إن عدد المختطفين لدى الجماعة يبلغ 120 شخصا.", [("kidnapped", 120, False)]),
])
def test_a_number_far_from_its_head(text: str, expected: list) -> None:
    assert tolls(text) == expected
    spans_slice(text)


@pytest.mark.parametrize("text", [
    # a comma that opens another clause ends the reach
    "قتل رجل الأمن في الاشتباك، فيما نقل 30 جنديا إلى الجبهة.",
    # far from the head, «من» alone does not show that people are counted
    "وكانت الحافلة تقل في طريقها إلى مدينة الطائف سبعة من المسافرين المصابين بالحمى.",
    # «حياة» counts only with its number right after it
    "بعد حياة مليئة بالخوف والقتال عاشها نحو مليون مواطن في المدينة.",
])
def test_no_toll_past_a_clause_or_without_people(text: str) -> None:
    assert [t for t in tolls(text) if t[1] != 1] == []


@pytest.mark.parametrize(("text", "expected"), [
    # victims named before a number joined to it add one
    ("قتل أبو سالم المصري و14 مسلحا آخرين في المعارك.", [("killed", 15, False)]),
    ("أكد المرصد أن قياديا في التنظيم وستة مسلحين آخرين قتلوا في الغارة.",
     [("killed", 7, False)]),
    # two groups before one verb add up
    ("قال السكان إن 12 حوثيا و5 من رجال القبائل سقطوا قتلى.", [("killed", 17, False)]),
    # an aside about the victims between commas
    ("وقال المسؤول إن 18 شخصا، معظمهم من النساء، قتلوا في التفجير.",
     [("killed", 18, False)]),
    ("وقالت الشرطة إن ست نساء وأربعة رجال بينهم حارس، قتلوا في الهجوم.",
     [("killed", 10, False)]),
    # a singular victim joined to a plural group is one more
    ("وأعلنوا مقتل ثلاثة مدنيين وجندي بعد القصف.", [("killed", 4, False)]),
])
def test_groups_of_victims_add_up(text: str, expected: list) -> None:
    assert tolls(text) == expected
    spans_slice(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("وذكرت الوكالة أن شرطيين من دورية المرور قتلا في الانفجار.", [("killed", 2, False)]),
    ("وأضافت أن مهاجمين آخرين قتلا في الضاحية.", [("killed", 2, False)]),
    ("وأفاد المصدر أن جنديا أصيب في القصف.", [("injured", 1, False)]),
    ("وقال شهود إن شرطيا قد قتل خلال الليل.", [("killed", 1, False)]),
    ("أعلنت الوزارة أن قياديا بارزا قتل مع مرافقين اثنين في الغارة.", [("killed", 3, False)]),
])
def test_dual_and_singular_subjects_before_their_verb(text: str, expected: list) -> None:
    assert tolls(text) == expected
    spans_slice(text)


@pytest.mark.parametrize("text", [
    "وقال إن رجلا حاول الهرب من السجن.",
    "وتم رصد مخالفة لرجلين من شرطة المرور أوقفا سيارتيهما في مكان ممنوع.",
])
def test_subjects_of_other_verbs_are_no_toll(text: str) -> None:
    assert tolls(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("وقالت المنظمة إن أكثر من 2000 شخص لاقوا حتفهم منذ بداية الحرب.",
     [("killed", 2000, True)]),
    ("لقي ما لا يقل عن 40 مسلحا من الجماعة المتشددة (فرع التنظيم في المنطقة "
     "الشمالية) حتفهم في الغارات.", [("killed", 40, True)]),
    ("وأضاف أن المجموعة تضم 23 شخصا تم إيقافهم في الرياض.", [("arrested", 23, False)]),
    ("وتعرضت القرية لقصف أصيب خلاله طفل بجروح.", [("injured", 1, False)]),
])
def test_more_toll_words(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the members of a group an arrest seized
    ("ضبطت الأجهزة الأمنية خلية إرهابية تضم سبعة متهمين من جنسيات مختلفة.",
     [("arrested", 7, False)]),
    ("تمكنت الجهات الأمنية من الإطاحة بتنظيم يضم (64) شخصا.", [("arrested", 64, False)]),
    # a relative killed by the one who is named before the verb
    ("وقتل مسلح والده بسلاح ناري بعد خلاف عائلي.", [("killed", 1, False)]),
    ("أقدم شاب على قتل شقيقه في المزرعة.", [("killed", 1, False)]),
])
def test_members_and_relatives(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize("text", [
    # a group that nobody arrested
    "تأسست الجمعية عام 1990 وتضم 300 شخص من الأطباء.",
    # an attempt names a target, not a victim
    "وكان المتهم قد حاول قتل والدته قبل أيام.",
    "وأدين بالشروع في قتل شرطي أثناء المداهمة.",
])
def test_no_toll_without_an_arrest_or_for_an_attempt(text: str) -> None:
    assert tolls(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # «في قبضة» after the people it counts
    ("وقال المحافظ إن نحو 60 مسلحا في قبضة قوات الأمن.", [("arrested", 60, True)]),
    # a plural with «اثنين» joined by و adds two
    ("أسفر الهجوم عن إصابة شرطيين اثنين ومدنيين اثنين أيضا.", [("injured", 4, False)]),
    # «بالإضافة إلى» adds the victims after it, past a head of the same kind
    ("أدت الاشتباكات إلى مقتل ستة من المسلحين بالإضافة إلى أحد أفراد الأمن.",
     [("killed", 7, False)]),
    # «، وأحد …» after a list adds one; «، واحد في …» splits the toll already read
    ("انتهت المداهمة بمقتل ثلاثة من المطلوبين، وأربعة من رجال الشرطة، وأحد المارة.",
     [("killed", 8, False)]),
    ("وقال مسؤولون إن أربعة مدنيين قتلوا بنيران القناصة، واحد في البلدة وثلاثة قرب الحدود.",
     [("killed", 4, False)]),
    ("أعلن الجيش تصفية أحد المطلوبين في المداهمة.", [("killed", 1, False)]),
    ("وأقرت الجماعة بمقتل زعيمها في الغارة.", [("killed", 1, False)]),
    # quoted digits before their scale word
    ("غارات التحالف تقتل أكثر من «4» آلاف مسلح", [("killed", 4000, True)]),
    # a plural of belonging shows that people are counted
    ("واعتقلت الشرطة في عملية واسعة فجر اليوم بالعاصمة 12 باكستانيين.",
     [("arrested", 12, False)]),
    ("وقتل الجيش في نهاية الأسبوع الماضي 25 إسلاميا قرب الجبال.", [("killed", 25, False)]),
])
def test_joined_and_belonging(text: str, expected: list) -> None:
    assert tolls(text) == expected
    spans_slice(text)


@pytest.mark.parametrize("text", [
    # how many were killed and how many arrested is not said
    "وقالت الوزارة إن 85 مسلحا قتلوا أو اعتقلوا خلال العام.",
    # an adverb of belonging's shape is no people
    "وأعلنت الشرطة أمس في بيان أصدرته ضبط 30 يوميا من المخالفات.",
])
def test_no_toll_for_alternatives_or_adverbs(text: str) -> None:
    assert tolls(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # «مصرعه» is read with «لقي»: one victim, not two
    ("ولقي جندي مصرعه وأصيب ثلاثة آخرون في الهجوم.",
     [("killed", 1, False), ("injured", 3, False)]),
    ("قتل ما يقرب من مئتي مقاتل في المعارك.", [("killed", 200, True)]),
])
def test_a_confirming_word_is_read_once(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize("text", [
    "أدى انقلاب سيارة على الطريق الدولي إلى وفاة 3 أشخاص وإصابة 4 آخرين.",
    "ونتج عن حادث انقلاب الحافلة إصابة 20 راكبا.",
    "غاب اللاعب عن المباراة بعد إصابة قائد الفريق في الركبة.",
])
def test_accidents_and_games_state_no_toll(text: str) -> None:
    assert tolls(text) == []


def test_a_coup_is_no_accident() -> None:
    text = "وقتل 12 جنديا في محاولة انقلاب فاشلة."
    assert tolls(text) == [("killed", 12, False)]


@pytest.mark.parametrize(("text", "expected"), [
    # a victim named by a definite singular after the head is one
    ("واُغتيل القيادي في الحزب برصاص مجهولين قرب منزله.", [("killed", 1, False)]),
    ("كما قتل المهاجم نفسه.", [("killed", 1, False)]),
    ("وحمّلت الحركة الحكومة المسؤولية عن مقتل الطفل.", [("killed", 1, False)]),
])
def test_a_definite_singular_after_a_head_is_one(text: str, expected: list) -> None:
    assert tolls(text) == expected


def test_the_losses_of_both_sides_of_a_clash_add_up() -> None:
    text = ("وأسفرت المواجهات عن مقتل 14 من الحوثيين وإصابة العشرات، بينما قتل 5 من "
            "رجال المقاومة في الاشتباكات نفسها.")
    assert tolls(text) == [("killed", 19, False)]
    [count] = find_counts(text, 0, len(text))
    assert text[count.start:count.end].startswith("مقتل 14")


@pytest.mark.parametrize(("text", "expected"), [
    # two tolls whose victims name no side, or the same side, stay two
    ("قتل 6 مدنيين في القصف، فيما قتل 4 أطفال في انفجار لغم.",
     [("killed", 6, False), ("killed", 4, False)]),
    ("قتل 8 من الحوثيين في صعدة، بينما قتل 3 حوثيين في غارة أخرى.",
     [("killed", 8, False), ("killed", 3, False)]),
])
def test_other_pairs_of_tolls_stay_apart(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("فأطلق المسلحون النار على الحارس وقتلوه قرب البوابة.", [("killed", 1, False)]),
    # a list of named victims, each a definite singular after a comma
    ("وأسفر الهجوم عن استشهاد العريف سالم أحمد، والجندي خالد علي، والجندي ماجد حسن.",
     [("killed", 3, False)]),
    ("كما تعرض تسعة من رجال الأمن للإصابة ونقلوا إلى المستشفى.", [("injured", 9, False)]),
])
def test_pronoun_objects_lists_and_exposure(text: str, expected: list) -> None:
    assert tolls(text) == expected


def test_a_verb_opening_the_sentence_before_a_name_is_passive() -> None:
    text = "وقتل سامر الخطيب (24 عاما) برصاصة في الصدر."
    name = frozenset({text.index("سامر")})
    assert [(c.kind, c.value) for c in find_counts(text, 0, len(text), name)] == [("killed", 1)]
    later = "وقال المصدر إن الجنود قتل سامر الخطيب."
    assert find_counts(later, 0, len(later), frozenset({later.index("سامر")})) == []


@pytest.mark.parametrize("text", [
    # a part of a toll, and a range, state no toll
    "وكان من بين المصابين العقيد سالم الراشد قائد الكتيبة.",
    "وأشار إلى تعرض ما بين 20 و25 شخصا لإصابات في الانفجار.",
    "قتل الكثيرون بين 20 أو 30.",
])
def test_parts_and_ranges_are_no_toll(text: str) -> None:
    assert tolls(text) == []


@pytest.mark.parametrize("text", [
    # a number of things far before a toll verb is not its count
    "باغته بأربع رصاصات وعشر طعنات ثم فجر نفسه عند الحاجز رغبة في قتل الجنود",
    # a number joined to the head by و counts something else
    "ويتهم بتسع عمليات قتل وثلاث محاولات أخرى.",
    "اصطدم مركب بصندل نهري مما أدى إلى مصرع 12 شخصا.",
    "أسفر الزلزال عن وفاة ما يزيد على ثمانية آلاف شخص.",
])
def test_things_attempts_and_disasters(text: str) -> None:
    assert tolls(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("وفي المحافظة قتل حوثيان وأصيب 4 آخرون في هجوم للمقاومة.",
     [("killed", 2, False), ("injured", 4, False)]),
    ("وقالت إن القوات اعتقلت نحو 150 شابا ورجلا من البلدة.", [("arrested", 150, True)]),
    # an explosion that overturned a car is an attack, not a road accident
    ("وأضافت أن شرطيين قتلا في الانفجار الذي أدى إلى انقلاب سيارتهما.",
     [("killed", 2, False)]),
])
def test_duals_of_belonging_tamyiz_and_attacks(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize("text", [
    "لقي ثلاثة أشخاص مصرعهم إثر تحطم طائرة صغيرة فوق الحي.",
    "توفي زائر وأصيب سبعة آخرون إثر انقلاب مركبتهم على الطريق.",
])
def test_crashes_are_accidents(text: str) -> None:
    assert tolls(text) == []


def test_people_before_an_arrest_phrase() -> None:
    text = "وكشف مدير الشرطة أن خمسة أشخاص تم القبض عليهم بينهم مقيم."
    assert tolls(text) == [("arrested", 5, False)]


@pytest.mark.parametrize(("text", "expected"), [
    # another clause's verb is not the verb of a number before it
    ("وعين قائدا للقوة المؤلفة من 8700 عسكري فيما قتل ستة أشخاص في هجوم.",
     [("killed", 6, False)]),
    # a relative pronoun does not end the search for the verb
    ("وقفوا دقيقة صمت على الضحايا الـ298 الذين قضوا في الهجوم.", [("killed", 298, False)]),
    # the number written again in words is the same toll
    ("وقد أصيب (120) مائة وعشرون من المواطنين ورجال الأمن.", [("injured", 120, False)]),
])
def test_clauses_relatives_and_numbers_written_twice(text: str, expected: list) -> None:
    assert tolls(text) == expected


def test_an_attempt_on_a_life_named_by_a_pronoun_is_no_toll() -> None:
    assert tolls("وأصيب الحارس بجروح خلال محاولة اغتياله.") == [("injured", 1, False)]


@pytest.mark.parametrize(("text", "expected"), [
    # a victim named by a pronoun counts where the sentence states the death
    ("أطلق مجهولون النار على القيادي ما أدى إلى مقتله.", [("killed", 1, False)]),
    ("وأقر التنظيم بمقتله في الغارة.", [("killed", 1, False)]),
    ("تعرض الجندي لإطلاق نار نتج عنه استشهاده.", [("killed", 1, False)]),
    # and not where it only recalls it
    ("وسيؤدي مقتله إلى إضعاف التنظيم.", []),
    ("وكان قد زار المدينة قبل مقتله بأيام.", []),
    # a verb with its victim as object states the death
    ("فأطلقوا النار على الحارس وقتلوه.", [("killed", 1, False)]),
])
def test_a_victim_named_by_a_pronoun(text: str, expected: list) -> None:
    assert tolls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("وقام المسلحون باختطاف الإعلامي سالم الحداد من المقهى.", [("kidnapped", 1, False)]),
    ("وأعلنت الشرطة اعتقال الشيخ حمد الناصر بعد خطبته.", [("arrested", 1, False)]),
])
def test_a_victim_named_by_a_title(text: str, expected: list) -> None:
    assert tolls(text) == expected
