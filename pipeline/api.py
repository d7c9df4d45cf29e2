"""The pipeline's public API: everything the app, the benchmarks and scripts may call.

Owns: naming the functions and records outside code uses — build a processed folder, extract
a table without writing it, preview one upload, the indicator catalogue, the upload limits,
and the editors' log (corrections and reviews: reader and writer). Every other module of
`pipeline` is an internal stage and may change without notice.

Must never: hold logic of its own beyond forwarding (the stages own their work), or import
pandas or a stage at import time (`import pipeline.api` stays cheap for the app's start).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.build import BuildResult, build, extract, is_stale, process_bytes, process_document
from pipeline.corrections import FILE_NAME as CORRECTIONS_FILE
from pipeline.corrections import PLACES_FILE, Correction, Problem
from pipeline.model import Document, Fact, Location, Place
from pipeline.rules import RulesError

__all__ = [
    "CORRECTIONS_FILE",
    "PLACES_FILE",
    "BuildResult",
    "Correction",
    "Document",
    "Fact",
    "Location",
    "Place",
    "Problem",
    "RulesError",
    "append_correction",
    "build",
    "catalogue",
    "extract",
    "is_stale",
    "limits",
    "preview",
    "process_bytes",
    "process_document",
    "read_corrections",
]


def preview(data: bytes, name: str) -> tuple[Document, Location, list[Fact]]:
    """What the build would make of one uploaded file, written nowhere and never raising."""
    return process_bytes(data, name)


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


def append_correction(path: str | Path, correction: Correction) -> None:
    """Append one line to an editors' log (creating it with its header)."""
    from pipeline.corrections import append

    append(path, correction)
