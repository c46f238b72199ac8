"""The corpus store: every analyzed article and its layers in one DuckDB file.

Analyses are written by one writer (``writer``), linked to their syndicated copies
(``dedup``), read back as pandas DataFrames (``queries``) and exported in interchange
formats (``export``). The schema is versioned (``schema``) so a store written by an
older rasid is migrated, never silently misread.
"""

from __future__ import annotations

from rasid.store.errors import StoreError
from rasid.store.schema import SCHEMA_VERSION, connect

__all__ = ["SCHEMA_VERSION", "StoreError", "connect"]
