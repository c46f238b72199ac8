"""Tone: how an article, and a dyad, are covered.

Two readings, both explainable (README, "Tone"): from the events (mean Goldstein score
and share of conflict among the events an article reports) and from the words (rates of
positive and negative words of ``data/lexicon.json``, GDELT's AvgTone idea).
"""

from rasid.tone.compute import event_tone, lexical_tone, tone

__all__ = ["event_tone", "lexical_tone", "tone"]
