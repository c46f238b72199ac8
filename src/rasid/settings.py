"""Settings, declared once with their default and help (datasette's SETTINGS idea).

A user overrides defaults with a TOML file (``--config FILE``) or keyword arguments;
unknown names and values of the wrong type fail at once with a clear message instead
of being silently ignored. The README's settings table is checked against this list by
a test, so every setting stays documented.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("pipeline", ["segment", "dates", "topics", "entities", "quotes", "events", "geo",
                        "tone"],
            "Components run after repair, in order."),
    Setting("repair_disabled", [], "Repair steps to skip, by name (see `rasid repair --explain`)."),
    Setting("max_chars", 2_000_000,
            "Largest document accepted, in characters; a longer one fails with a clear error."),
    Setting("min_arabic_share", 0.2,
            "Smallest share of Arabic letters among all letters for a document to count as "
            "Arabic."),
    Setting("kb_files", [], "Extra knowledge-base files (JSON Lines) read after the shipped ones."),
)
_BY_NAME = {s.name: s for s in SETTINGS}

#: Tables of the TOML file that configure something other than the pipeline; each is
#: read by its own resolver (``resolve_section``) and left alone by ``resolve``, so one
#: file can hold the pipeline settings and, say, ``[alerts]`` for ``rasid watch``.
SECTIONS = ("alerts",)


def _check_type(name: str, value: Any, default: Any = None) -> Any:
    if default is None:
        default = _BY_NAME[name].default
    if isinstance(default, bool) != isinstance(value, bool):
        raise SettingsError(f"setting '{name}' must be {type(default).__name__}, got {value!r}")
    if isinstance(default, list):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"setting '{name}' must be a list of strings, got {value!r}")
        return list(value)
    if isinstance(default, float) and isinstance(value, int | float):
        return float(value)
    if not isinstance(value, type(default)):
        raise SettingsError(
            f"setting '{name}' must be {type(default).__name__}, got {value!r}"
        )
    return value


def resolve(overrides: dict[str, Any] | None = None, config: str | Path | None = None
            ) -> dict[str, Any]:
    """Defaults, then the TOML file, then keyword overrides; every name is checked."""
    values = {s.name: s.default for s in SETTINGS}
    layers: list[tuple[str, dict[str, Any]]] = []
    if config is not None:
        layers.append((str(config), _load_toml(config)))
    if overrides:
        layers.append(("arguments", overrides))
    for origin, layer in layers:
        for name, value in layer.items():
            if name in SECTIONS and origin != "arguments" and isinstance(value, dict):
                continue
            if name not in _BY_NAME:
                known = ", ".join(sorted(_BY_NAME))
                raise SettingsError(f"{origin}: unknown setting '{name}' (known: {known})")
            values[name] = _check_type(name, value)
    return values


def _load_toml(config: str | Path) -> dict[str, Any]:
    try:
        with open(config, "rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        message = f"{config}: cannot read settings file ({error.strerror})"
        raise SettingsError(message) from error
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{config}: not valid TOML ({error})") from error


def resolve_section(section: str, declared: tuple[Setting, ...],
                    overrides: dict[str, Any] | None = None,
                    config: str | Path | None = None) -> dict[str, Any]:
    """The settings of one TOML table (``[alerts]``): defaults, the file's table, then
    keyword overrides, each name and type checked like the pipeline settings."""
    by_name = {s.name: s for s in declared}
    values = {s.name: s.default for s in declared}
    layers: list[tuple[str, dict[str, Any]]] = []
    if config is not None:
        table = _load_toml(config).get(section, {})
        if not isinstance(table, dict):
            raise SettingsError(f"{config}: '{section}' must be a table ([{section}])")
        layers.append((f"{config} [{section}]", table))
    if overrides:
        layers.append(("arguments", overrides))
    for origin, layer in layers:
        for name, value in layer.items():
            if name not in by_name:
                known = ", ".join(sorted(by_name))
                raise SettingsError(f"{origin}: unknown setting '{name}' (known: {known})")
            values[name] = _check_type(name, value, by_name[name].default)
    return values
