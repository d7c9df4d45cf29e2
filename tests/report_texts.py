"""Whole-report cases (tests/reports/) as plain text and, for a DOCX case, its first table: what the
format specifications re-render as OFD, RTF, MHTML, PDF, scans and old Word files."""

from __future__ import annotations

from dataclasses import dataclass

from case_files import ReportCase, report_cases

from pipeline.model import PERIOD_YEAR


@dataclass(frozen=True)
class Report:
    """A whole-report case (tests/reports/) as text and, for a DOCX case, its first table."""

    name: str
    text: str
    table: tuple[tuple[str, ...], ...]
    case: ReportCase

    @property
    def place(self) -> tuple[str, str, str]:
        return self.case.place()

    @property
    def year(self) -> int:
        return self.case.year()

    @property
    def rows(self) -> set[tuple]:
        return self.case.rows()


def _report(case: ReportCase) -> Report:
    if case.path.suffix != ".docx":
        return Report(case.name, case.path.read_text(encoding="utf-8"), (), case)
    import docx

    document = docx.Document(str(case.path))
    text = "\n".join(p.text for p in document.paragraphs)
    table = tuple(tuple(c.text for c in row.cells) for row in document.tables[0].rows) if document.tables else ()
    return Report(case.name, text, table, case)


def expected_rows(rep: Report) -> set[tuple]:
    return rep.case.rows()


def found_rows(rep: Report, facts) -> set[tuple]:
    return {
        (f.indicator, f.year if f.year is not None else rep.year, round(f.value, 2), f.qualifier)
        for f in facts
        if f.period == PERIOD_YEAR
    }


def by_name() -> dict[str, Report]:
    return {case.name: _report(case) for case in report_cases()}
