"""校正数值: pick a value, see it with its evidence, and (editors) set, reject or withdraw a correction.

Owns: the picker (jurisdiction, year, indicator from the table; any catalogue indicator, so a
value the extractor missed can be added), the current value with its evidence and, for a
corrected value, the extracted one beside it; the correction form; the log, newest first, with
what the build made of each line (unmatched lines said out loud).
Must never: write corrections.csv other than through `app.editing.save`, or show text from
documents or from the log other than escaped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import auth, editing, frames, labels, state
from app.data import Dataset
from app.views import common


def render(dataset: Dataset | None, presentation: bool) -> None:
    st.header("校正数值")
    editable = auth.editor_access("correct")
    editing.show_message()
    if dataset is None or dataset.indicators.empty:
        common.no_data("还没有数据表,无法选择要校正的数值。请先上传报告或重新生成数据表。")
        _history(dataset)
        return
    df = dataset.indicators
    place, year, indicator = _pick(df, dataset.index)
    mine = dataset.index.place_rows(place)  # by position, not a scan of the whole table
    row = frames.select(mine, indicator=indicator, years=[year])
    names = {place, *mine["jurisdiction"].unique().tolist()}
    found, _ = editing.read_log()
    active = [c for c in found if editing.matches(c, names, year, indicator)]
    in_force = bool(active) and active[-1].action != "withdraw"
    _current(row.iloc[0] if not row.empty else None, dataset.corrections, place, year, indicator)
    if editable:
        _form(df, place, year, indicator, has_value=not row.empty, in_force=in_force)
    _history(dataset)


def _pick(df: pd.DataFrame, index: frames.TableIndex) -> tuple[str, int, str]:
    url = state.current()
    a, b, c = st.columns([2, 1, 3])
    place = common.pick_place(index, "correct.place", url, container=a)
    mine = index.place_rows(place)
    years = sorted(mine["year"].unique().tolist(), reverse=True)
    state.seed_choice("correct.year", url.year, years)
    year = b.selectbox("年份", years, key="correct.year", format_func=lambda y: f"{y}年")
    present = frames.select(mine, years=[year])
    entries = common.catalogue_entries()
    options = list(dict.fromkeys([*frames.indicator_order(present, common.catalogue_order()), *entries]))
    have = set(present["indicator"])
    state.seed_choice("correct.indicator", url.indicator, options)

    def label(i: str) -> str:
        name, unit, _ = entries.get(i) or index.info(i)
        return f"{name}({unit})" + ("" if i in have else " · 暂无数值")

    indicator = c.selectbox("指标", options, key="correct.indicator", format_func=label)
    state.write(place=place, year=year, indicator=indicator)
    return place, year, indicator


def _current(row: pd.Series | None, applied: pd.DataFrame, place: str, year: int, indicator: str) -> None:
    st.subheader("当前数值")
    if row is None:
        rejected = _applied(applied, place, year, indicator, "rejected")
        common.no_data(
            "提取值已被标记为错误,表中没有这个数值。"
            if rejected is not None
            else "表中没有这个数值(报告中没有找到)。可以在下方设定一个数值补充。"
        )
        return
    label = frames.fmt_value(row["value"], row["unit"], row["qualifier"], row["method"])
    st.markdown(
        f"**{common.safe_text(label)}** · {labels.METHODS.get(row['method'], row['method'])} · "
        f"来源:{common.safe_text(row['source'])}",
        unsafe_allow_html=True,
    )
    if row["evidence"]:
        st.markdown(common.evidence_html(row["evidence"], row["value"]), unsafe_allow_html=True)
    if row["method"] == "manual":
        st.caption(f"{labels.MANUAL_MARK} 人工校正:{common.plain(row['note'])}")
        old = _applied(applied, place, year, indicator, "applied")
        if old is not None and pd.notna(old.get("extracted_value")):
            st.caption(
                f"原提取值:{common.plain(frames.fmt_number(float(old['extracted_value']), row['unit']))}"
                f"{common.plain(row['unit'])}(来源:{common.plain(old.get('extracted_source', ''))})"
            )
            if old.get("extracted_evidence"):
                st.markdown(
                    common.evidence_html(str(old["extracted_evidence"]), float(old["extracted_value"])),
                    unsafe_allow_html=True,
                )


def _applied(applied: pd.DataFrame, place: str, year: int, indicator: str, status: str) -> pd.Series | None:
    """The build's report row for this key with `status`, if any."""
    if applied.empty or not {"adcode", "year", "indicator", "status"} <= set(applied.columns):
        return None
    hit = applied[
        (applied["adcode"].astype(str) == place)
        & (pd.to_numeric(applied["year"], errors="coerce") == year)
        & (applied["indicator"] == indicator)
        & (applied["status"] == status)
    ]
    return None if hit.empty else hit.iloc[-1].astype(object).fillna("")


def _form(df: pd.DataFrame, place: str, year: int, indicator: str, *, has_value: bool, in_force: bool) -> None:
    from pipeline import api

    st.subheader("校正")
    actions = ["set", *(["reject"] if has_value else []), *(["withdraw"] if in_force else [])]
    action = st.radio("操作", actions, key="correct.action", format_func=labels.ACTIONS.get, horizontal=True)
    value = None
    if action == "set":
        value = st.number_input(
            "新数值", key="correct.value", value=None, min_value=0.0, step=1.0, placeholder="例如 330"
        )
    reason = st.text_input("理由(必填)", key="correct.reason", placeholder="例如:原文为扫描错误,据纸质版更正")
    who = auth.account()  # the logged-in account, never a typed name
    st.caption(f"校正人:{common.plain(who)}(当前登录账号)")
    if not st.button("保存校正", type="primary", key="correct.save"):
        st.caption("每次保存都在 corrections.csv 末尾追加一行,原有记录不会被改写;保存后自动重新生成数据表。")
        return
    missing = [
        n for n, v in (("新数值", value if action == "set" else 0), ("理由", reason.strip())) if v is None or v == ""
    ]
    if missing:
        st.error(f"请填写:{'、'.join(missing)}。")
        return
    editing.save(
        api.Correction(
            editing.jurisdiction_key(df, place),
            int(year),
            indicator,
            action,
            float(value) if action == "set" else None,
            reason.strip(),
            who,
        )
    )
    for key in ("correct.value", "correct.reason"):
        st.session_state.pop(key, None)
    st.rerun()


def _history(dataset: Dataset | None) -> None:
    st.subheader("校正记录(最新在前)")
    applied = dataset.corrections if dataset is not None else pd.DataFrame()
    _problems(applied)
    found, _ = editing.read_log()
    if not found:
        common.no_data("还没有任何校正记录。")
        return
    statuses = editing.line_statuses(found, applied)
    entries = common.catalogue_entries()
    table = pd.DataFrame(
        [
            {
                "行号": c.line,
                "地区": c.jurisdiction,
                "年份": c.year,
                "指标": entries.get(c.indicator, (c.indicator,))[0],
                "操作": labels.ACTIONS.get(c.action, c.action),
                "数值": "" if c.value is None else f"{c.value:g}",
                "理由": c.reason,
                "校正人": c.who,
                "时间": frames.beijing_time(c.when),
                "结果": statuses.get(c.line, ""),
            }
            for c in reversed(found)
        ]
    )
    st.dataframe(table, hide_index=True)


def _problems(applied: pd.DataFrame) -> None:
    """Lines the build could not use: said out loud, never silently dropped."""
    if applied.empty or "status" not in applied.columns:
        return
    failed = applied[applied["status"].isin(["unmatched", "invalid"])].astype(object).fillna("")
    for row in failed.itertuples(index=False):
        year = pd.to_numeric(row.year, errors="coerce")
        where = (
            f"{row.jurisdiction} {'' if pd.isna(year) else f'{int(year)}年'} {row.indicator}"
            if row.status == "unmatched"
            else ""
        )
        st.warning(f"第 {row.line} 行{common.plain(' ' + where if where else '')}:{common.plain(row.message)}")
