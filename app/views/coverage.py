"""数据覆盖: which jurisdiction × year × indicator has a value, and how each document fared in the build."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import figures, frames, labels, state
from app.data import Dataset
from app.views import common


def render(data: Dataset, presentation: bool) -> None:
    st.header("数据覆盖")
    state.seed_choice("coverage.by", state.current().view, ["year", "indicator"])
    by = st.radio(
        "热力图",
        ["year", "indicator"],
        horizontal=True,
        key="coverage.by",
        format_func={"year": "地区 × 年份(已有指标个数)", "indicator": "地区 × 指标(已有年份数)"}.get,
    )
    state.write(view="" if by == "year" else by)
    df = data.indicators
    common.plot(
        figures.coverage_heatmap(df, by=by, presentation=presentation),
        figures.file_stem("数据覆盖", figures.year_span(df["year"]), by),
        key="coverage.chart",
    )
    _documents(data.documents)
    _build_info(data)


def _documents(documents: pd.DataFrame) -> None:
    st.subheader("报告处理情况")
    if documents.empty or "status" not in documents.columns:
        common.no_data("没有 documents.csv:无法显示每份报告的处理情况。请重新生成数据表。")
        return
    counts = documents["status"].value_counts()
    # Statuses come from a file that may have been edited by hand: escaped, so Markdown never acts on them.
    st.markdown(
        f"共 {len(documents)} 份报告:"
        + ",".join(f"{common.plain(labels.STATUSES.get(s, s))} {n} 份" for s, n in counts.items())
    )
    failed_first = documents.assign(_ok=documents["status"] == "ok").sort_values(["_ok", "source"])
    text = [c for c in ("source", "message", "jurisdiction", "title", "kind", "published") if c in failed_first]
    failed_first[text] = failed_first[text].astype(object).map(lambda v: frames.shown(v, ""))
    st.dataframe(
        frames.chinese(
            failed_first,
            ("title", "published", "status", "message", "jurisdiction", "year", "values", "source", "kind")
            + ("ocr_pages",),
        ),
        hide_index=True,
    )
    if (documents["status"] != "ok").any():
        st.caption("状态不是“正常”的报告没有贡献数值:说明列写明了原因和需要补充的文件。")


def _build_info(data: Dataset) -> None:
    meta = data.meta
    parts = [f"数据目录:{data.folder}"]
    if meta.get("time"):
        parts.append(f"生成时间:{frames.beijing_time(meta['time'])}")
    if not data.conflicts.empty and "chosen" in data.conflicts.columns:
        parts.append(f"有冲突的数值:{int(data.conflicts['chosen'].astype(str).str.lower().eq('true').sum())} 个")
    if not data.cumulative.empty:
        parts.append(f"累计数(未计入年度表):{len(data.cumulative)} 个")
    st.caption(" · ".join(parts))
