"""Coordinates, admin-1 region and country of the place an event names.

The knowledge base holds coordinates for its places; the admin-1 region of a city
comes from ``data/admin1.json`` (built from GeoNames admin-1 codes), and a country
stands at the label point of its outline in ``data/world.geojson`` (its capital when
the outline has none). ``resolution`` follows Mordecai/PLOVER: 1 country, 2 admin-1
region, 4 city, 0 a wider area (the Gulf, the Middle East) with no country.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasid.resources import data_path

RESOLUTION = {"country": 1, "region": 2, "city": 4, "area": 0}


def _data(name: str) -> Any:
    path = data_path(name, "rasid.geo")
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def world_outline() -> dict[str, Any]:
    """The shipped world outline (Natural Earth 1:110m, simplified), as GeoJSON."""
    return _data("world.geojson")


@cache
def admin1_of() -> dict[str, str]:
    return dict(_data("admin1.json")["places"])


@cache
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 → (lat, lon) label point of the country's outline."""
    points = {}
    for feature in world_outline()["features"]:
        props = feature["properties"]
        if props.get("iso3"):
            lon, lat = props["label"]
            points[props["iso3"]] = (lat, lon)
    return points


def _ar(entity: Any) -> str | None:
    return entity.ar[0] if entity.ar else None


@dataclass(frozen=True)
class Location:
    """Where a place is, in the fields PLOVER's location object and GDELT use."""

    place: str
    name: str | None
    name_ar: str | None
    lat: float | None
    lon: float | None
    feature: str
    admin1: str | None
    admin1_name: str | None
    country: str | None
    resolution: int

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "name": self.name, "name_ar": self.name_ar,
                "lat": self.lat, "lon": self.lon, "feature": self.feature,
                "admin1": self.admin1, "admin1_name": self.admin1_name,
                "country": self.country, "resolution": self.resolution}


class Locator:
    """Resolves an entity id (a place or a country) to its Location."""

    def __init__(self, lookup: Callable[[str], Any]) -> None:
        #: entity id → knowledge-base Entity (or None)
        self.lookup = lookup

    def locate(self, entity_id: str | None) -> Location | None:
        if not entity_id:
            return None
        entity = self.lookup(entity_id)
        if entity is None:
            return None
        if entity.kind == "country":
            iso3 = entity.country or entity_id.split(":", 1)[-1]
            point = country_points().get(iso3)
            if point is None and entity.capital:
                capital = self.lookup(entity.capital)
                if capital is not None and capital.lat is not None:
                    point = (capital.lat, capital.lon)
            lat, lon = point if point else (None, None)
            return Location(entity_id, entity.en, _ar(entity), lat, lon, "country", None, None,
                            iso3, RESOLUTION["country"])
        if entity.kind != "place":
            return None
        feature = entity.feature or "city"
        region_id = admin1_of().get(entity_id)
        region = self.lookup(region_id) if region_id else None
        return Location(entity_id, entity.en, _ar(entity), entity.lat, entity.lon, feature,
                        region_id if region is not None else None,
                        region.en if region is not None else None, entity.country,
                        RESOLUTION.get(feature, 4))

    def event_places(self, events: list[Any]) -> list[dict[str, Any]]:
        """The ``geo`` layer: one item per event that names a place, keyed by event id."""
        items = []
        for event in events:
            location = self.locate(getattr(event, "place", None))
            if location is not None:
                items.append({"event": event.id, **location.to_dict()})
        return items
