"""Topics: features, weak labels from sections and seeds, the trainer, the shipped model
and the CLI, on short Arabic texts written for these tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rasid.cli import main
from rasid.errors import InputError
from rasid.evaluate.topics import evaluate
from rasid.topics.data import Article, labels, read_news, section_of, seed_label
from rasid.topics.features import features, words
from rasid.topics.model import TopicModel, TopicModelError, default_model
from rasid.topics.train import TrainParams, targets, train

SPORTS = [
    "فاز فريق الهلال على النصر بهدفين في مباراة الدوري وسجل المهاجم الهدف الثاني",
    "أعلن نادي الاتحاد التعاقد مع لاعب وسط جديد قبل انطلاق الموسم الكروي",
    "يستعد المنتخب الوطني لمواجهة منتخب اليابان في تصفيات كأس العالم لكرة القدم",
    "أقال النادي المدرب بعد خسارة الفريق ثلاث مباريات متتالية في الدوري",
    "توج اللاعب بلقب هداف البطولة بعد أن سجل عشرين هدفا هذا الموسم",
    "انتهت المباراة بالتعادل السلبي وغاب الجمهور عن الملعب",
]
ECONOMY = [
    "ارتفع مؤشر سوق الأسهم السعودية مدعوما بقطاع البنوك وأسعار النفط",
    "أعلنت الشركة عن نمو أرباحها الفصلية بنسبة عشرة في المئة مع زيادة المبيعات",
    "تراجعت أسعار النفط الخام في الأسواق العالمية مع ارتفاع المخزونات",
    "قرر البنك المركزي رفع سعر الفائدة لمواجهة التضخم وحماية العملة",
    "وقعت الحكومة عقودا للاستثمار في مشروعات الطاقة بقيمة مليار ريال",
    "سجلت الصادرات غير النفطية زيادة في الربع الثاني وفق بيانات التجارة",
]
POLITICS = [
    "بحث وزير الخارجية مع نظيره الأمريكي العلاقات الثنائية والأوضاع في المنطقة",
    "أعلن الرئيس تشكيل حكومة جديدة بعد استقالة رئيس الوزراء وموافقة البرلمان",
    "دعا مجلس الأمن الدولي الأطراف إلى وقف إطلاق النار والعودة إلى المفاوضات",
    "استقبل ولي العهد السفير الفرنسي وبحثا سبل تعزيز التعاون السياسي",
    "صوت البرلمان على قانون الانتخابات الجديد وسط خلافات بين الأحزاب",
    "أكدت الوزارة دعمها للحل السياسي للأزمة اليمنية خلال القمة العربية",
]


def news_line(number: int, source: str, url: str, title: str, text: str) -> str:
    return json.dumps({"id": f"n{number}", "source": source, "url": url, "date": "2015-07-01",
                       "title": title, "text": text}, ensure_ascii=False)


def write_news(path: Path) -> Path:
    """A tiny news file: outlet 'alwatan' with sections in its URLs, the other outlets
    with the slugs of 'aljazirah' and '3alyoum'."""
    lines = []
    n = 0
    for label, texts, slug_j, slug_y, slug_w in (
            ("sports", SPORTS, "sp", "sports", "Sports"),
            ("economy", ECONOMY, "ec", "finance", "Economy"),
            ("politics", POLITICS, "du", "news/pol", "Politics")):
        for i, text in enumerate(texts):
            n += 1
            if i < 3:
                url = f"http://www.al-jazirah.com/2015/20150701/{slug_j}{i}.htm"
                lines.append(news_line(n, "aljazirah", url, label, text))
            elif i < 5:
                url = f"http://www.3alyoum.com/{slug_y}/a/{label}-{i}/"
                lines.append(news_line(n, "3alyoum", url, label, text))
            else:
                url = f"http://www.alwatan.com.sa/{slug_w}/News_Detail.aspx?ArticleID={n}"
                lines.append(news_line(n, "alwatan", url, label, text))
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def test_features_fold_prefixes_and_weigh_the_title() -> None:
    counts = features("وبالاقتصاد والاقتصاد في الاقتصاد", title="الاقتصاد")
    assert counts["~اقتصاد"] == 3 + 2  # three words in the text, the title counts twice
    assert "في" not in counts  # a stop word
    assert ("الاقتصاد", "اقتصاد") in words("الاقتصاد")


def test_sections_map_urls_to_labels() -> None:
    assert section_of("aljazirah", "http://www.al-jazirah.com/2015/20150801/sp22.htm") == (
        "sp", "sports")
    assert section_of("aljazirah", "http://www.al-jazirah.com/2015/20150801/ln3.htm") == (
        "ln", None)
    assert section_of("3alyoum", "http://www.3alyoum.com/news/pol/a/x/") == (
        "news/pol", "politics")
    assert section_of("alwatan", "http://www.alwatan.com.sa/Economy/News_Detail.aspx?"
                      "ArticleID=1&CategoryID=2") == ("Economy", "economy")
    assert section_of("arreyadi", "http://www.arreyadi.com.sa/Home/Details/x") == (
        "arreyadi", "sports")
    assert section_of("unknown", "http://example.org/sport/1") == (None, None)


def test_seeds_label_dense_articles_only() -> None:
    dense = ("قتل خمسة أشخاص في هجوم انتحاري وأصيب عشرة جرحى بعد انفجار عبوة ناسفة "
             "وأعلنت الشرطة القبض على متهم")
    assert seed_label(dense)["security"] == 1
    assert seed_label("افتتح المعرض الدولي للكتاب أبوابه للزوار")["security"] == 0
    assert seed_label("وقع هجوم")["security"] is None


def test_targets_combine_sections_and_seeds() -> None:
    label_set = labels()
    article = Article("a", "aljazirah", "u", "", "نص", "sp", "sports")
    row = targets([article], label_set)[0]
    assert row[label_set.index("sports")] == 1.0
    assert row[label_set.index("economy")] == 0.0
    assert row[label_set.index("security")] == 0.0  # no security seed at all


def test_trainer_learns_a_tiny_set_and_round_trips(tmp_path: Path) -> None:
    articles = []
    for label, texts in (("sports", SPORTS), ("economy", ECONOMY), ("politics", POLITICS)):
        articles += [Article(f"{label}{i}", "t", "u", "", text, label, label)
                     for i, text in enumerate(texts)]
    model = train(articles, TrainParams(min_df=1, epochs=200, learning_rate=0.1))
    assert model.top("سجل المهاجم هدفا في مباراة الفريق") == "sports"
    assert model.top("ارتفعت أسعار النفط وأرباح الشركة") == "economy"
    assert model.top("بحث وزير الخارجية مع نظيره العلاقات") == "politics"
    path = model.save(tmp_path)
    loaded = TopicModel.load(path)
    assert loaded.labels == model.labels
    predicted = loaded.predict("سجل المهاجم هدفا في مباراة الفريق")
    assert predicted[0]["label"] == "sports" and 0.5 < predicted[0]["score"] <= 1.0
    assert loaded.predict("hello") == []  # no known word: no topic


def test_trainer_refuses_a_set_without_labels() -> None:
    with pytest.raises(ValueError, match="no article carries a topic label"):
        train([Article("x", "t", "u", "", "كلمة", None, None)], TrainParams(min_df=1))


def test_bad_model_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(TopicModelError, match="no topic model"):
        TopicModel.load(tmp_path / "missing.json.gz")
    bad = tmp_path / "bad.json.gz"
    with gzip.open(bad, "wt") as handle:
        handle.write('{"format": "other"}')
    with pytest.raises(TopicModelError, match="not a rasid topic model"):
        TopicModel.load(bad)


def test_read_news_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "نص", "source": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"news.jsonl:2: not valid JSON"):
        list(read_news(path))
    with pytest.raises(InputError, match="no such news file"):
        list(read_news(tmp_path / "none.jsonl"))


def test_shipped_model_reads_clear_cases() -> None:
    model = default_model()
    assert set(labels()) == set(model.labels)
    assert model.top("أحرز فريق النصر هدف الفوز في الدقيقة الأخيرة من مباراة الدوري "
                     "وقال مدرب الفريق إن اللاعبين قدموا مستوى كبيرا") == "sports"
    assert model.top("ارتفع مؤشر سوق الأسهم بدعم من أسهم البنوك والبتروكيماويات وبلغت "
                     "قيمة التداولات خمسة مليارات ريال") == "economy"
    assert model.info.get("held_out"), "the shipped model records the outlets it left out"


def test_evaluation_counts_the_confusion() -> None:
    model = default_model()
    articles = [Article("1", "x", "u", "", SPORTS[0], "sp", "sports"),
                Article("2", "x", "u", "", ECONOMY[0], "ec", "economy"),
                Article("3", "x", "u", "", "بلا قسم", None, None)]
    scores = evaluate(model, articles, ["sports", "economy"])
    assert scores.articles == 2
    assert sum(scores.confusion.values()) == 2
    assert "confusion" in scores.report()


def test_cli_trains_and_evaluates_on_held_out_outlets(tmp_path: Path, capsys) -> None:
    news = write_news(tmp_path / "news.jsonl.gz")
    out = tmp_path / "model"
    code = main(["train", "topics", "--news", str(news), "--out", str(out),
                 "--hold-out", "alwatan"])
    assert code == 0, capsys.readouterr().err
    model = TopicModel.load(out)
    assert model.info["held_out"] == ["alwatan"]
    assert "alwatan" not in model.info["outlets"]
    capsys.readouterr()
    code = main(["evaluate", "topics", "--news", str(news), "--model", str(out),
                 "--outlets", "alwatan"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "3 articles with a section label" in printed
    assert "macro F1" in printed


def test_cli_evaluate_names_outlets_without_sections(tmp_path: Path, capsys) -> None:
    news = write_news(tmp_path / "news.jsonl.gz")
    code = main(["evaluate", "topics", "--news", str(news), "--outlets", "okaz"])
    assert code == 2
    assert "no article of okaz has a section label" in capsys.readouterr().err


def test_cli_reports_a_missing_news_file(tmp_path: Path, capsys) -> None:
    code = main(["train", "topics", "--news", str(tmp_path / "none.jsonl"),
                 "--out", str(tmp_path)])
    assert code == 2
    assert "no such news file" in capsys.readouterr().err
