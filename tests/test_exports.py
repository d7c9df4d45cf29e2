"""Specification of the exports: CSV with BOM and filter lines, XLSX with a header block, inert formulas, names."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest

from app import exports

WHEN = datetime(2024, 5, 1, 10, 30)
FILTERS = {"指标": "行政复议受理数", "年份": "2021年、2022年", "层级": "全部层级"}
TABLE = pd.DataFrame(
    {
        "地区": ["长春市", "南通市"],
        "年份": [2021, 2022],
        "数值": [1405.0, -3.5],
        "备注": ['=HYPERLINK("http://x")', "正常"],
    }
)


def test_csv_starts_with_the_utf8_bom():
    assert exports.to_csv(TABLE, FILTERS, WHEN).startswith(b"\xef\xbb\xbf")


def test_csv_records_its_filters_first_then_the_table():
    data = exports.to_csv(TABLE, FILTERS, WHEN)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "# 法治指标看板 导出数据"
    assert "# 筛选条件:指标,行政复议受理数" in text and "# 导出时间,2024-05-01 10:30(北京时间)" in text
    back = pd.read_csv(io.BytesIO(data), skiprows=exports.header_lines(data), encoding="utf-8-sig")
    assert list(back.columns) == ["地区", "年份", "数值", "备注"]
    assert back["地区"].tolist() == ["长春市", "南通市"] and back["数值"].tolist() == [1405.0, -3.5]


@pytest.mark.parametrize(
    ("cell", "inert"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("长春市", "长春市"),
        ("", ""),
        (-3.5, -3.5),
        (12, 12),
    ],
)
def test_formula_like_text_is_made_inert_and_numbers_are_untouched(cell, inert):
    assert exports.inert(cell) == inert


def test_csv_cells_and_filter_values_are_inert():
    data = exports.to_csv(TABLE, {"地区": "=cmd|' /C calc'!A0"}, WHEN).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "'=cmd" in data
    assert "\n=" not in data and ",=" not in data


def test_xlsx_opens_with_the_filter_header_block_above_the_table():
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(TABLE, FILTERS, sheet="明细", exported=WHEN)))
    ws = book["明细"]
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert cells[0][0] == "法治指标看板 导出数据"
    assert cells[1][:2] == ["筛选条件:指标", "行政复议受理数"]
    header = cells.index(["地区", "年份", "数值", "备注"])
    assert cells[header - 1] == [None, None, None, None]
    assert cells[header + 1][:3] == ["长春市", 2021, 1405]
    assert cells[header + 2][2] == -3.5  # numbers stay numbers, negatives included


def test_xlsx_formula_cells_are_stored_as_text():
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(TABLE, FILTERS, exported=WHEN))).active
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.value.startswith("'=") and cell.data_type == "s"


def test_missing_values_are_empty_cells():
    table = pd.DataFrame({"地区": ["甲市"], "2020年": [float("nan")], "2021年": [3.0]})
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(table, {}, exported=WHEN))).active
    assert [c.value for c in list(ws.iter_rows())[-1]] == ["甲市", None, 3]


def test_an_empty_table_still_exports_its_filters():
    empty = TABLE.iloc[0:0]
    assert "# 行数,0" in exports.to_csv(empty, FILTERS, WHEN).decode("utf-8-sig")
    assert openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(empty, FILTERS, exported=WHEN))).active["A1"].value


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("各地区对比", "行政复议受理数", [2019, 2023, 2021], "csv"), "行政复议受理数_2019-2023年_各地区对比.csv"),
        (("明细", "行政复议纠错率", [2022], "xlsx"), "行政复议纠错率_2022年_明细.xlsx"),
        (("明细", "全部指标", [], "csv"), "全部指标_明细.csv"),
        (("明细", "a/b:c", [2022], "csv"), "a-b-c_2022年_明细.csv"),
    ],
)
def test_file_names_say_what_is_inside(args, name):
    assert exports.file_name(*args) == name


# ---------------------------------------------------------------- hostile cells, opened as a spreadsheet would


HOSTILE = pd.DataFrame(
    {
        "地区": ["=cmd|' /C calc'!A0", " +SUM(A1)", "\u3000-2+3", "\n@import", "\tx", "\r=1", "长春市"],
        "数值": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        "原文依据": ["<script>alert(1)</script>", '  =HYPERLINK("http://x")', "正常", "-", "+", "@", "=1"],
    }
)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def dangerous(text: str) -> bool:
    return text.startswith(DANGEROUS) or text.lstrip().startswith(DANGEROUS)


@pytest.mark.parametrize("cell", [" =1+1", "\u3000+1", "\n-1", "  @x"])
def test_formulas_after_leading_whitespace_are_inert_too(cell):
    assert exports.inert(cell) == "'" + cell


def test_every_text_cell_of_the_csv_is_inert_when_read_back_with_the_csv_module():
    data = exports.to_csv(HOSTILE, {"地区": '=HYPERLINK("x")', "说明": " -1"}, WHEN)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cells = [c for row in rows for c in row if c]
    assert cells and not [c for c in cells if dangerous(c) and not _is_number(c)]
    assert "<script>alert(1)</script>" in cells  # text stays text, only formulas are touched


def test_every_cell_of_the_xlsx_is_inert_when_opened_with_openpyxl():
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(HOSTILE, {"地区": "@SUM(1)"}, exported=WHEN)))
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if dangerous(t)]
    assert -2.0 in [c.value for c in cells]  # negative numbers stay numbers


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_corrected_values_are_marked_in_tidy_and_wide_exports(processed_frame):
    from app import frames

    rows = frames.select(processed_frame, indicator="review_received", years=[2022])
    tidy = exports.to_csv(frames.chinese(rows), {}, WHEN).decode("utf-8-sig")
    nantong = next(line for line in tidy.splitlines() if line.startswith("南通市"))
    assert "1,088件 ✎" in nantong and "人工校正" in nantong
    assert "'=人工核对后更正" in nantong  # the note starts with "=": inert
    wide = frames.wide_by_year(rows)
    assert wide.loc[wide["地区"] == "南通市", "说明"].item() == "2022年✎"
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(wide, {}, exported=WHEN))).active
    assert "2022年✎" in [c.value for row in ws.iter_rows() for c in row]


def test_csv_counts_are_written_without_a_trailing_point_zero():
    table = pd.DataFrame({"地区": ["甲市", "乙市", "丙市"], "数值": [875.0, 98.5, float("nan")], "年份": [2022] * 3})
    data = exports.to_csv(table, {}, WHEN)
    lines = data.decode("utf-8-sig").splitlines()[exports.header_lines(data) :]
    assert lines[1:] == ["甲市,875,2022", "乙市,98.5,2022", "丙市,,2022"]


def test_xlsx_has_number_formats_a_frozen_header_and_an_autofilter():
    table = pd.DataFrame({"地区": ["甲市", "乙市"], "年份": [2021, 2022], "数值": [1450000.0, 98.55]})
    ws = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(table, FILTERS, exported=WHEN))).active
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "地区")
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:C{header + 2}"
    assert ws.cell(header + 1, 3).number_format == "#,##0" and ws.cell(header + 1, 3).value == 1450000
    assert ws.cell(header + 2, 3).number_format == "#,##0.00"
    assert ws.cell(header + 1, 2).number_format == "General"  # a year is not a quantity: no 2,021


def test_export_time_is_beijing_time():

    utc = datetime(2024, 5, 1, 2, 30, tzinfo=UTC)
    assert ("导出时间", "2024-05-01 10:30(北京时间)") in exports.header_block({}, 0, utc)
