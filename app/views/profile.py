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
    with common.filter_box(presentation):
        place = common.pick_place(index, "profile.place", url, "地区(可输入名称搜索)")
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
    only where the data hold the same indicator and year for the country or the province (looked
    up in `_wider`, worked out once per dataset, not by a scan of the whole table).
    """
    if rows.empty:
        return []
    level = str(rows["level"].iloc[0])
    wider: list[tuple[str, str | None]] = [("national", None)]
    if level not in ("province", "national"):
        wider.append(("province", str(rows["province"].iloc[0])))
    found = index.memo(("profile.wider",), lambda: _wider(index.frame))
    latest: dict[str, dict] = {}  # indicator -> its row of the latest year (the last of equal years)
    for row in rows[rows["unit"] == frames.RATE_UNIT].to_dict("records"):
        if row["indicator"] not in latest or row["year"] >= latest[row["indicator"]]["year"]:
            latest[row["indicator"]] = row
    out = []
    for indicator, own in latest.items():
        parts = []
        for wide_level, province in wider:
            other = found.get((wide_level, indicator, int(own["year"]), province))
            if other is not None:
                parts.append(_relation(own["value"], f"{other['jurisdiction']}({_label(other)})", other["value"]))
        if parts:
            out.append(f"{own['indicator_name']} {int(own['year'])}年为 {_label(own)},{'、'.join(parts)}")
    return out


def _wider(frame: pd.DataFrame) -> dict[tuple[str, str, int, str | None], dict]:
    """(level, indicator, year, province or None for the country) -> the first such row of the
    country's and the provinces' own rows."""
    wide = frame[frame["level"].isin(["national", "province"])]
    columns = ["level", "indicator", "year", "province", "jurisdiction", "value", "unit", "qualifier", "method"]
    out: dict[tuple[str, str, int, str | None], dict] = {}
    for row in wide[columns].to_dict("records"):
        province = None if row["level"] == "national" else row["province"]
        out.setdefault((row["level"], row["indicator"], int(row["year"]), province), row)
    return out


def _relation(own: float, name: str, other: float) -> str:
    """ "比全国(95.1%)高 3.4 个百分点", "与吉林省(99%)持平"."""
    gap = round(float(own) - float(other), 2)
    if gap == 0:
        return f"与{name}持平"
    return f"比{name}{'高' if gap > 0 else '低'} {numfmt.plain(abs(gap), '%')} 个百分点"


def _label(row: pd.Series | dict) -> str:
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
