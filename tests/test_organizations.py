"""Organizations by the shape of their names: head noun, genitive, adjectives, number."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(pipeline=["segment", "entities"])


def orgs(nlp: Pipeline, text: str) -> dict[str, str | None]:
    data = nlp.analyze(text, date="2019-04-02").to_dict()
    country = {e["id"]: e.get("country") for e in data["entities"]}
    return {m["text"]: country.get(m["entity"]) for m in data["mentions"]
            if m["label"] == "ORG"}


@pytest.mark.parametrize(("text", "name"), [
    ("وأحالت هيئة التفتيش المالية الملف إلى القضاء.", "هيئة التفتيش المالية"),
    ("وناقشت لجنة الشؤون الخارجية القرار أمس.", "لجنة الشؤون الخارجية"),
    ("وقالت مديرية أمن البصرة إن الحادث وقع ليلا.", "مديرية أمن البصرة"),
    ("وتقدم اللواء 17 مشاة نحو المدينة.", "اللواء 17 مشاة"),
    ("وانسحبت المنطقة العسكرية الثالثة من المواقع.", "المنطقة العسكرية الثالثة"),
    ("وأعلنت كتلة الإصلاح النيابية موقفها من الحكومة.", "كتلة الإصلاح النيابية"),
    ("وأكد الحرس الملكي جاهزيته للمناسبة.", "الحرس الملكي"),
    ("وقضت محكمة أمن الدولة العليا بسجن المتهمين.", "محكمة أمن الدولة العليا"),
])
def test_a_head_noun_and_its_modifiers_name_a_body(nlp, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_body_takes_the_country_its_name_states(nlp) -> None:
    assert orgs(nlp, "ورفع مجلس الاحتياطي الفيدرالي الأمريكي أسعار الفائدة.")[
        "مجلس الاحتياطي الفيدرالي الأمريكي"] == "USA"


@pytest.mark.parametrize("text", [
    "وتولت إدارة الأزمة الملف منذ البداية.",
    "وارتفعت حركة الاتصالات خلال العيد.",
    "وحل الفريق في المركز الأول.",
    "وتحدث عن الأمن الوطني في مقاله.",
])
def test_activities_named_like_bodies_are_not_organizations(nlp, text: str) -> None:
    assert [m for m in orgs(nlp, text) if " " in m] == []


@pytest.mark.parametrize(("text", "name"), [
    ("وهو ما تؤكده حملة «الرحمة» التابعة للوزارة.", "حملة «الرحمة»"),
    ("وقتل زعيم جماعة خراسان في غارة.", "جماعة خراسان"),
    ("وقال بيان لقوة المهام المشتركة إن الغارات مستمرة.", "قوة المهام المشتركة"),
    ("وأحال الملف إلى المعهد الملكي للدراسات الأمنية التابع للجامعة.",
     "المعهد الملكي للدراسات الأمنية"),
])
def test_a_named_body_after_its_head_and_a_head_behind_clitics(nlp, text: str,
                                                               name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_known_name_in_quotation_marks_keeps_its_entity(nlp) -> None:
    data = nlp.analyze('وذكرت صحيفة "جيروزليم بوست" الإسرائيلية أن الزيارة تاريخية.',
                       date="2017-03-28").to_dict()
    assert "org:jerusalem-post" in {m["entity"] for m in data["mentions"]}


@pytest.mark.parametrize(("text", "word"), [
    ("وجرى تمديد القرار في شهري يناير وأبريل (نيسان) الماضيين.", "نيسان"),
    ("ودعت الحكومة إلى استئناف الحوار مع الأكراد من جديد.", "الأكراد"),
    ("وتعمل قيادة سوريا على إعادة الإعمار.", "قيادة سوريا"),
])
def test_a_month_a_people_or_a_leadership_is_no_body(nlp, text: str, word: str) -> None:
    assert word not in orgs(nlp, text)


def test_a_municipality_is_named_by_its_city(nlp) -> None:
    assert "بلدية الرمادي" in orgs(nlp, "وأعلنت بلدية الرمادي إغلاق الطرق.")


@pytest.mark.parametrize(("text", "name"), [
    ("وقال مصدر مطلع لـ«الشرق الأوسط» إن المحادثات مستمرة.", "الشرق الأوسط"),
    ("وأكد المتحدث في تصريح إلى \"الوطن\" أن الوضع مستقر.", "الوطن"),
    ("وقال الخبراء خلال حديثهم لـ «اليوم» إن الأسعار سترتفع.", "اليوم"),
    ("وذكرت الوزارة، بحسب ما نشرته صحيفة الوئام، أن المشروع اكتمل.", "صحيفة الوئام"),
])
def test_outlets_whose_names_are_common_words(nlp, text: str, name: str) -> None:
    assert name in orgs(nlp, text)


@pytest.mark.parametrize("text", [
    "ودعا الخطيب إلى \"التسامح\" بين الناس.",
    "وكتب الطالب عن «اليوم» الأول في المدرسة.",
])
def test_a_quoted_word_after_a_preposition_is_no_outlet_without_a_statement(nlp, text
                                                                            ) -> None:
    assert not any(name in ("التسامح", "اليوم") for name in orgs(nlp, text))


@pytest.mark.parametrize(("text", "name"), [
    ("وطالبت الإدارة الاتحادية للرقابة بإيقاف الحكام.", "الإدارة الاتحادية"),
    ("ودعت الهيئة المستهلكين إلى إبلاغ المركز الوطني للتيقظ الدوائي.", "المركز الوطني"),
    ("وقالت مدينة الملك فهد الطبية إنها أحالت الطبيب للتحقيق.", "مدينة الملك فهد الطبية"),
    ("ونقل المصابون إلى مستشفى الملك خالد في المدينة.", "مستشفى الملك خالد"),
])
def test_centres_administrations_and_hospitals_named_after_people(nlp, text: str,
                                                                  name: str) -> None:
    assert name in orgs(nlp, text)


def test_a_rank_is_no_centre(nlp) -> None:
    assert "المركز الأول" not in orgs(nlp, "وحصل الفريق على المركز الأول في البطولة.")


def test_two_indefinite_nouns_lead_a_construct_chain_to_its_definite_word(nlp) -> None:
    found = orgs(nlp, "وأكدت لجنة حكام كرة القدم المصرية أنها تدرس الإضراب.")
    assert "لجنة حكام كرة القدم المصرية" in found
    assert found["لجنة حكام كرة القدم المصرية"] == "EGY"


def test_a_quoted_name_after_a_company_or_outlet_head_is_its_name() -> None:
    from rasid.pipeline import Pipeline

    nlp = Pipeline(pipeline=["segment", "entities"])
    text = ('ستنافس الشركة الصينية الناشئة "زوكا" شركات الهواتف الكبرى، وقال محلل إن '
            '"زوكا" تعتمد على السوق المحلية، حسبما ذكرت وكالة الأنباء الفلسطينية "صفا".')
    analysis = nlp.analyze(text)
    orgs = [m.text for m in analysis.doc.layers.mentions if m.source == "pattern"]
    assert orgs.count("زوكا") == 2 and "صفا" in orgs
    # quoted speech after a company is no name
    analysis = nlp.analyze('وأكدت الشركة "أنها ستواصل العمل" في المشروع.')
    assert not [m for m in analysis.doc.layers.mentions if m.source == "pattern"]


@pytest.mark.parametrize(("text", "name"), [
        ("وقال رئيس مجلس الوزراء حاكم الشارقة إن الميزانية أقرت.", "مجلس الوزراء"),
])
def test_a_title_after_a_whole_name_starts_a_person_not_the_name(nlp, text: str,
                                                                  name: str) -> None:
    found = orgs(nlp, text)
    assert name in found and not any(m.startswith(name + " ") for m in found)


def test_a_title_inside_a_construct_chain_is_still_the_name(nlp) -> None:
    assert "مكتب رئيس الحكومة الأردنية" in orgs(nlp, "وأعلن مكتب رئيس الحكومة الأردنية "
                                                     "عن بدء الحملة.")


@pytest.mark.parametrize("text", [
    "وعقد المجلس اجتماعا برئاسة المهندس فارس العمري.",
    "وضحى الجنود إعلاء لمصلحة هذا الوطن.",
])
def test_chaired_by_and_a_demonstrative_name_no_body(nlp, text: str) -> None:
    assert [m for m in orgs(nlp, text) if " " in m] == []


@pytest.mark.parametrize(("text", "outlet"), [
    ("صدى الخليج – الدوحة\nافتتحت الوزارة مركزا جديدا للتدريب.", "صدى الخليج"),
    ("سالم الراشد- رصد- القاهرة: افتتحت الوزارة مركزا جديدا.", "رصد"),
])
def test_the_outlet_of_an_opening_dateline(nlp, text: str, outlet: str) -> None:
    assert outlet in orgs(nlp, text)


def test_a_place_before_a_dash_is_no_outlet(nlp) -> None:
    found = orgs(nlp, "القاهرة - افتتحت وزارة الصحة مستشفى جديدا.")
    assert "القاهرة" not in found and "وزارة الصحة" in found
