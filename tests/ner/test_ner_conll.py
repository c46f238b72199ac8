"""CoNLL reading and writing, BIO spans, and the entity-level scorer."""

from __future__ import annotations

import io

import pytest

from rasid.ner.conll import ConllError, Sentence, parse, read, repair_bio, score, spans, write


def test_round_trip_keeps_tokens_tags_and_sentence_breaks(tmp_path) -> None:
    sentences = [
        Sentence(("وصل", "الرئيس", "إلى", "القاهرة", "."), ("O", "O", "O", "B-LOC", "O")),
        Sentence(("أعلنت", "الأمم", "المتحدة"), ("O", "B-ORG", "I-ORG")),
        Sentence(("جملة", "بلا", "وسوم"), None),
    ]
    buffer = io.StringIO()
    write(sentences, buffer)
    path = tmp_path / "gold.txt"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert read(path) == sentences


def test_parse_tolerates_extra_blank_lines_and_a_missing_last_one() -> None:
    lines = ["\n", "\n", "قال O\n", "زيد B-PERS\n", "\n", "\n", "في O\n", "عمان B-LOC"]
    assert list(parse(lines)) == [
        Sentence(("قال", "زيد"), ("O", "B-PERS")),
        Sentence(("في", "عمان"), ("O", "B-LOC")),
    ]


def test_a_sentence_tagged_on_some_lines_only_is_an_error() -> None:
    with pytest.raises(ConllError, match="gold:1"):
        list(parse(["قال O\n", "زيد\n"], "gold"))


def test_three_columns_are_an_error() -> None:
    with pytest.raises(ConllError, match="x:2"):
        list(parse(["قال O\n", "زيد B-PERS extra\n"], "x"))


def test_writing_a_token_with_a_space_is_refused() -> None:
    with pytest.raises(ConllError):
        write([Sentence(("الأمم المتحدة",), ("B-ORG",))], io.StringIO())


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "B-PERS", "I-PERS", "O"], [(1, 3, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["B-ORG", "I-ORG", "I-ORG"], [(0, 3, "ORG")]),
        # as in conlleval, a stray I- starts an entity; a type change ends one
        (["O", "I-MISC", "I-MISC"], [(1, 3, "MISC")]),
        (["B-PERS", "I-LOC"], [(0, 1, "PERS"), (1, 2, "LOC")]),
        ([], []),
    ],
)
def test_spans(tags, expected) -> None:
    assert spans(tags) == expected


def test_unknown_tag_is_an_error() -> None:
    with pytest.raises(ConllError):
        spans(["O", "PERS"])


def test_repair_bio_turns_stray_inside_tags_into_beginnings() -> None:
    assert repair_bio(["I-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "I-LOC"]) == [
        "B-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "B-LOC"]


def test_exact_matches_count_per_type() -> None:
    gold = ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG"]
    scores = score(gold, list(gold))
    for kind in ("PERS", "LOC", "ORG"):
        counts = scores.counts(kind)
        assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    assert scores.overall().f1 == 1.0


def test_a_partial_overlap_is_one_false_positive_and_one_false_negative() -> None:
    gold = ["O", "B-PERS", "I-PERS", "I-PERS", "O"]
    pred = ["O", "B-PERS", "I-PERS", "O", "O"]
    counts = score(gold, pred).counts("PERS")
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)
    assert counts.precision == 0.0 and counts.recall == 0.0 and counts.f1 == 0.0


def test_the_right_span_with_the_wrong_type_counts_against_both_types() -> None:
    scores = score(["B-LOC", "O"], ["B-ORG", "O"])
    assert (scores.counts("LOC").tp, scores.counts("LOC").fn) == (0, 1)
    assert (scores.counts("ORG").tp, scores.counts("ORG").fp) == (0, 1)


def test_precision_recall_and_pooled_types() -> None:
    gold = [["B-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O", "B-MISC"]]
    pred = [["B-PERS", "O", "O"], ["B-ORG", "I-ORG", "B-LOC", "O"]]
    scores = score(gold, pred)
    main = scores.overall(("PERS", "LOC", "ORG"))
    assert (main.tp, main.fp, main.fn) == (2, 1, 1)
    assert main.precision == pytest.approx(2 / 3)
    assert main.recall == pytest.approx(2 / 3)
    everything = scores.overall()
    assert (everything.tp, everything.fp, everything.fn) == (2, 1, 2)
    assert "PERS+LOC+ORG" in scores.table()


def test_entities_never_match_across_sentences() -> None:
    gold = [["O", "B-LOC"], ["I-LOC", "O"]]
    pred = [["O", "B-LOC"], ["B-LOC", "O"]]
    assert score(gold, pred).counts("LOC").tp == 2


def test_shapes_must_agree() -> None:
    with pytest.raises(ConllError):
        score(["O", "B-LOC"], ["O"])
    with pytest.raises(ConllError):
        score([["O"], ["O"]], [["O"]])


def test_nothing_to_score_gives_zeros() -> None:
    scores = score([], [])
    assert scores.overall().f1 == 0.0
