"""Shared fixtures: one pipeline for the whole session (the lexicon is large)."""

from __future__ import annotations

import pytest

from rasid.pipeline import Pipeline
from rasid.text.repair import Repairer


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def repairer(pipeline: Pipeline) -> Repairer:
    return pipeline.repairer


@pytest.fixture(scope="session")
def segmenter(pipeline: Pipeline):
    from rasid.text.segment import Segmenter

    return Segmenter(pipeline.resources.lexicon)


@pytest.fixture(scope="module")
def rules_only() -> Pipeline:
    """The pipeline with the event decision's model left out: the rules' candidates
    and arguments alone, as tests of the argument rules want them."""
    from pathlib import Path

    from rasid.events.decide import Decider

    pipeline = Pipeline()
    component = pipeline.components[pipeline.names.index("events")]
    component.coder.decider = Decider(Path("/nonexistent"))
    return pipeline
