"""The overview charts' month labels and the network's names and edges, as Chromium
renders them: no label runs past the chart, the last month is labelled, the killed and
injured bars are drawn, a hovered node shows its Arabic name beside the English one,
and edges are dark enough to see."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from test_browser import CHROMIUM, browser, visit, wait  # noqa: F401  (fixture)
from webenv import Server

from rasid.web.charts import label_indices, quad_chart, toll_chart

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")

ARABIC = re.compile(r"[\u0600-\u06FF]")


def _label_boxes(driver, selector: str = "svg.chart") -> list[dict]:
    """Each period label of the first chart ``selector`` finds: its text and box
    against the drawing."""
    return driver.execute_script("""
        var svg = document.querySelector(arguments[0]);
        var width = svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('text.period')).map(function (t) {
          var b = t.getBBox();
          return {text: t.textContent, left: b.x, right: b.x + b.width, width: width};
        });""", selector)


def test_overview_chart_labels_fit_and_include_the_last_month(browser, server: Server,  # noqa: F811
                                                              ) -> None:
    visit(browser, server.url + "/")
    boxes = _label_boxes(browser)
    assert boxes
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= box["width"], box
    periods = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart rect.bar'))"
        ".map(function (r) { return r.getAttribute('data-period'); });")
    assert boxes[-1]["text"] == max(periods)  # the last month has its label


def test_overview_toll_chart_renders_with_labels(browser, server: Server,  # noqa: F811
                                                 ) -> None:
    """Killed and injured per month: drawn, its bars visible, labelled below within the
    drawing, on the same months as the events chart, with a legend."""
    visit(browser, server.url + "/")
    chart = "#tolls-per-month svg.chart"
    bars = browser.execute_script("""
        return Array.from(document.querySelectorAll(arguments[0] + ' rect.bar')).map(
          function (r) { var b = r.getBoundingClientRect();
            return {period: r.getAttribute('data-period'), series: r.getAttribute('data-series'),
                    value: r.getAttribute('data-value'), width: b.width, height: b.height}; });
        """, chart)
    assert {(b["period"], b["series"], b["value"]) for b in bars} == {
        ("2023-01", "killed", "4"), ("2023-01", "injured", "10"),
        ("2023-04", "killed", "9"), ("2023-04", "injured", "12")}
    for bar in bars:
        assert bar["width"] > 2 and bar["height"] > 2, bar  # drawn, not collapsed
    tall = {(b["period"], b["series"]): b["height"] for b in bars}
    assert tall[("2023-04", "injured")] > tall[("2023-04", "killed")] > tall[("2023-01", "killed")]
    boxes = _label_boxes(browser, chart)
    assert boxes
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= box["width"], box
    for one, two in pairwise(boxes):
        assert one["right"] < two["left"], (one, two)
    assert [b["text"] for b in boxes] == [b["text"] for b in _label_boxes(browser)]
    legend = browser.find_element("css selector", "#tolls-per-month ul.legend").text
    assert "killed" in legend and "injured" in legend
    heading = browser.find_element("css selector", "#tolls-per-month").find_element(
        "xpath", "preceding-sibling::h2").text
    assert heading == "Killed and injured per month"


@pytest.mark.parametrize("months", [1, 7, 13, 25, 33, 89, 119])
@pytest.mark.parametrize("kind", ["events", "tolls"])
def test_chart_labels_fit_for_any_number_of_months(browser, months: int,  # noqa: F811
                                                   kind: str) -> None:
    """The same check on charts drawn straight from the chart code (no server)."""
    points = [{"period": f"{2010 + m // 12}-{m % 12 + 1:02d}", "quad": "1", "events": 1,
               "killed": 1 + m % 3, "injured": m % 4} for m in range(months)]
    svg = str(quad_chart(points) if kind == "events" else toll_chart(points))
    browser.get("data:text/html;charset=utf-8,<html><body style='width:900px'>" +
                svg.replace("#", "%23") + "</body></html>")
    boxes = _label_boxes(browser)
    assert len(boxes) >= min(len(label_indices(months)) - 1, 6)
    assert boxes[-1]["text"] == points[-1]["period"]
    for box in boxes:
        assert box["left"] >= 0 and box["right"] <= box["width"], box
    for one, two in pairwise(boxes):
        assert one["right"] < two["left"], (one, two)  # labels never overlap


def _luminance(colour: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_network_edges_are_dark_and_names_bilingual_on_hover(browser, server: Server  # noqa: F811
                                                             ) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    visit(browser, server.url + "/network?level=country")
    edges = wait(browser, lambda d: d.find_elements("css selector", "#network svg path.edge"))
    for edge in edges:
        assert _luminance(edge.get_attribute("stroke")) < 0.45, edge.get_attribute("stroke")
        assert float(edge.value_of_css_property("opacity")) >= 0.85
        title = edge.find_element("css selector", "title").get_attribute("textContent")
        assert "→" in title and ARABIC.search(title), title  # both scripts in the tooltip

    nodes = browser.find_elements("css selector", "#network svg a.node")
    with_arabic = [n for n in nodes if n.find_elements("css selector", "text.label-ar")]
    assert with_arabic
    node = with_arabic[0]
    english = node.find_element("css selector", "text.label-en").text
    arabic = node.find_element("css selector", "text.label-ar")
    assert ARABIC.search(arabic.get_attribute("textContent"))
    assert arabic.value_of_css_property("visibility") == "hidden"
    title = node.find_element("css selector", "title").get_attribute("textContent")
    assert english in title and arabic.get_attribute("textContent") in title
    ActionChains(browser).move_to_element(node.find_element("css selector", "circle")).perform()
    wait(browser, lambda d: arabic.value_of_css_property("visibility") == "visible")


def test_repairs_table_reads_before_then_after(browser, server: Server,  # noqa: F811
                                               sample: dict) -> None:
    """In the left-to-right table the raw words come first, then the arrow, then the
    repaired words, however the Arabic inside each runs."""
    visit(browser, server.url + f"/article/{sample['repaired']}")
    rows = browser.execute_script("""
        return Array.from(document.querySelectorAll('#repairs td.change')).map(function (td) {
          var b = td.querySelector('.words-before'), a = td.querySelector('.words-after');
          return {before: b.textContent, after: a.textContent,
                  beforeRight: b.getBoundingClientRect().right,
                  afterLeft: a.getBoundingClientRect().left};
        });""")
    assert any(r["before"] == "روسياوإيران" and r["after"] == "روسيا وإيران" for r in rows)
    for row in rows:
        assert row["beforeRight"] < row["afterLeft"], row
