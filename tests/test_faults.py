"""The fault-injection script (bench/faults.py --quick) as a test: over the sample reports plus
every crafted hostile kind (tests/hostile_files.py) in one build, no value is lost from the good
files, no exception escapes (build, extract, upload preview) and every kind that must be refused
ends with a non-ok status. The full per-kind table (seconds, peak memory) is the benchmark's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.hostile_files import KINDS, write_all

ROOT = Path(__file__).resolve().parents[1]


def test_the_fault_script_reports_nothing_lost_nothing_escaped_and_every_refusal():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "faults.py"), "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "values lost from the good files: 0" in run.stdout
    assert "exceptions escaped:              0" in run.stdout
    assert "NOT REFUSED" not in run.stdout


def test_there_are_at_least_64_distinct_hostile_kinds_and_each_writes_one_entry(tmp_path: Path):
    assert len(KINDS) >= 64 and len({kind.name for kind in KINDS}) == len(KINDS)
    raw = tmp_path / "raw"
    raw.mkdir()
    shown = write_all(raw)
    assert len(shown) == len(KINDS)  # one documents.csv name per kind
