"""Review states: what editors decided about each value, read from the editors' log.

Owns: the four review states (未核实 unverified, 已核实 confirmed, 已更正 corrected, 已否决
rejected) and their Chinese names, the evidence hash a confirmation or rejection records, and
the decision, for one (jurisdiction, year, indicator), of the state in force given the log's
lines for it and the value the build now holds — including the fall back to 未核实, with the
reason, when a re-extraction changed the value or the evidence a reviewer saw.

Must never: read or write files (`corrections` owns the log), or change a value (`table`
applies corrections; this module only names the state).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.corrections import Correction

UNVERIFIED, CONFIRMED, CORRECTED, REJECTED = "unverified", "confirmed", "corrected", "rejected"
STATES = (UNVERIFIED, CONFIRMED, CORRECTED, REJECTED)
NAMES = {UNVERIFIED: "未核实", CONFIRMED: "已核实", CORRECTED: "已更正", REJECTED: "已否决"}
REVIEWED = (CONFIRMED, CORRECTED)  # values a person has checked and that stay in the table
SEEN_ACTIONS = ("confirm", "reject")  # lines that record the value and evidence they judged


@dataclass(frozen=True)
class State:
    """The review columns of one value."""

    state: str = UNVERIFIED
    by: str = ""
    at: str = ""
    note: str = ""


def evidence_hash(evidence: object) -> str:
    """A short digest of an evidence sentence (whitespace ignored): what a reviewer saw."""
    text = "".join(str(evidence or "").split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def still_seen(line: Correction, row: Mapping | None) -> bool:
    """Whether the value and evidence a confirm/reject line recorded are those of `row` now.

    Lines written by hand without a recorded value or hash match on what they do record
    (a bare `reject` matches any value, as it always did)."""
    if row is None:
        return False
    if line.value is not None and not math.isclose(float(row["value"]), line.value, rel_tol=0, abs_tol=1e-6):
        return False
    return not line.evidence_sha or line.evidence_sha == evidence_hash(row.get("evidence", ""))


def why_changed(line: Correction, row: Mapping | None, unit: str = "") -> str:
    """The Chinese reason a confirm/reject line no longer applies to `row`."""
    who = f"{line.who or '编辑'}于{line.when or '(时间未记录)'}"
    judged = "核实" if line.action == "confirm" else "否决"
    seen = "" if line.value is None else f"{line.value:g}{unit}"
    if row is None:
        return f"{who}{judged}的数值 {seen} 在重新提取后已不存在。"
    if line.value is not None and not math.isclose(float(row["value"]), line.value, rel_tol=0, abs_tol=1e-6):
        return f"{who}{judged}时数值为 {seen},重新提取后为 {float(row['value']):g}{unit},需重新核实。"
    return f"{who}{judged}后,该数值的原文依据已改变(重新提取),需重新核实。"


def state_of(lines: Sequence[Correction], row: Mapping | None, unit: str = "") -> State:
    """The review state of the value `row` (None: no value in the table) given its log lines in order.

    The last line decides: set -> corrected; confirm -> confirmed while the value and evidence
    are those it saw, else unverified with the reason; reject -> (the row is gone) or, when the
    value changed since, unverified with the reason; withdraw -> unverified.
    """
    if not lines:
        return State()
    last = lines[-1]
    if last.action == "set":
        return State(CORRECTED, last.who, last.when, last.reason)
    if last.action == "withdraw":
        return State(UNVERIFIED, "", "", f"{last.who or '编辑'}于{last.when or '(时间未记录)'}撤销了校正。")
    if last.action == "confirm" and still_seen(last, row):
        return State(CONFIRMED, last.who, last.when, last.reason)
    if last.action == "reject" and row is None:
        return State(REJECTED, last.who, last.when, last.reason)
    return State(UNVERIFIED, "", "", why_changed(last, row, unit))
