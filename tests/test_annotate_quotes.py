"""The annotators' words-to-offsets step of the quotations gold (scripts/annotate)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "scripts" / "annotate" / "quotes.py"
_SPEC = importlib.util.spec_from_file_location("annotate_quotes", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
annotate = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(annotate)

TEXT = ("قال الوزير خالد النمر إن الميناء سيفتح غدا. وقال المتحدث باسم الوزارة إن "
        "الرحلات ستعود، مشيرا إلى أن الأسعار ثابتة.")


def test_words_become_offsets_in_text_order() -> None:
    row = {"article": "a", "quotes": [
        {"cue": "قال", "speaker": "الوزير خالد النمر", "speaker_name": "خالد النمر",
         "content": "الميناء…غدا", "kind": "reported"},
        {"cue": "قال", "at": "وقال المتحدث", "speaker": "المتحدث باسم الوزارة",
         "speaker_name": "المتحدث باسم الوزارة", "content": "الرحلات ستعود",
         "kind": "reported"},
        {"cue": "مشيرا", "speaker": None, "speaker_name": "المتحدث باسم الوزارة",
         "content": "الأسعار…ثابتة", "kind": "reported"}],
        "people": [{"name": "خالد النمر"}], "orgs": []}
    resolved, problems = annotate.resolve_row(row, TEXT)
    assert problems == []
    first, second, third = resolved["quotes"]
    assert TEXT[first["cue_start"]:first["cue_end"]] == "قال" and first["cue_start"] == 0
    assert TEXT[second["cue_start"] - 1:second["cue_end"]] == "وقال"
    assert TEXT[second["speaker_start"]:second["speaker_end"]] == "المتحدث باسم الوزارة"
    assert TEXT[first["content_start"]:first["content_end"]] == "الميناء سيفتح غدا"
    assert TEXT[third["content_start"]:third["content_end"]] == "الأسعار ثابتة"
    assert annotate.check(resolved, TEXT) == []


def test_what_cannot_be_placed_is_refused() -> None:
    row = {"article": "a", "quotes": [
        {"cue": "أكد", "speaker": None, "speaker_name": "سامح شكري", "content": "x",
         "kind": "reported"},
        {"cue": "قال", "speaker": None, "speaker_name": "سامح شكري",
         "content": "الميناء…غدا", "kind": "reported"}], "people": [], "orgs": []}
    _, problems = annotate.resolve_row(row, TEXT)
    assert any("أكد" in p for p in problems)
    assert any("سامح شكري" in p for p in problems)
