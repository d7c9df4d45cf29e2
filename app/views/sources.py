"""来源核对: pick one value and see where it came from — file, evidence with the number marked,
method and qualifier in Chinese, and any conflicting values the build set aside."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import frames, labels, state
from app.data import Dataset
from app.views import common


def render(data: Dataset, presentation: bool) -> None:
    st.header("来源核对")
    url = state.current()
    df = data.indicators
    names = common.place_names(data.index)
    a, b, c = st.columns([2, 3, 1])
    wanted = url.place or next((x for x in url.jurisdictions if x in names), None)
    state.seed_choice("sources.place", wanted, list(names))
    place = a.selectbox("地区", list(names), key="sources.place", format_func=names.get)
    mine = frames.select(df, adcodes=[place])
    indicator = common.pick_indicator(mine, "sources.indicator", url.indicator, b)
    years = sorted(frames.select(mine, indicator=indicator)["year"].unique().tolist(), reverse=True)
    state.seed_choice("sources.year", url.year, years)
    year = c.selectbox("年份", years, key="sources.year", format_func=lambda y: f"{y}年")
    state.write(place=place, indicator=indicator, year=year)
    row = frames.select(mine, indicator=indicator, years=[year]).iloc[0]
    _show(row)
    _conflicts(data.conflicts, place, indicator, year)


def _show(row: pd.Series) -> None:
    label = frames.fmt_value(row["value"], row["unit"], row["qualifier"], row["method"])
    st.markdown(
        f"### {common.safe_text(row['jurisdiction'])} · {row['year']}年 · "
        f"{common.safe_text(row['indicator_name'])}:{common.safe_text(label)}",
        unsafe_allow_html=True,
    )
    st.markdown("**原文依据**(数值已标出):")
    st.markdown(common.evidence_html(row["evidence"], row["value"]), unsafe_allow_html=True)
    facts = {
        "来源文件": common.plain(row["source"]),  # st.table renders Markdown: names and notes stay inert
        "取得方式": labels.METHODS.get(row["method"], row["method"]),
        "数值性质": labels.QUALIFIERS.get(row["qualifier"], row["qualifier"]),
        "原文位置": _position(row),
        "备注": common.plain(row["note"]) if row["note"] else "—",
        **_review(row),
    }
    st.table(pd.DataFrame({"项目": list(facts), "内容": [str(v) for v in facts.values()]}).set_index("项目"))
    if row["method"] == "derived":
        st.caption("计算得出的数值没有单独的原文句子:它由备注中的两个指标相除得到。")


def _review(row: pd.Series) -> dict[str, str]:
    """置信度 (with its reasons) and 核实状态 (who, when, why) of the value."""
    from pipeline import api

    reasons = "、".join(api.signal_labels(str(row.get("signals", ""))))
    tier = labels.CONFIDENCE.get(str(row.get("confidence", "")), "未评估")
    state = labels.REVIEW_STATES.get(str(row.get("review_state", "")), "未核实")
    who = "".join(f"({p})" for p in (row.get("reviewed_by"), row.get("reviewed_at")) if p)
    return {
        "置信度": tier + (f"({reasons})" if reasons else ""),
        "核实状态": state + who + (f";{row['review_note']}" if row.get("review_note") else ""),
    }


def _position(row: pd.Series) -> str:
    start, end = int(row["evidence_start"]), int(row["evidence_end"])
    return "未知" if start < 0 else f"第 {start}–{end} 个字符"


def _conflicts(conflicts: pd.DataFrame, place: str, indicator: str, year: int) -> None:
    if conflicts.empty or not {"adcode", "indicator", "year"} <= set(conflicts.columns):
        return
    same = conflicts[
        (conflicts["adcode"] == place)
        & (conflicts["indicator"] == indicator)
        & (pd.to_numeric(conflicts["year"], errors="coerce") == year)
    ]
    if same.empty:
        return
    st.subheader("其他报告中的不同数值")
    st.caption("同一地区、年份、指标在不同报告中数值不一致时,按固定规则只取一个;下表列出全部候选及取舍理由。")
    shown = same.assign(chosen=same["chosen"].map(lambda v: "采用" if str(v).lower() == "true" else "未采用"))
    st.dataframe(
        frames.chinese(shown, ("value", "source", "report_year", "qualifier", "method", "chosen", "rule", "evidence")),
        hide_index=True,
    )
