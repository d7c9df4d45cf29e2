"""Human corrections: `data/raw/corrections.csv`, an append-only log of reviewed figures.

Owns: the file's columns, reading it tolerantly (a bad line is reported, never fatal),
appending a new entry (never rewriting old ones, so the history stays readable), and deciding
which entry is in force for each (jurisdiction, year, indicator): the last one written.

Must never: touch the indicator table (`table.apply_corrections` does) or any other raw file.

Each line is one of four actions:
  set       the value for that jurisdiction, year and indicator is `value` (method=manual);
  reject    the extracted value is wrong and there is no replacement: it is left out;
  withdraw  an earlier correction of that key no longer applies: the extracted value returns;
  confirm   a person checked the extracted value against its evidence: it is right (已核实).
`jurisdiction` is the standard name shown in the app (e.g. 长春市) or a 6-digit adcode.
A confirm or reject written by the app records the value it judged (`value`) and a hash of the
evidence it saw (`evidence_sha`, see `review.evidence_hash`): when a re-extraction changes
either, the review no longer applies (`review.state_of`). `who` is the logged-in account and
`when` Beijing time. Files written before `evidence_sha` existed keep their header; the app
then writes the new column as an extra cell at the end of the line, which `read` understands.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO

FILE_NAME = "corrections.csv"
PLACES_FILE = "report_places.csv"  # source, jurisdiction, year, reason: where detection failed
ACTIONS = ("set", "reject", "withdraw", "confirm")
VALUE_ACTIONS = ("set", "reject", "withdraw")  # the lines that change the table; confirm only reviews
COLUMNS = ("jurisdiction", "year", "indicator", "action", "value", "reason", "who", "when", "evidence_sha")
BEIJING = timezone(timedelta(hours=8), "CST")  # China keeps one offset all year


@dataclass(frozen=True)
class Correction:
    """One line of corrections.csv, validated."""

    jurisdiction: str
    year: int
    indicator: str
    action: str
    value: float | None = None
    reason: str = ""
    who: str = ""
    when: str = ""
    line: int = 0  # line number in the file, for messages
    evidence_sha: str = ""  # confirm/reject: hash of the evidence judged (review.evidence_hash)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.jurisdiction, self.year, self.indicator)


@dataclass(frozen=True)
class Problem:
    """A line that could not be used, and why (in Chinese)."""

    line: int
    message: str


def read(path: str | Path, known_indicators: Iterable[str]) -> tuple[list[Correction], list[Problem]]:
    """All usable lines of the file in order, and the problems of the others. A missing
    file has no corrections; an unreadable one is one problem."""
    path = Path(path)
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return [], [Problem(0, f"无法读取 {path.name}:{err}。请用 UTF-8 编码保存。")]
    known = set(known_indicators)
    found, problems = [], []
    reader = csv.DictReader(io.StringIO(text), restkey=_REST)
    later = _later_columns(reader.fieldnames or [])
    for number, row in enumerate(reader, start=2):
        parsed = _parse(_with_rest(row, later), number, known)
        (found if isinstance(parsed, Correction) else problems).append(parsed)
    return found, problems


_REST = "\0rest"


def _later_columns(header: list[str]) -> tuple[str, ...]:
    """Columns a file's (older) header lacks that the app appends as extra cells at a line's end."""
    header = [h.strip() for h in header]
    return COLUMNS[len(header) :] if tuple(header) == COLUMNS[: len(header)] else ()


def _with_rest(row: dict, later: tuple[str, ...]) -> dict:
    rest = row.pop(_REST, None) or []
    return {**row, **dict(zip(later, rest, strict=False))}


def _parse(row: dict[str | None, str | None], line: int, known: set[str]) -> Correction | Problem:
    cell = {name: (row.get(name) or "").strip() for name in COLUMNS}
    action = cell["action"] or ("set" if cell["value"] else "reject")
    if not cell["jurisdiction"]:
        return Problem(line, f"第 {line} 行没有填写地区(jurisdiction)。")
    if cell["indicator"] not in known:
        return Problem(line, f"第 {line} 行的指标“{cell['indicator']}”不在指标目录中(pipeline/rules/indicators.yaml)。")
    if action not in ACTIONS:
        return Problem(line, f"第 {line} 行的操作“{action}”无法识别,应为 set、reject、withdraw 或 confirm。")
    year = _year(cell["year"])
    if year is None:
        return Problem(line, f"第 {line} 行的年份“{cell['year']}”不是有效年份。")
    value = _number(cell["value"])
    if action == "set" and value is None:
        return Problem(line, f"第 {line} 行要设定数值,但数值“{cell['value']}”不是有效数字。")
    return Correction(
        cell["jurisdiction"],
        year,
        cell["indicator"],
        action,
        value if action in ("set", "confirm", "reject") else None,
        cell["reason"],
        cell["who"],
        cell["when"],
        line,
        cell["evidence_sha"],
    )


def _year(text: str) -> int | None:
    try:
        year = int(float(text))
    except ValueError:
        return None
    return year if 1949 <= year <= 2100 else None


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_report_places(path: str | Path) -> tuple[dict[str, tuple[str, int | None]], list[Problem]]:
    """source file name -> (jurisdiction name or adcode, year) stated by an editor for reports
    whose place or year could not be detected; and the problems of unusable lines."""
    path = Path(path)
    if not path.is_file():
        return {}, []
    try:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        return {}, [Problem(0, f"无法读取 {path.name}:{err}。请用 UTF-8 编码保存。")]
    found: dict[str, tuple[str, int | None]] = {}
    problems = []
    for line, row in enumerate(rows, start=2):
        source, place, year_text = ((row.get(k) or "").strip() for k in ("source", "jurisdiction", "year"))
        year = _year(year_text) if year_text else None
        if not source or not (place or year) or (year_text and year is None):
            problems.append(Problem(line, f"{path.name} 第 {line} 行需要文件名(source),以及地区或有效年份。"))
            continue
        found[source] = (place, year)
    return found, problems


PLACES_COLUMNS = ("source", "jurisdiction", "year", "reason")


def append_report_place(raw: str | Path, source: str, jurisdiction: str, year: int | None, reason: str) -> Path:
    """Append an editor's "this report is of `jurisdiction`, `year`" to raw/report_places.csv (header when new).

    Appending only: earlier lines are never touched (a later line for the same source wins on reading).
    """
    path = Path(raw) / PLACES_FILE
    new = not path.is_file() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as handle:
        if not new and not path.read_bytes().endswith((b"\n", b"\r")):
            handle.write("\n")
        writer = csv.writer(handle)
        if new:
            writer.writerow(PLACES_COLUMNS)
        writer.writerow([source, jurisdiction, "" if year is None else str(int(year)), reason])
        handle.flush()
        os.fsync(handle.fileno())
    return path


def in_force(corrections: Iterable[Correction]) -> list[Correction]:
    """The last value-changing line (set, reject, withdraw) for each key, unless it withdraws
    the correction. Confirmations change no value: `review.state_of` reads them."""
    last: dict[tuple[str, int, str], Correction] = {}
    for correction in corrections:
        if correction.action in VALUE_ACTIONS:
            last[correction.key] = correction
    return [c for c in last.values() if c.action != "withdraw"]


def append(path: str | Path, correction: Correction) -> int:
    """Add one line at the end of the file (creating it with a header), flushed to disk; the
    line number it got (as `read` numbers lines: the header is line 1).

    Appending, not rewriting, is what keeps the history: earlier lines are never touched. The
    file is locked while it is checked and written, so two editors saving at once never write
    two headers nor get the same line number.
    """
    path = Path(path)
    record = {k: v for k, v in asdict(correction).items() if k in COLUMNS}
    record["value"] = "" if correction.value is None else f"{correction.value:.10g}"
    record["when"] = correction.when or now()
    with path.open("a+", encoding="utf-8", newline="") as handle, _locked(handle):
        handle.seek(0)
        existing = handle.read()
        writer = csv.writer(handle)
        if not existing.strip():
            header = list(COLUMNS)
            writer.writerow(COLUMNS)
        else:
            header = [h.strip() for h in next(csv.reader(io.StringIO(existing.lstrip("\ufeff"))), [])]
            if not existing.endswith(("\n", "\r")):
                handle.write("\n")
        # An older header that is a prefix of COLUMNS: the new columns go at the end, in order.
        names = list(COLUMNS) if _later_columns(header) or tuple(header) == COLUMNS else header
        writer.writerow([record.get(name, "") for name in names])
        handle.flush()
        os.fsync(handle.fileno())
    return _records(existing) + 2  # after the header and the records already there


def _records(text: str) -> int:
    """Records in the file's text as `read` counts them (a quoted field may hold line breaks;
    blank lines are no record), header excluded."""
    rows = sum(1 for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if row)
    return max(0, rows - 1)


@contextlib.contextmanager
def _locked(handle: IO[str]) -> Iterator[None]:
    """An exclusive lock on the open file (flock: between processes, and between threads, each
    of which opens the file itself); nothing where flock does not exist."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def now() -> str:
    """The current time in Beijing, ISO 8601 to the second ("2026-12-01T09:30:00+08:00")."""
    return datetime.now(BEIJING).isoformat(timespec="seconds")
