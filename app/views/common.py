"""Widgets and output helpers the pages share: the indicator picker, the filter box, charts, PNG, evidence.

Owns: how every page shows a figure (theme off so the screen matches the download, toolbar
PNG at high resolution with a meaningful name, optional server-side PNG), how evidence text is
rendered safely, and the catalogue order used by menus.
"""

from __future__ import annotations

import html
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app import figures, frames, labels, state

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


def plot(fig: go.Figure, name: str, key: str) -> None:
    """The chart, with its toolbar PNG named `name`, and an on-demand server-side PNG."""
    st.plotly_chart(fig, theme=None, config=figures.chart_config(name), key=key)
    png_download(fig, name, key)


def png_download(fig: go.Figure, name: str, key: str) -> None:
    """ "下载图片": rendered with kaleido only when asked (it starts a browser, ~2–4 s)."""
    store = f"{key}.png"
    if st.session_state.get(store, (None,))[0] != name:
        if st.button("生成高清图片(PNG)", key=f"{key}.make", icon=":material/image:"):
            try:
                st.session_state[store] = (name, figures.to_png(fig, scale=2))
            except Exception as exc:  # kaleido needs a local Chromium; the toolbar camera still works
                st.warning(f"服务器上无法生成图片({type(exc).__name__}),请使用图表右上角的相机按钮下载。")
                return
            st.rerun()
        return
    st.download_button(
        "下载图片(PNG)",
        st.session_state[store][1],
        file_name=f"{name}.png",
        mime="image/png",
        key=f"{key}.download",
        icon=":material/download:",
    )


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


def no_data(message: str) -> None:
    st.info(message, icon=":material/info:")
