"""Fixtures for the store tests: stores in real DuckDB files under tmp_path, and the
settings of a pipeline with the test layers (``store_plugin``)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def layers_config(tmp_path: Path) -> Path:
    """A settings file whose pipeline adds the test layers after segmentation."""
    path = tmp_path / "layers.toml"
    path.write_text('pipeline = ["segment", "store_fixture_layers"]\n', encoding="utf-8")
    return path


@pytest.fixture
def layers_settings() -> dict:
    """Resolved Pipeline settings with the test layers (the plugin imported here)."""
    import store_plugin  # noqa: F401  (registers the component)

    from rasid.settings import resolve

    return resolve({"pipeline": ["segment", "store_fixture_layers"]})


@pytest.fixture
def store(tmp_path: Path):
    """An empty store in a real DuckDB file."""
    from rasid.store import connect

    conn = connect(tmp_path / "store.duckdb")
    yield conn
    conn.close()
