"""Processing one file under a budget, in a child process that can be stopped.

Owns: the `Budget` (seconds and memory per file, from FAZHI_FILE_SECONDS / FAZHI_FILE_MEMORY_MB
or the defaults), the `Worker` — one child process, started by fork so it inherits the warm
stages of its parent, that processes one task at a time and is killed and replaced when a task
runs past its time, grows past its memory (RLIMIT_AS in the child, resident size watched by the
parent) or dies — and turning such a stop into the file's status with a Chinese message.
`process_file_bounded` and `process_bytes_bounded` are the one-file entry points; a parallel
pool is a set of Workers, each fed its own files.

Must never: read or parse a file itself (`build.process_document` does, in the child), let a
task's exception or a child's death escape (every task ends as a `Processed`), or stop any
process but its own child.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.model import STATUS_ERROR, STATUS_OUT_OF_MEMORY, STATUS_TIMEOUT, Document, Location
from pipeline.rawdir import display_name

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from pipeline.build import Placed, Processed

logger = logging.getLogger(__name__)

DEFAULT_SECONDS = 15.0  # a real report takes well under a second; a build must never stall
DEFAULT_MEMORY_MB = 1024  # on top of what the worker holds when it starts
POLL_SECONDS = 0.02
# Files sent ahead to a child in `process_files`: it starts the next as soon as it has sent a result,
# instead of waiting for the parent's feeding thread (which may be waiting for the interpreter lock).
AHEAD = 4
TaskSource = Callable[[bool], "tuple[Any, Path, Placed | None] | None"]  # see Worker.process_files


def tasks_of(tasks: Iterable[tuple[Any, Path, Placed | None]]) -> TaskSource:
    """A task source giving `tasks` in order (one worker: every file may wait behind another)."""
    source = iter(tasks)
    return lambda behind: next(source, None)


WARM_SECONDS = 120.0  # loading the stages in a child (about a second; far longer only on a stalled machine)
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# Held around every fork, and by any thread of this process that imports modules while workers run
# (a child forked in the middle of an import would wait for ever on that module's lock).
FORK_LOCK = threading.Lock()

MSG_TIMEOUT = (
    "处理这个文件超过了 {seconds:g} 秒的时间上限,已停止(文件可能异常庞大或结构异常)。"
    "请确认这是单份报告;如果是合订本,请拆分后再放入。"
)
MSG_MEMORY = (
    "处理这个文件需要的内存超过了 {megabytes} MB 的上限,已停止(文件可能异常庞大或结构异常)。"
    "请确认这是单份报告;如果是合订本,请拆分后再放入。"
)
MSG_CRASHED = "处理这个文件时读取程序意外退出({reason})。请确认文件没有损坏,或换一种格式(如 .txt)再放入。"


@dataclass(frozen=True)
class Budget:
    """What one file may cost: wall-clock seconds and memory (bytes) above the worker's start."""

    seconds: float = DEFAULT_SECONDS
    memory: int = DEFAULT_MEMORY_MB * 2**20


def default_budget() -> Budget:
    """The budget from FAZHI_FILE_SECONDS / FAZHI_FILE_MEMORY_MB, else the defaults."""
    seconds = _env_number("FAZHI_FILE_SECONDS", DEFAULT_SECONDS)
    megabytes = _env_number("FAZHI_FILE_MEMORY_MB", DEFAULT_MEMORY_MB)
    return Budget(seconds=seconds, memory=int(megabytes * 2**20))


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Outcome:
    """One task's result and cost: `peak_bytes` is how far the child's resident memory rose above
    where it stood when the task began (as last seen, for a stopped task; 0 for a task sent without
    its text, a build's, whose peak nobody reads)."""

    processed: Processed
    seconds: float
    peak_bytes: int
    stopped: str = ""  # "" finished; "timeout", "memory" or "crashed" when the child was stopped
    pickled: bytes = b""  # a build's result as the child pickled it (see LEAN_FILE), else b""


def available() -> bool:
    """Whether files can run in a child process here (fork: POSIX; elsewhere they run in-process)."""
    return "fork" in multiprocessing.get_all_start_methods()


class Worker:
    """One child process that runs tasks one at a time under a budget; restarted after a stop.

    Use as a context manager (the child is stopped on exit). Not thread-safe: one caller at a time.
    """

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or default_budget()
        self._process: Any = None
        self._conn: Connection | None = None
        self._baseline = 0
        self._seen = 0  # the largest resident size seen while waiting (for a stopped task's peak)
        self._task_seconds = self.budget.seconds  # the running task's time limit
        self._task_memory = self.budget.memory  # … and its memory limit

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def process_file(self, path: str | Path, placed: Placed | None = None) -> Outcome:
        """`build.process_document(path, placed)` in the child, within the budget."""
        path = Path(path)
        return self._run(("file", path, placed), display_name(path.name))

    def process_files(
        self, take: TaskSource, ahead: int = AHEAD, keep_text: bool = True
    ) -> Iterator[tuple[Any, Outcome]]:
        """(key, outcome) of each (key, path, placed) task, in order, as `process_file` would give
        them (without each Document's text unless `keep_text`: a build's tables never read it, and it
        is most of what a result carries back), with up to `ahead` files waiting in the child's pipe.
        `take(behind)` gives the next task, None when there is none (for now); `behind` says it would
        wait behind another in this worker, so a pool can keep files that may be slow (OCR) for
        whichever worker is free. A file's time is counted from when the child could start it (the
        result before it came back); a stopped file stops only itself: the files queued behind it go
        to the restarted child."""
        retry: deque[tuple[Any, Path, Placed | None]] = deque()  # queued behind a stopped file
        queued: deque[tuple[Any, Path, Placed | None]] = deque()
        started = time.perf_counter()  # when the head of the queue could start
        while True:
            while len(queued) < max(1, ahead):
                task = retry.popleft() if retry else take(bool(queued))
                if task is None:
                    break
                if queued and not self._send_ahead(task, keep_text):
                    retry.appendleft(task)  # sent again once the file before it is done
                    break
                if not queued:
                    failed = self._send_head(task, keep_text)
                    if failed is not None:  # the child could not be started or fed
                        yield task[0], failed
                        continue
                    started = time.perf_counter()
                queued.append(task)
            if not queued:
                return
            key, path, _ = queued.popleft()
            outcome = self._outcome(display_name(path.name), started)
            started = time.perf_counter()
            if outcome.stopped:
                retry.extendleft(reversed(queued))
                queued.clear()
            yield key, outcome

    def _send_head(self, task: tuple[Any, Path, Placed | None], keep_text: bool = True) -> Outcome | None:
        """Send the file the child is to start next (starting the child if need be); a failed
        outcome when it cannot be sent."""
        path = Path(task[1])
        try:
            self._start()
            self._conn.send((_file_kind(keep_text), path, task[2]))
        except (OSError, ValueError) as err:
            self._stop(kill=True)
            return self._failed(display_name(path.name), "crashed", time.perf_counter(), reason=type(err).__name__)
        return None

    def _send_ahead(self, task: tuple[Any, Path, Placed | None], keep_text: bool = True) -> bool:
        """Queue a file behind the one the child is on; False when it cannot be sent."""
        try:
            self._conn.send((_file_kind(keep_text), Path(task[1]), task[2]))
        except (OSError, ValueError):
            return False
        return True

    def process_bytes(self, data: bytes, name: str) -> Outcome:
        """`build.process_bytes(data, name)` in the child, within the budget."""
        return self._run(("bytes", data, name), name)

    def start(self) -> None:
        """Start the child now rather than on the first task (a pool starts all of its children
        from one thread, before the threads that feed them run: see `_pool` in pipeline.build)."""
        try:
            self._start()
        except (OSError, ValueError):  # not startable now: the first task tries again and reports it
            self._stop(kill=True)

    def warm(self, seconds: float = WARM_SECONDS) -> None:
        """Load the stages in the child now, outside any file's budget: a child forked from a process
        that has not loaded them (a small build from the command line) warms itself, and each file
        still gets its whole time and memory budget. A child that cannot is stopped (the next task
        starts a new one and reports what happens)."""
        try:
            self._start()
            self._conn.send(("warm",))
            if not self._conn.poll(seconds):
                raise TimeoutError
            self._conn.recv()
        except (OSError, EOFError, ValueError, TimeoutError):
            self._stop(kill=True)
            return
        self._baseline = _resident(self._process.pid)  # a file's memory is counted from the warm child

    def close(self) -> None:
        """Stop the child (it finishes no task in flight)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
        self._stop(kill=False)

    # ------------------------------------------------------------ parent side

    def _seconds(self, source: str) -> float:
        """The budget's seconds, plus the OCR budget for a file OCR may read (a scan's pages take
        seconds each; pipeline.ocr stops itself within its own budget)."""
        from pipeline import ocr

        return self.budget.seconds + (ocr.OCR_SECONDS if ocr.may_read(source) else 0.0)

    def _memory(self, source: str) -> int:
        """The budget's memory, plus what the OCR engine maps for a file OCR may read."""
        return self.budget.memory + _ocr_memory(source)

    def _run(self, task: tuple, source: str) -> Outcome:
        started = time.perf_counter()
        try:
            self._start()
            self._conn.send(task)
        except (OSError, ValueError) as err:  # the child could not be started or fed
            self._stop(kill=True)
            return self._failed(source, "crashed", started, reason=type(err).__name__)
        return self._outcome(source, started)

    def _outcome(self, source: str, started: float) -> Outcome:
        """The outcome of the task the child is on, started at `started`: its reply, or the child
        stopped for running past the budget or dying."""
        self._task_seconds = self._seconds(source)
        self._task_memory = self._memory(source)
        stopped, reply = self._wait(started)
        if stopped:
            exitcode = self._stop(kill=stopped != "crashed")
            reason = f"退出码 {exitcode}" if exitcode else "进程被终止"
            return self._failed(source, stopped, started, reason, peak=self._seen - self._baseline)
        processed, peak = reply
        if isinstance(processed, bytes):  # a lean file's result, pickled by the child (see LEAN_FILE)
            return Outcome(pickle.loads(processed), time.perf_counter() - started, peak, pickled=processed)
        return Outcome(processed, time.perf_counter() - started, peak)

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        self._stop(kill=True)
        context = multiprocessing.get_context("fork")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, self.budget.memory), daemon=True, name="fazhi-worker")
        with FORK_LOCK:
            process.start()
        child.close()
        self._process, self._conn = process, parent
        self._baseline = _resident(process.pid)

    def _wait(self, started: float) -> tuple[str, Any]:
        """('', reply) when the child answered in time; (reason, None) when it must be stopped."""
        deadline = started + self._task_seconds
        limit = self._baseline + self._task_memory
        self._seen = self._baseline
        while True:
            try:
                if self._conn.poll(POLL_SECONDS):
                    return "", self._conn.recv()
            except (EOFError, OSError):
                return "crashed", None
            if not self._process.is_alive():
                return "crashed", None
            if time.perf_counter() > deadline:
                return "timeout", None
            self._seen = max(self._seen, _resident(self._process.pid))
            if self._seen > limit:
                return "memory", None

    def _stop(self, kill: bool) -> int | None:
        """Stop the child (killing it when `kill`, else letting it exit); its exit code."""
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:
            return None
        if kill and process.is_alive():
            process.kill()  # our own child, by its handle
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
        return process.exitcode

    def _failed(self, source: str, stopped: str, started: float, reason: str, peak: int = 0) -> Outcome:
        status, message = {
            "timeout": (STATUS_TIMEOUT, MSG_TIMEOUT.format(seconds=self._seconds(source))),
            "memory": (STATUS_OUT_OF_MEMORY, MSG_MEMORY.format(megabytes=self.budget.memory // 2**20)),
        }.get(stopped, (STATUS_ERROR, MSG_CRASHED.format(reason=reason)))
        kind = Path(source).suffix.lower().lstrip(".")
        doc = Document(source=source, path=source, text="", kind=kind, status=status, message=message)
        processed = (doc, Location(None, None, status=status, message=message), [])
        return Outcome(processed, time.perf_counter() - started, max(0, peak), stopped)


# ---------------------------------------------------------------- child side


def _ocr_memory(source: str) -> int:
    """Address space the OCR engine needs on top of a file's budget (its models, arenas and
    page images: about 1.2 GB mapped, 0.6 GB resident), for a file OCR may read."""
    from pipeline import ocr

    return OCR_MEMORY_MB * 2**20 if ocr.may_read(source) else 0


OCR_MEMORY_MB = 2048


def _serve(conn: Connection, memory: int) -> None:
    """The child's loop: limit its address space, then answer tasks until told to stop."""
    from pipeline import build

    # What the child inherited (the warm stages) lives as long as the child: the collector need never
    # scan it, nor write to its pages (which copies them from the parent). The parent's build pauses
    # its own collector (build._collector_paused): the child, which lives on, turns its on again.
    gc.freeze()
    if build.collector_on_outside_builds():
        gc.enable()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        kind, *args = task
        if kind == "warm":  # before any file, outside every budget (see Worker.warm)
            build.warm()
            build.warm_words()
            conn.send(None)
            continue
        # Limited per task from where the child stands now: an OCR'd file may leave its engine
        # mapped, and the next file still gets its whole budget.
        start = _limit_memory(memory + _ocr_memory(str(args[0] if kind != "bytes" else args[1])))
        if kind == LEAN_FILE:  # a build's file: nothing reads its peak (two looks at /proc, ~60 µs, saved)
            doc, loc, facts = build.process_document(*args)
            conn.send((pickle.dumps((replace(doc, text=""), loc, list(facts)), pickle.HIGHEST_PROTOCOL), 0))
            continue
        _reset_peak()
        result = build.process_bytes(*args) if kind == "bytes" else build.process_document(*args)
        conn.send((result, max(0, _peak() - start)))


# A build's file: its result goes back without the Document's text, pickled by the child as the
# build's cache keeps it, so the parent stores those bytes instead of pickling every result again.
LEAN_FILE = "file-lean"


def _file_kind(keep_text: bool) -> str:
    return "file" if keep_text else LEAN_FILE


def _limit_memory(memory: int) -> int:
    """RLIMIT_AS = what the child maps now + `memory`: an allocation past it fails (MemoryError)
    instead of the machine swapping. The parent's watch on resident memory is the second guard.
    Returns the child's resident memory now (read with its size: one look at /proc, not two)."""
    mapped, resident = _sizes()
    try:
        import resource

        limit = mapped + memory
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        logger.debug("no address-space limit for the worker", exc_info=True)
    return resident


# /proc is read and written as bytes: a text-mode open looks its codec up, which may import it, and
# a child forked while another thread of the parent held that module's import lock would wait for
# ever (seen: a worker's first file stopped at the time limit).


def _status_field(pid: int | str, field: str) -> int:
    """A 'kB' field of /proc/<pid>/status in bytes, 0 where there is none."""
    prefix = field.encode("ascii") + b":"
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(prefix):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _sizes() -> tuple[int, int]:
    """(mapped, resident) bytes of this process from /proc/self/statm (the same counts as VmSize
    and VmRSS of /proc/self/status, which costs several times as much to read); 0 where unknown."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            size, resident = handle.read().split()[:2]
        return int(size) * PAGE, int(resident) * PAGE
    except (OSError, ValueError):
        return 0, 0


def _resident(pid: int) -> int:
    """Resident memory of a process (statm: cheap), 0 when unknown."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _reset_peak() -> None:
    """Start the peak-resident count afresh for the next task (Linux: clear_refs 5)."""
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "wb") as handle:
        handle.write(b"5")


def _peak() -> int:
    return _status_field("self", "VmHWM")


# ---------------------------------------------------------------- one file at a time

_PREVIEWS = threading.BoundedSemaphore(2)  # uploads previewed at once per server process


def process_file_bounded(path: str | Path, budget: Budget | None = None, placed: Placed | None = None) -> Processed:
    """(Document, Location, Facts) of one file, processed in a child under `budget`; never raises,
    never runs past the budget (a stop becomes the status timeout / out_of_memory)."""
    if not available():
        from pipeline.build import process_document

        return process_document(path, placed)
    with Worker(budget) as worker:
        return worker.process_file(path, placed).processed


def process_bytes_bounded(data: bytes, name: str, budget: Budget | None = None) -> Processed:
    """(Document, Location, Facts) of uploaded bytes, under `budget`, at most two at a time per
    process (a visitor's upload preview must not exhaust the server)."""
    if not available():
        from pipeline.build import process_bytes

        return process_bytes(data, name)
    with _PREVIEWS, Worker(budget) as worker:
        return worker.process_bytes(data, name).processed
