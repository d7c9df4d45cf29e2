"""Calibrate the confidence tiers: each tier's share of the values and how many of them are right.

Three sets, each built by the whole pipeline (place and year detected, as a user's build would):
- the real-phrasing batches under tests/realtext/ (paraphrased published pages, with gold, traps and
  open readings: a value is right when its key and value are gold, wrong otherwise, not counted when
  its key is an open reading);
- the whole-report specifications under tests/reports/ (every single-year value of each report listed);
- the shipped samples against ../shared/gold (where present), on the indicators that gold covers.

Prints, per set and over all, each tier's share of the values and its precision, and how many of the right
values are `high` (the aim: high >= 99 % right, covering >= 70 % of the right values).

Usage: python bench/calibrate_confidence.py [BATCH ...]   (from the repository root; default: every batch)
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
REALTEXT = TESTS / "realtext"
SHARED = next((p / "shared" for p in ROOT.parents[:2] if (p / "shared" / "gold").is_dir()), ROOT.parent / "shared")
sys.path[:0] = [str(ROOT), str(TESTS)]

from pipeline import api  # noqa: E402

TIERS = ("high", "medium", "low")
Key = tuple[str, str, str, str]  # (document, jurisdiction, year, indicator)


def _gold(path: Path) -> dict[Key, float]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {(r["doc"], r["jurisdiction"], str(int(float(r["year"]))), r["indicator"]): float(r["value"])
                for r in csv.DictReader(f)}  # fmt: skip


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= (0.5 if max(abs(a), abs(b)) >= 1000 else 0.006)


def _built(raw: Path) -> pd.DataFrame:
    out = Path(tempfile.mkdtemp(prefix="fazhi-calibrate-"))
    try:
        api.build(raw, out / "processed")
        return pd.read_csv(out / "processed" / "indicators.csv", dtype={"adcode": str})
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _judge(table: pd.DataFrame, gold: dict[Key, float], open_keys: set[Key]) -> list[tuple[str, bool]]:
    judged = []
    for row in table.itertuples():
        key = (Path(str(row.source)).name, str(row.jurisdiction), str(int(row.year)), str(row.indicator))
        if key in open_keys:
            continue
        judged.append((str(row.confidence), key in gold and _close(gold[key], float(row.value))))
    return judged


def realtext(batch: str) -> list[tuple[str, bool]]:
    folder = REALTEXT / batch
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for path in folder.glob("*.txt"):
            shutil.copy(path, raw / path.name)
        table = _built(raw)
    return _judge(table, _gold(folder / "gold.csv"), set(_gold(folder / "ambiguous.csv")))


def specifications() -> list[tuple[str, bool]]:
    from case_files import report_cases

    judged = []
    for case in report_cases():
        doc, loc, facts = api.process_bytes(case.path.read_bytes(), case.path.name)
        expected = case.rows()
        for fact in facts:
            if fact.period != "year":
                continue
            row = (fact.indicator, fact.year or case.year(), round(fact.value, 2), fact.qualifier)
            judged.append((api.confidence_tier(fact.signals), row in expected))
    return judged


def seeds() -> list[tuple[str, bool]]:
    gold = _gold(SHARED / "gold" / "seeds.csv")
    if not gold:
        return []
    table = _built(ROOT / "data" / "raw")
    table = table[table["indicator"].isin({k[3] for k in gold})]
    return _judge(table, gold, set(_gold(SHARED / "gold" / "ambiguous.csv")))


def report(name: str, judged: list[tuple[str, bool]]) -> None:
    total = len(judged)
    if not total:
        print(f"{name}: no values")
        return
    by_tier = Counter(tier for tier, _ in judged)
    right = Counter(tier for tier, ok in judged if ok)
    all_right = sum(right.values())
    parts = []
    for tier in TIERS:
        n = by_tier[tier]
        precision = f"{right[tier] / n:.1%}" if n else "—"
        parts.append(f"{tier} {n} ({n / total:.0%}) precision {precision}")
    coverage = right["high"] / all_right if all_right else 0.0
    print(f"{name}: {total} values; " + "; ".join(parts) + f"; high covers {coverage:.0%} of the right values")


def main(argv: list[str]) -> int:
    batches = argv or sorted(p.name for p in REALTEXT.iterdir() if (p / "gold.csv").is_file())
    everything: list[tuple[str, bool]] = []
    for batch in batches:
        judged = realtext(batch)
        report(f"realtext/{batch}", judged)
        everything += judged
    for name, judged in (("specifications", specifications()), ("seeds", seeds())):
        report(name, judged)
        everything += judged
    report("all", everything)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
