"""What the web tests share: a small store of Arabic news written for them, and real
servers (``rasid serve`` in a subprocess on a free loopback port) to test against.

The texts are short invented news items about visits, attacks (two of them with a
toll of killed and injured), protests, aid and threats between real countries,
analyzed by the real pipeline and stored by the store writer, plus a syndicated copy
(linked by the store's near-duplicate detection), a text whose raw form needs repairs
(glued words, tatweel) and a document that fails (not Arabic), so every part of the
dashboard has something to show.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

#: (date, title, text)
TEXTS = [
    ("2023-01-10", "زيارة رسمية إلى القاهرة",
     "وصل الرئيس الفرنسي إيمانويل ماكرون إلى القاهرة أمس في زيارة رسمية تستمر يومين. "
     "واستقبل الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي في قصر الاتحادية، وبحث "
     "الجانبان التعاون الاقتصادي."),
    ("2023-01-18", "غارات على مواقع في سوريا",
     "شنت إسرائيل غارات جوية على مواقع في سوريا فجر اليوم، ما أسفر عن مقتل 4 أشخاص "
     "وإصابة نحو 10 آخرين. "
     "وقالت وزارة الخارجية السورية إن \"العدوان الإسرائيلي انتهاك صارخ للسيادة\"، ودانت "
     "دمشق الهجوم بشدة."),
    ("2023-02-03", "احتجاجات أمام السفارة",
     "تظاهر مئات المحتجين أمام السفارة الأمريكية في بغداد احتجاجا على العقوبات. "
     "وطالب المتظاهرون الولايات المتحدة برفع العقوبات عن العراق."),
    ("2023-02-20", "محادثات في الرياض",
     "التقى وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره الأردني أيمن الصفدي في "
     "الرياض. ووقعت السعودية والأردن اتفاقية للتعاون في مجال الطاقة."),
    ("2023-03-05", "تهديد بفرض عقوبات",
     "هددت الولايات المتحدة إيران بفرض عقوبات جديدة بسبب برنامجها النووي. "
     "ورفضت إيران الاتهامات الأمريكية ووصفتها بأنها باطلة. "
     "وقال المتحدث باسم الخارجية الإيرانية: «لن نخضع للضغوط الأمريكية»."),
    ("2023-03-22", "مساعدات إنسانية",
     "أرسلت تركيا مساعدات إنسانية إلى سوريا بعد الزلزال المدمر. "
     "وشكرت الحكومة السورية تركيا على المساعدات."),
    ("2023-04-11", "هجوم على الحدود",
     "هاجمت القوات الروسية مواقع أوكرانية قرب الحدود ليلا، ما أسفر عن مقتل 9 جنود "
     "أوكرانيين وإصابة 12 آخرين. "
     "واتهمت أوكرانيا روسيا بقصف منشآت مدنية."),
    ("2023-04-28", "زيارة إلى موسكو",
     "زار الرئيس المصري عبد الفتاح السيسي موسكو والتقى الرئيس الروسي فلاديمير بوتين. "
     "وأكد بوتين دعم روسيا لمصر في مشروعات الطاقة."),
    # raw text that needs repair: glued words and tatweel
    ("2023-05-02", "وفد مشترك في دمشق",
     "وصل وفد من روسياوإيران إلى دمشق لبحث الأزمـــة السورية. "
     "وهاجمت قوات تركية مواقع كردية شمال سوريا."),
]

#: a syndicated copy of the threat story (same text, an agency byline added)
COPY = (TEXTS[4][0], TEXTS[4][1], TEXTS[4][2] + " (خدمة وكالة الأنباء)")
#: a document that cannot be analyzed (not Arabic)
FAILED_TEXT = "This document is written in English and cannot be analyzed by rasid."

#: an Arabic text for the analyze tests
ANALYZE_TEXT = ("استقبل العاهل الأردني الملك عبد الله الثاني الرئيس الفرنسي إيمانويل ماكرون في "
                "عمان. وهاجمت قوات روسية مواقع في أوكرانيا.")

VERSION = "web-test+1"


def build_store(path: Path, pipeline) -> Path:
    """Analyze the texts with ``pipeline`` and write them to a new store at ``path``."""
    from rasid.errors import InputError
    from rasid.io import Document
    from rasid.store import connect
    from rasid.store.dedup import link_duplicates
    from rasid.store.writer import Writer, analysis_record, failure_record

    records = []
    for number, (date, title, text) in enumerate([*TEXTS, COPY]):
        analysis = pipeline.analyze(text, date=date, title=title, source="rasid-tests",
                                    url=f"https://example.org/news/{number}")
        records.append(analysis_record(analysis.to_dict(), raw_text=text,
                                       origin=f"tests/web/{number}.txt"))
    try:
        pipeline.run(Document(text=FAILED_TEXT, origin="tests/web/english.txt"))
        raise AssertionError("the English text was expected to fail")
    except InputError as error:
        records.append(failure_record(error.document, error.reason, error.code,
                                      raw_text=FAILED_TEXT))
    conn = connect(path)
    try:
        Writer(conn, VERSION, dict(pipeline.settings)).write(records)
        link_duplicates(conn)
    finally:
        conn.close()
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running ``rasid serve`` subprocess."""

    def __init__(self, process: subprocess.Popen, url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log = log

    def client(self, **options) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **options)


@contextmanager
def run_server(db: Path, log: Path, *extra: str, timeout: float = 60) -> Iterator[Server]:
    """Start ``python -m rasid.cli_web serve --db DB`` on a free port; stop it after."""
    port = free_port()
    command = [sys.executable, "-m", "rasid.cli_web", "serve", "--db", str(db),
               "--port", str(port), *extra]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                   env=dict(os.environ))
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited: {log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{server.url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
