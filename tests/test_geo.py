"""Where: coordinates, admin-1 region and country of events' places, and the outline."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rasid.geo.locate import Locator, admin1_of, country_points, world_outline


@pytest.fixture(scope="module")
def locator(pipeline) -> Locator:
    return Locator(pipeline.resources.entities.kb.get)


def test_a_city_has_coordinates_admin1_and_country(locator: Locator) -> None:
    found = locator.locate("place:108410")  # Riyadh
    assert found is not None
    assert found.country == "SAU" and found.feature == "city" and found.resolution == 4
    assert found.lat == pytest.approx(24.69, abs=0.05)
    assert found.lon == pytest.approx(46.72, abs=0.05)
    assert found.admin1 == "place:sa-riyadh-region" and found.admin1_name == "Riyadh Region"


def test_a_region_is_its_own_admin1(locator: Locator) -> None:
    found = locator.locate("place:sy-aleppo-governorate")
    assert found is not None and found.resolution == 2
    assert found.admin1 == "place:sy-aleppo-governorate" and found.country == "SYR"


def test_a_country_stands_at_its_outline_label_point(locator: Locator) -> None:
    found = locator.locate("country:EGY")
    assert found is not None and found.resolution == 1 and found.country == "EGY"
    lat, lon = country_points()["EGY"]
    assert (found.lat, found.lon) == (lat, lon)
    assert 22 < lat < 32 and 25 < lon < 35  # inside Egypt


def test_people_and_unknown_ids_have_no_place(locator: Locator) -> None:
    assert locator.locate("person:vladimir-putin") is None
    assert locator.locate("place:no-such-place") is None
    assert locator.locate(None) is None


def test_event_places_key_the_layer_by_event(locator: Locator) -> None:
    events = [SimpleNamespace(id="e1", place="place:108410"),
              SimpleNamespace(id="e2", place=None)]
    items = locator.event_places(events)
    assert [item["event"] for item in items] == ["e1"]
    assert items[0]["name"] == "Riyadh" and items[0]["name_ar"]


def test_the_world_outline_is_shipped() -> None:
    outline = world_outline()
    assert outline["type"] == "FeatureCollection"
    codes = {f["properties"]["iso3"] for f in outline["features"]}
    assert {"SAU", "EGY", "IRN", "USA", "RUS"} <= codes
    assert len(outline["features"]) > 150
    assert all(v.startswith("place:") for v in admin1_of().values())


def test_the_analysis_carries_event_places(pipeline) -> None:
    data = pipeline.analyze("وصل الرئيس الفرنسي إلى الرياض أمس في زيارة رسمية.",
                            date="2023-01-10").to_dict()
    placed = [e for e in data["events"] if e["place"]]
    assert placed, "the visit has a place"
    geo = {g["event"]: g for g in data["geo"]}
    first = geo[placed[0]["id"]]
    assert first["place"] == placed[0]["place"] and first["country"] == "SAU"
    assert first["lat"] is not None and first["lon"] is not None
