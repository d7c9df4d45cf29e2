"""Whole-document locate cases kept as data: tests/locate_cases/<family>/<name>.txt, with the
expected place (6-digit adcode; empty when nothing in the text can decide a shared name) and
report year in tests/locate_cases/expected.csv. The texts paraphrase the layouts of real
published pages (news items, yearbook entries, court white papers, printed report pages).

Run as a script to print the place and year scores: python -m tests.test_locate_cases
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.locate import locate
from pipeline.model import STATUS_AMBIGUOUS_JURISDICTION, STATUS_NO_JURISDICTION, Document, Location

CASES = Path(__file__).resolve().parent / "locate_cases"


@dataclass(frozen=True)
class Case:
    name: str  # family/file stem
    adcode: str  # "" when the place must be reported ambiguous, "-" when no place is named
    year: int | None  # None when nothing in the text can give the year (status no_year)
    note: str

    def document(self) -> Document:
        path = CASES / f"{self.name}.txt"
        return Document(source=path.name, path=str(path), text=path.read_text(encoding="utf-8"), kind="txt")


def load_cases() -> list[Case]:
    with (CASES / "expected.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Case(r["case"], r["adcode"], int(r["year"]) if r["year"] else None, r["note"])
            for r in csv.DictReader(handle)
        ]


def place_right(case: Case, found: Location) -> bool:
    if case.adcode == "-":
        return found.place is None and found.status == STATUS_NO_JURISDICTION
    if not case.adcode:
        return found.place is None and found.status == STATUS_AMBIGUOUS_JURISDICTION
    return found.place is not None and found.place.adcode == case.adcode


def test_every_case_file_is_listed_once_and_every_listed_case_exists():
    listed = [case.name for case in load_cases()]
    on_disk = sorted(str(p.relative_to(CASES).with_suffix("")) for p in CASES.glob("*/*.txt"))
    assert sorted(listed) == on_disk and len(set(listed)) == len(listed)


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case.name)
def test_place(case: Case):
    found = locate(case.document())
    assert place_right(case, found), (found.place, found.message, case.note)


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case.name)
def test_year(case: Case):
    assert locate(case.document()).year == case.year, case.note


def main() -> None:
    cases = load_cases()
    places = years = 0
    for case in cases:
        found = locate(case.document())
        ok_place, ok_year = place_right(case, found), found.year == case.year
        places, years = places + ok_place, years + ok_year
        got = f"{found.place.name}({found.place.adcode})" if found.place else found.status
        print(f"{'P' if ok_place else '-'}{'Y' if ok_year else '-'} {case.name:55} {got} {found.year}")
    total = len(cases)
    print(f"place right {places}/{total} = {places / total:.0%}; year right {years}/{total} = {years / total:.0%}")


if __name__ == "__main__":
    main()
