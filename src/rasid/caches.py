"""The bounds of the per-form caches, all in one data file (``rasid/data/caches.json``).

Each stage caches what it computes per word form, because news repeats its words. Each
cache is bounded so that memory levels off over a long ingest instead of growing with
the corpus; the bounds live together in one file a user can read and change, with the
reason for their size beside them (see docs/performance.md, section 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasid.resources import DataFileError, data_path, load_json

#: the package whose ``data/`` folder holds ``caches.json``
_PACKAGE = "rasid"
_FILE = "caches.json"


def cache_size(name: str, sizes: Mapping[str, Any] | None = None) -> int:
    """How many forms the cache ``name`` keeps (a key of ``caches.json``, or of
    ``sizes`` when given: the file's contents as read).

    A missing key or a value that is not a whole number ≥ 0 raises DataFileError naming
    the file and the key, rather than running with an unbounded or broken cache.
    """
    if sizes is None:
        sizes = load_json(_FILE, _PACKAGE)
    value = sizes.get(name) if isinstance(sizes, Mapping) else None
    if value is None:
        raise DataFileError(f"{data_path(_FILE, _PACKAGE)}: no bound for the cache {name!r}")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DataFileError(f"{data_path(_FILE, _PACKAGE)}: the bound of the cache {name!r} "
                            f"must be a whole number of forms ≥ 0, not {value!r}")
    return value
