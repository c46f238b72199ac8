"""The dashboard application: ``create_app`` builds it, ``serve`` runs it with uvicorn.

The app is a FastAPI application with the REST API (``api``), the pages (``pages``),
their static files and self-hosted API docs (``/docs``, Swagger UI from the
``fastapi-offline`` package: FastAPI's default page would load it from a CDN). Every
response carries a Content-Security-Policy that allows only this server's own scripts,
styles and images, so a page cannot load anything from the internet even by mistake,
and an article's text can never run as script.

Errors answer in the format asked: JSON ``{"error", "message", ...}`` for the API and
the JSON twins, an HTML page otherwise; an unexpected error is logged and answered
with a generic 500 that shows no SQL or internals.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasid._version import __version__
from rasid.errors import InputError
from rasid.resources import package_path
from rasid.store.kb import warm_up as warm_up_labels
from rasid.web import api, pages
from rasid.web.analyzer import DEFAULT_MAX_CHARS, Analyzer, BadBody, BodyTooLarge, NotAllowed
from rasid.web.db import Store, StoreUnavailable
from rasid.web.params import BadParameter
from rasid.web.repairs import RepairExplainer
from rasid.web.services import Services, StoreResources

log = logging.getLogger("rasid.web")
HERE = package_path("rasid.web")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
#: Swagger UI sets inline styles
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return (path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"
            or request.query_params.get("format") == "json")


def _error(request: Request, status: int, error: str, message: str, **extra: Any) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": error, "message": message, **extra}, status_code=status)
    s: Services = request.app.state.services
    return pages.templates.TemplateResponse(
        request, "error.html", {"status": status, "error": error, "message": message,
                                "extra": extra, "analyze_allowed": s.analyzer.allowed,
                                "db_path": str(s.db_path), "ingest_hint": s.ingest_hint,
                                "twin": None},
        status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for item in exc.errors():
            location = [str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body")]
            errors.append({"parameter": ".".join(location) or "request",
                           "message": str(item.get("msg", "invalid"))})
        message = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return _error(request, 422, "invalid_parameter", message, errors=errors)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        return _error(request, exc.status, "invalid_parameter", str(exc),
                      errors=[{"parameter": exc.parameter, "message": exc.message}])

    @app.exception_handler(api.ItemNotFound)
    async def not_found(request: Request, exc: api.ItemNotFound) -> Response:
        return _error(request, 404, "not_found", str(exc))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
        s: Services = request.app.state.services
        status = 404 if exc.state.status == "missing" else 503
        return _error(request, status, f"store_{exc.state.status}", exc.state.message,
                      hint=s.ingest_hint)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, exc: NotAllowed) -> Response:
        return _error(request, 403, "analyze_not_allowed", "analysis of pasted text is off on "
                      "this server; start it with `rasid serve --allow-analyze`")

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        limit = request.app.state.services.analyzer.max_chars
        return _error(request, 413, "too_large",
                      f"the text is over the limit of {limit:,} characters", max_chars=limit)

    @app.exception_handler(BadBody)
    async def bad_body(request: Request, exc: BadBody) -> Response:
        return _error(request, 422, "invalid_body", str(exc))

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 422, "not_analyzable", exc.reason, code=exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        names = {404: "not_found", 405: "method_not_allowed"}
        return _error(request, exc.status_code, names.get(exc.status_code, "http_error"),
                      str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("error answering %s %s", request.method, request.url.path)
        return _error(request, 500, "internal_error",
                      "the server could not answer this request (the error is in its log)")


def _install_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request,
                      call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        docs = request.url.path.startswith("/docs")
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _install_docs(app: FastAPI) -> None:
    assets = package_path("fastapi_offline", "static")
    app.mount("/docs/assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = (HERE / "templates" / "docs.html").read_text(encoding="utf-8")
        return HTMLResponse(page)


def create_app(db_path: str | Path, allow_analyze: bool = False,
               max_analyze_chars: int = DEFAULT_MAX_CHARS, *, warm_up: bool = True) -> FastAPI:
    """The dashboard over the store at ``db_path``, opened read-only.

    ``allow_analyze`` switches on ``POST /api/analyze`` and the analyze page (texts up
    to ``max_analyze_chars`` characters); analyzed texts are not written to the store.
    ``warm_up`` loads the shipped knowledge base and the lexicon (and the pipeline, when
    analysis is allowed) in a background thread at start-up, so the first actor and
    article pages do not wait for them.
    """
    if max_analyze_chars < 1:
        raise ValueError("max_analyze_chars must be at least 1")
    store = Store(db_path)
    # analysis and repair explanations use the knowledge base the store was built with
    shared = StoreResources(store)
    services = Services(Path(db_path), store,
                        Analyzer(allow_analyze, max_analyze_chars, shared.get),
                        RepairExplainer(lambda: shared.get().lexicon))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm_up:
            def load() -> None:
                try:
                    warm_up_labels()
                    services.explainer.warm_up()
                    if allow_analyze:
                        services.analyzer.warm_up()
                except Exception:  # a failed warm-up only costs the first request time
                    log.exception("warm-up failed")

            threading.Thread(target=load, name="rasid-warm-up", daemon=True).start()
        yield
        services.store.close()

    app = FastAPI(
        title="rasid dashboard API", version=__version__, lifespan=lifespan,
        description="Articles, actors, events and relations of a rasid store "
        f"({services.db_path.name}). Lists are paginated with `limit` and `offset`; bad "
        "parameters answer 422 with a message naming them.",
        docs_url=None, redoc_url=None)
    app.state.services = services
    _install_error_handlers(app)
    _install_security_headers(app)
    _install_docs(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000,
          allow_analyze: bool = False, max_analyze_chars: int = DEFAULT_MAX_CHARS, *,
          sock: socket.socket | None = None) -> None:
    """Run the dashboard with uvicorn until interrupted, on ``sock`` when given (a socket
    already listening on ``host:port``: ``rasid serve`` binds it before announcing the
    address), else on a socket uvicorn binds."""
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: the dashboard has no login; anyone who can reach this "
                    "address can read the store%s", host,
                    " and run the analyzer" if allow_analyze else "")
    app = create_app(db, allow_analyze=allow_analyze, max_analyze_chars=max_analyze_chars)
    if sock is None:
        uvicorn.run(app, host=host, port=port, log_level="info")
        return
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info"))
    server.run(sockets=[sock])
