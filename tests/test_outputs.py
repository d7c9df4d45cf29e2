"""Specification of the processed folder: each build writes a new set and switches to it with one
atomic rename, so a process killed at any step leaves one whole set readable and nothing
half-written in sight; old sets are removed; one build at a time across threads and processes,
the others waiting and then finding the data fresh; outputs created with the process umask.

Fake stages (tests/fake_stages.py) stand in for the real ones.
"""

from __future__ import annotations

import multiprocessing
import os
import stat
import threading
from pathlib import Path

import pandas as pd
import pytest

from pipeline import api, outputs
from pipeline import build as build_module

pytestmark = pytest.mark.usefixtures("fake_pipeline")

NAMES = (*build_module.OUTPUTS, build_module.BUILD_JSON)
STEPS = [f"wrote {name}" for name in NAMES] + ["renamed set", "moved pointer", "linked names"]


def report(name: str, value: int) -> str:
    return f"PLACE {name} 1101{value:02d} prefecture\nYEAR 2022\nFACT review_accepted {value}\n"


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(report("甲市", 1), "utf-8")
    return folder


def visible(out: Path) -> set[str]:
    return {p.name for p in out.iterdir() if not p.name.startswith(".")}


def read_set(out: Path) -> tuple[int, int, int]:
    """(rows in indicators.csv, rows build.json says, documents) — all from one resolved set."""
    folder = outputs.current(out)
    meta = pd.read_json(folder / "build.json", typ="series")
    rows = len(pd.read_csv(folder / "indicators.csv"))
    assert len(pd.read_parquet(folder / "indicators.parquet")) == rows
    return rows, int(meta["counts"]["rows"]), len(pd.read_csv(folder / "documents.csv"))


def _build_and_die_at(raw: Path, out: Path, step: str) -> None:
    def stop(name: str) -> None:
        if name == step:
            os._exit(9)

    outputs._checkpoint = stop
    api.build(raw, out)


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_one_whole_set(raw: Path, tmp_path: Path, step: str):
    out = tmp_path / "out"
    api.build(raw, out)
    (raw / "b.txt").write_text(report("乙市", 2), "utf-8")
    child = multiprocessing.get_context("fork").Process(target=_build_and_die_at, args=(raw, out, step))
    child.start()
    child.join()
    assert child.exitcode == 9
    rows, recorded, documents = read_set(out)
    assert rows == recorded == documents and rows in (1, 2)
    assert visible(out) == set(NAMES)  # no .tmp or half-written file where readers look
    api.build(raw, out)  # the next build cleans up after the dead one
    assert read_set(out) == (2, 2, 2)
    assert not list((out / ".versions").glob(".staging-*"))


def test_old_sets_are_removed(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    for value in range(1, 7):
        (raw / "a.txt").write_text(report("甲市", value), "utf-8")
        api.build(raw, out)
    sets = list((out / ".versions").iterdir())
    assert len(sets) == outputs.KEEP and outputs.current(out) in [p.resolve() for p in sets]
    assert pd.read_csv(out / "indicators.csv")["value"].tolist() == [6]


def test_an_older_flat_folder_is_taken_over(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "indicators.csv").write_text("stale\n", "utf-8")
    api.build(raw, out)
    assert (out / "indicators.csv").is_symlink() and len(pd.read_csv(out / "indicators.csv")) == 1


def test_a_plain_copy_is_read_as_it_is(tmp_path: Path):
    assert outputs.current(tmp_path) == tmp_path


def test_concurrent_callers_build_once(raw: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    calls, real = [], build_module._build_locked

    def counted(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(build_module, "_build_locked", counted)
    errors: list[BaseException] = []

    def ask() -> None:
        try:
            api.ensure_built(raw, out)
        except BaseException as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=ask) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(calls) == 1 and not api.is_stale(raw, out)


def _hold_lock(out: Path, ready, release) -> None:  # noqa: ANN001 - multiprocessing events
    with outputs.locked(out):
        ready.set()
        release.wait(30)


def test_a_build_in_another_process_is_waited_for(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(out, ready, release))
    holder.start()
    assert ready.wait(30)
    waited: list[bool] = []
    with pytest.raises(outputs.LockTimeout):
        api.ensure_built(raw, out, wait=0.5, on_wait=lambda: waited.append(True))
    release.set()
    holder.join()
    assert waited == [True]
    assert api.ensure_built(raw, out).rows == 1


def test_a_failed_build_is_not_retried_by_every_caller(raw: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    working = build_module._write_parquet

    def broken(frame, path):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "_write_parquet", broken)
    with pytest.raises(OSError):
        api.ensure_built(raw, out)
    with pytest.raises(api.BuildFailed, match="disk full"):
        api.ensure_built(raw, out)
    monkeypatch.setattr(build_module, "_write_parquet", working)
    assert api.ensure_built(raw, out, retry_failed=True).rows == 1
    assert api.ensure_built(raw, out) is None  # fresh now


def test_outputs_follow_the_process_umask(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        api.build(raw, out)
    finally:
        os.umask(old)
    folder = outputs.current(out)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    for name in NAMES:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o644, name
