"""Errors rasid raises, each with a code and a message that says what to do.

Library code never prints or exits: it raises one of these, and the CLI turns them
into a one-line message naming the document and the reason (spaCy's errors.py shows
the value of stable codes: users can search for them).
"""

from __future__ import annotations


class RasidError(Exception):
    """Base class: ``code`` is stable across versions, ``str(error)`` is for people."""

    code = "R000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(RasidError):
    """A document could not be read: empty, binary, not UTF-8, not Arabic, too large."""

    code = "R100"

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason


class AnalysisError(InputError):
    """A document could be read but a pipeline component failed on it (a rasid bug);
    recorded as a failed document like any other, with the error named."""

    code = "R900"


class KnowledgeBaseError(RasidError):
    """A knowledge-base data file has a bad entry (the message names file and line)."""

    code = "R200"


class PipelineError(RasidError):
    """The pipeline could not be assembled from its settings."""

    code = "R300"


class SettingsError(RasidError):
    """A setting has an unknown name or a value of the wrong kind."""

    code = "R400"
