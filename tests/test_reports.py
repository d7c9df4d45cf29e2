"""Whole mock reports through the real pipeline: every case under tests/reports/<family>/ is located
as its .meta.yaml says and yields exactly the single-year rows of its .expected.csv — no more, no fewer.

The reports were written for these tests in the register of real 法治政府建设情况报告; places and
figures are invented (see tests/reports/README.md for the families, the formats and the decisions
the expected files follow). Derived rates (two decimals) and inferred values are rows too; running
totals (period "cumulative") are not compared. Test ids are '<family>/<name>'.

`python tests/test_reports.py [family ...]` prints the score (right / missing / wrong) with every
difference, over all families or the named ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: put the repository root on the path, as pytest does
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402
from case_files import ReportCase, Row, report_cases  # noqa: E402

from pipeline import api  # noqa: E402
from pipeline.model import PERIOD_YEAR  # noqa: E402

CASES = report_cases()
IDS = [case.id for case in CASES]
MIN_REPORTS = 76  # as many as there were when the cases became files; adding is fine, losing one is not
MIN_LINES, MAX_LINES = 15, 60  # non-blank lines: a whole report, not a sentence (those go in tests/cases/)


def run(case: ReportCase):
    return api.process_bytes(case.path.read_bytes(), case.path.name)


def found_rows(case: ReportCase, facts, year: int) -> set[Row]:
    return {
        (f.indicator, f.year if f.year is not None else year, round(f.value, 2), f.qualifier)
        for f in facts
        if f.period == PERIOD_YEAR
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_report_is_located(case: ReportCase) -> None:
    _, loc, _ = run(case)
    assert loc.place is not None, loc.message
    assert (loc.place.name, loc.place.adcode, loc.place.level) == case.place()
    assert loc.year == case.year()
    if case.parent():
        assert loc.place.parent == case.parent()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_report_yields_exactly_its_values(case: ReportCase) -> None:
    _, _, facts = run(case)
    found, expected = found_rows(case, facts, case.year()), case.rows()
    assert sorted(found - expected) == [], "wrong or extra"
    assert sorted(expected - found) == [], "missing"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_report_is_a_whole_report(case: ReportCase) -> None:
    """A .txt is counted as written; any other form as the pipeline reads it (a DOCX's table rows count)."""
    text = case.path.read_text(encoding="utf-8") if case.path.suffix == ".txt" else run(case)[0].text
    assert MIN_LINES <= len([line for line in text.splitlines() if line.strip()]) <= MAX_LINES


def test_there_are_enough_reports() -> None:
    assert len(CASES) >= MIN_REPORTS
    assert len({case.name for case in CASES}) == len(CASES)  # a name says which report, whatever its family
    assert sum(1 for case in CASES if not case.rows()) >= 2  # reports with nothing to find stay specified


def score(cases: list[ReportCase]) -> tuple[int, int, int]:
    """(right, missing, wrong-or-extra) over `cases`; prints the details."""
    right = missing = wrong = 0
    for case in cases:
        _, loc, facts = run(case)
        place = (loc.place.name, loc.place.adcode, loc.place.level) if loc.place else None
        if place != case.place() or loc.year != case.year():
            print(f"{case.id}: located as {place} {loc.year}, expected {case.place()} {case.year()} ({loc.message})")
        found, expected = found_rows(case, facts, case.year()), case.rows()
        right, missing, wrong = (
            right + len(found & expected),
            missing + len(expected - found),
            wrong + len(found - expected),
        )
        for row in sorted(expected - found):
            print(f"{case.id}: MISSING {row}")
        for row in sorted(found - expected):
            print(f"{case.id}: WRONG   {row}")
    print(f"right {right}  missing {missing}  wrong {wrong}  ({len(cases)} reports)")
    return right, missing, wrong


if __name__ == "__main__":
    score(report_cases(sys.argv[1:] or None))
