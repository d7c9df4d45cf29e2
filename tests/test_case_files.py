"""Every specification kept as data is well formed, so a typing slip fails here, naming the file and the key,
instead of silently changing what a case asserts.

Checks the whole-report cases under tests/reports/ (each report has its .meta.yaml and .expected.csv, no
stray sidecar, documented keys and columns only, indicator ids of the catalogue, known qualifiers,
plausible years, no name twice) and the sentence cases of tests/cases/*.yaml (documented keys only, rows of
four, catalogue ids, known qualifiers and periods, plausible years, no case stated twice). The formats are
documented in tests/reports/README.md and tests/cases/README.md; the key lists live in case_files.py.
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from case_files import (
    CASE_KEYS,
    CASE_PLACE_KEYS,
    EXPECTED_COLUMNS,
    EXPECTED_OPTIONAL_COLUMNS,
    PERIODS,
    QUALIFIERS,
    REPORT_META_KEYS,
    REPORT_PLACE_KEYS,
    REPORTS_DIR,
    SENTENCE_YEAR,
    SIDECAR_SUFFIXES,
    TESTS,
    ReportCase,
    case_files,
    case_ids,
    is_report_file,
    report_cases,
    report_name,
    sentence_cases,
)

from pipeline import api
from pipeline.model import LEVELS

FIRST_YEAR = 2000  # no report in scope speaks of an earlier year
LAST_YEAR = datetime.date.today().year  # a report is about a year that has ended, or the current one
INDICATORS = set(api.catalogue())
REPORTS = report_cases()


def where(path: Path) -> str:
    return str(path.relative_to(TESTS.parent))


def unknown_keys(found: Any, known: tuple[str, ...], place: str) -> list[str]:
    """One message per key not in `known`, with the nearest known key when one is close."""
    problems = []
    for key in found if isinstance(found, dict) else ():
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (known: {', '.join(known)})"
            problems.append(f"{place}: unknown key '{key}'{hint}")
    return problems


def year_problems(year: Any, place: str, latest: int = LAST_YEAR) -> list[str]:
    if not isinstance(year, int) or isinstance(year, bool):
        return [f"{place}: year {year!r} is not a whole number"]
    if not FIRST_YEAR <= year <= latest:
        return [f"{place}: year {year} is outside {FIRST_YEAR}–{latest}"]
    return []


def row_problems(indicator: Any, year: Any, value: Any, qualifier: Any, place: str, report_year: int) -> list[str]:
    problems = []
    if indicator not in INDICATORS:
        near = difflib.get_close_matches(str(indicator), sorted(INDICATORS), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        problems.append(f"{place}: unknown indicator '{indicator}'{hint}")
    # a later year than the report's is never reported, so it can never be expected either
    problems += year_problems(year, place, latest=report_year)
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{place}: value {value!r} is not a number")
    if qualifier not in QUALIFIERS:
        problems.append(f"{place}: qualifier {qualifier!r} is not one of {', '.join(QUALIFIERS)}")
    return problems


# --- whole reports --------------------------------------------------------------------------------


def meta_problems(case: ReportCase) -> list[str]:
    name = where(case.meta_path)
    if not case.meta_path.is_file():
        return [f"{where(case.path)}: no {case.meta_path.name} beside it"]
    meta = case.meta()
    if not isinstance(meta, dict):
        return [f"{name}: not a mapping of keys"]
    problems = unknown_keys(meta, REPORT_META_KEYS, name)
    problems += [f"{name}: '{key}' is missing" for key in ("place", "year") if key not in meta]
    place = meta.get("place")
    if not isinstance(place, dict):
        return [*problems, f"{name}: place must be a mapping (name, adcode, level)"]
    problems += unknown_keys(place, REPORT_PLACE_KEYS, f"{name}: place")
    problems += [f"{name}: place: '{key}' is missing" for key in ("name", "adcode", "level") if not place.get(key)]
    adcode = place.get("adcode")
    if not (isinstance(adcode, str) and len(adcode) == 6 and adcode.isdigit()):
        problems.append(f'{name}: place: adcode {adcode!r} must be six digits in quotes ("330523")')
    if place.get("level") not in LEVELS:
        problems.append(f"{name}: place: level {place.get('level')!r} is not one of {', '.join(LEVELS)}")
    problems += year_problems(meta.get("year"), f"{name}: year")
    if not isinstance(meta.get("about", ""), str):
        problems.append(f"{name}: about must be one line of text")
    notes = meta.get("notes", [])
    if not (isinstance(notes, list) and all(isinstance(note, str) for note in notes)):
        problems.append(f"{name}: notes must be a list of lines of text")
    return problems


def expected_problems(case: ReportCase) -> list[str]:
    name = where(case.expected_path)
    if not case.expected_path.is_file():
        return [f"{where(case.path)}: no {case.expected_path.name} beside it"]
    records = case.expected_records()
    with case.expected_path.open(encoding="utf-8") as handle:
        header = handle.readline().strip().split(",")
    known = EXPECTED_COLUMNS + EXPECTED_OPTIONAL_COLUMNS
    problems = [f"{name}: unknown column {c!r}" for c in header if c not in known]
    if tuple(header[:4]) != EXPECTED_COLUMNS:
        return [*problems, f"{name}: the header must start with {','.join(EXPECTED_COLUMNS)}"]
    try:
        report_year = int(case.meta()["year"])
    except (OSError, KeyError, TypeError, ValueError):
        report_year = LAST_YEAR
    for line, record in enumerate(records, start=2):
        if None in record or any(record.get(column) in (None, "") for column in EXPECTED_COLUMNS):
            problems.append(f"{name}: line {line}: needs exactly the columns of the header, none empty but note")
            continue
        year, value = record["year"], record["value"]
        problems += row_problems(
            record["indicator"],
            int(year) if year.isdigit() else year,
            float(value) if is_number(value) else value,
            record["qualifier"],
            f"{name}: line {line}",
            report_year,
        )
    twice = [key for key, n in Counter((r["indicator"], r["year"]) for r in records).items() if n > 1]
    problems += [f"{name}: {indicator} {year} is given twice" for indicator, year in twice]
    return problems


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("case", REPORTS, ids=[case.id for case in REPORTS])
def test_report_case_is_well_formed(case: ReportCase) -> None:
    problems = meta_problems(case) + expected_problems(case)
    assert not problems, "\n".join(problems)


def test_every_sidecar_belongs_to_a_report() -> None:
    """A .meta.yaml or .expected.csv whose report is missing (or misnamed) would silently test nothing."""
    reports = {(p.parent, report_name(p)) for p in REPORTS_DIR.glob("*/*") if is_report_file(p)}
    stray = [
        where(p)
        for p in sorted(REPORTS_DIR.glob("*/*"))
        if p.name.endswith(SIDECAR_SUFFIXES) and (p.parent, report_name(p)) not in reports
    ]
    assert not stray, "no report beside: " + ", ".join(stray)


def test_report_files_sit_in_family_folders() -> None:
    loose = [where(p) for p in sorted(REPORTS_DIR.iterdir()) if p.is_file() and p.name != "README.md"]
    assert loose == []
    assert len(REPORTS) > 0


def test_every_report_name_is_used_once() -> None:
    twice = [name for name, n in Counter(case.name for case in REPORTS).items() if n > 1]
    one_name_two_files = [key for key, n in Counter((c.family, c.name) for c in REPORTS).items() if n > 1]
    assert twice == [] and one_name_two_files == []


def test_the_checks_catch_a_mistyped_key(tmp_path: Path) -> None:
    """The checker itself: a misspelt key and an unknown indicator are named, with a suggestion."""
    meta = {"place": {"name": "某县", "adcode": "330523", "levle": "county"}, "year": 2023}
    problems = unknown_keys(meta["place"], REPORT_PLACE_KEYS, "x.meta.yaml: place")
    assert problems == ["x.meta.yaml: place: unknown key 'levle' (did you mean 'level'?)"]
    assert row_problems("review_accpted", 2023, 12, "exact", "x", 2023) == [
        "x: unknown indicator 'review_accpted' (did you mean 'review_accepted'?)"
    ]
    assert row_problems("review_accepted", 2024, 12, "about", "x", 2023) == [
        "x: year 2024 is outside 2000–2023",
        "x: qualifier 'about' is not one of exact, at_least, approx, at_most",
    ]
    assert yaml.safe_load("adcode: 330523")["adcode"] == 330523  # why adcodes must be quoted


# --- sentences ------------------------------------------------------------------------------------


def place_problems(place: Any, where_: str) -> list[str]:
    if not isinstance(place, dict):
        return [f"{where_}: place must be a mapping ({', '.join(CASE_PLACE_KEYS)})"]
    problems = unknown_keys(place, CASE_PLACE_KEYS, f"{where_}: place")
    required = ("name", "adcode", "level", "province")
    problems += [f"{where_}: place: '{key}' is missing" for key in required if not place.get(key)]
    adcode = place.get("adcode")
    if not (isinstance(adcode, str) and len(adcode) == 6 and adcode.isdigit()):
        problems.append(f'{where_}: place: adcode {adcode!r} must be six digits in quotes ("330400")')
    if place.get("level") not in LEVELS:
        problems.append(f"{where_}: place: level {place.get('level')!r} is not one of {', '.join(LEVELS)}")
    return problems


def case_problems(raw: Any, where_: str) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{where_}: a case must be a mapping (text, rows, …)"]
    problems = unknown_keys(raw, CASE_KEYS, where_)
    if not (isinstance(raw.get("text"), str) and raw["text"].strip()):
        problems.append(f"{where_}: 'text' is missing or empty")
    year = raw.get("year", SENTENCE_YEAR)
    problems += year_problems(year, f"{where_}: year")
    if "rows" not in raw or not isinstance(raw["rows"], list):
        problems.append(f"{where_}: 'rows' must be a list (write 'rows: []' when nothing is to be found)")
    for n, row in enumerate(raw.get("rows") if isinstance(raw.get("rows"), list) else [], start=1):
        if not (isinstance(row, list) and len(row) == 4):
            problems.append(f"{where_}: row {n} must be [indicator, year, value, qualifier]")
            continue
        problems += row_problems(*row, f"{where_}: row {n}", year if isinstance(year, int) else LAST_YEAR)
    if "place" in raw:
        problems += place_problems(raw["place"], where_)
    subs = raw.get("subs", [])
    if not (isinstance(subs, list) and all(isinstance(s, str) and s for s in subs)):
        problems.append(f"{where_}: subs must be a list of place names")
    if "period" in raw and raw["period"] not in PERIODS:
        problems.append(f"{where_}: period {raw['period']!r} is not one of {', '.join(PERIODS)}")
    if not isinstance(raw.get("note", ""), str):
        problems.append(f"{where_}: note must be one line of text")
    return problems


@pytest.mark.parametrize("path", case_files(), ids=lambda path: path.name)
def test_case_file_is_well_formed(path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        pytest.fail(f"{where(path)}: not valid YAML: {error}")
    assert isinstance(data, list) and data, f"{where(path)}: must be a list of cases ('- text: …')"
    problems = [p for index, raw in enumerate(data) for p in case_problems(raw, f"{where(path)}: case {index + 1}")]
    assert not problems, "\n".join(problems)


def test_no_case_is_stated_twice() -> None:
    cases = sentence_cases()
    keys = Counter((case.text, case.place, case.year, case.period) for case in cases)
    twice = [case.where for case in cases if keys[(case.text, case.place, case.year, case.period)] > 1]
    assert not twice, "the same text stated twice: " + ", ".join(twice)
    ids = case_ids(cases)
    assert len(set(ids)) == len(ids)


def test_there_are_case_files() -> None:
    assert len(case_files()) > 0 and len(sentence_cases()) >= 100


def test_the_checks_catch_a_mistyped_case() -> None:
    place = {"name": "嘉兴市", "adcode": 330400, "level": "city"}
    raw = {"text": "全年受理行政复议案件86件", "row": [], "place": place}
    assert case_problems(raw, "x.yaml: case 1") == [
        "x.yaml: case 1: unknown key 'row' (did you mean 'rows'?)",
        "x.yaml: case 1: 'rows' must be a list (write 'rows: []' when nothing is to be found)",
        "x.yaml: case 1: place: 'province' is missing",
        'x.yaml: case 1: place: adcode 330400 must be six digits in quotes ("330400")',
        "x.yaml: case 1: place: level 'city' is not one of national, province, prefecture, county",
    ]
    assert case_problems({"text": "…", "rows": [["review_accepted", 2022, 5]], "period": "month"}, "y") == [
        "y: row 1 must be [indicator, year, value, qualifier]",
        "y: period 'month' is not one of year, cumulative",
    ]
