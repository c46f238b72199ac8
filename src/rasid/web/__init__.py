"""The web dashboard and REST API over a rasid store (``rasid serve``).

``create_app(db_path)`` builds the FastAPI application; ``serve(db, host, port)`` runs
it with uvicorn. The store is opened read-only: the dashboard never changes it.
"""

from __future__ import annotations

from rasid.web.app import create_app, serve

__all__ = ["create_app", "serve"]
