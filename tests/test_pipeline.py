"""The pipeline: components by name, order checks, settings, the Python API."""

from __future__ import annotations

import pytest

import rasid
from rasid.errors import InputError, PipelineError, SettingsError
from rasid.io import Document
from rasid.pipeline import Pipeline, register, registered


def test_default_pipeline_runs_every_stage(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze("وصل الوفد إلى عمان. وبدأت المحادثات.", date="2024-01-02")
    assert len(analysis.doc.sentences) == 2
    assert analysis.doc.meta.date == "2024-01-02"
    assert analysis.doc.done >= {"tokens", "sentences", "mentions", "entities", "quotes",
                                 "events"}
    bare = Pipeline(pipeline=["segment"]).analyze("وصل الوفد إلى عمان.")
    assert bare.mentions == [] and bare.events == []


def test_unknown_component_is_named() -> None:
    with pytest.raises(PipelineError, match="unknown component 'nope'"):
        Pipeline(pipeline=["segment", "nope"])


def test_requirements_are_checked_in_order() -> None:
    @register("needs_tokens_test", requires=("tokens",), sets=("checked",))
    class NeedsTokens:
        def __init__(self, resources, settings) -> None:
            pass

        def __call__(self, doc):
            doc.done.add("checked")
            return doc

    assert "needs_tokens_test" in registered()
    with pytest.raises(PipelineError, match="needs \\['tokens'\\]"):
        Pipeline(pipeline=["needs_tokens_test", "segment"])
    analysis = Pipeline(pipeline=["segment", "needs_tokens_test"]).analyze("قال الوزير.")
    assert "checked" in analysis.doc.done


def test_settings_are_validated(tmp_path) -> None:
    with pytest.raises(SettingsError, match="unknown setting 'colour'"):
        Pipeline(colour="blue")
    with pytest.raises(SettingsError, match="max_chars"):
        Pipeline(max_chars="many")
    config = tmp_path / "rasid.toml"
    config.write_text("max_chars = 50\n", encoding="utf-8")
    small = Pipeline(config=config)
    with pytest.raises(InputError, match="too large"):
        small.analyze("قال " * 40)
    bad = tmp_path / "bad.toml"
    bad.write_text("max_chars = = 1", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Pipeline(config=bad)


def test_two_pipelines_do_not_share_settings() -> None:
    strict = Pipeline(min_arabic_share=0.99)
    loose = Pipeline(min_arabic_share=0.1)
    mixed = "قال الوزير the minister said"
    with pytest.raises(InputError):
        strict.analyze(mixed)
    assert loose.analyze(mixed).text == mixed


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("   \n ", "empty"), ("The minister arrived in Cairo.", "not Arabic")],
)
def test_bad_texts_fail_clearly(pipeline: Pipeline, text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        pipeline.analyze(text, id="doc-7")
    assert "doc-7" in str(caught.value)


def test_pipe_keeps_failures_in_the_stream(pipeline: Pipeline) -> None:
    items = list(pipeline.pipe([
        Document("قال الوزير إن المحادثات مستمرة.", id="a", origin="a"),
        Document("", id="b", origin="b"),
        InputError("c", "not valid UTF-8"),
    ]))
    assert [type(i).__name__ for i in items] == ["Analysis", "EmptyDocument", "InputError"]
    assert items[1].document == "b"


def test_pipe_failures_name_the_document_id(pipeline: Pipeline) -> None:
    """Documents built in Python (no file, so no origin) are named by their id, and
    documents without an id by their place in the batch, never as '<text>'."""
    items = list(pipeline.pipe([
        Document("قال الوزير إن المحادثات مستمرة.", id="news-17"),
        Document("", id="news-18"),
        Document("The minister arrived in Cairo.", id="news-19"),
        Document("x" * 50 + "قال الوزير", id="news-20"),
        Document("   "),
    ]))
    failures = items[1:]
    assert [f.document for f in failures] == ["news-18", "news-19", "news-20", "<text 5>"]
    assert [f.code for f in failures] == ["R101", "R104", "R104", "R101"]
    assert all("<text>" not in str(f) for f in failures)
    assert str(failures[0]).startswith("[R101] news-18: empty")


def test_too_large_says_how_to_raise_the_limit(pipeline: Pipeline) -> None:
    small = Pipeline(max_chars=20, pipeline=[])
    (error,) = small.pipe([Document("قال الوزير إن المحادثات مستمرة اليوم.", id="long-1")])
    assert error.code == "R105" and error.document == "long-1"
    assert "--max-chars" in error.reason and "max_chars" in error.reason


def test_input_errors_survive_pickling() -> None:
    """Parallel ingest sends input errors to worker processes."""
    import pickle

    from rasid.errors import MissingFile

    copy = pickle.loads(pickle.dumps(MissingFile("gone.txt", "no such file or folder")))
    assert type(copy) is MissingFile and copy.document == "gone.txt"
    assert str(copy) == "[R109] gone.txt: no such file or folder"


def test_public_api() -> None:
    analysis = rasid.analyze("التقى الرئيسان في روسياوإيران.", date="2017-03-28")
    assert "روسيا وإيران" in analysis.text
    data = analysis.to_dict()
    assert data["meta"]["date"] == "2017-03-28"
    assert rasid.repair("إيرانوموسكو").text == "إيران وموسكو"
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        rasid.analyze("قال الوزير.", date="28/03/2017")


def test_same_text_same_id(pipeline: Pipeline) -> None:
    a = pipeline.analyze("قال الوزير إن الاجتماع انتهى.")
    b = pipeline.analyze("قال الوزير إن الاجتماع انتهى.")
    c = pipeline.analyze("قال الوزير إن الاجتماع بدأ.")
    assert a.id == b.id != c.id


def test_a_lone_surrogate_is_refused_with_its_place(pipeline: Pipeline) -> None:
    """JSON can carry an unpaired surrogate (a "\\ud83d" escape cut in half): such text
    cannot be written out as UTF-8, so it is refused by name before any analysis."""
    text = "قال الوزير إن المحادثات \ud83d مستمرة."
    (error,) = pipeline.pipe([Document(text, id="news-31")])
    assert error.code == "R103" and error.document == "news-31"
    assert "U+D83D at character 24" in str(error)
