"""The quotations gold's scorer compares a speaker's name with rasid's words for it."""

from __future__ import annotations

from rasid.evaluate.quotes_corpus import _same_source


def test_a_name_matches_its_short_form_and_its_spacing_variant() -> None:
    assert _same_source("سامح شكري", ["شكري"])
    assert _same_source("عبدربه منصور هادي", ["عبد ربه منصور هادي"])
    assert not _same_source("سامح شكري", ["أحمد أبو الغيط"])
    assert not _same_source("", ["شكري"])
