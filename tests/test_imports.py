"""Bulk import (pipeline/imports.py, `python -m pipeline import`): files, folders and .zip
archives are previewed, the readable ones stored under safe names, archives stay within their
limits, and a mix of formats goes through import and build."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import test_reports2
import variants
import wordbin

from pipeline import imports
from pipeline.__main__ import main

REPS = {rep.name: rep for rep in test_reports2.REPORTS}
A, B, C, D = (REPS[n] for n in ("suizhou_rates", "pizhou_markets", "zhungeer_banner", "xilingol_league"))


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _gbk_named_zip(name: str, data: bytes) -> bytes:
    """A zip as Chinese Windows writes one: the member name in GBK bytes, no UTF-8 flag (zipfile
    itself always writes UTF-8, so an ASCII placeholder of the same length is swapped in)."""
    encoded = name.encode("gbk")
    placeholder = b"A" * len(encoded)
    return _zip({placeholder.decode(): data}).replace(placeholder, encoded)


def test_a_mixed_zip_and_folder_are_imported_and_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    incoming = tmp_path / "incoming"
    (incoming / "2023").mkdir(parents=True)
    (incoming / "2023" / "a.doc").write_bytes(wordbin.word97(A.text))
    (incoming / ".hidden.txt").write_text("ignored", encoding="utf-8")
    archive = tmp_path / "batch.zip"
    archive.write_bytes(
        _zip(
            {
                "报告/b.ofd": variants.as_ofd(B.text),
                "报告/c.mhtml": variants.as_mhtml(C.text, C.text.strip().splitlines()[0]),
                "报告/d.rtf": variants.as_rtf(D.text),
                "__MACOSX/._b.ofd": b"resource fork",
            }
        )
    )
    raw, out = tmp_path / "raw", tmp_path / "out"
    code = main(["import", str(incoming), str(archive), "--raw", str(raw), "--out", str(out)])
    assert code == 0
    assert sorted(p.name for p in raw.iterdir()) == ["a.doc", "b.ofd", "c.mhtml", "d.rtf"]
    printed = capsys.readouterr().out
    assert "batch.zip/报告/b.ofd\t" in printed and "4 files: 4 saved" in printed
    documents = pd.read_csv(out / "documents.csv").set_index("source")
    assert (documents["status"] == "ok").all()
    expected = {"a.doc": A, "b.ofd": B, "c.mhtml": C, "d.rtf": D}
    for source, rep in expected.items():
        assert documents.loc[source, "jurisdiction"] == rep.place[0]
        assert documents.loc[source, "values"] > 0


def test_results_name_place_year_values_and_a_second_import_finds_duplicates(tmp_path: Path):
    (tmp_path / "a.txt").write_text(A.text, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    raw = tmp_path / "raw"
    first = {r.name: r for r in imports.import_paths([tmp_path / "a.txt", tmp_path / "broken.pdf"], raw)}
    assert (first["a.txt"].jurisdiction, first["a.txt"].year) == (A.place[0], A.year)
    assert first["a.txt"].values >= len(A.rows) - 2 and first["a.txt"].stored == "a.txt"
    assert not first["broken.pdf"].readable and first["broken.pdf"].stored == ""
    assert "未保存" in first["broken.pdf"].message or first["broken.pdf"].message
    again = imports.import_paths([tmp_path / "a.txt"], raw)
    assert again[0].status == imports.STATUS_DUPLICATE and "未重复保存" in again[0].message
    assert sorted(p.name for p in raw.iterdir()) == ["a.txt"]


def test_a_dry_run_saves_nothing(tmp_path: Path):
    (tmp_path / "a.txt").write_text(A.text, encoding="utf-8")
    code = main(["import", str(tmp_path / "a.txt"), "--raw", str(tmp_path / "raw"), "--dry-run"])
    assert code == 0 and not (tmp_path / "raw").exists()


def test_a_missing_path_is_a_usage_error(tmp_path: Path):
    assert main(["import", str(tmp_path / "nothing.zip"), "--raw", str(tmp_path / "raw")]) == 2


def _problems(data: bytes) -> dict[str, str]:
    return {item.name: item.problem for item in imports.archive_items(data, "x.zip")}


def test_archive_members_outside_links_and_nested_archives_are_refused():
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../evil.txt", "x")
        archive.writestr("/etc/cron.d/evil.txt", "x")
        archive.writestr(link, "/etc/passwd")
        archive.writestr("inner.zip", "x")
        archive.writestr("good.txt", A.text)
    problems = _problems(buffer.getvalue())
    assert "压缩包之外" in problems["x.zip/../../evil.txt"]
    assert "压缩包之外" in problems["x.zip//etc/cron.d/evil.txt"]
    assert "链接" in problems["x.zip/link.txt"]
    assert "解压" in problems["x.zip/inner.zip"]
    assert problems["x.zip/good.txt"] == ""


def test_gbk_member_names_are_read_as_chinese():
    names = [item.name for item in imports.archive_items(_gbk_named_zip("黄山市报告.txt", b"x"), "x.zip")]
    assert names == ["x.zip/黄山市报告.txt"]


def test_archives_over_their_limits_are_refused_whole(monkeypatch: pytest.MonkeyPatch):
    data = _zip({f"{i}.txt": b"x" * 100 for i in range(5)})
    monkeypatch.setattr(imports, "MAX_MEMBERS", 4)
    assert "超过 4 个" in _problems(data)["x.zip"]
    monkeypatch.setattr(imports, "MAX_MEMBERS", 100)
    monkeypatch.setattr(imports, "MAX_INFLATED", 400)
    assert "解压后" in _problems(data)["x.zip"]
    assert "损坏" in _problems(b"PK\x03\x04 not really")["x.zip"]


def test_a_member_inflating_past_the_file_limit_is_not_read(monkeypatch: pytest.MonkeyPatch):
    from pipeline import ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 1000)
    items = list(imports.archive_items(_zip({"big.txt": b"x" * 5000}), "x.zip"))
    assert items[0].load is None and "上限" in items[0].problem
