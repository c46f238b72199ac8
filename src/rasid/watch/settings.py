"""The alert thresholds: declared in ``data/alerts.json``, overridden in ``[alerts]``.

They are tuning a user changes for their region and sources, so their defaults and
help live in a data file, and a user sets them in the same TOML file as the pipeline
settings (``--config``), checked by name and type like every other setting.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from rasid.errors import SettingsError
from rasid.resources import load_json
from rasid.settings import Setting, resolve_section

LEVELS = ("country", "entity")


@cache
def load(name: str) -> dict[str, Any]:
    """A JSON data file of ``rasid/watch/data`` (read once per process)."""
    return load_json(name, "rasid.watch")


def alert_settings() -> tuple[Setting, ...]:
    """The declared alert settings, in the order of the data file."""
    return tuple(Setting(name, spec["default"], spec["help"])
                 for name, spec in load("alerts.json")["settings"].items())


def resolve_alerts(overrides: dict[str, Any] | None = None,
                   config: str | Path | None = None) -> dict[str, Any]:
    """Alert settings: defaults, the ``[alerts]`` table of ``config``, ``overrides``."""
    values = resolve_section("alerts", alert_settings(), overrides, config)
    if values["level"] not in LEVELS:
        raise SettingsError(f"alerts setting 'level' must be one of {', '.join(LEVELS)}, "
                            f"got {values['level']!r}")
    if values["history_weeks"] < 2:
        raise SettingsError("alerts setting 'history_weeks' must be at least 2")
    for name in ("conflict_min_std", "coverage_min_std", "fatalities_min_std"):
        if values[name] <= 0:  # a shift is measured in these: zero would divide by zero
            raise SettingsError(f"alerts setting '{name}' must be above 0, got {values[name]!r}")
    from rasid.store.knowledge import evidence_classes

    unknown = sorted(set(values["evidence"]) - set(evidence_classes()))
    if unknown:
        raise SettingsError(f"alerts setting 'evidence': unknown class {', '.join(unknown)} "
                            f"(known: {', '.join(evidence_classes())})")
    return values
