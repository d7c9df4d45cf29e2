"""Specification of the tidy table: rows from facts, the conflict rule, ranges and schemas."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline import table
from pipeline.model import PERIOD_CUMULATIVE, Document, Fact, Location, Place

CITY = Place("甲市", "110100", "prefecture", "乙省", "乙省")
COUNTY = Place("丙县", "110121", "county", "乙省", "甲市")


def doc(source: str = "r.txt") -> Document:
    return Document(source=source, path=source, text="", kind="txt")


def rows(
    place: Place, report_year: int, *facts: Fact, source: str = "r.txt", title: str = "", published: str = ""
) -> list[dict]:
    return table.rows_for(doc(source), Location(place, report_year, title, published), list(facts))


def fact(indicator: str = "review_accepted", value: float = 120, **kw) -> Fact:
    return Fact(indicator=indicator, value=value, evidence=f"受理{value}件", start=kw.pop("start", 0), **kw)


def resolved(*groups: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    single, _ = table.frames([r for g in groups for r in g])
    return table.resolve(single)


def test_a_fact_becomes_a_row_with_place_catalogue_name_and_unit():
    [row] = rows(CITY, 2022, fact())
    assert (row["jurisdiction"], row["adcode"], row["level"], row["year"]) == ("甲市", "110100", "prefecture", 2022)
    assert (row["indicator_name"], row["unit"], row["family"]) == ("行政复议受理数", "件", "行政复议")


def test_a_fact_naming_its_own_year_keeps_it():
    [row] = rows(CITY, 2022, fact(year=2019))
    assert row["year"] == 2019


def test_no_place_means_no_rows():
    assert table.rows_for(doc(), Location(None, 2022), [fact()]) == []


def test_cumulative_facts_never_reach_the_single_year_table():
    single, cumulative = table.frames(rows(CITY, 2022, fact(), fact(value=900, period=PERIOD_CUMULATIVE)))
    assert single["value"].tolist() == [120.0]
    assert cumulative["value"].tolist() == [900.0]
    table.validate(cumulative, "cumulative")


def test_one_row_per_key_and_the_same_value_twice_is_no_conflict():
    indicators, conflicts = resolved(rows(CITY, 2022, fact()), rows(CITY, 2022, fact(), source="s.txt"))
    assert len(indicators) == 1 and conflicts.empty


@pytest.mark.parametrize(
    ("better", "worse", "rule_word"),
    [
        (dict(method="manual"), dict(), "人工"),
        (dict(method="reported"), dict(method="derived"), "原文报告值"),
        (dict(method="inferred"), dict(method="derived"), "推断值"),
        (dict(), dict(qualifier="approx"), "确切"),
    ],
)
def test_the_conflict_rule_picks_the_better_row(better, worse, rule_word):
    good = rows(CITY, 2022, fact(value=100, **better))
    bad = rows(CITY, 2022, fact(value=90, **worse), source="z.txt")
    for order in ((good, bad), (bad, good)):
        indicators, conflicts = resolved(*order)
        assert indicators["value"].tolist() == [100.0]
        assert conflicts["chosen"].tolist() == [True, False]
        assert rule_word in conflicts.loc[conflicts["chosen"], "rule"].item()


def test_a_figure_written_rounded_in_one_report_gives_way_to_the_same_figure_in_full():
    full = rows(CITY, 2022, fact(value=43688, note="43688件"), source="a.txt")
    rounded = rows(CITY, 2022, fact(value=43700, note="4.37万件"), source="b.txt", published="2023-05-01")
    for order in ((full, rounded), (rounded, full)):
        indicators, conflicts = resolved(*order)
        assert indicators["value"].tolist() == [43688.0]
        assert "取整" in conflicts.loc[conflicts["chosen"], "rule"].item()


@pytest.mark.parametrize(
    ("other", "note"),
    [
        (7186, "1万件"),  # one written digit: no rounding of 7186, a different figure
        (43100, "4.37万件"),  # farther than half a step (50) from 43700
    ],
)
def test_a_coarse_or_distant_figure_is_no_rounding_and_stays_a_conflict(other: float, note: str):
    first = rows(CITY, 2022, fact(value=other, note=f"{other}件"), source="a.txt")
    second = rows(CITY, 2022, fact(value=10000 if note == "1万件" else 43700, note=note), source="b.txt")
    indicators, conflicts = resolved(first, second)
    assert indicators.empty and not conflicts["chosen"].any()


def test_two_reports_of_one_year_are_decided_by_publication_date_first():
    early = rows(CITY, 2022, fact(value=100), source="a.txt", published="2023-02-01")
    late = rows(CITY, 2022, fact(value=90, qualifier="approx"), source="b.txt", published="2023-03-20")
    for order in ((early, late), (late, early)):
        indicators, conflicts = resolved(*order)
        assert indicators["value"].tolist() == [90.0]  # the later issue wins, before any content rule
        rule = conflicts.loc[conflicts["chosen"], "rule"].item()
        assert "发布日期较晚" in rule and "2023-03-20" in rule


def test_then_by_issuer_the_government_before_a_department():
    government = rows(
        CITY,
        2022,
        fact(value=100, qualifier="approx"),
        source="z.txt",
        title="甲市人民政府关于2022年法治政府建设情况的报告",
    )
    bureau = rows(CITY, 2022, fact(value=90), source="a.txt", title="甲市司法局2022年法治政府建设工作报告")
    for order in ((government, bureau), (bureau, government)):
        indicators, conflicts = resolved(*order)
        assert indicators["value"].tolist() == [100.0]
        assert "人民政府发布的报告优先于政府部门" in conflicts.loc[conflicts["chosen"], "rule"].item()


def test_a_date_known_for_one_report_only_does_not_decide():
    dated = rows(CITY, 2022, fact(value=100, qualifier="approx"), source="a.txt", published="2023-03-01")
    undated = rows(CITY, 2022, fact(value=90), source="b.txt")
    indicators, conflicts = resolved(dated, undated)
    assert indicators["value"].tolist() == [90.0]
    assert "确切" in conflicts.loc[conflicts["chosen"], "rule"].item()


@pytest.mark.parametrize("same_report", [True, False])
def test_never_by_file_order_name_or_position_an_undecided_key_keeps_no_value(same_report):
    first = rows(CITY, 2022, fact(value=100, start=5), source="a.txt")
    second = rows(CITY, 2022, fact(value=90, start=50), source="a.txt" if same_report else "b.txt")
    for order in ((first, second), (second, first)):
        indicators, conflicts = resolved(*order)
        assert indicators.empty
        assert sorted(conflicts["value"]) == [90.0, 100.0] and not conflicts["chosen"].any()
        assert "暂不采用" in conflicts["rule"].iloc[0] and "冲突审核" in conflicts["rule"].iloc[0]


def test_the_year_s_own_report_beats_a_later_report_quoting_it():
    own = rows(CITY, 2021, fact(value=100))
    later = rows(CITY, 2022, fact(value=95, year=2021), source="later.txt")
    indicators, conflicts = resolved(later, own)
    assert indicators["value"].tolist() == [100.0]
    assert "2021年度本身的报告" in conflicts["rule"].iloc[0]


def test_between_two_reports_quoting_a_year_the_later_wins():
    older = rows(CITY, 2021, fact(value=100, year=2019), source="a.txt")
    newer = rows(CITY, 2022, fact(value=101, year=2019), source="b.txt")
    indicators, _ = resolved(older, newer)
    assert indicators["value"].tolist() == [101.0]


def test_places_are_separate_keys():
    indicators, conflicts = resolved(rows(CITY, 2022, fact(value=100)), rows(COUNTY, 2022, fact(value=7)))
    assert sorted(indicators["value"]) == [7.0, 100.0] and conflicts.empty


def test_values_outside_the_catalogue_range_are_set_aside():
    kept, dropped = table.plausible(rows(CITY, 2022, fact("court_appearance_rate", 180), fact(value=5)))
    assert [r["value"] for r in kept] == [5.0] and [r["value"] for r in dropped] == [180.0]


def test_the_schema_names_the_column_that_is_wrong():
    indicators, _ = resolved(rows(CITY, 2022, fact()))
    broken = indicators.assign(adcode="11010")
    with pytest.raises(table.SchemaViolation, match="adcode"):
        table.validate(broken, "indicators")


def test_the_schema_rejects_an_indicator_missing_from_the_catalogue():
    indicators, _ = resolved(rows(CITY, 2022, fact()))
    with pytest.raises(table.SchemaViolation, match="catalogue"):
        table.validate(indicators.assign(indicator="made_up"), "indicators")


def test_empty_tables_still_have_their_columns_and_pass():
    indicators, conflicts = resolved([])
    assert list(indicators.columns) == list(table.COLUMNS)
    table.validate(indicators, "indicators")
    table.validate(conflicts, "conflicts")


def _one_of_each_table() -> dict[str, pd.DataFrame]:
    """A small valid frame of every table, as the table stage makes them (a conflict included)."""
    indicators, conflicts = resolved(
        rows(CITY, 2022, fact(value=100)), rows(CITY, 2023, fact(year=2022, value=90), source="s.txt")
    )
    _, cumulative = table.frames(rows(CITY, 2022, fact(value=900, period=PERIOD_CUMULATIVE)))
    documents = table.documents_frame([table.document_row(doc(), Location(CITY, 2022))], indicators)
    corrections = table.invalid_corrections([])
    return {
        "indicators": indicators,
        "cumulative": cumulative,
        "conflicts": conflicts,
        "documents": documents,
        "corrections": corrections,
    }


def test_the_quick_schema_proof_passes_what_the_table_stage_makes_and_pandera_agrees():
    for kind, frame in _one_of_each_table().items():
        assert len(frame) or kind == "corrections", kind
        assert table._surely_valid(frame, kind), kind
        table._schemas()[kind].validate(frame, lazy=True)  # pandera itself: raises if the proof was wrong


BROKEN = {
    "a short adcode": lambda f: f.assign(adcode="11010"),
    "an indicator missing from the catalogue": lambda f: f.assign(indicator="made_up"),
    "an empty place name": lambda f: f.assign(jurisdiction=""),
    "a missing place name": lambda f: f.assign(jurisdiction=pd.Series([None] * len(f), dtype="str")),
    "a year out of range": lambda f: f.assign(year=pd.Series([1900] * len(f), dtype="Int64")),
    "a missing year": lambda f: f.assign(year=pd.Series([None] * len(f), dtype="Int64")),
    "a value out of its range": lambda f: f.assign(value=-5.0),
    "a missing value": lambda f: f.assign(value=float("nan")),
    "an unknown qualifier": lambda f: f.assign(qualifier="roughly"),
    "an unknown method": lambda f: f.assign(method="guessed"),
    "an unknown confidence": lambda f: f.assign(confidence="sure"),
    "an unknown review state": lambda f: f.assign(review_state="maybe"),
    "a float year": lambda f: f.astype({"year": "float64"}),
    "a column missing": lambda f: f.drop(columns=["note"]),
    "an extra column": lambda f: f.assign(extra="x"),
    "columns out of order": lambda f: f[[*reversed(f.columns)]],
    "a key twice": lambda f: pd.concat([f, f], ignore_index=True),
}


@pytest.mark.parametrize("what", sorted(BROKEN))
def test_the_quick_schema_proof_never_passes_a_broken_table_and_pandera_names_it(what):
    indicators = _one_of_each_table()["indicators"]
    broken = BROKEN[what](indicators)
    assert not table._surely_valid(broken, "indicators")
    with pytest.raises(table.SchemaViolation):
        table.validate(broken, "indicators")


def test_what_the_quick_schema_proof_cannot_be_sure_of_pandera_decides():
    indicators = _one_of_each_table()["indicators"]
    for doubtful in (indicators.astype({"note": object}), indicators.assign(adcode="11010\uff11")):
        assert not table._surely_valid(doubtful, "indicators")
        assert table.validate(doubtful, "indicators").equals(doubtful)  # pandera's \\d and str take these


def test_the_quick_schema_proof_leaves_negative_counts_and_unknown_periods_to_pandera():
    frames = _one_of_each_table()
    documents = frames["documents"].assign(values=-1)
    cumulative = frames["cumulative"].assign(period="year")
    assert not table._surely_valid(documents, "documents")
    assert not table._surely_valid(cumulative, "cumulative")
    with pytest.raises(table.SchemaViolation, match="values"):
        table.validate(documents, "documents")
    with pytest.raises(table.SchemaViolation, match="period"):
        table.validate(cumulative, "cumulative")


def test_documents_count_their_values():
    indicators, _ = resolved(rows(CITY, 2022, fact(), fact("review_received", 130)))
    docs = table.documents_frame([table.document_row(doc(), Location(CITY, 2022))], indicators)
    assert docs.loc[0, "values"] == 2 and docs.loc[0, "status"] == "ok"
    table.validate(docs, "documents")
