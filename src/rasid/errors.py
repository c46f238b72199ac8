"""Errors rasid raises, each with a code and a message that says what to do.

Library code never prints or exits: it raises one of these, and the CLI turns them
into a one-line message naming the document and the reason. Every kind of problem has
its own stable code (listed in the README's table of error codes, which a test keeps
complete), so a user can search for it and a script can tell an empty file from a
file in the wrong encoding without parsing the English reason.
"""

from __future__ import annotations

from typing import Any


class RasidError(Exception):
    """Base class: ``code`` is stable across versions, ``str(error)`` is for people."""

    code = "R000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(RasidError):
    """A document could not be read; the subclasses below say why, each with its code.

    ``document`` names the document (its id, or the file and line it came from) and
    ``reason`` says what is wrong with it. Input errors travel between processes in a
    parallel ingest, so they pickle with both fields.
    """

    code = "R100"

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"{document}: {reason}")
        self.document = document
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.document, self.reason))


class EmptyDocument(InputError):
    """The document holds no text (or only white space)."""

    code = "R101"


class BinaryInput(InputError):
    """The file is binary (it contains NUL bytes), not text."""

    code = "R102"


class NotUtf8(InputError):
    """The file's bytes are not valid UTF-8."""

    code = "R103"


class NotArabic(InputError):
    """Too small a share of the document's letters are Arabic (``min_arabic_share``)."""

    code = "R104"


class TooLarge(InputError):
    """The document is longer than ``max_chars`` characters."""

    code = "R105"


class BadDate(InputError):
    """A date is not of the form YYYY-MM-DD, or is not a real calendar date."""

    code = "R106"


class MalformedJson(InputError):
    """A line of a JSON Lines file is not valid JSON."""

    code = "R107"


class BadRecord(InputError):
    """A record has the wrong shape: a JSON line that is not an object or has no
    ``text`` string, a CSV file without the text column, a text that is not a string."""

    code = "R108"


class MissingFile(InputError):
    """A path given on the command line does not exist."""

    code = "R109"


class UnreadableFile(InputError):
    """A file exists but cannot be read (permissions, a device, an I/O error)."""

    code = "R110"


class DamagedArchive(InputError):
    """A gzip file is damaged or cut short."""

    code = "R111"


class MalformedCsv(InputError):
    """A CSV file cannot be parsed (an unclosed quote, a field over the size limit)."""

    code = "R112"


class UnreadableHtml(InputError):
    """A saved HTML page cannot be parsed, or holds no main text."""

    code = "R113"


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
