"""The small frozen records that flow between pipeline stages.

This module owns the shared vocabulary of the pipeline: a `Document` (what
`ingest` read), a `Place` (what `regions` knows), a `Location` (what `locate`
decided about a document) and a `Fact` (what `extract` and `derive` found).
It must never import another pipeline module: every stage depends on it, it
depends on none.
"""

from __future__ import annotations

from dataclasses import dataclass

# Document statuses, in the order a build reports them.
STATUS_OK = "ok"
STATUS_EMPTY = "empty"
STATUS_BINARY = "binary"
STATUS_UNREADABLE = "unreadable"
STATUS_UNSUPPORTED = "unsupported"
STATUS_TOO_LARGE = "too_large"
STATUS_NO_TEXT = "no_text"  # e.g. image-only or encrypted PDF, HTML without article text
STATUS_NO_JURISDICTION = "no_jurisdiction"
STATUS_AMBIGUOUS_JURISDICTION = "ambiguous_jurisdiction"
STATUS_NO_YEAR = "no_year"
STATUS_ERROR = "error"  # a stage raised on this document; the message names the stage
# Hostile or odd input (issue 9): listed with a reason, never read or never finished.
STATUS_NOT_A_FILE = "not_a_file"  # a folder, FIFO, socket or device in the raw folder
STATUS_BROKEN_LINK = "broken_link"
STATUS_LINK_OUTSIDE = "link_outside"  # a link pointing out of the raw folder: refused
STATUS_TIMEOUT = "timeout"  # processing ran past the file's time budget and was stopped
STATUS_OUT_OF_MEMORY = "out_of_memory"  # processing needed more memory than the file's budget
STATUS_BAD_YEAR = "bad_year"  # the report's year is before 2000 or in the future

LEVELS = ("national", "province", "prefecture", "county")  # national: 中华人民共和国 (100000), a reference
QUALIFIERS = ("exact", "at_least", "approx", "at_most")
METHODS = ("reported", "derived", "inferred", "manual")
PERIOD_YEAR = "year"
PERIOD_CUMULATIVE = "cumulative"


@dataclass(frozen=True)
class Document:
    """One raw file turned into normalised text (empty text when unreadable)."""

    source: str  # the raw file's name, e.g. "000_xxx.txt"
    path: str  # full path as given
    text: str
    kind: str  # "txt", "html", "pdf", "docx", ...
    status: str = STATUS_OK
    message: str = ""  # human-readable, Chinese, for non-programmers
    sha256: str = ""
    pages: tuple[int, ...] = ()  # where each page starts in `text` (PDFs, multi-page images)
    ocr_pages: tuple[int, ...] = ()  # 1-based numbers of the pages read by OCR (scans)


@dataclass(frozen=True)
class Place:
    """A jurisdiction in the gazetteer."""

    name: str  # standard name, e.g. "长春市"
    adcode: str  # 6-digit 行政区划代码, e.g. "220100"
    level: str  # one of LEVELS
    province: str  # e.g. "吉林省"; a province is its own province
    parent: str = ""  # e.g. "济南市" for 槐荫区, "吉林省" for 长春市, "" for a province


@dataclass(frozen=True)
class Location:
    """Whose report a document is, and which year its figures refer to."""

    place: Place | None
    year: int | None
    title: str = ""
    published: str = ""  # ISO date "YYYY-MM-DD" when found, else ""
    status: str = STATUS_OK
    message: str = ""
    named: tuple[str, ...] = ()  # adcodes of the places the text names unambiguously (any place, its own too)
    written: str = ""  # ISO date a signed text was written, when earlier than `published` (its 今年), else ""


@dataclass(frozen=True)
class Fact:
    """One indicator value found in (or computed from) a document's text.

    `year` is None when the sentence names no year: the document's year applies.
    `period` is PERIOD_YEAR for a single year's figure and PERIOD_CUMULATIVE for
    running totals ("2016年以来", "累计", "截至…共") that must never be shown as
    one year's value. `start`/`end` are character offsets of `evidence` in the
    document text. `signals` name how the value was read (e.g. "subject_inherited",
    "list_reading", "table_cell"): the confidence stage weighs them (rules/confidence.yaml).
    """

    indicator: str
    value: float
    qualifier: str = "exact"
    method: str = "reported"
    evidence: str = ""
    start: int = -1
    end: int = -1
    year: int | None = None
    period: str = PERIOD_YEAR
    note: str = ""
    signals: tuple[str, ...] = ()
