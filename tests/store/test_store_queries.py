"""Relations, stats and near-duplicates on a small store whose numbers are known."""

from __future__ import annotations

import duckdb
import pytest
from store_samples import analysis_dict

from rasid.store import StoreError
from rasid.store.dedup import link_duplicates
from rasid.store.queries import Filters, relations, stats
from rasid.store.writer import Writer, analysis_record

VERSION = "test+1"

# January: Russia visits Iran (+1), sends aid (+7), attacks (-9) - asserted; Iran did not
# attack Russia (negated); a spokesman says Russia struck Iran (a statement).
JANUARY_A = ("زار وفد من روسيا العاصمة في إيران أمس لبحث التعاون الاقتصادي. "
             "وأرسلت روسيا مساعدات إنسانية إلى إيران بعد الفيضانات الأخيرة. "
             "ولم تهاجم إيران أراضي روسيا رغم التصعيد.")
JANUARY_B = ("وهاجمت قوات من روسيا مواقع على حدود إيران فجر اليوم. "
             "وقال المتحدث باسم روسيا إن طائرات بلاده هاجمت مواقع في إيران ليلا.")
FEBRUARY = ("زار وفد من روسيا العاصمة في إيران أمس لبحث التعاون الاقتصادي. "
            "وتأتي هذه التطورات في ظل أوضاع إقليمية معقدة.")
UNRELATED = ("وانتقدت مصر سياسة تركيا في المنطقة بشدة. "
             "وشهدت الأسواق المحلية هدوءا نسبيا في تعاملات اليوم.")

# A long agency story and a syndicated copy with small changes (a word, a byline).
STORY = (
    "أعلنت وزارة الخارجية في بيان رسمي صدر مساء اليوم أن الجولة الجديدة من المحادثات "
    "بين الجانبين ستعقد في العاصمة الأسبوع المقبل بمشاركة وفود رفيعة المستوى. "
    "وأوضح البيان أن المحادثات ستتناول ملفات التعاون الاقتصادي والتجاري وأمن الحدود "
    "والطاقة، إضافة إلى التنسيق في القضايا الإقليمية والدولية ذات الاهتمام المشترك. "
    "وأشار المتحدث باسم الوزارة إلى أن الجانبين حققا تقدما ملموسا خلال الجولات السابقة "
    "وأن هناك رغبة مشتركة في التوصل إلى اتفاق شامل قبل نهاية العام الجاري. "
    "وزار وفد من روسيا العاصمة في إيران أمس لبحث التعاون الاقتصادي. "
    "ومن المتوقع أن يلتقي الوزيران على هامش الاجتماعات لبحث سبل تعزيز العلاقات "
    "الثنائية وتوسيع الاستثمارات المشتركة في مجالات النقل والزراعة والصناعة."
)
COPY = (STORY.replace("مساء اليوم", "مساء الثلاثاء").replace("الجاري", "الحالي")
        + " (خدمة وكالة الأنباء)")


def add(conn: duckdb.DuckDBPyConnection, text: str, date: str) -> str:
    record = analysis_record(analysis_dict(text, date=date), raw_text=text)
    Writer(conn, VERSION).write([record])
    return record["id"]


@pytest.fixture
def known(store: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    add(store, JANUARY_A, "2023-01-10")
    add(store, JANUARY_B, "2023-01-20")
    add(store, FEBRUARY, "2023-02-05")
    add(store, UNRELATED, "2023-03-01")
    return store


def row(frame, **where):
    selected = frame
    for column, value in where.items():
        selected = selected[selected[column] == value]
    assert len(selected) == 1, selected
    return selected.iloc[0]


def test_relations_by_month_keep_evidence_apart(known: duckdb.DuckDBPyConnection) -> None:
    frame = relations(known, Filters(involving="RUS"), by="month")
    assert set(frame["recipient"]) | set(frame["actor"]) >= {"country:RUS", "country:IRN"}
    jan = row(frame, actor="country:RUS", recipient="country:IRN", evidence="asserted",
              period=frame["period"].min())
    assert jan["events"] == 3 and jan["articles"] == 2
    assert (jan["quad_1"], jan["quad_2"], jan["quad_4"]) == (1, 1, 1)
    assert jan["score_sum"] == pytest.approx(-1.0)
    assert jan["score_mean"] == pytest.approx(-1 / 3)
    assert (jan["cooperation"], jan["conflict"]) == (8.0, 9.0)
    top = list(jan["top_events"])
    assert top[0]["type"] == "ASSAULT" and top[0]["score"] == -9.0
    assert top[0]["sentence"].startswith("وهاجمت قوات من روسيا")
    statement = row(frame, actor="country:RUS", recipient="country:IRN", evidence="statement")
    assert statement["events"] == 1 and statement["score_sum"] == -9.0
    negated = row(frame, actor="country:IRN", recipient="country:RUS", evidence="negated")
    assert negated["events"] == 1
    february = frame[(frame["period"] == frame["period"].max())]
    assert list(february["events"]) == [1]
    assert "country:EGY" not in set(frame["actor"]), "the actor filter keeps Russia's dyads"


def test_relations_filters_and_periods(known: duckdb.DuckDBPyConnection) -> None:
    whole = relations(known, Filters(evidence=("asserted",)), by="all")
    rus_irn = row(whole, actor="country:RUS", recipient="country:IRN")
    assert rus_irn["events"] == 4
    assert set(whole["evidence"]) == {"asserted"}
    february = relations(known, Filters(date_from="2023-02-01", date_to="2023-02-28"),
                         by="day")
    assert list(february["events"]) == [1] and str(february["period"][0])[:10] == "2023-02-05"
    only_aid = relations(known, Filters(types=("AID",)), by="year")
    assert list(only_aid["events"]) == [1]
    countries = relations(known, Filters(involving="IRN"), by="all", level="country")
    assert {"country:RUS", "country:IRN"} == set(countries["actor"]) | set(countries["recipient"])
    # actor and recipient filters hold one side each: Iran as the actor is only the
    # attack it did not make (negated), Iran as the recipient every other dyad
    as_actor = relations(known, Filters(actor="IRN"), by="all")
    assert [(r.actor, r.recipient, r.evidence) for r in as_actor.itertuples()] == [
        ("country:IRN", "country:RUS", "negated")]
    as_recipient = relations(known, Filters(recipient="country:IRN"), by="all")
    assert set(as_recipient["actor"]) == {"country:RUS"}
    assert set(as_recipient["evidence"]) == {"asserted", "statement"}
    with pytest.raises(StoreError, match="unknown period"):
        relations(known, by="week")


def test_stats_count_what_is_stored(known: duckdb.DuckDBPyConnection) -> None:
    frame = stats(known)
    values = {(r.section, r.name): r.value for r in frame.itertuples(index=False)}
    assert values[("articles", "articles")] == 4
    assert values[("articles", "analyzed")] == 4
    assert values[("articles", "failed")] == 0
    assert values[("layers", "events")] == 7
    assert values[("events by evidence", "statement")] == 1
    assert values[("events by evidence", "negated")] == 1
    assert values[("articles", "first_date")] == "2023-01-10"


def test_syndicated_copy_links_to_the_earliest_and_counts_once(
        store: duckdb.DuckDBPyConnection) -> None:
    copy_id = add(store, COPY, "2023-06-02")
    original_id = add(store, STORY, "2023-06-01")
    other_id = add(store, FEBRUARY, "2023-06-01")
    result = link_duplicates(store)
    assert result.duplicates == 1
    links = dict(store.execute("SELECT id, duplicate_of FROM articles").fetchall())
    assert links == {copy_id: original_id, original_id: None, other_id: None}

    once = relations(store, Filters(involving="RUS"), by="all")
    everything = relations(store, Filters(involving="RUS", include_duplicates=True), by="all")
    assert row(once, actor="country:RUS", recipient="country:IRN")["events"] == 2
    assert row(everything, actor="country:RUS", recipient="country:IRN")["events"] == 3

    values = {(r.section, r.name): r.value for r in stats(store).itertuples(index=False)}
    assert values[("articles", "duplicates")] == 1


def test_same_template_weeks_apart_is_not_a_copy(store: duckdb.DuckDBPyConnection) -> None:
    add(store, STORY, "2023-06-01")
    add(store, COPY, "2023-08-01")
    assert link_duplicates(store).duplicates == 0


def test_dedup_is_recomputed_not_accumulated(store: duckdb.DuckDBPyConnection) -> None:
    add(store, STORY, "2023-06-01")
    add(store, COPY, "2023-06-01")
    assert link_duplicates(store).duplicates == 1
    assert link_duplicates(store).duplicates == 1
    assert store.execute("SELECT count(*) FROM minhashes").fetchone() == (2,)


def test_context_countries_count_at_country_level_with_their_basis(store) -> None:
    from pathlib import Path

    from rasid.events.decide import Decider
    from rasid.pipeline import Pipeline

    pipeline = Pipeline()
    component = pipeline.components[pipeline.names.index("events")]
    component.coder.decider = Decider(Path("/nonexistent"))  # rules alone
    text = "اعتقلت قوات الأمن صيادين إيرانيين في مدينة عدن فجر اليوم."
    analysis = pipeline.analyze(text, date="2015-07-10").to_dict()
    Writer(store, VERSION).write([analysis_record(analysis, raw_text=text)])
    stored = store.execute("SELECT entity_id, country, basis FROM event_actors "
                           "ORDER BY role").fetchall()
    assert ("agent:security-forces", "YEM", "place") in stored
    by_country = relations(store, by="all", level="country")
    assert set(zip(by_country["actor"], by_country["recipient"], strict=True)) == {
        ("country:YEM", "country:IRN")}
    stated_only = relations(store, Filters(basis=("stated",)), by="all", level="country")
    assert set(stated_only["actor"]) == {"agent:security-forces"}
    with pytest.raises(StoreError, match="unknown basis"):
        relations(store, Filters(basis=("guess",)), by="all", level="country")
