"""Checks that the real-phrasing case batches under tests/realtext/ are well formed.

Owns: the shape of each batch (documents, gold/traps/ambiguous/places tables, SOURCES.md)
and the internal consistency of gold rows (units, derived rates, places in the gazetteer).
Must never run the extractor or assert how well it scores: the batches are a measure of
generalisation that the lead scores by hand, and tuning tests to them would defeat that.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline import catalogue, regions

ROOT = Path(__file__).parent / "realtext"
BATCHES = sorted(p for p in ROOT.iterdir() if p.is_dir() and re.fullmatch(r"r\d+", p.name))
ROW_HEADER = ["doc", "jurisdiction", "province", "level", "year", "indicator", "value", "qualifier", "method", "note"]
TABLES = ("gold.csv", "traps.csv", "ambiguous.csv")
QUALIFIERS = {"exact", "at_least", "approx", "at_most"}
METHODS = {"reported", "derived", "inferred"}
LEVELS = {"national", "province", "prefecture", "county"}
NATION = "中华人民共和国"
NEW_INDICATORS = {"normative_docs_filed", "info_disclosure_requests"}  # being added this round
# Places created after the gazetteer the project shipped with (the cases test them on purpose).
NEW_PLACES = ROOT / "NEW_PLACES.csv"
# A derived rate is count/count*100 rounded to 2 decimals: (rate, numerator, denominator).
DERIVED = {
    "mediation_success_rate": ("mediation_success", "mediation_cases"),
    "review_correction_rate": ("review_corrected", "review_concluded"),
    "litigation_loss_rate": ("litigation_lost", "litigation_cases"),
}


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _new_places() -> set[tuple[str, str, str]]:
    _, rows = _rows(NEW_PLACES)
    return {(r["name"], r["province"], r["level"]) for r in rows}


def _indicator_ids() -> set[str]:
    return set(catalogue.indicators()) | NEW_INDICATORS


def test_there_are_batches() -> None:
    assert BATCHES, "no batch folders r1, r2, … under tests/realtext"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_batch_files_present(batch: Path) -> None:
    for name in (*TABLES, "places.csv", "SOURCES.md"):
        assert (batch / name).is_file(), f"{batch.name}/{name} missing"
    docs = sorted(batch.glob("*.txt"))
    assert len(docs) >= 20
    for doc in docs:
        lines = [line for line in doc.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert 4 <= len(lines) <= 45, f"{doc.name}: {len(lines)} non-empty lines"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_places_cover_every_document(batch: Path) -> None:
    header, rows = _rows(batch / "places.csv")
    assert header == ["doc", "jurisdiction", "year"]
    docs = {p.name for p in batch.glob("*.txt")}
    assert sorted(r["doc"] for r in rows) == sorted(docs)
    for row in rows:
        assert 2000 <= int(row["year"]) <= 2026


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
@pytest.mark.parametrize("table", TABLES)
def test_rows_well_formed(batch: Path, table: str) -> None:
    header, rows = _rows(batch / table)
    assert header == ROW_HEADER
    docs = {p.name for p in batch.glob("*.txt")}
    ids = _indicator_ids()
    for row in rows:
        where = f"{table}: {row}"
        assert row["doc"] in docs, where
        assert row["indicator"] in ids, where
        assert row["qualifier"] in QUALIFIERS, where
        assert row["method"] in METHODS, where
        assert row["level"] in LEVELS, where
        assert 2000 <= int(row["year"]) <= 2026, where
        float(row["value"])
        assert row["note"].strip(), where
        if row["indicator"].endswith("_rate") or row["indicator"] == "market_entities_growth":
            continue
        if table == "gold.csv":
            assert float(row["value"]) == int(float(row["value"])), f"count not an integer: {where}"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_gold_places_are_in_the_gazetteer(batch: Path) -> None:
    _, rows = _rows(batch / "gold.csv")
    _, places = _rows(batch / "places.csv")
    new = _new_places()
    for jurisdiction, province, level in {(r["jurisdiction"], r["province"], r["level"]) for r in rows}:
        if level == "national":
            assert jurisdiction == province == NATION
            continue
        if (jurisdiction, province, level) in new:
            continue
        found = regions.lookup(jurisdiction)
        assert any(p.name == jurisdiction and p.province == province and p.level == level for p in found), (
            jurisdiction,
            province,
            level,
        )
    for row in places:
        known = row["jurisdiction"] == NATION or row["jurisdiction"] in {name for name, _, _ in new}
        assert known or regions.lookup(row["jurisdiction"]), row


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_gold_keys_unique_and_derived_rates_consistent(batch: Path) -> None:
    _, rows = _rows(batch / "gold.csv")
    keys = [(r["doc"], r["jurisdiction"], r["year"], r["indicator"]) for r in rows]
    assert len(keys) == len(set(keys)), "a gold key appears twice"
    value = {k: float(r["value"]) for k, r in zip(keys, rows, strict=True)}
    for key, row in zip(keys, rows, strict=True):
        if row["method"] != "derived":
            continue
        top, bottom = DERIVED[row["indicator"]]
        num, den = value[(*key[:3], top)], value[(*key[:3], bottom)]
        assert round(num / den * 100, 2) == pytest.approx(float(row["value"]), abs=0.006), row


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_no_trap_equals_its_gold(batch: Path) -> None:
    _, gold = _rows(batch / "gold.csv")
    _, traps = _rows(batch / "traps.csv")
    golden = {(r["doc"], r["jurisdiction"], r["year"], r["indicator"], float(r["value"])) for r in gold}
    for trap in traps:
        key = (trap["doc"], trap["jurisdiction"], trap["year"], trap["indicator"], float(trap["value"]))
        assert key not in golden, trap


@pytest.mark.parametrize("batch", BATCHES, ids=lambda p: p.name)
def test_sources_name_every_document(batch: Path) -> None:
    text = (batch / "SOURCES.md").read_text(encoding="utf-8")
    for doc in batch.glob("*.txt"):
        assert doc.name in text, f"SOURCES.md does not describe {doc.name}"
