"""The REST API under ``/api``: articles, actors, events, relations, places, stats and
analyze.

Every list is paginated (``limit`` up to 200, ``offset``) and answers ``{"total",
"limit", "offset", "items"}``; every parameter is checked (``rasid.web.params``) and a
bad one answers 422 with a message naming it. The pages' JSON twins give the same data
the pages show; this API is the stable, documented way in (``/docs``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from rasid.geo.locate import world_outline
from rasid.store.filters import Filters
from rasid.web import params as P
from rasid.web.analyzer import BadBody, BodyTooLarge, parse_submission, read_body
from rasid.web.reads import actors, alerts, articles, dyads, events, places
from rasid.web.services import Services, services

router = APIRouter(prefix="/api")

NotFound = {404: {"description": "no such item"}}
Invalid = {422: {"description": "a parameter is invalid; the message says which and why"}}


class ItemNotFound(Exception):
    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} {key!r} in the store")


def _cap(value: str, parameter: str) -> str:
    checked = P.text(parameter, value)
    if checked is None:
        raise P.BadParameter(parameter, "must not be empty")
    return checked


@router.get("/health", tags=["meta"], summary="Is the server up, and what state is the store in")
def health(s: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    state = s.store.state()
    return {"status": "ok", "store": state.status, "message": state.message,
            "analyze": s.analyzer.allowed}


@router.get("/stats", tags=["store"], summary="What the store holds",
            description="The counts of `rasid stats`: articles, failures, duplicates, layers, "
            "events by evidence class and type, mentions by label.")
def stats(s: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    from rasid.store.queries import stats as store_stats
    from rasid.web.reads.sql import clean

    with s.store.cursor() as cur:
        frame = store_stats(cur)
    result: dict[str, dict[str, Any]] = {}
    for row in frame.itertuples(index=False):
        result.setdefault(str(row.section), {})[str(row.name)] = clean(row.value)
    return result


@router.get("/alerts", tags=["store"], responses=Invalid,
            summary="Alerts rasid watch raised, newest first",
            description="Shifts found after each batch of `rasid watch`: `conflict_shift` "
            "(a dyad's weekly conflict score far above its recent mean), `fatalities_rise` "
            "(far more people killed in a dyad's events this week than in the weeks before; "
            "`value` is the number killed, `details.largest` the event with the largest "
            "toll), `coverage_rise` (an "
            "actor named in far more articles than usual) and `new_dyad` (the first events "
            "recorded between two actors). `value`, `mean`, `std` and `z` give the figures; "
            "`monitoring` says what the watcher follows.")
def list_alerts(
    s: Annotated[Services, Depends(services)],
    kind: Annotated[str | None, Query(description=f"one of {', '.join(alerts.KINDS)}")
                    ] = None,
    limit: P.Limit = 50, offset: P.Offset = 0,
) -> dict[str, Any]:
    chosen = P.choose_one("kind", kind, alerts.KINDS, "") if kind else None
    with s.store.cursor() as cur:
        result = alerts.list_alerts(cur, chosen, limit=limit, offset=offset)
        result["monitoring"] = alerts.monitoring(cur)
    return result


@router.get("/articles", tags=["articles"], responses=Invalid,
            summary="Articles, newest first, with text search")
def list_articles(
    s: Annotated[Services, Depends(services)],
    q: Annotated[str | None, Query(description="text in the title or body (or an article "
                                   "id)")] = None,
    date_from: P.DateFrom = None, date_to: P.DateTo = None,
    source: P.TextParam = None,
    status: Annotated[str | None, Query(description="ok (default), failed or all")] = None,
    limit: P.Limit = 50, offset: P.Offset = 0,
) -> dict[str, Any]:
    start, end = P.date_range(date_from, date_to)
    f = articles.ArticleFilter(q=P.text("q", q), date_from=start, date_to=end,
                               source=P.text("source", source),
                               status=P.choose_one("status", status, articles.STATUSES, "ok"))
    with s.store.cursor() as cur:
        return articles.list_articles(cur, f, limit=limit, offset=offset)


@router.get("/articles/{article_id}", tags=["articles"], responses=NotFound,
            summary="One article with all its layers (the Analysis JSON shape)")
def get_article(s: Annotated[Services, Depends(services)],
                article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    with s.store.cursor() as cur:
        article = s.article(cur, article_id)
    if article is None:
        raise ItemNotFound("article", article_id)
    return article


@router.get("/actors", tags=["actors"], responses=Invalid,
            summary="Actors by name (English or Arabic), id or code; most mentioned first")
def list_actors(
    s: Annotated[Services, Depends(services)],
    q: Annotated[str | None, Query(description="part of a name or id, or a code "
                                   "(IRN)")] = None,
    kind: Annotated[str | None, Query(description=f"one of {', '.join(actors.KINDS)}")] = None,
    limit: P.Limit = 50, offset: P.Offset = 0,
) -> dict[str, Any]:
    chosen = P.choose_one("kind", kind, actors.KINDS, "") or None
    with s.store.cursor() as cur:
        return actors.search_actors(cur, P.text("q", q), chosen, limit=limit, offset=offset)


@router.get("/actors/{entity_id:path}", tags=["actors"], responses={**NotFound, **Invalid},
            summary="One actor: names, roles, partners, quotations and events")
def get_actor(
    s: Annotated[Services, Depends(services)],
    entity_id: str,
    date_from: P.DateFrom = None, date_to: P.DateTo = None,
    limit: P.Limit = 50, offset: P.Offset = 0,
) -> dict[str, Any]:
    entity_id = _cap(entity_id, "entity_id")
    start, end = P.date_range(date_from, date_to)
    with s.store.cursor() as cur:
        actor = actors.get_actor(cur, entity_id, date_from=start, date_to=end)
        if actor is None:
            raise ItemNotFound("actor", entity_id)
        f = Filters(date_from=start, date_to=end, involving=entity_id)
        actor["event_list"] = events.list_events(cur, f, limit=limit, offset=offset)
    return actor


@router.get("/events", tags=["events"], responses=Invalid,
            summary="Events, filtered and paginated (newest first)")
def list_events(
    s: Annotated[Services, Depends(services)],
    filters: Annotated[P.EventParams, Depends(P.event_params)],
    order: Annotated[str | None, Query(description="newest, oldest, score (most "
                                       "conflictual first) or -score")] = None,
    limit: P.Limit = 50, offset: P.Offset = 0,
) -> dict[str, Any]:
    f = filters.build()
    chosen = P.choose_one("order", order, events.ORDERS, "newest")
    with s.store.cursor() as cur:
        return events.list_events(cur, f, limit=limit, offset=offset, order=chosen)


@router.get("/relations", tags=["events"], responses=Invalid,
            summary="Dyads over time: per period, actor, recipient and evidence class",
            description="The rows of `rasid relations --format json`, a page at a time: "
            "counts per quad class, summed and mean score, cooperation (sum of positive "
            "scores) and conflict (sum of negative scores, as a positive number), tone, "
            "tolls and the `top` events that weigh most. Actors are entity ids at every "
            "level (`country:IRN`). `actor` and `recipient` match the dyad's sides, "
            "`involving` either side: a full id matches that entity (at country level, "
            "also everything counted as it), a code such as IRN every entity of Iran.")
def relations(
    s: Annotated[Services, Depends(services)],
    filters: Annotated[P.EventParams, Depends(P.event_params)],
    level: P.Level = None, by: P.Period = None,
    top: Annotated[int, Query(ge=0, le=20, description="events listed per row")] = 3,
    limit: P.Limit = 100, offset: P.Offset = 0,
) -> dict[str, Any]:
    f = filters.build()
    period = P.choose_one("by", by, dyads.PERIODS, "month")
    with s.store.cursor() as cur:
        return dyads.relations(cur, f, P.level(level), by=period, top=top, limit=limit,
                               offset=offset)


@router.get("/network", tags=["events"], responses=Invalid,
            summary="The dyad network: actors as nodes, pairs as edges")
def network(
    s: Annotated[Services, Depends(services)],
    filters: Annotated[P.EventParams, Depends(P.event_params)],
    level: P.Level = None,
    min_count: Annotated[int, Query(ge=1, le=100_000)] = 1,
    max_nodes: Annotated[int, Query(ge=2, le=500)] = 60,
) -> dict[str, Any]:
    f = filters.build(default_evidence=("asserted",))
    with s.store.cursor() as cur:
        return dyads.network(cur, f, P.level(level, "country"), min_count=min_count,
                             max_nodes=max_nodes)


@router.get("/places", tags=["events"], responses=Invalid,
            summary="Places of the filtered events: coordinates, admin-1, country, counts",
            description="One item per place (most events first) with `lat`, `lon`, "
            "`admin1`/`admin1_name`, `country` (ISO alpha-3), `resolution` (1 country, "
            "2 admin-1 region, 4 city, 0 wider area), the number of events and articles, "
            "the mean score and the share of conflict events (quad classes 3 and 4).")
def list_places(
    s: Annotated[Services, Depends(services)],
    filters: Annotated[P.EventParams, Depends(P.event_params)],
    limit: Annotated[int, Query(ge=1, le=2000)] = 500,
) -> dict[str, Any]:
    f = filters.build()
    with s.store.cursor() as cur:
        return places.places(cur, f, limit=limit)


@router.get("/world", tags=["meta"],
            summary="The world outline the map is drawn on (GeoJSON, Natural Earth 1:110m)")
def world() -> dict[str, Any]:
    return world_outline()


@router.post("/analyze", tags=["analyze"],
             responses={403: {"description": "analysis is not allowed on this server "
                              "(start it with --allow-analyze)"},
                        413: {"description": "the text is over the size limit"},
                        422: {"description": "not a text rasid can analyze"}},
             summary="Analyze a text: the Analysis JSON",
             description='Send `{"text": "...", "date": "YYYY-MM-DD", "title": "..."}` as '
             "JSON (or the text as text/plain). Only on a server started with "
             "--allow-analyze.")
async def analyze(request: Request) -> JSONResponse:
    s: Services = request.app.state.services
    s.analyzer.check()
    body = await read_body(request.stream(), s.analyzer.max_bytes,
                           request.headers.get("content-length"))
    submission = parse_submission(body, request.headers.get("content-type", ""))
    result = await run_in_threadpool(s.analyzer.analyze, submission)
    return JSONResponse(result)


__all__ = ["BadBody", "BodyTooLarge", "ItemNotFound", "router"]
