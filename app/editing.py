"""What the 校正数值 and 冲突审核 pages share: naming a place in a correction, reading the log, saving.

Owns: which jurisdiction string a new correction carries (the standard name, or the adcode when
two places in the table share that name), reading raw/corrections.csv through
`pipeline.corrections.read`, the status of each line in words (from the build's
corrections_applied.csv), and saving one correction: `pipeline.corrections.append`, then a rebuild.
Must never: write corrections.csv other than through `pipeline.corrections.append` (append-only:
the history stays readable), or apply a correction to the table itself (the build does).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from app import data, labels

MESSAGE_KEY = "editing.message"


def jurisdiction_key(frame: pd.DataFrame, adcode: str) -> str:
    """The name of `adcode` in `frame`, or the adcode itself when that name is not unique there."""
    places = frame[["adcode", "jurisdiction"]].drop_duplicates("adcode")
    name = places.loc[places["adcode"] == adcode, "jurisdiction"]
    if name.empty:
        return adcode
    return adcode if (places["jurisdiction"] == name.iloc[0]).sum() > 1 else str(name.iloc[0])


def known_indicators() -> list[str]:
    from pipeline import api

    return list(api.catalogue())


def read_log():
    """(corrections, problems) of raw/corrections.csv: every usable line in file order, and the others."""
    from pipeline import api

    return api.read_corrections(data.corrections_path())


def matches(correction, names: Iterable[str], year: int, indicator: str) -> bool:
    """Whether a log line is about this jurisdiction (name or adcode), year and indicator."""
    return correction.jurisdiction in set(names) and correction.year == year and correction.indicator == indicator


def line_statuses(found, applied: pd.DataFrame) -> dict[int, str]:
    """Line number -> what became of it, in words: the build's status, or why it has none."""
    reported = {}
    if not applied.empty and {"line", "status"} <= set(applied.columns):
        lines = pd.to_numeric(applied["line"], errors="coerce")
        reported = {int(n): str(s) for n, s in zip(lines, applied["status"], strict=True) if pd.notna(n)}
    last = {c.key: c.line for c in found}
    out = {}
    for c in found:
        if c.line in reported:
            out[c.line] = labels.CORRECTION_STATUSES.get(reported[c.line], reported[c.line])
        elif last[c.key] != c.line:
            out[c.line] = "已被后面的记录取代"
        elif c.action == "withdraw":
            out[c.line] = "已撤销(恢复提取值)"
        else:
            out[c.line] = "尚未生效(请重新生成数据表)"
    return out


def save(correction) -> None:
    """Append one line to corrections.csv, rebuild, and leave a message for the next run."""
    from pipeline import api

    line = api.append_correction(data.corrections_path(), correction)  # this save's own line, under a lock
    built = data.rebuild()
    what = labels.ACTIONS.get(correction.action, correction.action)
    st.session_state[MESSAGE_KEY] = f"已记录校正(第 {line} 行,{what})" + (
        ",数据表已重新生成。" if built else ",但重新生成数据表失败(原因见页面上方)。"
    )


def show_message() -> None:
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message:
        st.success(message)
