"""来源核对: pick one value and see where it came from — file, evidence with the number marked,
method and qualifier in Chinese, and any conflicting values the build set aside."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import frames, labels, numfmt, state
from app.data import Dataset
from app.views import common


def render(data: Dataset, presentation: bool) -> None:
    st.header("来源核对")
    url = state.current()
    a, b, c = st.columns([2, 3, 1])
    place = common.pick_place(data.index, "sources.place", url, container=a)
    mine = data.index.place_rows(place)  # by position, not a scan of the whole table
    indicator = common.pick_indicator(mine, "sources.indicator", url.indicator, b)
    years = sorted(frames.select(mine, indicator=indicator)["year"].unique().tolist(), reverse=True)
    state.seed_choice("sources.year", url.year, years)
    year = c.selectbox("年份", years, key="sources.year", format_func=lambda y: f"{y}年")
    state.write(place=place, indicator=indicator, year=year)
    row = frames.select(mine, indicator=indicator, years=[year]).iloc[0]
    _show(row, data.titles)
    _document(data, str(row["source"]))
    _conflicts(data.conflicts, place, indicator, year, data.titles)


def _show(row: pd.Series, titles: dict[str, str]) -> None:
    label = numfmt.detailed_label(row["value"], row["unit"], row["qualifier"], row["method"])
    st.markdown(
        f"### {common.safe_text(row['jurisdiction'])} · {row['year']}年 · "
        f"{common.safe_text(row['indicator_name'])}:{common.safe_text(label)}",
        unsafe_allow_html=True,
    )
    st.markdown("**原文依据**(数值已标出):")
    st.markdown(common.evidence_html(row["evidence"], row["value"]), unsafe_allow_html=True)
    facts = {
        # st.table renders Markdown: titles and notes pass through common.plain so they stay inert
        "来源报告": common.plain(source_title(row["source"], titles)),
        "取得方式": labels.METHODS.get(row["method"], row["method"]),
        "数值性质": labels.QUALIFIERS.get(row["qualifier"], row["qualifier"]),
        "备注": common.plain(frames.shown(row["note"])),
        **_review(row),
    }
    st.table(pd.DataFrame({"项目": list(facts), "内容": [frames.shown(v) for v in facts.values()]}).set_index("项目"))
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


def source_title(source: object, titles: dict[str, str]) -> str:
    """The report's title (its stored file name only when no title was found); corrections say so."""
    name = frames.shown(source, "")
    if name == "corrections.csv":
        return "人工校正记录"
    return titles.get(name) or name or "—"


def _document(data: Dataset, source: str) -> None:
    """The report itself: published date and a button opening the stored file (when this copy has it)."""
    published = data.index.memo(("sources.published",), lambda: _published(data.documents)).get(source, "")
    if published:
        st.caption(f"发布日期:{common.plain(published)}")
    path = data_raw_file(source)
    if path is None:
        return
    st.download_button(
        f"打开报告原文({path.suffix.lstrip('.').upper()})",
        path.read_bytes(),
        file_name=f"{data.titles.get(source) or path.stem}{path.suffix}",
        key="sources.document",
        icon=":material/description:",
        on_click="ignore",
    )


def _published(docs: pd.DataFrame) -> dict[str, str]:
    """Report file name -> its publication date as shown (the first row of a name), once per dataset."""
    if docs.empty or "source" not in docs.columns or "published" not in docs.columns:
        return {}
    first = docs.drop_duplicates("source")
    return {str(s): frames.shown(p, "") for s, p in zip(first["source"], first["published"], strict=True)}


def data_raw_file(source: str):
    """The stored report `source` in the raw folder, or None (no such file, or a name leaving the folder)."""
    from app import data as app_data

    raw = app_data.raw_dir()
    path = raw / source
    try:
        if path.resolve().parent != raw.resolve() or not path.is_file():
            return None
    except OSError:
        return None
    return path


def _conflicts(conflicts: pd.DataFrame, place: str, indicator: str, year: int, titles: dict[str, str]) -> None:
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
    shown = same.assign(
        chosen=same["chosen"].map(lambda v: "采用" if str(v).lower() == "true" else "未采用"),
        source=[source_title(s, titles) for s in same["source"]],
        report_year=[frames.shown(y, "") for y in pd.to_numeric(same["report_year"], errors="coerce").astype("Int64")],
    )
    table = frames.chinese(
        shown, ("value", "source", "report_year", "qualifier", "method", "chosen", "rule", "evidence")
    )
    st.dataframe(table.rename(columns={"来源文件": "来源报告"}), hide_index=True)
