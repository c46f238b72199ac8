"""One knowledge base per pipeline: every knowledge-base file is parsed once, and the
lexicon, the entity index, the tagger's gazetteer and the report's labels all come
from the pipeline's one KnowledgeBase, so a user's entry reaches each of them."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import pytest

import rasid.kb.loader as loader
from rasid.errors import KnowledgeBaseError
from rasid.kb.loader import KnowledgeBase, default_knowledge_base
from rasid.kb.sources import KbSource, parse_source, shipped_kb_files
from rasid.pipeline import Pipeline
from rasid.report import render
from rasid.text.normalize import match_key
from rasid.text.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent

#: invented actors, written for these tests
USER_ENTRIES = [
    {"id": "person:salim-haddadin", "kind": "person", "en": "Salim Haddadin",
     "ar": ["سليم الحدادين"], "gender": "m",
     "roles": [{"office": "foreign_minister", "title": "Foreign Minister of Jordan",
                "country": "JOR", "sector": "GOV", "start": "2022-05"}]},
    {"id": "org:wadi-rum-forum", "kind": "org", "en": "Wadi Rum Dialogue Forum",
     "ar": ["منتدى وادي رم للحوار"], "country": "JOR", "sector": "NGO"},
]
MEETING = "التقى سليم الحدادين الرئيس المصري عبد الفتاح السيسي في القاهرة أمس."
FORUM = "انتقد منتدى وادي رم للحوار الحكومة الإسرائيلية بسبب الاستيطان."


@pytest.fixture
def user_kb(tmp_path: Path) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in USER_ENTRIES) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def parses(monkeypatch) -> Counter:
    """Counts the knowledge-base files parsed, by file name, from a process state in
    which nothing has been parsed yet (the shipped entries are parsed again)."""
    counted: Counter = Counter()

    def counting(source: KbSource):
        counted[Path(source.name).name] += 1
        return parse_source(source)

    monkeypatch.setattr(loader, "parse_source", counting)
    monkeypatch.setattr(loader, "_SHIPPED", None)
    monkeypatch.setattr(loader, "_DEFAULT", None)
    return counted


def _build_everything(pipeline: Pipeline) -> None:
    """Analyze, and touch every resource derived from the knowledge base."""
    pipeline.analyze(MEETING, date="2023-06-01")
    entities = pipeline.resources.entities
    assert entities.names is not None and entities.gazetteer is not None
    assert entities.tagger is not None
    render(pipeline.analyze(FORUM, date="2023-06-01"), pipeline.resources.kb)


def test_each_file_is_parsed_once_per_pipeline(parses: Counter, user_kb: Path) -> None:
    shipped = {path.name for path in shipped_kb_files()}
    first = Pipeline(kb_files=[str(user_kb)])
    _build_everything(first)
    assert parses == Counter({**{name: 1 for name in shipped}, "mine.jsonl": 1})
    _build_everything(first)  # built once: analyzing again parses nothing
    assert parses["mine.jsonl"] == 1
    # a second pipeline with the user's file parses that file again, never the
    # shipped ones (parsed once per process); a shipped-only pipeline parses nothing
    second = Pipeline(kb_files=[str(user_kb)])
    _build_everything(second)
    Pipeline().analyze(MEETING)
    assert parses == Counter({**{name: 1 for name in shipped}, "mine.jsonl": 2})


def test_only_the_loader_parses_knowledge_base_text() -> None:
    """No module parses the knowledge-base files on its own (they once were parsed in
    three places that disagreed): only the loader imports the parser or the list of
    shipped files; others read a user's file as text only (to record it)."""
    importers: dict[str, set[str]] = {}
    for path in (ROOT / "src" / "rasid").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "rasid.kb.sources":
                for alias in node.names:
                    importers.setdefault(alias.name, set()).add(
                        path.relative_to(ROOT / "src" / "rasid").as_posix())
    assert importers["parse_source"] == {"kb/loader.py"}
    assert importers["shipped_kb_files"] == {"kb/loader.py"}
    assert "iter_entries" not in importers


def _tokens(pipeline: Pipeline, text: str) -> list:
    return Segmenter(pipeline.resources.lexicon).tokens(text)


def test_everything_derives_from_the_pipelines_one_knowledge_base(user_kb: Path) -> None:
    pipeline = Pipeline(kb_files=[str(user_kb)])
    resources = pipeline.resources
    kb = resources.kb
    assert kb.get("person:salim-haddadin").en == "Salim Haddadin"
    assert [Path(s.name) for s in kb.user_sources] == [user_kb]
    assert resources.entities.kb is kb
    # the lexicon counts the user's name words as names (the shipped one does not)
    assert resources.lexicon.is_name(match_key("الحدادين"))
    shipped = Pipeline().resources
    assert not shipped.lexicon.is_name(match_key("الحدادين"))
    assert shipped.kb is default_knowledge_base() and not shipped.kb.user_sources
    # the entity index holds the user's names, the shipped one does not
    found = {entry.entity_id for match in resources.entities.names.match(
        _tokens(pipeline, FORUM)) for entry in match.entries}
    assert "org:wadi-rum-forum" in found
    assert not any(entry.entity_id == "org:wadi-rum-forum" for match in
                   shipped.entities.names.match(_tokens(pipeline, FORUM))
                   for entry in match.entries)


def test_a_user_actor_is_recognized_and_takes_part_in_events(user_kb: Path) -> None:
    pipeline = Pipeline(kb_files=[str(user_kb)])
    meeting = pipeline.analyze(MEETING, date="2023-06-01").to_dict()
    mention = next(m for m in meeting["mentions"] if m.get("entity") == "person:salim-haddadin")
    assert MEETING[mention["start"]:mention["end"]] == "سليم الحدادين"
    salim = next(e for e in meeting["entities"] if e["id"] == "person:salim-haddadin")
    assert salim["en"] == "Salim Haddadin" and salim["country"] == "JOR"
    assert salim["role"]["office"] == "foreign_minister"  # his role on the article's date
    assert any("person:salim-haddadin" in e["actor"] for e in meeting["events"])
    forum = pipeline.analyze(FORUM, date="2023-06-01")
    assert any("org:wadi-rum-forum" in e["actor"] for e in forum.to_dict()["events"])
    assert "Wadi Rum Dialogue Forum" in render(forum, pipeline.resources.kb)
    # without the file, the same words are no known actor
    plain = Pipeline().analyze(FORUM, date="2023-06-01").to_dict()
    assert all(e["id"] != "org:wadi-rum-forum" for e in plain["entities"])


def _gazetteer_features(pipeline: Pipeline, words: list[str]) -> set[str]:
    extractor = pipeline.resources.entities.tagger.extractor
    return {name.decode() for row in extractor.sentence(words) for name in row
            if name.decode().startswith(("gB=", "gI=", "-1:gE=", "+1:gB="))}


def test_a_user_actor_reaches_the_taggers_gazetteer_features(user_kb: Path) -> None:
    words = ["انتقد", "منتدى", "وادي", "رم", "للحوار", "القرار"]
    mine = Pipeline(kb_files=[str(user_kb)])
    assert mine.resources.entities.tagger.extractor.gazetteer is \
        mine.resources.entities.gazetteer
    features = _gazetteer_features(mine, words)
    assert {f for f in features if f.endswith("=org")}, features
    assert not {f for f in _gazetteer_features(Pipeline(), words) if f.endswith("=org")}


def test_a_bad_user_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "org:x", "kind": "org", "en": "X", "ar": ["س"]}\n'
                   '{"id": "org:x", "kind": "org", "en": "Y", "ar": ["ص"]}\n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad\.jsonl:2: id 'org:x' already defined "
                                                  r"at .*bad\.jsonl:1"):
        Pipeline(kb_files=[str(bad)]).analyze(MEETING)
    with pytest.raises(KnowledgeBaseError, match="no such knowledge-base file"):
        Pipeline(kb_files=[str(tmp_path / "missing.jsonl")]).analyze(MEETING)


def test_layered_groups_replace_by_id_in_order() -> None:
    first = KbSource("run1.jsonl", json.dumps(USER_ENTRIES[1], ensure_ascii=False))
    renamed = {**USER_ENTRIES[1], "en": "Wadi Rum Forum"}
    second = KbSource("run2.jsonl", json.dumps(renamed, ensure_ascii=False))
    kb = KnowledgeBase.layered([[first], [second]])
    assert kb.get("org:wadi-rum-forum").en == "Wadi Rum Forum"
    assert kb.get("country:JOR") is not None  # the shipped entries stay
    assert KnowledgeBase.layered([]) is default_knowledge_base()
