"""Pure helpers for showing what a person has checked: the review queue's order and progress,
a value's context in its document, and the marks for unverified values in tables, charts and
exports.

Owns: the risk order of the 审核队列 (low confidence, conflicts, outliers first), progress per
document and per place-year ("南通市 2023年:12/14 已核实"), the sentences around a value's
evidence, the 仅显示已核实 filter, the † mark and 核实状态 column, and the chart marks (hatched
bars, open markers) with their legend line.
Must never: import streamlit, read files, or change a value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from app import labels
from app.frames import evidence_parts, joined, named

SENTENCE_END = re.compile(r"[。!?!?\n]")
TIER_ORDER = {"low": 0, "medium": 1, "": 1, "high": 2}
HATCH = "/"  # Plotly bar pattern of an unverified value
OPEN_MARKER, FULL_MARKER = "circle-open", "circle"
REFINED = 2000  # head of the queue ordered by the number's place in its sentence
UNVERIFIED_OPACITY = 0.45  # a 横向对比 bar not yet checked: pale (its hatches are the ≥/≈ marks)
LEGEND = f"浅色或斜纹柱、空心点、{labels.UNVERIFIED_MARK}:未经人工核实的数值 · 深色实心:已核实或已更正"


# ---------------------------------------------------------------- states


def verified(frame: pd.DataFrame) -> pd.Series:
    """True for the rows a person confirmed or corrected (tables without the column: none)."""
    if "review_state" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["review_state"].isin(labels.VERIFIED_STATES)


def only_verified(frame: pd.DataFrame, on: bool) -> pd.DataFrame:
    """The 仅显示已核实 switch: the checked rows when on, every row otherwise."""
    return frame[verified(frame)] if on else frame


def filter_record(frame: pd.DataFrame, on: bool) -> dict[str, str]:
    """The line an export's filter record gets saying which values it holds."""
    if on:
        return {"核实状态": "仅含已核实(含已更正)的数值"}
    unverified = int((~verified(frame)).sum())
    return {"核实状态": f"全部数值,其中 {unverified} 个未经人工核实(标 {labels.UNVERIFIED_MARK})"}


def state_column(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with review_state as 核实状态 words (未核实 / 已核实 / 已更正) and confidence as 高/中/低."""
    states = frame["review_state"] if "review_state" in frame.columns else pd.Series("unverified", index=frame.index)
    out = frame.assign(review_state=states.map(lambda s: labels.REVIEW_STATES.get(s, s)))
    if "confidence" in out.columns:
        out = out.assign(confidence=out["confidence"].map(lambda c: labels.CONFIDENCE.get(c, c)))
    return out


def wide_marks(wide: pd.DataFrame, rows: pd.DataFrame, column: str, name) -> pd.DataFrame:
    """A wide table's 说明 with "2021年†" for each unverified value of `rows` (by `column`)."""
    unverified = rows[~verified(rows)]
    if unverified.empty or "说明" not in wide.columns:
        return wide
    marks = joined(unverified["adcode"], named(unverified[column], name, labels.UNVERIFIED_MARK))
    extra = wide[labels.COLUMNS["adcode"]].map(marks).fillna("")
    pairs = zip(wide["说明"].tolist(), extra.tolist(), strict=True)
    notes = ["; ".join(p for p in (str(n), str(e)) if p) for n, e in pairs]
    return wide.assign(说明=notes)


def dagger(frame: pd.DataFrame, column: str = "label") -> pd.DataFrame:
    """`frame` with † after `column` of every unverified row (a table's mark)."""
    if column not in frame.columns:
        return frame
    marks = (~verified(frame)).map({True: labels.UNVERIFIED_MARK, False: ""})
    return frame.assign(**{column: frame[column].astype(str) + marks})


# ---------------------------------------------------------------- chart marks


def pattern(checked: bool) -> str:
    """A bar's pattern: a hatch for an unverified value, none for a checked one."""
    return "" if checked else HATCH


def marker_symbol(checked: bool) -> str:
    """A point's marker: open for an unverified value, full for a checked one."""
    return FULL_MARKER if checked else OPEN_MARKER


def bar_opacity(frame: pd.DataFrame) -> list[float]:
    """Per row of `frame`: full for a checked value, pale for an unverified one."""
    return [1.0 if v else UNVERIFIED_OPACITY for v in verified(frame)]


def bar_patterns(frame: pd.DataFrame) -> list[str]:
    """Per row of `frame`: `pattern`."""
    return [pattern(v) for v in verified(frame)]


def legend(frame: pd.DataFrame) -> list[str]:
    """The legend line, when an unverified value is on the chart."""
    return [LEGEND] if (~verified(frame)).any() else []


# ---------------------------------------------------------------- the queue


def queue(frame: pd.DataFrame) -> pd.DataFrame:
    """The unverified rows, riskiest first: low confidence, then conflicts, outliers, then by
    document and position (so a document's values are read in order)."""
    rows = frame[~verified(frame)]
    signals = rows["signals"].fillna("") if "signals" in rows.columns else pd.Series("", index=rows.index)
    tiers = rows["confidence"] if "confidence" in rows.columns else pd.Series("", index=rows.index)
    ranked = rows.assign(
        _tier=tiers.map(TIER_ORDER).fillna(1),
        _conflict=~signals.str.contains("conflict"),
        _outlier=~signals.str.contains("outlier"),
    )
    order = ["_tier", "_conflict", "_outlier", "source", "evidence_start"]
    ranked = ranked.sort_values([*order, "indicator"], kind="stable")
    # Within one sentence, values in the order they are written: worked out for the head of the
    # queue only (a regex per row), which is all an editor sees before the next rebuild.
    head = ranked.iloc[:REFINED]
    head = head.assign(
        _number=[len(evidence_parts(str(e), float(v))[0]) for e, v in zip(head["evidence"], head["value"], strict=True)]
    ).sort_values([*order, "_number"], kind="stable")
    merged = pd.concat([head.drop(columns="_number"), ranked.iloc[REFINED:]])
    return merged.drop(columns=["_tier", "_conflict", "_outlier"])


def progress(frame: pd.DataFrame, rejected: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Per group of `by`: values reviewed (confirmed, corrected, rejected) out of all extracted.

    `rejected` are the build's report rows of rejections in force (corrections_applied.csv,
    status rejected): those values left the table but were reviewed.
    """
    done = frame.assign(_done=verified(frame).astype(int), _all=1)
    if len(rejected):
        extra = rejected.assign(_done=1, _all=1)
        done = pd.concat([done, extra[[c for c in [*by, "_done", "_all"] if c in extra.columns]]], ignore_index=True)
    return done.groupby(list(by), dropna=False)[["_done", "_all"]].sum().reset_index()


def progress_text(place: str, year: int, done: int, total: int) -> str:
    """ "南通市 2023年:12/14 已核实"."""
    return f"{place} {int(year)}年:{done}/{total} 已核实"


def context(text: str, start: int, end: int, sentences: int = 2) -> tuple[str, str, str]:
    """(up to `sentences` sentences before, the span, up to `sentences` after) of text[start:end];
    blank lines are not sentences.

    ("", "", "") when the offsets do not fit the text (a changed file: the caller shows the
    stored evidence instead)."""
    if not (0 <= start < end <= len(text)):
        return "", "", ""
    cuts = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]
    whole_before = [a for a, b in pieces if b <= start][-sentences:] if sentences else []
    partial = [a for a, b in pieces if a < start < b]  # the evidence begins mid-sentence
    first = (whole_before or partial or [start])[0]
    whole_after = [b for a, b in pieces if a >= end][:sentences] if sentences else []
    last = whole_after[-1] if whole_after else max([end, *(b for a, b in pieces if a < end < b)])
    return text[first:start].strip("\n"), text[start:end], text[end:last].rstrip("\n")
