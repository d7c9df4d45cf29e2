"""Shared fixtures for the app-side tests (prefixed app_/processed_ so they never clash with the pipeline's)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PROCESSED_FIXTURE = ROOT / "tests" / "fixtures" / "processed"


@pytest.fixture
def processed_dir() -> Path:
    """The hand-made processed folder (regenerate with tests/fixtures/processed/make_fixture.py)."""
    return PROCESSED_FIXTURE


@pytest.fixture
def processed_frame(processed_dir: Path) -> pd.DataFrame:
    """indicators.csv of the fixture, typed as the app types it."""
    from app.data import typed

    return typed(pd.read_csv(processed_dir / "indicators.csv", dtype={"adcode": str}))[0]


@pytest.fixture
def processed_copy(tmp_path: Path, processed_dir: Path) -> Path:
    """A writable copy of the fixture folder, for tests that break or extend it."""
    out = tmp_path / "processed"
    shutil.copytree(processed_dir, out, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return out


@pytest.fixture
def app_run(monkeypatch: pytest.MonkeyPatch, processed_dir: Path) -> Callable[..., object]:
    """Run dashboard.py under AppTest: app_run(page="trend", data=folder, **query) -> AppTest."""
    from streamlit.testing.v1 import AppTest

    def run(data: Path | None = None, **query: str):
        monkeypatch.setenv("FAZHI_DATA_DIR", str(data or processed_dir))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return run
