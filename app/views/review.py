"""冲突审核: conflicts.csv as a review list — per key, the competing values with source, evidence and the
rule that chose one, and (editors) a one-click "采用此值" that records a `set` correction and rebuilds.

Owns: grouping the conflicts by (adcode, year, indicator), telling settled keys (the value in
the table is a manual correction) from open ones, and the wording of the correction it records.
Must never: change the table itself (the correction does, through the build) or show evidence
other than escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import auth, editing, frames, labels, state
from app.data import Dataset
from app.views import common

NEEDED = {"adcode", "year", "indicator", "value", "source", "evidence", "chosen", "rule"}
PER_PAGE = 10  # conflicts shown at a time


def reason_for(source: str) -> str:
    """The reason written into corrections.csv when an alternative is adopted."""
    return f"冲突审核:采用 {source} 的数值"


def render(dataset: Dataset | None, presentation: bool) -> None:
    st.header("冲突审核")
    editable = auth.editor_access("review")
    editing.show_message()
    conflicts = dataset.conflicts if dataset is not None else pd.DataFrame()
    if conflicts.empty or not set(conflicts.columns) >= NEEDED:
        common.no_data("没有需要审核的冲突:各报告对同一地区、年份、指标给出的数值一致。")
        return
    conflicts = conflicts.assign(
        year=pd.to_numeric(conflicts["year"], errors="coerce"), value=pd.to_numeric(conflicts["value"], errors="coerce")
    )
    conflicts = conflicts.dropna(subset=["year", "value"]).astype({"year": int})
    text = [c for c in conflicts.columns if c not in ("year", "value")]
    conflicts[text] = conflicts[text].astype(object).fillna("")
    st.caption(
        "同一地区、年份、指标在不同报告中数值不一致时,系统按固定规则先取一个;请核对原文后确认或改用其他数值。"
        "“采用此值”会在校正记录中追加一条人工校正,并重新生成数据表。"
    )
    who = auth.account() if editable else ""  # the logged-in account, never a typed name
    show_all = st.toggle("也显示已人工校正的冲突", key="review.all")
    df = dataset.indicators
    # the values an editor has already set: looked up, not selected from the whole table per conflict
    manual = dataset.index.memo(("review.manual",), lambda: _manual(df))
    pending = []
    for (adcode, year, indicator), group in conflicts.groupby(["adcode", "year", "indicator"], sort=True):
        current = manual.get((str(adcode), int(year), str(indicator)))
        if current is not None and not show_all:
            continue
        pending.append((group, current))
    if not pending:
        common.no_data("所有冲突都已人工校正。打开“也显示已人工校正的冲突”可以再次查看。")
        return
    for group, current in _page(pending):
        _group(df, group.reset_index(drop=True), current, editable, who, dataset.titles)


def _manual(df: pd.DataFrame) -> dict[tuple[str, int, str], dict]:
    """(adcode, year, indicator) -> the table's row, for the values set by an editor (method manual)."""
    rows = df[df["method"] == "manual"]
    return {(str(r["adcode"]), int(r["year"]), str(r["indicator"])): r for r in rows.to_dict("records")}


def _page(pending: list) -> list:
    """The conflicts of the page chosen (PER_PAGE at a time, `&part=` in the link): thousands of
    them on one page are neither readable nor quick."""
    pages = max(1, -(-len(pending) // PER_PAGE))
    if pages == 1:
        return pending
    options = list(range(1, pages + 1))
    state.seed_choice("review.part", state.current().part, options)
    part = st.selectbox(
        "冲突分页",
        options,
        key="review.part",
        format_func=lambda n: f"第 {n} / {pages} 页(共 {len(pending)} 处冲突)",
    )
    state.write(part=part)
    return pending[(part - 1) * PER_PAGE : part * PER_PAGE]


def _group(
    df: pd.DataFrame, group: pd.DataFrame, current: dict | None, editable: bool, who: str, titles: dict[str, str]
) -> None:
    """One conflict: its alternatives with evidence and the rule; `current` is the editor's value, if any."""
    first = group.iloc[0]
    adcode, year, indicator = str(first["adcode"]), int(first["year"]), str(first["indicator"])
    name, unit, _ = common.catalogue_entries().get(indicator) or frames.indicator_info(df, indicator)
    with st.container(border=True):
        st.markdown(f"#### {common.plain(first.get('jurisdiction', adcode))} · {year}年 · {common.plain(name)}")
        if current is not None:
            row = current
            st.caption(
                f"{labels.MANUAL_MARK} 已人工校正为 "
                f"{common.plain(frames.fmt_value(row['value'], row['unit'], row['qualifier'], 'manual'))}"
            )
        for i, alt in group.iterrows():
            _alternative(df, alt, i, unit, editable, who, (adcode, year, indicator), titles)
        chosen = group[group["chosen"].astype(str).str.lower() == "true"]
        decided = chosen.iloc[0]["rule"] if not chosen.empty else first["rule"]
        st.caption(f"取舍规则:{common.plain(decided)}")


def _alternative(
    df: pd.DataFrame,
    alt: pd.Series,
    i: int,
    unit: str,
    editable: bool,
    who: str,
    key: tuple[str, int, str],
    titles: dict[str, str],
) -> None:
    chosen = str(alt["chosen"]).strip().lower() == "true"
    label = frames.fmt_value(
        float(alt["value"]), unit, alt.get("qualifier") or "exact", alt.get("method") or "reported"
    )
    left, middle, right = st.columns([2, 5, 1])
    left.markdown(f"**{common.plain(label)}** · {'当前采用' if chosen else '未采用'}")
    report_year = pd.to_numeric(alt.get("report_year"), errors="coerce")
    title = titles.get(str(alt["source"])) or str(alt["source"])
    left.caption(f"来源:{common.plain(title)}" + ("" if pd.isna(report_year) else f"({int(report_year)}年报告)"))
    middle.markdown(common.evidence_html(str(alt["evidence"]), float(alt["value"])), unsafe_allow_html=True)
    adcode, year, indicator = key
    if editable and right.button(
        "采用此值",
        key=f"review.{adcode}.{year}.{indicator}.{i}",
        disabled=not who,
        help=None if who else "请先填写审核人姓名",
    ):
        from pipeline import api

        editing.save(
            api.Correction(
                editing.jurisdiction_key(df, adcode),
                year,
                indicator,
                "set",
                float(alt["value"]),
                reason_for(str(alt["source"])),
                who,
            )
        )
        st.rerun()
