"""The quotations gold's scorer compares a speaker's name with rasid's words for it."""

from __future__ import annotations

from rasid.evaluate.quotes_corpus import _same_source


def test_a_name_matches_its_short_form_and_its_spacing_variant() -> None:
    assert _same_source("سامح شكري", ["شكري"])
    assert _same_source("عبدربه منصور هادي", ["عبد ربه منصور هادي"])
    assert not _same_source("سامح شكري", ["أحمد أبو الغيط"])
    assert not _same_source("", ["شكري"])


def test_names_only_precision_leaves_out_descriptors_and_anaphors() -> None:
    from rasid.evaluate.quotes_corpus import NameCounts

    counts = NameCounts(found=8, gold=10, right=6, predicted=10, references=4,
                        references_right=1)
    line = counts.line("people")
    assert "6 of 10 mentions right" in line
    assert "names only P 0.833" in line  # 5 of the 6 mentions that name someone
    assert "names only" not in NameCounts(predicted=2, references=2).line("people")
