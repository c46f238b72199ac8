"""Named-entity recognition: a CRF tagger trained on ANERcorp (PERS, LOC, ORG, MISC).

Import :class:`rasid.ner.tagger.CrfTagger` for tagging; this package module stays
empty so that reading CoNLL files or scoring does not load python-crfsuite.
"""
