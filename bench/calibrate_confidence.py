"""Calibrate the confidence tiers: each tier's share of the values and how many of them are right.

Reads the specifications that state every value a report holds — the `REPORTS` lists of
tests/test_reports*.py (and of any module under tests/realtext/ that has one, or modules named
on the command line) — plus the shipped samples scored against ../shared/gold/seeds.csv (where
present). Each found single-year value is right when the specification lists it. Prints, per
tier, the share of all values, the precision (right / values of that tier), and how many of
the right values are `high` (the aim: high >= 99 % right, covering >= 70 % of the right values).

Usage: python bench/calibrate_confidence.py [MODULE.py ...]   (from the repository root)
Only per-document signals are weighed for the specification reports (each is read alone); the
seeds go through the whole table stage, so their conflict and outlier signals count too.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# ../shared beside the checkout (a worktree one level deeper finds it one level up)
SEEDS = next(
    (p / "shared" / "gold" / "seeds.csv" for p in ROOT.parents[:2] if (p / "shared" / "gold" / "seeds.csv").is_file()),
    ROOT.parent / "shared" / "gold" / "seeds.csv",
)
sys.path[:0] = [str(ROOT), str(TESTS)]

from pipeline import confidence  # noqa: E402
from pipeline.api import extract, process_bytes  # noqa: E402
from pipeline.model import PERIOD_YEAR  # noqa: E402

Outcome = tuple[str, str, bool, str]  # (set name, tier, right, description)


def modules(paths: Iterable[Path]) -> Iterator[tuple[str, object]]:
    for path in paths:
        spec = importlib.util.spec_from_file_location(f"calibrate_{path.stem}", path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as err:  # noqa: BLE001 - one broken case file must not stop the others
            print(f"skipped {path}: {type(err).__name__}: {err}", file=sys.stderr)
            continue
        yield path.stem, module


def report_outcomes(name: str, reports: Iterable) -> Iterator[Outcome]:
    for rep in reports:
        _, _, facts = process_bytes(*rep.data())
        expected = {(i, y, round(float(v), 2), q) for i, y, v, q in rep.rows}
        for fact in facts:
            if fact.period != PERIOD_YEAR:
                continue
            row = (fact.indicator, fact.year or rep.year, round(fact.value, 2), fact.qualifier)
            yield name, confidence.tier(fact.signals), row in expected, f"{rep.name} {row} {','.join(fact.signals)}"


def seed_outcomes() -> Iterator[Outcome]:
    if not SEEDS.is_file():
        return
    with SEEDS.open(encoding="utf-8-sig", newline="") as handle:
        gold = {
            (r["doc"], r["jurisdiction"], int(r["year"]), r["indicator"]): float(r["value"])
            for r in csv.DictReader(handle)
        }
    table = extract([ROOT / "data" / "raw"])
    for row in table.itertuples():
        want = gold.get((row.source, row.jurisdiction, int(row.year), row.indicator))
        right = want is not None and math.isclose(want, row.value, abs_tol=0.006)
        yield "seeds", row.confidence, right, f"{row.source} {row.indicator} {row.value:g} {row.signals}"


def summary(outcomes: list[Outcome]) -> str:
    lines = []
    total = len(outcomes)
    right_total = sum(1 for o in outcomes if o[2])
    for tier in confidence.TIERS:
        these = [o for o in outcomes if o[1] == tier]
        right = sum(1 for o in these if o[2])
        share = len(these) / total if total else 0.0
        precision = right / len(these) if these else float("nan")
        lines.append(
            f"  {tier:<6} {len(these):>5} values  share {share:6.1%}  precision {precision:7.2%}  ({right} right)"
        )
    high_right = sum(1 for o in outcomes if o[1] == confidence.HIGH and o[2])
    coverage = high_right / right_total if right_total else float("nan")
    lines.append(f"  all    {total:>5} values  {right_total} right;  high covers {coverage:.1%} of the right values")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [
        *sorted(TESTS.glob("test_reports*.py")),
        *sorted((TESTS / "realtext").rglob("*.py")),
    ]
    outcomes: list[Outcome] = []
    for name, module in modules(paths):
        reports = getattr(module, "REPORTS", None)
        if isinstance(reports, list) and reports and hasattr(reports[0], "rows"):
            outcomes.extend(report_outcomes(name, reports))
    outcomes.extend(seed_outcomes())
    for name in dict.fromkeys(o[0] for o in outcomes):
        print(f"{name}:")
        print(summary([o for o in outcomes if o[0] == name]))
    print("ALL:")
    print(summary(outcomes))
    wrong = [o for o in outcomes if not o[2]]
    by_tier = Counter(o[1] for o in wrong)
    print(f"wrong values by tier: {dict(by_tier)}")
    for o in wrong:
        if o[1] == confidence.HIGH:
            print(f"  WRONG high: {o[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
