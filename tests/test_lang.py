"""The home of the Arabic language data (rasid.lang.ar): the conjunction helpers, the
word lists, and the one loader every packaged data file goes through."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.entities.confidence import confidence
from rasid.lang.ar import words as word_lists
from rasid.lang.ar.clitics import (
    CONJUNCTIONS,
    has_conjunction,
    strip_conjunction,
    strip_conjunctions,
)
from rasid.resources import DataFileError, data_path, load_json, package_path

SRC = Path(__file__).resolve().parent.parent / "src" / "rasid"

# -- the leading conjunction ----------------------------------------------------------


def test_conjunctions_are_the_conj_proclitics_of_the_morphology_table() -> None:
    assert CONJUNCTIONS == {"و", "ف"}
    entries = load_json("morphology.json")["proclitics"]["entries"]
    roles = {letters: parts for letters, parts in entries}
    assert all(roles[c] == ["conj"] for c in CONJUNCTIONS)
    assert roles["ب"] == ["prep"] and "ب" not in CONJUNCTIONS


@pytest.mark.parametrize(("word", "min_rest", "expected"), [
    ("وقال", 3, "قال"),        # و + a three-letter verb
    ("فأعلن", 3, "أعلن"),
    ("ولد", 3, "ولد"),          # a short word keeps its و under the verb guard
    ("وفي", 2, "في"),           # the preposition guard lets وفي become في
    ("وفي", 3, "وفي"),
    ("ومن", 2, "من"),
    ("وب", 2, "وب"),
    ("وعن", 0, "عن"),           # no guard
    ("و", 0, ""),
    ("و", 1, "و"),
    ("قال", 0, "قال"),          # nothing to strip
    ("بيروت", 0, "بيروت"),
    ("", 3, ""),
])
def test_strip_conjunction_keeps_the_callers_guard(word: str, min_rest: int,
                                                   expected: str) -> None:
    assert strip_conjunction(word, min_rest=min_rest) == expected


def test_has_conjunction_reads_only_the_first_letter() -> None:
    assert has_conjunction("وأكد") and has_conjunction("فإن")
    assert has_conjunction("وزير")  # a word's own و: callers look the rest up
    assert not has_conjunction("بأن") and not has_conjunction("") \
        and not has_conjunction("أوضح")


def test_strip_conjunctions_drops_the_whole_run() -> None:
    assert strip_conjunctions("والقاهرة") == "القاهرة"
    assert strip_conjunctions("فولم") == "لم"
    assert strip_conjunctions("وف") == ""
    assert strip_conjunctions("فوز") == "ز"  # loose on purpose: see its docstring
    assert strip_conjunctions("لن") == "لن"


_ARABIC = st.text(alphabet="وفبلكالنمرسيهتدقعأإى", max_size=7)


@settings(max_examples=300, deadline=None)
@given(_ARABIC)
def test_the_helper_equals_each_hand_written_strip_it_replaced(word: str) -> None:
    # the three guards the modules wrote by hand before the helper existed
    assert strip_conjunction(word) == (word[1:] if word[:1] in ("و", "ف") else word)
    assert strip_conjunction(word, min_rest=2) == (
        word[1:] if word[:1] in ("و", "ف") and len(word) > 2 else word)
    assert strip_conjunction(word, min_rest=3) == (
        word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word)
    assert strip_conjunctions(word) == word.lstrip("وف")
    assert has_conjunction(word) == (word[:1] in ("و", "ف"))


_HAND_STRIP = re.compile(r'\("و", "ف"\)|lstrip\("وف"\)|in "وف"|\("ف", "و"\)')
#: files left out of the guards (none now that parts 2 and 5 have landed)
_NOT_MINE: set[str] = set()


def test_no_module_strips_the_conjunction_by_hand() -> None:
    found = [f"{p.relative_to(SRC)}:{n}" for p in SRC.rglob("*.py")
             if p.relative_to(SRC).as_posix() not in _NOT_MINE
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if _HAND_STRIP.search(line)]
    assert found == [], "use rasid.lang.ar.clitics instead: " + ", ".join(found)


# -- word lists -------------------------------------------------------------------------


def test_every_word_list_says_what_it_is_for_and_loads() -> None:
    data = load_json(word_lists.WORDS_FILE)
    assert data["_doc"]
    assert len(word_lists.names()) >= 20
    for name in word_lists.names():
        assert len(data[name]["_doc"]) > 20, name
        if isinstance(data[name]["words"], dict):
            assert word_lists.word_map(name), name
        else:
            assert word_lists.word_list(name) and word_lists.word_set(name), name


def test_lists_keep_their_order_and_maps_are_read_only() -> None:
    # tried in order: the longer suffix before the one it ends with
    suffixes = word_lists.word_list("third_person_suffixes")
    assert suffixes.index("هما") < suffixes.index("ها") < suffixes.index("ه")
    prepositions = word_lists.word_map("prepositions")
    assert prepositions["علي"] == "على" and prepositions["الي"] == "إلى"
    with pytest.raises(TypeError):
        prepositions["نحو"] = "x"  # type: ignore[index]


def test_an_unknown_list_is_a_clear_error() -> None:
    with pytest.raises(DataFileError, match=r"words\.json: no word list named 'prepostions'"):
        word_lists.word_list("prepostions")
    with pytest.raises(DataFileError, match="no word list named '_doc'"):
        word_lists.word_set("_doc")


def test_a_malformed_list_is_a_clear_error() -> None:
    with pytest.raises(DataFileError, match="'day_words' must be a list of non-empty strings"):
        word_lists.checked_list("day_words", ["اليوم", ""])
    with pytest.raises(DataFileError, match="must be a list"):
        word_lists.checked_list("day_words", "اليوم")
    with pytest.raises(DataFileError, match="'prepositions' must map strings to strings"):
        word_lists.checked_map("prepositions", {"علي": 1})
    assert word_lists.checked_list("x", ["أمس", "اليوم"]) == ("أمس", "اليوم")


_LETTERS = re.compile(r"[\u0621-\u064A]")
#: literals left in code on purpose: event slot names (the vocabulary of triggers.jsonl)
_KEPT = {"events/coder.py": {("prep:مع", "prep:بين", "prep:ب", "object")}}


def _arabic_literals(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Set | ast.Tuple | ast.List | ast.Dict):
            elements = node.keys if isinstance(node, ast.Dict) else node.elts
            strings = tuple(e.value for e in elements if isinstance(e, ast.Constant)
                            and isinstance(e.value, str))
            if sum(1 for s in strings if _LETTERS.search(s)) >= 2:
                found.append((node.lineno, strings))
    return found


def test_no_arabic_word_list_is_left_in_python() -> None:
    left = [f"{path.relative_to(SRC)}:{line} {strings}"
            for path in sorted(SRC.rglob("*.py"))
            if (rel := path.relative_to(SRC).as_posix()) not in _NOT_MINE
            for line, strings in _arabic_literals(path)
            if strings not in _KEPT.get(rel, set())]
    assert left == [], "move these to rasid/lang/ar/data/words.json: " + "; ".join(left)


def test_the_literal_finder_finds_a_word_list(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('X = ("في", "من")\nY = ("،", ",")\nZ = {"مع": 1}\n', encoding="utf-8")
    assert [line for line, _ in _arabic_literals(module)] == [1]


# -- one loader for every packaged file -------------------------------------------------


def test_load_json_reads_the_arabic_data_by_default_and_a_subpackage_by_name() -> None:
    assert "proclitics" in load_json("morphology.json")
    assert data_path("charmaps.json").parent == package_path("rasid.lang.ar", "data")
    assert "types" in load_json("ontology.json", "rasid.events")
    assert load_json("confidence.json", "rasid.entities")["tagger"]["confidence"] == 0.6
    assert data_path("anercorp.crfsuite", "rasid.ner", folder="model").is_file()
    assert (package_path("rasid.web", "templates") / "base.html").is_file()


def test_load_json_reads_a_file_once() -> None:
    assert load_json("dates.json") is load_json("dates.json")


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str) -> str:
    folder = tmp_path / name / "data"
    folder.mkdir(parents=True)
    (tmp_path / name / "__init__.py").write_text("", encoding="utf-8")
    (folder / "table.json").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_a_broken_data_file_names_the_file_and_the_line(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, "rasid_test_broken",
                       '{\n "words": ["في",\n "من"\n}\n')
    with pytest.raises(DataFileError, match=r"rasid_test_broken/data/table\.json:4: "
                                            r"not valid JSON") as error:
        load_json("table.json", package)
    assert error.value.code == "R800"


def test_a_missing_data_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _package(tmp_path, monkeypatch, "rasid_test_missing", "{}")
    assert load_json("table.json", package) == {}
    with pytest.raises(DataFileError, match=r"tabel\.json: no such data file in "
                                            "rasid_test_missing"):
        load_json("tabel.json", package)


_LOCATORS = re.compile(r"__file__|importlib\.resources|from importlib import resources")
#: knowledge-base modules (issue 16 part 2 rewrites how the KB is read)
_LOCATES_ITSELF: set[str] = set()


def test_only_resources_locates_packaged_files() -> None:
    offenders = [path.relative_to(SRC).as_posix() for path in sorted(SRC.rglob("*.py"))
                 if _LOCATORS.search(path.read_text(encoding="utf-8"))]
    assert set(offenders) == {"resources.py"} | _LOCATES_ITSELF


# -- confidences --------------------------------------------------------------------------


def test_every_confidence_says_what_it_is_for_and_lies_in_0_1() -> None:
    data = load_json("confidence.json", "rasid.entities")
    kinds = [k for k in data if not k.startswith("_")]
    assert len(kinds) >= 10
    for kind in kinds:
        assert len(data[kind]["for"]) > 20, kind
        assert 0 < confidence(kind) <= 1


def test_an_unknown_confidence_is_a_clear_error() -> None:
    with pytest.raises(DataFileError, match=r"confidence\.json: no confidence for 'kb_nmae'"):
        confidence("kb_nmae")


def test_mentions_carry_the_confidence_of_the_way_they_were_found(pipeline) -> None:
    text = "قال وزير الخارجية السعودي إن المملكة تدعم الحل السياسي في اليمن."
    analysis = pipeline.analyze(text, "2020-05-01")
    by_text = {m["text"]: m for m in json.loads(analysis.to_json())["mentions"]}
    yemen = by_text["اليمن"]
    assert yemen["source"] == "gazetteer"
    assert yemen["confidence"] == confidence("kb_name")
    for mention in by_text.values():
        assert 0 < mention["confidence"] <= 1


def test_a_broken_data_file_stops_a_corpus_run_instead_of_failing_each_article(
        pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasid.io import Document

    def broken(document: Document) -> None:
        raise DataFileError("words.json:5: not valid JSON (Expecting value)")

    monkeypatch.setattr(pipeline, "run", broken)
    documents = [Document("قال المتحدث إن الاجتماع انتهى.", "a1", "2020-05-01")]
    with pytest.raises(DataFileError, match=r"words\.json:5"):
        list(pipeline.pipe(documents))
