"""Widgets and output helpers the pages share: the indicator picker, the filter box, charts, PNG, evidence.

Owns: how every page shows a figure (theme off so the screen matches the download, toolbar
image 1920×1080 with a meaningful name), the chart tools under it — server-side 16:9 PNG/SVG,
加入演示文稿 and a one-chart PPTX, each with a progress indicator — and the collected deck in the
sidebar (session state only), how evidence text is rendered safely, and the catalogue order used by menus.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from app import figures, frames, labels, slides, state

# Characters Markdown would act on; written as entities so evidence is shown literally.
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-!|~$:"}


@cache
def catalogue_order() -> tuple[str, ...]:
    """Indicator ids in catalogue order (pipeline/rules/indicators.yaml); empty if it cannot be read."""
    try:
        from pipeline import api

        return tuple(api.catalogue())
    except Exception:  # the data still has names and families; only the menu order is lost
        return ()


@cache
def catalogue_entries() -> dict[str, tuple[str, str, str]]:
    """Indicator id -> (Chinese name, unit, family) from the catalogue; empty if it cannot be read."""
    try:
        from pipeline import api

        return {
            i: (str(e.get("name", i)), str(e.get("unit", "")), str(e.get("family", "")))
            for i, e in api.catalogue().items()
        }
    except Exception:  # the editor pages then fall back to the names found in the data
        return {}


def filter_box(presentation: bool):
    """The container holding a page's filters: collapsed in 演示模式 so the chart fills the screen."""
    return st.expander("筛选条件", expanded=not presentation, icon=":material/filter_alt:")


PROVINCE_FIRST = 80  # more places than this: a 省份 menu first (one menu of thousands is slow to open and to read)


def pick_place(index: frames.TableIndex, key: str, url: state.ViewState, label: str = "地区", container=st) -> str:
    """The place menu of a page (widget `key`), seeded from the URL's place (or its first jurisdiction that is
    a place of the table).

    Up to PROVINCE_FIRST places (or all in one province): one menu. More: a 省份 menu (key with
    ".province" in place of ".place"), seeded with the province of the place chosen or wanted, then a
    menu of that province's places — every menu stays short enough to send and to scroll.
    """
    names = index.place_names()
    wanted = url.place or next((a for a in url.jurisdictions if a in names), None)
    provinces = index.provinces_by_code
    if len(names) > PROVINCE_FIRST and len(provinces) > 1:
        province_key = key.rsplit(".", 1)[0] + ".province"
        chosen = st.session_state.get(key)
        seen = index.province_of.get(chosen) or index.province_of.get(wanted or "")
        state.seed_choice(province_key, seen, provinces)
        province = container.selectbox("省份", provinces, key=province_key)
        names = index.place_names(provinces=[province])
    state.seed_choice(key, wanted, list(names))
    return container.selectbox(label, list(names), key=key, format_func=names.get)


def short_menu(names: dict[str, str], keep: Iterable[str], narrowed: bool) -> dict[str, str]:
    """The options of a place multiselect: every place in `names` when they are few or a 省份 choice
    narrows them; else only `keep` (what is chosen or drawn), in `names` order.

    A browser takes ~0.2 s of main-thread time per thousand options of a multiselect, on every
    page load, whether or not the menu is opened: a menu of thousands made a chart page 1 s slower
    to appear. A person picks from thousands by province first anyway.
    """
    if narrowed or len(names) <= PROVINCE_FIRST:
        return names
    wanted = set(keep)
    return {a: label for a, label in names.items() if a in wanted}


def pick_indicator(frame: pd.DataFrame | frames.TableIndex, key: str, wanted: str | None, container=st) -> str:
    """A selectbox of indicators grouped by family ("行政复议 · 行政复议受理数(件)").

    Pass the dataset's TableIndex (Dataset.index) for the whole table: its menu is then worked
    out once per dataset rather than on every rerun.
    """
    index = frame if isinstance(frame, frames.TableIndex) else frames.TableIndex(frame)
    options = index.order(catalogue_order())
    state.seed_choice(key, wanted, options)
    info = index.info
    return container.selectbox(
        "指标", options, key=key, format_func=lambda i: f"{info(i)[2]} · {info(i)[0]}({info(i)[1]})"
    )


def level_province_filters(
    prefix: str, index: frames.TableIndex, url: state.ViewState, columns: tuple, level_placeholder: str = "全部层级"
) -> tuple[list[str], list[str]]:
    """The 层级 and 省份 multiselects (keys `<prefix>.level` / `<prefix>.province`), seeded from the URL."""
    level_options = [lv for lv in labels.LEVELS if lv in index.levels]
    state.seed_many(f"{prefix}.level", list(url.level), level_options)
    levels = columns[0].multiselect(
        "层级", level_options, key=f"{prefix}.level", format_func=labels.LEVELS.get, placeholder=level_placeholder
    )
    state.seed_many(f"{prefix}.province", list(url.province), index.provinces)
    provinces = columns[1].multiselect("省份", index.provinces, key=f"{prefix}.province", placeholder="全部省份")
    return levels, provinces


def place_names(frame: pd.DataFrame | frames.TableIndex) -> dict[str, str]:
    """adcode -> "槐荫区(县级·山东省)" for every jurisdiction in `frame` (a TableIndex: once per dataset)."""
    if isinstance(frame, frames.TableIndex):
        return frame.place_names()
    table = frames.places(frame)
    return {a: frames.place_label(j, lv, p) for a, j, lv, p in table.itertuples(index=False)}


@dataclass(frozen=True)
class ChartSlide:
    """What a chart's slide needs: its title, a builder of the slide-shaped figure (called only when an
    image is asked for) and the rows it shows (their evidence goes into the speaker notes)."""

    title: str
    make: Callable[[], go.Figure]
    rows: pd.DataFrame


DECK_KEY = "deck.items"  # the charts collected with 加入演示文稿: [{name, title, figure (JSON), notes}]


def plot(fig: go.Figure, name: str, key: str, slide: ChartSlide | None = None) -> None:
    """The chart (toolbar image 1920×1080 named `name`), then its image and slide tools."""
    st.plotly_chart(fig, theme=None, config=figures.chart_config(name), key=key)
    if slide is None:
        image_downloads(lambda: fig, name, key)
        return
    a, b, c = st.columns(3)
    with a:
        image_downloads(slide.make, name, key)
    with b:
        _collect_button(slide, name, key)
    with c:
        _single_deck(slide, name, key)


def image_downloads(make: Callable[[], go.Figure], name: str, key: str) -> None:
    """ "生成高清图片": 1920×1080 PNG and SVG made with kaleido only when asked, with a spinner meanwhile."""
    store = f"{key}.images"
    if st.session_state.get(store, (None,))[0] != name:
        if st.button("生成高清图片(PNG/SVG)", key=f"{key}.make", icon=":material/image:"):
            try:
                with st.spinner("正在生成 1920×1080 图片(首次约需几秒)…"):
                    fig = make()
                    st.session_state[store] = (name, figures.to_image(fig, "png"), figures.to_image(fig, "svg"))
            except Exception as exc:  # kaleido needs a local Chromium; the toolbar camera still works
                st.warning(f"服务器上无法生成图片({type(exc).__name__}),请使用图表右上角的相机按钮下载。")
                return
            st.rerun()
        return
    _, png, svg = st.session_state[store]
    left, right = st.columns(2)
    left.download_button(
        "下载 PNG", png, file_name=f"{name}.png", mime="image/png", key=f"{key}.png", icon=":material/download:"
    )
    right.download_button(
        "下载 SVG", svg, file_name=f"{name}.svg", mime="image/svg+xml", key=f"{key}.svg", icon=":material/download:"
    )


def _collect_button(slide: ChartSlide, name: str, key: str) -> None:
    items = st.session_state.setdefault(DECK_KEY, [])
    if any(item["name"] == name for item in items):
        st.button("已在演示文稿中", key=f"{key}.collected", disabled=True, icon=":material/check:")
        return
    if st.button("加入演示文稿", key=f"{key}.collect", icon=":material/add_to_queue:"):
        items.append(
            {
                "name": name,
                "title": slide.title,
                "figure": slide.make().to_json(),
                "notes": slides.evidence_notes(slide.rows),
            }
        )
        st.toast(f"已加入演示文稿(共 {len(items)} 张)。在左侧栏下载。")
        st.rerun()


def _single_deck(slide: ChartSlide, name: str, key: str) -> None:
    """This chart alone as a one-slide PPTX."""
    store = f"{key}.pptx"
    if st.session_state.get(store, (None,))[0] != name:
        if st.button("导出本图为演示文稿(PPTX)", key=f"{key}.deck", icon=":material/slideshow:"):
            item = {"name": name, "title": slide.title, "figure": slide.make().to_json()}
            item["notes"] = slides.evidence_notes(slide.rows)
            data = make_deck([item], f"{key}.deck.progress")
            if data is not None:
                st.session_state[store] = (name, data)
                st.rerun()
        return
    st.download_button(
        "下载演示文稿(PPTX)",
        st.session_state[store][1],
        file_name=f"{name}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key=f"{key}.pptx.download",
        icon=":material/download:",
    )


def make_deck(items: list[dict], key: str, container=st) -> bytes | None:
    """Render each collected chart to a 1920×1080 PNG (a progress bar counts them) and assemble the PPTX."""
    bar = container.progress(0.0, text=f"正在生成图片:0 / {len(items)}")
    made = []
    try:
        for i, item in enumerate(items, 1):
            image = figures.to_image(pio.from_json(item["figure"]), "png")
            made.append(slides.Slide(item["title"], image, notes=item.get("notes", "")))
            bar.progress(i / len(items), text=f"正在生成图片:{i} / {len(items)}")
    except Exception as exc:
        bar.empty()
        container.warning(f"服务器上无法生成图片({type(exc).__name__}),演示文稿未能生成。")
        return None
    bar.empty()
    return slides.deck(made)


def deck_panel() -> None:
    """The sidebar's collected deck: how many charts, generate (with progress), download, empty."""
    items = st.session_state.get(DECK_KEY, [])
    if not items:
        return
    box = st.sidebar.container(border=True)
    box.markdown(f"**演示文稿**:已收集 {len(items)} 张图")
    box.caption("、".join(plain(i["title"]) for i in items))
    signature = tuple(i["name"] for i in items)
    ready = st.session_state.get("deck.file")
    if ready is not None and ready[0] == signature:
        box.download_button(
            "下载演示文稿(PPTX)",
            ready[1],
            file_name=f"法治指标看板_演示文稿_{len(items)}张.pptx",
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="deck.download",
            icon=":material/download:",
        )
    elif box.button("生成演示文稿(PPTX)", key="deck.make", icon=":material/slideshow:"):
        data = make_deck(items, "deck.progress", box)
        if data is not None:
            st.session_state["deck.file"] = (signature, data)
            st.rerun()
    if box.button("清空演示文稿", key="deck.clear"):
        st.session_state[DECK_KEY] = []
        st.session_state.pop("deck.file", None)
        st.rerun()


def titled(rows: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """`rows` plus a `title` column: the report's title where known, else its file name."""
    return rows.assign(title=[titles.get(s) or s for s in rows["source"].tolist()])


def safe_text(text: str) -> str:
    """`text` as inert HTML: tags escaped, Markdown characters as entities, newlines as <br>."""
    # One pass per character, so an entity written for one rule is never re-escaped by the other.
    return "".join(_MARKDOWN.get(c) or html.escape(c, quote=True) for c in str(text)).replace("\n", "<br>")


def plain(text: str) -> str:
    """`text` for a Markdown element without HTML (st.warning, st.caption…): shown literally, on one line."""
    return "".join(_MARKDOWN.get(c) or html.escape(c, quote=True) for c in str(text).replace("\n", " "))


def evidence_html(evidence: str, value: float) -> str:
    """The evidence sentence, escaped, with the value's number in <mark> (when written in digits)."""
    before, number, after = frames.evidence_parts(evidence, value)
    marked = f"<mark>{safe_text(number)}</mark>" if number else ""
    return (
        f'<div style="font-size:1.15em;line-height:1.8;padding:0.6em 0.9em;border-left:4px solid #4E79A7;'
        f'background:#F6F8FB">{safe_text(before)}{marked}{safe_text(after)}</div>'
    )


def verified_switch(key: str, container=st) -> bool:
    """The 仅显示已核实 switch: when on, only values a person confirmed or corrected are shown."""
    return container.toggle(
        "仅显示已核实",
        key=key,
        help="只显示经编辑对照原文核实(或人工更正)的数值;未核实的数值在图中为斜纹柱或空心点,在表中标 †。",
    )


def holdings(documents: pd.DataFrame, frame: pd.DataFrame) -> tuple[int, list[str], int, list[int], int, int]:
    """(reports read, up to 9 of their titles, places, years, values, indicators): what `welcome` says."""
    ok = documents[documents["status"] == "ok"] if "status" in documents.columns else documents.iloc[0:0]
    head = ok.head(9)  # eight are listed; a ninth says there are more
    pairs = zip(head.get("title", [""] * len(head)), head.get("source", [""] * len(head)), strict=True)
    titles = [frames.shown(t, "") or frames.shown(s, "") for t, s in pairs]
    years = sorted(frame["year"].unique().tolist())
    return len(ok), titles, frame["adcode"].nunique(), years, len(frame), frame["indicator"].nunique()


def welcome(
    documents: pd.DataFrame, frame: pd.DataFrame, expanded: bool, index: frames.TableIndex | None = None
) -> None:
    """The first screen's explanation: what the board does, which reports it holds now, how to add more.
    With the dataset's `index`, the counts are worked out once per dataset."""
    if index is None:
        reports, titles, places, years, values, indicators = holdings(documents, frame)
    else:
        reports, titles, places, years, values, indicators = index.memo(
            ("welcome",), lambda: holdings(documents, frame)
        )
    with st.expander("关于本看板 · 现有报告 · 如何添加报告", expanded=expanded, icon=":material/help:"):
        st.markdown(
            "本看板读取各地《法治政府建设情况报告》,找出行政复议、行政诉讼、出庭应诉率、矛盾纠纷调解、"
            "市场主体、法律援助等指标的数值,并保留每个数值的原文句子,用于横向对比、年度趋势和导出。"
            "图中 ≥ 表示“超过/突破”的下限值,≈ 表示约数,✎ 表示人工校正。"
        )
        span = f"{years[0]}–{years[-1]}年" if years else ""
        st.markdown(f"**现有数据**:{reports} 份报告,{places} 个地区,{span},共 {values:,} 个数值,{indicators} 项指标。")
        if titles:
            shown = titles[:8]
            st.markdown("\n".join(f"- {plain(t)}" for t in shown) + ("\n- ……" if len(titles) > len(shown) else ""))
        st.markdown(
            "**添加报告**:在左侧“上传报告”页面上传(txt、html、pdf、docx 等,需编辑密码),"
            "先预览识别出的地区、年份和数值,确认后保存并自动重新生成;"
            "也可以把文件直接放入 data/raw/ 文件夹,然后重新打开看板。"
            "识别不出地区或年份时,可在上传页面指定。"
        )


def no_data(message: str) -> None:
    st.info(message, icon=":material/info:")
