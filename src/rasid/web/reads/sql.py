"""Small helpers every read shares: rows as plain dicts, JSON columns parsed, values clean.

Pages and the API hand these dicts straight to Jinja2 and to JSON, so everything here
returns only JSON values (dates as ``YYYY-MM-DD`` strings, no NaN). Values reach SQL
only as bound parameters; the helpers take the SQL text and the parameter list apart.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import duckdb


def clean(value: Any) -> Any:
    """A JSON value from what DuckDB returns (dates as ISO strings, NaN as None)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    return str(value)


def rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
         ) -> list[dict[str, Any]]:
    """The result of ``sql`` as a list of dicts with clean values."""
    result = cur.execute(sql, params or [])
    names = [column[0] for column in result.description or []]
    return [{name: clean(value) for name, value in zip(names, row, strict=True)}
            for row in result.fetchall()]


def one(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
        ) -> dict[str, Any] | None:
    found = rows(cur, sql, params)
    return found[0] if found else None


def scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = cur.execute(sql, params or []).fetchone()
    return None if row is None else clean(row[0])


def parse_json(value: Any) -> Any:
    """A JSON column's value (DuckDB hands JSON back as text)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def page(items: list[dict[str, Any]], total: int, limit: int, offset: int
         ) -> dict[str, Any]:
    """The shape of every paginated answer."""
    return {"total": total, "limit": limit, "offset": offset, "items": items}
