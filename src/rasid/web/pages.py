"""The server-rendered pages, each with a JSON twin (``PAGE.json`` or ``?format=json``).

Each page is written once: one handler, registered at ``/PAGE`` and ``/PAGE.json``,
builds one dict of data and either returns it as JSON or renders it with its Jinja2
template, so the twin is by construction exactly what the page shows.
Arabic text is shown right-to-left (``dir="rtl"``) inside English pages; fonts are the
system's (see ``static/rasid.css``); nothing is fetched from outside the server.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from rasid.resources import package_path
from rasid.store.filters import Filters
from rasid.web import charts
from rasid.web import params as P
from rasid.web.analyzer import parse_submission, read_body
from rasid.web.api import ItemNotFound
from rasid.web.db import StoreUnavailable
from rasid.web.reads import actors, alerts, articles, dyads, events, overview, places
from rasid.web.repairs import with_context
from rasid.web.services import Services, services
from rasid.web.spans import QUADS, highlighted

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(package_path("rasid.web", "templates")))

JSON_SUFFIX = ".json"


def actor_url(entity_id: str | None) -> str:
    return "/actor/" + quote(entity_id or "", safe=":/")


def dyad_url(actor: str, recipient: str, level: str = "entity") -> str:
    query = f"actor={quote(actor, safe=':')}&recipient={quote(recipient, safe=':')}"
    return "/dyad?" + query + ("" if level == "entity" else f"&level={level}")


def article_url(article_id: str | None) -> str:
    return "/article/" + quote(article_id or "", safe="")


def fmt_score(value: Any) -> str:
    return f"{value:+.1f}" if isinstance(value, int | float) else "–"


templates.env.globals.update(actor_url=actor_url, dyad_url=dyad_url, article_url=article_url,
                             quads=QUADS)
templates.env.filters["score"] = fmt_score


def twin_url(request: Request) -> str:
    """The JSON twin of the page being shown."""
    path = request.url.path
    path = "/overview" if path == "/" else path
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}{JSON_SUFFIX}{query}"


def wants_json(request: Request, fmt: str | None, suffix: bool = False) -> bool:
    """Whether to answer with the page's JSON twin: asked by ``?format=json``, by a
    route ending in ``.json`` (every page is registered at both), or by an id path
    parameter ending in ``.json`` (``suffix``)."""
    chosen = P.choose_one("format", fmt, ("html", "json"), "html")
    return suffix or request.url.path.endswith(JSON_SUFFIX) or chosen == "json"


def respond(request: Request, template: str, data: dict[str, Any], *, as_json: bool,
            status: int = 200, **extra: Any) -> Response:
    if as_json:
        return JSONResponse(data, status_code=status)
    s: Services = request.app.state.services
    context = {"data": data, "twin": twin_url(request), "analyze_allowed": s.analyzer.allowed,
               "db_path": str(s.db_path), "ingest_hint": s.ingest_hint, **extra}
    return templates.TemplateResponse(request, template, context, status_code=status)


def _strip(value: str) -> tuple[str, bool]:
    if value.endswith(JSON_SUFFIX):
        return value[: -len(JSON_SUFFIX)], True
    return value, False


Svc = Annotated[Services, Depends(services)]
Events = Annotated[P.EventParams, Depends(P.event_params)]


# ---------------------------------------------------------------- overview


@router.get("/")
@router.get("/overview")
@router.get("/overview.json")
def overview_page(request: Request, s: Svc, filters: Events, level: P.Level = None,
                  fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    f = filters.build(default_evidence=("asserted",))
    chosen = P.level(level, "entity")
    try:
        with s.store.cursor() as cur:
            data = overview.overview(cur, f, chosen)
    except StoreUnavailable as error:
        data = {"corpus": None, "store": {"status": error.state.status,
                                          "message": error.state.message},
                "hint": s.ingest_hint}
        status = 200 if error.state.status == "missing" else 503
        return respond(request, "empty.html", data, as_json=as_json, status=status)
    if not data["corpus"].get("articles"):
        data["hint"] = s.ingest_hint
        return respond(request, "empty.html", data, as_json=as_json)
    months = sorted(p["period"] for p in data["events_per_month"] if p.get("period"))
    span = (months[0], months[-1]) if months else None
    return respond(request, "overview.html", data, as_json=as_json,
                   chart=charts.quad_chart(data["events_per_month"]),
                   toll_chart=charts.toll_chart(data["tolls_per_month"], span))


# ---------------------------------------------------------------- network


MinCount = Annotated[int, Query(ge=1, le=100_000, description="least events per pair")]
MaxNodes = Annotated[int, Query(ge=2, le=500, description="most actors drawn")]


@router.get("/network")
@router.get("/network.json")
def network_page(request: Request, s: Svc, filters: Events, level: P.Level = None,
                 min_count: MinCount = 1, max_nodes: MaxNodes = 60,
                 fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    f = filters.build(default_evidence=("asserted",))
    chosen = P.level(level, "country")
    with s.store.cursor() as cur:
        data = dyads.network(cur, f, chosen, min_count=min_count, max_nodes=max_nodes)
    data["filters"] = {"date_from": f.date_from and f.date_from.isoformat(),
                       "date_to": f.date_to and f.date_to.isoformat(), "type": list(f.types),
                       "evidence": list(f.evidence), "level": chosen, "min_count": min_count,
                       "max_nodes": max_nodes, "topic": list(f.topics),
                       "not_topic": list(f.not_topics), "tone_min": f.tone_min,
                       "tone_max": f.tone_max}
    return respond(request, "network.html", data, as_json=as_json,
                   types=P.event_types(), evidence_classes=P.evidence_classes(),
                   topics=P.topic_labels())


# ---------------------------------------------------------------- map


def filter_echo(f: Filters) -> dict[str, Any]:
    """The filters of a page, as its form shows them back."""
    return {"date_from": f.date_from and f.date_from.isoformat(),
            "date_to": f.date_to and f.date_to.isoformat(), "type": list(f.types),
            "evidence": list(f.evidence), "topic": list(f.topics),
            "not_topic": list(f.not_topics), "tone_min": f.tone_min, "tone_max": f.tone_max}


@router.get("/map")
@router.get("/map.json")
def map_page(request: Request, s: Svc, filters: Events, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    f = filters.build()
    with s.store.cursor() as cur:
        data = places.places(cur, f)
    data["filters"] = filter_echo(f)
    kept = [(k, v) for k, v in request.query_params.multi_items()
            if k not in ("format", "offset") and v]
    suffix_query = "".join(f"&{quote(k)}={quote(v)}" for k, v in kept)
    return respond(request, "map.html", data, as_json=as_json, types=P.event_types(),
                   evidence_classes=P.evidence_classes(), topics=P.topic_labels(),
                   countries=places.country_paths(), width=places.WIDTH,
                   height=places.HEIGHT, query_suffix=suffix_query)


# ---------------------------------------------------------------- dyad


@router.get("/dyad")
@router.get("/dyad.json")
def dyad_page(request: Request, s: Svc, filters: Events, level: P.Level = None,
              limit: P.Limit = 50, offset: P.Offset = 0, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    f = filters.build()
    if not f.actor or not f.recipient:
        raise P.BadParameter("actor" if not f.actor else "recipient",
                             "a dyad needs both actor and recipient (entity ids)")
    chosen = P.level(level, "entity")
    with s.store.cursor() as cur:
        data = dyads.dyad(cur, f, chosen, f.actor, f.recipient, limit=limit, offset=offset)
    return respond(request, "dyad.html", data, as_json=as_json,
                   chart=charts.type_chart(data["timeline"]))


# ---------------------------------------------------------------- actors


@router.get("/actors")
@router.get("/actors.json")
def actors_page(request: Request, s: Svc, q: P.TextParam = None, kind: P.TextParam = None,
                limit: P.Limit = 50, offset: P.Offset = 0, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    chosen = P.choose_one("kind", kind, actors.KINDS, "") or None
    text = P.text("q", q)
    with s.store.cursor() as cur:
        data = actors.search_actors(cur, text, chosen, limit=limit, offset=offset)
    data["filters"] = {"q": text, "kind": chosen}
    return respond(request, "actors.html", data, as_json=as_json, kinds=actors.KINDS)


@router.get("/actor/{entity_id:path}")
def actor_page(request: Request, s: Svc, entity_id: str, date_from: P.DateFrom = None,
               date_to: P.DateTo = None, limit: P.Limit = 50, offset: P.Offset = 0,
               fmt: P.Format = None) -> Response:
    entity_id, suffix = _strip(entity_id)
    as_json = wants_json(request, fmt, suffix)
    checked = P.text("entity_id", entity_id)
    if checked is None:
        raise P.BadParameter("entity_id", "must not be empty")
    start, end = P.date_range(date_from, date_to)
    with s.store.cursor() as cur:
        data = actors.get_actor(cur, checked, date_from=start, date_to=end)
        if data is None:
            raise ItemNotFound("actor", checked)
        f = Filters(date_from=start, date_to=end, involving=checked)
        data["event_list"] = events.list_events(cur, f, limit=limit, offset=offset)
        timeline = overview.per_month(cur, f)
    data["timeline"] = timeline
    return respond(request, "actor.html", data, as_json=as_json,
                   chart=charts.quad_chart(timeline))


# ---------------------------------------------------------------- alerts


@router.get("/alerts")
@router.get("/alerts.json")
def alerts_page(request: Request, s: Svc, kind: P.TextParam = None, limit: P.Limit = 50,
                offset: P.Offset = 0, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    chosen = P.choose_one("kind", kind, alerts.KINDS, "") if kind else None
    with s.store.cursor() as cur:
        data = alerts.list_alerts(cur, chosen, limit=limit, offset=offset)
        data["monitoring"] = alerts.monitoring(cur)
    data["filters"] = {"kind": chosen}
    data["kinds"] = list(alerts.KINDS)
    return respond(request, "alerts.html", data, as_json=as_json,
                   directed_kinds=alerts.DIRECTED)


# ---------------------------------------------------------------- articles


@router.get("/articles")
@router.get("/articles.json")
def articles_page(request: Request, s: Svc, q: P.TextParam = None, date_from: P.DateFrom = None,
                  date_to: P.DateTo = None, source: P.TextParam = None, limit: P.Limit = 50,
                  offset: P.Offset = 0, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    start, end = P.date_range(date_from, date_to)
    f = articles.ArticleFilter(q=P.text("q", q), date_from=start, date_to=end,
                               source=P.text("source", source))
    with s.store.cursor() as cur:
        data = articles.list_articles(cur, f, limit=limit, offset=offset)
    data["filters"] = {"q": f.q, "date_from": date_from or None, "date_to": date_to or None,
                       "source": f.source}
    return respond(request, "articles.html", data, as_json=as_json)


def article_context(article: dict[str, Any]) -> dict[str, Any]:
    """What the article template needs beyond the article itself."""
    entities = {e.get("id"): e for e in article.get("entities") or []}
    return {"text_html": highlighted(article), "entities": entities}


@router.get("/article/{article_id}")
def article_page(request: Request, s: Svc, article_id: str, fmt: P.Format = None) -> Response:
    article_id, suffix = _strip(article_id)
    as_json = wants_json(request, fmt, suffix)
    checked = P.text("article_id", article_id, limit=64)
    with s.store.cursor() as cur:
        article = s.article(cur, checked or "")
    if article is None:
        raise ItemNotFound("article", article_id)
    return respond(request, "article.html", article, as_json=as_json,
                   **article_context(article))


# ---------------------------------------------------------------- analyze


@router.get("/analyze")
@router.get("/analyze.json")
def analyze_form(request: Request, s: Svc, fmt: P.Format = None) -> Response:
    as_json = wants_json(request, fmt)
    s.analyzer.check()
    data = {"allowed": True, "max_chars": s.analyzer.max_chars}
    return respond(request, "analyze.html", data, as_json=as_json)


@router.post("/analyze")
@router.post("/analyze.json")
async def analyze_submit(request: Request, fmt: P.Format = None) -> Response:
    s: Services = request.app.state.services
    as_json = wants_json(request, fmt)
    s.analyzer.check()
    body = await read_body(request.stream(), s.analyzer.max_bytes,
                           request.headers.get("content-length"))
    submission = parse_submission(body, request.headers.get("content-type", ""))
    article = await run_in_threadpool(s.analyzer.analyze, submission)
    article["repairs"] = [with_context(change, submission.text, article.get("text"))
                          for change in article.get("repairs") or []]
    article["repairs_source"] = "repairer"
    article["repairs_note"] = ""
    return respond(request, "article.html", article, as_json=as_json, analyzed=True,
                   twin=None, **article_context(article))
