"""The harness shared by the whole-report specifications (tests/test_reports*.py).

A `Report` is a mock report written for these tests (no place or figure is taken from a sample
report) with what a perfect pipeline finds in it: the place (name, adcode, level, and optionally
the parent's name), the year, and every single-year row (indicator, year, value, qualifier).
Derived rates (two decimals) are rows too; running totals are not compared.

Each test file builds its own list of reports and states the two specifications for them with
`specs_for(REPORTS)`; `PYTHONPATH=. python tests/test_reportsN.py` prints a score through `score`.
"""

from __future__ import annotations

from dataclasses import dataclass

import variants

from pipeline.api import process_bytes
from pipeline.model import PERIOD_YEAR

Row = tuple[str, int, float, str]


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    place: tuple[str, str, str]  # name, adcode, level
    year: int
    rows: tuple[Row, ...]
    parent: str = ""  # the parent's name, when the test checks it
    form: str = "txt"  # txt, html or docx
    table: tuple[tuple[str, ...], ...] = ()  # docx only: a table after the text
    title: str = ""  # html only
    pubdate: str = ""  # html only

    def data(self) -> tuple[bytes, str]:
        """The report as the bytes of a file, and that file's name."""
        if self.form == "html":
            return variants.as_html(self.text, self.title, pubdate=self.pubdate), f"{self.name}.html"
        if self.form == "docx":
            table = [list(row) for row in self.table] or None
            return variants.as_docx(self.text, table=table), f"{self.name}.docx"
        return self.text.encode("utf-8"), f"{self.name}.txt"


def rate(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


def run(rep: Report):
    return process_bytes(*rep.data())


def found_rows(rep: Report, facts) -> set[Row]:
    return {
        (f.indicator, f.year if f.year is not None else rep.year, round(f.value, 2), f.qualifier)
        for f in facts
        if f.period == PERIOD_YEAR
    }


def expected_rows(rep: Report) -> set[Row]:
    return {(i, y, round(float(v), 2), q) for i, y, v, q in rep.rows}


def check_located(rep: Report) -> None:
    _, loc, _ = run(rep)
    assert loc.place is not None, loc.message
    assert (loc.place.name, loc.place.adcode, loc.place.level) == rep.place
    assert loc.year == rep.year
    if rep.parent:
        assert loc.place.parent == rep.parent


def check_values(rep: Report) -> None:
    _, _, facts = run(rep)
    found, expected = found_rows(rep, facts), expected_rows(rep)
    assert sorted(found - expected) == [], "wrong or extra"
    assert sorted(expected - found) == [], "missing"


def specs_for(reports: list[Report]):
    """The two specifications every report set states, parametrized over `reports`:
    `test_report_is_located, test_report_yields_exactly_its_values = specs_for(REPORTS)`."""
    import pytest

    ids = [r.name for r in reports]

    @pytest.mark.parametrize("rep", reports, ids=ids)
    def test_report_is_located(rep: Report) -> None:
        check_located(rep)

    @pytest.mark.parametrize("rep", reports, ids=ids)
    def test_report_yields_exactly_its_values(rep: Report) -> None:
        check_values(rep)

    return test_report_is_located, test_report_yields_exactly_its_values


def score(reports: list[Report]) -> tuple[int, int, int]:
    """(right, missing, wrong-or-extra) over `reports`; prints the details."""
    right = missing = wrong = 0
    for rep in reports:
        _, loc, facts = run(rep)
        place = (loc.place.name, loc.place.adcode, loc.place.level) if loc.place else None
        if place != rep.place or loc.year != rep.year:
            print(f"{rep.name}: located as {place} {loc.year}, expected {rep.place} {rep.year} ({loc.message})")
        found, expected = found_rows(rep, facts), expected_rows(rep)
        right, missing, wrong = (
            right + len(found & expected),
            missing + len(expected - found),
            wrong + len(found - expected),
        )
        for row in sorted(expected - found):
            print(f"{rep.name}: MISSING {row}")
        for row in sorted(found - expected):
            print(f"{rep.name}: WRONG   {row}")
    print(f"right {right}  missing {missing}  wrong {wrong}")
    return right, missing, wrong
