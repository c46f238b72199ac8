"""The corpus store: every analyzed article and its layers in one DuckDB file.

Analyses are written by one writer (``writer``), linked to their syndicated copies
(``dedup``), read back as pandas DataFrames (``queries``) and exported in interchange
formats (``export``). The schema is versioned (``schema``) so a store written by an
older rasid is migrated, never silently misread.

``connect`` and ``SCHEMA_VERSION`` are loaded on first use, so that building the
``rasid`` command line (which lists the export formats) does not import DuckDB.
"""

from __future__ import annotations

from typing import Any

from rasid.store.errors import StoreError

__all__ = ["SCHEMA_VERSION", "StoreError", "connect"]


def __getattr__(name: str) -> Any:
    if name in ("SCHEMA_VERSION", "connect"):
        from rasid.store import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'rasid.store' has no attribute {name!r}")
