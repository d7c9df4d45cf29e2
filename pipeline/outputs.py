"""The processed folder: whole output sets switched atomically, one build at a time.

Owns the folder's layout and its two guarantees:

    out/.versions/<id>/        one complete output set per build (indicators.csv, …, build.json)
    out/.current -> .versions/<id>    the pointer: replaced by one atomic rename per build
    out/indicators.csv -> .current/indicators.csv    (fixed links, so the usual paths work)
    out/.lock                  held (flock) by the build that is running

- A set is written into a hidden staging folder, renamed into .versions/ when complete, and only
  then does the pointer move. A process killed at any step leaves the previous set in place and
  nothing half-written where readers look (a staging folder left behind is removed by the next
  build). Old sets are removed, keeping a few so a reader that resolved one just before a switch
  can finish reading it.
- Readers that need several files of one set resolve the pointer once (`current`) and read every
  file from that folder. A folder without a pointer (a copy, a hand-made fixture) is read as it is.
- One build at a time, across threads, sessions and processes: `locked` takes an exclusive
  flock on out/.lock; others wait for it and can then see that the data are fresh.
- Files and folders are created with the process umask (no 0600 outputs): mkdir/open with the
  usual modes, never mkstemp/mkdtemp.
- Text cells of the CSVs that a spreadsheet would run as a formula (= + - @ tab CR first) are
  written with a leading ' (as the app's exports are); a cell that starts with ' gets one more,
  so `restore_text` gives back every text exactly. The parquet file keeps the text as it is.

Must never: write into the current set, remove the set the pointer names, or touch anything
outside `out`.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

VERSIONS = ".versions"
POINTER = ".current"
LOCK = ".lock"
KEEP = 3  # sets kept: the current one and two before it (a slow reader may still be on one)
STAGING = ".staging-"

Writers = dict[str, Callable[[Path], None]]
_THREAD_LOCKS: dict[str, threading.Lock] = {}  # flock is per open file; threads need their own guard
_THREAD_LOCKS_GUARD = threading.Lock()


def current(out: str | Path) -> Path:
    """The folder holding the output set to read now: the pointer's target, or `out` itself
    when it has no pointer (a plain copy). Resolve once, then read every file from it."""
    out = Path(out)
    pointer = out / POINTER
    if pointer.is_symlink():
        return Path(os.path.realpath(pointer))
    return out


def publish(out: str | Path, writers: Writers) -> Path:
    """Write a new output set with `writers` (name -> write(path)) and switch to it atomically.

    If a writer raises, the staging folder is removed and the previous set stays current.
    Returns the new set's folder.
    """
    out = Path(out)
    versions = out / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    version_id = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}-{secrets.token_hex(3)}"
    staging = versions / f"{STAGING}{version_id}"
    os.mkdir(staging)  # mode 0777 less the umask
    try:
        for name, write in writers.items():
            write(staging / name)
            _checkpoint(f"wrote {name}")
        _fsync_folder(staging)
        final = versions / version_id
        os.rename(staging, final)
        _checkpoint("renamed set")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_to(out, final)
    _checkpoint("moved pointer")
    _link_names(out, list(writers))
    _checkpoint("linked names")
    _clean(out)
    return final


def _checkpoint(step: str) -> None:
    """A point between two steps of `publish` (tests stop the process here to prove that a kill
    at any step leaves a whole set readable)."""


def _point_to(out: Path, final: Path) -> None:
    """Move the pointer to `final` with one rename (a symlink replaced atomically)."""
    temporary = out / f"{POINTER}.{os.getpid()}.{secrets.token_hex(3)}"
    os.symlink(Path(VERSIONS) / final.name, temporary)
    try:
        os.replace(temporary, out / POINTER)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(out)


def _link_names(out: Path, names: list[str]) -> None:
    """out/<name> -> .current/<name> for each output, made once. A plain file of an older build
    (before sets were versioned) is replaced by its link, each with one rename."""
    for name in names:
        link, target = out / name, Path(POINTER) / name
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        temporary = out / f".{name}.{os.getpid()}.{secrets.token_hex(3)}.link"
        os.symlink(target, temporary)
        os.replace(temporary, link)


def _clean(out: Path) -> None:
    """Remove old sets (keeping KEEP, the current one always) and staging folders of builds that
    died. Runs under the build lock, so no staging folder here belongs to a live build."""
    versions = out / VERSIONS
    keep = current(out).name
    sets = sorted((p for p in versions.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    for old in [p for p in sets if p.name != keep][: max(0, len(sets) - KEEP)]:
        shutil.rmtree(old, ignore_errors=True)
    for staging in versions.glob(f"{STAGING}*"):
        shutil.rmtree(staging, ignore_errors=True)
    for leftover in [*out.glob(f"{POINTER}.*"), *out.glob(".*.link")]:
        if leftover.is_symlink():
            leftover.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (so a rename survives a power cut); best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------- formula-safe CSV text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def inert_text(value: object) -> object:
    """A text cell made safe to open in a spreadsheet (reversibly: see `restore_text`)."""
    if isinstance(value, str) and (value.startswith(QUOTE) or value.lstrip().startswith(FORMULA_STARTS)):
        return QUOTE + value
    return value


def restored_text(value: object) -> object:
    """The text `inert_text` was given."""
    return value[1:] if isinstance(value, str) and value.startswith(QUOTE) else value


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text column made formula-safe; numbers untouched."""
    text = _text_columns(frame)
    return frame.assign(**{c: _inert_column(frame[c]) for c in text}) if text else frame


# A cell can need the quote only if it holds one of these characters: a scan for them (in C) picks
# the few cells `inert_text` must look at, instead of a Python call for every cell of the table.
_MAY_NEED_QUOTE = "[" + re.escape(QUOTE + "=+-@") + "]"


def _inert_column(column: pd.Series) -> pd.Series:
    if str(column.dtype) == "category":
        return column.map(inert_text)
    try:
        candidates = column.str.contains(_MAY_NEED_QUOTE, regex=True).fillna(True).astype(bool).to_numpy()
    except (AttributeError, TypeError):  # no text at all in the column
        return column.map(inert_text)
    positions = candidates.nonzero()[0]
    if not len(positions):
        return column
    values = column.to_numpy(dtype=object, copy=True)
    for i in positions:
        values[i] = inert_text(values[i])
    return type(column)(values, index=column.index, name=column.name, dtype=column.dtype)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A processed CSV as read back, with the texts exactly as the build had them."""
    text = _text_columns(frame)
    return frame.assign(**{c: frame[c].map(restored_text) for c in text}) if text else frame


def _text_columns(frame: pd.DataFrame) -> list:
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    return [c for c in frame.columns if not is_numeric_dtype(frame[c]) and not is_bool_dtype(frame[c])]


# ---------------------------------------------------------------- one build at a time


class LockTimeout(TimeoutError):
    """Another build held the lock for longer than the caller was willing to wait."""


@contextlib.contextmanager
def locked(out: str | Path, wait: float | None = None, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the build lock of `out` (exclusive, across processes and threads).

    When another build holds it, `on_wait()` is called once and this waits — for ever, or up to
    `wait` seconds and then raises LockTimeout.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    guard = _thread_lock(out)
    deadline = None if wait is None else time.monotonic() + wait
    waited = _acquire_thread(guard, deadline, on_wait)
    try:
        with open(out / LOCK, "a+b") as handle:
            _acquire_file(handle, deadline, None if waited else on_wait)
            try:
                yield
            finally:
                _release_file(handle)
    finally:
        guard.release()


def _thread_lock(out: Path) -> threading.Lock:
    key = os.path.realpath(out)
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(key, threading.Lock())


def _acquire_thread(guard: threading.Lock, deadline: float | None, on_wait: Callable[[], None] | None) -> bool:
    """Take the in-process lock; True when it had to wait (on_wait was called)."""
    if guard.acquire(blocking=False):
        return False
    if on_wait is not None:
        on_wait()
    timeout = -1 if deadline is None else max(0.0, deadline - time.monotonic())
    if not guard.acquire(timeout=timeout):
        raise LockTimeout("another build is still running")
    return True


def _acquire_file(handle, deadline: float | None, on_wait: Callable[[], None] | None) -> None:  # noqa: ANN001
    try:
        import fcntl
    except ImportError:  # not POSIX: the in-process lock is all there is
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        if on_wait is not None:
            on_wait()
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (fcntl.LOCK_NB if deadline is not None else 0))
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise LockTimeout("another build is still running") from None
            time.sleep(0.1)


def _release_file(handle) -> None:  # noqa: ANN001
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
