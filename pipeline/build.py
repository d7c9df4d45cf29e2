"""Orchestration and storage: raw files -> stages -> tables -> data/processed.

Owns: running the stages over files (ingest -> locate -> extract -> derive, then `table`),
each file in a worker under a time and memory budget (`pipeline.worker`), turning a failure of
any stage on one file into that document's status (the build goes on), writing the processed
files as one set switched atomically (`pipeline.outputs`), one build of a folder at a time,
and deciding whether they are stale.

Must never: parse report text or decide places, years or values (the stages do), build or
reshape table columns (`table` does), or modify anything under the raw folder.

Outputs of `build(raw, out)`, all replaced together only after every one was written and
every table passed its schema: indicators.csv / indicators.parquet (one value per adcode,
year, indicator), documents.csv (one row per raw file), conflicts.csv, cumulative.csv (running
totals, never mixed with single-year values) and build.json (time, counts, pipeline version,
the raw files with sizes and mtimes; `is_stale` compares against it).

Incremental: a file whose bytes (and stated place) did not change is not read again (its result
comes from `pipeline.cache`), and when few files changed the table stage runs only for the places
they touch and the new set is spliced from the current one's bytes (`_spliced`; why that is exact:
`pipeline.increment`). Both paths write the same bytes; anything the splice cannot trust makes the
tables in full.

Import-light on purpose: pandas (via `table`) and the stage modules are imported on first use,
so `python -m pipeline --help` stays quick; pandera only when a table may fail its schema.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import queue
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline import bounds, increment, ocr, outputs, rawdir, rules, worker
from pipeline import cache as results_cache
from pipeline.cache import Key, ResultCache
from pipeline.corrections import FILE_NAME as CORRECTIONS_FILE
from pipeline.corrections import PLACES_FILE
from pipeline.model import (
    PERIOD_YEAR,
    STATUS_BAD_YEAR,
    STATUS_ERROR,
    STATUS_OK,
    STATUS_OUT_OF_MEMORY,
    Document,
    Fact,
    Location,
    Place,
)
from pipeline.rules import check as check_rules

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

VERSION = "0.1"
PACKAGE = Path(__file__).parent
SKIPPED_NAMES = frozenset({CORRECTIONS_FILE, PLACES_FILE})  # editors' files live beside the reports
OUTPUTS = (
    "indicators.csv",
    "indicators.parquet",
    "documents.csv",
    "conflicts.csv",
    "cumulative.csv",
    "corrections_applied.csv",
)
BUILD_JSON = "build.json"

Progress = Callable[[int, int, str], None]
Processed = tuple[Document, Location, list[Fact]]
Placed = tuple[str, int | None]  # (jurisdiction, year) an editor stated for one file
T = TypeVar("T")


# ---------------------------------------------------------------- the stages


@dataclass(frozen=True)
class Stages:
    """The stage functions a document goes through (tests swap in fakes via `stages`)."""

    read_document: Callable[[Path], Document]
    read_bytes: Callable[[bytes, str], Document]
    locate: Callable[[Document], Location]
    sub_place_names: Callable[[Place, Sequence[str]], list[str]]
    extract_facts: Callable[..., list[Fact]]
    derive_facts: Callable[[list[Fact], int | None], list[Fact]]
    override: Callable[[Location, str, int | None], Location]


@cache
def stages() -> Stages:
    """The real stages, imported once. A missing module raises: that is a bug, not a bad file."""
    from pipeline.derive import derive_facts
    from pipeline.extract import extract_facts
    from pipeline.ingest import read_bytes, read_document
    from pipeline.locate import locate, override
    from pipeline.regions import sub_place_names

    return Stages(read_document, read_bytes, locate, sub_place_names, extract_facts, derive_facts, override)


def process_document(path: str | Path, placed: Placed | None = None) -> Processed:
    """(Document, Location, Facts) of one file. Never raises for a bad file.

    `placed` is (jurisdiction, year) stated for this file in report_places.csv, if any.
    """
    path = Path(path)
    check_rules()  # a broken rule file stops everything; it is never one file's "error"
    run = stages()
    with rules.pinned():
        doc, error = _attempt("ingest", run.read_document, path)
        return _after_ingest(doc or _failed(path.name, str(path), error), run, placed)


def process_bytes(data: bytes, name: str) -> Processed:
    """(Document, Location, Facts) of uploaded bytes named `name`. Never raises for bad bytes."""
    check_rules()
    run = stages()
    with rules.pinned():
        doc, error = _attempt("ingest", run.read_bytes, data, name)
        return _after_ingest(doc or _failed(name, name, error), run)


def _attempt(stage: str, fn: Callable[..., T], *args: Any) -> tuple[T | None, str]:
    """(fn(*args), "") or (None, a message naming the stage) when it raises."""
    try:
        return fn(*args), ""
    except MemoryError:  # in a worker, the address-space limit was reached: the file's budget
        return None, MSG_MEMORY.format(stage=stage)
    except Exception as err:  # noqa: BLE001 - one bad file must never stop a build
        logger.debug("stage %s raised", stage, exc_info=True)
        return None, f"处理出错({stage} 阶段 / stage {stage} failed):{type(err).__name__}: {err}"


MEMORY_PREFIX = "所需内存超过上限"
MSG_MEMORY = MEMORY_PREFIX + "({stage} 阶段),已停止。请确认这是单份报告;如果是合订本,请拆分后再放入。"


def _failure_status(message: str) -> str:
    return STATUS_OUT_OF_MEMORY if message.startswith(MEMORY_PREFIX) else STATUS_ERROR


def _failed(source: str, path: str, message: str) -> Document:
    kind = Path(source).suffix.lower().lstrip(".")
    return Document(source=source, path=path, text="", kind=kind, status=_failure_status(message), message=message)


def _after_ingest(doc: Document, run: Stages, placed: Placed | None = None) -> Processed:
    if doc.status == STATUS_OK:
        doc = bounds.text_problem(doc) or doc
    if doc.status != STATUS_OK:
        return doc, Location(None, None, status=doc.status, message=doc.message), []
    loc, error = _attempt("locate", run.locate, doc)
    if loc is not None and placed is not None:
        loc, error = _attempt("locate", run.override, loc, *placed)
    if loc is None:
        return doc, Location(None, None, status=_failure_status(error), message=error), []
    loc = bounds.checked_year(loc)
    if loc.status == STATUS_BAD_YEAR:
        return doc, loc, []
    facts, error, note = _facts(doc, loc, run)
    if error:
        return doc, replace(loc, status=_failure_status(error), message=error), []
    from pipeline import confidence  # not an _attempt: a broken confidence.yaml must stop, not hide

    noted = bounds.with_note(loc, note)
    return doc, noted, confidence.assess(facts, noted, doc)


def _facts(doc: Document, loc: Location, run: Stages) -> tuple[list[Fact], str, str]:
    """(facts, error message or '', a note for documents.csv or '')."""
    sub_places: list[str] = []
    if loc.place is not None:
        sub_places, error = _attempt("regions", run.sub_place_names, loc.place, loc.named)
        if error:
            return [], error, ""
    # Extraction's work grows with sentence length x figures: it sees only bounded sentences.
    text, blanked = bounds.bounded_text(doc.text)
    note = bounds.skipped_note(blanked) if blanked else ""
    written = loc.written or loc.published  # 今年 in a signed text is the year it was written
    found, error = _attempt("extract", run.extract_facts, text, loc.year, loc.place, sub_places, written)
    if error:
        return [], error, note
    facts, error = _attempt("derive", run.derive_facts, found, loc.year)
    return (ocr.mark(doc, facts), "", note) if not error else ([], error, note)


# ---------------------------------------------------------------- files -> tables


def document_files(paths: Iterable[str | Path]) -> list[Path]:
    """The readable files among `paths` and the folders' entries (see `document_entries`)."""
    return [entry.read_path for entry in document_entries(paths) if entry.readable]


def document_entries(paths: Iterable[str | Path]) -> list[rawdir.Entry]:
    """Files named, and every visible entry of the folders named (sorted, not recursive, no
    hidden names, no editors' files): folders, FIFOs, broken links and links out of the folder
    included, to be listed with a reason. Raises FileNotFoundError for a path that does not exist."""
    return rawdir.entries(paths, SKIPPED_NAMES)


@dataclass(frozen=True)
class Tables:
    """The schema-checked tables of one run."""

    indicators: pd.DataFrame
    cumulative: pd.DataFrame
    conflicts: pd.DataFrame
    documents: pd.DataFrame
    corrections: pd.DataFrame


@dataclass(frozen=True)
class Made:
    """Tables, and what the incremental table stage keeps of how they were made."""

    tables: Tables
    places: dict[str, tuple | None]  # source -> the place of its single-year rows (corrections look them up)
    named: frozenset[str]  # adcodes the lines of corrections.csv name


def _tables(
    entries: Sequence[rawdir.Entry],
    progress: Progress | None,
    raw: Path | None = None,
    results: ResultCache | None = None,
) -> Tables:
    """The tables of `entries`; `raw` is the folder whose editor files (corrections, report
    places) apply, None for none; `results` the per-file cache of the processed folder, if any."""
    with rules.pinned(), _collector_paused():
        placed = _placed(raw)
        return _made(_in_name_order(_process_all(entries, placed, progress, results)), raw).tables


def _placed(raw: Path | None) -> dict[str, Placed]:
    """The place and year report_places.csv states for a file, by file name."""
    from pipeline import corrections

    placed, problems = corrections.read_report_places(raw / PLACES_FILE) if raw else ({}, [])
    for problem in problems:
        logger.warning("%s", problem.message)
    return placed


def _in_name_order(done: list[Processed]) -> list[Processed]:
    """In file-name order, whatever order the workers finished in: the table stage breaks ties between
    equal values of two files by order, and a build must not depend on which worker was faster."""
    return sorted(done, key=lambda r: (r[0].source, r[0].path))


def _made(
    processed: Sequence[Processed],
    raw: Path | None,
    located: pd.DataFrame | None = None,
) -> Made:
    """The tables of `processed` (all files, or in an incremental build all files at the places
    it makes again). `located` is where corrections find their places: by default the
    single-year rows themselves; an incremental build passes the places of every file."""
    from pipeline import table  # after the files: a build of a few may import it while they are read

    documents, rows, places = [], [], {}
    for doc, loc, facts in processed:
        _log_document(doc, loc)
        documents.append(table.document_row(doc, loc))
        kept, implausible = table.plausible(table.rows_for(doc, loc, facts))
        _log_implausible(implausible)
        places[doc.source] = table.single_year_place(kept)
        rows.extend(kept)
    _log_cumulative(rows)
    single, cumulative = table.frames(rows)
    indicators, conflicts = table.resolve(single)
    indicators = table.add_confidence(indicators, conflicts)
    located = single if located is None else located
    found, problems = _read_corrections(raw)
    indicators, corrected = _corrected(indicators, located, found, problems)
    tables = Tables(
        indicators=table.validate(indicators, "indicators"),
        cumulative=table.validate(cumulative, "cumulative"),
        conflicts=table.validate(conflicts, "conflicts"),
        documents=table.validate(table.documents_frame(documents, indicators), "documents"),
        corrections=table.validate(corrected, "corrections"),
    )
    return Made(tables, places, frozenset(table.named_places(located, found)))


Task = tuple[Path, "Placed | None"]
WORKERS_ENV = "FAZHI_BUILD_WORKERS"  # worker processes of a build; default: the machine's cores


def _keys(entries: Sequence[rawdir.Entry], placed: dict[str, Placed], results: ResultCache | None) -> list[Key | None]:
    """Each entry's cache key (None: not readable, or no cache)."""
    if results is None:
        return [None] * len(entries)
    return [results.key(e.read_path, placed.get(e.source)) if e.readable else None for e in entries]


def _process_all(
    entries: Sequence[rawdir.Entry],
    placed: dict[str, Placed],
    progress: Progress | None,
    results: ResultCache | None,
    keys: Sequence[Key | None] | None = None,
) -> list[Processed]:
    """Each entry's (Document, Location, Facts), in order: from the cache when the file and
    everything its result depends on are unchanged, else read by the workers in parallel."""
    keys = _keys(entries, placed, results) if keys is None else keys
    done: list[Processed | None] = [None] * len(entries)
    todo: list[tuple[int, Any]] = []
    count = 0

    def finished(index: int, processed: Processed) -> None:
        nonlocal count
        done[index] = _finish(entries[index], processed)
        count += 1
        if progress is not None:
            progress(count, len(entries), done[index][0].source)

    for index, entry in enumerate(entries):
        if not entry.readable:
            finished(index, _listed(entry))
            continue
        hit = results.get(keys[index]) if results is not None else None
        if hit is not None:
            finished(index, hit)
        else:
            todo.append((index, keys[index]))
    tasks = [(entries[index].read_path, placed.get(entries[index].source)) for index, _ in todo]
    for position, processed, pickled in _run_parallel(tasks):
        index, key = todo[position]
        if results is not None:
            results.put(key, processed, pickled)
        finished(index, processed)
    return [processed for processed in done if processed is not None]


def workers() -> int:
    """Worker processes for a build: FAZHI_BUILD_WORKERS, else the cores this process may use."""
    try:
        wanted = int(os.environ.get(WORKERS_ENV, "0"))
    except ValueError:
        wanted = 0
    if wanted > 0:
        return wanted
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _run_parallel(tasks: Sequence[Task]) -> Iterator[tuple[int, Processed, bytes]]:
    """(position, result, the result as a worker pickled it or b"") of every task as each finishes:
    spread over worker processes, each
    under the file budget (a file that runs too long or grows too big is stopped and gets a
    status), or in this process where no worker can be started. The stages are warmed here
    first, so every worker forked from this process starts warm; or, for a few files in a process
    without the table stage, in each worker before its first file. Either way a file's budget
    starts with a warm worker; and a process without the table stage imports it while they work."""
    if not tasks:
        return
    if not worker.available():
        for position, (path, placed) in enumerate(tasks):
            yield position, process_document(path, placed), b""
        return
    count = min(workers(), len(tasks))
    # A few files in a process that has not loaded the table stage yet (the command line): each
    # worker warms itself while this process imports the table stage. Otherwise this process warms
    # once and every worker forked from it starts warm (and a server stays warm for the next build).
    preload = len(tasks) <= count and "pandas" not in sys.modules
    # and in a process without the table stage, it is imported while the workers read the files
    table_stage = "pandas" not in sys.modules
    if not preload:
        warm()
    if len(tasks) > count:
        warm_words()  # several files per worker: one copy of the word lists, shared by every worker
        warm_readers(path for path, _ in tasks)  # … and of the libraries reading their kinds of file
    with _ocr_threads(count), _collector_paused():
        if count == 1:
            with worker.Worker(worker.default_budget()) as child:
                child.start()
                if table_stage:
                    _preload_table_stage()
                if preload:
                    child.warm()
                numbered = ((position, path, placed) for position, (path, placed) in enumerate(tasks))
                for position, outcome in child.process_files(worker.tasks_of(numbered), keep_text=False):
                    yield position, outcome.processed, outcome.pickled
            return
        if preload or table_stage:
            yield from _pool(tasks, count, preload=preload, table_stage=table_stage)
        else:
            yield from _pool(tasks, count)


def _preload_table_stage() -> None:
    """Import the table stage (pandas, pyarrow: most of a small build's start) in a thread,
    while the workers read the files. It holds worker.FORK_LOCK meanwhile: a worker restarted now
    waits for the import to end instead of being forked in the middle of it."""
    threading.Thread(target=_import_table_stage, name="fazhi-preload", daemon=True).start()


def _import_table_stage() -> None:
    with worker.FORK_LOCK:
        try:
            import pyarrow.parquet  # noqa: F401 - imported by the writers

            from pipeline import table

            table.validate(table.frames([])[0][list(table.COLUMNS)], "indicators")  # warms pandas' frame paths
        except Exception:  # noqa: BLE001 - only a head start: the table stage imports and raises itself
            logger.debug("preloading the table stage failed", exc_info=True)


def _pool(
    tasks: Sequence[Task], count: int, preload: bool = False, table_stage: bool = False
) -> Iterator[tuple[int, Processed, bytes]]:
    """`count` threads, each driving its own worker process, take tasks from shared queues (`_taker`); results
    come back to this thread (progress callbacks such as Streamlit's stay on the caller's thread).
    `preload`: each child warms itself first; `table_stage`: the table stage is imported meanwhile."""
    take = _taker(tasks)
    # (in C: a result is a put and a get)
    finished: queue.SimpleQueue[tuple[int, Processed, bytes]] = queue.SimpleQueue()

    # Every child is forked here, before the feeding threads start: a fork while another thread
    # is importing a module leaves that module's lock held for ever in the child.
    children = [worker.Worker(worker.default_budget()) for _ in range(count)]
    for child in children:
        child.start()
    if table_stage:
        _preload_table_stage()

    def drive(child: worker.Worker) -> None:
        with child:
            if preload:
                child.warm()
            for position, outcome in child.process_files(take, keep_text=False):
                finished.put((position, outcome.processed, outcome.pickled))

    threads = [
        threading.Thread(target=drive, args=(child,), name=f"fazhi-build-{i}", daemon=True)
        for i, child in enumerate(children)
    ]
    for thread in threads:
        thread.start()
    for _ in range(len(tasks)):
        yield finished.get()
    for thread in threads:
        thread.join()


def _taker(tasks: Sequence[Task]) -> worker.TaskSource:
    """The task source every worker of a pool takes from (a faster worker takes more files), giving
    (position, path, placed). A file OCR may read (seconds a page) goes only to a worker with nothing
    else to do, and before the others: queued behind another file, it could keep the other workers
    idle at the end. Any other file may also wait behind a worker's current one."""
    slow: queue.Queue[int] = queue.Queue()
    quick: queue.Queue[int] = queue.Queue()
    for position, (path, _) in enumerate(tasks):
        (slow if ocr.may_read(Path(path).name) else quick).put(position)

    def take(behind: bool) -> tuple[int, Path, Placed | None] | None:
        for pending in (quick,) if behind else (slow, quick):
            try:
                position = pending.get_nowait()
            except queue.Empty:
                continue
            return position, *tasks[position]
        return None

    return take


@contextmanager
def _collector_paused() -> Iterator[None]:
    """While a build makes its output set, this process's cyclic collector is off and what it held
    before is frozen: the results coming in, the table stage's imports (in a thread, meanwhile) and
    its frames are tens of thousands of new objects, and each threshold crossed set off a collection
    (a full one over everything, again and again: about half a second of a 2,000-report build). The
    build makes little cyclic garbage. Nested or concurrent builds pause it once: the last one out
    unfreezes it and turns it back on (unless it was off before), so nothing stays exempt in a
    process that lives on (the app's). What the build made goes to the oldest generation with what
    was frozen (scanned at the next full collection, as usual for long-lived objects): left in the
    youngest, the first collection after the build went through every one of them (~0.1 s)."""
    with _PAUSE_LOCK:
        if not _PAUSED["builds"]:
            _PAUSED["was_enabled"] = gc.isenabled()
            gc.freeze()
            gc.disable()
        _PAUSED["builds"] += 1
    try:
        yield
    finally:
        with _PAUSE_LOCK:
            _PAUSED["builds"] -= 1
            if not _PAUSED["builds"]:
                gc.freeze()  # what the build made joins the frozen objects …
                gc.unfreeze()  # … and all go to the oldest generation
                if _PAUSED["was_enabled"]:
                    gc.enable()


_PAUSE_LOCK = threading.Lock()
_PAUSED = {"builds": 0, "was_enabled": True}  # builds in this process pausing the collector, and its state before


def collector_on_outside_builds() -> bool:
    """Whether this process's cyclic collector is on when no build pauses it (a worker forked during a
    build turns its own on again only then). No lock: a child forked while another thread held it
    would wait for it for ever."""
    return _PAUSED["was_enabled"] if _PAUSED["builds"] else gc.isenabled()


@contextmanager
def _ocr_threads(count: int) -> Iterator[None]:
    """While `count` workers run, each one's OCR uses its share of the cores, not all of them."""
    from pipeline.ocr import THREADS_ENV

    before = os.environ.get(THREADS_ENV)
    if before is None:
        os.environ[THREADS_ENV] = str(max(1, (os.cpu_count() or 1) // count))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(THREADS_ENV, None)


def _listed(entry: rawdir.Entry) -> Processed:
    """An entry that is not read (a folder, a link out of raw, …), with the reason."""
    kind = Path(entry.source).suffix.lower().lstrip(".")
    doc = Document(entry.source, entry.source, "", kind, status=entry.status, message=entry.message)
    return doc, Location(None, None, status=entry.status, message=entry.message), []


def _finish(entry: rawdir.Entry, processed: Processed) -> Processed:
    """A file's result named as its raw entry, with any note about the entry's name."""
    if not entry.readable:
        return processed
    doc, loc, facts = processed
    doc = replace(doc, source=entry.source)
    if entry.message:  # a note about the file's name
        if doc.status == STATUS_OK:
            loc = bounds.with_note(loc, entry.message)
        else:
            doc = replace(doc, message=f"{doc.message} {entry.message}")
    return doc, loc, facts


@cache
def warm() -> None:
    """Run the stages once on a tiny report, so their lazy data (gazetteer, catalogue, word
    lists) is loaded in this process and every worker forked from it starts warm."""
    process_bytes(WARM_REPORT.encode("utf-8"), "warm.txt")


@cache
def warm_words() -> None:
    """Load the place-name tokenizer (jieba's dictionary with the gazetteer's and the catalogue's
    words: most of a worker's start) in this process, so workers forked from it share it instead
    of each loading its own. Only worth it when a worker gets more than one file. The reader of
    numbers spelt in Chinese (cn2an, ~0.1 s to import) is not loaded here: about one report in
    thirty needs it, and a worker imports it on its first (this process would, before any worker
    starts, for every build)."""
    from pipeline.regions import warm_up

    warm_up()


def warm_readers(paths: Iterable[Path]) -> None:
    """Import the file readers' libraries for the kinds among `paths` in this process (see
    `ingest.preload_readers`), before the workers are forked from it."""
    from pipeline.ingest import preload_readers

    preload_readers(Path(path).name for path in paths)


WARM_REPORT = "某市人民政府关于2023年法治政府建设情况的报告\n全年共受理行政复议案件12件。\n"


def _read_corrections(raw: Path | None) -> tuple[list, list]:
    """(the lines of corrections.csv, the problems of the lines that could not be read)."""
    from pipeline import catalogue, corrections

    return corrections.read(raw / CORRECTIONS_FILE, catalogue.indicators()) if raw else ([], [])


def _corrected(
    indicators: pd.DataFrame, located: pd.DataFrame, found: Sequence, problems: Sequence
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table with the corrections in force applied and every value's review state, and the
    report of every line."""
    import pandas as pd

    from pipeline import corrections, table

    active = corrections.in_force(found)
    stale = table.stale_reviews(indicators, located, active)  # rejections of a value since re-extracted
    corrected, report = table.apply_corrections(indicators, located, [c for c in active if c not in stale])
    corrected = table.apply_reviews(corrected, located, found)
    for row in report[report["status"] == "unmatched"].itertuples():
        logger.warning("%s line %s: %s", CORRECTIONS_FILE, row.line, row.message)
    for problem in problems:
        logger.warning("%s line %s: %s", CORRECTIONS_FILE, problem.line, problem.message)
    invalid = table.invalid_corrections(problems)
    return corrected, pd.concat([report, invalid], ignore_index=True) if len(invalid) else report


def _log_document(doc: Document, loc: Location) -> None:
    status, message = (doc.status, doc.message) if doc.status != STATUS_OK else (loc.status, loc.message)
    if status != STATUS_OK:
        logger.warning("%s: %s: %s", doc.source, status, message)


def _log_implausible(rows: Iterable[dict]) -> None:
    for row in rows:
        logger.warning(
            "%s: %s = %g is outside its range in pipeline/rules/indicators.yaml: left out (%s)",
            row["source"],
            row["indicator"],
            row["value"],
            row["evidence"][:40],
        )


def _log_cumulative(rows: Iterable[dict]) -> None:
    for row in rows:
        if row["period"] != PERIOD_YEAR:
            logger.info(
                "%s: %s %s %s = %g (%s) is a running total: kept in cumulative.csv, not in the single-year table",
                row["source"],
                row["jurisdiction"],
                row["year"],
                row["indicator"],
                row["value"],
                row["evidence"][:40],
            )


def extract(paths: Iterable[str | Path]) -> pd.DataFrame:
    """The resolved indicator table (table.COLUMNS) of files and folders. Writes nothing."""
    check_rules()
    return _tables(document_entries(paths), None).indicators


# ---------------------------------------------------------------- build and store


@dataclass(frozen=True)
class BuildResult:
    """What a build did: documents by status, row counts, seconds taken, where it wrote."""

    out: Path
    documents: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    conflicts: int = 0
    cumulative: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.documents.values())


def build(
    raw: str | Path = "data/raw",
    out: str | Path = "data/processed",
    progress: Progress | None = None,
    on_wait: Callable[[], None] | None = None,
) -> BuildResult:
    """Process every file in `raw` and write the tables to `out`, all or nothing.

    Bad files become rows of documents.csv with their status; a table failing its schema
    raises `table.SchemaViolation` and leaves the previous files in `out` untouched. Waits while
    another build of `out` runs (one at a time, across processes; `on_wait()` is called when
    waiting starts), then builds.
    """
    with outputs.locked(out, on_wait=on_wait):
        return _build_locked(Path(raw), Path(out), progress)


def ensure_built(
    raw: str | Path = "data/raw",
    out: str | Path = "data/processed",
    progress: Progress | None = None,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
    retry_failed: bool = False,
) -> BuildResult | None:
    """Build `out` if it is stale, once however many callers ask at the same time: the first
    builds, the others wait (`on_wait()` is called when they start waiting; LockTimeout after
    `wait` seconds) and then find it fresh. None when no build was needed.

    When the last build of these very inputs failed, raises BuildFailed with its message instead
    of failing again for every caller, unless `retry_failed`.
    """
    raw, out = Path(raw), Path(out)
    with outputs.locked(out, wait, on_wait):
        if not is_stale(raw, out):
            return None
        failure = last_failure(raw, out)
        if failure and not retry_failed:
            raise BuildFailed(failure)
        return _build_locked(raw, out, progress)


class BuildFailed(RuntimeError):
    """The last build of the same raw files failed; str() is its message."""


def _build_locked(raw: Path, out: Path, progress: Progress | None) -> BuildResult:
    from pipeline.regions import keep_tokenizer_in

    started = time.perf_counter()
    check_rules()  # a broken rule file stops the build; it is never one file's "error"
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    found = document_entries([raw])
    snapshot = _snapshot(_inputs(raw, found))
    try:
        results = ResultCache(out)
        keep_tokenizer_in(results.folder)  # before any worker is forked: they inherit it
        made = _output_set(found, progress, raw, out, results)
        results.save()
        result = _result(out, made, started)
        final = outputs.publish(out, _writers(made, _build_meta(result, raw, snapshot)))
        increment.save(out, results_cache.version(), replace(made.state, set_name=final.name), made.table)
    except Exception as err:
        _record_failure(out, snapshot, f"{type(err).__name__}: {err}")
        raise
    (out / FAILED_JSON).unlink(missing_ok=True)
    return replace(result, seconds=time.perf_counter() - started)


# ---------------------------------------------------------------- the output set, in full or spliced


@dataclass(frozen=True)
class OutputSet:
    """The bytes of every output file but build.json, the summary's counts, and the table state
    describing the files (its set_name filled in once the set is published)."""

    files: dict[str, Any]  # name -> the CSV's pieces (increment.Pieces), or the parquet file's bytes
    table: Any  # the indicator table as Arrow IPC (pyarrow.Buffer), kept for the next splice
    statuses: dict[str, int]
    rows: int
    conflicts: int
    cumulative: int
    state: increment.State


ADCODE_FILES = ("indicators.csv", "conflicts.csv", "cumulative.csv")
MAX_CHANGED_SHARE = 4  # more than 1/4 of the files changed (and more than 32): a full table stage is cheaper


def _output_set(
    entries: Sequence[rawdir.Entry], progress: Progress | None, raw: Path, out: Path, results: ResultCache
) -> OutputSet:
    """The new output set: spliced from the current one where only a few files changed (the
    places they touch made again, every other place's bytes copied: see pipeline.increment),
    else made in full. Both give the same bytes."""
    with rules.pinned(), _collector_paused():
        placed = _placed(raw)
        keys = _keys(entries, placed, results)
        idents = [_ident(entry, key) for entry, key in zip(entries, keys, strict=True)]
        previous = increment.load(out, results_cache.version())
        if previous is not None and _few_changed(previous, entries, idents):
            try:
                return _spliced(previous, entries, keys, idents, placed, progress, raw, out, results)
            except increment.Unusable as err:
                logger.info("making the tables in full: %s", err)
            except Exception:  # noqa: BLE001 - never worse than a full build: make them in full instead
                logger.warning("the incremental table stage failed; making the tables in full", exc_info=True)
        processed = _in_name_order(_process_all(entries, placed, progress, results, keys))
        return _in_full(_made(processed, raw), entries, idents, processed)


def _ident(entry: rawdir.Entry, key: Key | None) -> tuple | None:
    """What an entry's result depends on; None (never the same) for a file that could not be keyed."""
    if entry.readable and key is None:
        return None
    return (entry.readable, entry.status, entry.message, key)


def _unchanged(before: increment.Source | None, ident: tuple | None) -> bool:
    return before is not None and ident is not None and before.ident == ident and before.kept


def _few_changed(previous: increment.State, entries: Sequence[rawdir.Entry], idents: Sequence) -> bool:
    """Whether splicing pays: few files changed, and every file has a name of its own (two raw
    names shown alike, e.g. one not UTF-8, would share a line of documents.csv by name)."""
    if len({entry.source for entry in entries}) != len(entries):
        return False
    changed = sum(not _unchanged(previous.sources.get(e.source), i) for e, i in zip(entries, idents, strict=True))
    removed = len(previous.sources.keys() - {e.source for e in entries})
    return changed + removed <= max(32, len(entries) // MAX_CHANGED_SHARE)


def _source(ident: tuple | None, processed: Processed, place: tuple | None, status: str) -> increment.Source:
    doc, loc, _ = processed
    kept = ident is not None and doc.status not in results_cache.NOT_KEPT and loc.status not in results_cache.NOT_KEPT
    return increment.Source(ident, kept, loc.place.adcode if loc.place else "", place, status)


def _in_full(
    made: Made, entries: Sequence[rawdir.Entry], idents: Sequence, processed: Sequence[Processed]
) -> OutputSet:
    tables = made.tables
    # the parquet file and its Arrow copy are made in a thread (Arrow frees the GIL) while the CSVs are made
    parquet = _in_thread(increment.encoded, increment.arrow_table(tables.indicators))
    files, layouts = {}, {}
    for name, frame in _csv_frames(tables).items():
        header, lines = increment.csv_lines(frame)
        part = increment.PARTED_BY.get(name)
        files[name], found = increment.layout(header, lines, frame[part].tolist() if part else ["" for _ in lines])
        if part and found is not None:
            layouts[name] = found
    files[increment.PARQUET], table = parquet()
    ident_of = {entry.source: ident for entry, ident in zip(entries, idents, strict=True)}
    statuses = dict(zip(tables.documents["source"], tables.documents["status"], strict=True))
    sources = {
        p[0].source: _source(ident_of.get(p[0].source), p, made.places.get(p[0].source), statuses[p[0].source])
        for p in processed
    }
    state = increment.State(
        set_name="",
        sources=sources,
        layouts=layouts,
        table_sha256=hashlib.sha256(table).hexdigest(),
        correction_places=made.named,
        chosen=_chosen(tables.conflicts),
    )
    return OutputSet(
        files=files,
        table=table,
        statuses=dict(Counter(statuses.values())),
        rows=len(tables.indicators),
        conflicts=sum(state.chosen.values()),
        cumulative=len(tables.cumulative),
        state=state,
    )


def _csv_frames(tables: Tables) -> dict[str, pd.DataFrame]:
    return {
        "indicators.csv": tables.indicators,
        "documents.csv": tables.documents,
        "conflicts.csv": tables.conflicts,
        "cumulative.csv": tables.cumulative,
        "corrections_applied.csv": tables.corrections,
    }


def _chosen(conflicts: pd.DataFrame) -> dict[str, int]:
    """adcode -> conflicts.csv rows chosen there (one per conflicting key with a kept value)."""
    return dict(Counter(a for a, chosen in zip(conflicts["adcode"], conflicts["chosen"], strict=True) if chosen))


def _spliced(
    previous: increment.State,
    entries: Sequence[rawdir.Entry],
    keys: Sequence[Key | None],
    idents: Sequence,
    placed: dict[str, Placed],
    progress: Progress | None,
    raw: Path,
    out: Path,
    results: ResultCache,
) -> OutputSet:
    """The output set made from the current one: the changed files are read, and every place
    they touch (their old and new places, and every place corrections.csv names, before and
    after) is made again from all of its files by the same table stage as a full build."""
    changed = [i for i, e in enumerate(entries) if not _unchanged(previous.sources.get(e.source), idents[i])]
    touched = _places_before(previous, entries, changed)
    kept = increment.table_path(out, results_cache.version())
    old = increment.Previous(outputs.current(out), kept, previous, worker.FORK_LOCK)
    # read before the table stage is imported: a few files' workers then warm while it imports
    fresh = {p[0].source: p for p in _process_each(entries, changed, keys, placed, progress, results)}
    located, named_now = _places_now(previous, entries, fresh, raw)
    touched = (touched | named_now) - {""}
    fresh |= _read_again(previous, entries, keys, placed, results, touched, set(changed))
    redo = [fresh[s] for s in sorted(fresh)]
    return _splice(previous, _made(redo, raw, located), entries, idents, redo, touched, old)


def _places_before(previous: increment.State, entries: Sequence[rawdir.Entry], changed: Sequence[int]) -> set[str]:
    """The places of the removed and changed files as the last build saw them, and the places
    corrections.csv named then."""
    current = {entry.source for entry in entries}
    before = [previous.sources[s] for s in previous.sources.keys() - current]
    before += [previous.sources[entries[i].source] for i in changed if entries[i].source in previous.sources]
    return {s.adcode for s in before} | previous.correction_places


def _places_now(
    previous: increment.State, entries: Sequence[rawdir.Entry], fresh: dict[str, Processed], raw: Path
) -> tuple[pd.DataFrame, set[str]]:
    """(every file's place as corrections look it up, the places of the fresh files and the places
    corrections.csv names now)."""
    from pipeline import table

    current = {entry.source for entry in entries}
    places = {s: r.place for s, r in previous.sources.items() if s in current}
    touched = set()
    for source, (doc, loc, facts) in fresh.items():
        places[source] = table.single_year_place(table.plausible(table.rows_for(doc, loc, facts))[0])
        touched.add(loc.place.adcode if loc.place else "")
    located = table.places_frame(places[s] for s in sorted(places) if places[s] is not None)
    return located, touched | table.named_places(located, _read_corrections(raw)[0])


def _read_again(
    previous: increment.State,
    entries: Sequence[rawdir.Entry],
    keys: Sequence[Key | None],
    placed: dict[str, Placed],
    results: ResultCache,
    touched: set[str],
    changed: set[int],
) -> dict[str, Processed]:
    """The unchanged files at the touched places (from the cache; read again where it lost one).
    Every other unchanged file's result is kept in the cache for the next build, unread."""
    again = [i for i, e in enumerate(entries) if i not in changed and previous.sources[e.source].adcode in touched]
    needed = changed | set(again)
    for i in range(len(entries)):
        if i not in needed:
            results.keep(keys[i])
    found = {}
    for doc, loc, facts in _process_each(entries, again, keys, placed, None, results):
        if (loc.place.adcode if loc.place else "") != previous.sources[doc.source].adcode:
            raise increment.Unusable(f"{doc.source} is no longer at the place the state records")
        found[doc.source] = (doc, loc, facts)
    return found


def _process_each(
    entries: Sequence[rawdir.Entry],
    indices: Sequence[int],
    keys: Sequence[Key | None],
    placed: dict[str, Placed],
    progress: Progress | None,
    results: ResultCache,
) -> list[Processed]:
    return _process_all([entries[i] for i in indices], placed, progress, results, [keys[i] for i in indices])


def _splice(
    previous: increment.State,
    made: Made,
    entries: Sequence[rawdir.Entry],
    idents: Sequence,
    redo: Sequence[Processed],
    touched: set[str],
    old: increment.Previous,
) -> OutputSet:
    """The new set's files: the touched places' and the redone files' rows from `made`, every
    other place's and file's bytes from the current set (`old`); and the state describing them."""
    tables = made.tables
    parquet = _spliced_parquet(previous, old, tables.indicators, touched)
    files, layouts = {}, {}
    for name in ADCODE_FILES:
        files[name], layouts[name] = _splice_csv(previous, old, name, _csv_frames(tables)[name], touched, "adcode")
    redone = {doc.source for doc, _, _ in redo}
    order = sorted(entry.source for entry in entries)
    files["documents.csv"], layouts["documents.csv"] = _splice_csv(
        previous, old, "documents.csv", tables.documents, redone, "source", order
    )
    header, lines = increment.csv_lines(tables.corrections)
    files["corrections_applied.csv"] = [header, *lines]
    statuses = dict(zip(tables.documents["source"], tables.documents["status"], strict=True))
    ident_of = {entry.source: ident for entry, ident in zip(entries, idents, strict=True)}
    sources = {s: previous.sources[s] for s in order if s not in redone}
    for p in redo:
        source = p[0].source
        sources[source] = _source(ident_of[source], p, made.places.get(source), statuses[source])
    chosen = {a: n for a, n in previous.chosen.items() if a not in touched} | _chosen(tables.conflicts)
    files[increment.PARQUET], table = parquet()
    state = increment.State(
        set_name="",
        sources=dict(sorted(sources.items())),
        layouts=layouts,
        table_sha256=hashlib.sha256(table).hexdigest(),
        correction_places=made.named,
        chosen=chosen,
    )
    return OutputSet(
        files=files,
        table=table,
        statuses=dict(Counter(s.status for s in sources.values())),
        rows=_rows(layouts["indicators.csv"]),
        conflicts=sum(chosen.values()),
        cumulative=_rows(layouts["cumulative.csv"]),
        state=state,
    )


def _in_thread(fn: Callable[..., T], *args: Any) -> Callable[[], T]:
    """Run fn(*args) in a thread; the returned function waits for its result (or raises its error)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, fn(*args)))
        except BaseException as err:  # noqa: BLE001 - handed to the caller
            outcome.append((False, err))

    thread = threading.Thread(target=run, name="fazhi-outputs", daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        done, value = outcome[0]
        if not done:
            raise value
        return value

    return result


def _splice_csv(
    previous: increment.State,
    old: increment.Previous,
    name: str,
    frame: pd.DataFrame,
    redone: set[str],
    part: str,
    order: list[str] | None = None,
) -> tuple[bytes, increment.Layout]:
    """One CSV of the new set: `redone` parts from `frame`, the others copied from the current set."""
    before = previous.layouts.get(name)
    if before is None:
        raise increment.Unusable(f"no layout of {name}")
    header, lines = increment.csv_lines(frame)
    parts = frame[part].tolist()
    new = increment.lines_by_part(lines, parts)
    if order is None:  # parts are places: the untouched ones kept, the touched ones as made now
        order = sorted((before.blocks.keys() - redone) | new.keys())
    return increment.splice(old.bytes(name), before, header, new, redone, order)


def _spliced_parquet(
    previous: increment.State, old: increment.Previous, indicators: pd.DataFrame, touched: set[str]
) -> Callable[[], tuple[bytes, Any]]:
    """The new parquet file's bytes and Arrow IPC copy, made in a thread (Arrow frees the GIL)
    from what is taken of the frame here (pandas objects stay in this thread); call the result to
    wait for them."""
    before = previous.layouts["indicators.csv"]
    new = increment.arrow_table(indicators)
    ranges = increment.row_ranges(indicators["adcode"].tolist())
    order = sorted((before.blocks.keys() - touched) | ranges.keys())

    def spliced() -> tuple[bytes, Any]:
        return increment.encoded(
            increment.splice_parquet(old.bytes(increment.TABLE), before, new, ranges, touched, order)
        )

    return _in_thread(spliced)


def _rows(layout: increment.Layout) -> int:
    return max((stop for _, _, _, stop in layout.blocks.values()), default=0)


def _result(out: Path, made: OutputSet, started: float) -> BuildResult:
    return BuildResult(
        out=out,
        documents=dict(sorted(made.statuses.items())),
        rows=made.rows,
        conflicts=made.conflicts,
        cumulative=made.cumulative,
        seconds=time.perf_counter() - started,
    )


FAILED_JSON = ".failed.json"  # the last failed build: its inputs and message (hidden; removed on success)


def _record_failure(out: Path, snapshot: dict, message: str) -> None:
    record = {"pipeline_version": pipeline_version(), "files": _files(snapshot), "message": message}
    temporary = out / f"{FAILED_JSON}.{os.getpid()}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_json(record, temporary)
        os.replace(temporary, out / FAILED_JSON)
    except OSError:
        logger.warning("could not record the failed build in %s", out, exc_info=True)
        temporary.unlink(missing_ok=True)


def last_failure(raw: str | Path, out: str | Path) -> str:
    """The message of the last failed build when it was of the current raw files and pipeline, else ''."""
    record = _read_meta(Path(out) / FAILED_JSON)
    if record is None or record.get("pipeline_version") != pipeline_version():
        return ""
    raw = Path(raw)
    current = _snapshot(_inputs(raw, document_entries([raw]))) if raw.is_dir() else {}
    return str(record.get("message", "")) if record.get("files") == _files(current) else ""


def _files(snapshot: dict[str, dict[str, int]]) -> list[dict]:
    return [{"name": name, **stat} for name, stat in snapshot.items()]


def _inputs(raw: Path, found: Sequence[rawdir.Entry]) -> list[Path]:
    """The entries plus the editors' files present: a change to any makes a build stale."""
    return [*(e.path for e in found), *(raw / name for name in sorted(SKIPPED_NAMES) if (raw / name).is_file())]


def _snapshot(paths: Iterable[Path]) -> dict[str, dict[str, int]]:
    """name -> size and mtime (ns) of each raw entry."""
    return rawdir.snapshot(paths)


def _build_meta(result: BuildResult, raw: Path, snapshot: dict[str, dict[str, int]]) -> dict:
    return {
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
        "pipeline_version": pipeline_version(),
        "raw": str(raw),
        "counts": {
            "documents": result.documents,
            "rows": result.rows,
            "conflicts": result.conflicts,
            "cumulative": result.cumulative,
        },
        "seconds": round(result.seconds, 3),
        "files": _files(snapshot),
    }


@cache
def pipeline_version() -> str:
    """VERSION plus a digest of the pipeline's code and rules: a change to either makes a
    build stale. Computed once per process."""
    from pipeline.rules import rules_dir

    digest = hashlib.sha256(VERSION.encode())
    # the rules in force: pipeline/rules/, or an editor's draft copy named by FAZHI_RULES_DIR
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("rules/*"), *rules_dir().glob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{VERSION}+{digest.hexdigest()[:12]}"


def _writers(made: OutputSet, meta: dict) -> dict[str, Callable[[Path], None]]:
    """Output name -> a function writing it to a given path (build.json last)."""
    writers: dict[str, Callable[[Path], None]] = {}
    for name in OUTPUTS:
        write = _write_parquet if name == increment.PARQUET else _write_bytes
        writers[name] = lambda path, data=made.files[name], write=write: write(data, path)
    writers[BUILD_JSON] = lambda path: _write_json(meta, path)
    return writers


def _write_bytes(pieces: increment.Pieces, path: Path) -> None:
    """A CSV from its pieces (its formula-like text already quoted: increment.csv_lines)."""
    with path.open("wb") as handle:
        handle.writelines(pieces)


def _write_parquet(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def is_stale(raw: str | Path = "data/raw", out: str | Path = "data/processed") -> bool:
    """True when `out` needs a new build.

    That is: indicators.csv or build.json is missing or unreadable; a raw file was added,
    removed, or differs in size or mtime from what build.json recorded (this covers a raw
    file touched after the build); or the pipeline's code or rules changed since.
    A missing raw folder counts as an empty one.
    """
    out = outputs.current(out)  # build.json and indicators.csv of one set
    meta = _read_meta(out / BUILD_JSON)
    if meta is None or not (out / "indicators.csv").is_file():
        return True
    if meta.get("pipeline_version") != pipeline_version():
        return True
    recorded = {f.get("name"): {"size": f.get("size"), "mtime_ns": f.get("mtime_ns")} for f in meta.get("files", [])}
    raw = Path(raw)
    current = _snapshot(_inputs(raw, document_entries([raw]))) if raw.is_dir() else {}
    return current != recorded


def _read_meta(path: Path) -> dict | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None
