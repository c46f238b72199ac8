"""``rasid relations --format json`` and ``/api/relations`` give the same rows.

Both read the store through ``rasid.store.dyads``; this test holds them to it from the
outside: a store made by ``rasid ingest`` (a real process) from short news items
written for this test, the command line run as a real process, the API served by a
real ``rasid serve``, and for each combination of filters every row compared, column
by column, in order, the API's pages put together.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from webenv import Server, run_server

#: (date, title, text): visits, a summit, attacks with tolls, accusations, sanctions, aid,
#: security forces and gunmen in a city (countries from the place) and in a country (from
#: the article), heads of state who fold into their countries
TEXTS = [
    ("2022-11-03", "باريس وبرلين",
     "استقبل الرئيس الفرنسي إيمانويل ماكرون في باريس المستشار الألماني أولاف شولتس، وبحث "
     "الجانبان الحرب في أوكرانيا. ووقعت فرنسا وألمانيا اتفاقا للتعاون الدفاعي."),
    ("2022-12-14", "قصف خاركيف",
     "قصفت القوات الروسية مدينة خاركيف الأوكرانية فجر اليوم، ما أدى إلى مقتل 3 مدنيين "
     "وإصابة 7 آخرين. واتهمت أوكرانيا روسيا بارتكاب جرائم حرب."),
    ("2023-01-09", "اعتقالات في عدن",
     "اعتقلت قوات الأمن في مدينة عدن عشرة مسلحين بعد اشتباك قرب الميناء."),
    ("2023-01-25", "تصريحات إيرانية",
     "وقال المتحدث باسم الخارجية الإيرانية إن الولايات المتحدة هاجمت سفنا إيرانية. "
     "ولم تهاجم إيران السفن الأمريكية رغم التوتر."),
    ("2023-02-17", "قمة في عمان",
     "التقى الرئيس المصري عبد الفتاح السيسي العاهل الأردني الملك عبد الله الثاني في عمان، "
     "واتفقت مصر والأردن على تعزيز التعاون الاقتصادي."),
    ("2023-03-02", "مساعدات للسودان",
     "أرسلت السعودية مساعدات غذائية إلى السودان. وشكرت الحكومة السودانية السعودية على دعمها."),
    ("2023-03-30", "عقوبات وتهديد",
     "فرضت الولايات المتحدة عقوبات جديدة على روسيا. وهددت روسيا الولايات المتحدة بالرد."),
    ("2024-01-12", "هجوم في العراق",
     "هاجم مسلحون مركزا للشرطة في العراق، ما أسفر عن مقتل جنديين. وأدانت تركيا الهجوم "
     "ودعت العراق إلى ملاحقة المهاجمين."),
]

#: the same question in both languages: command-line options, API parameters
COMBINATIONS = [
    ([], {}),
    (["--level", "country", "--by", "all"], {"level": "country", "by": "all"}),
    (["--level", "country", "--by", "year", "--basis", "stated"],
     {"level": "country", "by": "year", "basis": "stated"}),
    (["--level", "country", "--by", "all", "--basis", "stated,place"],
     {"level": "country", "by": "all", "basis": "stated,place"}),
    (["--by", "day", "--actor", "RUS"], {"by": "day", "involving": "RUS"}),
    (["--level", "country", "--actor", "country:EGY", "--by", "all"],
     {"level": "country", "involving": "country:EGY", "by": "all"}),
    (["--from", "2023-01-01", "--to", "2023-12-31", "--evidence", "asserted",
      "--top", "1"],
     {"date_from": "2023-01-01", "date_to": "2023-12-31", "evidence": "asserted", "top": 1}),
    (["--type", "ASSAULT,COERCE", "--level", "country", "--by", "all", "--top", "0"],
     {"type": "ASSAULT,COERCE", "level": "country", "by": "all", "top": 0}),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("agree")
    news = folder / "news.jsonl"
    news.write_text("".join(json.dumps({"id": f"n{i}", "date": date, "title": title,
                                        "text": text, "source": "rasid-tests"},
                                       ensure_ascii=False) + "\n"
                            for i, (date, title, text) in enumerate(TEXTS)), encoding="utf-8")
    db = folder / "agree.duckdb"
    done = subprocess.run([sys.executable, "-m", "rasid", "ingest", str(news), "--db", str(db),
                           "--no-progress"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with run_server(store, tmp_path_factory.mktemp("logs") / "agree.log") as running:
        yield running


def cli_rows(db: Path, options: list[str]) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "rasid", "relations", "--db", str(db),
                           "--format", "json", *options], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else []


def api_rows(server: Server, params: dict) -> list[dict]:
    """Every row of /api/relations, page after page (pages of 2, so paging is tested)."""
    found: list[dict] = []
    with server.client() as client:
        while True:
            answer = client.get("/api/relations", params={**params, "limit": 2,
                                                          "offset": len(found)})
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found += page["items"]
            if not page["items"] or len(found) >= page["total"]:
                assert len(found) == page["total"]
                return found


def same(left: object, right: object) -> bool:
    if isinstance(left, float) and isinstance(right, int | float):
        return math.isclose(left, right, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right,
                                                                          strict=True))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    return left == right


@pytest.mark.parametrize(("options", "params"), COMBINATIONS,
                         ids=[" ".join(o) or "defaults" for o, _ in COMBINATIONS])
def test_cli_and_api_give_the_same_rows(store: Path, server: Server, options: list[str],
                                        params: dict) -> None:
    cli = cli_rows(store, options)
    api = api_rows(server, params)
    assert cli, f"the texts give relations for {options}"
    assert len(cli) == len(api)
    for number, (mine, theirs) in enumerate(zip(cli, api, strict=True)):
        missing = set(mine) - set(theirs)
        assert not missing, f"row {number}: the API lacks {missing}"
        for column, value in mine.items():
            assert same(value, theirs[column]), (number, column, value, theirs[column])


def test_the_combinations_ask_different_questions(store: Path) -> None:
    """The filters narrow, so agreement above is not agreement on the same rows."""
    everything = cli_rows(store, ["--level", "country", "--by", "all"])
    stated = cli_rows(store, ["--level", "country", "--by", "all", "--basis", "stated"])
    russia = cli_rows(store, ["--by", "all", "--actor", "RUS"])
    egypt = cli_rows(store, ["--level", "country", "--actor", "country:EGY", "--by", "all"])
    # security forces and gunmen in Aden count for Yemen only when the place counts
    assert ("agent:security-forces", "agent:gunmen") in {
        (r["actor"], r["recipient"]) for r in stated}
    assert not any(r["actor"].startswith("agent:") for r in everything
                   if r["recipient"] == "agent:gunmen")
    assert 0 < len(russia) < len(cli_rows(store, ["--by", "all"]))
    assert all("country:RUS" in (r["actor"], r["recipient"]) or
               r["actor"].startswith("agent:") for r in russia)
    # at country level the summit of the two heads of state is Egypt–Jordan
    assert {(r["actor"], r["recipient"]) for r in egypt} == {("country:EGY", "country:JOR")}
    assert all(r["actor"].startswith("country:") for r in everything
               if r["actor"] not in {"agent:gunmen", "agent:police", "agent:soldier"})


def test_a_bare_code_is_the_country_s_id(server: Server) -> None:
    """Earlier versions wrote countries as bare codes; they are still accepted."""
    with server.client() as client:
        by_code = client.get("/dyad.json", params={"actor": "RUS", "recipient": "UKR",
                                                   "level": "country"}).json()
        by_id = client.get("/dyad.json", params={"actor": "country:RUS",
                                                 "recipient": "country:UKR",
                                                 "level": "country"}).json()
        assert by_code == by_id and by_id["events"]["total"] > 0
        assert {d["actor"] for d in by_id["directions"]} == {"country:RUS", "country:UKR"}
        sides = [client.get("/api/relations", params={"level": "country", "by": "all",
                                                      "actor": actor}).json()["items"]
                 for actor in ("RUS", "country:RUS")]
        assert sides[0] == sides[1] and sides[0]
        assert all(row["actor"] == "country:RUS" for row in sides[0])
