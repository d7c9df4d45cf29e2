"""地区画像: one jurisdiction, every indicator across its years, as small multiples with evidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import figures, frames, state, verification
from app.data import Dataset
from app.views import common


def render(data: Dataset, presentation: bool) -> None:
    st.header("地区画像")
    url = state.current()
    df = data.indicators
    names = common.place_names(data.index)
    with common.filter_box(presentation):
        wanted = url.place or next((a for a in url.jurisdictions if a in names), None)
        state.seed_choice("profile.place", wanted, list(names))
        place = st.selectbox("地区(可输入名称搜索)", list(names), key="profile.place", format_func=names.get)
        checked_only = common.verified_switch("profile.verified")
    state.write(place=place)
    rows = verification.only_verified(frames.select(df, adcodes=[place]), checked_only)
    if rows.empty:
        common.no_data("这个地区还没有已核实的数值。关闭“仅显示已核实”可查看全部数值。")
        return
    jurisdiction = str(rows["jurisdiction"].iloc[0])
    fig = figures.profile_grid(
        rows, jurisdiction=jurisdiction, order=common.catalogue_order(), presentation=presentation
    )
    common.plot(fig, figures.file_stem(jurisdiction, figures.year_span(rows["year"]), "各项指标"), key="profile.chart")
    if not presentation:
        st.subheader("数值与原文依据")
        st.caption("“核对”链接在新标签页中打开该数值的来源核对页面。")
        st.dataframe(
            _evidence_table(rows),
            hide_index=True,
            column_config={
                "核对": st.column_config.LinkColumn("核对", display_text="查看来源"),
            },
        )


def _evidence_table(rows: pd.DataFrame) -> pd.DataFrame:
    order = {ind: i for i, ind in enumerate(common.catalogue_order())}
    rows = rows.assign(_o=rows["indicator"].map(order).fillna(len(order))).sort_values(["_o", "year"])
    columns = ("indicator_name", "year", "label", "review_state", "qualifier", "method", "evidence", "source")
    table = frames.chinese(verification.state_column(verification.dagger(frames.with_labels(rows))), columns)
    links = [
        f"?page=sources&place={a}&indicator={i}&year={y}"
        for a, i, y in zip(rows["adcode"], rows["indicator"], rows["year"], strict=True)
    ]
    return table.assign(核对=links)
