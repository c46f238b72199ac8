"""Word clusters: built from unlabelled text, read back, used as features."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.ner.clusters import ClusterError, build, load_clusters, main
from rasid.ner.features import FeatureConfig, FeatureExtractor
from rasid.ner.gazetteer import Gazetteer
from rasid.text.lexicon import Lexicon


def _texts() -> list[str]:
    """Two kinds of words in two kinds of contexts: leaders who speak, cities visited."""
    leaders = ["سمير", "كريم", "وليد", "هشام", "نبيل", "فادي"]
    cities = ["حلب", "حمص", "صيدا", "صور", "جبيل", "زحلة"]
    lines = []
    for round_ in range(6):
        for i, leader in enumerate(leaders):
            city = cities[(i + round_) % len(cities)]
            lines.append(f"وقال {leader} إن الوضع هادئ")
            lines.append(f"وصل الوفد إلى {city} أمس")
            lines.append(f"أكد {leader} أن الاتفاق قائم")
            lines.append(f"في مدينة {city} مساء")
    return ["\n".join(lines)]


def test_words_used_alike_share_a_cluster() -> None:
    clusters = build(iter(_texts()), vocabulary=200, contexts=20, dimensions=4, coarse=2,
                     fine=4, min_count=2)
    leaders = {clusters[w][0] for w in ("سمير", "كريم", "وليد", "هشام")}
    cities = {clusters[w][0] for w in ("حلب", "حمص", "صيدا", "جبيل")}
    assert len(leaders) == 1 and len(cities) == 1 and leaders != cities


def test_the_file_round_trips_and_feeds_the_features(tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text("".join(
        '{"title": "خبر", "text": "%s"}\n' % text.replace("\n", "\\n") for text in _texts()),
        encoding="utf-8")
    out = tmp_path / "clusters.tsv"
    assert main(["--news", str(news), "--out", str(out), "--vocabulary", "200",
                 "--contexts", "20", "--dimensions", "4", "--coarse", "2", "--fine", "4",
                 "--min-count", "2"]) == 0
    built = load_clusters(out)
    assert built["سمير"][0] == built["كريم"][0] != built["حلب"][0]
    clusters = {"سمير": ("3", "17"), "حلب": ("5", "40")}
    out.write_text("# comment\nسمير\t3\t17\nحلب\t5\t40\n", encoding="utf-8")
    assert load_clusters(out) == clusters
    extractor = FeatureExtractor(FeatureConfig(), Lexicon(zipfs={}, names=frozenset()),
                                 gazetteer=Gazetteer({}), cues={}, clusters=clusters)
    assert extractor.analyse("سمير")["cl"] == ["3"]
    assert extractor.analyse("سمير")["cf"] == ["17"]
    assert extractor.analyse("مجهولون")["cl"] == ["none"]
    row = {n.decode() for n in extractor.sentence(["قال", "سمير"])[0]}
    assert "+1:cl=3" in row


def test_a_bad_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "clusters.tsv"
    bad.write_text("سمير\t3\n", encoding="utf-8")
    with pytest.raises(ClusterError, match=r"clusters.tsv:1: expected"):
        load_clusters(bad)


def test_a_missing_news_file_is_refused(tmp_path: Path, capsys) -> None:
    assert main(["--news", str(tmp_path / "none.jsonl"), "--out",
                 str(tmp_path / "c.tsv")]) == 2
    assert "none.jsonl: no such news file" in capsys.readouterr().err
