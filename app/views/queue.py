"""审核队列: the unverified values, riskiest first, one at a time, each beside its evidence in context.

Owns: the queue's page — a value with the sentence it came from (its number highlighted), two
sentences either side and, on demand, the whole document with the span highlighted (escaped
plain text and <mark> only); confirm (y), reject (n) or correct it with one click or key, move
with j/k; confirm every `high` value of a document once its whole text was opened; progress per
document and per place-year. Each decision is one line of the editors' log, with the logged-in
account, the value and a hash of the evidence judged, then a rebuild.
Must never: write the log other than through `app.editing`, show report text other than
escaped, or be shown to anyone but a logged-in editor.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from app import auth, data, editing, frames, labels, verification
from app.data import Dataset
from app.views import common

POSITION = "queue.position"  # index of the shown value in the current queue
VIEWED = "queue.viewed"  # sources whose whole text this session opened
UPCOMING = 30  # rows of the overview table
KEYS_JS = """
<script>
// Installed by a function of the page's own realm (parent.Function), not this iframe's:
// Streamlit may replace the iframe on a rerun, and Chrome stops calling a listener that a
// removed frame registered.
const host = window.parent;
if (!host.__fazhiQueueKeys) {
  new host.Function(`
    window.__fazhiQueueKeys = function (event) {
      const target = event.target;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const names = {j: "queue-next", k: "queue-prev", y: "queue-confirm", n: "queue-reject"};
      const name = names[event.key];
      if (!name) return;
      const button = document.querySelector(".st-key-" + name + " button");
      if (button && !button.disabled) { event.preventDefault(); button.click(); }
    };
    document.addEventListener("keydown", window.__fazhiQueueKeys);
  `)();
}
</script>
"""


def render(dataset: Dataset | None, presentation: bool) -> None:
    st.header("审核队列")
    if not auth.editor_access("queue"):
        st.caption("审核队列供编辑逐条核实自动提取的数值,需要登录。")
        return
    editing.show_message()
    if dataset is None or dataset.indicators.empty:
        common.no_data("还没有数据表,没有需要核实的数值。")
        return
    df = dataset.indicators
    rejected = _rejected(dataset)
    _progress(df, rejected)
    pending = _document_filter(_ordered(dataset.folder, data.signature(Path(dataset.folder)), df))
    if pending.empty:
        common.no_data("这里的数值都已核实。")
        return
    position = min(max(int(st.session_state.get(POSITION, 0)), 0), len(pending) - 1)
    st.session_state[POSITION] = position
    row = pending.iloc[position]
    st.caption(f"第 {position + 1} / {len(pending)} 条 · 按风险排序(低置信度、冲突、异常值在前)")
    _moves(position, len(pending))
    _item(df, row)
    _decisions(df, row)
    _whole_document(df, row, pending)
    _upcoming(pending, position)
    _keys()
    st.caption("快捷键:j 下一条 · k 上一条 · y 确认 · n 否决(输入框中不生效)。")


def _keys() -> None:
    """The j/k/y/n listener: a same-origin iframe whose script clicks the page's buttons."""
    if hasattr(st, "iframe"):
        st.iframe(KEYS_JS, height=1)
    else:  # Streamlit before st.iframe
        components.html(KEYS_JS, height=0)


def _rejected(dataset: Dataset):
    """The build's report rows of rejections in force, keyed like the table (for progress)."""
    applied = dataset.corrections
    if applied.empty or "status" not in applied.columns:
        return applied
    rows = applied[applied["status"] == "rejected"].rename(columns={"extracted_source": "source"})
    return rows.assign(year=rows["year"].astype("Int64"))


@st.cache_resource(max_entries=2, show_spinner="正在排列审核队列…")
def _ordered(folder: str, files: data.Signature, _frame):
    """The queue of one built table (keyed on its files' names, times and sizes): sorted once, not per click."""
    return verification.queue(_frame)


def _document_filter(df):
    sources = sorted(df["source"].unique().tolist())
    choice = st.selectbox("报告文件", ["", *sources], key="queue.source", format_func=lambda s: s or "全部报告")
    return df if not choice else df[df["source"] == choice]


def _progress(df, rejected) -> None:
    places = verification.progress(df, rejected, ["adcode", "year"])
    names = dict(zip(df["adcode"], df["jurisdiction"], strict=True))
    lines = [
        verification.progress_text(names.get(a, a), y, d, n)
        for a, y, d, n in places[["adcode", "year", "_done", "_all"]].itertuples(index=False)
    ]
    with st.expander("核实进度", expanded=False):
        st.markdown("  \n".join(common.plain(line) for line in lines))
        documents = verification.progress(df, rejected, ["source"])
        for source, done, total in documents[["source", "_done", "_all"]].itertuples(index=False):
            st.caption(common.plain(f"{source}:{done}/{total} 已核实"))


def _moves(position: int, total: int) -> None:
    left, right, _ = st.columns([1, 1, 4])
    if left.button("上一条 (k)", key="queue.prev", disabled=position == 0):
        st.session_state[POSITION] = position - 1
        st.rerun()
    if right.button("下一条 (j)", key="queue.next", disabled=position >= total - 1):
        st.session_state[POSITION] = position + 1
        st.rerun()


def _item(df, row) -> None:
    from pipeline import api

    label = frames.fmt_value(row["value"], row["unit"], row["qualifier"], row["method"])
    with st.container(border=True):
        st.markdown(
            f"#### {common.plain(row['jurisdiction'])} · {int(row['year'])}年 · {common.plain(row['indicator_name'])}"
        )
        tier = labels.CONFIDENCE.get(str(row.get("confidence", "")), "未评估")
        st.markdown(f"**{common.plain(label)}** · 置信度:{tier} · {labels.METHODS.get(row['method'], row['method'])}")
        reasons = api.signal_labels(str(row.get("signals", "")))
        if reasons:
            st.caption("判断依据:" + common.plain("、".join(reasons)))
        if row.get("review_note"):
            st.warning(common.plain(row["review_note"]))
        st.markdown(_context_html(row), unsafe_allow_html=True)
        st.caption(f"来源:{common.plain(row['source'])}")


def _document(source: str) -> str:
    path = data.raw_dir() / source
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return ""
    return _cached_text(str(data.raw_dir()), source, stamp)


@st.cache_data(max_entries=16, show_spinner=False)
def _cached_text(raw: str, source: str, stamp: int) -> str:
    from pipeline import api

    return api.document_text(raw, source)


def _context_html(row) -> str:
    """The evidence (number in <mark>) with two sentences either side, all escaped."""
    text = _document(str(row["source"]))
    before, span, after = verification.context(text, int(row["evidence_start"]), int(row["evidence_end"]))
    if not span:
        return common.evidence_html(str(row["evidence"]), float(row["value"]))
    head, number, tail = frames.evidence_parts(span, float(row["value"]))
    marked = f"<mark>{common.safe_text(number)}</mark>" if number else ""
    return (
        '<div style="line-height:1.8;padding:0.6em 0.9em;border-left:4px solid #4E79A7;background:#F6F8FB">'
        f'<span style="color:#777">{common.safe_text(before)}</span>'
        f'<b style="font-size:1.1em">{common.safe_text(head)}{marked}{common.safe_text(tail)}</b>'
        f'<span style="color:#777">{common.safe_text(after)}</span></div>'
    )


def _decisions(df, row) -> None:
    confirm, reject, value, correct = st.columns([1, 1, 2, 1])
    if confirm.button("确认无误 (y)", key="queue.confirm", type="primary"):
        _save(df, row, "confirm", float(row["value"]))
    if reject.button("否决 (n)", key="queue.reject"):
        _save(df, row, "reject", float(row["value"]))
    new = value.number_input(
        "更正为",
        key="queue.value",
        value=None,
        min_value=0.0,
        step=1.0,
        label_visibility="collapsed",
        placeholder="更正为…",
    )
    if correct.button("更正", key="queue.correct", disabled=new is None):
        st.session_state.pop("queue.value", None)
        _save(df, row, "set", float(new), reason="审核队列更正")


def _correction(df, row, action: str, value: float, reason: str = ""):
    from pipeline import api

    return api.Correction(
        editing.jurisdiction_key(df, str(row["adcode"])),
        int(row["year"]),
        str(row["indicator"]),
        action,
        value,
        reason,
        auth.account(),
        evidence_sha=api.evidence_hash(str(row["evidence"])) if action != "set" else "",
    )


def _save(df, row, action: str, value: float, reason: str = "") -> None:
    editing.save(_correction(df, row, action, value, reason))
    st.rerun()


def _whole_document(df, row, pending) -> None:
    source = str(row["source"])
    viewed = st.session_state.setdefault(VIEWED, set())
    if not st.toggle("查看全文(原文位置已标出)", key="queue.full"):
        return
    viewed.add(source)
    text = _document(source)
    start, end = int(row["evidence_start"]), int(row["evidence_end"])
    if not text:
        common.no_data("无法读取这份报告的全文(文件可能已移走)。")
    else:
        fits = 0 <= start < end <= len(text)
        body = (
            f"{common.safe_text(text[:start])}<mark>{common.safe_text(text[start:end])}</mark>"
            f"{common.safe_text(text[end:])}"
            if fits
            else common.safe_text(text)
        )
        with st.container(height=420):
            st.markdown(f'<div style="line-height:1.8">{body}</div>', unsafe_allow_html=True)
    high = pending[(pending["source"] == source) & (pending["confidence"] == "high")]
    if (
        not high.empty
        and source in viewed
        and st.button(f"确认本文件全部高置信度数值({len(high)} 个)", key="queue.batch")
    ):
        entries = [_correction(df, r, "confirm", float(r["value"])) for _, r in high.iterrows()]
        editing.save_many(entries, f"{len(entries)} 条核实")
        st.rerun()


def _upcoming(pending, position: int) -> None:
    shown = pending.iloc[position : position + UPCOMING]
    table = frames.chinese(
        shown.assign(confidence=shown["confidence"].map(lambda c: labels.CONFIDENCE.get(c, c))),
        ("jurisdiction", "year", "indicator_name", "label", "confidence", "source"),
    )
    with st.expander(f"接下来的 {len(shown)} 条", expanded=False):
        st.dataframe(table, hide_index=True)
