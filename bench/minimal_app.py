"""The baseline bench/bench_dashboard.py compares the dashboard against: load, pick, one bar chart.

It reads the processed folder exactly as the dashboard does (app.data.prepare -> the same
cached loader (st.cache_resource) keyed on file modification times), offers the same two filters (indicator
and year selectboxes, keys `compare.indicator` / `compare.year`), and draws one plain px.bar of
the 30 largest values of that indicator and year — as many bars as the dashboard's 横向对比
shows by default. Nothing else: no labels, ranking table, URL state or place filters.

    FAZHI_DATA_DIR=/some/processed streamlit run bench/minimal_app.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.express as px  # noqa: E402
import streamlit as st  # noqa: E402

from app import data  # noqa: E402

TOP = 30

dataset = data.prepare()
if dataset is not None:
    df = dataset.indicators
    indicator = st.selectbox("指标", sorted(df["indicator"].unique()), key="compare.indicator")
    rows = df[df["indicator"] == indicator]
    year = st.selectbox("年份", sorted(rows["year"].unique(), reverse=True), key="compare.year")
    shown = rows[rows["year"] == year].nlargest(TOP, "value")
    fig = px.bar(shown, x="value", y="jurisdiction", orientation="h", title=f"{indicator} {year}")
    st.plotly_chart(fig, key="compare.chart")
