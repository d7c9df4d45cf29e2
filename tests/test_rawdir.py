"""Specification of the raw folder's listing: every entry gets a row in documents.csv, odd ones
with a reason; a file name that is not UTF-8 never breaks a build or `extract`; links out of the
folder are refused, never followed.

The stages are the small fakes (tests/fake_stages.py): these tests pin down the listing only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import __main__ as cli
from pipeline.api import build, extract, is_stale
from pipeline.rawdir import display_name, folder_entries

pytestmark = pytest.mark.usefixtures("fake_pipeline")

REPORT = "PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted 120\n"
GBK_NAME = os.fsdecode("报告2022".encode("gbk") + b".txt")  # what os.listdir gives for GBK bytes


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, "utf-8")
    return folder


def documents(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "documents.csv").set_index("source")


def test_a_gbk_file_name_is_read_and_shown_decoded(raw: Path, tmp_path: Path):
    (raw / GBK_NAME).write_text(REPORT.replace("甲市 110100", "乙市 110200"), "utf-8")
    result = build(raw, tmp_path / "out")
    docs = documents(tmp_path / "out")
    assert result.documents == {"ok": 2}
    assert docs.loc["报告2022.txt", "values"] == 1
    assert "UTF-8" in docs.loc["报告2022.txt", "message"]


def test_a_gbk_file_name_keeps_the_build_fresh_afterwards(raw: Path, tmp_path: Path):
    (raw / GBK_NAME).write_text(REPORT, "utf-8")
    build(raw, tmp_path / "out")
    assert not is_stale(raw, tmp_path / "out")


def test_undecodable_name_bytes_are_shown_escaped():
    assert display_name(os.fsdecode(b"\xff\xfe.txt")) == "\\xff\\xfe.txt"


def test_extract_over_a_gbk_file_name_prints_the_table(raw: Path, capsys):
    (raw / GBK_NAME).write_text(REPORT, "utf-8")
    assert len(extract([raw])) == 1  # the two files say the same: one value
    assert cli.main(["extract", str(raw)]) == 0
    assert "review_accepted" in capsys.readouterr().out


def test_a_folder_in_raw_is_listed_with_a_reason(raw: Path, tmp_path: Path):
    (raw / "附件").mkdir()
    build(raw, tmp_path / "out")
    row = documents(tmp_path / "out").loc["附件"]
    assert row["status"] == "not_a_file" and "文件夹" in row["message"]


def test_a_fifo_in_raw_is_listed_and_never_opened(raw: Path, tmp_path: Path):
    os.mkfifo(raw / "pipe.txt")  # opening it for reading would block the build forever
    build(raw, tmp_path / "out")
    row = documents(tmp_path / "out").loc["pipe.txt"]
    assert row["status"] == "not_a_file" and "FIFO" in row["message"]


def test_a_broken_link_is_listed(raw: Path, tmp_path: Path):
    (raw / "gone.txt").symlink_to(raw / "missing.txt")
    build(raw, tmp_path / "out")
    assert documents(tmp_path / "out").loc["gone.txt", "status"] == "broken_link"


def test_a_link_out_of_raw_is_refused(raw: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(REPORT.replace("120", "999"), "utf-8")
    (raw / "leak.txt").symlink_to(secret)
    build(raw, tmp_path / "out")
    docs = documents(tmp_path / "out")
    assert docs.loc["leak.txt", "status"] == "link_outside" and "报告文件夹以外" in docs.loc["leak.txt", "message"]
    table = pd.read_csv(tmp_path / "out" / "indicators.csv")
    assert 999 not in table["value"].tolist()


def test_a_relative_link_climbing_out_of_raw_is_refused(raw: Path, tmp_path: Path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.txt").write_text(REPORT, "utf-8")
    (raw / "up.txt").symlink_to(Path("..") / "other" / "x.txt")
    assert {e.source: e.status for e in folder_entries(raw)}["up.txt"] == "link_outside"


def test_a_link_to_another_file_of_raw_is_read(raw: Path, tmp_path: Path):
    (raw / "alias.txt").symlink_to("a.txt")
    build(raw, tmp_path / "out")
    assert documents(tmp_path / "out").loc["alias.txt", "status"] == "ok"


def test_hidden_files_and_editor_files_are_still_left_out(raw: Path):
    (raw / ".upload.123.tmp").write_text("x", "utf-8")
    (raw / "corrections.csv").write_text("jurisdiction\n", "utf-8")
    assert [e.source for e in folder_entries(raw, frozenset({"corrections.csv"}))] == ["a.txt"]
