"""What the watch tests share: Arabic news written for them, a local feed server, and
real ``rasid watch`` / ``rasid serve`` processes on a free loopback port.

The texts are short invented news items; each is distinct (a place and a number vary)
so that every file is one article. Nothing here reads ../shared.
"""

from __future__ import annotations

import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

PLACES = ["درعا", "القنيطرة", "حمص", "ريف دمشق", "حماة", "طرطوس", "اللاذقية", "دير الزور",
          "حلب", "السويداء", "إدلب", "الرقة", "تدمر", "الحسكة", "جبلة", "بانياس"]

STORIES = [
    "وصل وزير الخارجية المصري إلى عمان في زيارة رسمية تستمر يومين، وبحث مع نظيره الأردني "
    "التعاون في مجال {place_topic}. وقال الوزير إن المحادثات كانت مثمرة وإن الجانبين سيلتقيان "
    "مرة أخرى بعد {n} أسابيع.",
    "أعلنت الحكومة التونسية عن خطة جديدة لدعم {place_topic} في المناطق الداخلية، وقالت "
    "وزارة الاقتصاد إن الخطة تشمل {n} مشروعا خلال العام المقبل.",
    "تظاهر مئات الطلاب في الرباط للمطالبة بتحسين {place_topic}، ورفع المحتجون لافتات تطالب "
    "الحكومة المغربية بالاستجابة لمطالبهم خلال {n} أيام.",
]
TOPICS = ["الطاقة", "التعليم", "الصحة", "النقل", "الزراعة", "المياه", "السياحة", "الصناعة",
          "التجارة", "الاتصالات"]


def story(number: int) -> str:
    """A distinct Arabic news text (cycling through a few kinds of story)."""
    template = STORIES[number % len(STORIES)]
    return template.format(place_topic=TOPICS[number % len(TOPICS)], n=number + 2)


def strike(number: int) -> str:
    """A distinct report of an Israeli strike in Syria (an ISR → SYR assault)."""
    place = PLACES[number % len(PLACES)]
    return (f"قصفت القوات الإسرائيلية مواقع عسكرية في {place} جنوب سوريا. "
            f"وذكرت مصادر محلية أن القصف استمر {number + 2} ساعات.")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_settled(path: Path, data: bytes | str) -> Path:
    """Write a file whose time is a minute old, as if it had arrived a while ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


# ---------------------------------------------------------------- a feed server


@dataclass
class Route:
    body: bytes
    status: int = 200
    etag: str | None = None
    last_modified: datetime.datetime | None = None
    content_type: str = "text/html; charset=utf-8"


@dataclass
class FeedServer:
    """A local HTTP server answering GETs from ``routes`` with real conditional
    requests (304 when If-None-Match or If-Modified-Since matches), and taking POSTs
    (the webhook) into ``posts``."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    url: str = ""

    def set(self, path: str, body: str | bytes, **options) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            route = server.routes.get(self.path)
            record = {"path": self.path, "if_none_match": self.headers.get("If-None-Match"),
                      "if_modified_since": self.headers.get("If-Modified-Since")}
            if route is None:
                status = 404
            elif route.status != 200:
                status = route.status
            elif (route.etag and record["if_none_match"] == route.etag) or (
                    route.last_modified and not route.etag
                    and record["if_modified_since"] == format_datetime(route.last_modified,
                                                                       usegmt=True)):
                status = 304
            else:
                status = 200
            record["status"] = status
            server.requests.append(record)
            self.send_response(status)
            if route is not None and status in (200, 304):
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified",
                                     format_datetime(route.last_modified, usegmt=True))
            body = route.body if route is not None and status == 200 else b""
            if status >= 400:
                body = b"error"
            self.send_header("Content-Type", route.content_type if route else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            server.posts.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def page(title: str, text: str, date: str) -> str:
    """A news page as sites publish them: navigation, the article, a footer."""
    paragraphs = "".join(f"<p>{p.strip()}.</p>" for p in text.split(".") if p.strip())
    return (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta property="article:published_time" content="{date}">'
            f'</head><body><nav><a href="/">الرئيسية</a> <a href="/world">العالم</a></nav>'
            f'<article><h1>{title}</h1><time datetime="{date}">{date}</time>{paragraphs}'
            f'</article><footer>جميع الحقوق محفوظة</footer></body></html>')


def rss(title: str, items: list[tuple[str, str, str, datetime.datetime]]) -> str:
    """An RSS 2.0 feed of (guid, link, title, date) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{name}</title>"
        f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>"
        for guid, link, name, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>")


# ---------------------------------------------------------------- processes


def rasid(module: str, *args: str, log: Path) -> subprocess.Popen:
    """Start ``python -m rasid.<module> ARGS`` writing its output to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", f"rasid.{module}", *args],
                                stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ))


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')}")
        time.sleep(0.2)


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """Read the store the way the dashboard does (taking turns with a running writer)."""
    from rasid.web.db import Store

    store = Store(db)
    try:
        with store.cursor() as cur:
            return cur.execute(sql, params or []).fetchall()
    finally:
        store.close()
