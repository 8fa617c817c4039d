"""Shared fixtures: one real pipeline per test session (spaCy, gazetteer, actor dictionary)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sitrep.ingest import read_path
from sitrep.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = Path(os.environ.get("SITREP_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def seed_article():
    return read_path(EXAMPLES / "fort-nau.txt")


@pytest.fixture(scope="session")
def seed_result(pipeline, seed_article):
    return pipeline(seed_article)


@pytest.fixture(scope="session")
def extract(pipeline):
    """Extract from a short report published on a given day."""

    def run(text: str, published: str = "2021-07-07"):
        from sitrep.models import Article

        return pipeline(Article(text=text, published=dt.date.fromisoformat(published)))

    return run


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not present at {path} (set SITREP_SHARED)")
    return path


# ---------------------------------------------------------------------------- servers for tests
def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL cluster on loopback (Debian's postgresql), stopped at the end."""
    import getpass
    import shutil
    import socket
    import subprocess

    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("SITREP_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is not installed (make test installs Debian's postgresql)")
        pytest.skip("PostgreSQL is not installed")
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))  # not under pytest's root-only tmp folder
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as the postgres user
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    user = "postgres" if as_user else getpass.getuser()
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on each backend the tests run against."""
    from sitrep.store import Store

    if request.param == "sqlite":
        db = Store(tmp_path / "sitrep.db")
        yield db
        db.close()
        return
    url = request.getfixturevalue("postgres_url")
    import uuid

    from sqlalchemy import create_engine, text

    name = "t" + uuid.uuid4().hex[:12]
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    db = Store(url.rsplit("/", 1)[0] + f"/{name}")
    yield db
    db.close()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture()
def serve_files(tmp_path):
    """Serve a dict of path -> (content type, bytes) on a loopback port; yields the base URL."""
    import http.server
    import threading

    routes: dict[str, tuple[str, bytes]] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            found = routes.get(self.path)
            if found is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", found[0])
            self.end_headers()
            self.wfile.write(found[1])

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def add(path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> str:
        routes[path] = (content_type, body.encode() if isinstance(body, str) else body)
        return base + path

    add.base = base  # type: ignore[attr-defined]
    yield add
    server.shutdown()
