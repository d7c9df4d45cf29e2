"""The app's per-rerun staleness check (pipeline/freshness.py through api.needs_build): it agrees with
build.is_stale, notices an added, removed or rewritten report at the next call, and repeats the full
check only after a change."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import api, build, freshness, rawdir


def built(raw: Path, out: Path) -> None:
    """`out` as a build of `raw` leaves it (build.json recording the raw files), without reading them."""
    out.mkdir(exist_ok=True)
    (out / "indicators.csv").write_text("jurisdiction\n", encoding="utf-8")
    snapshot = rawdir.snapshot(build._inputs(raw, build.document_entries([raw])))
    meta = {"pipeline_version": build.pipeline_version(), "files": build._files(snapshot)}
    (out / build.BUILD_JSON).write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    for i in range(3):
        (raw / f"报告{i}.txt").write_text(f"某市{i}年法治政府建设情况报告", encoding="utf-8")
    built(raw, out)
    freshness.forget()
    return raw, out


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every full check (build.is_stale) made."""
    calls: list[Path] = []
    real = build.is_stale

    def counted(raw, out):
        calls.append(Path(raw))
        return real(raw, out)

    monkeypatch.setattr(build, "is_stale", counted)
    return calls


def test_an_unchanged_folder_is_checked_in_full_once(folders, full_checks):
    raw, out = folders
    assert [api.needs_build(raw, out) for _ in range(5)] == [False] * 5
    assert len(full_checks) == 1


@pytest.mark.parametrize("change", ["add", "remove", "rewrite", "corrections"])
def test_a_change_of_the_raw_folder_is_seen_at_the_next_call_and_checked_once(folders, full_checks, change):
    raw, out = folders
    assert not api.needs_build(raw, out)
    path = raw / "报告1.txt"
    if change == "add":
        (raw / "报告9.txt").write_text("新报告", encoding="utf-8")
    elif change == "remove":
        path.unlink()
    elif change == "rewrite":  # same name and size, in place: the folder's own mtime stays
        info = path.stat()
        path.write_text("某市9年法治政府建设情况报告", encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))
        assert path.stat().st_size == info.st_size
    else:
        (raw / "corrections.csv").write_text("jurisdiction\n", encoding="utf-8")
    assert api.needs_build(raw, out) and api.needs_build(raw, out)
    assert len(full_checks) == 2  # once before the change, once after it
    built(raw, out)  # the rebuild writes a new build.json: fresh again, after one more full check
    assert not api.needs_build(raw, out) and not api.needs_build(raw, out)
    assert len(full_checks) == 3


def test_a_large_folder_is_swept_at_most_every_interval(folders, full_checks, monkeypatch):
    raw, out = folders
    monkeypatch.setattr(freshness, "_interval", lambda cost: 3600.0)  # as if the sweep were very slow
    assert not api.needs_build(raw, out)
    path = raw / "报告1.txt"
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))  # in place: only a sweep sees it
    assert not api.needs_build(raw, out)  # within the interval the memo answers
    (raw / "报告9.txt").write_text("新报告", encoding="utf-8")
    assert api.needs_build(raw, out)  # an added file changes the folder itself: seen at once
    assert len(full_checks) == 2


def test_a_missing_build_or_changed_set_is_stale_and_agrees_with_is_stale(folders):
    raw, out = folders
    assert not api.needs_build(raw, out)
    (out / build.BUILD_JSON).unlink()
    assert api.needs_build(raw, out) and build.is_stale(raw, out)
    assert api.needs_build(raw, out / "elsewhere") == build.is_stale(raw, out / "elsewhere") is True
