#!/usr/bin/env python3
"""Build src/rasid/geo/data/world.geojson: a small world outline for the dashboard map.

Source: Natural Earth's 1:110m admin-0 countries (public domain), as the
``naturalearth_lowres`` shapefile shipped inside the pyogrio wheel (its test
fixtures). Run from the project folder, at build time only (needs `pip install pyshp`
and the pyogrio wheel, e.g. `pip download pyogrio --no-deps -d /tmp/wheels`):
    python scripts/geo/build_world.py --wheel /tmp/wheels/pyogrio-*.whl

Each ring is simplified (Douglas-Peucker, tolerance --tolerance degrees) and its
coordinates rounded to two decimals; each country keeps its ISO alpha-3 code, name
and a label point (the centre of its largest ring's bounding box, moved to the ring's
area centroid when that lies inside).
"""
from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import zipfile

import shapefile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src", "rasid", "geo", "data", "world.geojson")
FIXTURE = "pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres"
#: codes Natural Earth leaves as -99 although the country has one
FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP",
         "Somaliland": "SOM"}


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            if length:
                distance = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length
            else:
                distance = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if distance > best:
                best, index = distance, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not a:
        return ring[0][0], ring[0][1], 0.0
    return cx / (3 * a), cy / (3 * a), abs(a / 2)


def inside(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    result = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", required=True, help="the pyogrio wheel file")
    parser.add_argument("--tolerance", type=float, default=0.15)
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        files = {ext: io.BytesIO(wheel.read(f"{FIXTURE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**files, encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    features = []
    for shape_record in reader.iterShapeRecords():
        record = dict(zip(fields, shape_record.record, strict=True))
        shape = shape_record.shape
        parts = [*shape.parts, len(shape.points)]
        polygons = []
        largest: tuple[float, list] = (0.0, [])
        for start, end in itertools.pairwise(parts):
            ring = [(round(x, 2), round(y, 2)) for x, y in shape.points[start:end]]
            simple = simplify(ring, args.tolerance)
            if len(simple) < 4:
                continue
            polygons.append([[list(p) for p in simple]])
            _x, _y, area = area_centroid(ring)
            if area > largest[0]:
                largest = (area, ring)
        if not polygons:
            continue
        ring = largest[1]
        cx, cy, _area = area_centroid(ring)
        if not inside(cx, cy, ring):
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        iso3 = record.get("iso_a3")
        if not iso3 or iso3 == "-99":
            iso3 = FIXES.get(record.get("name"), None)
        features.append({"type": "Feature",
                         "properties": {"iso3": iso3, "name": record.get("name"),
                                        "label": [round(cx, 2), round(cy, 2)]},
                         "geometry": {"type": "MultiPolygon", "coordinates": polygons}})
    data = {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m admin-0 countries (public domain), simplified",
            "features": features}
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(features)} countries, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
