"""The installed `sitrep` command, run as a user runs it."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.export import CSV_COLUMNS
from tests.conftest import EXAMPLES

SITREP = [str(Path(sys.executable).with_name("sitrep"))]


def run(*args, stdin: bytes | None = None):
    return subprocess.run([*SITREP, *args], capture_output=True, input=stdin, timeout=300)


def test_extract_csv_has_the_acled_layout_and_the_events():
    proc = run("extract", str(EXAMPLES / "fort-nau.txt"), "--format", "csv")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert any(r["location"] == "Qala i Naw" and r["event_type"] == "Battles" for r in rows)
    assert all(r["evidence"] for r in rows)


def test_extract_json_carries_per_field_evidence_spans():
    proc = run("extract", str(EXAMPLES / "fort-nau.txt"), "--format", "json", "--background")
    data = json.loads(proc.stdout)
    ev = data["events"][0]
    text = (EXAMPLES / "fort-nau.txt").read_text(encoding="utf-8").strip()
    for span in ev["field_evidence"].values():
        assert text[span["start"] : span["end"]] == span["text"]
    assert data["background"], "the 2020 peace deal is reported as background"


def test_extract_geojson_and_output_file(tmp_path):
    out = tmp_path / "events.geojson"
    proc = run("extract", str(EXAMPLES / "fort-nau.txt"), "-f", "geojson", "-o", str(out))
    assert proc.returncode == 0
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection" and len(data["features"]) >= 7
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 60 < lon < 75 and 29 < lat < 39


def test_extract_table_from_stdin_with_published_date():
    text = b"Gunmen killed three farmers in Kaura, Kaduna state, on Tuesday, police said."
    proc = run("extract", "-", "--published", "2021-03-04", stdin=text)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    assert "2021-03-02" in out and "Violence against civilians" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary\xff" * 100, "binary"), ("Les talibans ont attaqué la ville de Kunduz lundi, selon les autorités.".encode(), "not English")],
)
def test_bad_input_one_line_error_nonzero_exit(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    proc = run("extract", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 1
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_file_and_bad_date_and_unreachable_url():
    assert "no such file" in run("extract", "/nonexistent/report.txt").stderr.decode()
    bad_date = run("extract", str(EXAMPLES / "fort-nau.txt"), "--published", "07/07/2021")
    assert bad_date.returncode != 0 and "YYYY-MM-DD" in bad_date.stderr.decode()
    url = run("extract", "http://127.0.0.1:9/report", "--allow-private")
    assert url.returncode == 1 and "unreachable" in url.stderr.decode() and "Traceback" not in url.stderr.decode()


def test_evaluate_the_seed_article_against_its_gold():
    proc = run("evaluate", str(EXAMPLES / "fort-nau.gold.csv"), "--article", str(EXAMPLES / "fort-nau.txt"), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    recall = report["metrics"]["gold events found (recall)"]
    assert recall["total"] == 8 and recall["correct"] >= 7
    assert report["metrics"]["location ≤25 km"]["rate"] == 1.0


def test_geo_lookup():
    proc = run("geo", "lookup", "Qal'ah-ye Now", "--context", "Afghanistan")
    assert proc.returncode == 0 and "Badghis" in proc.stdout.decode()
