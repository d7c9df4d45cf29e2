"""The pipeline's public API: everything the app, the benchmarks and scripts may call.

Owns: naming the functions and records outside code uses — build a processed folder (or
only when stale, once for all callers), the processed set to read now, extract a table
without writing it, preview one upload, import many (files, folders, .zip archives) into the
raw folder under safe names, the indicator catalogue, the upload limits, the editors' log
(corrections and reviews: reader and writer), the editor accounts, a report's text (for the
review queue's context), and the confidence and review vocabularies. Every other module of
`pipeline` is an internal stage and may change without notice.

Must never: hold logic of its own beyond forwarding (the stages own their work), or import
pandas or a stage at import time (`import pipeline.api` stays cheap for the app's start).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import build as _build
from pipeline.build import (
    BuildFailed,
    BuildResult,
    build,
    ensure_built,
    extract,
    is_stale,
    last_failure,
    process_bytes,
    process_document,
)
from pipeline.corrections import FILE_NAME as CORRECTIONS_FILE
from pipeline.corrections import PLACES_FILE, Correction, Problem, append_report_place
from pipeline.imports import Item, Outcome, archive_items, import_paths
from pipeline.imports import store as store_outcome
from pipeline.model import Document, Fact, Location, Place
from pipeline.outputs import LockTimeout
from pipeline.rawstore import MAX_NAME_BYTES, Index, Stored, find_same, listing, safe_name, save
from pipeline.rules import RulesError
from pipeline.table import TEXT_COLUMNS as INDICATOR_TEXT_COLUMNS

__all__ = [
    "OUTPUT_FILES",
    "INDICATOR_TEXT_COLUMNS",
    "CORRECTIONS_FILE",
    "MAX_NAME_BYTES",
    "PLACES_FILE",
    "BuildFailed",
    "BuildResult",
    "LockTimeout",
    "Correction",
    "Document",
    "Fact",
    "Index",
    "Item",
    "Location",
    "Outcome",
    "Place",
    "Problem",
    "RulesError",
    "Stored",
    "account_names",
    "account_stamp",
    "append_correction",
    "append_report_place",
    "archive_items",
    "build",
    "catalogue",
    "current_set",
    "ensure_built",
    "confidence_tier",
    "document_text",
    "evidence_hash",
    "extract",
    "find_same",
    "import_paths",
    "is_stale",
    "last_failure",
    "limits",
    "listing",
    "needs_build",
    "outcome",
    "preview",
    "process_bytes",
    "process_document",
    "read_corrections",
    "restore_csv_text",
    "safe_name",
    "save",
    "store_outcome",
    "signal_labels",
    "verify_account",
]


def preview(data: bytes, name: str) -> tuple[Document, Location, list[Fact]]:
    """What the build would make of one uploaded file, written nowhere and never raising: under
    the same per-file time and memory budget as a build (anyone may preview an upload)."""
    from pipeline.worker import process_bytes_bounded

    return process_bytes_bounded(data, name)


def outcome(name: str, doc: Document, loc: Location, facts: list[Fact]) -> Outcome:
    """One file's import result (place, year, values found, status, message) from its preview."""
    from pipeline.imports import outcome as make

    return make(name, doc, loc, facts)


def needs_build(raw: str | Path, out: str | Path) -> bool:
    """`is_stale(raw, out)` for a caller asking on every rerun: the full check runs again only when
    the raw folder or the processed set changed (a report rewritten in place in a large folder is
    seen within a few seconds); otherwise a few stats answer."""
    from pipeline.freshness import needs_build as cached

    return cached(raw, out)


def current_set(out: str | Path) -> Path:
    """The folder holding the processed set to read now (resolve once, read every file from it:
    a build switching sets meanwhile never mixes two sets); `out` itself for a plain copy."""
    from pipeline.outputs import current

    return current(out)


def restore_csv_text(frame: Any) -> Any:
    """A processed CSV as pandas read it, with every text as the build had it (the build writes
    text that a spreadsheet would run as a formula with a leading ')."""
    from pipeline.outputs import restore_frame

    return restore_frame(frame)


def catalogue() -> dict[str, dict[str, Any]]:
    """Indicator id -> its catalogue entry (name, unit, family, …), in catalogue order."""
    from pipeline.catalogue import indicators

    return indicators()


def limits() -> tuple[int, tuple[str, ...]]:
    """(largest accepted file size in bytes, accepted file suffixes)."""
    from pipeline.ingest import MAX_BYTES, SUPPORTED

    return int(MAX_BYTES), tuple(SUPPORTED)


def read_corrections(path: str | Path) -> tuple[list[Correction], list[Problem]]:
    """Every usable line of an editors' log in file order, and the lines that could not be used."""
    from pipeline.corrections import read

    return read(path, catalogue())


def append_correction(path: str | Path, correction: Correction) -> int:
    """Append one line to an editors' log (creating it with its header), under a lock; the line
    number it got (the header is line 1)."""
    from pipeline.corrections import append

    return append(path, correction)


def evidence_hash(evidence: str) -> str:
    """The digest a confirm/reject line records of the evidence it judged."""
    from pipeline.review import evidence_hash as digest

    return digest(evidence)


def confidence_tier(signals: tuple[str, ...]) -> str:
    """high, medium or low for a Fact's signals (the document's own; the table adds conflict/outlier)."""
    from pipeline import confidence

    return confidence.tier(signals)


def signal_labels(signals: str) -> list[str]:
    """The Chinese labels of a `signals` cell ("a;b") of indicators.csv."""
    from pipeline import confidence

    return confidence.labels(confidence.split(signals))


def document_text(raw: str | Path, source: str) -> str:
    """The normalised text of the raw file `source` (the text evidence offsets refer to); "" when
    it is not a plain file inside `raw` or cannot be read."""
    folder = Path(raw).resolve()
    path = (folder / source).resolve()
    if path.parent != folder or not path.is_file():
        return ""
    from pipeline.build import stages

    try:
        return stages().read_document(path).text
    except Exception:  # noqa: BLE001 - a file the build could not read has no text to show
        return ""


def account_names(path: str | Path | None = None) -> list[str]:
    """The editor accounts (data/editors.json or $FAZHI_EDITORS_FILE); [] when there is none or it is unreadable."""
    from pipeline import accounts

    try:
        return accounts.names(path)
    except accounts.AccountError:
        return []


def verify_account(name: str, password: str, path: str | Path | None = None) -> str | None:
    """The account's name when the password is right, else None."""
    from pipeline import accounts

    return accounts.verify(name, password, path)


def account_stamp(name: str, path: str | Path | None = None) -> str:
    """Changes when the account's password changes or it is removed (sessions keep it to log out)."""
    from pipeline import accounts

    return accounts.stamp(name, path)


# The files a build writes into the processed folder (the app watches them for changes).
OUTPUT_FILES: tuple[str, ...] = (*_build.OUTPUTS, _build.BUILD_JSON)
