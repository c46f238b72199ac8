"""Features that relate a candidate to the article's other candidates of its type.

Whether «مقتل أربعة متمردين» is a new event or a restatement of one already reported
depends less on its own words than on what came before it: a candidate that repeats
an earlier one's place, parties and numbers restates it (``reference``), one that
names a new place or new figures in a round-up («وفي محافظة الضالع…») is another
occurrence. The word features of :mod:`rasid.events.decide` see one sentence; these
see the article's candidates of the same type, as a coder who has read the story does.

The features are computed after every candidate of the article is known (a later
restatement is a feature too), with the sentence's place mentions and numbers read once
per sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rasid.doc import Doc
from rasid.events.decide import Candidate, bucket, is_year
from rasid.layers.mention import Mention


def _sentence_facts(doc: Doc, candidates: list[Candidate],
                    in_sentence: Sequence[list[Mention]]
                    ) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """For each sentence with a candidate: its numbers written in digits (years left
    out) and its places."""
    numbers: dict[int, set[str]] = {}
    places: dict[int, set[str]] = {}
    for candidate in candidates:
        index = candidate.sentence_index
        if index in numbers:
            continue
        sentence = doc.sentences[index]
        numbers[index] = {t.text for t in sentence.tokens.of(doc.tokens)
                          if t.kind == "number" and not is_year(t)}
        places[index] = {m.entity or m.text for m in in_sentence[index]
                         if m.label == "LOC" and m.start < sentence.end}
    return numbers, places


def add_occurrence_features(doc: Doc, candidates: list[Candidate],
                            in_sentence: Sequence[list[Mention]]) -> None:
    """Add to each candidate's features how it stands to the article's other candidates
    of its lexicon type: how many there are, how far back the last one stood, whether it
    shares their place, parties or numbers or brings new ones, whether one follows."""
    numbers, places = _sentence_facts(doc, candidates, in_sentence)
    by_type: dict[str, list[Candidate]] = defaultdict(list)
    by_sentence: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_type[candidate.event.type].append(candidate)
        by_sentence[candidate.sentence_index].append(candidate)
    for candidate in candidates:
        features = candidate.features
        index = candidate.sentence_index
        same = by_type[candidate.event.type]
        earlier = [c for c in same if c.sentence_index < index]
        features[f"n_type={bucket(len(same), (1, 2, 4, 8))}"] = 1.0
        if earlier:
            _against_earlier(candidate, earlier, numbers, places)
        else:
            features["first_of_type"] = 1.0
        if any(c.sentence_index > index for c in same):
            features["type_later"] = 1.0
        others = [c for c in by_sentence[index] if c is not candidate]
        if any(c.event.type == candidate.event.type for c in others):
            features["type_twice_in_sentence"] = 1.0
        if any(c.first < candidate.first for c in others):
            features["not_first_in_sentence"] = 1.0


def _against_earlier(candidate: Candidate, earlier: list[Candidate],
                     numbers: dict[int, set[str]], places: dict[int, set[str]]) -> None:
    """The features of a candidate whose type the article already showed."""
    features, event, index = candidate.features, candidate.event, candidate.sentence_index
    gap = index - earlier[-1].sentence_index
    features[f"type_dist={bucket(gap, (1, 2, 4))}"] = 1.0
    if event.place and any(c.event.place == event.place for c in earlier):
        features["same_place_before"] = 1.0
    parties = set(event.actor) | set(event.recipient)
    if parties and any(parties & (set(c.event.actor) | set(c.event.recipient))
                       for c in earlier):
        features["same_party_before"] = 1.0
    mine = numbers[index]
    seen_numbers = set().union(*(numbers[c.sentence_index] for c in earlier))
    if mine & seen_numbers:
        features["same_number_before"] = 1.0
    if mine - seen_numbers:
        features["new_number_vs_type"] = 1.0
    if candidate.toll and any(c.toll == candidate.toll for c in earlier):
        features["same_toll_kind_before"] = 1.0
    seen_places = set().union(*(places[c.sentence_index] for c in earlier))
    if places[index] - seen_places:
        features["new_loc_vs_type"] = 1.0
    elif places[index]:
        features["old_loc_only"] = 1.0
