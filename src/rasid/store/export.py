"""Exporters, registered by name: events as PLOVER JSON Lines, CSV or Parquet, and the
dyad network as GraphML or GEXF.

Other tools read these formats directly: PLOVER (the Open Event Data Alliance's event
interchange format) for event-data pipelines, CSV and Parquet for pandas, R and
spreadsheets, GraphML and GEXF (written by networkx) for Gephi and graph libraries.
Each exporter is registered with the suffix and kind of output it writes, so the CLI
lists them and a new format is one function.

Events with a place carry its coordinates: PLOVER records a ``geolocation`` object
(Mordecai's location fields), CSV and Parquet GDELT-style ``ActionGeo_*`` columns.

The PLOVER records use the specification's field names (``id``, ``date``, ``actor``,
``recipient``, ``event``, ``mode``, ``quad_code``, ``event_scale``, ``event_text``,
``text_info``, ``cite_info``, ``coder``, ``coded_date``, ...); rasid's own fields
(``modality``, ``evidence``, ``reported_by``, ``confidence``, ``cameo``, ``rule``,
``counts``: the tolls killed / injured / arrested / kidnapped with an ``approx`` flag)
follow them, as the specification allows named additions. The article text itself is
not exported (PLOVER's ``text`` is for those who hold the rights to it).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from rasid._version import __version__
from rasid.store.errors import StoreError

if TYPE_CHECKING:  # the heavy libraries load when an export runs, not on import
    import duckdb
    import networkx as nx
    import pandas as pd

    from rasid.store.queries import Filters


@dataclass
class ExportResult:
    records: int
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


ExportFunction: TypeAlias = (
    "Callable[[duckdb.DuckDBPyConnection, IO[Any], Filters], ExportResult]")


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    binary: bool
    description: str
    write: ExportFunction


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, *, suffix: str, binary: bool, description: str
             ) -> Callable[[ExportFunction], ExportFunction]:
    """Register an export format under ``name``."""

    def decorator(function: ExportFunction) -> ExportFunction:
        EXPORTERS[name] = Exporter(name, suffix, binary, description, function)
        return function

    return decorator


def _clean(value: Any) -> Any:
    """Plain JSON values from what pandas and DuckDB return (NaN, NaT and NA become
    None, numpy scalars and arrays become Python numbers and lists)."""
    if value is None or type(value).__name__ in ("NaTType", "NAType"):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date as DuckDB hands it to pandas (a timestamp)."""
    import pandas as pd

    if value is None or pd.isna(value):
        return None
    if isinstance(value, str):
        return value[:10]
    return pd.Timestamp(value).date().isoformat()


def _quad_code(quad: object) -> int | None:
    text = str(quad).strip() if quad is not None else ""
    return int(text) if text in {"1", "2", "3", "4"} else None


def _actor_objects(participants: pd.DataFrame) -> dict[tuple[str, str, str], list[dict]]:
    """PLOVER actor objects per (article, event, role), in the event's order."""
    objects: dict[tuple[str, str, str], list[dict]] = {}
    for row in participants.itertuples(index=False):
        code = _clean(row.code) or _clean(row.country)
        if code is None and str(row.entity_id).startswith("country:"):
            code = str(row.entity_id).split(":", 1)[1]
        item = {"code": code, "sector": _clean(row.sector),
                "actor_text": _clean(row.ar) or _clean(row.en),
                "identifier_id": row.entity_id,
                "identifier_text": _clean(row.en) or _clean(row.ar)}
        objects.setdefault((row.article_id, row.event_id, row.role), []).append(
            {k: v for k, v in item.items() if v is not None})
    return objects


def _counts(row: Any) -> dict[str, dict[str, Any]]:
    """The tolls of an event row (``killed``… with its ``approx`` flag), only those
    stated: PLOVER has no field for them, so they are a named addition."""
    from rasid.store.queries import TOLLS

    tolls = {}
    for kind in TOLLS:
        value = _clean(getattr(row, kind))
        if value is not None:
            tolls[kind] = {"value": int(value),
                           "approx": bool(_clean(getattr(row, f"{kind}_approx")))}
    return tolls


def plover_records(conn: duckdb.DuckDBPyConnection, filters: Filters
                   ) -> Iterator[dict[str, Any] | None]:
    """PLOVER records of the filtered events; None for an event without any date
    (PLOVER requires one), so the caller can count what was left out."""
    import pandas as pd

    from rasid.store import queries

    frame = queries.events(conn, filters)
    objects = _actor_objects(queries.participants(conn, filters))
    coder = f"rasid {__version__}"
    for row in frame.itertuples(index=False):
        date = _iso_date(row.date)
        if date is None:
            yield None
            continue
        analyzed = pd.Timestamp(row.analyzed_at)
        record: dict[str, Any] = {
            "id": f"{row.article_id}-{row.id}",
            "date": date,
            "actor": objects.get((row.article_id, row.id, "actor"), []),
            "recipient": objects.get((row.article_id, row.id, "recipient"), []),
            "event": [row.type] if _clean(row.type) else [],
            "mode": _clean(row.mode),
            "quad_code": _quad_code(_clean(row.quad)),
            "event_scale": _clean(row.score),
            "event_text": [row.trigger_text] if _clean(row.trigger_text) else [],
            "text_info": {k: v for k, v in {
                "start": _clean(row.sentence_start), "end": _clean(row.sentence_end),
                "trigger_start": _clean(row.trigger_start),
                "trigger_end": _clean(row.trigger_end)}.items() if v is not None},
            "cite_info": {k: v for k, v in {
                "corpus": "rasid", "citation": row.article_id, "url": _clean(row.url),
                "title": _clean(row.title), "publication": _clean(row.source),
                "language": "ar", "coder": coder, "version": row.pipeline_version,
            }.items() if v is not None},
            "coder": coder,
            "coded_date": analyzed.date().isoformat(),
            "coded_time": analyzed.time().isoformat(timespec="seconds"),
            "modality": _clean(row.modality),
            "evidence": row.evidence,
            "reported_by": _clean(row.reported_by),
            "confidence": _clean(row.confidence),
            "cameo": _clean(row.cameo),
            "place": _clean(row.place),
            "rule": _clean(row.rule_id),
            "article_id": row.article_id,
            "counts": _counts(row),
            "article_topic": _clean(row.article_topic),
            "article_tone": _clean(row.article_tone),
        }
        location = geolocation(row)
        if location is not None:
            record["geolocation"] = location
        yield record


#: GDELT's ActionGeo_Type for rasid's place features (a wider area has no GDELT type)
GDELT_TYPES = {"country": 1, "region": 5, "city": 4}
RESOLUTION_FEATURE = {1: "country", 2: "region", 4: "city", 0: "area"}


def _geonameid(place: Any) -> int | None:
    text = str(place or "")
    tail = text.split(":", 1)[-1]
    return int(tail) if text.startswith("place:") and tail.isdigit() else None


def geolocation(row: Any) -> dict[str, Any] | None:
    """PLOVER's location object (Mordecai's fields) of an event with a place."""
    if _clean(getattr(row, "place", None)) is None or _clean(row.lat) is None:
        return None
    feature = RESOLUTION_FEATURE.get(_clean(row.place_resolution), "city")
    fields = {
        "resolved_place": _clean(row.place_name), "geonameid": _geonameid(row.place),
        "lat": _clean(row.lat), "lon": _clean(row.lon),
        "city": _clean(row.place_name) if feature == "city" else None,
        "province": _clean(row.admin1_name), "admin1": _clean(row.admin1),
        "country_code": _clean(row.place_country), "feature_class": feature,
        "resolution": _clean(row.place_resolution), "identifier_id": _clean(row.place),
    }
    return {k: v for k, v in fields.items() if v is not None}


def gdelt_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """GDELT-style ActionGeo_* columns beside rasid's own place columns."""
    def gdelt_type(value: Any) -> Any:
        feature = RESOLUTION_FEATURE.get(_clean(value))
        return GDELT_TYPES.get(feature) if feature else None

    return frame.assign(
        ActionGeo_Type=frame["place_resolution"].map(gdelt_type).astype("Int64"),
        ActionGeo_FullName=frame["place_name"],
        ActionGeo_CountryCode=frame["place_country"],
        ActionGeo_ADM1Code=frame["admin1"],
        ActionGeo_Lat=frame["lat"], ActionGeo_Long=frame["lon"],
        ActionGeo_FeatureID=frame["place"].where(frame["lat"].notna()),
    )


@exporter("plover-jsonl", suffix=".jsonl", binary=False,
          description="events as PLOVER JSON Lines, one event a line")
def write_plover(conn: duckdb.DuckDBPyConnection, out: IO[str], filters: Filters
                 ) -> ExportResult:
    result = ExportResult(0)
    for record in plover_records(conn, filters):
        if record is None:
            result.skipped += 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        result.records += 1
    if result.skipped:
        result.notes.append(f"{result.skipped} event(s) without a date left out "
                            "(PLOVER requires a date)")
    return result


def _events_frame(conn: duckdb.DuckDBPyConnection, filters: Filters, *, flat: bool
                  ) -> pd.DataFrame:
    from rasid.store import queries

    frame = gdelt_columns(queries.events(conn, filters))
    if flat:
        for column in ("actors", "recipients"):
            frame[column] = frame[column].map(
                lambda v: ";".join(_clean(v) or []) if v is not None else "")
    return frame


@exporter("csv", suffix=".csv", binary=False,
          description="events as CSV, actors and recipients joined with ';', with GDELT-style "
          "ActionGeo_* place columns")
def write_csv(conn: duckdb.DuckDBPyConnection, out: IO[str], filters: Filters) -> ExportResult:
    frame = _events_frame(conn, filters, flat=True)
    frame.to_csv(out, index=False)
    return ExportResult(len(frame))


@exporter("parquet", suffix=".parquet", binary=True,
          description="events as Parquet, actors and recipients as lists")
def write_parquet(conn: duckdb.DuckDBPyConnection, out: IO[bytes], filters: Filters
                  ) -> ExportResult:
    frame = _events_frame(conn, filters, flat=False)
    frame.to_parquet(out, index=False)
    return ExportResult(len(frame))


def dyad_graph(conn: duckdb.DuckDBPyConnection, filters: Filters, *, level: str = "entity"
               ) -> nx.DiGraph:
    """Actors as nodes, dyads as directed edges.

    Edge ``weight`` counts the events of the evidence classes asked for (by default
    only asserted ones); ``cooperation`` and ``conflict`` sum their positive and
    negative scores, ``conflict_share`` and ``lexical_tone`` give the dyad's tone, and
    every edge also counts each evidence class apart, so a claim or a denial is visible
    without being weighed as a fact.
    """
    import networkx as nx

    from rasid.store import queries

    counted = set(filters.evidence or ("asserted",))
    frame = queries.relations(conn, replace(filters, evidence=()), by="all", level=level,
                              top=0)
    graph = nx.DiGraph(name="rasid dyads", level=level)
    for (actor, recipient), group in frame.groupby(["actor", "recipient"], sort=True):
        used = group[group["evidence"].isin(counted)]
        events = int(used["events"].sum())
        if not events:
            continue
        score_sum = float(used["score_sum"].fillna(0).sum())
        scored = used[used["score_sum"].notna()]
        attributes: dict[str, Any] = {
            "weight": events,
            "cooperation": float(used["cooperation"].fillna(0).sum()),
            "conflict": float(used["conflict"].fillna(0).sum()),
            "score_sum": score_sum,
            "score_mean": score_sum / float(scored["events"].sum()) if len(scored) else 0.0,
        }
        shared = used[used["conflict_share"].notna()]
        if len(shared):
            attributes["conflict_share"] = float(
                (shared["conflict_share"] * shared["events"]).sum() / shared["events"].sum())
        toned = used[used["lexical_tone"].notna()]
        if len(toned):
            attributes["lexical_tone"] = float(
                (toned["lexical_tone"] * toned["events"]).sum() / toned["events"].sum())
        for evidence, count in zip(group["evidence"], group["events"], strict=True):
            attributes[f"n_{evidence}"] = int(count)
        graph.add_edge(str(actor), str(recipient), **attributes)
    _name_nodes(conn, graph, filters)
    return graph


def _name_nodes(conn: duckdb.DuckDBPyConnection, graph: nx.DiGraph, filters: Filters
                ) -> None:
    """Names, kind and country on each node, from its own entity rows, else from the
    knowledge base the store was built with."""
    from rasid.store import queries
    from rasid.store.names import actor_names

    # nodes are entity ids at every level: a node's own entity rows name it (at country
    # level a person folded into ``country:IRN`` is no node and names nothing)
    names = queries.participants(conn, filters.without_participants())
    for row in names.drop_duplicates("entity_id").itertuples(index=False):
        node = row.entity_id
        if node not in graph:
            continue
        attributes = {"label": _clean(row.en) or _clean(row.ar) or node, "ar": _clean(row.ar),
                      "en": _clean(row.en), "kind": _clean(row.kind),
                      "country": _clean(row.country)}
        graph.nodes[node].update({k: v for k, v in attributes.items() if v is not None})
    # a node no entity row names (a country reached only through its people) is named
    # by the knowledge base the store was built with, user files included
    unnamed = [node for node, data in graph.nodes(data=True) if "label" not in data]
    for node, name in actor_names(conn, unnamed).items():
        data = graph.nodes[node]
        data.update({k: v for k, v in (("en", name.en), ("ar", name.ar)) if v is not None})
        data["label"] = name.label


@exporter("graphml", suffix=".graphml", binary=True,
          description="the dyad network as GraphML (actors, weighted edges)")
def write_graphml(conn: duckdb.DuckDBPyConnection, out: IO[bytes], filters: Filters
                  ) -> ExportResult:
    import networkx as nx

    graph = dyad_graph(conn, filters)
    nx.write_graphml(graph, out, encoding="utf-8")
    return ExportResult(graph.number_of_edges(),
                        notes=[f"{graph.number_of_nodes()} actor(s), "
                               f"{graph.number_of_edges()} dyad(s)"])


@exporter("gexf", suffix=".gexf", binary=True,
          description="the dyad network as GEXF for Gephi (actors, weighted edges)")
def write_gexf(conn: duckdb.DuckDBPyConnection, out: IO[bytes], filters: Filters
               ) -> ExportResult:
    import networkx as nx

    graph = dyad_graph(conn, filters)
    nx.write_gexf(graph, out, encoding="utf-8")
    return ExportResult(graph.number_of_edges(),
                        notes=[f"{graph.number_of_nodes()} actor(s), "
                               f"{graph.number_of_edges()} dyad(s)"])


def export(conn: duckdb.DuckDBPyConnection, format: str, out: str | Path | None,
           filters: Filters | None = None) -> ExportResult:
    """Write the export ``format`` to the file ``out`` (standard output when None).

    The file is written beside its final name and renamed at the end, so an export
    that fails leaves no half-written file behind.
    """
    if format not in EXPORTERS:
        raise StoreError(f"unknown export format '{format}' "
                         f"(known: {', '.join(sorted(EXPORTERS))})")
    from rasid.store.queries import Filters

    chosen = EXPORTERS[format]
    filters = filters or Filters()
    if out is None or str(out) == "-":
        if chosen.binary and sys.stdout.isatty():
            raise StoreError(f"{format} is a binary format: give --out FILE")
        if chosen.binary:
            return chosen.write(conn, sys.stdout.buffer, filters)
        return chosen.write(conn, sys.stdout, filters)
    path = Path(out)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        if chosen.binary:
            with temporary.open("wb") as handle:
                result = chosen.write(conn, handle, filters)
        else:
            with temporary.open("w", encoding="utf-8", newline="") as handle:
                result = chosen.write(conn, handle, filters)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write the export ({error.strerror})") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result
