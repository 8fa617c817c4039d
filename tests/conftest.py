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
