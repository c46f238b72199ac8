"""Feeds: fetch RSS 2.0 and Atom feeds and their items' pages, politely.

Every request is conditional once the server has given a validator (``If-None-Match``
with the ETag, ``If-Modified-Since`` with the Last-Modified date), so an unchanged
feed or page costs the server a 304 and rasid nothing. An item's page is fetched when
the item is new, or when the feed gives it a new date (the story was updated); its
main text, title and date are extracted with trafilatura by the same reader as saved
HTML pages in ``rasid ingest`` (``rasid.batch.sources.read_html``). Only ``http`` and
``https`` addresses are fetched: a feed cannot make rasid read a local file.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from rasid._version import __version__
from rasid.watch.settings import load


class FetchError(Exception):
    """A feed or page could not be fetched or read (the message says why)."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: ``key`` identifies it across fetches (guid, id or link);
    ``stamp`` is its date as the feed writes it (a change means the story changed)."""

    key: str
    url: str | None
    title: str | None
    stamp: str | None
    date: str | None


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def fetch(url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
    """GET ``url`` conditionally; 200 and 304 are answers, anything else a FetchError."""
    config = load("feeds.json")
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) address ({scheme or 'no scheme'})")
    headers = {"User-Agent": config["user_agent"].format(version=__version__),
               "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    limit = int(config["max_bytes"])
    try:
        with urllib.request.urlopen(request, timeout=config["timeout_seconds"]) as answer:
            body = answer.read(limit + 1)
            if len(body) > limit:
                raise FetchError(f"larger than {limit:,} bytes")
            return Response(answer.status, body, answer.headers.get("ETag"),
                            answer.headers.get("Last-Modified"))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(304, b"", etag, last_modified)
        raise FetchError(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"cannot connect ({error.reason})") from None
    except (TimeoutError, OSError) as error:
        raise FetchError(f"network error ({error})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, *names: str) -> str | None:
    for name in names:
        child = _child(element, name)
        if child is not None and child.text and child.text.strip():
            return child.text.strip()
    return None


def _date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` of an RSS (RFC 822) or Atom (ISO 8601) date, None if unreadable."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _atom_link(entry: ET.Element) -> str | None:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return href
        fallback = fallback or href
    return fallback


def parse_feed(data: bytes, base_url: str) -> Feed:
    """The items of an RSS 2.0 / RSS 1.0 or Atom document; a FetchError if it is neither."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise FetchError(f"not a readable feed (XML error: {error})") from None
    kind = _local(root.tag)
    items: list[FeedItem] = []
    if kind == "feed":  # Atom
        title = _text(root, "title")
        entries = [e for e in root if _local(e.tag) == "entry"]
        for entry in entries:
            link = _atom_link(entry)
            stamp = _text(entry, "updated", "published")
            items.append(_item(_text(entry, "id"), link, _text(entry, "title"), stamp,
                               _date(_text(entry, "published", "updated")), base_url))
    elif kind in ("rss", "RDF"):
        channel = _child(root, "channel")
        title = _text(channel, "title") if channel is not None else None
        holder = channel if kind == "rss" and channel is not None else root
        for entry in holder:
            if _local(entry.tag) != "item":
                continue
            stamp = _text(entry, "pubDate", "date", "updated")
            link = _text(entry, "link") or entry.get(
                "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            items.append(_item(_text(entry, "guid"), link, _text(entry, "title"), stamp,
                               _date(stamp), base_url))
    else:
        raise FetchError(f"not an RSS or Atom feed (its root element is <{kind}>)")
    return Feed(title, items)


def _item(key: str | None, link: str | None, title: str | None, stamp: str | None,
          date: str | None, base_url: str) -> FeedItem:
    url = urllib.parse.urljoin(base_url, link) if link else None
    if not key:
        key = url or hashlib.sha256((title or "").encode("utf-8")).hexdigest()[:16]
    return FeedItem(key=key, url=url, title=title, stamp=stamp, date=date)


def backoff(failures: int, interval: float) -> datetime.timedelta:
    """How long to wait before trying again after ``failures`` failures in a row."""
    cap = float(load("feeds.json")["max_backoff_seconds"])
    return datetime.timedelta(seconds=min(cap, max(interval, 1.0) * 2 ** max(failures - 1, 0)))
