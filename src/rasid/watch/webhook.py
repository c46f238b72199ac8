"""Delivering alerts to a webhook: one JSON POST per batch of new alerts.

The body is ``{"source": "rasid", "store": PATH, "alerts": [...]}`` with each alert as
``/api/alerts`` gives it. A delivery that fails (the receiver is down, answers an
error) is not lost: the alerts stay marked undelivered in the store and are sent again
after the next batch.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from rasid._version import __version__


class WebhookError(Exception):
    """The webhook could not be reached or did not accept the alerts."""


def check_url(url: str) -> str:
    """``url`` if it is an http(s) address; a ValueError naming the problem otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{url!r} is not an http:// or https:// address")
    return url


def post(url: str, alerts: list[dict[str, Any]], store: str, timeout: float = 10.0) -> None:
    """POST ``alerts`` as JSON to ``url``; a WebhookError unless it answers 2xx."""
    body = json.dumps({"source": "rasid", "version": __version__, "store": store,
                       "alerts": alerts}, ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(
        check_url(url), data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8",
                 "User-Agent": f"rasid/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            if not 200 <= answer.status < 300:
                raise WebhookError(f"{url} answered HTTP {answer.status}")
    except urllib.error.HTTPError as error:
        raise WebhookError(f"{url} answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise WebhookError(f"{url} cannot be reached ({error.reason})") from None
    except OSError as error:
        raise WebhookError(f"{url} cannot be reached ({error})") from None
