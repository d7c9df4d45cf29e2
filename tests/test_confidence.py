"""The confidence stage: rules checked on load, signals from the document and location, tiers,
outliers and conflicts in the table, and the `confidence` column of every output."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline import confidence, table
from pipeline.build import build
from pipeline.model import Document, Fact, Location, Place

PLACE = Place("黄山市", "341000", "prefecture", "安徽省", "安徽省")
RULES = yaml.safe_load(confidence.RULES.read_text(encoding="utf-8"))


def write_rules(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "confidence.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_rules_list_every_known_signal_and_load():
    rules = confidence.load(confidence.RULES)
    assert set(rules.weights) == set(confidence.KNOWN) and rules.high <= rules.medium


@pytest.mark.parametrize(
    ("change", "entry", "key"),
    [
        (lambda d: d.update(extra=1), "(top level)", "extra"),
        (lambda d: d["signals"].update(made_up={"weight": 1, "label": "x"}), "signals", "made_up"),
        (lambda d: d["signals"].pop("no_unit"), "signals", "no_unit"),
        (lambda d: d["signals"]["no_unit"].update(wieght=2), "signals.no_unit", "wieght"),
        (lambda d: d["signals"]["no_unit"].update(weight="two"), "signals.no_unit", "weight"),
        (lambda d: d["tiers"].pop("medium"), "tiers", "medium"),
        (lambda d: d["outlier"].update(ratio=-1), "outlier", "ratio"),
    ],
)
def test_a_wrong_rules_file_stops_with_file_entry_and_key(tmp_path, change, entry, key):
    data = yaml.safe_load(confidence.RULES.read_text(encoding="utf-8"))
    change(data)
    path = write_rules(tmp_path, data)
    with pytest.raises(confidence.RulesError) as err:
        confidence.load(path)
    assert str(path) in str(err.value) and f"'{entry}'" in str(err.value) and f"'{key}'" in str(err.value)


def test_tiers_follow_the_weights():
    assert confidence.tier(()) == "high"
    assert confidence.tier(("subject_inherited",)) == "high"
    assert confidence.tier(("no_unit",)) == "medium"
    assert confidence.tier(("subject_across_sentence", "no_unit")) == "low"
    assert confidence.tier(("conflict",)) == "low"


def test_an_unlisted_signal_lowers_the_confidence_and_is_logged(caplog):
    assert confidence.tier(("never_heard_of",)) == "medium"
    assert "never_heard_of" in caplog.text


def doc(text: str, kind: str = "txt") -> Document:
    return Document("a.txt", "a.txt", text, kind)


@pytest.mark.parametrize(
    ("title", "text", "wanted"),
    [
        ("黄山市2023年法治政府建设情况报告", "正文", ()),
        ("黄山市二〇二三年法治政府建设情况报告", "正文", ()),
        ("黄山2023年度法治政府建设工作报告", "正文", ()),
        ("法治政府建设情况报告", "x\n2023年,我市深入推进……", ("year_not_in_title", "place_not_in_title")),
        ("黄山市法治政府建设情况报告", "黄山市人民政府\n2024年1月15日", ("year_from_date",)),
    ],
)
def test_where_place_and_year_came_from_is_a_signal(title, text, wanted):
    loc = Location(PLACE, 2023, title=title)
    assert confidence.document_signals(loc, doc(text)) == wanted


def test_a_place_stated_by_an_editor_is_no_reading_risk():
    loc = Location(PLACE, 2023, title="", message="地区或年份由 data/raw/report_places.csv 指定。")
    assert confidence.document_signals(loc, doc("正文")) == ()


def test_ocr_text_and_the_method_are_signals_added_to_extracts():
    loc = Location(PLACE, 2023, title="黄山市2023年法治政府建设情况报告")
    facts = [
        Fact("review_accepted", 298, signals=("subject_inherited",)),
        Fact("review_rate", 93.1, method="derived"),
        Fact("review_received", 320, method="inferred"),
    ]
    found = confidence.assess(facts, loc, doc("正文", kind="pdf-ocr"))
    assert [f.signals for f in found] == [
        ("subject_inherited", "ocr"),
        ("ocr", "derived"),
        ("ocr", "inferred"),
    ]
    assert [f.value for f in found] == [298, 93.1, 320]


@pytest.mark.parametrize(
    ("value", "others", "rate", "outlier"),
    [
        (300, [280, 310, 295], False, False),
        (3000, [280, 310, 295], False, True),
        (30, [280, 310, 295], False, True),
        (3000, [280], False, False),  # one other year is not enough to call it odd
        (98.0, [97.5, 99.0], True, False),
        (40.0, [97.5, 99.0], True, True),
    ],
)
def test_outliers_against_the_places_other_years(value, others, rate, outlier):
    assert confidence.is_outlier(value, others, rate) is outlier


def rows(values: dict[int, float], signals: str = "") -> pd.DataFrame:
    records = [
        {c: "" for c in table.COLUMNS}
        | {
            "adcode": "341000",
            "year": y,
            "indicator": "review_accepted",
            "value": v,
            "unit": "件",
            "method": "reported",
            "signals": signals,
            "confidence": "high",
        }
        for y, v in values.items()
    ]
    return pd.DataFrame.from_records(records)


def test_the_table_stage_marks_outliers_and_conflicts_low():
    frame = rows({2020: 280, 2021: 310, 2022: 2950, 2023: 295})
    conflicts = pd.DataFrame([{"adcode": "341000", "year": 2021, "indicator": "review_accepted"}])
    out = table.add_confidence(frame, conflicts)
    assert dict(zip(out["year"], out["confidence"], strict=True)) == {
        2020: "high",
        2021: "low",
        2022: "low",
        2023: "high",
    }
    assert dict(zip(out["year"], out["signals"], strict=True))[2022] == "outlier"
    assert dict(zip(out["year"], out["signals"], strict=True))[2021] == "conflict"


FAKE_REPORT = "PLACE 甲市 110100 prefecture\nYEAR 2022\n2022年,全市……\nFACT review_accepted 120\n"


@pytest.mark.usefixtures("fake_pipeline")
def test_indicators_csv_carries_confidence_and_signals(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(FAKE_REPORT, encoding="utf-8")
    build(raw, tmp_path / "out")
    out = pd.read_csv(tmp_path / "out" / "indicators.csv", keep_default_na=False)
    # a place not named in the title weighs 2 (rules/confidence.yaml): medium
    assert out[["confidence", "signals"]].values.tolist() == [["medium", "year_not_in_title;place_not_in_title"]]
    assert out["review_state"].tolist() == ["unverified"]


def test_extract_on_the_command_line_prints_the_confidence(capsys):
    from pipeline.__main__ import main

    assert main(["extract", str(Path(__file__).resolve().parents[1] / "data" / "raw"), "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert "confidence" in header and "review_state" in header
