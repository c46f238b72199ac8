"""Events on the map: places with their events, and the world outline as SVG paths.

The outline is the one shipped in ``rasid/geo/data/world.geojson`` (Natural Earth,
public domain), drawn in an equirectangular projection on the server: the page needs
no tile server, no script library and nothing from the internet.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from rasid.geo.locate import world_outline
from rasid.store.filters import Filters, where
from rasid.web.reads.sql import rows, scalar

#: the drawn frame: longitudes -180..180, latitudes from NORTH down to SOUTH
WIDTH, HEIGHT = 1000, 450
NORTH, SOUTH = 84.0, -58.0


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG x, y of a point (equirectangular, the frame above)."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


@cache
def country_paths() -> tuple[dict[str, Any], ...]:
    """One SVG path per country of the outline: ``{iso3, name, d}``."""
    paths = []
    for feature in world_outline()["features"]:
        parts = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                points = [project(lat, lon) for lon, lat in ring]
                parts.append("M" + "L".join(f"{x},{y}" for x, y in points) + "Z")
        props = feature["properties"]
        paths.append({"iso3": props.get("iso3"), "name": props.get("name"),
                      "d": "".join(parts)})
    return tuple(paths)


def places(cur: duckdb.DuckDBPyConnection, f: Filters, *, limit: int = 500
           ) -> dict[str, Any]:
    """The places of the filtered events, most events first: coordinates, admin-1
    region, country, number of events and articles, mean score and conflict share."""
    clause, params = where(f)
    base = (f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {clause} "
            "AND e.lat IS NOT NULL")
    total = scalar(cur, f"SELECT count(DISTINCT e.place) {base}", params) or 0
    located = scalar(cur, f"SELECT count(*) {base}", params) or 0
    items = rows(cur, (
        "SELECT e.place, any_value(e.place_name) AS name, any_value(e.lat) AS lat, "
        "any_value(e.lon) AS lon, any_value(e.admin1) AS admin1, "
        "any_value(e.admin1_name) AS admin1_name, any_value(e.place_country) AS country, "
        "any_value(e.place_resolution) AS resolution, count(*) AS events, "
        "count(DISTINCT e.article_id) AS articles, avg(e.score) AS score_mean, "
        "avg(CASE WHEN e.quad IN ('3', '4') THEN 1.0 WHEN e.quad IS NOT NULL THEN 0.0 END) "
        f"AS conflict_share {base} GROUP BY e.place ORDER BY events DESC, e.place LIMIT ?"),
        [*params, limit])
    for item in items:
        item["x"], item["y"] = project(item["lat"], item["lon"])
    return {"total": total, "events": located, "items": items}
