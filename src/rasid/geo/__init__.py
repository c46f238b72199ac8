"""Where events happen: coordinates, admin-1 region and country of an event's place,
and the world outline the dashboard draws its map on (``data/world.geojson``)."""

from rasid.geo.locate import Locator, world_outline

__all__ = ["Locator", "world_outline"]
