"""The dashboard in real headless Chromium (Debian's chromium, driven by Playwright): offline, escaped, working."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import socket
import threading
import time

import pytest

from sitrep.ingest import article_from_text
from sitrep.store import Store
from tests.store.test_store import REPORT_A

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = REPORT_A + ' <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> Witnesses described the scene.'
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline, seed_result):
    import uvicorn

    from sitrep.api import create_app

    store = Store(tmp_path_factory.mktemp("web") / "web.db")
    store.add(seed_result)
    store.add(pipeline(article_from_text(HOSTILE, published=dt.date(2021, 7, 20), source="Hostile Wire")))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("SITREP_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (make test installs Debian's chromium)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    context.close()


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {colour for _, colour in image.getcolors(maxcolors=1 << 20)}


def _near(colours: set[tuple[int, int, int]], target: tuple[int, int, int], tol: int = 12) -> bool:
    return any(all(abs(a - b) <= tol for a, b in zip(c, target)) for c in colours)


def test_overview_draws_the_offline_map_timeline_and_table(page, server):
    base, store = server
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready]")
    total = store.count_events()
    with_coords = sum(e["latitude"] is not None for e in store.events())
    assert page.locator("#events tbody tr").count() == total
    assert page.locator("path.event-marker").count() == with_coords
    assert page.locator("#timeline rect.bar").count() >= 3
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 100  # countries drawn
    assert all(url.startswith(base) or url.startswith("data:") for url in page.requests), "nothing fetched from the internet"
    assert not page.errors
    shot = page.locator("#map").screenshot()
    colours = _colours(shot)
    assert _near(colours, (0xEE, 0xF1, 0xEC)) and _near(colours, (0xCF, 0xE0, 0xEC)), "land and sea painted"
    assert _near(colours, (0xB3, 0x26, 0x1E)), "battle markers painted"
    timeline = _colours(page.locator("#timeline").screenshot())
    assert _near(timeline, (0xB3, 0x26, 0x1E)), "timeline bars painted"


def test_filtering_the_table(page, server):
    base, _ = server
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready]")
    page.select_option("select[name=event_type]", "Battles")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready^='filtered']")
    types = page.locator("#events tbody tr td:nth-child(2)").all_inner_texts()
    assert types and all("Battles" in t for t in types)


def test_event_page_highlights_evidence_and_never_runs_article_script(page, server):
    base, store = server
    hostile = next(e for e in store.events() if "Hostile Wire" in e["source"])
    page.goto(f"{base}/#/events/{hostile['id']}")
    page.wait_for_selector("#event mark")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#event script, #event img").count() == 0
    body = page.locator("#event .report .text").inner_text()
    assert "<script>window.__pwned = 1</script>" in body  # shown as text
    detail = store.event(hostile["id"])
    marked = " ".join(page.locator("#event mark").all_inner_texts())
    for span in detail["reports"][-1]["evidence"]:
        if span["field"] == "event":
            assert span["text"].split()[0] in marked
    shot = _colours(page.locator("#event .report").last.screenshot())
    assert _near(shot, (0xFF, 0xE5, 0x8A)), "evidence highlighted in the screenshot"
    assert not page.errors


def test_control_view_lists_who_holds_each_unit(page, server):
    base, _ = server
    page.goto(base + "/#/control")
    page.wait_for_selector("#control-table tbody tr")
    rows = page.locator("#control-table tbody tr").all_inner_texts()
    assert any("Badakhshan" in r and "Taliban" in r for r in rows)
