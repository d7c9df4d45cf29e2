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
from app.views import common, compare, correct, coverage, profile, queue, review, sources, table, trend, upload

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
# 演示模式: larger text; the sidebar and Streamlit's top bar gone at once (not only on the next page load,
# which is all initial_sidebar_state does), so the chart fills the screen; 退出演示模式 brings them back.
PRESENTATION_CSS = """<style>
.stMarkdown p, .stCaption, label p {font-size: 1.2rem !important;}
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"]
  {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 0.5rem !important; padding-bottom: 0 !important;
  max-width: 100% !important;}
[data-testid="stElementContainer"]:has(h2) {display: none !important;}  /* the chart's own title names the page */
</style>"""
# The page's language for screen readers, fonts and translation prompts: Streamlit's index.html says "en".
LANG_SCRIPT = "<script>document.documentElement.lang = 'zh-CN';</script>"


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
    common.deck_panel()
    return page, presentation


def _leave_presentation() -> None:
    st.session_state["nav.mode"] = False


def exit_presentation_button() -> None:
    """The way back from 演示模式, whose CSS hides the sidebar holding the switch."""
    st.button("退出演示模式", key="nav.exit", on_click=_leave_presentation, icon=":material/fullscreen_exit:")


def main() -> None:
    url = state.current()
    # No page_icon: a Material icon favicon is fetched from fonts.gstatic.com, and the app must run offline.
    # The sidebar starts expanded even in 演示模式: the mode's CSS hides it, so 退出演示模式 brings it straight back.
    st.set_page_config(page_title="法治指标看板", layout="wide", initial_sidebar_state="expanded")
    page, presentation = sidebar(url)
    state.enter_page(page)
    st.html(LANG_SCRIPT, unsafe_allow_javascript=True)
    if presentation:
        st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
        exit_presentation_button()
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
