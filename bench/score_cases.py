"""Score sentence-case files as a round's honest measure: right / missing / wrong values.

Usage: python bench/score_cases.py tests/cases/FILE.yaml [...]
A value is right when the extractor finds the case's row, missing when it does not, and wrong for every
single-year row it finds that the case does not list. Printed, never asserted (tests/test_extract.py asserts).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from case_files import raw_cases, sentence_case  # noqa: E402
from test_extract import expected_rows, rows  # noqa: E402

from pipeline.extract import extract_facts  # noqa: E402
from pipeline.ingest import normalise_text  # noqa: E402


def score(path: Path) -> tuple[int, int, int]:
    right = missing = wrong = 0
    for case in [sentence_case(path.stem, i, raw) for i, raw in enumerate(raw_cases(path))]:
        facts = extract_facts(normalise_text(case.text), case.year, case.place, case.subs, case.published)
        got = set(rows(facts, case.period or "year", case.year))
        want = set(expected_rows(case.rows))
        right += len(got & want)
        missing += len(want - got)
        wrong += len(got - want)
        for row in sorted(want - got):
            print("  MISSING", row, "|", case.text[:60].replace("\n", " "))
        for row in sorted(got - want):
            print("  WRONG  ", row, "|", case.text[:60].replace("\n", " "))
    return right, missing, wrong


if __name__ == "__main__":
    for name in sys.argv[1:]:
        r, m, w = score(Path(name))
        print(f"{name}: right {r}, missing {m}, wrong {w}")
