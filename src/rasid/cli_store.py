"""The corpus commands: ``rasid ingest``, ``export``, ``relations`` and ``stats``.

They are thin: options in, a library call (``rasid.batch``, ``rasid.store``), a short
report out. ``add_commands(subparsers)`` adds them to the ``rasid`` parser and sets
each one's handler as ``args.handler``; ``run(args)`` calls it. The module also runs on
its own (``python -m rasid.cli_store ingest ...``).

Every command takes ``--db FILE``; the default is ``rasid.duckdb`` in the user's data
directory (``$RASID_DB`` overrides it), so a user who never names a store still gets
one place where their corpus accumulates.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rasid.cli_common import add_kb, add_max_chars, pipeline_overrides, positive_int
from rasid.errors import InputError

COMMANDS = ("ingest", "export", "relations", "stats")


def default_db() -> Path:
    """``$RASID_DB``, else ``rasid.duckdb`` in the user's data directory."""
    if os.environ.get("RASID_DB"):
        return Path(os.environ["RASID_DB"])
    try:
        from platformdirs import user_data_dir

        return Path(user_data_dir("rasid", appauthor=False)) / "rasid.duckdb"
    except ImportError:
        return Path.home() / ".local" / "share" / "rasid" / "rasid.duckdb"


def _date(value: str) -> str:
    from rasid.io import normalize_date

    try:
        return normalize_date(value, "date") or ""
    except InputError as error:
        raise argparse.ArgumentTypeError(error.reason) from None


_positive = positive_int


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not number > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return number


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None, metavar="FILE",
                        help=f"the store, a DuckDB file (default: {default_db()}, or "
                        "$RASID_DB)")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD",
                        help="only events on or after this date")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD",
                        help="only events on or before this date")
    parser.add_argument("--actor", help="only events involving this actor: an entity id "
                        "(country:IRN), a code or a country code (IRN), or a name in "
                        "English or Arabic (Iran, إيران); an actor no stored event "
                        "involves is an error that suggests close names")
    parser.add_argument("--type", dest="types", type=_list, action="extend", default=[],
                        metavar="TYPE[,TYPE]", help="only these PLOVER event types")
    parser.add_argument("--evidence", type=_list, action="extend", default=[],
                        metavar="CLASS[,CLASS]",
                        help="only these evidence classes (asserted, statement, negated, "
                        "hypothetical, background, reference)")
    parser.add_argument("--include-duplicates", action="store_true",
                        help="count syndicated copies of a story too (default: once)")
    parser.add_argument("--topic", dest="topics", type=_list, action="extend", default=[],
                        metavar="TOPIC[,TOPIC]",
                        help="only events of articles with one of these topics (politics, "
                        "economy, sports, culture, society, science_technology, security, "
                        "health, religion)")
    parser.add_argument("--not-topic", dest="not_topics", type=_list, action="extend",
                        default=[], metavar="TOPIC[,TOPIC]",
                        help="leave out events of articles with one of these topics")
    parser.add_argument("--tone-min", type=float, metavar="X",
                        help="only articles whose lexical tone is at least X (in %%)")
    parser.add_argument("--tone-max", type=float, metavar="X",
                        help="only articles whose lexical tone is at most X (in %%)")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``ingest``, ``export``, ``relations`` and ``stats`` to the ``rasid`` parser."""
    from rasid.batch.sources import INPUT_FORMATS

    ing = subparsers.add_parser(
        "ingest", help="analyze documents into the store (resumable, parallel)",
        description="Analyze documents into the store. Resumable: kill it and run it again, "
        "and only what is left is done. Failed documents are stored with their reason.")
    ing.add_argument("paths", nargs="*", metavar="PATH",
                     help="files, folders (recursively) or - for stdin")
    _add_db(ing)
    ing.add_argument("--workers", type=_positive, default=None, metavar="N",
                     help="analyze in N processes (default 1; with --dask local, the "
                     "number of Dask workers, default: one per core)")
    ing.add_argument("--dask", metavar="local|tcp://HOST:PORT",
                     help="analyze on Dask: a local cluster, or a running scheduler")
    ing.add_argument("--reprocess", action="store_true",
                     help="analyze the raw texts already in the store again with the current "
                     "pipeline (those stored by another version)")
    ing.add_argument("--force", action="store_true",
                     help="analyze again even what this pipeline version already stored")
    ing.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                     help="how to read the inputs (auto: by file suffix and content)")
    ing.add_argument("--date", type=_date, help="publication date YYYY-MM-DD for documents "
                     "that carry none")
    ing.add_argument("--config", metavar="FILE", help="a TOML settings file")
    add_kb(ing, stored=True)
    add_max_chars(ing)
    ing.add_argument("--plugin", dest="plugins", action="append", default=[],
                     metavar="MODULE", help="import MODULE first (in every worker), e.g. to "
                     "register extra pipeline components")
    for column, default in (("text", "text"), ("id", None), ("date", None), ("title", None),
                            ("source", None), ("url", None)):
        ing.add_argument(f"--{column}-column", default=default, metavar="NAME",
                         help=f"CSV column holding the {column}"
                         + (f" (default: {default})" if default else ""))
    ing.add_argument("--batch-size", type=_positive, default=50, metavar="N",
                     help="documents per commit (default 50)")
    ing.add_argument("--no-dedup", dest="dedup", action="store_false",
                     help="do not link near-duplicate articles at the end")
    ing.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show progress on stderr (default on): a bar with the total and "
                     "the time left on a terminal, elsewhere a plain line every "
                     "--progress-interval seconds or 1,000 documents")
    ing.add_argument("--progress-interval", type=_seconds, default=30.0, metavar="SECONDS",
                     help="without a terminal, seconds between progress lines (default 30)")
    ing.add_argument("--work-dir", type=Path, metavar="DIR",
                     help="folder for Dask partitions (default: "
                     "beside the store; must be shared with remote workers)")
    ing.add_argument("--partition-size", type=_positive, default=200, metavar="N",
                     help="documents per Dask partition (default 200)")
    ing.set_defaults(handler=_ingest)

    exp = subparsers.add_parser(
        "export", help="export events or the actor network",
        description="Export the stored events (PLOVER JSON Lines, CSV, Parquet) or the "
        "actor network (GraphML, GEXF).")
    _add_db(exp)
    from rasid.store.export import EXPORTERS

    exp.add_argument("--format", required=True, choices=sorted(EXPORTERS),
                     help="; ".join(f"{e.name}: {e.description}" for e in EXPORTERS.values()))
    exp.add_argument("--out", metavar="FILE", help="the output file (default: standard "
                     "output; a binary format needs --out or a redirection when that is "
                     "a terminal)")
    _add_filters(exp)
    exp.set_defaults(handler=_export)

    rel = subparsers.add_parser(
        "relations", help="dyads over time: who did what to whom, per period",
        description="Per period, actor and recipient: events per quad class, sum and mean "
        "score, cooperation and conflict, and the events that weigh most. Asserted "
        "facts, statements, negated and hypothetical events are kept apart.")
    _add_db(rel)
    _add_filters(rel)
    rel.add_argument("--by", choices=("day", "month", "year", "all"), default="month",
                     help="period length (default: month)")
    rel.add_argument("--level", choices=("entity", "country"), default="entity",
                     help="count actors as entities or fold them into their country")
    rel.add_argument("--top", type=int, default=3, metavar="N",
                     help="events that weigh most shown per row (default 3; 0: none)")
    rel.add_argument("--basis", type=_list, action="extend", default=[],
                     metavar="BASIS[,BASIS]",
                     help="at --level country, which bases of a participant's country count: "
                     "stated, place (the event's place), article (the article's context); "
                     "default all three")
    rel.add_argument("--format", choices=("table", "csv", "json"), default="table",
                     help="a table with names that fits the terminal (at most 120 "
                     "characters), or CSV or JSON with every column and the names in both "
                     "scripts (default table)")
    rel.set_defaults(handler=_relations)

    sta = subparsers.add_parser("stats", help="what the store holds",
                                description="Counts of articles, failures, duplicates and "
                                "layers in the store.")
    _add_db(sta)
    sta.add_argument("--format", choices=("table", "json"), default="table",
                     help="default table")
    sta.set_defaults(handler=_stats)


def _db(args: argparse.Namespace) -> Path:
    return args.db if args.db is not None else default_db()


def _ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from rasid.batch.ingest import IngestOptions, ingest
    from rasid.batch.sources import CsvColumns
    from rasid.batch.worker import import_plugins
    from rasid.pipeline import Pipeline

    if args.reprocess == bool(args.paths):
        print("rasid ingest: give PATHs to read, or --reprocess (not both)", file=sys.stderr)
        return 2
    import_plugins(args.plugins)
    # checks settings and components now
    pipeline = Pipeline(config=args.config, **pipeline_overrides(args.max_chars, args.kb))
    options = IngestOptions(
        paths=list(args.paths), input_format=args.input_format, date=args.date,
        columns=CsvColumns(args.text_column, args.id_column, args.date_column,
                           args.title_column, args.source_column, args.url_column),
        workers=args.workers, dask=args.dask, reprocess=args.reprocess, force=args.force,
        dedup=args.dedup, batch_size=args.batch_size, work_dir=args.work_dir,
        partition_size=args.partition_size, progress=args.progress,
        progress_interval=args.progress_interval)
    db = _db(args)

    def report(document: str, reason: str, code: str) -> None:
        # the same shape as every other error: the code first, then document and reason
        tag = f"[{code}] " if code else ""
        tqdm.write(f"rasid: {tag}{document}: {reason}", file=sys.stderr)

    summary = ingest(db, pipeline.settings, options, plugins=tuple(args.plugins),
                     on_failure=report)
    print(f"rasid: {summary.line(db)}", file=sys.stderr)
    if summary.interrupted:
        return 130
    if summary.read and not summary.analyzed and not summary.skipped:
        return 1
    return 0


def _filters(args: argparse.Namespace, conn: Any = None):
    """The query filters of the options; with a store connection, ``--actor`` is checked
    against the stored actors first (an unknown one fails, suggesting close names)."""
    from rasid.store.names import resolve_actor
    from rasid.store.queries import Filters

    actor = args.actor
    if actor is not None and conn is not None:
        actor = resolve_actor(conn, actor)
    return Filters(date_from=args.date_from, date_to=args.date_to, involving=actor,
                   types=tuple(args.types), evidence=tuple(args.evidence),
                   include_duplicates=args.include_duplicates,
                   topics=tuple(args.topics), not_topics=tuple(args.not_topics),
                   tone_min=args.tone_min, tone_max=args.tone_max,
                   **({"basis": tuple(args.basis)} if getattr(args, "basis", None) else {}))


def _export(args: argparse.Namespace) -> int:
    from rasid.cli_common import USAGE_ERROR
    from rasid.store import connect
    from rasid.store.export import EXPORTERS, export

    if EXPORTERS[args.format].binary and args.out in (None, "-") and sys.stdout.isatty():
        print(f"rasid export: {args.format} is a binary format and would be written to the "
              f"terminal; give --out FILE (e.g. --out events{EXPORTERS[args.format].suffix}) "
              "or redirect the output to a file", file=sys.stderr)
        return USAGE_ERROR
    conn = connect(_db(args), read_only=True)
    try:
        result = export(conn, args.format, args.out, _filters(args, conn))
    finally:
        conn.close()
    for note in result.notes:
        print(f"rasid: {note}", file=sys.stderr)
    where = args.out or "standard output"
    print(f"rasid: {result.records:,} record(s) exported as {args.format} to {where}",
          file=sys.stderr)
    return 0


def _relations(args: argparse.Namespace) -> int:
    from rasid.cli_relations import evidence_text, render_table, with_names
    from rasid.store import connect
    from rasid.store.names import actor_names
    from rasid.store.queries import relations

    conn = connect(_db(args), read_only=True)
    try:
        filters = _filters(args, conn)
        frame = relations(conn, filters, by=args.by, level=args.level, top=args.top)
        names = actor_names(conn, [*frame["actor"], *frame["recipient"]])
    finally:
        conn.close()
    if frame.empty:
        print("rasid: no dyads match (events need an actor and a recipient, or two actors)",
              file=sys.stderr)
    if args.format == "json":
        print(with_names(frame, names).to_json(orient="records", date_format="iso",
                                               force_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        frame = with_names(frame, names).assign(
            top_events=frame["top_events"].map(evidence_text))
        if args.by == "all":
            frame = frame.drop(columns=["period"])
        frame.to_csv(sys.stdout, index=False)
    elif not frame.empty:
        print(render_table(frame, names, args.by))
    return 0


def _stats(args: argparse.Namespace) -> int:
    from rasid.store import connect
    from rasid.store.queries import stats

    conn = connect(_db(args), read_only=True)
    try:
        frame = stats(conn)
    finally:
        conn.close()
    if args.format == "json":
        result: dict[str, dict[str, Any]] = {}
        for row in frame.itertuples(index=False):
            result.setdefault(row.section, {})[str(row.name)] = row.value
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    width = max((len(str(name)) for name in frame["name"]), default=10)
    for section, group in frame.groupby("section", sort=False):
        print(section)
        for row in group.itertuples(index=False):
            value = f"{row.value:,}" if isinstance(row.value, int) else row.value
            print(f"  {row.name!s:<{width}}  {value}")
    print(f"store: {_db(args)}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run the handler ``add_commands`` set for the parsed command."""
    handler: Callable[[argparse.Namespace], int] = args.handler
    return handler(args)


def build_parser() -> argparse.ArgumentParser:
    """A parser with only the corpus commands (for ``python -m rasid.cli_store``)."""
    from rasid.cli_common import parser_with

    return parser_with(add_commands, "rasid corpus commands")


def main(argv: Sequence[str] | None = None) -> int:
    from rasid.cli_common import run_main

    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
