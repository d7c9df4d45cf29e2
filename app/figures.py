"""Pure figure builders: a slice of the tidy indicator table in, a self-explanatory Plotly Figure out.

Owns: every chart's look — Chinese title naming indicator, unit and year(s), the source note
drawn inside the figure (so a screenshot explains itself), value labels with ≥/≈/✎ marks, one
stable colour per jurisdiction, the 演示模式 style (bigger fonts, fewer gridlines), the chart
toolbar's 16:9 image settings, the slide shape (1920×1080, bar thickness fitted to the number of
places), and server-side PNG/SVG rendering through kaleido. Numbers are written by app.numfmt.
Must never: import streamlit or read files; callers pass the rows to draw.
"""

from __future__ import annotations

import math
import threading
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from app import frames, labels, numfmt, verification

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
# A fixed qualitative palette (Tableau 10 and D3 without their greys, which read as "disabled"
# next to the grey average line): colours never depend on what is shown.
PALETTE = (
    "#4E79A7",
    "#F28E2B",
    "#E15759",
    "#76B7B2",
    "#59A14F",
    "#EDC948",
    "#B07AA1",
    "#FF9DA7",
    "#9C755F",
    "#1F77B4",
    "#D62728",
    "#2CA02C",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#17BECF",
    "#BCBD22",
    "#FF7F0E",
)
AVERAGE_COLOUR = "#444444"
ONE_COLOUR = "#4E79A7"  # every bar when none is highlighted
MUTED = "#C5CFDA"  # the other bars when some are highlighted
REFERENCE_COLOUR = "#B22222"
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
PRESENT_HEIGHT = 880  # 演示模式 on screen: ≥ 80% of a 1080-pixel-high window
MAX_BAR = 80  # px: a bar never gets thicker than this, however few places there are
# Marks drawn on the bars themselves (hatch patterns), so ≥ and ≈ survive a black-and-white print.
PATTERNS = {"at_least": "/", "approx": ".", "at_most": "\\"}
PATTERN_NAMES = {"at_least": "≥ 不少于(下限)", "approx": "≈ 约数", "at_most": "≤ 不超过(上限)"}


def color_for(adcode: str) -> str:
    """The jurisdiction's colour: a CRC of its adcode into PALETTE, so it is the same in every
    chart, rerun and session, whatever else is on screen (Python's hash() is salted per process)."""
    return PALETTE[zlib.crc32(str(adcode).encode()) % len(PALETTE)]


def year_span(years: Iterable[int]) -> str:
    """ "2022年", "2019–2023年", or "" when there are none."""
    ys = sorted({int(y) for y in years})
    if not ys:
        return ""
    return f"{ys[0]}年" if len(ys) == 1 else f"{ys[0]}–{ys[-1]}年"


def chart_title(name: str, unit: str, years: Iterable[int], what: str) -> str:
    """ "行政复议受理数(单位:件)· 2022年 · 各地区横向对比"."""
    unit_part = f"(单位:{unit})" if unit else ""
    return " · ".join(p for p in (f"{name}{unit_part}", year_span(years), what) if p)


def file_stem(*parts: str) -> str:
    """A file name stem from parts (see frames.file_stem)."""
    return frames.file_stem(*parts)


def chart_config(filename: str) -> dict:
    """st.plotly_chart config: the toolbar's camera saves a 16:9 slide-sized PNG (1920×1080) with a meaningful name."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
        },
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    }


_kaleido_started = False
_kaleido_lock = threading.Lock()  # sessions run in threads: one kaleido start, one image at a time


def to_image(fig: go.Figure, fmt: str = "png") -> bytes:
    """Server-side PNG or SVG of a slide-shaped figure (see `slide=True`) through kaleido, 1920×1080.

    The first call starts kaleido's browser (~3 s) and keeps it; later images take a fraction of a
    second. Raises when no local Chromium can be started (callers fall back to the toolbar camera).
    """
    global _kaleido_started
    with _kaleido_lock:
        if not _kaleido_started:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
        with warnings.catch_warnings():  # "kopts ignored when using a server": expected, the server has its own
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format=fmt, width=SLIDE_WIDTH, height=SLIDE_HEIGHT, scale=1)


# ---------------------------------------------------------------- shared layout


def _style(
    fig: go.Figure,
    title: str,
    presentation: bool,
    notes: Sequence[str] = (),
    height: int = 520,
    slide: bool = False,
) -> go.Figure:
    """Title, fonts, source note inside the figure, margins; 演示模式 enlarges and thins; slide: 1920×1080."""
    layout, note = _style_layout(
        title, presentation, notes, height, showlegend=bool(fig.layout.showlegend), slide=slide
    )
    with _trusted(fig):
        fig.update_layout(**layout)
        fig.add_annotation(**note)
        if presentation or slide:
            fig.update_xaxes(showgrid=False)
            fig.update_yaxes(showgrid=False)
    return fig


@contextmanager
def _trusted(fig: go.Figure) -> Iterator[go.Figure]:
    """Plotly's checks off while properties this module writes (and tests validate) are set: checking
    the template alone costs ~10 ms a figure, a tenth of a rerun."""
    before = fig._validate
    fig._validate = False
    fig.layout._validate = False
    try:
        yield fig
    finally:
        fig._validate = before
        fig.layout._validate = before


def _figure(data: list, layout: dict) -> go.Figure:
    """go.Figure(data, layout), every property checked but the template (set unchecked: see _trusted)."""
    fig = go.Figure(data=data, layout={k: v for k, v in layout.items() if k != "template"})
    if "template" in layout:
        with _trusted(fig):
            fig.update_layout(template=layout["template"])
    return fig


@cache
def _template() -> go.layout.Template:
    """plotly_white, checked once per process (its name would be looked up and checked per figure)."""
    return pio.templates["plotly_white"]


def _style_layout(
    title: str, presentation: bool, notes: Sequence[str], height: int, showlegend: bool, slide: bool = False
) -> tuple[dict, dict]:
    """(layout properties, the source-note annotation) that `_style` applies, for building a figure in one go.

    slide: exactly SLIDE_WIDTH × SLIDE_HEIGHT with slide-sized fonts, whatever `height` asks;
    presentation: at least PRESENT_HEIGHT high (the chart fills a 1080-pixel screen).
    """
    large = presentation or slide
    base = 22 if slide else (18 if presentation else 13)
    lines = [*notes, labels.SOURCE_NOTE]
    offset = 60 + (14 if large else 0) + (10 if slide else 0)  # below tick labels and the axis title
    note_height = int(len(lines) * (base - 1) * 1.5)
    bottom = offset + note_height + 10
    total = SLIDE_HEIGHT if slide else max(height + note_height, PRESENT_HEIGHT if presentation else 0)
    layout = {
        "template": _template(),
        "font": {"family": FONT, "size": base},
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": base + 6}},
        "margin": {"l": 20, "r": 40, "t": 80 + (10 if large else 0) + (20 if slide else 0), "b": bottom},
        "height": total,
        "showlegend": showlegend,
        "separators": ".,",
    }
    if slide:
        layout["width"] = SLIDE_WIDTH
    note = {
        "text": "<br>".join(lines),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "yshift": -offset,
        "showarrow": False,
        "align": "left",
        "font": {"size": base - 1, "color": "#555555"},
    }
    return layout, note


def _mark_note(rows: pd.DataFrame) -> list[str]:
    """The legend of marks, only when a mark is on the chart."""
    marked = (rows["qualifier"] != "exact").any() or (rows["method"] == "manual").any()
    return [labels.MARK_LEGEND] if marked else []


# ---------------------------------------------------------------- 横向对比


def compare_bar(
    rows: pd.DataFrame,
    *,
    name: str,
    unit: str,
    year: int,
    presentation: bool = False,
    highlight: Sequence[str] = (),
    references: Sequence[tuple[str, float]] = (),
    slide: bool = False,
) -> go.Figure:
    """Sorted horizontal bars (largest on top), rank in the label, value labels, average line.

    `rows`: one indicator, one year, one row per jurisdiction (tidy columns). Bars share one
    colour; `highlight` (adcodes) get their own stable colour and the rest are muted. ≥ ≈ ≤
    values are hatched (with a legend entry each). `references`: (label, value) lines such as
    the national or provincial value. `slide`: 1920×1080 with the bar thickness fitted.
    """
    data = frames.with_labels(rows, compact=True, start=numfmt.compact_start(rows["value"]))
    data = data.sort_values(["value", "adcode"], ascending=[False, True]).reset_index(drop=True)
    data["rank"] = data["value"].rank(method="min", ascending=False).astype(int)
    categories = [f"{r}. {j}" for r, j in zip(data["rank"], data["jurisdiction"], strict=True)]
    if len(set(categories)) < len(categories):  # equal rank and name: two places share a name
        categories = [f"{c}({p})" for c, p in zip(categories, data["province"], strict=True)]
    bar = go.Bar(
        x=data["value"].to_numpy(),
        y=categories,
        orientation="h",
        text=data["label"].tolist(),
        textposition="outside",
        cliponaxis=False,
        constraintext="none",
        marker=_bar_marker(data, highlight),
        showlegend=False,
        customdata=list(
            zip(
                [_hover_value(r) for r in data.itertuples(index=False)],
                data["level"].map(labels.LEVELS),
                data["province"],
                data["method"].map(labels.METHODS),
                strict=True,
            )
        ),
        hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]} · %{customdata[2]}<br>%{customdata[3]}"
        "<extra></extra>",
    )
    notes = [*_level_note(data, unit), *_mark_note(data), *verification.legend(data)]
    keys = _pattern_keys(data)
    height = 160 + (34 if presentation else 26) * max(len(data), 3) + 20 * len(notes)
    title = chart_title(name, unit, [year], "各地区横向对比")
    # Built in one go (not add_vline/update_* one by one): each of those re-validates the figure.
    layout, note = _style_layout(title, presentation, notes, height, showlegend=bool(keys), slide=slide)
    grid = {"showgrid": False} if presentation or slide else {}
    top = _headroom(pd.concat([data["value"], pd.Series([v for _, v in references], dtype=float)]))
    layout["yaxis"] = {"autorange": "reversed", "type": "category", **grid}
    layout["xaxis"] = {
        "title": {"text": f"{name}({unit})"},
        "rangemode": "tozero",
        "range": [0, top],
        **numfmt.axis_props(top, unit),
        **grid,
    }
    layout["bargap"] = _bargap(len(data), layout)
    layout["legend"] = {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"}
    shapes, annotations = _average_line(data["value"], unit)
    ref_shapes, ref_annotations = _reference_lines(references, unit)
    layout["shapes"] = [*shapes, *ref_shapes]
    layout["annotations"] = [*annotations, *ref_annotations, note]
    return _figure([bar, *_pattern_legend(keys)], layout)


def _bar_marker(data: pd.DataFrame, highlight: Sequence[str]) -> dict:
    """One colour for all bars, or highlighted places in their own colour over muted others; hatches for marks."""
    chosen = set(highlight) & set(data["adcode"])
    colours = [color_for(a) if a in chosen else (MUTED if chosen else ONE_COLOUR) for a in data["adcode"]]
    shapes = [PATTERNS.get(q, "") for q in data["qualifier"]]
    marker: dict = {"color": colours, "line": {"color": colours, "width": 1}, "opacity": verification.bar_opacity(data)}
    if any(shapes):
        marker["pattern"] = {"shape": shapes, "fillmode": "overlay", "fgcolor": "#FFFFFF", "size": 8, "solidity": 0.45}
    return marker


def _pattern_keys(data: pd.DataFrame) -> list[str]:
    present = set(data["qualifier"])
    return [q for q in PATTERNS if q in present]


def _pattern_legend(keys: Sequence[str]) -> list[go.Bar]:
    """Legend-only entries explaining each hatch on the chart (no data of their own)."""
    return [
        go.Bar(
            x=[None],
            y=[None],
            orientation="h",
            name=PATTERN_NAMES[q],
            showlegend=True,
            hoverinfo="skip",
            marker={
                "color": ONE_COLOUR,
                "pattern": {"shape": PATTERNS[q], "fillmode": "overlay", "fgcolor": "#FFFFFF", "solidity": 0.45},
            },
        )
        for q in keys
    ]


def _hover_value(row) -> str:
    """The tooltip's value: marks, 万/亿 and the full number ("≥145万户(1,450,000户)")."""
    return numfmt.detailed_label(row.value, row.unit, row.qualifier, row.method)


def _bargap(count: int, layout: dict) -> float:
    """The gap between bars so that none is thicker than MAX_BAR pixels (few places on a tall slide)."""
    margin = layout["margin"]
    plot = max(100, layout["height"] - margin["t"] - margin["b"])
    slot = plot / max(count, 1)
    return round(min(0.85, max(0.2, 1 - MAX_BAR / slot)), 3)


def _average_line(values: pd.Series, unit: str) -> tuple[list[dict], list[dict]]:
    """(shapes, annotations) of the dashed vertical line at the mean, labelled on top (as add_vline draws it)."""
    if values.empty:
        return [], []
    mean = float(values.mean())
    return _vline(mean, numfmt.mean_label(values.tolist(), unit), AVERAGE_COLOUR, "dash", 1.0, "bottom")


def _reference_lines(references: Sequence[tuple[str, float]], unit: str) -> tuple[list[dict], list[dict]]:
    """Dotted lines for reference values (全国, the province), labelled at the bottom of the plot."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    for label, value in references:
        s, a = _vline(float(value), f"{label} {numfmt.with_unit(value, unit)}", REFERENCE_COLOUR, "dot", 0.0, "bottom")
        shapes += s
        annotations += a
    return shapes, annotations


def _vline(x: float, text: str, colour: str, dash: str, y: float, anchor: str) -> tuple[list[dict], list[dict]]:
    line = {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": colour, "dash": dash, "width": 1.5},
    }
    label = {
        "text": text,
        "x": x,
        "xref": "x",
        "y": y,
        "yref": "y domain",
        "xanchor": "center",
        "yanchor": anchor,
        "showarrow": False,
        "font": {"color": colour},
    }
    return [line], [label]


def _headroom(values: pd.Series, factor: float = 1.25) -> float:
    """Axis end leaving room for the outside value labels."""
    top = float(values.max()) if not values.dropna().empty else 1.0
    return top * factor if top > 0 else 1.0


def _level_note(rows: pd.DataFrame, unit: str) -> list[str]:
    if not frames.counts_across_levels(rows, unit):
        return []
    levels = set(rows["level"].unique())
    present = "、".join(labels.LEVELS[lv] for lv in labels.LEVELS if lv in levels)
    return [f"注意:图中同时包含{present}地区。案件数、户数随辖区规模而不同,区县与地市、省份不宜直接比高低。"]


# ---------------------------------------------------------------- 年度趋势


def trend_lines(
    rows: pd.DataFrame,
    *,
    name: str,
    unit: str,
    presentation: bool = False,
    references: Sequence[tuple[str, pd.DataFrame]] = (),
    slide: bool = False,
) -> go.Figure:
    """One line with markers per jurisdiction over a categorical year axis.

    Every year between the first and last shown is on the axis; a jurisdiction's missing year is
    None (a gap in its solid line), never zero, and a thin dotted line of the same colour bridges
    the gap so the eye can follow the place (the note says so). `references`: (label, rows of one
    place) drawn as grey dashed lines, e.g. the national value.
    """
    years = _year_axis([*rows["year"], *(y for _, r in references for y in r["year"])])
    x = [str(y) for y in years]
    traces: list[dict] = []
    show_text = presentation or slide or rows["adcode"].nunique() <= 4
    bridges: list[dict] = []
    start = numfmt.compact_start(rows["value"])
    for adcode, group in frames.with_labels(rows, compact=True, start=start).groupby("adcode", sort=True):
        by_year = group.set_index("year")
        values = [_or_none(by_year["value"].get(y)) for y in years]
        texts = [by_year["label"].get(y, "") for y in years]
        checked = verification.verified(by_year)
        symbols = [verification.marker_symbol(checked.get(y, True)) for y in years]  # open: unverified
        hover = [_hover_value(r) for r in group.itertuples(index=False)]
        hover_by_year = dict(zip(group["year"], hover, strict=True))
        colour = color_for(adcode)
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": values,
                "cliponaxis": False,
                "mode": "lines+markers+text" if show_text else "lines+markers",
                "name": str(group["jurisdiction"].iloc[0]),
                "text": texts,
                "customdata": [hover_by_year.get(y, "") for y in years],
                "textposition": "top center",
                "connectgaps": False,
                "line": {"color": colour, "width": 3 if presentation or slide else 2},
                "marker": {"size": 10 if presentation or slide else 7, "symbol": symbols, "line": {"width": 2}},
                "hovertemplate": "%{fullData.name} %{x}年<br>%{customdata}<extra></extra>",
            }
        )
        bridge = _gap_bridge(years, values, colour)
        if bridge is not None:
            bridges.append(bridge)
    for label, ref in references:
        by_year = ref.set_index("year")["value"]
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": [_or_none(by_year.get(y)) for y in years],
                "mode": "lines+markers",
                "name": label,
                "connectgaps": True,
                "line": {"color": AVERAGE_COLOUR, "dash": "dash", "width": 1.5},
                "marker": {"size": 5},
                "hovertemplate": f"{label} %{{x}}年<br>%{{y}}<extra></extra>",
            }
        )
    traces += bridges
    top = _headroom(pd.Series([v for t in traces for v in t["y"] if v is not None], dtype=float), 1.15)
    title = chart_title(name, unit, years, "年度趋势")
    notes = [*_level_note(rows, unit), *_mark_note(rows), *verification.legend(rows)]
    if bridges:
        notes.append("点线连接中间缺少数据的年份(该年没有报告数值,不是零)")
    height = PRESENT_HEIGHT if presentation else 520
    # Built in one go (not add_trace/update_* one by one): each of those re-validates the figure.
    layout, note = _style_layout(title, presentation, notes, height, showlegend=True, slide=slide)
    grid = {"showgrid": False} if presentation or slide else {}
    layout["xaxis"] = {"type": "category", "categoryorder": "array", "categoryarray": x, **grid}
    layout["xaxis"]["title"] = {"text": "年份"}
    layout["yaxis"] = {
        "title": {"text": f"{name}({unit})"},
        "rangemode": "tozero",
        "range": [0, top],
        **numfmt.axis_props(top, unit),
        **grid,
    }
    layout["legend"] = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
    layout["margin"]["t"] += 36 if presentation or slide else 24  # the legend row sits between title and plot
    layout["annotations"] = [note]
    return _figure(traces, layout)


def _gap_bridge(years: Sequence[int], values: Sequence[float | None], colour: str) -> dict | None:
    """A dotted line over each run of missing years between two known values (None when there is no gap)."""
    known = [(str(y), v) for y, v in zip(years, values, strict=True) if v is not None]
    xs: list[str | None] = []
    ys: list[float | None] = []
    index = {str(y): i for i, y in enumerate(years)}
    for (x0, y0), (x1, y1) in zip(known, known[1:], strict=False):
        if index[x1] - index[x0] > 1:
            xs += [x0, x1, None]
            ys += [y0, y1, None]
    if not xs:
        return None
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "line": {"color": colour, "dash": "dot", "width": 1.5},
        "showlegend": False,
        "hoverinfo": "skip",
        "connectgaps": False,
    }


def _year_axis(years: Iterable[int]) -> list[int]:
    ys = sorted({int(y) for y in years})
    return list(range(ys[0], ys[-1] + 1)) if ys else []


def _or_none(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


# ---------------------------------------------------------------- 地区画像


def profile_grid(
    rows: pd.DataFrame,
    *,
    jurisdiction: str,
    order: Sequence[str] = (),
    presentation: bool = False,
    slide: bool = False,
) -> go.Figure:
    """Small multiples: one panel per indicator, bars per year with marked labels.

    Panels of the same unit share one scale (件 against 件, % against %), so bar heights compare
    across panels; the value labels carry the numbers.
    """
    present = set(rows["indicator"].unique())
    ids = [i for i in (order or frames.indicator_order(rows)) if i in present]
    years = _year_axis(rows["year"])
    cols = 2 if presentation else 3
    n_rows = max(1, math.ceil(len(ids) / cols))
    info = frames.TableIndex(rows).info
    titles = [f"{info(i)[0]}({info(i)[1]})" for i in ids]
    adcode = str(rows["adcode"].iloc[0]) if not rows.empty else ""
    labelled = frames.with_labels(rows, compact=True).rename(columns={"label": "short"})
    tops = rows.groupby("unit")["value"].max()
    x = [str(y) for y in years]
    traces = []
    cells = {
        (i, int(y)): (v, t, ok)
        for i, y, v, t, ok in zip(
            labelled["indicator"],
            labelled["year"],
            labelled["value"],
            labelled["short"],
            verification.verified(labelled),
            strict=True,
        )
    }
    empty = (None, "", True)
    for k, indicator in enumerate(ids):
        panel = [cells.get((indicator, y), empty) for y in years]
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": [_or_none(v) for v, _, _ in panel],
                "text": [t for _, t, _ in panel],
                "textposition": "outside",
                "cliponaxis": False,
                "constraintext": "none",
                "marker": {
                    "color": color_for(adcode),
                    "pattern": {"shape": [verification.pattern(ok) for _, _, ok in panel]},
                },
                "name": titles[k],
                "hovertemplate": "%{x}年 %{text}<extra></extra>",
                "xaxis": f"x{k + 1 if k else ''}",
                "yaxis": f"y{k + 1 if k else ''}",
            }
        )
    # one scale per unit, with room above the highest bar for its label
    ranges = [[0, _headroom(pd.Series([tops.get(info(i)[1], 1.0)]), 1.3)] for i in ids]
    layout = _grid_layout(n_rows, cols, titles, x, ranges)
    layout["bargap"] = 0.7 if len(years) <= 2 else 0.3  # one or two years: no slab-wide bars
    # Built as one dict, not with make_subplots and a call per panel: a tenth of the time, the same figure.
    fig = _figure(traces, layout)
    title = " · ".join(p for p in (jurisdiction, "各项指标", year_span(years)) if p)
    height = 140 + n_rows * (300 if presentation else 240)
    notes = [*_mark_note(rows), *verification.legend(rows), "同一单位的小图使用相同的纵轴刻度,可直接比较柱高"]
    return _style(fig, title, presentation, notes, height=height, slide=slide)


def _grid_layout(n_rows: int, cols: int, titles: Sequence[str], x: list[str], ranges: list[list[float]]) -> dict:
    """The axes and panel titles plotly's make_subplots lays out for an n_rows × cols grid (vertical
    spacing 0.2 / n_rows, horizontal 0.06), with category x axes and the panels' y ranges."""
    gap_x, gap_y = 0.06, 0.2 / n_rows
    width, height = (1 - gap_x * (cols - 1)) / cols, (1 - gap_y * (n_rows - 1)) / n_rows
    layout: dict = {"annotations": []}
    for k in range(n_rows * cols):
        row, col = divmod(k, cols)
        left, top = col * (width + gap_x), 1 - row * (height + gap_y)
        suffix = str(k + 1) if k else ""
        layout[f"xaxis{suffix}"] = {
            "anchor": f"y{suffix}",
            "domain": [left, min(1.0, left + width)],
            "type": "category",
            "categoryorder": "array",
            "categoryarray": x,
        }
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "domain": [max(0.0, top - height), top],
            "rangemode": "tozero",
            "showticklabels": False,
            **({"range": ranges[k]} if k < len(ranges) else {}),
        }
        if k < len(titles):
            layout["annotations"].append(
                {
                    "font": {"size": 16},
                    "showarrow": False,
                    "text": titles[k],
                    "x": left + width / 2,
                    "xanchor": "center",
                    "xref": "paper",
                    "y": top,
                    "yanchor": "bottom",
                    "yref": "paper",
                }
            )
    return layout


# ---------------------------------------------------------------- 数据覆盖


def coverage_heatmap(
    rows: pd.DataFrame | None,
    *,
    by: str = "year",
    presentation: bool = False,
    counts: pd.DataFrame | None = None,
    span: str | None = None,
) -> go.Figure:
    """Availability: places × years (number of indicators with a value) or × indicators (number of years).

    Every place of `rows`; or the places of `counts` (frames.coverage_counts of the whole table,
    some of its rows) with `span` the table's year span.
    """
    counts = frames.coverage_counts(rows, by) if counts is None else counts
    span = year_span(rows["year"]) if span is None else span
    matrix = counts.drop(columns=list(frames.COVERAGE_META)).set_index(counts["name"])
    if by == "year":
        what, hover = "各地区各年度已有指标个数", "%{y} %{x}年:%{z}个指标"
    else:
        what, hover = "各地区各指标已有年份数", "%{y} · %{x}:%{z}个年份"
    text = [[str(v) if v else "" for v in row] for row in matrix.to_numpy()]
    fig = _heatmap(matrix.to_numpy(), list(matrix.columns), list(matrix.index), text, hover, "个数")
    title = " · ".join(p for p in ("数据覆盖", what, span) if p)
    return _style(fig, title, presentation, ["灰色格子表示尚无数据(不是零)"], height=200 + 30 * len(matrix))


def coverage_provinces(table: pd.DataFrame, *, by: str = "year", span: str = "", presentation: bool = False):
    """frames.coverage_by_province as a heat map: per province and column, the share of its places with
    a value (colour) and "有数据的地区数/地区数" (text)."""
    shares = table.drop(columns="places").div(table["places"], axis=0)
    counts = table.drop(columns="places").to_numpy()
    text = [[f"{c}/{n}" for c in row] for row, n in zip(counts, table["places"], strict=True)]
    unit = "年" if by == "year" else ""
    hover = f"%{{y}} %{{x}}{unit}:%{{text}} 个地区有数据<extra></extra>"
    fig = _heatmap((shares * 100).round(0).to_numpy(), list(shares.columns), list(table.index), text, hover, "%")
    fig.update_traces(zmin=0, zmax=100)
    what = "各省份有数据的地区数(有数据/地区总数)" + ("·按年度" if by == "year" else "·按指标")
    title = " · ".join(p for p in ("数据覆盖", what, span) if p)
    notes = ["颜色表示有数据的地区所占比例;选择省份可查看其中各地区"]
    return _style(fig, title, presentation, notes, height=200 + 30 * len(table))


def _heatmap(z, x: list, y: list, text: list, hover: str, scale: str) -> go.Figure:
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            texttemplate="%{text}",
            text=text,
            colorscale=[[0, "#F2F2F2"], [0.001, "#DCE9F5"], [1, "#2F6BA8"]],
            hovertemplate=hover if hover.endswith("</extra>") else hover + "<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": scale}},
        )
    )
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(type="category", autorange="reversed")
    return fig
