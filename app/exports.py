"""Pure export builders: a table and the filters that produced it -> CSV / XLSX bytes and a file name.

Owns: the download formats. CSV is UTF-8 *with BOM* (so Excel opens Chinese cleanly); XLSX is
written with openpyxl. Both record the filters: the XLSX sheet starts with a header block
(title, one "条件 | 取值" row per filter, export time) above the table; the CSV starts with the
same block as lines whose first cell begins with "#", then one empty line, then the table's
header row — so a person sees the filters first and a program skips the leading "#" lines
(`pd.read_csv(f, skiprows=header_lines(f))`, or count them: they are all lines before the blank one).
Every text cell starting with = + - @ tab or CR — also after leading spaces or line breaks, which
some spreadsheet imports trim — is prefixed with ' so a spreadsheet shows it as text instead of
running it as a formula (numbers stay numbers). Whole numbers are written without ".0" in CSV;
XLSX cells carry number formats (#,##0 for whole numbers, the value's own decimals otherwise), the
table header is frozen and has an autofilter.
Must never: import streamlit or read the processed folder.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app import numfmt
from app.frames import file_stem

BOM = b"\xef\xbb\xbf"
BEIJING = timezone(timedelta(hours=8), "北京时间")  # fixed UTC+8 (no DST): no tz database needed
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TITLE = "法治指标看板 导出数据"
SOURCE = "数据来源:各地法治政府建设情况报告(本工具自动抽取)"


def inert(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made plain text with a leading '."""
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS)):
        return "'" + value
    return value


# Numeric columns that are labels, not quantities: no thousands separator ("2,022年" would be wrong).
PLAIN_NUMBER_COLUMNS = frozenset({"年份", "报告年份", "行号", "排名", "year", "report_year"})


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every text cell (and header) made inert; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(inert)
    out.columns = [inert(str(c)) for c in out.columns]
    return out


def header_block(filters: Mapping[str, str], rows: int, exported: datetime | None = None) -> list[tuple[str, str]]:
    """(label, value) lines saying what an export holds: title, filters, row count, time, source."""
    moment = exported or datetime.now(BEIJING)
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING)
    when = moment.strftime("%Y-%m-%d %H:%M") + "(北京时间)"
    return [
        (TITLE, ""),
        *((f"筛选条件:{k}", str(v)) for k, v in filters.items()),
        ("行数", str(rows)),
        ("导出时间", when),
        ("说明", SOURCE),
    ]


def to_csv(frame: pd.DataFrame, filters: Mapping[str, str], exported: datetime | None = None) -> bytes:
    """UTF-8 CSV with BOM: "#"-prefixed filter lines, a blank line, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in header_block(filters, len(frame), exported):
        writer.writerow([f"# {label}", inert(value)] if value else [f"# {label}"])
    writer.writerow([])
    _whole_numbers(inert_frame(frame)).to_csv(buffer, index=False, lineterminator="\r\n")
    return BOM + buffer.getvalue().encode("utf-8")


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns written cell by cell: 875 (not 875.0), 98.5 stays, missing stays empty."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].map(numfmt.csv_cell).astype(object)
    return out


def header_lines(data: bytes) -> int:
    """How many lines to skip before the table header of a CSV made by `to_csv`."""
    lines = data.removeprefix(BOM).decode("utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if not line.strip()) + 1


def to_xlsx(
    frame: pd.DataFrame, filters: Mapping[str, str], sheet: str = "数据", exported: datetime | None = None
) -> bytes:
    """XLSX with the filter header block on top of the table (bold header row with an autofilter,
    frozen below it; numbers with Chinese-style number formats)."""
    book = Workbook()
    ws = book.active
    ws.title = _sheet_title(sheet)
    block = header_block(filters, len(frame), exported)
    for label, value in block:
        ws.append([label, inert(value)])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.append([])
    table = inert_frame(frame)
    ws.append(list(table.columns))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for record in table.itertuples(index=False):
        ws.append([_cell(v) for v in record])
    _number_formats(ws, table, header_row)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    last = get_column_letter(max(1, len(table.columns)))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(table), 1)}"
    _widths(ws, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_formats(ws, table: pd.DataFrame, header_row: int) -> None:
    """#,##0 / #,##0.0 / #,##0.00 on every numeric cell of a quantity column (years stay plain)."""
    for i, column in enumerate(table.columns, 1):
        if str(column) in PLAIN_NUMBER_COLUMNS or not pd.api.types.is_numeric_dtype(table[column]):
            continue
        if pd.api.types.is_bool_dtype(table[column]):
            continue
        for row in ws.iter_rows(min_row=header_row + 1, min_col=i, max_col=i):
            cell = row[0]
            if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = numfmt.excel_format(cell.value)


def _cell(value: object) -> object:
    """Missing values as empty cells (never the text 'nan'); numpy scalars as Python values."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "-", name)[:31] or "数据"


def _widths(ws, table: pd.DataFrame) -> None:
    for i, column in enumerate(table.columns, 1):
        longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest * 1.6))


def file_name(what: str, indicator: str = "", years: Sequence[int] = (), ext: str = "csv") -> str:
    """ "行政复议受理数_2019-2023年_各地区对比.csv": what is in the file, not 'download.csv'."""
    ys = sorted({int(y) for y in years})
    span = "" if not ys else (f"{ys[0]}年" if len(ys) == 1 else f"{ys[0]}-{ys[-1]}年")
    return f"{file_stem(indicator, span, what)}.{ext}"
