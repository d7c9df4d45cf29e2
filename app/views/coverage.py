"""数据覆盖: which jurisdiction × year × indicator has a value, and how each document fared in the build.

A person can read a heat map of a few dozen rows, not of thousands: up to PER_PAGE places are drawn
one row each (every place of a small table, as always); more are summed up per province (places
with data / places), and choosing a province (or level) draws its places, PER_PAGE to a page. The
counts are worked out once per dataset (TableIndex.memo); a rerun only slices them.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app import figures, frames, labels, state
from app.data import Dataset
from app.views import common

PER_PAGE = 50  # places drawn one row each (a 1,700-pixel chart); more are summed up or paged
# rows of 报告处理情况 on screen, problems first: 2,000 made ~340 KB of the page's first load and slowed the
# heat map above it by a browser's work on a grid no one scrolls through; a 省份 choice narrows the list
SHOWN_DOCUMENTS = 500


def render(data: Dataset, presentation: bool) -> None:
    st.header("数据覆盖")
    url = state.current()
    index = data.index
    with common.filter_box(presentation):
        state.seed_choice("coverage.by", url.view, ["year", "indicator"])
        by = st.radio(
            "热力图",
            ["year", "indicator"],
            horizontal=True,
            key="coverage.by",
            format_func={"year": "地区 × 年份(已有指标个数)", "indicator": "地区 × 指标(已有年份数)"}.get,
        )
        levels, provinces = common.level_province_filters("coverage", index, url, st.columns(2))
    counts = index.memo(("coverage.counts", by), lambda: frames.coverage_counts(index.frame, by))
    chosen = _chosen(counts, levels, provinces)
    span = figures.year_span(index.all_years)
    stem = figures.file_stem("数据覆盖", span, by, *provinces)
    if len(chosen) > PER_PAGE and not provinces:
        state.write(view="" if by == "year" else by, level=tuple(levels), province=(), part=1)
        table = index.memo(("coverage.provinces", by, tuple(levels)), lambda: frames.coverage_by_province(chosen))
        st.caption(
            f"共 {len(chosen):,} 个地区,逐个画出无法阅读:下图按省份汇总。在“省份”中选择一个省份,可查看其中每个地区。"
        )
        fig = figures.coverage_provinces(table, by=by, span=span, presentation=presentation)
        common.plot(fig, stem, "coverage.chart")
    else:
        shown = _page(chosen, url.part)
        state.write(view="" if by == "year" else by, level=tuple(levels), province=tuple(provinces), part=shown[1])
        common.plot(
            figures.coverage_heatmap(None, by=by, counts=shown[0], span=span, presentation=presentation),
            stem if shown[2] == 1 else f"{stem}_第{shown[1]}页",
            "coverage.chart",
        )
    _documents(data, provinces)
    _build_info(data)


def _chosen(counts: pd.DataFrame, levels: list[str], provinces: list[str]) -> pd.DataFrame:
    keep = pd.Series(True, index=counts.index)
    if levels:
        keep &= counts["level"].isin(levels)
    if provinces:
        keep &= counts["province"].isin(provinces)
    return counts[keep]


def _page(chosen: pd.DataFrame, wanted: int) -> tuple[pd.DataFrame, int, int]:
    """(the places of the page shown, its number, how many pages): a selectbox when there is more than one."""
    pages = max(1, math.ceil(len(chosen) / PER_PAGE))
    if pages == 1:
        return chosen, 1, 1
    options = list(range(1, pages + 1))
    state.seed_choice("coverage.part", wanted, options)

    def label(n: int) -> str:
        return f"第 {n} / {pages} 页(第 {(n - 1) * PER_PAGE + 1}–{min(n * PER_PAGE, len(chosen))} 个地区)"

    part = st.selectbox("地区分页", options, key="coverage.part", format_func=label)
    return chosen.iloc[(part - 1) * PER_PAGE : part * PER_PAGE], part, pages


def _documents(data: Dataset, provinces: list[str]) -> None:
    st.subheader("报告处理情况")
    documents = data.documents
    if documents.empty or "status" not in documents.columns:
        common.no_data("没有 documents.csv:无法显示每份报告的处理情况。请重新生成数据表。")
        return
    counts = data.index.memo(("coverage.statuses",), lambda: documents["status"].value_counts())
    # Statuses come from a file that may have been edited by hand: escaped, so Markdown never acts on them.
    st.markdown(
        f"共 {len(documents)} 份报告:"
        + ",".join(f"{common.plain(labels.STATUSES.get(s, s))} {n} 份" for s, n in counts.items())
    )
    table = data.index.memo(("coverage.documents", tuple(provinces)), lambda: _document_table(documents, provinces))
    st.dataframe(table.head(SHOWN_DOCUMENTS), hide_index=True)
    if len(table) > SHOWN_DOCUMENTS:
        where = f"{'、'.join(provinces)}的" if provinces else ""
        st.caption(
            f"表格显示前 {SHOWN_DOCUMENTS:,} 份(共 {len(table):,} 份{where}报告,未正常处理的排在最前);"
            "在上方“省份”中选择省份可缩小范围。"
        )
    if counts.drop("ok", errors="ignore").sum() > 0:
        st.caption("状态不是“正常”的报告没有贡献数值:说明列写明了原因和需要补充的文件。")


def _document_table(documents: pd.DataFrame, provinces: list[str]) -> pd.DataFrame:
    """The documents for the screen: problems first, then by file name; with provinces chosen, that
    province's reports and every problem (a report whose place was not found has no province)."""
    ok = documents["status"] == "ok"
    if provinces and "province" in documents.columns:
        documents = documents[~ok | documents["province"].isin(provinces)]
        ok = documents["status"] == "ok"
    failed_first = documents.assign(_ok=ok).sort_values(["_ok", "source"])
    text = [c for c in ("source", "message", "jurisdiction", "title", "kind", "published") if c in failed_first]
    failed_first[text] = failed_first[text].astype(object).map(lambda v: frames.shown(v, ""))
    columns = ("title", "published", "status", "message", "jurisdiction", "year", "values", "source", "kind")
    return frames.chinese(failed_first, (*columns, "ocr_pages"))


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
