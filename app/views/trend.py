"""年度趋势: one indicator over the years for chosen jurisdictions, with a 同比 table."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app import figures, frames, state, verification
from app.data import Dataset
from app.views import common

DEFAULT_LINES = 5


def render(data: Dataset, presentation: bool) -> None:
    st.header("年度趋势")
    url = state.current()
    index = data.index
    with common.filter_box(presentation):
        indicator = common.pick_indicator(index, "trend.indicator", url.indicator)
        rows_all = index.rows(indicator)
        # the menu and the default lines of an indicator: worked out once per dataset
        names = index.memo(("trend.names", indicator), lambda: common.place_names(rows_all))
        wanted = [a for a in url.jurisdictions if a in names] or list(
            index.memo(("trend.default", indicator), lambda: _default_places(rows_all))
        )
        provinces, menu = _menu(index, url, names, wanted)
        state.seed_many("trend.jurisdictions", wanted, list(menu))
        chosen = st.multiselect(
            "地区(可输入名称搜索)",
            list(menu),
            key="trend.jurisdictions",
            format_func=names.get,
            placeholder="请选择要比较的地区",
        )
        checked_only = common.verified_switch("trend.verified")
    state.write(indicator=indicator, jurisdictions=tuple(chosen), province=tuple(provinces))
    name, unit, _ = index.info(indicator)
    rows = verification.only_verified(frames.select(rows_all, adcodes=chosen), checked_only)
    if not chosen or rows.empty:
        common.no_data(f"请在“地区”中选择至少一个有“{name}”数据的地区。")
        return
    references = _references(rows_all, rows, unit)
    draw = partial(figures.trend_lines, rows, name=name, unit=unit, references=references)
    common.plot(
        draw(presentation=presentation),
        figures.file_stem(name, figures.year_span(rows["year"]), "年度趋势"),
        key="trend.chart",
        slide=common.ChartSlide(
            figures.chart_title(name, unit, rows["year"], "年度趋势"),
            lambda: draw(slide=True),
            common.titled(rows, data.titles),
        ),
    )
    st.caption("实线断开、以点线相连的年份没有数据(不是零)。")
    if not presentation:
        st.subheader("与上一个有数据的年份相比")
        st.dataframe(frames.yoy_display(rows), hide_index=True)
        st.caption(
            "每个数值与该地区上一个有数据的年份比较,“比较年份”列写明是哪一年;"
            "中间隔了没有数据的年份时,增减是这几年合计的变化,不是同比。比率类指标的增减以“个百分点”表示。"
        )


def _menu(
    index: frames.TableIndex, url: state.ViewState, names: dict[str, str], wanted: list[str]
) -> tuple[list[str], dict[str, str]]:
    """(provinces chosen, the 地区 menu): with thousands of places, a 省份 menu first, and the 地区 menu
    holds the chosen provinces' places and the places already chosen (see common.short_menu)."""
    if len(names) <= common.PROVINCE_FIRST:
        return [], names
    options = index.provinces_by_code
    state.seed_many("trend.province", list(url.province), options)
    provinces = st.multiselect(
        "省份(选择后可从该省所有地区中选择)", options, key="trend.province", placeholder="全部省份"
    )
    chosen = [*wanted, *st.session_state.get("trend.jurisdictions", [])]
    if not provinces:
        return [], common.short_menu(names, chosen, False)
    province_of = index.province_of
    keep = set(chosen) | {a for a in names if province_of.get(a) in provinces}
    return provinces, {a: label for a, label in names.items() if a in keep}


def _references(rows_all: pd.DataFrame, rows: pd.DataFrame, unit: str) -> list[tuple[str, pd.DataFrame]]:
    """The national series as a reference line for rates, when the data hold it and it is not already drawn."""
    if unit != frames.RATE_UNIT:
        return []
    national = rows_all[(rows_all["level"] == "national") & ~rows_all["adcode"].isin(rows["adcode"])]
    return [("全国", national)] if not national.empty else []


def _default_places(rows: pd.DataFrame) -> list[str]:
    """The jurisdictions with the most years of data (ties by adcode): a useful first picture."""
    years = rows.groupby("adcode")["year"].nunique().reset_index()
    return years.sort_values(["year", "adcode"], ascending=[False, True])["adcode"].head(DEFAULT_LINES).tolist()
