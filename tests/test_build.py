"""Specification of the build: every file gets a status, outputs are all-or-nothing,
staleness follows the raw folder, and the CLI's exit codes.

The stages are replaced by small fakes so these tests pin down orchestration only
(the real stages have their own test modules; tests/test_seeds.py runs them end to end).
A fake report is lines of `PLACE name adcode level`, `YEAR 2022`, `FACT indicator value`.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import __main__ as cli
from pipeline.build import Stages, build, extract, is_stale, process_bytes
from pipeline.model import STATUS_EMPTY, STATUS_OK, Document, Fact, Location, Place

# `pipeline.build` is the public function (see pipeline/__init__.py); this is the module.
build_module = importlib.import_module("pipeline.build")


def fake_read(path: Path) -> Document:
    return fake_bytes(Path(path).read_bytes(), Path(path).name)


def fake_bytes(data: bytes, name: str) -> Document:
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        return Document(name, name, "", "txt", status=STATUS_EMPTY, message="文件是空的")
    if "EXPLODE" in text:
        raise RuntimeError("boom")
    return Document(name, name, text, "txt")


def fake_locate(doc: Document) -> Location:
    fields = {line.split()[0]: line.split()[1:] for line in doc.text.splitlines() if line.strip()}
    place = Place(fields["PLACE"][0], fields["PLACE"][1], fields["PLACE"][2], "乙省") if "PLACE" in fields else None
    year = int(fields["YEAR"][0]) if "YEAR" in fields else None
    status = STATUS_OK if place else "no_jurisdiction"
    return Location(place, year, status=status, message="" if place else "没有找到地名")


def fake_extract(text: str, year, place=None, sub_places=()) -> list[Fact]:
    facts = []
    for line in text.splitlines():
        if line.startswith("FACT"):
            _, indicator, value = line.split()
            facts.append(Fact(indicator, float(value), evidence=line, start=text.index(line)))
    return facts


FAKES = Stages(fake_read, fake_bytes, fake_locate, lambda place: [], fake_extract, lambda facts, year: facts)


@pytest.fixture(autouse=True)
def fake_stages(monkeypatch):
    monkeypatch.setattr(build_module, "stages", lambda: FAKES)


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
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (raw / "c.txt").write_text("PLACE 丁市 110200 prefecture\nYEAR 2022\nFACT review_accepted 9\n", "utf-8")

    def broken(frame, path):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_write_parquet", broken)
    with pytest.raises(OSError):
        build(raw, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


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
