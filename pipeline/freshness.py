"""Whether a processed folder needs a build, asked on every rerun of the app: answered cheaply.

Owns: a per-process memo of the last full staleness check (`build.is_stale`) of each (raw, out)
pair, kept together with a fingerprint of what that answer depended on:
  - at every call, a handful of stats: the raw folder's own mtime (adding, removing or renaming
    an entry changes it), the output set now current and its build.json and indicators.csv, and
    the pipeline version (once per process, as `is_stale` reads it);
  - at most every `interval` seconds (a few seconds for a folder of ten thousand files, every call
    for a small one), the size and mtime of every visible entry — what catches a report rewritten
    in place, which leaves the folder's mtime alone.
While the fingerprint holds, the memo answers; any difference makes one full check, whose answer is
kept with the fingerprint taken just before it. So the full check runs once per change of the raw
folder (or of the processed set) in a process, not once per visitor or rerun; a change is seen at
the next call, or within `interval` seconds for an in-place rewrite of a large folder.

Must never: answer differently from `build.is_stale` for an unchanged fingerprint (it only avoids
repeating it), open a raw file, or raise for an odd entry (it is then only part of the fingerprint).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# The entry sweep may take at most 1/SHARE of a process's time, and never waits longer than MAX_INTERVAL;
# a sweep quicker than EVERY_CALL (a folder of a few hundred files) runs at every call.
SHARE = 50
MAX_INTERVAL = 3.0
EVERY_CALL = 0.001

Quick = tuple[object, ...]


@dataclass
class _Memo:
    quick: Quick
    entries: tuple[tuple[str, int, int], ...]
    swept_at: float
    interval: float
    stale: bool


_memos: dict[tuple[str, str], _Memo] = {}
_lock = threading.Lock()


def needs_build(raw: str | Path, out: str | Path) -> bool:
    """`build.is_stale(raw, out)`, repeated only when the raw folder or the processed set changed."""
    key = (os.path.abspath(raw), os.path.abspath(out))
    quick = _quick(Path(raw), Path(out))
    with _lock:
        memo = _memos.get(key)
    now = time.monotonic()
    if memo is not None and memo.quick == quick:
        if now - memo.swept_at < memo.interval:
            return memo.stale
        entries, cost = _sweep(Path(raw))
        if entries == memo.entries:
            memo.swept_at, memo.interval = now, _interval(cost)
            return memo.stale
    return _check(key, Path(raw), Path(out), quick)


def forget() -> None:
    """Drop every memo (tests; a process that changed its rules folder)."""
    with _lock:
        _memos.clear()


def _check(key: tuple[str, str], raw: Path, out: Path, quick: Quick) -> bool:
    """The full check, memoised with the fingerprint taken before it (a change meanwhile shows next time)."""
    from pipeline.build import is_stale

    entries, cost = _sweep(raw)
    stale = is_stale(raw, out)
    with _lock:
        _memos[key] = _Memo(quick, entries, time.monotonic(), _interval(cost), stale)
    return stale


def _interval(cost: float) -> float:
    """Seconds until the next sweep, from what this one cost."""
    return 0.0 if cost < EVERY_CALL else min(MAX_INTERVAL, SHARE * cost)


def _quick(raw: Path, out: Path) -> Quick:
    """A few stats: the raw folder itself, the current output set, its build.json and table, the version."""
    from pipeline.build import BUILD_JSON, pipeline_version
    from pipeline.outputs import current

    folder = current(out)
    return (
        _stat(raw),
        str(folder),
        _stat(folder / BUILD_JSON),
        (folder / "indicators.csv").is_file(),
        pipeline_version(),
    )


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _sweep(raw: Path) -> tuple[tuple[tuple[str, int, int], ...], float]:
    """(every visible entry's name, size and mtime — a link's target's —, sorted; seconds taken)."""
    started = time.perf_counter()
    items = []
    try:
        with os.scandir(raw) as found:
            for entry in found:
                if entry.name.startswith("."):
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    items.append((entry.name, -1, -1))
                    continue
                items.append((entry.name, info.st_size, info.st_mtime_ns))
    except OSError:
        items = [("", -1, -1)]
    items.sort()
    return tuple(items), time.perf_counter() - started
