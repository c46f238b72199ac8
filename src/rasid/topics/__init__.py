"""Topics: what an article is about, as several labels with scores.

A one-vs-rest logistic model over normalized words (``features``), trained from the
sections newspapers file their articles under and from seed words (``data``,
``train``), shipped as a small JSON file of weights (``model``).
"""

from rasid.topics.model import TopicModel, default_model

__all__ = ["TopicModel", "default_model"]
