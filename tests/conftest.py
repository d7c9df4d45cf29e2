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
        # FAZHI_DATA_DIR alone = a read-only copy: never built into, editor pages read-only.
        monkeypatch.delenv("FAZHI_RAW_DIR", raising=False)
        monkeypatch.delenv("FAZHI_EDITOR_PASSWORD", raising=False)
        monkeypatch.setenv("FAZHI_EDITORS_FILE", str(Path(data or processed_dir).parent / "no-editors.json"))
        monkeypatch.setenv("FAZHI_DATA_DIR", str(data or processed_dir))
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        return at.run()

    return run


# ---------------------------------------------------------------- editor pages (uploads, corrections, conflicts)

EDITOR_PASSWORD = "测试-secret-42"

HUANGSHAN_2023 = """黄山市人民政府关于2023年法治政府建设情况的报告

2023年,在省委、省政府的坚强领导下,我市深入推进法治政府建设。现将有关情况报告如下。

一、行政复议工作
全年共收到行政复议申请320件,受理298件,审结285件。

二、行政应诉工作
行政机关负责人出庭应诉率达到100%。

黄山市人民政府
2024年1月15日
"""


@pytest.fixture
def report_bytes() -> bytes:
    """A small, real-looking report: 黄山市 2023, four values."""
    return HUANGSHAN_2023.encode("utf-8")


@pytest.fixture
def editor_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """(raw, processed): an empty raw folder and an empty processed folder, built into by the app."""
    raw, processed = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    processed.mkdir()
    return raw, processed


@pytest.fixture
def editor_app(monkeypatch: pytest.MonkeyPatch, editor_dirs: tuple[Path, Path]) -> Callable[..., object]:
    """Run dashboard.py on a raw/processed pair the app may build into (FAZHI_DATA_DIR + FAZHI_RAW_DIR).

    editor_app(page="upload", password=EDITOR_PASSWORD | None, login=True, secrets=None, **query) -> AppTest;
    login=True enters the password (when one is configured) before returning; `secrets` become st.secrets.
    """
    from streamlit.testing.v1 import AppTest

    from app.labels import EDITOR_PAGES

    def run(
        page: str = "upload",
        password: str | None = EDITOR_PASSWORD,
        login: bool = True,
        secrets: dict | None = None,
        **query: str,
    ):
        raw, processed = editor_dirs
        monkeypatch.setenv("FAZHI_RAW_DIR", str(raw))
        monkeypatch.setenv("FAZHI_DATA_DIR", str(processed))
        # Accounts only where a test writes them (tmp/editors.json); never the repository's data/editors.json.
        monkeypatch.setenv("FAZHI_EDITORS_FILE", str(raw.parent / "editors.json"))
        if password is None:
            monkeypatch.delenv("FAZHI_EDITOR_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("FAZHI_EDITOR_PASSWORD", password)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.secrets.update(secrets or {})
        at.query_params["page"] = page
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if login and password is not None and page in EDITOR_PAGES:
            at.text_input(key=f"{page}.password").input(password).run()
        return at

    return run


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The build runs the small fake stages of tests/fake_stages.py instead of the real ones."""
    from fake_stages import FAKES

    import pipeline.build

    monkeypatch.setattr(pipeline.build, "stages", lambda: FAKES)


def mistyped_not_cues(catalogue_text: str) -> str:
    """indicators.yaml with review_accepted's `not_cues` key misspelt `not_cue` (a rule-file mistake)."""
    import re

    return re.sub(r"(id: review_accepted\n(?:.*\n)*?    )not_cues:", r"\1not_cue:", catalogue_text, count=1)


# The sixteen indicators of ../shared/README.md: the shared gold was written for these only and cannot list
# the values of indicators catalogued later (e.g. 行政规范性文件备案审查数), so the seeds are scored on them.
GOLD_INDICATORS = frozenset(
    {
        "review_received", "review_accepted", "review_concluded", "review_corrected", "review_correction_rate",
        "court_appearance_rate", "mediation_cases", "mediation_success", "mediation_success_rate",
        "market_entities", "market_entities_new", "market_entities_growth", "litigation_cases", "litigation_lost",
        "litigation_loss_rate", "legal_aid_cases",
    }
)  # fmt: skip
