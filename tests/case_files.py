"""Reading the specifications kept as data: whole reports under tests/reports/, sentences under tests/cases/.

Not a test module. It owns the file formats (documented in tests/reports/README.md and
tests/cases/README.md) and turns the files into cases; tests/test_reports.py and tests/test_extract.py
run the cases, tests/test_case_files.py checks that every file is well formed. This module must
never decide what a case expects: it reads what the files say and nothing else, and it reads every
folder and every *.yaml it finds, so a new family or a new file needs no Python.

A row is (indicator, year, value, qualifier); values are compared rounded to two decimals for whole
reports (derived rates are given with two) and to four for sentences, as before the move.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.model import Place

TESTS = Path(__file__).resolve().parent
REPORTS_DIR = TESTS / "reports"
CASES_DIR = TESTS / "cases"

Row = tuple[str, int, float, str]

# --- the documented keys (test_case_files.py fails on any other, naming the file and the key) ---------

REPORT_META_KEYS = ("place", "year", "about", "notes")
REPORT_PLACE_KEYS = ("name", "adcode", "level", "parent")
EXPECTED_COLUMNS = ("indicator", "year", "value", "qualifier")
EXPECTED_OPTIONAL_COLUMNS = ("note",)
CASE_KEYS = ("text", "rows", "year", "place", "subs", "published", "period", "note")
CASE_PLACE_KEYS = ("name", "adcode", "level", "province", "parent")
QUALIFIERS = ("exact", "at_least", "approx", "at_most")
PERIODS = ("year", "cumulative")
SIDECAR_SUFFIXES = (".expected.csv", ".meta.yaml")

SENTENCE_YEAR = 2022  # the year a sentence case's report is about, unless the case says `year:`
ID_CHARS = 24  # a sentence case's test id is this many characters of its text, more when needed to tell it apart


# --- whole reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportCase:
    """One whole report: the file the pipeline reads and, beside it, what a perfect pipeline finds."""

    family: str
    name: str
    path: Path  # the report itself (.txt, .html, .docx … as published)

    @property
    def id(self) -> str:
        return f"{self.family}/{self.name}"

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(f"{self.name}.expected.csv")

    @property
    def meta_path(self) -> Path:
        return self.path.with_name(f"{self.name}.meta.yaml")

    def meta(self) -> dict[str, Any]:
        return yaml.safe_load(self.meta_path.read_text(encoding="utf-8")) or {}

    def place(self) -> tuple[str, str, str]:
        """(name, adcode, level) of the jurisdiction."""
        place = self.meta()["place"]
        return str(place["name"]), str(place["adcode"]), str(place["level"])

    def parent(self) -> str:
        """The parent's name when the case states it ('' when the case does not check it)."""
        return str(self.meta()["place"].get("parent") or "")

    def year(self) -> int:
        return int(self.meta()["year"])

    def expected_records(self) -> list[dict[str, str]]:
        with self.expected_path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def rows(self) -> set[Row]:
        return {
            (r["indicator"], int(r["year"]), round(float(r["value"]), 2), r["qualifier"])
            for r in self.expected_records()
        }


def is_report_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith((".", "README")) and not path.name.endswith(SIDECAR_SUFFIXES)


def report_name(path: Path) -> str:
    return path.name.split(".", 1)[0]


def report_cases(families: list[str] | None = None) -> list[ReportCase]:
    """Every report under tests/reports/<family>/, or under the named families only."""
    folders = sorted(p for p in REPORTS_DIR.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    if families:
        unknown = sorted(set(families) - {f.name for f in folders})
        if unknown:
            raise SystemExit(f"no such family under {REPORTS_DIR}: {', '.join(unknown)}")
        folders = [f for f in folders if f.name in families]
    return [
        ReportCase(folder.name, report_name(path), path)
        for folder in folders
        for path in sorted(folder.iterdir())
        if is_report_file(path)
    ]


# --- sentences ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceCase:
    """One text and every row it must yield: (indicator, year, value, qualifier)."""

    family: str  # the file's name without .yaml
    index: int  # position in the file, from 0
    text: str
    rows: tuple[tuple, ...]
    year: int = SENTENCE_YEAR
    place: Place | None = None
    subs: tuple[str, ...] = ()
    published: str = ""  # the document's date ("YYYY-MM-DD"), which says how much of the year 今年以来/截至目前 covers
    period: str | None = None  # None: compare the single-year rows only
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def where(self) -> str:
        return f"{self.family}.yaml case {self.index + 1}"


def case_files() -> list[Path]:
    return sorted(CASES_DIR.glob("*.yaml"))


def raw_cases(path: Path) -> list[Any]:
    """The entries of one case file, as written (a list of mappings when the file is well formed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else []


def case_place(raw: Any) -> Place | None:
    if not isinstance(raw, dict):
        return None
    return Place(
        str(raw.get("name", "")),
        str(raw.get("adcode", "")),
        str(raw.get("level", "")),
        str(raw.get("province", "")),
        str(raw.get("parent", "") or ""),
    )


def sentence_case(family: str, index: int, raw: dict[str, Any]) -> SentenceCase:
    return SentenceCase(
        family=family,
        index=index,
        text=str(raw.get("text", "")),
        rows=tuple(tuple(row) for row in raw.get("rows") or ()),
        year=int(raw.get("year", SENTENCE_YEAR)),
        place=case_place(raw.get("place")),
        subs=tuple(raw.get("subs") or ()),
        published=str(raw.get("published", "")),
        period=raw.get("period"),
        raw=raw,
    )


def sentence_cases() -> list[SentenceCase]:
    """Every case of every tests/cases/*.yaml, in file order."""
    return [
        sentence_case(path.stem, index, raw if isinstance(raw, dict) else {})
        for path in case_files()
        for index, raw in enumerate(raw_cases(path))
    ]


def case_ids(cases: list[SentenceCase]) -> list[str]:
    """'<family>/<the first ID_CHARS characters of the text>', longer where two texts start alike;
    a text stated twice in one family is numbered (test_case_files.py rejects that unless the
    place or year differs)."""
    texts = [" ".join(c.text.split()) for c in cases]
    ids = []
    for case, text in zip(cases, texts, strict=True):
        others = {t for c, t in zip(cases, texts, strict=True) if c.family == case.family and t != text}
        n = ID_CHARS
        while n < len(text) and any(o[:n] == text[:n] for o in others):
            n += 1
        ids.append(f"{case.family}/{text[:n]}")
    seen: dict[str, int] = {}
    unique = []
    for case_id in ids:
        seen[case_id] = seen.get(case_id, 0) + 1
        unique.append(case_id if ids.count(case_id) == 1 else f"{case_id}#{seen[case_id]}")
    return unique
