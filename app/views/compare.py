"""横向对比: one indicator, one year, many jurisdictions — sorted bars with rank and average, chosen places
highlighted, and the national/provincial value as a reference line for rates when the data hold it."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app import figures, frames, state, verification
from app.data import Dataset
from app.views import common

NATIONAL = "national"  # the country's own rows (jurisdiction 中华人民共和国), when the data hold them
TOP = 30  # bars shown when no jurisdiction is picked: more is unreadable on a slide


def render(data: Dataset, presentation: bool) -> None:
    st.header("横向对比")
    url = state.current()
    if not presentation:
        common.welcome(data.documents, data.indicators, url.indicator is None and url.year is None, data.index)
    index = data.index  # menus and rows worked out once per dataset, not by scanning the table on each rerun
    with common.filter_box(presentation):
        left, right = st.columns([3, 1])
        indicator = common.pick_indicator(index, "compare.indicator", url.indicator, left)
        years = index.years(indicator)[::-1]
        state.seed_choice("compare.year", url.year, years)
        year = right.selectbox("年份", years, key="compare.year", format_func=lambda y: f"{y}年")
        levels, provinces, chosen, names = _place_filters(index, url, indicator, year)
        checked_only = common.verified_switch("compare.verified")
        rows = index.select(indicator=indicator, years=[year], levels=levels, provinces=provinces, adcodes=chosen)
        rows = rows[rows["level"] != NATIONAL]  # the country is a reference line, not a bar beside cities
        rows = verification.only_verified(rows, checked_only)
        highlight = _highlight(names, url, _top(rows, chosen)["adcode"])
    state.write(
        indicator=indicator,
        year=year,
        level=tuple(levels),
        province=tuple(provinces),
        jurisdictions=tuple(chosen),
        highlight=tuple(highlight),
    )
    name, unit, _ = index.info(indicator)
    everywhere = index.select(indicator=indicator, years=[year])
    if rows.empty:
        common.no_data(
            f"{year}年还没有符合条件的“{name}”数据。可换一个年份或放宽层级/省份/地区条件;"
            f"若缺少报告,请把该年度报告放入 data/raw/ 后重新生成。"
        )
        return
    rows = _limit(rows, chosen)
    references = reference_values(everywhere, rows, unit)
    draw = partial(
        figures.compare_bar, rows, name=name, unit=unit, year=year, highlight=highlight, references=references
    )
    # the chart and the ranking of one choice of filters: worked out once per dataset
    choice = ("compare", indicator, year, *map(tuple, (levels, provinces, chosen, highlight)), checked_only)
    common.plot(
        index.memo((*choice, "figure", presentation), lambda: draw(presentation=presentation)),
        figures.file_stem(name, f"{year}年", "横向对比"),
        key="compare.chart",
        slide=common.ChartSlide(
            figures.chart_title(name, unit, [year], "各地区横向对比"),
            lambda: draw(slide=True),
            common.titled(rows, data.titles),
        ),
    )
    shown = set(rows["adcode"].unique())
    absent = [names[a] for a in chosen if a not in shown]
    if absent:
        st.caption(f"以下所选地区 {year} 年没有“{name}”数据:{'、'.join(absent)}")
    if not presentation:
        ranking = index.memo((*choice, "ranking"), lambda: _ranking(common.titled(rows, data.titles)))
        st.dataframe(ranking, hide_index=True)


def _place_filters(
    index: frames.TableIndex, url: state.ViewState, indicator: str, year: int
) -> tuple[list[str], list[str], list[str], dict[str, str]]:
    levels, provinces = common.level_province_filters(
        "compare", index, url, st.columns(2), level_placeholder="全部层级(省级/地级/县级)"
    )
    names = index.place_names(levels, provinces)
    # thousands of places and no 省份: the menu offers the places drawn by default and those already chosen
    top = _top(index.select(indicator=indicator, years=[year], levels=levels), [])
    keep = [*url.jurisdictions, *st.session_state.get("compare.jurisdictions", []), *top["adcode"]]
    menu = common.short_menu(names, keep, bool(provinces))
    state.seed_many("compare.jurisdictions", list(url.jurisdictions), list(menu))
    chosen = st.multiselect(
        "地区(可输入名称搜索)",
        list(menu),
        key="compare.jurisdictions",
        format_func=names.get,
        placeholder=f"全部地区(显示数值最高的 {TOP} 个)",
        help=None if len(menu) == len(names) else "地区很多:先在“省份”中选择省份,即可从该省所有地区中选择。",
    )
    return levels, provinces, chosen, names


def _highlight(names: dict[str, str], url: state.ViewState, drawn: pd.Series) -> list[str]:
    """The 突出显示 menu: the places drawn as bars (and any already highlighted)."""
    keep = [*url.highlight, *st.session_state.get("compare.highlight", []), *drawn]
    menu = common.short_menu(names, keep, False)
    state.seed_many("compare.highlight", list(url.highlight), list(menu))
    return st.multiselect(
        "突出显示(其余地区的柱子变浅)",
        list(menu),
        key="compare.highlight",
        format_func=names.get,
        placeholder="不突出显示:所有柱子同一颜色",
    )


def reference_values(everywhere: pd.DataFrame, shown: pd.DataFrame, unit: str) -> list[tuple[str, float]]:
    """(label, value) of the national value and of the one province all shown places belong to, for rates.

    Only rates: a country's or a province's count is a sum over many places and would dwarf each bar.
    A province already drawn as a bar needs no line.
    """
    if unit != frames.RATE_UNIT or everywhere.empty:
        return []
    out: list[tuple[str, float]] = []
    national = everywhere[everywhere["level"] == NATIONAL]
    if not national.empty:
        out.append(("全国", float(national["value"].iloc[0])))
    provinces = set(shown.loc[shown["level"] != "province", "province"])
    if len(provinces) == 1 and not (shown["level"] == "province").any():
        own = everywhere[(everywhere["level"] == "province") & (everywhere["province"] == next(iter(provinces)))]
        if not own.empty:
            out.append((str(own["jurisdiction"].iloc[0]), float(own["value"].iloc[0])))
    return out


def _top(rows: pd.DataFrame, chosen: list[str]) -> pd.DataFrame:
    """The rows drawn: every chosen place, else the TOP largest values."""
    if chosen or len(rows) <= TOP:
        return rows
    return rows[rows["level"] != NATIONAL].nlargest(TOP, "value")


def _limit(rows, chosen: list[str]):
    if chosen or len(rows) <= TOP:
        return rows
    st.caption(f"共 {len(rows)} 个地区有数据,图中显示数值最高的 {TOP} 个;在“地区”中选择可指定要比较的地区。")
    return _top(rows, chosen)


def _ranking(rows: pd.DataFrame) -> pd.DataFrame:
    """The ranking table under the chart: rank, place, level, province, value, qualifier, method, report."""
    table = verification.dagger(frames.with_labels(rows, compact=True, digits=4)).sort_values("value", ascending=False)
    table = table.assign(rank=table["value"].rank(method="min", ascending=False).astype(int))
    shown = frames.chinese(
        table, ("rank", "jurisdiction", "level", "province", "label", "qualifier", "method", "title")
    )
    return shown.rename(columns={"rank": "排名", "标题": "来源报告"})
