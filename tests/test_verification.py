"""What a person has checked, shown everywhere: hatched bars and open markers with a legend for
unverified values, † in tables, the 仅显示已核实 switch, and exports with a 核实状态 column whose
filter record says what was included."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from app import exports, figures, labels, verification
from app.data import typed
from app.views import table as table_view


@pytest.fixture
def reviewed(processed_copy):
    """The fixture table with every value of 浙江省 (330000) confirmed, the rest unverified."""
    path = processed_copy / "indicators.csv"
    frame = pd.read_csv(path, dtype={"adcode": str}, keep_default_na=False)
    frame["review_state"] = ["confirmed" if a == "330000" else "unverified" for a in frame["adcode"]]
    frame.to_csv(path, index=False)
    (processed_copy / "indicators.parquet").unlink(missing_ok=True)
    (processed_copy / "build.json").unlink(missing_ok=True)
    return processed_copy


@pytest.fixture
def rows(reviewed) -> pd.DataFrame:
    return typed(pd.read_csv(reviewed / "indicators.csv", dtype={"adcode": str}))[0]


def one_year(rows: pd.DataFrame) -> pd.DataFrame:
    picked = rows[(rows["indicator"] == "review_received") & (rows["year"] == 2022)]
    assert picked["review_state"].nunique() == 2, "the fixture needs both states here"
    return picked


def annotations(fig) -> str:
    return "\n".join(a.text for a in fig.layout.annotations)


def test_unverified_bars_are_pale_and_the_legend_says_so(rows):
    """横向对比's hatches mark ≥/≈ values (issue 10); an unverified bar is pale instead."""
    data = one_year(rows)
    fig = figures.compare_bar(data, name="行政复议收到申请数", unit="件", year=2022)
    bar = fig.data[0]
    names = [c.split(". ", 1)[1] for c in bar.y]
    states = dict(zip(data["jurisdiction"], data["review_state"], strict=True))
    pale = verification.UNVERIFIED_OPACITY
    assert list(bar.marker.opacity) == [1.0 if states[n] == "confirmed" else pale for n in names]
    assert verification.LEGEND in annotations(fig)


def test_a_chart_of_checked_values_only_has_no_marks_and_no_legend(rows):
    data = verification.only_verified(one_year(rows), True)
    fig = figures.compare_bar(data, name="行政复议收到申请数", unit="件", year=2022)
    assert set(fig.data[0].marker.opacity) == {1.0} and verification.LEGEND not in annotations(fig)


def test_unverified_points_are_open_markers(rows):
    data = rows[(rows["indicator"] == "review_received") & rows["adcode"].isin(["330000", "330100"])]
    fig = figures.trend_lines(data, name="行政复议收到申请数", unit="件")
    points = [t for t in fig.data if t.marker.symbol is not None]  # not the dotted lines across gaps
    symbols = {t.name: {s for s, y in zip(t.marker.symbol, t.y, strict=True) if y is not None} for t in points}
    assert symbols["浙江省"] == {"circle"} and symbols["杭州市"] == {"circle-open"}
    assert verification.LEGEND in annotations(fig)


def test_profile_bars_are_hatched_per_year(rows):
    data = rows[rows["adcode"] == "330100"]
    fig = figures.profile_grid(data, jurisdiction="杭州市")
    for trace in fig.data:
        assert {s for s, y in zip(trace.marker.pattern.shape, trace.y, strict=True) if y is not None} == {"/"}
    fig = figures.profile_grid(rows[rows["adcode"] == "330000"], jurisdiction="浙江省")
    assert all(set(trace.marker.pattern.shape) == {""} for trace in fig.data)


def test_tables_mark_unverified_values_with_a_dagger(rows):
    marked = verification.dagger(frames_with_labels(one_year(rows)))
    for label, state in zip(marked["label"], marked["review_state"], strict=True):
        assert label.endswith(labels.UNVERIFIED_MARK) == (state == "unverified")


def frames_with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    from app import frames

    return frames.with_labels(frame)


def read_export(data: bytes) -> tuple[list[str], pd.DataFrame]:
    lines = data.removeprefix(exports.BOM).decode("utf-8").splitlines()
    skip = exports.header_lines(data)
    return lines[:skip], pd.read_csv(io.BytesIO(data.removeprefix(exports.BOM)), skiprows=skip)


@pytest.mark.parametrize("checked_only", [False, True])
def test_exports_carry_the_state_and_say_what_was_included(rows, checked_only):
    record = verification.filter_record(rows, checked_only)
    shown = verification.only_verified(rows, checked_only)
    head, table = read_export(table_view._tidy_csv(shown, record))
    assert "核实状态" in table.columns
    if checked_only:
        assert set(table["核实状态"]) == {"已核实"} and len(table) == (rows["review_state"] == "confirmed").sum()
        assert any("仅含已核实" in line for line in head)
    else:
        assert set(table["核实状态"]) == {"已核实", "未核实"} and len(table) == len(rows)
        unverified = int((rows["review_state"] == "unverified").sum())
        assert any(f"其中 {unverified} 个未经人工核实" in line for line in head)
        assert table.loc[table["核实状态"] == "未核实", "显示值"].str.endswith("†").all()


def test_wide_exports_list_unverified_values_in_their_notes(rows):
    from app import frames

    data = rows[rows["indicator"] == "review_received"]
    wide = verification.wide_marks(frames.wide_by_year(data), data, "year", lambda y: f"{int(y)}年")
    notes = dict(zip(wide["行政区划代码"], wide["说明"], strict=True))
    assert "†" not in notes["330000"] and "2022年†" in notes["330100"]


@pytest.mark.parametrize(
    ("page", "switch"),
    [("compare", "compare.verified"), ("trend", "trend.verified"), ("table", "table.verified")],
)
def test_the_switch_shows_only_checked_values(app_run, reviewed, page, switch):
    at = app_run(data=reviewed, page=page, indicator="review_received", year="2022")
    assert not at.exception
    at.toggle(key=switch).set_value(True).run()
    assert not at.exception
    if page == "table":
        assert "仅含已核实" in "\n".join(c.value for c in at.caption)
        assert set(at.dataframe[0].value["核实状态"]) == {"已核实"}
    elif page == "compare":
        import json

        figure = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert [y.split(". ", 1)[1] for y in figure["data"][0]["y"]] == ["浙江省"]


def test_the_table_page_shows_confidence_and_state_columns(app_run, reviewed):
    at = app_run(data=reviewed, page="table")
    shown = at.dataframe[0].value
    assert {"置信度", "核实状态"} <= set(shown.columns)
    assert shown.loc[shown["核实状态"] == "未核实", "显示值"].str.endswith("†").all()
