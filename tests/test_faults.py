"""The fault-injection script (bench/faults.py) as a test: over the sample reports plus every
kind of broken file, no value is lost from the good files, no exception escapes, and every
broken file ends with a non-ok status and a Chinese message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import faults  # noqa: E402

from pipeline.api import build  # noqa: E402


def test_the_fault_script_reports_nothing_lost_and_nothing_escaped():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "faults.py")], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "values lost from the good files: 0" in run.stdout
    assert "exceptions escaped:              0" in run.stdout


def test_every_broken_kind_gets_a_status_and_a_message(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    kinds = faults.write_broken(raw)
    assert len(kinds) >= 20
    build(raw, tmp_path / "out")
    documents = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("source")
    for name, kind in kinds.items():
        row = documents.loc[name]
        assert row["status"] != "ok", kind
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(row["message"])), kind
