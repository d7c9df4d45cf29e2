"""法治指标看板 — the Streamlit entry point: page config, the sidebar (page, 演示模式), then one view.

Run: `streamlit run dashboard.py`. Everything else lives in app/: data loading in app/data.py,
URL state in app/state.py, pure figures/exports in app/figures.py and app/exports.py, one module
per page in app/views/. The editor pages (上传报告, 校正数值, 冲突审核, 审核队列) are rendered even when there is
no data yet (the first upload creates it) and ask for the editor password (app/auth.py).
Pages are a sidebar radio bound to ?page=… (not st.navigation), so the
page, like every filter, is a query parameter that a copied link reproduces and that works
under AppTest without page files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from app import data, state
from app.labels import EDITOR_PAGES, PAGES
from app.views import compare, correct, coverage, profile, queue, review, sources, table, trend, upload

VIEWS: dict[str, Callable[[data.Dataset, bool], None]] = {
    "compare": compare.render,
    "trend": trend.render,
    "profile": profile.render,
    "table": table.render,
    "sources": sources.render,
    "coverage": coverage.render,
}
EDITOR_VIEWS: dict[str, Callable[[data.Dataset | None, bool], None]] = {
    "upload": upload.render,
    "correct": correct.render,
    "review": review.render,
    "queue": queue.render,
}
logger = logging.getLogger("dashboard")
PRESENTATION_CSS = "<style>.stMarkdown p, .stCaption, label p {font-size: 1.2rem !important;}</style>"


def sidebar(url: state.ViewState) -> tuple[str, bool]:
    """The page radio and the 演示模式 switch, both seeded from and written back to the URL."""
    st.sidebar.title("法治指标看板")
    state.seed_choice("nav.page", url.page, list(PAGES))
    page = st.sidebar.radio("页面", list(PAGES), key="nav.page", format_func=PAGES.get)
    state.seed("nav.mode", url.presentation, lambda v: isinstance(v, bool), False)
    presentation = st.sidebar.toggle(
        "演示模式", key="nav.mode", help="放大字体、减少网格线、收起筛选条件,便于投影和截图"
    )
    state.write(page=page, mode=state.PRESENT if presentation else "")
    st.sidebar.caption("提示:地址栏中的链接记录了当前页面和筛选条件,复制即可分享同一张图。")
    return page, presentation


def main() -> None:
    url = state.current()
    # No page_icon: a Material icon favicon is fetched from fonts.gstatic.com, and the app must run offline.
    st.set_page_config(
        page_title="法治指标看板", layout="wide", initial_sidebar_state="collapsed" if url.presentation else "expanded"
    )
    page, presentation = sidebar(url)
    if presentation:
        st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    dataset = data.prepare()
    if page in EDITOR_PAGES:
        guarded(lambda: EDITOR_VIEWS[page](dataset, presentation))
    elif dataset is not None:
        guarded(lambda: VIEWS[page](dataset, presentation))


def guarded(render: Callable[[], None]) -> None:
    """Run a page; a failure on hand-damaged data becomes a Chinese message and 重新生成, not a traceback.

    st.rerun()/st.stop() raise BaseException subclasses, so they pass through untouched.
    """
    try:
        render()
    except Exception:
        logger.exception("page failed")
        st.error(
            "此页面无法显示:数据表中可能有损坏或不符合格式的内容。请点击“重新生成”重建数据表;"
            "若问题仍在,请检查 data/raw/ 中最近加入或修改的文件。"
        )
        data.rebuild_button("page")


main()
