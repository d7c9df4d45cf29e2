"""Review states from the editors' log: confirm records the value and evidence it saw; a
re-extraction that changes either brings the value back to 未核实 with the reason; rejections
of a value since changed stop applying; the build writes the review columns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline import corrections, review
from pipeline.build import build
from pipeline.corrections import Correction

pytestmark = pytest.mark.usefixtures("fake_pipeline")
REPORT = "PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted {value}\nFACT legal_aid_cases 45\n"
INDICATORS = ("review_accepted", "legal_aid_cases")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT.format(value=120), "utf-8")
    return folder


def rebuilt(raw: Path) -> dict[str, dict]:
    build(raw, raw.parent / "out")
    table = pd.read_csv(raw.parent / "out" / "indicators.csv", dtype={"adcode": str}, keep_default_na=False)
    return {r["indicator"]: r for r in table.to_dict("records")}


def seen(indicator: str, action: str, value: float, evidence: str, who: str = "张三") -> Correction:
    return Correction("甲市", 2022, indicator, action, value, "", who, evidence_sha=review.evidence_hash(evidence))


def test_a_confirmation_records_account_beijing_time_value_and_evidence_hash(raw: Path):
    corrections.append(raw / "corrections.csv", seen("review_accepted", "confirm", 120, "FACT review_accepted 120"))
    (line,), _ = corrections.read(raw / "corrections.csv", INDICATORS)
    assert (line.action, line.value, line.who) == ("confirm", 120, "张三")
    assert line.when.endswith("+08:00") and line.evidence_sha == review.evidence_hash("FACT review_accepted 120")
    table = rebuilt(raw)
    assert table["review_accepted"]["review_state"] == "confirmed"
    assert table["review_accepted"]["reviewed_by"] == "张三" and table["review_accepted"]["reviewed_at"] == line.when
    assert table["legal_aid_cases"]["review_state"] == "unverified"


def test_a_changed_value_falls_back_to_unverified_and_says_why(raw: Path):
    corrections.append(raw / "corrections.csv", seen("review_accepted", "confirm", 120, "FACT review_accepted 120"))
    (raw / "a.txt").write_text(REPORT.format(value=121), "utf-8")
    row = rebuilt(raw)["review_accepted"]
    assert row["review_state"] == "unverified" and row["reviewed_by"] == ""
    assert "120" in row["review_note"] and "121" in row["review_note"] and "重新核实" in row["review_note"]


def test_changed_evidence_with_the_same_value_falls_back_too(raw: Path):
    corrections.append(raw / "corrections.csv", seen("review_accepted", "confirm", 120, "另一句话 120"))
    row = rebuilt(raw)["review_accepted"]
    assert row["review_state"] == "unverified" and "原文依据已改变" in row["review_note"]


def test_a_rejection_removes_the_value_it_saw_but_not_a_new_reading(raw: Path):
    corrections.append(raw / "corrections.csv", seen("review_accepted", "reject", 120, "FACT review_accepted 120"))
    assert "review_accepted" not in rebuilt(raw)
    (raw / "a.txt").write_text(REPORT.format(value=130), "utf-8")
    row = rebuilt(raw)["review_accepted"]
    assert row["value"] == 130 and row["review_state"] == "unverified" and "否决" in row["review_note"]


def test_a_set_is_corrected_and_a_later_confirm_does_not_undo_it(raw: Path):
    log = raw / "corrections.csv"
    corrections.append(log, Correction("甲市", 2022, "review_accepted", "set", 118, "笔误", "李四"))
    row = rebuilt(raw)["review_accepted"]
    assert (row["value"], row["method"]) == (118, "manual")
    assert (row["review_state"], row["reviewed_by"]) == ("corrected", "李四")
    corrections.append(log, seen("review_accepted", "confirm", 118, row["evidence"], who="王五"))
    row = rebuilt(raw)["review_accepted"]
    assert (row["value"], row["method"]) == (118, "manual")
    assert (row["review_state"], row["reviewed_by"]) == ("confirmed", "王五")


def test_withdrawing_returns_the_extracted_value_unverified(raw: Path):
    log = raw / "corrections.csv"
    corrections.append(log, Correction("甲市", 2022, "review_accepted", "set", 118, "笔误", "李四"))
    corrections.append(log, Correction("甲市", 2022, "review_accepted", "withdraw", None, "核实无误", "李四"))
    row = rebuilt(raw)["review_accepted"]
    assert (row["value"], row["review_state"]) == (120, "unverified") and "撤销" in row["review_note"]


def test_a_log_with_the_older_header_keeps_working_and_gains_the_hash(raw: Path):
    log = raw / "corrections.csv"
    log.write_text(
        "jurisdiction,year,indicator,action,value,reason,who,when\n甲市,2022,legal_aid_cases,set,44,笔误,李四,\n",
        encoding="utf-8",
    )
    before = log.read_text("utf-8")
    corrections.append(log, seen("review_accepted", "confirm", 120, "FACT review_accepted 120"))
    assert log.read_text("utf-8").startswith(before)
    found, problems = corrections.read(log, INDICATORS)
    assert problems == [] and [c.action for c in found] == ["set", "confirm"]
    assert found[1].evidence_sha == review.evidence_hash("FACT review_accepted 120")
    table = rebuilt(raw)
    assert table["review_accepted"]["review_state"] == "confirmed"
    assert table["legal_aid_cases"]["review_state"] == "corrected"


def test_confirmations_change_no_value():
    lines = [Correction("甲市", 2022, "review_accepted", "set", 1), seen("review_accepted", "confirm", 1, "x")]
    assert corrections.in_force(lines) == [lines[0]]


def test_large_values_are_written_in_full(tmp_path: Path):
    log = tmp_path / "corrections.csv"
    corrections.append(log, Correction("甲市", 2022, "review_accepted", "set", 1234567, "x", "张三"))
    (line,), _ = corrections.read(log, INDICATORS)
    assert line.value == 1234567
