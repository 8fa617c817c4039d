"""Scoring sitrep against gold data.

* ACLED layout, one event per row with ``notes``: each note is extracted and its first event
  compared field by field (``score_acled_notes``).
* ACLED layout beside an article: gold events are matched to predicted ones (same event type,
  within 25 km, dates within their precision) and matched pairs compared (``score_article``).
* Geoparsing corpora (LGL, GeoVirus), TimeML (TempEval-3, TimeBank) and CASE 2021 snippets
  measure the place, date and classification stages alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.actors import strip_period
from sitrep.errors import DataError
from sitrep.geo.gazetteer import haversine_km
from sitrep.geo.names import name_key
from sitrep.models import Article, Event
from sitrep.pipeline import Pipeline

KM_TOLERANCE = 25.0


@dataclass
class Report:
    """Named metrics with the counts behind them, printable as a table."""

    title: str
    metrics: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (correct, total)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        correct, total = self.metrics.get(name, (0, 0))
        self.metrics[name] = (correct + int(ok), total + 1)

    def rate(self, name: str) -> float:
        correct, total = self.metrics.get(name, (0, 0))
        return correct / total if total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "metrics": {k: {"correct": c, "total": t, "rate": round(c / t, 4) if t else None} for k, (c, t) in self.metrics.items()},
            "extra": self.extra,
            "notes": self.notes,
        }


# ---------------------------------------------------------------------------- helpers
def parse_gold_date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%m/%d/%Y", "%d-%b-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def actor_equal(pred: str, gold: str, *, lenient: bool = False) -> bool:
    if not lenient:
        return pred.strip() == gold.strip()
    strip = lambda s: name_key(strip_period(s))  # noqa: E731
    return strip(pred) == strip(gold)


def date_ok(pred: dt.date | None, gold: dt.date | None, gold_precision: int) -> bool:
    """Exact for day-precise gold; within a week or the same month when the gold is vaguer."""
    if pred is None or gold is None:
        return False
    if gold_precision <= 1:
        return pred == gold
    if gold_precision == 2:
        return abs((pred - gold).days) <= 7
    return (pred.year, pred.month) == (gold.year, gold.month) or abs((pred - gold).days) <= 31


def within_km(ev: Event | None, lat: str, lon: str, km: float = KM_TOLERANCE) -> bool:
    if ev is None or ev.latitude is None or not lat or not lon:
        return False
    return haversine_km(ev.latitude, ev.longitude, float(lat), float(lon)) <= km  # type: ignore[arg-type]


def same_admin1(pred: str, gold: str) -> bool:
    from sitrep.geo.names import skeleton

    if not gold:
        return not pred
    return name_key(pred) == name_key(gold) or (bool(skeleton(pred)) and skeleton(pred) == skeleton(gold))


def fatalities_ok(pred: int, gold: str) -> bool:
    gold = (gold or "").strip()
    return pred == (int(gold) if gold else 0)


ACLED_REQUIRED = frozenset({"event_date", "event_type", "sub_event_type", "actor1"})


def read_gold(path: Path, required: frozenset[str] = ACLED_REQUIRED) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror})") from exc
    except csv.Error as exc:
        raise DataError(f"{path}: not a CSV file ({exc})") from exc
    if not rows:
        raise DataError(f"{path}: no rows")
    missing = required - set(rows[0])
    if missing:
        raise DataError(f"{path}: not in the expected layout (missing {', '.join(sorted(missing))})")
    return rows


FIELDS = ("event_type", "sub_event_type", "actor1", "actor1 (lenient)", "actor2", "actor2 (lenient)", "admin1", "location ≤25 km", "date", "fatalities")


def compare(report: Report, ev: Event | None, gold: dict[str, str]) -> None:
    gdate = parse_gold_date(gold["event_date"])
    gprec = int(gold.get("time_precision") or 1)
    report.add("event_type", ev is not None and ev.event_type == gold["event_type"])
    acceptable = {gold["sub_event_type"]} | {a.split("/", 1)[-1] if a.count("/") >= 1 and a.split("/")[0] in ("Battles", "Protests", "Riots", "Strategic developments", "Violence against civilians") else a for a in (gold.get("also_acceptable") or "").split(";") if a}
    report.add("sub_event_type", ev is not None and ev.sub_event_type in acceptable)
    report.add("actor1", ev is not None and actor_equal(ev.actor1, gold["actor1"]))
    report.add("actor1 (lenient)", ev is not None and actor_equal(ev.actor1, gold["actor1"], lenient=True))
    report.add("actor2", ev is not None and actor_equal(ev.actor2, gold.get("actor2", "")))
    report.add("actor2 (lenient)", ev is not None and actor_equal(ev.actor2, gold.get("actor2", ""), lenient=True))
    report.add("admin1", ev is not None and same_admin1(ev.admin1, gold.get("admin1", "")))
    report.add("location ≤25 km", within_km(ev, gold.get("latitude", ""), gold.get("longitude", "")))
    report.add("date", ev is not None and date_ok(ev.event_date, gdate, gprec))
    report.add("fatalities", ev is not None and fatalities_ok(ev.fatalities, gold.get("fatalities", "")))


# ---------------------------------------------------------------------------- ACLED notes
def _publication(row: dict[str, str]) -> dt.date | None:
    ts = (row.get("timestamp") or "").strip()
    if ts.isdigit():
        return dt.datetime.fromtimestamp(int(ts), dt.timezone.utc).date()
    return parse_gold_date(row.get("event_date", ""))


def score_acled_notes(
    gold: Path, pipeline: Pipeline, *, limit: int | None = None, seed: int = 13,
    progress: Callable[[int, int], None] | None = None, batch_size: int = 64,
) -> Report:
    """Extract each row's ``notes`` (dated by the row's upload timestamp) and score its first event."""
    rows = [r for r in read_gold(gold) if (r.get("notes") or "").strip()]
    if limit and limit < len(rows):
        rows = random.Random(seed).sample(rows, limit)
    report = Report(title=f"ACLED notes: {gold.name} ({len(rows)} events)")
    articles = [Article(text=r["notes"], published=_publication(r)) for r in rows]
    confusion: Counter[tuple[str, str]] = Counter()
    for i, (row, result) in enumerate(zip(rows, pipeline.pipe(articles, batch_size=batch_size))):
        ev = result.events[0] if result.events else None
        report.add("event found", ev is not None)
        compare(report, ev, row)
        confusion[(row["sub_event_type"], ev.sub_event_type if ev else "(none)")] += 1
        if progress:
            progress(i + 1, len(rows))
    worst = [(g, p, n) for (g, p), n in confusion.most_common() if g != p][:8]
    report.notes = [f"{n:4d} × gold '{g}' coded as '{p}'" for g, p, n in worst]
    report.notes.append("publication date = the row's ACLED upload timestamp; no country or place hints are given")
    return report


# ---------------------------------------------------------------------------- article(s) vs gold events
def match_events(preds: list[Event], golds: list[dict[str, str]]) -> list[tuple[dict[str, str], Event | None]]:
    """Greedy one-to-one matching: same event type (or an also-acceptable one), ≤25 km, date in window."""
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(golds):
        gtypes = {g["event_type"]} | {a.split("/")[0] for a in (g.get("also_acceptable") or "").split(";") if a}
        gdate = parse_gold_date(g["event_date"])
        for pi, p in enumerate(preds):
            if p.event_type not in gtypes:
                continue
            if not (within_km(p, g.get("latitude", ""), g.get("longitude", "")) or (not g.get("latitude") and same_admin1(p.admin1, g.get("admin1", "")))):
                continue
            if not date_ok(p.event_date, gdate, max(int(g.get("time_precision") or 1), 2)):
                continue
            score = 0.0
            score += 2 * (p.sub_event_type == g["sub_event_type"])
            score += actor_equal(p.actor1, g["actor1"], lenient=True) + actor_equal(p.actor2, g.get("actor2", ""), lenient=True)
            score += date_ok(p.event_date, gdate, int(g.get("time_precision") or 1))
            pairs.append((score, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: dict[int, Event] = {}
    for _score, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matched[gi] = preds[pi]
    return [(g, matched.get(i)) for i, g in enumerate(golds)]


def score_article(gold: Path, article: Article, pipeline: Pipeline) -> Report:
    """One report against the gold events coded from it."""
    return score_articles(gold, {"": article}, pipeline)


def score_articles(gold: Path, articles: dict[str, Article], pipeline: Pipeline) -> Report:
    """Several reports against one gold CSV; its ``article`` column names each row's report file.

    With a single article the column is not needed. Gold events and extracted events are matched
    report by report, then counted together.
    """
    golds = read_gold(gold)
    by_article: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in golds:
        key = (row.get("article") or "").strip() if len(articles) > 1 else next(iter(articles))
        if key not in articles:
            raise DataError(f"{gold}: row for article {key!r}, which is not among the {len(articles)} reports given")
        by_article[key].append(row)
    names = list(articles)
    results = dict(zip(names, pipeline.pipe([articles[n] for n in names])))
    n_pred = sum(len(r.events) for r in results.values())
    label = articles[names[0]].path or "article" if len(names) == 1 else f"{len(names)} reports"
    report = Report(title=f"{label} vs {gold.name} ({len(golds)} gold events, {n_pred} extracted)")
    pairs = [(name, g, p) for name in names for g, p in match_events(results[name].events, by_article.get(name, []))]
    found = [(g, p) for _name, g, p in pairs if p is not None]
    report.metrics["gold events found (recall)"] = (len(found), len(pairs))
    report.metrics["extracted events matching gold (precision)"] = (len(found), n_pred)
    for g, p in found:
        compare(report, p, g)
    report.notes = [
        f"missed{' in ' + name if name else ''}: {g['event_date']} {g['sub_event_type']} {g['actor1']} @ {g['location']}"
        for name, g, p in pairs if p is None
    ]
    return report


# ---------------------------------------------------------------------------- geoparsing corpora
@dataclass
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


def read_geoparsing(path: Path) -> list[tuple[str, list[GoldToponym]]]:
    """LGL (``<toponym>`` with ``<gaztag>``) or GeoVirus (``<location>``) XML."""
    from lxml import etree

    try:
        root = etree.parse(str(path), etree.XMLParser(recover=True, huge_tree=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise DataError(f"{path}: cannot parse XML ({exc})") from exc
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("gaztag/lat"), t.findtext("gaztag/lon")
            if lat and lon:
                tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "", float(lat), float(lon)))
        for loc in art.iter("location"):
            lat, lon = loc.findtext("lat"), loc.findtext("lon")
            if lat and lon:
                tops.append(GoldToponym(int(loc.findtext("start")), int(loc.findtext("end")), loc.findtext("name") or "", float(lat), float(lon)))
        if text.strip() and tops:
            docs.append((text, tops))
    if not docs:
        raise DataError(f"{path}: no articles with located toponyms (expected LGL or GeoVirus XML)")
    return docs


def score_geoparsing(path: Path, pipeline: Pipeline, *, limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> Report:
    from sitrep.events.extract import find_place_mentions

    docs = read_geoparsing(path)
    if limit:
        docs = docs[:limit]
    report = Report(title=f"Geoparsing: {path.name} ({len(docs)} articles)")
    errors: list[float] = []
    resolver = pipeline.extractor.places
    for i, (text, gold) in enumerate(docs):
        doc = pipeline.nlp(text)
        mentions = find_place_mentions(doc)
        ctx = resolver.context_for([m.text for m in mentions], [e.text for e in doc.ents if e.label_ == "NORP"])
        resolved = resolver.resolve_all(mentions, ctx)
        for g in gold:
            hit = next((r for m, r in zip(mentions, resolved) if m.start < g.end and g.start < m.end), None)
            found = any(m.start < g.end and g.start < m.end for m in mentions)
            report.add("toponyms recognized", found)
            if hit is None:
                report.add("resolved ≤161 km (of all gold)", False)
                report.add("resolved ≤25 km (of all gold)", False)
                continue
            km = haversine_km(hit.place.latitude, hit.place.longitude, g.lat, g.lon)
            errors.append(km)
            report.add("resolved ≤161 km (of recognized)", km <= 161)
            if hit.level != "country":
                report.add("resolved ≤161 km (of recognized, below country level)", km <= 161)
            report.add("resolved ≤25 km (of recognized)", km <= 25)
            report.add("resolved ≤161 km (of all gold)", km <= 161)
            report.add("resolved ≤25 km (of all gold)", km <= 25)
        if progress:
            progress(i + 1, len(docs))
    report.notes.append("country mentions are placed at the capital (ACLED's convention); gold corpora use centroids, so country-level hits often exceed 161 km")
    if errors:
        errors.sort()
        report.extra["median error km (recognized)"] = round(errors[len(errors) // 2], 1)
    return report


# ---------------------------------------------------------------------------- TimeML
def read_timeml(folder: Path) -> list[tuple[dt.date, list[tuple[str, str]]]]:
    from lxml import etree

    files = sorted(folder.rglob("*.tml")) if folder.is_dir() else [folder]
    out = []
    for f in files:
        try:
            root = etree.parse(str(f), etree.XMLParser(recover=True)).getroot()
        except (OSError, etree.XMLSyntaxError):
            continue
        dct = None
        for t in root.iter("TIMEX3"):
            if t.get("functionInDocument") == "CREATION_TIME":
                dct = parse_gold_date((t.get("value") or "")[:10])
        if dct is None:
            continue
        items = [("".join(t.itertext()), t.get("value") or "") for t in root.iter("TIMEX3") if t.get("type") == "DATE" and t.get("functionInDocument") != "CREATION_TIME"]
        out.append((dct, items))
    if not out:
        raise DataError(f"{folder}: no TimeML files with a document creation time")
    return out


def _timex_period(value: str) -> tuple[str, dt.date, dt.date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return "day", d, d
    if m := re.fullmatch(r"(\d{4})", value):
        return "year", dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return "week", d, d + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        import calendar

        y, mo = int(m[1]), int(m[2])
        return "month", dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
    return None


def score_timeml(folder: Path) -> Report:
    from sitrep.time import resolve_date

    data = read_timeml(folder)
    report = Report(title=f"Dates: TimeML {folder.name} ({len(data)} documents)")
    for dct, items in data:
        for text, value in items:
            period = _timex_period(value)
            if period is None:
                continue
            kind, lo, hi = period
            rd = resolve_date(text, dct)
            report.add(f"{kind}-level dates resolved", rd is not None)
            ok = rd is not None and lo <= rd.date <= hi and (kind != "day" or rd.precision == 1)
            report.add(f"{kind}-level dates correct", ok)
            report.add("all dates correct", ok)
    return report


# ---------------------------------------------------------------------------- CASE 2021
def score_case2021(path: Path, pipeline: Pipeline, *, limit: int | None = None, progress: Callable[[int, int], None] | None = None) -> Report:
    from sitrep.events.taxonomy import CASE2021_LABELS

    rows = []
    with open(path, encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or header[-1] != "SubType":
            raise DataError(f"{path}: expected a CASE 2021 task 2 TSV (id, EventSnippet, SubType)")
        rows = [r for r in reader if len(r) >= 3]
    if limit:
        rows = rows[:limit]
    report = Report(title=f"Classification: CASE 2021 task 2 ({len(rows)} snippets)")
    anchor = dt.date(2020, 1, 1)
    articles = [Article(text=r[1], published=anchor) for r in rows]
    per_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for i, (row, result) in enumerate(zip(rows, pipeline.pipe(articles, batch_size=64))):
        gold = CASE2021_LABELS.get(row[2].strip())
        events = result.events + result.background
        pred = events[0].sub_event_type if events else None
        if gold is None:
            report.add("non-ACLED snippets left uncoded", pred is None)
        else:
            report.add("ACLED sub-event type (first event)", pred == gold)
            report.add("ACLED event type (first event)", pred is not None and _etype(pred) == _etype(gold))
            report.add("any event detected", pred is not None)
        if gold == pred:
            if gold:
                per_label[gold][0] += 1
        else:
            if pred:
                per_label[pred][1] += 1
            if gold:
                per_label[gold][2] += 1
        if progress:
            progress(i + 1, len(rows))
    f1s = []
    for _label, (tp, fp, fn) in per_label.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    report.extra["macro F1 (25 ACLED sub-types)"] = round(sum(f1s) / len(f1s), 4) if f1s else 0.0
    return report


# ---------------------------------------------------------------------------- merging reports
def read_timeml_articles(folder: Path, names: set[str] | None = None) -> list[Article]:
    """TimeML documents as articles (text, title, creation date as publication date, doc id as url)."""
    from lxml import etree

    articles = []
    for f in sorted(folder.rglob("*.tml")):
        if names is not None and f.stem not in names:
            continue
        root = etree.parse(str(f), etree.XMLParser(recover=True)).getroot()
        dct = next((parse_gold_date((t.get("value") or "")[:10]) for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
        body = root.find("TEXT")
        if body is None or dct is None:
            continue
        title = (root.findtext("TITLE") or "").strip() or None
        articles.append(Article(text="".join(body.itertext()).strip(), title=title, published=dct, url=f.stem, source=f.stem[:3]))
    return articles


def score_dedup(gold: Path, corpus: Path, pipeline: Pipeline, *, progress: Callable[[int, int], None] | None = None) -> Report:
    """Pairwise precision/recall of merging reports into events.

    The gold file lists real events and the documents that report them. Each extracted event is
    mapped to the gold event its document reports when type, place (within 50 km, or the same
    country for a country-level place) and date (within 3 days) agree; pairs of mapped events
    from different documents are then scored: merged and same gold event is a true positive.
    """
    from sitrep.dedup import Report as DedupReport
    from sitrep.dedup import cluster

    rows = read_gold(gold, frozenset({"event_key", "event_types", "date", "documents"}))
    docs = {d for row in rows for d in row["documents"].split()}
    articles = read_timeml_articles(corpus, docs)
    if not articles:
        raise DataError(f"{corpus}: none of the gold file's documents are there")
    reports: list[DedupReport] = []
    mapped: dict[int, str] = {}  # id(event) -> gold event key
    for n, (article, result) in enumerate(zip(articles, pipeline.pipe(articles)), 1):
        for event in result.events:
            key = _gold_event_for(event, article.url or "", rows)
            if key is not None:
                mapped[id(event)] = key
            reports.append(DedupReport(article.url or "", event, article.url or ""))
        if progress:
            progress(n, len(articles))
    cluster_of = {id(r.event): i for i, merged in enumerate(cluster(reports)) for r in merged.reports}
    report = Report(f"Merging reports of the same event: {gold.name} ({len(articles)} documents, {len(reports)} extracted events)")
    scored = [r for r in reports if id(r.event) in mapped]
    # Document level: do two documents' tellings of one gold event end up in one stored event?
    clusters_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in scored:
        clusters_of[(r.article_key, mapped[id(r.event)])].add(cluster_of[id(r.event)])
    told = sorted(clusters_of)
    tp = fp = fn = 0
    for i, (doc_a, gold_a) in enumerate(told):
        for doc_b, gold_b in told[i + 1:]:
            if doc_a == doc_b:
                continue
            linked = bool(clusters_of[(doc_a, gold_a)] & clusters_of[(doc_b, gold_b)])
            if gold_a == gold_b:
                tp += linked
                fn += not linked
            else:
                fp += linked
    report.metrics["merge precision (document pairs)"] = (tp, tp + fp)
    report.metrics["merge recall (document pairs)"] = (tp, tp + fn)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    report.extra["merge F1 (document pairs)"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    # Report level: every pair of extracted events from different documents.
    tp = fp = fn = 0
    for i, a in enumerate(scored):
        for b in scored[i + 1:]:
            if a.article_key == b.article_key:
                continue
            same_gold = mapped[id(a.event)] == mapped[id(b.event)]
            same_cluster = cluster_of[id(a.event)] == cluster_of[id(b.event)]
            tp += same_gold and same_cluster
            fp += (not same_gold) and same_cluster
            fn += same_gold and not same_cluster
    report.metrics["merge precision (report pairs)"] = (tp, tp + fp)
    report.metrics["merge recall (report pairs)"] = (tp, tp + fn)
    report.metrics["extracted events mapped to a gold event"] = (len(scored), len(reports))
    report.extra["events after merging (mapped)"] = len({cluster_of[id(r.event)] for r in scored})
    report.extra["gold events"] = len(rows)
    return report


def _gold_event_for(event: Event, doc: str, rows: list[dict[str, str]]) -> str | None:
    for row in rows:
        if doc not in row["documents"].split() or event.event_type not in row["event_types"].split("|"):
            continue
        date = parse_gold_date(row["date"])
        if date is None or abs((event.event_date - date).days) > 3:
            continue
        country_level = event.geo_precision == 3 and event.country == row["country"]
        if country_level or within_km(event, row["latitude"], row["longitude"], km=50.0):
            return row["event_key"]
    return None


def _etype(sub: str) -> str:
    from sitrep.events.taxonomy import SUB_EVENT_TYPES

    return SUB_EVENT_TYPES.get(sub, "")


def detect_kind(path: Path) -> str:
    """Which scorer a gold file needs: acled-notes, acled-article, geoparsing, timeml or case2021."""
    if path.is_dir():
        return "timeml"
    suffix = path.suffix.lower()
    if suffix == ".csv" and "event_key" in path.read_text(encoding="utf-8", errors="replace")[:200].split("\n")[0]:
        return "dedup"
    if suffix == ".tml":
        return "timeml"
    if suffix == ".xml":
        return "geoparsing"
    if suffix == ".tsv":
        return "case2021"
    return "acled"


__all__ = [
    "Report", "detect_kind", "match_events", "score_acled_notes", "score_article", "score_articles", "score_case2021",
    "score_dedup", "score_geoparsing", "score_timeml", "read_timeml_articles",
]
