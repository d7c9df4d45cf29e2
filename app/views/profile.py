"""地区画像: one jurisdiction, every indicator across its years, as small multiples with evidence."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app import figures, frames, numfmt, state, verification
from app.data import Dataset
from app.views import common


def render(data: Dataset, presentation: bool) -> None:
    st.header("地区画像")
    url = state.current()
    index = data.index
    names = common.place_names(index)
    with common.filter_box(presentation):
        wanted = url.place or next((a for a in url.jurisdictions if a in names), None)
        state.seed_choice("profile.place", wanted, list(names))
        place = st.selectbox("地区(可输入名称搜索)", list(names), key="profile.place", format_func=names.get)
        checked_only = common.verified_switch("profile.verified")
    state.write(place=place)
    rows = verification.only_verified(index.place_rows(place), checked_only)
    if rows.empty:
        common.no_data("这个地区还没有已核实的数值。关闭“仅显示已核实”可查看全部数值。")
        return
    jurisdiction = str(rows["jurisdiction"].iloc[0])
    draw = partial(figures.profile_grid, rows, jurisdiction=jurisdiction, order=common.catalogue_order())
    span = figures.year_span(rows["year"])
    # worked out once per dataset and choice: a person going back and forth between places waits once
    memo = ("profile", place, checked_only)
    common.plot(
        index.memo((*memo, "figure", presentation), lambda: draw(presentation=presentation)),
        figures.file_stem(jurisdiction, span, "各项指标"),
        key="profile.chart",
        slide=common.ChartSlide(
            " · ".join(p for p in (jurisdiction, "各项指标", span) if p),
            lambda: draw(slide=True),
            common.titled(rows, data.titles),
        ),
    )
    sentences = index.memo((*memo, "comparisons"), lambda: comparisons(index, rows))
    if sentences:
        st.markdown("**与全国、本省比较**")
        for sentence in sentences:
            st.markdown(f"- {common.plain(sentence)}")
    if not presentation:
        st.subheader("数值与原文依据")
        st.caption("“核对”链接在新标签页中打开该数值的来源核对页面。")
        st.dataframe(
            index.memo((*memo, "evidence"), lambda: _evidence_table(rows)),
            hide_index=True,
            column_config={
                "核对": st.column_config.LinkColumn("核对", display_text="查看来源"),
            },
        )


def comparisons(index: frames.TableIndex, rows: pd.DataFrame) -> list[str]:
    """For each rate of the place's latest year, how it compares with the national and provincial value.

    Only rates (a count of a country or province is a sum, not comparable with one place's), and
    only where the data hold the same indicator and year for the country or the province (found
    among that indicator's rows of that year, not by a scan of the whole table).
    """
    if rows.empty:
        return []
    level = str(rows["level"].iloc[0])
    wider = [("national", None)]
    if level not in ("province", "national"):
        wider.append(("province", str(rows["province"].iloc[0])))
    out = []
    for indicator, own in rows[rows["unit"] == frames.RATE_UNIT].groupby("indicator", sort=False):
        latest = own.sort_values("year").iloc[-1]
        parts = []
        for wide_level, province in wider:
            same = index.rows(indicator, [int(latest["year"])])
            match = same[same["level"] == wide_level]
            if province is not None:
                match = match[match["province"] == province]
            if match.empty:
                continue
            other = match.iloc[0]
            parts.append(_relation(latest["value"], f"{other['jurisdiction']}({_label(other)})", other["value"]))
        if parts:
            out.append(f"{latest['indicator_name']} {int(latest['year'])}年为 {_label(latest)},{'、'.join(parts)}")
    return out


def _relation(own: float, name: str, other: float) -> str:
    """ "比全国(95.1%)高 3.4 个百分点", "与吉林省(99%)持平"."""
    gap = round(float(own) - float(other), 2)
    if gap == 0:
        return f"与{name}持平"
    return f"比{name}{'高' if gap > 0 else '低'} {numfmt.plain(abs(gap), '%')} 个百分点"


def _label(row: pd.Series) -> str:
    return numfmt.value_label(row["value"], row["unit"], row["qualifier"], row["method"])


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
