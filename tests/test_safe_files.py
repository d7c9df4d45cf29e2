"""Specification of the files the app and the build write: created with the process umask (never
0600), the corrections log appended under a lock (one header, distinct line numbers however many
editors save at once), and processed CSV text that a spreadsheet would run as a formula written
inert — and read back exactly."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pandas as pd
import pytest

from app import store
from pipeline import api, outputs
from pipeline.corrections import Correction, append, read


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_a_saved_upload_follows_the_process_umask(tmp_path: Path, report_bytes: bytes):
    stored = store.save(tmp_path, "黄山.txt", report_bytes)
    assert stat.S_IMODE(stored.path.stat().st_mode) == 0o644


@pytest.mark.usefixtures("umask_022")
def test_a_new_corrections_log_follows_the_process_umask(tmp_path: Path):
    append(tmp_path / "corrections.csv", Correction("黄山市", 2023, "review_received", "set", 1.0))
    assert stat.S_IMODE((tmp_path / "corrections.csv").stat().st_mode) == 0o644


def test_concurrent_appends_write_one_header_and_distinct_line_numbers(tmp_path: Path):
    path = tmp_path / "corrections.csv"
    lines: list[int] = []
    start = threading.Barrier(8)

    def save(value: int) -> None:
        start.wait()
        lines.append(append(path, Correction("黄山市", 2023, "review_received", "set", float(value))))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text = path.read_text(encoding="utf-8")
    assert text.count("jurisdiction,year") == 1
    assert sorted(lines) == list(range(2, 10))
    found, problems = read(path, ["review_received"])
    assert problems == [] and sorted(c.line for c in found) == sorted(lines)


def test_the_line_number_returned_is_the_one_read_back(tmp_path: Path):
    path = tmp_path / "corrections.csv"
    append(path, Correction("黄山市", 2023, "review_received", "set", 1.0, reason="两行\n原因"))
    line = append(path, Correction("黄山市", 2023, "review_received", "reject"))
    found, _ = read(path, ["review_received"])
    assert found[-1].line == line == 3


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", " =1", "'=quoted", "'plain"])
def test_formula_text_is_inert_in_csv_and_read_back_exactly(text: str):
    assert outputs.restored_text(outputs.inert_text(text)) == text
    written = outputs.inert_text(text)
    assert written.startswith("'")


def test_ordinary_text_is_written_as_it_is():
    assert outputs.inert_text("全年共收到行政复议申请320件") == "全年共收到行政复议申请320件"


def test_evidence_starting_with_a_formula_is_inert_in_the_processed_csv(tmp_path: Path):
    from tests.conftest import HUANGSHAN_2023

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "=cmd.txt").write_text(HUANGSHAN_2023.replace("全年共收到", "=全年共收到"), encoding="utf-8")
    api.build(raw, tmp_path / "out")
    raw_csv = pd.read_csv(tmp_path / "out" / "indicators.csv", dtype=str, keep_default_na=False)
    assert raw_csv["evidence"].str.startswith("'=").any()
    assert raw_csv["source"].eq("'=cmd.txt").all()
    parquet = pd.read_parquet(tmp_path / "out" / "indicators.parquet")
    assert parquet["evidence"].str.startswith("=").any()  # the typed copy keeps the text as it is
    assert api.restore_csv_text(raw_csv)["source"].eq("=cmd.txt").all()
