"""Specification of the pure figure builders and the table shaping behind them (app/figures.py, app/frames.py)."""

from __future__ import annotations

import math
import shutil
import struct

import pandas as pd
import pytest

from app import figures, frames, labels

SOURCE = labels.SOURCE_NOTE


def rows(
    *specs: tuple, indicator: str = "review_accepted", name: str = "行政复议受理数", unit: str = "件"
) -> pd.DataFrame:
    """Tidy rows from (jurisdiction, adcode, level, year, value[, qualifier[, method]]) tuples."""
    records = []
    for spec in specs:
        jurisdiction, adcode, level, year, value, *rest = spec
        qualifier = rest[0] if rest else "exact"
        method = rest[1] if len(rest) > 1 else "reported"
        records.append(
            {
                "jurisdiction": jurisdiction,
                "adcode": adcode,
                "level": level,
                "province": "甲省",
                "parent": "",
                "year": year,
                "indicator": indicator,
                "indicator_name": name,
                "family": "行政复议",
                "value": float(value),
                "unit": unit,
                "qualifier": qualifier,
                "method": method,
                "source": f"{adcode}_{year}.txt",
                "evidence": f"受理{value}件",
                "evidence_start": 0,
                "evidence_end": 5,
                "note": "",
            }
        )
    return pd.DataFrame(records)


CITIES = rows(
    ("甲市", "110100", "prefecture", 2022, 120),
    ("乙市", "110200", "prefecture", 2022, 1686, "at_least"),
    ("丙市", "110300", "prefecture", 2022, 530, "approx", "manual"),
)


def annotation_texts(fig) -> str:
    return "\n".join(a.text for a in fig.layout.annotations if a.text)


# ---------------------------------------------------------------- value labels


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "method", "label"),
    [
        (1686, "件", "exact", "reported", "1,686件"),
        (1686, "件", "at_least", "reported", "≥1,686件"),
        (98.5, "%", "approx", "reported", "≈98.5%"),
        (98.0, "%", "exact", "reported", "98%"),
        (12.345, "%", "exact", "derived", "12.35%"),
        (120, "件", "at_most", "reported", "≤120件"),
        (1234567, "户", "exact", "manual", "1,234,567户 ✎"),
    ],
)
def test_values_are_labelled_in_chinese_format_with_marks(value, unit, qualifier, method, label):
    assert frames.fmt_value(value, unit, qualifier, method) == label


def test_compact_labels_use_wan_for_big_counts():
    assert frames.fmt_value(321000, "户", "approx", compact=True) == "≈32.1万户"
    assert frames.fmt_value(3210, "件", compact=True) == "3,210件"


# ---------------------------------------------------------------- 横向对比


def test_compare_title_names_indicator_unit_and_year_and_carries_the_source_note():
    fig = figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022)
    title = fig.layout.title.text
    assert "行政复议受理数" in title and "件" in title and "2022年" in title
    assert SOURCE in annotation_texts(fig)


def test_compare_bars_are_sorted_largest_first_with_rank():
    bar = figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022).data[0]
    assert list(bar.y) == ["1. 乙市", "2. 丙市", "3. 甲市"]
    assert list(bar.x) == [1686, 530, 120]


def test_compare_labels_carry_qualifier_and_correction_marks_and_the_legend_explains_them():
    fig = figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022)
    assert list(fig.data[0].text) == ["≥1,686件", "≈530件 ✎", "120件"]
    assert labels.MARK_LEGEND in annotation_texts(fig)


def test_compare_draws_the_average_of_the_shown_jurisdictions():
    fig = figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022)
    [line] = [s for s in fig.layout.shapes if s.type == "line"]
    assert line.x0 == pytest.approx((120 + 1686 + 530) / 3)
    assert "平均 779件" in annotation_texts(fig)  # an average count is written whole


def test_counts_of_different_levels_carry_a_warning_but_rates_do_not():
    mixed = pd.concat([CITIES, rows(("丁区", "110101", "county", 2022, 40))])
    assert "不宜直接比" in annotation_texts(figures.compare_bar(mixed, name="受理数", unit="件", year=2022))
    assert "不宜直接比" not in annotation_texts(figures.compare_bar(CITIES, name="受理数", unit="件", year=2022))
    rates = mixed.assign(unit="%", value=[50.0, 60.0, 70.0, 80.0])
    assert "不宜直接比" not in annotation_texts(figures.compare_bar(rates, name="纠错率", unit="%", year=2022))


def test_ties_share_a_rank_and_keep_distinct_labels():
    tied = rows(("甲市", "110100", "prefecture", 2022, 5), ("乙市", "110200", "prefecture", 2022, 5))
    assert list(figures.compare_bar(tied, name="x", unit="件", year=2022).data[0].y) == ["1. 甲市", "1. 乙市"]


# ---------------------------------------------------------------- 年度趋势


TREND = rows(
    ("甲市", "110100", "prefecture", 2019, 10),
    ("甲市", "110100", "prefecture", 2021, 30),
    ("乙市", "110200", "prefecture", 2020, 0),
    ("乙市", "110200", "prefecture", 2021, 25),
)


def test_trend_has_a_categorical_axis_of_every_year_in_the_span():
    fig = figures.trend_lines(TREND, name="行政复议受理数", unit="件")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.data[0].x) == ["2019", "2020", "2021"]
    assert "2019–2021年" in fig.layout.title.text and "件" in fig.layout.title.text
    assert SOURCE in annotation_texts(fig)


def test_missing_years_are_gaps_not_zeros_and_real_zeros_stay():
    fig = figures.trend_lines(TREND, name="行政复议受理数", unit="件")
    first, second = fig.data[:2]
    assert list(first.y) == [10, None, 30] and first.connectgaps is False
    assert list(second.y) == [None, 0, 25]


def test_a_jurisdiction_keeps_its_colour_across_charts():
    trend = figures.trend_lines(TREND, name="x", unit="件")
    bars = figures.compare_bar(CITIES, name="x", unit="件", year=2022, highlight=["110100"])
    colour_in_bars = dict(zip([y.split(". ")[1] for y in bars.data[0].y], bars.data[0].marker.color, strict=True))
    assert trend.data[0].line.color == colour_in_bars["甲市"] == figures.color_for("110100")
    assert figures.color_for("110100") in figures.PALETTE


def test_bars_share_one_colour_and_only_highlighted_places_stand_out():
    plain = figures.compare_bar(CITIES, name="x", unit="件", year=2022).data[0]
    assert set(plain.marker.color) == {figures.ONE_COLOUR}
    marked = figures.compare_bar(CITIES, name="x", unit="件", year=2022, highlight=["110300"]).data[0]
    colours = dict(zip([y.split(". ")[1] for y in marked.y], marked.marker.color, strict=True))
    assert colours["丙市"] == figures.color_for("110300")
    assert colours["甲市"] == colours["乙市"] == figures.MUTED


def test_at_least_and_approx_values_are_hatched_on_the_bars_with_a_legend():
    fig = figures.compare_bar(CITIES, name="x", unit="件", year=2022)
    bar = fig.data[0]
    shapes = dict(zip([y.split(". ")[1] for y in bar.y], bar.marker.pattern.shape, strict=True))
    assert shapes == {"乙市": "/", "丙市": ".", "甲市": ""}
    legend = {t.name for t in fig.data[1:] if t.showlegend}
    assert legend == {"≥ 不少于(下限)", "≈ 约数"} and fig.layout.showlegend


def test_large_counts_read_in_wan_on_axis_labels_and_tooltips_never_k_or_m():
    big = rows(
        ("甲市", "110100", "prefecture", 2022, 1450000, "at_least"),
        ("乙市", "110200", "prefecture", 2022, 321000),
        indicator="market_entities",
        name="市场主体总量",
        unit="户",
    )
    fig = figures.compare_bar(big, name="市场主体总量", unit="户", year=2022)
    ticks = list(fig.layout.xaxis.ticktext)
    assert fig.layout.xaxis.tickmode == "array" and any("万" in t for t in ticks)
    assert not any(c in "".join(ticks) for c in "kM")
    assert list(fig.data[0].text) == ["≥145万户", "32.1万户"]
    mixed = pd.concat([big, big.iloc[[1]].assign(adcode="110300", jurisdiction="丙市", value=78000.0)])
    assert list(figures.compare_bar(mixed, name="x", unit="户", year=2022).data[0].text)[-1] == "7.8万户"
    assert fig.data[0].customdata[0][0] == "≥145万户(1,450,000户)"
    trend = figures.trend_lines(big, name="市场主体总量", unit="户")
    assert any("万" in t for t in trend.layout.yaxis.ticktext)


def test_slides_are_16_by_9_with_bars_no_thicker_than_the_limit():
    fig = figures.compare_bar(CITIES, name="x", unit="件", year=2022, slide=True)
    assert (fig.layout.width, fig.layout.height) == (1920, 1080)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot / 3 * (1 - fig.layout.bargap) <= figures.MAX_BAR + 1
    many = rows(*((f"市{i}", f"11{i:04d}", "prefecture", 2022, 100 + i) for i in range(30)))
    assert figures.compare_bar(many, name="x", unit="件", year=2022, slide=True).layout.bargap == 0.2
    for fig in (
        figures.trend_lines(TREND, name="x", unit="件", slide=True),
        figures.profile_grid(TREND[TREND["adcode"] == "110100"], jurisdiction="甲市", slide=True),
    ):
        assert (fig.layout.width, fig.layout.height) == (1920, 1080)
        assert SOURCE in annotation_texts(fig)


def test_presentation_charts_fill_most_of_a_1080_pixel_screen():
    fig = figures.compare_bar(CITIES, name="x", unit="件", year=2022, presentation=True)
    assert fig.layout.height >= 0.8 * 1080


def test_missing_years_are_bridged_by_a_dotted_line_and_the_note_says_so():
    fig = figures.trend_lines(TREND, name="x", unit="件")
    bridges = [t for t in fig.data if t.line.dash == "dot"]
    assert len(bridges) == 1 and list(bridges[0].x) == ["2019", "2021", None]
    assert bridges[0].showlegend is False
    assert "点线连接" in annotation_texts(fig)


def test_reference_lines_are_drawn_and_labelled():
    rates = rows(("甲市", "110100", "prefecture", 2022, 92.5), unit="%")
    fig = figures.compare_bar(rates, name="x", unit="%", year=2022, references=[("全国", 95.1)])
    assert any(s.x0 == 95.1 and s.line.dash == "dot" for s in fig.layout.shapes)
    assert "全国 95.1%" in annotation_texts(fig)


def test_profile_panels_of_one_unit_share_one_scale(processed_frame):
    place = frames.select(processed_frame, adcodes=["220100"])
    fig = figures.profile_grid(place, jurisdiction="长春市")
    units = dict(zip(place["indicator_name"], place["unit"], strict=False))
    ranges: dict[str, set] = {}
    for trace in fig.data:
        axis = fig.layout["yaxis" + trace.yaxis[1:]]
        ranges.setdefault(units[trace.name.split("(")[0]], set()).add(tuple(axis.range))
    assert all(len(r) == 1 for r in ranges.values()), ranges


def test_year_over_year_compares_with_the_last_year_that_has_a_value_and_says_which():
    table = frames.yoy(TREND).set_index(["adcode", "year"])
    assert table.loc[("110100", 2021), "prev_year"] == 2019  # 2020 missing: compared with 2019, named
    assert table.loc[("110100", 2021), "change"] == 20
    assert pd.isna(table.loc[("110100", 2019), "prev_year"])
    assert table.loc[("110200", 2021), "change"] == 25
    assert math.isnan(table.loc[("110200", 2021), "pct"])  # previous value 0: no percentage
    shown = frames.yoy_display(
        rows(("甲市", "110100", "prefecture", 2021, 100), ("甲市", "110100", "prefecture", 2022, 120))
    )
    assert shown.iloc[1][["增减", "增减(%)"]].tolist() == ["+20件", "+20%"]
    assert shown.iloc[1]["比较年份"] == "2021年(上一年)"
    gap = frames.yoy_display(
        rows(("甲市", "110100", "prefecture", 2019, 100), ("甲市", "110100", "prefecture", 2022, 120))
    )
    assert gap.iloc[1]["比较年份"] == "2019年(中间年份无数据)" and gap.iloc[1]["增减"] == "+20件"


def test_rate_changes_are_in_percentage_points():
    shown = frames.yoy_display(
        rows(("甲市", "110100", "prefecture", 2021, 90), ("甲市", "110100", "prefecture", 2022, 92.5), unit="%")
    )
    assert shown.iloc[1]["增减"] == "+2.5个百分点"


# ---------------------------------------------------------------- 地区画像 and 数据覆盖


def test_profile_has_one_panel_per_indicator_with_marked_labels(processed_frame):
    place = frames.select(processed_frame, adcodes=["220100"])
    fig = figures.profile_grid(place, jurisdiction="长春市")
    assert len(fig.data) == place["indicator"].nunique()
    assert "长春市" in fig.layout.title.text and "2019–2023年" in fig.layout.title.text
    panel_titles = {a.text for a in fig.layout.annotations}
    assert "市场主体总量(户)" in panel_titles
    assert any("≈" in t for trace in fig.data for t in trace.text if t)
    assert SOURCE in annotation_texts(fig)


def test_coverage_counts_indicators_per_jurisdiction_and_year(processed_frame):
    fig = figures.coverage_heatmap(processed_frame)
    heat = fig.data[0]
    assert list(heat.x) == ["2019", "2020", "2021", "2022", "2023"]
    matrix = pd.DataFrame(heat.z, index=heat.y, columns=heat.x)
    expected = processed_frame.query("jurisdiction == '万源市' and year == 2021")["indicator"].nunique()
    assert matrix.loc["万源市", "2021"] == expected and matrix.loc["万源市", "2019"] == 0
    assert "数据覆盖" in fig.layout.title.text
    by_indicator = figures.coverage_heatmap(processed_frame, by="indicator").data[0]
    assert "市场主体总量" in list(by_indicator.x)


def test_presentation_mode_has_larger_fonts_and_no_gridlines():
    normal = figures.compare_bar(CITIES, name="x", unit="件", year=2022)
    big = figures.compare_bar(CITIES, name="x", unit="件", year=2022, presentation=True)
    assert big.layout.font.size > normal.layout.font.size
    assert big.layout.xaxis.showgrid is False


# ---------------------------------------------------------------- toolbar, names, evidence


def test_toolbar_png_is_a_16_by_9_slide_with_a_meaningful_name():
    config = figures.chart_config(figures.file_stem("行政复议受理数", "2022年", "横向对比"))
    options = config["toImageButtonOptions"]
    assert options["format"] == "png"
    assert options["width"] * options["scale"] == 1920 and options["height"] * options["scale"] == 1080
    assert options["filename"] == "行政复议受理数_2022年_横向对比"


def test_file_stems_drop_characters_file_systems_reject():
    assert figures.file_stem("纠错率/%", "2019–2023年") == "纠错率_2019–2023年"


@pytest.mark.parametrize(
    ("evidence", "value", "number"),
    [
        ("全年共收到行政复议申请1686件,受理1405件", 1405, "1405"),
        ("收到申请1,686件", 1686, "1,686"),
        ("实有市场主体约32.1万户", 321000, "32.1万"),
        ("出庭应诉率达98.5%", 98.5, "98.5"),
        ("共11686件,其中686件", 686, "686"),
    ],
)
def test_the_number_is_found_in_its_evidence(evidence, value, number):
    before, found, after = frames.evidence_parts(evidence, value)
    assert found == number and before + found + after == evidence


def test_evidence_without_the_digits_is_returned_whole():
    assert frames.evidence_parts("受理一千二百件", 1200) == ("", "", "受理一千二百件")


def test_wide_layouts_keep_numbers_and_note_marks(processed_frame):
    one = frames.select(processed_frame, indicator="review_received")
    wide = frames.wide_by_year(one)
    assert list(wide.columns) == ["行政区划代码", "地区", "2019年", "2020年", "2021年", "2022年", "2023年", "说明"]
    nantong = wide.set_index("地区").loc["南通市"]
    assert nantong["2022年"] == 1088 and "2022年✎" in nantong["说明"] and pd.isna(nantong["2020年"])
    one_year = frames.select(processed_frame, years=[2022])
    across = frames.wide_by_indicator(one_year, ["review_received", "market_entities"])
    assert list(across.columns[2:4]) == ["行政复议收到申请数(件)", "市场主体总量(户)"]


def test_chinese_headers_and_codes():
    table = frames.chinese(CITIES)
    assert {"地区", "年份", "数值", "单位", "数值性质", "取得方式", "原文依据"} <= set(table.columns)
    assert set(table["取得方式"]) == {"报告原文", "人工校正"} and "不少于(下限)" in set(table["数值性质"])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs a local Chromium")
def test_server_side_png_and_svg_are_1920_by_1080():
    fig = figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022, slide=True)
    png = figures.to_image(fig, "png")
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (1920, 1080)
    svg = figures.to_image(fig, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and 'width="1920"' in svg and 'height="1080"' in svg


# ---------------------------------------------------------------- TableIndex: the per-dataset lookups the pages use


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b)


def test_table_index_answers_like_the_plain_functions(processed_frame):
    df = processed_frame.sample(frac=1, random_state=3)  # row order must not matter
    index = frames.TableIndex(df).warm()
    catalogue = ("market_entities", "review_received", "court_appearance_rate")
    assert index.order(catalogue) == frames.indicator_order(df, catalogue)
    assert index.order() == frames.indicator_order(df)
    for indicator in [*df["indicator"].unique(), "not_an_indicator"]:
        assert index.info(indicator) == frames.indicator_info(df, indicator)
        assert index.years(indicator) == sorted(frames.select(df, indicator=indicator)["year"].unique().tolist())
    assert index.levels == set(df["level"]) and index.provinces == sorted(set(df["province"]))
    assert index.all_years == sorted(set(df["year"]))
    some_province = df["province"].iloc[0]
    for levels, provinces in [
        ((), ()),
        (("county",), ()),
        ((), (some_province,)),
        (("prefecture", "county"), (some_province, "无此省")),
    ]:
        plain = frames.places(frames.select(df, levels=levels, provinces=provinces))
        expected = {a: frames.place_label(j, lv, p) for a, j, lv, p in plain.itertuples(index=False)}
        assert index.place_names(levels, provinces) == expected
        assert list(index.place_names(levels, provinces)) == list(expected)  # in adcode order


def test_table_index_selects_the_same_rows_in_the_same_order(processed_frame):
    df = processed_frame.sample(frac=1, random_state=5)
    index = frames.TableIndex(df)
    years = sorted(df["year"].unique().tolist())
    adcode = df["adcode"].iloc[0]
    for kwargs in [
        {"indicator": "review_received"},
        {"indicator": "review_received", "years": [years[-1]]},
        {"indicator": "review_received", "years": [years[-1], years[0], 1990]},
        {"indicator": "court_appearance_rate", "years": [], "levels": ["county"]},
        {"indicator": "review_received", "adcodes": [adcode]},
        {"indicator": "no_such", "years": [2022]},
        {"years": [years[0]], "levels": ["prefecture"]},
        {},
    ]:
        for _ in range(2):  # the second answer comes from the kept slice
            _same(index.select(**kwargs), frames.select(df, **kwargs))


def test_frames_handed_out_by_the_index_never_change_the_table(processed_frame):
    df = processed_frame.copy()
    before = df.copy()
    index = frames.TableIndex(df)
    rows = index.rows("review_received")
    rows["value"] = -1.0
    everything = index.select()
    everything.loc[:, "jurisdiction"] = "改"
    _same(df, before)
    assert (index.rows("review_received")["value"] >= 0).all()
