"""年度趋势: one indicator over the years for chosen jurisdictions, with a 同比 table."""

from __future__ import annotations

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
        names = common.place_names(rows_all)
        wanted = [a for a in url.jurisdictions if a in names] or _default_places(rows_all)
        state.seed_many("trend.jurisdictions", wanted, list(names))
        chosen = st.multiselect(
            "地区(可输入名称搜索)",
            list(names),
            key="trend.jurisdictions",
            format_func=names.get,
            placeholder="请选择要比较的地区",
        )
        checked_only = common.verified_switch("trend.verified")
    state.write(indicator=indicator, jurisdictions=tuple(chosen))
    name, unit, _ = index.info(indicator)
    rows = verification.only_verified(frames.select(rows_all, adcodes=chosen), checked_only)
    if not chosen or rows.empty:
        common.no_data(f"请在“地区”中选择至少一个有“{name}”数据的地区。")
        return
    common.plot(
        figures.trend_lines(rows, name=name, unit=unit, presentation=presentation),
        figures.file_stem(name, figures.year_span(rows["year"]), "年度趋势"),
        key="trend.chart",
    )
    st.caption("折线中断处表示该年度没有数据(不是零)。")
    if not presentation:
        st.subheader("同比变化")
        st.dataframe(frames.yoy_display(rows), hide_index=True)
        st.caption("同比只与上一年比较;上一年没有数据时不计算。比率类指标的增减以“个百分点”表示。")


def _default_places(rows: pd.DataFrame) -> list[str]:
    """The jurisdictions with the most years of data (ties by adcode): a useful first picture."""
    years = rows.groupby("adcode")["year"].nunique().reset_index()
    return years.sort_values(["year", "adcode"], ascending=[False, True])["adcode"].head(DEFAULT_LINES).tolist()
