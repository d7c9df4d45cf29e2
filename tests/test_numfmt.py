"""Specification of the one number formatter (app/numfmt.py): 万/亿, 千分位, whole counts, rates, axes, cells."""

from __future__ import annotations

import math

import pytest

from app import numfmt


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1686, "件", "1,686"),
        (989.67, "件", "990"),  # a count is whole, also an average of counts
        (98.5, "%", "98.5"),
        (98.0, "%", "98"),
        (12.345, "%", "12.35"),
        (None, "件", "—"),
        (math.nan, "%", "—"),
    ],
)
def test_plain_numbers(value, unit, text):
    assert numfmt.plain(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1_450_000, "户", "145万"),
        (321_000, "户", "32.1万"),
        (99_999, "件", "99,999"),  # below 10万 in full
        (3_210_000_000, "户", "32.1亿"),
        (150_000_000, "户", "1.5亿"),
        (99.9, "%", "99.9"),  # rates never in 万
    ],
)
def test_compact_numbers_use_wan_and_yi(value, unit, text):
    assert numfmt.compact(value, unit) == text


def test_table_precision_keeps_whole_counts_exact():
    assert numfmt.compact(1_234_567, "户", digits=4) == "123.4567万"


def test_labels_carry_marks_and_units():
    assert numfmt.value_label(1_450_000, "户", "at_least", short=True) == "≥145万户"
    assert numfmt.value_label(1686, "件", "exact", "manual") == "1,686件 ✎"
    assert numfmt.detailed_label(1_450_000, "户", "at_least") == "≥145万户(1,450,000户)"
    assert numfmt.detailed_label(1686, "件") == "1,686件"


def test_signed_changes_and_means():
    assert numfmt.signed(20, "件") == "+20件" and numfmt.signed(-2.5, "个百分点") == "-2.5个百分点"
    assert numfmt.signed(None, "%") == "—"
    assert numfmt.mean_label([120, 1686, 530], "件") == "平均 779件"
    assert numfmt.mean_label([1_450_000, 380_000], "户") == "平均 91.5万户"


@pytest.mark.parametrize(
    ("top", "unit", "texts"),
    [
        (1_800_000, "户", ["0", "50万", "100万", "150万"]),
        (2_107, "件", ["0", "500", "1,000", "1,500", "2,000"]),
        (100, "%", ["0%", "20%", "40%", "60%", "80%", "100%"]),
        (60_000, "户", ["0", "20,000", "40,000", "60,000"]),
        (2.5e9, "户", ["0", "5亿", "10亿", "15亿", "20亿", "25亿"]),
    ],
)
def test_axis_ticks_are_chinese_never_k_or_m(top, unit, texts):
    values, shown = numfmt.axis_ticks(top, unit)
    assert shown == texts and len(values) == len(texts) and values[0] == 0
    assert not any(c in "".join(shown) for c in "kMG")


def test_a_chart_writes_wan_from_1_wan_when_its_largest_value_is_in_wan():
    assert numfmt.compact_start([78_000, 408_000]) == numfmt.WAN
    assert numfmt.compact_start([78_000, 40_800]) == numfmt.COMPACT_FROM
    assert numfmt.compact(78_000, "户", start=numfmt.compact_start([78_000, 408_000])) == "7.8万"


def test_spreadsheet_cells():
    assert numfmt.excel_format(1_450_000.0) == "#,##0"
    assert numfmt.excel_format(98.5) == "#,##0.0" and numfmt.excel_format(96.04) == "#,##0.00"
    assert numfmt.csv_cell(875.0) == 875 and isinstance(numfmt.csv_cell(875.0), int)
    assert numfmt.csv_cell(98.5) == 98.5 and numfmt.csv_cell(math.nan) == ""
