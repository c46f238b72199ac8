"""The web dashboard and REST API over a rasid store (``rasid serve``).

``create_app(db_path)`` builds the FastAPI application; ``serve(db, host, port)`` runs
it with uvicorn. The store is opened read-only: the dashboard never changes it.

Both are imported on first use: importing FastAPI costs more than half a second, which
``rasid --help`` (it reads the analyze limit from ``rasid.web.analyzer``) should not pay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasid.web.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from rasid.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'rasid.web' has no attribute {name!r}")
