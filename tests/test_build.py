"""Specification of the build: every file gets a status, outputs are all-or-nothing,
staleness follows the raw folder, and the CLI's exit codes.

The stages are replaced by small fakes (tests/fake_stages.py) so these tests pin down
orchestration only (the real stages have their own test modules; tests/test_seeds.py runs
them end to end).
"""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import __main__ as cli
from pipeline import build as build_module
from pipeline.api import build, extract, is_stale, process_bytes

pytestmark = pytest.mark.usefixtures("fake_pipeline")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text("PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted 120\n", "utf-8")
    (folder / "b.txt").write_text("PLACE 丙县 110121 county\nYEAR 2022\nFACT legal_aid_cases 45\n", "utf-8")
    return folder


def test_a_build_writes_every_table(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = build(raw, out)
    assert result.rows == 2 and result.documents == {"ok": 2}
    for name in (*build_module.OUTPUTS, build_module.BUILD_JSON):
        assert (out / name).is_file(), name
    table = pd.read_csv(out / "indicators.csv", dtype={"adcode": str})
    assert sorted(table["jurisdiction"]) == ["丙县", "甲市"]
    assert pd.read_parquet(out / "indicators.parquet")["value"].sum() == 165


def test_a_build_pauses_the_collector_and_leaves_it_as_it_found_it(raw: Path, tmp_path: Path):
    seen = []
    build(raw, tmp_path / "out", progress=lambda done, total, name: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # off while the results come in
    assert gc.isenabled() and gc.get_freeze_count() == 0  # a process that lives on gets it back
    gc.disable()
    try:
        build(raw, tmp_path / "out2")
        assert not gc.isenabled() and gc.get_freeze_count() == 0  # off before, off after
    finally:
        gc.enable()


def test_bad_files_get_a_status_and_the_build_goes_on(raw: Path, tmp_path: Path):
    (raw / "empty.txt").write_bytes(b"")
    (raw / "crash.txt").write_text("EXPLODE", "utf-8")
    (raw / "nowhere.txt").write_text("YEAR 2022\nFACT review_accepted 3\n", "utf-8")
    build(raw, tmp_path / "out")
    docs = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("source")
    assert docs.loc["empty.txt", "status"] == "empty"
    assert docs.loc["crash.txt", "status"] == "error" and "ingest" in docs.loc["crash.txt", "message"]
    assert docs.loc["nowhere.txt", "status"] == "no_jurisdiction"
    assert docs.loc["a.txt", "values"] == 1


def test_corrections_csv_and_hidden_files_are_not_reports(raw: Path, tmp_path: Path):
    (raw / "corrections.csv").write_text("jurisdiction,year\n", "utf-8")
    (raw / ".DS_Store").write_bytes(b"\0\0")
    result = build(raw, tmp_path / "out")
    assert result.total == 2


def test_a_failed_write_leaves_the_previous_build_untouched(raw: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    build(raw, out)
    names = (*build_module.OUTPUTS, build_module.BUILD_JSON)
    before = {name: (out / name).read_bytes() for name in names}
    sets = sorted((out / ".versions").iterdir())
    (raw / "c.txt").write_text("PLACE 丁市 110200 prefecture\nYEAR 2022\nFACT review_accepted 9\n", "utf-8")

    def broken(frame, path):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_write_parquet", broken)
    with pytest.raises(OSError):
        build(raw, out)
    assert {name: (out / name).read_bytes() for name in names} == before
    assert sorted((out / ".versions").iterdir()) == sets  # no half-written set left behind


def test_raw_files_are_never_modified(raw: Path, tmp_path: Path):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()}
    build(raw, tmp_path / "out")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()} == before


def test_staleness_follows_the_raw_folder(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    assert is_stale(raw, out)
    build(raw, out)
    assert not is_stale(raw, out)
    (raw / "a.txt").write_text("PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted 121\n", "utf-8")
    os.utime(raw / "a.txt", ns=(1, 1))
    assert is_stale(raw, out)
    build(raw, out)
    (raw / "b.txt").unlink()
    assert is_stale(raw, out)


def test_a_damaged_build_json_means_stale(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(raw, out)
    (out / "build.json").write_text("{not json", "utf-8")
    assert is_stale(raw, out)


def test_build_json_records_counts_and_files(raw: Path, tmp_path: Path):
    build(raw, tmp_path / "out")
    meta = json.loads((tmp_path / "out" / "build.json").read_text("utf-8"))
    assert meta["counts"]["rows"] == 2
    assert sorted(f["name"] for f in meta["files"]) == ["a.txt", "b.txt"]


def test_extract_reads_files_and_folders_and_writes_nothing(raw: Path):
    assert len(extract([raw])) == 2
    assert extract([raw / "a.txt"])["value"].tolist() == [120.0]
    assert sorted(p.name for p in raw.iterdir()) == ["a.txt", "b.txt"]


def test_a_missing_path_is_an_error():
    with pytest.raises(FileNotFoundError):
        extract(["no/such/file.txt"])


def test_process_bytes_never_raises():
    doc, loc, facts = process_bytes(b"EXPLODE", "x.txt")
    assert doc.status == "error" and loc.place is None and facts == []


def test_cli_build_and_extract(raw: Path, tmp_path: Path, capsys):
    assert cli.main(["build", "--raw", str(raw), "--out", str(tmp_path / "out")]) == cli.EXIT_OK
    assert "2 values" in capsys.readouterr().out
    assert cli.main(["extract", str(raw / "a.txt"), "--format", "json"]) == cli.EXIT_OK
    [record] = json.loads(capsys.readouterr().out)
    assert record["indicator"] == "review_accepted" and record["value"] == 120


def test_cli_exit_codes_for_missing_paths(tmp_path: Path):
    assert cli.main(["extract", str(tmp_path / "missing.txt")]) == cli.EXIT_USAGE
    assert cli.main(["build", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == cli.EXIT_USAGE


def test_report_places_csv_names_the_place_of_a_report_that_had_none(raw: Path, tmp_path: Path):
    (raw / "nowhere.txt").write_text("YEAR 2022\nFACT review_accepted 3\n", "utf-8")
    (raw / "report_places.csv").write_text("source,jurisdiction,year,reason\nnowhere.txt,丁市,,标题缺地名\n", "utf-8")
    build(raw, tmp_path / "out")
    docs = pd.read_csv(tmp_path / "out" / "documents.csv").set_index("source")
    assert docs.loc["nowhere.txt", "jurisdiction"] == "丁市" and docs.loc["nowhere.txt", "values"] == 1
    assert docs.shape[0] == 3  # the editor's file is not a report


def test_a_build_keeps_the_place_tokenizer_in_its_cache_folder(raw: Path, tmp_path: Path, monkeypatch):
    from pipeline import regions

    kept = []
    monkeypatch.setattr(regions, "keep_tokenizer_in", kept.append)
    build(raw, tmp_path / "out")
    assert kept == [tmp_path / "out" / ".cache"]
