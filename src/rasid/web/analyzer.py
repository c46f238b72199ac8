"""Analysis of pasted text for ``POST /api/analyze`` and the analyze page.

Only a server started with ``--allow-analyze`` analyzes: the pipeline costs seconds of
CPU per long text and a lot of memory, so a dashboard reachable by others should not
run it for anyone who asks. The request body is read with a byte limit before it is
parsed (a client cannot make the server hold a huge body), then the text is held to a
character limit. The pipeline is built once (it loads the lexicon and knowledge base)
and used by one request at a time, since its components are not written for threads.
It analyzes with the knowledge base the store was built with (the shipped one plus the
user files the store recorded, as the store held them when the pipeline was built).
"""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from rasid.errors import InputError

DEFAULT_MAX_CHARS = 50_000
#: bytes a character may take in a request body (UTF-8, or a JSON \\u escape)
BYTES_PER_CHAR = 6
ENVELOPE_BYTES = 4096


class BodyTooLarge(Exception):
    """The request body is over the size limit (answered with 413)."""


class NotAllowed(Exception):
    """Analysis is switched off on this server (answered with 403)."""


class BadBody(Exception):
    """The request body is not a text to analyze (answered with 422)."""


@dataclass(frozen=True)
class Submission:
    text: str
    date: str | None = None
    title: str | None = None


async def read_body(chunks: AsyncIterator[bytes], limit: int,
                    declared_length: str | None = None) -> bytes:
    """The body, refused as soon as it is known to be over ``limit`` bytes."""
    if declared_length is not None:
        try:
            if int(declared_length) > limit:
                raise BodyTooLarge()
        except ValueError:
            raise BadBody("Content-Length is not a number") from None
    data = bytearray()
    async for chunk in chunks:
        data.extend(chunk)
        if len(data) > limit:
            raise BodyTooLarge()
    return bytes(data)


def _field(values: dict[str, Any], name: str) -> str | None:
    value = values.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadBody(f"'{name}' must be a string")
    return value


def parse_submission(body: bytes, content_type: str) -> Submission:
    """A JSON object ``{"text", "date", "title"}``, a form, or plain text."""
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadBody("the body is not UTF-8") from None
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            values = json.loads(decoded)
        except ValueError as error:
            raise BadBody(f"the body is not valid JSON ({error})") from None
        if not isinstance(values, dict):
            raise BadBody('send a JSON object {"text": "...", "date": "YYYY-MM-DD"}')
    elif kind == "application/x-www-form-urlencoded":
        values = parse_qs(decoded, keep_blank_values=True)
    elif kind in ("text/plain", ""):
        values = {"text": decoded}
    else:
        raise BadBody(f"unsupported content type {kind!r} (send application/json, a form "
                      "or text/plain)")
    text = _field(values, "text")
    if text is None:
        raise BadBody("'text' is missing or empty")
    return Submission(text, _field(values, "date"), _field(values, "title"))


class Analyzer:
    """Runs the pipeline for pasted texts (built on first use or by :meth:`warm_up`)."""

    def __init__(self, allowed: bool, max_chars: int = DEFAULT_MAX_CHARS,
                 resources: Callable[[], Any] | None = None) -> None:
        """``resources`` gives the pipeline resources to analyze with (those of the
        knowledge base the store was built with); the shipped ones when None."""
        self.allowed = allowed
        self.max_chars = max_chars
        self._resources = resources
        self._lock = threading.Lock()
        self._pipeline: Any = None

    @property
    def max_bytes(self) -> int:
        return self.max_chars * BYTES_PER_CHAR + ENVELOPE_BYTES

    def _get(self) -> Any:
        if self._pipeline is None:
            from rasid.pipeline import Pipeline

            shared = self._resources() if self._resources is not None else None
            self._pipeline = Pipeline(resources=shared)
        return self._pipeline

    def warm_up(self) -> None:
        with self._lock:
            self._get().analyze("زار الوزير القاهرة أمس.")

    def check(self) -> None:
        if not self.allowed:
            raise NotAllowed()

    def analyze(self, submission: Submission) -> dict[str, Any]:
        """The Analysis JSON of the submission; InputError when it cannot be analyzed."""
        self.check()
        if len(submission.text) > self.max_chars:
            raise BodyTooLarge()
        from rasid.io import normalize_date

        date = normalize_date(submission.date, "date")
        with self._lock:
            analysis = self._get().analyze(submission.text, date=date, title=submission.title,
                                           source="pasted text")
        return analysis.to_dict()


__all__ = ["Analyzer", "BadBody", "BodyTooLarge", "InputError", "NotAllowed", "Submission"]
