"""A word's first-word keys are the same whether every proclitic and suffix is tried
or only those its first and last letters allow."""

from __future__ import annotations

import random

from rasid.entities.gazetteer import PhraseIndex
from rasid.text.lexicon import default_lexicon


class _Plain(PhraseIndex):
    """The same index, trying every proclitic and every suffix on every word."""

    def _first_keys(self, surface: str) -> list[tuple[str, int, bool]]:
        self._clitics_by_initial = {}
        self._suffixes_by_final = {}
        everything = self.proclitics
        initials = {c[:1] for c in everything}
        finals = {s[-1:] for s in self.suffixes}
        for letter in {surface[:1], *initials}:
            self._clitics_by_initial[letter] = list(everything)
        for letter in finals | {""}:
            self._suffixes_by_final[letter] = list(self.suffixes)
        keys = super()._first_keys(surface)
        return keys


def test_first_keys_are_those_of_trying_everything() -> None:
    lexicon = default_lexicon()
    proclitics = [letters for letters, _ in lexicon.proclitics]
    suffixes = ("ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي")
    pieces = ["و", "ف", "ب", "ل", "ك", "ال", "لل", "س", "زيار", "اجتماع", "قمت", "مصر",
              "ة", "ته", "هم", "ها", "نا", "ي", "قاهرة", "رياض"]
    chance = random.Random(5)
    words = ["وبالقاهرة", "للرياض", "زيارته", "اجتماعهم", "قمتها", "والاجتماع", "سيزور"]
    words += ["".join(chance.choice(pieces) for _ in range(chance.randint(1, 5)))
              for _ in range(400)]
    for future in (False, True):
        fast = PhraseIndex(proclitics, lexicon, suffixes=suffixes, future=future)
        plain = _Plain(proclitics, lexicon, suffixes=suffixes, future=future)
        for word in words:
            assert fast._first_keys(word) == plain._first_keys(word), word
