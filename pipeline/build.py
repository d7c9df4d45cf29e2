"""Orchestration and storage: raw files -> stages -> tables -> data/processed.

Owns: running the stages over files (ingest -> locate -> extract -> derive, then `table`),
turning a failure of any stage on one file into that document's status "error" (the build
goes on), writing the processed files atomically, and deciding whether they are stale.

Must never: parse report text or decide places, years or values (the stages do), build or
reshape table columns (`table` does), or modify anything under the raw folder.

Outputs of `build(raw, out)`, all replaced together only after every one was written and
every table passed its schema: indicators.csv / indicators.parquet (one value per adcode,
year, indicator), documents.csv (one row per raw file), conflicts.csv, cumulative.csv (running
totals, never mixed with single-year values) and build.json (time, counts, pipeline version,
the raw files with sizes and mtimes; `is_stale` compares against it).

Import-light on purpose: pandas/pandera (via `table`) and the stage modules are imported on
first use, so `python -m pipeline --help` stays quick.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pipeline.corrections import FILE_NAME as CORRECTIONS_FILE
from pipeline.corrections import PLACES_FILE
from pipeline.model import PERIOD_YEAR, STATUS_ERROR, STATUS_OK, Document, Fact, Location, Place
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
    sub_place_names: Callable[[Place], list[str]]
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
    doc, error = _attempt("ingest", run.read_document, path)
    return _after_ingest(doc or _failed(path.name, str(path), error), run, placed)


def process_bytes(data: bytes, name: str) -> Processed:
    """(Document, Location, Facts) of uploaded bytes named `name`. Never raises for bad bytes."""
    check_rules()
    run = stages()
    doc, error = _attempt("ingest", run.read_bytes, data, name)
    return _after_ingest(doc or _failed(name, name, error), run)


def _attempt(stage: str, fn: Callable[..., T], *args: Any) -> tuple[T | None, str]:
    """(fn(*args), "") or (None, a message naming the stage) when it raises."""
    try:
        return fn(*args), ""
    except Exception as err:  # noqa: BLE001 - one bad file must never stop a build
        logger.debug("stage %s raised", stage, exc_info=True)
        return None, f"处理出错({stage} 阶段 / stage {stage} failed):{type(err).__name__}: {err}"


def _failed(source: str, path: str, message: str) -> Document:
    kind = Path(source).suffix.lower().lstrip(".")
    return Document(source=source, path=path, text="", kind=kind, status=STATUS_ERROR, message=message)


def _after_ingest(doc: Document, run: Stages, placed: Placed | None = None) -> Processed:
    if doc.status != STATUS_OK:
        return doc, Location(None, None, status=doc.status, message=doc.message), []
    loc, error = _attempt("locate", run.locate, doc)
    if loc is not None and placed is not None:
        loc, error = _attempt("locate", run.override, loc, *placed)
    if loc is None:
        return doc, Location(None, None, status=STATUS_ERROR, message=error), []
    facts, error = _facts(doc, loc, run)
    if error:
        return doc, replace(loc, status=STATUS_ERROR, message=error), []
    return doc, loc, facts


def _facts(doc: Document, loc: Location, run: Stages) -> tuple[list[Fact], str]:
    sub_places: list[str] = []
    if loc.place is not None:
        sub_places, error = _attempt("regions", run.sub_place_names, loc.place)
        if error:
            return [], error
    found, error = _attempt("extract", run.extract_facts, doc.text, loc.year, loc.place, sub_places)
    if error:
        return [], error
    facts, error = _attempt("derive", run.derive_facts, found, loc.year)
    return (facts, "") if not error else ([], error)


# ---------------------------------------------------------------- files -> tables


def document_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (sorted, not recursive, no hidden
    files, no corrections.csv). Raises FileNotFoundError for a path that does not exist."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(p for p in sorted(path.iterdir()) if _is_report(p))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return files


def _is_report(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and path.name not in SKIPPED_NAMES


@dataclass(frozen=True)
class Tables:
    """The schema-checked tables of one run."""

    indicators: pd.DataFrame
    cumulative: pd.DataFrame
    conflicts: pd.DataFrame
    documents: pd.DataFrame
    corrections: pd.DataFrame


def _tables(files: Sequence[Path], progress: Progress | None, raw: Path | None = None) -> Tables:
    """The tables of `files`; `raw` is the folder whose editor files (corrections, report
    places) apply, None for none."""
    from pipeline import corrections, table

    placed, problems = corrections.read_report_places(raw / PLACES_FILE) if raw else ({}, [])
    for problem in problems:
        logger.warning("%s", problem.message)
    documents, rows = [], []
    for done, path in enumerate(files, 1):
        doc, loc, facts = process_document(path, placed.get(path.name))
        _log_document(doc, loc)
        documents.append(table.document_row(doc, loc))
        rows.extend(table.rows_for(doc, loc, facts))
        if progress is not None:
            progress(done, len(files), doc.source)
    rows, implausible = table.plausible(rows)
    _log_implausible(implausible)
    _log_cumulative(rows)
    single, cumulative = table.frames(rows)
    indicators, conflicts = table.resolve(single)
    indicators, corrected = _corrected(indicators, single, raw / CORRECTIONS_FILE if raw else None)
    return Tables(
        indicators=table.validate(indicators, "indicators"),
        cumulative=table.validate(cumulative, "cumulative"),
        conflicts=table.validate(conflicts, "conflicts"),
        documents=table.validate(table.documents_frame(documents, indicators), "documents"),
        corrections=table.validate(corrected, "corrections"),
    )


def _corrected(indicators: pd.DataFrame, located: pd.DataFrame, path: Path | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table with the corrections in force applied, and the report of every line."""
    import pandas as pd

    from pipeline import catalogue, corrections, table

    found, problems = corrections.read(path, catalogue.indicators()) if path else ([], [])
    corrected, report = table.apply_corrections(indicators, located, corrections.in_force(found))
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
    return _tables(document_files(paths), None).indicators


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
    raw: str | Path = "data/raw", out: str | Path = "data/processed", progress: Progress | None = None
) -> BuildResult:
    """Process every file in `raw` and write the tables to `out`, all or nothing.

    Bad files become rows of documents.csv with their status; a table failing its schema
    raises `table.SchemaViolation` and leaves the previous files in `out` untouched.
    """
    started = time.perf_counter()
    check_rules()
    raw, out = Path(raw), Path(out)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw}")
    files = document_files([raw])
    snapshot = _snapshot(_inputs(raw, files))
    tables = _tables(files, progress, raw)
    counts = Counter(tables.documents["status"])
    result = BuildResult(
        out=out,
        documents=dict(sorted(counts.items())),
        rows=len(tables.indicators),
        conflicts=int(tables.conflicts["indicator"].nunique() and _conflict_keys(tables)),
        cumulative=len(tables.cumulative),
        seconds=time.perf_counter() - started,
    )
    out.mkdir(parents=True, exist_ok=True)
    _write_all(out, _writers(tables, _build_meta(result, raw, snapshot)))
    return replace(result, seconds=time.perf_counter() - started)


def _conflict_keys(tables: Tables) -> int:
    """Number of (adcode, year, indicator) keys that had conflicting values."""
    return int(tables.conflicts["chosen"].sum())


def _inputs(raw: Path, files: Sequence[Path]) -> list[Path]:
    """The reports plus the editors' files present: a change to any makes a build stale."""
    return [*files, *(raw / name for name in sorted(SKIPPED_NAMES) if (raw / name).is_file())]


def _snapshot(files: Iterable[Path]) -> dict[str, dict[str, int]]:
    """name -> size and mtime (ns) of each raw file."""
    stats = {path.name: path.stat() for path in files}
    return {name: {"size": st.st_size, "mtime_ns": st.st_mtime_ns} for name, st in stats.items()}


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
        "files": [{"name": name, **stat} for name, stat in snapshot.items()],
    }


@cache
def pipeline_version() -> str:
    """VERSION plus a digest of the pipeline's code and rules: a change to either makes a
    build stale. Computed once per process."""
    digest = hashlib.sha256(VERSION.encode())
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("rules/*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{VERSION}+{digest.hexdigest()[:12]}"


def _writers(tables: Tables, meta: dict) -> dict[str, Callable[[Path], None]]:
    """Output name -> a function writing it to a given path (build.json last)."""
    return {
        "indicators.csv": lambda path: _write_csv(tables.indicators, path),
        "indicators.parquet": lambda path: _write_parquet(tables.indicators, path),
        "documents.csv": lambda path: _write_csv(tables.documents, path),
        "conflicts.csv": lambda path: _write_csv(tables.conflicts, path),
        "cumulative.csv": lambda path: _write_csv(tables.cumulative, path),
        "corrections_applied.csv": lambda path: _write_csv(tables.corrections, path),
        BUILD_JSON: lambda path: _write_json(meta, path),
    }


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8")


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def _write_json(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_all(out: Path, writers: dict[str, Callable[[Path], None]]) -> None:
    """Write every output to a hidden temp file in `out`, then move them all into place.

    If any writer raises, nothing is replaced and the temp files are removed, so the
    previous build stays intact and readable.
    """
    temps: dict[str, Path] = {}
    try:
        for name, write in writers.items():
            temps[name] = _temp_path(out, name)
            write(temps[name])
        for name, temp in temps.items():
            os.replace(temp, out / name)
    finally:
        for temp in temps.values():
            temp.unlink(missing_ok=True)


def _temp_path(out: Path, name: str) -> Path:
    handle, path = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
    os.close(handle)
    return Path(path)


def is_stale(raw: str | Path = "data/raw", out: str | Path = "data/processed") -> bool:
    """True when `out` needs a new build.

    That is: indicators.csv or build.json is missing or unreadable; a raw file was added,
    removed, or differs in size or mtime from what build.json recorded (this covers a raw
    file touched after the build); or the pipeline's code or rules changed since.
    A missing raw folder counts as an empty one.
    """
    out = Path(out)
    meta = _read_meta(out / BUILD_JSON)
    if meta is None or not (out / "indicators.csv").is_file():
        return True
    if meta.get("pipeline_version") != pipeline_version():
        return True
    recorded = {f.get("name"): {"size": f.get("size"), "mtime_ns": f.get("mtime_ns")} for f in meta.get("files", [])}
    raw = Path(raw)
    current = _snapshot(_inputs(raw, document_files([raw]))) if raw.is_dir() else {}
    return current != recorded


def _read_meta(path: Path) -> dict | None:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None
