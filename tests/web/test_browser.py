"""The pages in a real browser: Debian's Chromium, headless, driven by Selenium.

Each page must load without a console error (the browser log is read), the network
must draw and follow its filters, the article view must highlight exactly the
mentions' text, and the analyze page must work on pasted text. Screenshots of every
page go to ``$RASID_SCREENSHOTS`` when it is set (``tests/web/make_screenshots.py``
sets it to ``docs/screenshots``), else to the test's temporary folder.

Skipped only when /usr/bin/chromium is absent; CI installs it (``apt-get install
chromium chromium-driver``). Selenium is told where the browser and its driver are,
so it never downloads one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from webenv import ANALYZE_TEXT, Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Chromium is not installed at /usr/bin/chromium "
                                "(apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not go online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1300,1000", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("RASID_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait(driver, condition, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def errors(driver) -> list[dict]:
    """Console errors since the last call (reading the log empties it)."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def visit(driver, url: str, shots: Path | None = None, name: str | None = None) -> None:
    """Load ``url``, wait until it is complete, and fail on any console error."""
    errors(driver)
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")
    found = errors(driver)
    assert not found, f"console errors on {url}: {found}"
    if shots is not None and name:
        driver.save_screenshot(str(shots / f"{name}.png"))


def test_every_page_loads_without_console_errors(browser, server: Server, sample: dict,
                                                 shots: Path) -> None:
    actor, recipient = sample["dyad"]
    for name, path in [
        ("overview", "/"),
        ("network", "/network"),
        ("map", "/map"),
        ("dyad", f"/dyad?actor={quote(actor)}&recipient={quote(recipient)}"),
        ("actors", "/actors"),
        ("actor", f"/actor/{sample['actor']}"),
        ("articles", "/articles"),
        ("alerts", "/alerts"),
        ("article", f"/article/{sample['article']}"),
        ("article-repairs", f"/article/{sample['repaired']}"),
        ("api-docs", "/docs"),
    ]:
        visit(browser, server.url + path, shots, name)
        assert browser.find_element("css selector", "body").text.strip(), path
    # the API docs render from the server's own copy of Swagger UI
    wait(browser, lambda d: d.find_elements("css selector", ".opblock"))


def test_map_draws_the_world_and_the_places(browser, server: Server, db) -> None:
    visit(browser, server.url + "/map")
    countries = browser.find_elements("css selector", "svg#map g.countries path")
    assert len(countries) > 150
    circles = browser.find_elements("css selector", "svg#map circle.place")
    expected = db.execute(
        "SELECT count(DISTINCT e.place) FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE a.status = 'ok' AND a.duplicate_of IS NULL AND e.lat IS NOT NULL").fetchone()[0]
    assert expected and len(circles) == expected
    box = browser.find_element("css selector", "svg#map").rect
    assert box["width"] > 500 and box["height"] > 200
    # a topic no article has empties the map, and the form shows the filter back
    visit(browser, server.url + "/map?not_topic=politics&not_topic=society"
          "&not_topic=economy&not_topic=security&not_topic=culture&not_topic=sports"
          "&not_topic=religion&not_topic=health&not_topic=science_technology")
    assert not browser.find_elements("css selector", "svg#map circle.place")
    assert "No event with a known place matches" in browser.find_element(
        "css selector", "#places").text


def test_network_draws_and_follows_filters(browser, server: Server) -> None:
    from selenium.webdriver.support.ui import Select

    visit(browser, server.url + "/network?level=entity")
    edges = wait(browser, lambda d: d.find_elements("css selector", "#network svg path.edge"))
    nodes = browser.find_elements("css selector", "#network svg a.node")
    assert edges and nodes
    box = browser.find_element("id", "network")
    before = int(box.get_attribute("data-edges"))
    assert before == len(edges)
    colours = {edge.get_attribute("stroke") for edge in edges}
    assert all(c.startswith("rgb(") for c in colours)

    Select(browser.find_element("css selector", "select[name=type]")).select_by_value("ASSAULT")
    wait(browser, lambda d: "type=ASSAULT" in d.current_url)
    after = int(wait(browser, lambda d: d.find_element("id", "network")
                     .get_attribute("data-edges") != str(before)
                     and d.find_element("id", "network").get_attribute("data-edges")))
    assert 0 < after < before
    assert not errors(browser)

    # clicking an edge opens the dyad view of that pair
    edge = browser.find_element("css selector", "#network svg path.edge")
    source, target = edge.get_attribute("data-source"), edge.get_attribute("data-target")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', "
                           "{bubbles: true}))", edge)
    wait(browser, lambda d: "/dyad?" in d.current_url)
    assert quote(source, safe="") in browser.current_url.replace(":", "%3A")
    assert quote(target, safe="") in browser.current_url.replace(":", "%3A")
    assert not errors(browser)


def test_article_highlights_the_mentions(browser, server: Server, sample: dict) -> None:
    import httpx

    article = httpx.get(f"{server.url}/api/articles/{sample['article']}", timeout=60).json()
    visit(browser, f"{server.url}/article/{sample['article']}")
    spans = browser.find_elements("css selector", "#article-text .hl-mention")
    shown = {span.get_attribute("data-id"): span for span in spans}
    assert set(shown) == {m["id"] for m in article["mentions"]}
    entities = {e["id"]: e for e in article["entities"]}
    for mention in article["mentions"]:
        span = shown[mention["id"]]
        assert span.get_attribute("data-part") is None, "a mention is never cut"
        assert span.text == mention["text"]
        if mention["entity"]:
            entity = entities[mention["entity"]]
            assert span.get_attribute("data-entity") == mention["entity"]
            title = span.get_attribute("title")
            assert entity["en"] in title and mention["entity"] in title
    triggers = browser.find_elements("css selector", "#article-text .hl-trigger")
    texts = {e["trigger"]["text"] for e in article["events"]}
    assert {t.text for t in triggers if t.get_attribute("data-part") is None} <= texts
    for trigger in triggers:
        assert trigger.get_attribute("data-type") and "→" in trigger.get_attribute("title")
    text = browser.find_element("id", "article-text")
    assert text.get_attribute("dir") == "rtl"
    # clicking a span pins its details
    spans[0].click()
    assert spans[0].get_attribute("title") in browser.find_element("id", "span-detail").text


def test_analyze_pasted_text(browser, analyze_server: Server, shots: Path) -> None:
    visit(browser, analyze_server.url + "/analyze", shots, "analyze")
    browser.find_element("id", "analyze-text").send_keys(ANALYZE_TEXT)
    browser.find_element("id", "analyze-submit").click()
    wait(browser, lambda d: d.find_elements("id", "article-text"))
    assert not errors(browser)
    browser.save_screenshot(str(shots / "analyze-result.png"))
    text = browser.find_element("id", "article-text").text
    assert text.replace("\n", " ").strip() == ANALYZE_TEXT
    mentions = browser.find_elements("css selector", "#article-text .hl-mention")
    assert mentions
    for span in mentions:
        assert span.text and span.text in ANALYZE_TEXT
    names = {span.get_attribute("data-en") for span in mentions}
    assert "Emmanuel Macron" in names
