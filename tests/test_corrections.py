"""Specification of corrections: an append-only log, the last line in force, applied by the
build with method=manual, the extracted value kept visible, and misfits reported."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import build as build_module
from pipeline import corrections
from pipeline.api import build
from pipeline.corrections import Correction

INDICATORS = ("review_accepted", "legal_aid_cases")


pytestmark = pytest.mark.usefixtures("fake_pipeline")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted 120\nFACT legal_aid_cases 45\n", "utf-8"
    )
    return folder


def correct(raw: Path, *entries: Correction) -> pd.DataFrame:
    for entry in entries:
        corrections.append(raw / "corrections.csv", entry)
    build(raw, raw.parent / "out")
    return pd.read_csv(raw.parent / "out" / "indicators.csv", dtype={"adcode": str})


def value(table: pd.DataFrame, indicator: str) -> float | None:
    rows = table[table["indicator"] == indicator]
    return None if rows.empty else rows["value"].item()


def test_appending_keeps_every_earlier_line(tmp_path: Path):
    path = tmp_path / "corrections.csv"
    corrections.append(path, Correction("甲市", 2022, "review_accepted", "set", 118, "原文笔误", "张三"))
    first = path.read_text("utf-8")
    corrections.append(path, Correction("甲市", 2022, "review_accepted", "withdraw", reason="核实无误"))
    assert path.read_text("utf-8").startswith(first)
    found, problems = corrections.read(path, INDICATORS)
    assert [c.action for c in found] == ["set", "withdraw"] and problems == []


def test_the_last_line_for_a_key_is_in_force_and_withdraw_cancels():
    lines = [
        Correction("甲市", 2022, "review_accepted", "set", 1),
        Correction("甲市", 2022, "review_accepted", "set", 2),
        Correction("甲市", 2022, "legal_aid_cases", "set", 3),
        Correction("甲市", 2022, "legal_aid_cases", "withdraw"),
    ]
    assert [(c.indicator, c.value) for c in corrections.in_force(lines)] == [("review_accepted", 2)]


@pytest.mark.parametrize(
    ("line", "word"),
    [
        (",2022,review_accepted,set,5,,,", "地区"),
        ("甲市,2022,made_up,set,5,,,", "指标目录"),
        ("甲市,二〇二二,review_accepted,set,5,,,", "年份"),
        ("甲市,2022,review_accepted,set,五,,,", "数字"),
        ("甲市,2022,review_accepted,erase,5,,,", "操作"),
    ],
)
def test_a_bad_line_is_a_problem_not_a_crash(tmp_path: Path, line: str, word: str):
    path = tmp_path / "corrections.csv"
    path.write_text(",".join(corrections.COLUMNS) + "\n" + line + "\n", "utf-8")
    found, [problem] = corrections.read(path, INDICATORS)
    assert found == [] and word in problem.message and problem.line == 2


def test_a_set_replaces_the_value_and_keeps_the_extracted_one_visible(raw: Path):
    table = correct(raw, Correction("甲市", 2022, "review_accepted", "set", 118, "原文笔误", "张三"))
    row = table[table["indicator"] == "review_accepted"].iloc[0]
    assert (row["value"], row["method"]) == (118, "manual")
    assert "原提取值 120" in row["note"] and "张三" in row["note"] and "原文笔误" in row["note"]
    assert row["evidence"] == "FACT review_accepted 120" and row["source"] == "a.txt"
    report = pd.read_csv(raw.parent / "out" / "corrections_applied.csv")
    assert report.loc[0, "status"] == "applied" and report.loc[0, "extracted_value"] == 120


def test_a_set_for_a_missing_value_adds_it_by_adcode_too(raw: Path):
    table = correct(raw, Correction("110100", 2021, "review_accepted", "set", 99, "据年鉴补充"))
    added = table[table["year"] == 2021].iloc[0]
    assert (added["jurisdiction"], added["value"], added["source"]) == ("甲市", 99, "corrections.csv")


def test_a_reject_removes_the_extracted_value(raw: Path):
    table = correct(raw, Correction("甲市", 2022, "legal_aid_cases", "reject", reason="把人次当成了件"))
    assert value(table, "legal_aid_cases") is None and value(table, "review_accepted") == 120


def test_a_withdrawn_correction_restores_the_extracted_value(raw: Path):
    table = correct(
        raw,
        Correction("甲市", 2022, "review_accepted", "set", 1),
        Correction("甲市", 2022, "review_accepted", "withdraw"),
    )
    assert value(table, "review_accepted") == 120


def test_a_correction_matching_nothing_is_reported_not_dropped(raw: Path):
    table = correct(
        raw,
        Correction("旧县名", 2022, "review_accepted", "set", 5),
        Correction("甲市", 2019, "legal_aid_cases", "reject"),
    )
    assert len(table) == 2
    report = pd.read_csv(raw.parent / "out" / "corrections_applied.csv")
    assert report["status"].tolist() == ["unmatched", "unmatched"]
    assert "旧县名" in report.loc[0, "message"]


def test_editing_corrections_makes_the_build_stale(raw: Path):
    out = raw.parent / "out"
    build(raw, out)
    assert not build_module.is_stale(raw, out)
    corrections.append(raw / "corrections.csv", Correction("甲市", 2022, "review_accepted", "set", 7))
    assert build_module.is_stale(raw, out)
