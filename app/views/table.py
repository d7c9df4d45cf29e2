"""数据表与导出: the filtered tidy table with evidence, and CSV (BOM) / XLSX downloads, tidy and wide."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from app import exports, frames, labels, state, verification
from app.data import Dataset
from app.views import common

ALL = "__all__"
SHOWN_COLUMNS = (*frames.TIDY_COLUMNS, "confidence", "review_state")
SHOWN_ROWS = 5000  # on screen; the downloads always hold every row


def render(data: Dataset, presentation: bool) -> None:
    st.header("数据表与导出")
    url = state.current()
    index = data.index
    with common.filter_box(presentation):
        indicator, years, levels, provinces = _filters(index, url)
        checked_only = common.verified_switch("table.verified")
    state.write(
        indicator=None if indicator == ALL else indicator,
        years=tuple(years),
        level=tuple(levels),
        province=tuple(provinces),
    )
    # Everything below depends only on the filters: worked out once per dataset and choice of filters.
    choice = (indicator, tuple(years), tuple(levels), tuple(provinces), checked_only)
    ordered, shown, record_checked = index.memo(("table", *choice), lambda: _prepared(data, *choice))
    if ordered.empty:
        common.no_data("没有符合条件的数据。请放宽筛选条件;若缺少某年度的报告,请放入 data/raw/ 后重新生成。")
        return
    name = "全部指标" if indicator == ALL else index.info(indicator)[0]
    record = {**_record(name, years, levels, provinces), **record_checked}
    st.caption(f"共 {len(ordered)} 行。" + ";".join(f"{k}:{v}" for k, v in record.items()))
    st.dataframe(
        shown,
        hide_index=True,
        column_config={"数值": st.column_config.NumberColumn(format="localized")},  # 1,450,000 in zh-CN
    )
    st.caption(f"{labels.UNVERIFIED_MARK} 未经人工核实的数值(核实状态为“未核实”)。")
    if len(ordered) > SHOWN_ROWS:
        st.caption(f"表格仅显示前 {SHOWN_ROWS:,} 行;下载的文件包含全部 {len(ordered):,} 行。")
    _tidy_downloads(ordered, name, record, data.titles)
    _wide_downloads(index, choice, ordered, indicator, name, record)
    st.caption(
        "导出文件开头记录了产生它的筛选条件"
        "(CSV 中为以 # 开头的几行,其后空一行是表格;XLSX 中为表格上方的说明区)。"
        "以 = + - @ 开头的文字前加了 ' ,以免被表格软件当作公式执行。"
    )


def _prepared(
    data: Dataset, indicator: str, years: tuple, levels: tuple, provinces: tuple, checked_only: bool
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """(the rows in table order with report titles, the first SHOWN_ROWS as shown, the 核实状态 record)."""
    rows = data.index.select(
        indicator=None if indicator == ALL else indicator, years=years, levels=levels, provinces=provinces
    )
    record_checked = verification.filter_record(rows, checked_only)
    rows = verification.only_verified(rows, checked_only)
    ordered = _ordered(data.index, rows)
    # titles for the rows on screen now; the downloads add them to every row when clicked
    return ordered, _tidy(common.titled(ordered.head(SHOWN_ROWS), data.titles)), record_checked


def _filters(index: frames.TableIndex, url: state.ViewState) -> tuple[str, list[int], list[str], list[str]]:
    a, b = st.columns([3, 2])
    options = [ALL, *index.order(common.catalogue_order())]
    state.seed_choice("table.indicator", url.indicator, options)
    info = {i: index.info(i) for i in options[1:]}
    info[ALL] = ("全部指标", "", "")
    indicator = a.selectbox("指标", options, key="table.indicator", format_func=lambda i: _indicator_label(*info[i]))
    year_options = index.all_years
    state.seed_many("table.years", list(url.years) or ([url.year] if url.year else []), year_options)
    years = b.multiselect(
        "年份", year_options, key="table.years", format_func=lambda y: f"{y}年", placeholder="全部年份"
    )
    levels, provinces = common.level_province_filters("table", index, url, st.columns(2))
    return indicator, years, levels, provinces


def _indicator_label(name: str, unit: str, family: str) -> str:
    return f"{family} · {name}({unit})" if family else name


def _record(name: str, years: list[int], levels: list[str], provinces: list[str]) -> dict[str, str]:
    """The filters in words, as written into every export."""
    return {
        "指标": name,
        "年份": "、".join(f"{y}年" for y in sorted(years)) or "全部年份",
        "层级": "、".join(labels.LEVELS[lv] for lv in levels) or "全部层级",
        "省份": "、".join(provinces) or "全部省份",
    }


def _ordered(index: frames.TableIndex, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (rows of the dataset's table) in table order: catalogue order of the indicator, year, adcode.

    The whole table's order is worked out once per dataset; a selection keeps it (a sort of
    500,000 rows by three keys on every new choice would take a second)."""
    rank = index.memo(("table.rank",), lambda: _rank(index.frame))
    positions = index.frame.index.get_indexer(rows.index)
    return rows.iloc[np.argsort(rank[positions], kind="stable")]


def _rank(frame: pd.DataFrame) -> np.ndarray:
    """Each row's place in the table order (see _ordered)."""
    order = {ind: i for i, ind in enumerate(common.catalogue_order())}
    indicator = frame["indicator"].map(order).fillna(len(order)).to_numpy()
    adcode = pd.factorize(frame["adcode"], sort=True)[0]  # codes in the order of the text
    return np.argsort(np.lexsort((adcode, frame["year"].to_numpy(), indicator)), kind="stable")


def _tidy_downloads(rows: pd.DataFrame, name: str, record: dict[str, str], titles: dict[str, str]) -> None:
    st.subheader("下载明细数据(每行一个数值)")
    years = rows["year"].unique().tolist()
    a, b = st.columns(2)
    # data as callables: the files are made only when clicked, not on every rerun of a large table;
    # on_click="ignore": a click downloads without rerunning the page (no race with the download)
    a.download_button(
        "下载 CSV(Excel 可直接打开)",
        partial(_tidy_csv, rows, record, titles),
        file_name=exports.file_name("明细", name, years, "csv"),
        mime="text/csv",
        key="table.tidy.csv",
        on_click="ignore",
    )
    b.download_button(
        "下载 XLSX",
        partial(_tidy_xlsx, rows, record, titles),
        file_name=exports.file_name("明细", name, years, "xlsx"),
        key="table.tidy.xlsx",
        on_click="ignore",
    )


def _tidy(rows: pd.DataFrame) -> pd.DataFrame:
    """The tidy table with Chinese headers, † after unverified values, 置信度 and 核实状态."""
    labelled = frames.with_labels(rows, compact=True, digits=4)  # 万/亿 on screen, exact for whole counts
    return frames.chinese(verification.state_column(verification.dagger(labelled)), SHOWN_COLUMNS)


def _tidy_csv(rows: pd.DataFrame, record: dict[str, str], titles: dict[str, str] | None = None) -> bytes:
    """The tidy CSV of `rows`, with `titles` (report file name -> title) added when given."""
    return exports.to_csv(_tidy(rows if titles is None else common.titled(rows, titles)), record)


def _tidy_xlsx(rows: pd.DataFrame, record: dict[str, str], titles: dict[str, str] | None = None) -> bytes:
    return exports.to_xlsx(_tidy(rows if titles is None else common.titled(rows, titles)), record, sheet="明细")


def _wide_downloads(
    index: frames.TableIndex, choice: tuple, rows: pd.DataFrame, indicator: str, name: str, record: dict[str, str]
) -> None:
    st.subheader("下载对比表(宽表)")
    url = state.current()
    layouts = {"by_year": "地区 × 年份", "by_indicator": "地区 × 指标"}
    state.seed_choice("table.layout", url.view, list(layouts), "by_year" if indicator != ALL else "by_indicator")
    layout = st.radio("布局", list(layouts), horizontal=True, key="table.layout", format_func=layouts.get)
    if layout == "by_year":
        state.write(view="" if indicator != ALL else layout, year=None)
        if indicator == ALL:
            common.no_data("“地区 × 年份”一次只对一个指标:请在上方选择一个指标。")
            return
        wide, screen = index.memo(("table.wide", *choice, layout), lambda: _by_year(rows))
        what, years = "各地区逐年对比", rows["year"].unique().tolist()
        extra = {"单位": index.info(indicator)[1]}
    else:
        year_options = sorted(rows["year"].unique().tolist(), reverse=True)
        state.seed_choice("table.wide.year", url.year, year_options)
        year = st.selectbox("对比年份", year_options, key="table.wide.year", format_func=lambda y: f"{y}年")
        state.write(view="" if indicator == ALL else layout, year=year)
        wide, screen = index.memo(("table.wide", *choice, layout, year), lambda: _by_indicator(rows, year))
        what, years = "各地区各指标对比", [year]
        extra = {"对比年份": f"{year}年"}
    st.dataframe(screen, hide_index=True)
    meta = {**record, **extra, "说明列": "≥ 不少于 · ≈ 约数 · ≤ 不超过 · ✎ 人工校正 · † 未核实;空白表示无数据"}
    a, b = st.columns(2)
    a.download_button(
        "下载对比表 CSV",
        partial(exports.to_csv, wide, meta),
        file_name=exports.file_name(what, name, years, "csv"),
        mime="text/csv",
        key="table.wide.csv",
        on_click="ignore",
    )
    b.download_button(
        "下载对比表 XLSX",
        partial(exports.to_xlsx, wide, meta, sheet=what),
        file_name=exports.file_name(what, name, years, "xlsx"),
        key="table.wide.xlsx",
        on_click="ignore",
    )


def _by_year(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places × years of one indicator with its 说明 marks, the same for the screen)."""
    wide = verification.wide_marks(frames.wide_by_year(rows), rows, "year", lambda y: f"{int(y)}年")
    return wide, frames.for_screen(wide)


def _by_indicator(rows: pd.DataFrame, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(places × indicators of one year with its 说明 marks, the same for the screen)."""
    one_year = rows[rows["year"] == year]
    wide = frames.wide_by_indicator(one_year, common.catalogue_order())
    wide = verification.wide_marks(wide, one_year, "indicator_name", str)
    return wide, frames.for_screen(wide)
