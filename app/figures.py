"""Pure figure builders: a slice of the tidy indicator table in, a self-explanatory Plotly Figure out.

Owns: every chart's look — Chinese title naming indicator, unit and year(s), the source note
drawn inside the figure (so a screenshot explains itself), value labels with ≥/≈/✎ marks, one
stable colour per jurisdiction, the 演示模式 style (bigger fonts, fewer gridlines), the chart
toolbar's high-resolution PNG settings, and server-side PNG rendering through kaleido.
Must never: import streamlit or read files; callers pass the rows to draw.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from app import frames, labels, verification

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
PNG_SCALE = 3


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
    """st.plotly_chart config: the toolbar's camera saves a PNG at PNG_SCALE× with a meaningful name."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": PNG_SCALE},
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    }


def to_png(fig: go.Figure, scale: int = 2) -> bytes:
    """Server-side PNG through kaleido (needs a local Chromium; raises if it cannot start)."""
    return fig.to_image(format="png", scale=scale, width=1200, height=max(600, int(fig.layout.height or 600)))


# ---------------------------------------------------------------- shared layout


def _style(fig: go.Figure, title: str, presentation: bool, notes: Sequence[str] = (), height: int = 520) -> go.Figure:
    """Title, fonts, source note inside the figure, margins; 演示模式 enlarges and thins."""
    layout, note = _style_layout(title, presentation, notes, height, showlegend=bool(fig.layout.showlegend))
    fig.update_layout(**layout)
    fig.add_annotation(**note)
    if presentation:
        fig.update_xaxes(showgrid=False)
        fig.update_yaxes(showgrid=False)
    return fig


def _style_layout(
    title: str, presentation: bool, notes: Sequence[str], height: int, showlegend: bool
) -> tuple[dict, dict]:
    """(layout properties, the source-note annotation) that `_style` applies, for building a figure in one go."""
    base = 18 if presentation else 13
    lines = [*notes, labels.SOURCE_NOTE]
    offset = 60 + (14 if presentation else 0)  # below tick labels and the axis title
    note_height = int(len(lines) * (base - 1) * 1.5)
    layout = {
        "template": "plotly_white",
        "font": {"family": FONT, "size": base},
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": base + 6}},
        "margin": {"l": 20, "r": 40, "t": 80 + (10 if presentation else 0), "b": offset + note_height + 10},
        "height": height + note_height,
        "showlegend": showlegend,
        "separators": ".,",
    }
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


def compare_bar(rows: pd.DataFrame, *, name: str, unit: str, year: int, presentation: bool = False) -> go.Figure:
    """Sorted horizontal bars (largest on top), rank in the label, value labels, average line.

    `rows`: one indicator, one year, one row per jurisdiction (tidy columns).
    """
    data = frames.with_labels(rows).sort_values(["value", "adcode"], ascending=[False, True]).reset_index(drop=True)
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
        marker_color=[color_for(a) for a in data["adcode"]],
        marker_pattern_shape=verification.bar_patterns(data),  # hatched: not yet checked by a person
        customdata=list(
            zip(
                data["label"],
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
    height = 160 + (34 if presentation else 26) * max(len(data), 3) + 20 * len(notes)
    title = chart_title(name, unit, [year], "各地区横向对比")
    # Built in one go (not add_vline/update_* one by one): each of those re-validates the figure.
    layout, note = _style_layout(title, presentation, notes, height, showlegend=False)
    grid = {"showgrid": False} if presentation else {}
    layout["yaxis"] = {"autorange": "reversed", "type": "category", **grid}
    layout["xaxis"] = {
        "title": {"text": f"{name}({unit})"},
        "rangemode": "tozero",
        "range": [0, _headroom(data["value"])],
        **grid,
    }
    shapes, annotations = _average_line(data["value"], unit)
    layout["shapes"], layout["annotations"] = shapes, [*annotations, note]
    return go.Figure(data=[bar], layout=layout)


def _average_line(values: pd.Series, unit: str) -> tuple[list[dict], list[dict]]:
    """(shapes, annotations) of the dashed vertical line at the mean, labelled on top (as add_vline draws it)."""
    if values.empty:
        return [], []
    mean = float(values.mean())
    line = {
        "type": "line",
        "x0": mean,
        "x1": mean,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": AVERAGE_COLOUR, "dash": "dash", "width": 1.5},
    }
    label = {
        "text": f"平均 {frames.fmt_number(round(mean, 2), unit)}{unit}",
        "x": mean,
        "xref": "x",
        "y": 1,
        "yref": "y domain",
        "xanchor": "center",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"color": AVERAGE_COLOUR},
    }
    return [line], [label]


def _headroom(values: pd.Series) -> float:
    """Axis end leaving room for the outside value labels."""
    top = float(values.max()) if not values.empty else 1.0
    return top * 1.25 if top > 0 else 1.0


def _level_note(rows: pd.DataFrame, unit: str) -> list[str]:
    if not frames.counts_across_levels(rows, unit):
        return []
    levels = set(rows["level"].unique())
    present = "、".join(labels.LEVELS[lv] for lv in labels.LEVELS if lv in levels)
    return [f"注意:图中同时包含{present}地区。案件数、户数随辖区规模而不同,区县与地市、省份不宜直接比高低。"]


# ---------------------------------------------------------------- 年度趋势


def trend_lines(rows: pd.DataFrame, *, name: str, unit: str, presentation: bool = False) -> go.Figure:
    """One line with markers per jurisdiction over a categorical year axis.

    Every year between the first and last shown is on the axis; a jurisdiction's missing year is
    None (a gap in its line), never zero.
    """
    years = _year_axis(rows["year"])
    fig = go.Figure()
    show_text = presentation or rows["adcode"].nunique() <= 4
    for adcode, group in frames.with_labels(rows).groupby("adcode", sort=True):
        by_year = group.set_index("year")
        values = [_or_none(by_year["value"].get(y)) for y in years]
        texts = [by_year["label"].get(y, "") for y in years]
        checked = verification.verified(by_year)
        symbols = [verification.marker_symbol(checked.get(y, True)) for y in years]  # open: unverified
        fig.add_trace(
            go.Scatter(
                x=[str(y) for y in years],
                y=values,
                cliponaxis=False,
                mode="lines+markers+text" if show_text else "lines+markers",
                name=str(group["jurisdiction"].iloc[0]),
                text=texts,
                textposition="top center",
                connectgaps=False,
                line={"color": color_for(adcode), "width": 3 if presentation else 2},
                marker={"size": 10 if presentation else 7, "symbol": symbols, "line": {"width": 2}},
                hovertemplate="%{fullData.name} %{x}年<br>%{text}<extra></extra>",
            )
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years], title_text="年份")
    fig.update_yaxes(title_text=f"{name}({unit})", rangemode="tozero")
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    title = chart_title(name, unit, years, "年度趋势")
    notes = [*_level_note(rows, unit), *_mark_note(rows), *verification.legend(rows)]
    return _style(fig, title, presentation, notes)


def _year_axis(years: Iterable[int]) -> list[int]:
    ys = sorted({int(y) for y in years})
    return list(range(ys[0], ys[-1] + 1)) if ys else []


def _or_none(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


# ---------------------------------------------------------------- 地区画像


def profile_grid(
    rows: pd.DataFrame, *, jurisdiction: str, order: Sequence[str] = (), presentation: bool = False
) -> go.Figure:
    """Small multiples: one panel per indicator, bars per year with marked labels, own y-axis each."""
    present = set(rows["indicator"].unique())
    ids = [i for i in (order or frames.indicator_order(rows)) if i in present]
    years = _year_axis(rows["year"])
    cols = 2 if presentation else 3
    n_rows = max(1, math.ceil(len(ids) / cols))
    info = frames.TableIndex(rows).info
    titles = [f"{info(i)[0]}({info(i)[1]})" for i in ids]
    fig = make_subplots(
        rows=n_rows,
        cols=cols,
        subplot_titles=titles,
        vertical_spacing=0.5 / max(n_rows, 1) * 0.4,
        horizontal_spacing=0.06,
    )
    adcode = str(rows["adcode"].iloc[0]) if not rows.empty else ""
    labelled = frames.with_labels(rows, compact=True).rename(columns={"label": "short"})
    for k, indicator in enumerate(ids):
        by_year = labelled[labelled["indicator"] == indicator].set_index("year")
        checked = verification.verified(by_year)
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in years],
                y=[_or_none(by_year["value"].get(y)) for y in years],
                text=[by_year["short"].get(y, "") for y in years],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                marker_color=color_for(adcode),
                marker_pattern_shape=[verification.pattern(checked.get(y, True)) for y in years],
                name=titles[k],
                hovertemplate="%{x}年 %{text}<extra></extra>",
            ),
            row=k // cols + 1,
            col=k % cols + 1,
        )
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[str(y) for y in years])
    fig.update_yaxes(rangemode="tozero", showticklabels=False)
    for axis in fig.layout:  # leave room above the highest bar for its label
        if axis.startswith("yaxis"):
            fig.layout[axis].update(autorangeoptions={"include": [0]})
    title = " · ".join(p for p in (jurisdiction, "各项指标", year_span(years)) if p)
    height = 140 + n_rows * (300 if presentation else 240)
    return _style(fig, title, presentation, [*_mark_note(rows), *verification.legend(rows)], height=height)


# ---------------------------------------------------------------- 数据覆盖


def coverage_heatmap(rows: pd.DataFrame, *, by: str = "year", presentation: bool = False) -> go.Figure:
    """Availability: jurisdictions × years (number of indicators with a value) or × indicators (number of years)."""
    rows = rows.assign(jurisdiction=rows["adcode"].map(_unique_names(rows)))
    if by == "year":
        columns = [str(y) for y in _year_axis(rows["year"])]
        counts = rows.assign(col=rows["year"].astype(int).astype(str)).groupby(["jurisdiction", "col"])["indicator"]
        what, hover = "各地区各年度已有指标个数", "%{y} %{x}年:%{z}个指标"
    else:
        order = frames.indicator_order(rows)
        info = frames.TableIndex(rows).info
        columns = [info(i)[0] for i in order]
        counts = rows.assign(col=rows["indicator_name"]).groupby(["jurisdiction", "col"])["year"]
        what, hover = "各地区各指标已有年份数", "%{y} · %{x}:%{z}个年份"
    matrix = counts.nunique().unstack("col").reindex(columns=columns).fillna(0).astype(int)
    matrix = matrix.loc[_place_order(rows)]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=list(matrix.columns),
            y=list(matrix.index),
            texttemplate="%{text}",
            text=[[str(v) if v else "" for v in row] for row in matrix.values],
            colorscale=[[0, "#F2F2F2"], [0.001, "#DCE9F5"], [1, "#2F6BA8"]],
            hovertemplate=hover + "<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "个数"}},
        )
    )
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(type="category", autorange="reversed")
    title = " · ".join(p for p in ("数据覆盖", what, year_span(rows["year"])) if p)
    height = 200 + 30 * len(matrix)
    return _style(fig, title, presentation, ["灰色格子表示尚无数据(不是零)"], height=height)


def _unique_names(rows: pd.DataFrame) -> dict[str, str]:
    """adcode -> name, with the province added where two places share a name (e.g. 朝阳区)."""
    places = rows.drop_duplicates("adcode")
    dup = places["jurisdiction"].duplicated(keep=False)
    names = places["jurisdiction"].where(~dup, places["jurisdiction"] + "(" + places["province"] + ")")
    return dict(zip(places["adcode"], names, strict=True))


def _place_order(rows: pd.DataFrame) -> list[str]:
    """Jurisdictions by adcode (provinces before their cities, as the code is hierarchical)."""
    return rows.drop_duplicates("jurisdiction").sort_values("adcode")["jurisdiction"].tolist()
