"""The tidy indicator table: its columns, its schema, Facts -> rows, and the conflict rule.

Owns: the column lists and dtypes of every table the build writes (indicators, cumulative,
conflicts, documents), the pandera schemas they must pass before anything is written, the
turning of a document's Facts into rows, and the rule that keeps one value per
(adcode, year, indicator).

Must never: parse report text, read or write files, or call another stage. DataFrames appear
here and only here; every other stage speaks in `model` records.

Periods: only PERIOD_YEAR facts go into the indicator table. PERIOD_CUMULATIVE facts (running
totals such as "2016年以来共…") go to the separate cumulative table, which has the same columns
plus `period`, and are never mixed with single-year values.

Report year: `rows_for` adds a helper column `doc_year` (the year of the report a row came
from, i.e. its Location's year). `resolve` needs it for the primary-source rule, shows it as
`report_year` in the conflicts table, and drops it from the indicator table, whose columns are
exactly COLUMNS. (documents.csv maps every `source` to its report year.)

The conflict rule (RULE_TEXT): among rows sharing (adcode, year, indicator) with different
values, the one kept is decided by the first of these that separates them:
  1. method manual (a reviewed correction) beats everything extracted;
  2. a row from the year's own report (report year == row year) beats a later or earlier
     report mentioning that year in passing;
  3. the report's publication / issue date: the later-issued report wins (a reissued or
     corrected report supersedes) — only when every competing report has a known date;
  4. the issuer, read from the report's title: the people's government itself beats its
     rule-of-law committee office, which beats a department (司法局…) — only when all are known;
  5. the content rules: method reported > inferred > derived; qualifier exact beats
     at_least / approx / at_most;
  6. the later report year.
Never file order, file name or the position of the number in the text: when none of these
separates the best rows, no value is kept for the key and every alternative is listed in
conflicts.csv (chosen False) with a rule saying so, for an editor to settle. The helper
columns doc_published and doc_issuer (like doc_year) carry the report's date and issuer.
Rows with the same value (to 6 decimals) are not a conflict: the best-ranked one is kept
and no conflict row is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pipeline import catalogue, confidence, review
from pipeline.corrections import FILE_NAME as CORRECTIONS_SOURCE
from pipeline.corrections import Correction, Problem
from pipeline.model import (
    LEVELS,
    METHODS,
    PERIOD_CUMULATIVE,
    PERIOD_YEAR,
    QUALIFIERS,
    Document,
    Fact,
    Location,
    Place,
)
from pipeline.numbers import rounding_step

if TYPE_CHECKING:
    import pandera.pandas as pa

COLUMNS: tuple[str, ...] = (
    "jurisdiction",
    "adcode",
    "level",
    "province",
    "parent",
    "year",
    "indicator",
    "indicator_name",
    "family",
    "value",
    "unit",
    "qualifier",
    "method",
    "source",
    "evidence",
    "evidence_start",
    "evidence_end",
    "note",
    "confidence",
    "signals",
    "review_state",
    "reviewed_by",
    "reviewed_at",
    "review_note",
)
REVIEW_COLUMNS: tuple[str, ...] = ("review_state", "reviewed_by", "reviewed_at", "review_note")
KEY: tuple[str, ...] = ("adcode", "year", "indicator")
DOC_YEAR = "doc_year"
DOC_PUBLISHED = "doc_published"  # ISO date of the report or ""
DOC_ISSUER = "doc_issuer"  # ISSUERS key read from the report's title, or ""
HELPERS: tuple[str, ...] = (DOC_YEAR, DOC_PUBLISHED, DOC_ISSUER)
# Who issued a report, best first, with the title words that say so.
ISSUERS: dict[str, tuple[str, re.Pattern[str]]] = {
    "government": ("人民政府", re.compile(r"人民政府|政府办公(?:厅|室)")),
    "committee": (
        "依法治理委员会(办公室)",
        re.compile(r"依法治[省市县区州盟旗]?委员会|依法治[省市县区]?办|法治建设委员会|法治办"),
    ),
    "department": ("政府部门", re.compile(r"[^\s]{1,12}?(?:局|厅|委员会|办公室)(?:关于|\d|二|年|$)")),
}
CUMULATIVE_COLUMNS: tuple[str, ...] = (*COLUMNS, "period")
CONFLICT_COLUMNS: tuple[str, ...] = (
    "jurisdiction",
    "adcode",
    "year",
    "indicator",
    "indicator_name",
    "value",
    "qualifier",
    "method",
    "source",
    "report_year",
    "evidence",
    "chosen",
    "rule",
)
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "source",
    "kind",
    "sha256",
    "status",
    "message",
    "jurisdiction",
    "adcode",
    "level",
    "province",
    "year",
    "title",
    "published",
    "ocr_pages",
    "values",
)
PERIODS = (PERIOD_YEAR, PERIOD_CUMULATIVE)
CORRECTION_STATUSES = ("applied", "added", "rejected", "unmatched", "invalid")
CORRECTION_COLUMNS: tuple[str, ...] = (
    "line",
    "jurisdiction",
    "adcode",
    "year",
    "indicator",
    "action",
    "value",
    "reason",
    "who",
    "when",
    "status",
    "message",
    "extracted_value",
    "extracted_source",
    "extracted_evidence",
)

_INT_COLUMNS = {
    "year": "Int64",
    "report_year": "Int64",
    DOC_YEAR: "Int64",
    "line": "int64",
    "evidence_start": "int64",
    "evidence_end": "int64",
    "values": "int64",
    "ocr_pages": "int64",
}
_FLOAT_COLUMNS = {"value": "float64", "extracted_value": "float64"}
_BOOL_COLUMNS = {"chosen": "bool"}
# The columns of indicators.csv that hold text (everything but numbers and flags).
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in {*_INT_COLUMNS, *_FLOAT_COLUMNS, *_BOOL_COLUMNS})

RULE_TEXT = (
    "同一地区、年份、指标有多个不同数值时,依次按以下规则取一个:"
    "人工校正值优先;同一数字的取整写法(如“4.37万件”与“43688件”)采用完整写出的数值;"
    "该年度本身的报告优先于其他年度报告中顺带提及的数值;"
    "发布日期较晚的报告优先(各报告均有发布日期时);人民政府发布的报告优先于法治建设委员会办公室,"
    "再优先于政府部门(各报告均能识别发布机关时);原文报告值优先于推断值,推断值优先于计算值;"
    "确切数值优先于约数、下限或上限;较新年度的报告优先。"
    "从不按文件顺序、文件名或数字在文中的位置取舍:以上规则都无法区分时不采用任何一个数值,留待人工审核。"
    "数值相同的不算冲突。"
)

_METHOD_RANK = {"manual": 0, "reported": 1, "inferred": 2, "derived": 3}
_METHOD_LABEL = {"manual": "人工校正值", "reported": "原文报告值", "inferred": "推断值", "derived": "计算值"}
_QUALIFIER_LABEL = {
    "exact": "确切数值",
    "at_least": "下限数值(超过/以上)",
    "approx": "约数",
    "at_most": "上限数值",
}


class SchemaViolation(ValueError):
    """A table does not match its schema; the message names the table, column and rows."""


# ---------------------------------------------------------------- Facts -> rows


def rows_for(doc: Document, loc: Location, facts: Sequence[Fact]) -> list[dict]:
    """One row (a dict of CUMULATIVE_COLUMNS + doc_year) per Fact of a located document.

    No rows when the document has no place. A Fact whose year is unknown (no year in its
    sentence and none for the document) is left out: it cannot be given a year.
    """
    if loc.place is None:
        return []
    # what every row of the document shares, made once per document (a build makes ~25,000 rows)
    shared = {
        **_place_columns(loc.place),
        "source": doc.source,
        **_UNREVIEWED,
        DOC_YEAR: loc.year,
        DOC_PUBLISHED: loc.published or "",
        DOC_ISSUER: issuer(loc.title),
    }
    described = _described(catalogue.indicators())
    return [_row(shared, loc.year, fact, described) for fact in facts if (fact.year or loc.year) is not None]


def _place_columns(place: Place) -> dict[str, str]:
    return {
        "jurisdiction": place.name,
        "adcode": place.adcode,
        "level": place.level,
        "province": place.province,
        "parent": place.parent,
    }


def _row(shared: Mapping[str, object], year: int | None, fact: Fact, described: Mapping[str, tuple]) -> dict:
    name, family, unit = described.get(fact.indicator, _UNDESCRIBED)
    return {
        **shared,
        "year": fact.year or year,
        "indicator": fact.indicator,
        "indicator_name": name,
        "family": family,
        "value": float(fact.value),
        "unit": unit,
        "qualifier": fact.qualifier,
        "method": fact.method,
        "evidence": fact.evidence,
        "evidence_start": fact.start,
        "evidence_end": fact.end,
        "note": fact.note,
        "confidence": _tier(fact.signals),
        "signals": _joined(fact.signals),
        "period": fact.period,
    }


_UNDESCRIBED = ("", "", "")  # an indicator missing from the catalogue (the schema then refuses the row)
_DESCRIBED: list = [None, {}]  # the catalogue last described, and its descriptions


def _described(entries: Mapping[str, dict]) -> dict[str, tuple]:
    """Each catalogued indicator's (name, family, unit), worked out again only when the catalogue in
    force is another one (tests swap rule sets; a build pins one)."""
    if _DESCRIBED[0] is not entries:
        described = {i: (e.get("name", ""), e.get("family", ""), e.get("unit", "")) for i, e in entries.items()}
        _DESCRIBED[:] = [entries, described]
    return _DESCRIBED[1]


_UNREVIEWED = {"review_state": review.UNVERIFIED, "reviewed_by": "", "reviewed_at": "", "review_note": ""}


def issuer(title: str) -> str:
    """The ISSUERS key of the body a report's title names as its author ("" when it names none)."""
    for key, (_, pattern) in ISSUERS.items():
        if pattern.search(title or ""):
            return key
    return ""


def plausible(rows: Iterable[dict]) -> tuple[list[dict], list[dict]]:
    """(rows whose value lies in its indicator's catalogue range, the others).

    A value outside the range is far likelier a misread than a fact (a wrong number is worse
    than a missing one), so the build drops it with a log line instead of failing the schema.
    """
    kept, dropped = [], []
    entries = catalogue.indicators()
    for row in rows:
        low, high = entries.get(row["indicator"], {}).get("range", [None, None])
        inside = (low is None or row["value"] >= low) and (high is None or row["value"] <= high)
        (kept if inside else dropped).append(row)
    return kept, dropped


def frames(rows: Iterable[Mapping]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into (single-year frame with COLUMNS + doc_year, cumulative frame).

    Every row whose period is not PERIOD_YEAR goes to the cumulative frame (whose schema
    then rejects an unknown period), so nothing but single-year figures can reach `resolve`.
    """
    single, cumulative = [], []
    for row in rows:
        (single if row["period"] == PERIOD_YEAR else cumulative).append(row)
    cum = _typed(cumulative, CUMULATIVE_COLUMNS).drop_duplicates(ignore_index=True)
    return _typed(single, (*COLUMNS, *HELPERS)), _sort(cum)


def _typed(records: Sequence[Mapping], columns: Sequence[str]) -> pd.DataFrame:
    """A frame of exactly `columns` with the table dtypes (also when there are no records)."""
    frame = pd.DataFrame.from_records(list(records), columns=list(columns))
    return frame.astype({c: t for c, t in _dtypes().items() if c in frame.columns})


@cache
def _dtypes() -> dict[str, str]:
    text = {
        c: "str" for c in (*CUMULATIVE_COLUMNS, *CONFLICT_COLUMNS, *DOCUMENT_COLUMNS, *CORRECTION_COLUMNS, *HELPERS[1:])
    }
    return {**text, **_INT_COLUMNS, **_FLOAT_COLUMNS, **_BOOL_COLUMNS}


def _sort(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows by adcode, year and catalogue order of the indicator, then source."""
    return frame.take(_sort_positions(frame)).reset_index(drop=True)


def _sort_positions(frame: pd.DataFrame) -> np.ndarray:
    """The positions of `frame`'s rows in `_sort`'s order (sorted on the four columns it needs: a
    sort of the whole frame moved every text column)."""
    order = {ind: i for i, ind in enumerate(catalogue.indicators())}
    keys = frame[["adcode", "year", "indicator", "source"]].reset_index(drop=True)
    keys = keys.assign(_order=keys["indicator"].map(order).fillna(len(order)))
    return keys.sort_values(["adcode", "year", "_order", "source"], kind="stable").index.to_numpy()


# ---------------------------------------------------------------- the conflict rule


def resolve(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(one row per KEY with exactly COLUMNS, conflicts) from a single-year frame with the helper columns.

    The kept row is the best by RULE_TEXT (see the module docstring). `conflicts` lists every
    row of each key that has more than one distinct value, with `chosen` and a Chinese `rule`
    saying why the chosen row beat that alternative (for the chosen row: beat the runner-up).
    A key whose best two distinct values no rule separates keeps no row (all alternatives unchosen).
    """
    # Sorted by positions on a narrow frame (key, ranks, source), and every column of the wide one
    # taken once at the end: each sort or filter of the whole frame moved all of its text columns.
    ranked = _ranked(frame)
    narrow = ranked[[*KEY, *_CRITERIA, "_v", "_distinct", "source"]].reset_index(drop=True)
    narrow = narrow.sort_values([*KEY, *_CRITERIA, "_v"], kind="stable")
    conflicts, undecided = _conflicts(ranked.take(narrow.index[narrow["_distinct"] > 1]))
    best = narrow.drop_duplicates(list(KEY), keep="first")
    if undecided:
        keys = pd.MultiIndex.from_frame(best[list(KEY)])
        best = best[~keys.isin(list(undecided))]
    kept = best.index[_sort_positions(best)]
    return frame[list(COLUMNS)].take(kept).reset_index(drop=True), conflicts


_CRITERIA = ("_manual", "_rounded", "_primary", "_published", "_issuer", "_method", "_inexact", "_later")
_ISSUER_RANK = {key: i for i, key in enumerate(ISSUERS)}


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with rank columns (lower is better) and `_distinct` (distinct values of the row's key), in its order."""
    doc_year = frame[DOC_YEAR]
    published = _helper(frame, DOC_PUBLISHED)
    issuers = _helper(frame, DOC_ISSUER)
    ranks = {
        "_manual": (frame["method"] != "manual").astype(int),
        "_primary": (doc_year != frame["year"]).fillna(True).astype(int),
        # dates and issuers decide only where every competing report has one (unknown is no evidence)
        "_published": _when_all_known(frame, published, lambda s: -_date_number(s)),
        "_issuer": _when_all_known(frame, issuers, lambda s: s.map(_ISSUER_RANK)),
        "_method": frame["method"].map(_METHOD_RANK).fillna(len(_METHOD_RANK)).astype(int),
        "_inexact": (frame["qualifier"] != "exact").astype(int),
        "_later": -doc_year.fillna(0).astype("int64"),
        "_v": frame["value"].round(6),
    }
    ranked = frame.assign(**ranks)
    ranked = ranked.assign(_distinct=ranked.groupby(list(KEY), dropna=False)["_v"].transform("nunique"))
    # (resolve sorts them by KEY, _CRITERIA and last the value, only so that equal rows group together:
    # the value never decides, see _conflicts)
    return ranked.assign(_rounded=_rounded_repeats(ranked))


MIN_ROUNDED_DIGITS_VALUE = 100  # a rounded figure keeps three significant digits: value ≥ 100 steps


def _rounded_repeats(ranked: pd.DataFrame) -> pd.Series:
    """1 for an exact value written rounded ('4.37万件', 43700) where another report of its key writes the
    same figure in full ('43688件'): one figure, not a conflict, and the full one is kept; else 0."""
    out = pd.Series(0, index=ranked.index, dtype="int64")
    candidates = ranked[(ranked["_distinct"] > 1) & (ranked["qualifier"] == "exact")]
    rounded = [index for group in _key_groups(candidates) for index in _rounded_in(group)]
    out[rounded] = 1
    return out


def _key_groups(frame: pd.DataFrame) -> list[list[tuple]]:
    """(index, value, rounding step) of `frame`'s rows, grouped by KEY in row order: plain lists, not a
    frame per group (a groupby slicing ~2,000 small frames was a third of a 2,000-report table stage)."""
    groups: dict[tuple, list[tuple]] = {}
    columns = [list(frame[c]) for c in (*KEY, "value", "note")]
    for index, *key, value, note in zip(frame.index, *columns, strict=True):
        groups.setdefault(tuple(key), []).append((index, value, rounding_step(value, str(note))))
    return list(groups.values())


def _rounded_in(group: Sequence[tuple]) -> list:
    """The indices of `group`'s values that are another value of the group written rounded."""
    found = []
    for index, value, step in group:
        # three written digits at least ('4.37万'): '1万' beside 7186 is no rounding of it
        if 1 < step <= abs(value) / MIN_ROUNDED_DIGITS_VALUE and any(
            step > other_step and 0 < abs(other - value) <= step / 2 for _, other, other_step in group
        ):
            found.append(index)
    return found


def _helper(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:  # rows made before the column existed (e.g. a cache): unknown
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str)


def _when_all_known(frame: pd.DataFrame, values: pd.Series, rank) -> pd.Series:
    """`rank(values)` where every row of the key has a value, else 0 (the criterion does not decide)."""
    known = values != ""
    all_known = known.groupby([frame[k] for k in KEY], dropna=False).transform("all")
    out = pd.Series(0, index=frame.index, dtype="int64")
    if all_known.any():
        out[all_known] = rank(values[all_known]).astype("int64")
    return out


def _date_number(dates: pd.Series) -> pd.Series:
    """ "2023-03-15" -> 20230315 (ISO dates sort as numbers)."""
    return pd.to_numeric(dates.str.replace("-", "", regex=False).str[:8], errors="coerce").fillna(0)


def _conflicts(alternatives: pd.DataFrame) -> tuple[pd.DataFrame, set[tuple]]:
    """(every row of the conflicting keys in `alternatives`, the keys no rule decides)."""
    groups: dict[tuple, list[dict]] = {}
    for row in _records(alternatives):  # one conversion: per-group frames are slow
        groups.setdefault(tuple(row[k] for k in KEY), []).append(row)
    records = []
    undecided: set[tuple] = set()
    for key, rows in groups.items():
        winner = rows[0]
        runner_up = next(r for r in rows[1:] if r["_v"] != winner["_v"])
        reason = _why(winner, runner_up)
        if reason is None:
            undecided.add(key)
            text = _undecided(winner, runner_up)
            records.extend(_conflict_record(row, False, text) for row in rows)
            continue
        records.append(_conflict_record(winner, True, reason))
        records.extend(_conflict_record(row, False, _why(winner, row) or reason) for row in rows[1:])
    return _typed(records, CONFLICT_COLUMNS), undecided


def _records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")`, read column by column: the same values (pandas' own boxing, the
    text columns' missing value), without a Python call per Arrow cell (at 10,000 reports the
    conflicting rows took a second that way). Falls back to to_dict if pandas' insides change."""
    try:
        from pandas.core.dtypes.cast import maybe_box_native

        columns = [_column_values(frame.iloc[:, k], maybe_box_native) for k in range(frame.shape[1])]
    except (ImportError, AttributeError, TypeError):
        return frame.to_dict("records")
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _column_values(column: pd.Series, box: Callable[[object], object]) -> list:
    chunked = getattr(column.array, "_pa_array", None)  # an Arrow-backed column (text)
    if chunked is not None and (pa_types := _arrow_types()) and not pa_types.is_temporal(chunked.type):
        missing = column.dtype.na_value
        return [missing if value is None else value for value in chunked.to_pylist()]
    return [box(value) for value in column]


def _arrow_types():  # noqa: ANN202 - pyarrow.types, imported with pandas' Arrow columns
    import pyarrow.types

    return pyarrow.types


def _conflict_record(row: Mapping, chosen: bool, rule: str) -> dict:
    return {
        **{c: row[c] for c in CONFLICT_COLUMNS if c in row},
        "report_year": row[DOC_YEAR],
        "chosen": chosen,
        "rule": rule,
    }


def _why(winner: Mapping, other: Mapping) -> str | None:
    """The Chinese sentence for the first criterion on which `winner` beats `other` (None: none does)."""
    if winner["_v"] == other["_v"]:
        return "数值与选中值相同"
    for criterion in _CRITERIA:
        if winner[criterion] != other[criterion]:
            return _REASONS[criterion](winner, other)
    return None


def _undecided(winner: Mapping, other: Mapping) -> str:
    if winner["source"] == other["source"]:
        return "同一份报告对此给出了不同数值,按规则无法取舍,暂不采用任何一个;请在“冲突审核”中核对原文后选定。"
    return (
        "这些报告的年度、发布日期、发布机关和数值性质都无法区分,暂不采用任何一个数值"
        "(不按文件顺序或数字位置取舍);请在“冲突审核”中核对原文后选定。"
    )


def _year(value: object) -> str:
    return "未知" if pd.isna(value) else str(int(value))


_REASONS: dict[str, Callable[[Mapping, Mapping], str]] = {
    "_manual": lambda w, o: "人工校正值优先于自动提取的数值",
    "_rounded": lambda w, o: f"两者是同一个数字:“{o['note']}”是“{w['note']}”取整后的写法,采用完整写出的数值",
    "_primary": lambda w, o: f"出自{_year(w['year'])}年度本身的报告,优先于{_year(o[DOC_YEAR])}年报告中顺带提及的数值",
    "_published": lambda w, o: f"发布日期较晚的报告({w[DOC_PUBLISHED]})优先于较早发布的报告({o[DOC_PUBLISHED]})",
    "_issuer": lambda w, o: f"{ISSUERS[w[DOC_ISSUER]][0]}发布的报告优先于{ISSUERS[o[DOC_ISSUER]][0]}发布的报告",
    "_method": lambda w, o: f"{_METHOD_LABEL[w['method']]}优先于{_METHOD_LABEL[o['method']]}",
    "_inexact": lambda w, o: f"确切数值优先于{_QUALIFIER_LABEL.get(o['qualifier'], o['qualifier'])}",
    "_later": lambda w, o: f"较新的报告({_year(w[DOC_YEAR])}年)优先于较早的报告({_year(o[DOC_YEAR])}年)",
}


# ---------------------------------------------------------------- corrections


def apply_corrections(
    indicators: pd.DataFrame, located: pd.DataFrame, corrections: Sequence[Correction]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the indicator table with the corrections in force applied, one report row per correction).

    `set` replaces the value of the matching row (method manual, evidence kept, the extracted
    value named in `note`) or adds a row when nothing was extracted; `reject` removes the row.
    A correction is matched by jurisdiction name or adcode; one whose place appears nowhere in
    `located` (all located rows, before resolving), or a `reject` with nothing to reject, is
    reported as unmatched and changes nothing.
    """
    table = indicators.copy()
    report = []
    for correction in corrections:
        place = _place_of(correction.jurisdiction, located)
        if place is None:
            report.append(
                _report(
                    correction,
                    None,
                    "unmatched",
                    f"没有找到地区“{correction.jurisdiction}”的任何数据(可能已更名),此条校正未生效。",
                )
            )
            continue
        table, entry = _apply_one(table, correction, place)
        report.append(entry)
    return _sort(table.reset_index(drop=True)), _typed(report, CORRECTION_COLUMNS)


def _place_of(name: str, located: pd.DataFrame) -> dict | None:
    match = located[(located["jurisdiction"] == name) | (located["adcode"] == name)]
    if match.empty:
        return None
    return match.iloc[0][["jurisdiction", "adcode", "level", "province", "parent"]].to_dict()


def _apply_one(table: pd.DataFrame, correction: Correction, place: dict) -> tuple[pd.DataFrame, dict]:
    hit = (
        (table["adcode"] == place["adcode"])
        & (table["year"] == correction.year)
        & (table["indicator"] == correction.indicator)
    )
    old = table[hit].iloc[0].to_dict() if hit.any() else None
    if correction.action == "reject":
        if old is None:
            return table, _report(correction, place, "unmatched", "没有可以标记为错误的提取值,此条校正未生效。")
        return table[~hit], _report(correction, place, "rejected", "提取值已标记为错误并移除。", old)
    row = _corrected_row(correction, place, old)
    status, message = ("applied", "已用校正值替换提取值。") if old else ("added", "原文未提取到此值,已按校正值补充。")
    return pd.concat([table[~hit], _typed([row], COLUMNS)], ignore_index=True), _report(
        correction, place, status, message, old
    )


def _corrected_row(correction: Correction, place: dict, old: dict | None) -> dict:
    entry = catalogue.indicators().get(correction.indicator, {})
    who = f"校正人:{correction.who};" if correction.who else ""
    note = f"人工校正({who}理由:{correction.reason or '未填写'};时间:{correction.when or '未填写'})"
    base = old or {
        "source": CORRECTIONS_SOURCE,
        "evidence": correction.reason,
        "evidence_start": -1,
        "evidence_end": -1,
    }
    if old:
        note += f";原提取值 {old['value']:g}{entry.get('unit', '')}({old['method']},{old['qualifier']})"
    return {
        **{c: base.get(c) for c in COLUMNS},
        **place,
        "year": correction.year,
        "indicator": correction.indicator,
        "indicator_name": entry.get("name", ""),
        "family": entry.get("family", ""),
        "unit": entry.get("unit", ""),
        "value": correction.value,
        "qualifier": "exact",
        "method": "manual",
        "note": note,
        "confidence": confidence.HIGH,  # a person entered it; the review columns say who
        "signals": (old or {}).get("signals") or "",
        **_UNREVIEWED,
    }


def invalid_corrections(problems: Sequence[Problem]) -> pd.DataFrame:
    """Report rows (status invalid) for lines of corrections.csv that could not be read."""
    return _typed([{"line": p.line, "status": "invalid", "message": p.message} for p in problems], CORRECTION_COLUMNS)


def _report(correction: Correction, place: dict | None, status: str, message: str, old: dict | None = None) -> dict:
    return {
        "line": correction.line,
        "jurisdiction": correction.jurisdiction,
        "adcode": place["adcode"] if place else "",
        "year": correction.year,
        "indicator": correction.indicator,
        "action": correction.action,
        "value": correction.value,
        "reason": correction.reason,
        "who": correction.who,
        "when": correction.when,
        "status": status,
        "message": message,
        "extracted_value": old["value"] if old else None,
        "extracted_source": old["source"] if old else "",
        "extracted_evidence": old["evidence"] if old else "",
    }


# ---------------------------------------------------------------- documents


def document_row(doc: Document, loc: Location) -> dict:
    """One documents.csv row (without `values`): the worse of the two statuses is shown."""
    place = loc.place
    failed = doc.status != "ok"
    return {
        "source": doc.source,
        "kind": doc.kind,
        "sha256": doc.sha256,
        "status": doc.status if failed else loc.status,
        "message": doc.message if failed else "".join(m for m in (loc.message, doc.message) if m),
        "jurisdiction": place.name if place else "",
        "adcode": place.adcode if place else "",
        "level": place.level if place else "",
        "province": place.province if place else "",
        "year": loc.year,
        "title": loc.title,
        "published": loc.published,
        "ocr_pages": len(doc.ocr_pages),  # pages read by OCR (scans); their values carry the "ocr" signal
    }


def documents_frame(rows: Sequence[Mapping], table: pd.DataFrame) -> pd.DataFrame:
    """documents.csv: `rows` plus `values`, the number of rows each source has in `table`."""
    counts = table["source"].value_counts()
    records = [{**row, "values": int(counts.get(row["source"], 0))} for row in rows]
    return _typed(records, DOCUMENT_COLUMNS)


# ---------------------------------------------------------------- schemas


def validate(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """`frame` if it matches the schema `kind` (indicators, cumulative, conflicts, documents).

    Raises SchemaViolation naming the table, the column, the check and a few failing rows.
    """
    if _surely_valid(frame, kind):  # the usual case, proved by whole-column checks without pandera
        return frame
    import pandera.pandas as pa

    try:
        return _schemas()[kind].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise SchemaViolation(_describe(kind, frame, err.failure_cases)) from None


def _describe(kind: str, frame: pd.DataFrame, failures: pd.DataFrame) -> str:
    lines = [f"{kind} table does not match its schema (pipeline/table.py):"]
    for check, cases in failures.groupby("check", sort=False):
        check = str(check)
        if check in _STRUCTURE_CHECKS:
            names = ", ".join(f"'{name}'" for name in cases["failure_case"].astype(str).unique())
            lines.append(f"  column {names}: {_STRUCTURE_CHECKS[check]}")
            continue
        column = _FRAME_CHECK_COLUMN.get(check) or ", ".join(cases["column"].dropna().astype(str).unique())
        lines.append(f"  column '{column}': {check} failed{_examples(frame, column, cases)}")
    return "\n".join(lines)


_STRUCTURE_CHECKS = {
    "column_in_dataframe": "missing",
    "column_in_schema": "not a column of this table",
    "column_ordered": "out of order (see the column list in pipeline/table.py)",
}


def _examples(frame: pd.DataFrame, column: str, cases: pd.DataFrame) -> str:
    """A few failing rows as 'row 3: indicator = 'value'', or the failure cases themselves."""
    rows = [int(i) for i in cases["index"].dropna().unique()[:5] if int(i) in frame.index]
    if not rows or column not in frame.columns:
        return f": {', '.join(cases['failure_case'].astype(str).unique()[:5])}"
    label = (lambda i: f"{frame.at[i, 'indicator']} = ") if "indicator" in frame else (lambda i: "")
    return f" ({'; '.join(f'row {i}: {label(i)}{str(frame.at[i, column])!r}' for i in rows)})"


_RANGE_CHECK = "value within the catalogue range of its indicator (pipeline/rules/indicators.yaml: range)"
_FRAME_CHECK_COLUMN = {_RANGE_CHECK: "value"}


def _in_range(frame: pd.DataFrame) -> pd.Series:
    # each indicator's bounds looked up in a table (an indicator not in the catalogue, or a missing
    # bound, has none): a lookup per distinct indicator, not a Python call per row
    ranges = {i: entry.get("range", [None, None]) for i, entry in catalogue.indicators().items()}
    low = frame["indicator"].map({i: _bound(r[0]) for i, r in ranges.items()})
    high = frame["indicator"].map({i: _bound(r[1]) for i, r in ranges.items()})
    value = frame["value"]
    return (value >= low.astype("float64").fillna(-float("inf"))) & (
        value <= high.astype("float64").fillna(float("inf"))
    )


def _bound(bound: object) -> float:
    return float("nan") if bound is None else float(bound)


@dataclass(frozen=True)
class Spec:
    """One column of a schema: its dtype (as pandas names it), whether it may be missing, and its
    checks: ("isin", values, error or None), ("filled",) for text of at least one character,
    ("adcode",) for six ASCII digits, ("in_range", low, high) inclusive, ("ge", low)."""

    dtype: str
    nullable: bool = False
    checks: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class Schema:
    """A table's schema: exactly these columns in this order, the catalogue range check on `value`
    when `in_range`, and no two rows alike in the `unique` columns."""

    columns: dict[str, Spec]
    in_range: bool = False
    unique: tuple[str, ...] = ()


@cache
def _specs() -> dict[str, Schema]:
    """Every table's schema, as data: pandera's schemas (`_schemas`) and the whole-column proof
    (`_surely_valid`) are both made from it, so they cannot drift apart."""
    unknown = "indicator not in the catalogue (pipeline/rules/indicators.yaml)"
    catalogued = ("isin", list(catalogue.indicators()), unknown)
    text = Spec("str")
    filled = Spec("str", checks=(("filled",),))
    place = {
        "jurisdiction": filled,
        "adcode": Spec("str", checks=(("adcode",),)),
        "level": Spec("str", checks=(("isin", LEVELS, None),)),
        "province": filled,
        "parent": text,
        "year": Spec("Int64", checks=(("in_range", 1949, 2100),)),
    }
    row = {
        **place,
        "indicator": Spec("str", checks=(catalogued,)),
        "indicator_name": filled,
        "family": filled,
        "value": Spec("float64"),
        "unit": filled,
        "qualifier": Spec("str", checks=(("isin", QUALIFIERS, None),)),
        "method": Spec("str", checks=(("isin", METHODS, None),)),
        "source": filled,
        "evidence": text,
        "evidence_start": Spec("int64"),
        "evidence_end": Spec("int64"),
        "note": text,
        "confidence": Spec("str", checks=(("isin", confidence.TIERS, None),)),
        "signals": text,
        "review_state": Spec("str", checks=(("isin", review.STATES, None),)),
        "reviewed_by": text,
        "reviewed_at": text,
        "review_note": text,
    }
    return {
        "indicators": Schema(row, in_range=True, unique=KEY),
        "cumulative": Schema(
            {**row, "period": Spec("str", checks=(("isin", [PERIOD_CUMULATIVE], None),))}, in_range=True
        ),
        "conflicts": Schema(
            {
                "jurisdiction": filled,
                "adcode": place["adcode"],
                "year": place["year"],
                "indicator": row["indicator"],
                "indicator_name": filled,
                "value": Spec("float64"),
                "qualifier": row["qualifier"],
                "method": row["method"],
                "source": filled,
                "report_year": Spec("Int64", nullable=True),
                "evidence": text,
                "chosen": Spec("bool"),
                "rule": filled,
            }
        ),
        "corrections": Schema(
            {
                **{c: text for c in CORRECTION_COLUMNS},
                "line": Spec("int64"),
                "year": Spec("Int64", nullable=True),
                "value": Spec("float64", nullable=True),
                "status": Spec("str", checks=(("isin", CORRECTION_STATUSES, None),)),
                "extracted_value": Spec("float64", nullable=True),
            }
        ),
        "documents": Schema(
            {
                **{c: text for c in DOCUMENT_COLUMNS},
                "source": filled,
                "status": filled,
                "year": Spec("Int64", nullable=True),
                "values": Spec("int64", checks=(("ge", 0),)),
                "ocr_pages": Spec("int64", checks=(("ge", 0),)),
            }
        ),
    }


def _surely_valid(frame: pd.DataFrame, kind: str) -> bool:
    """True only when `frame` certainly passes pandera's schema `kind` (`_schemas`): the exact
    columns in order, each with the exact dtype the table stage makes, nothing missing where
    nothing may be, every check true of every value. Any doubt is False, and pandera decides (and
    describes what fails): importing pandera and running it costs more than the rest of the
    table stage, and a build's tables pass."""
    schema = _specs()[kind]
    if list(frame.columns) != list(schema.columns):
        return False
    for name, spec in schema.columns.items():
        column = frame[name]
        if str(column.dtype) != spec.dtype or (not spec.nullable and column.isna().any()):
            return False
        if spec.checks and (spec.nullable or not all(_holds(column, check) for check in spec.checks)):
            return False
    if schema.in_range and not _in_range(frame).all():
        return False
    return not (schema.unique and frame.duplicated(subset=list(schema.unique)).any())


def _holds(column: pd.Series, check: tuple) -> bool:
    """Whether `check` (see Spec) is true of every value of `column` (which has no missing value)."""
    kind = check[0]
    if kind == "isin":
        return bool(column.isin(check[1]).all())
    if kind == "filled":
        return bool((column != "").all())
    if kind == "adcode":
        return all(len(code) == 6 and code.isascii() and code.isdigit() for code in column.unique())
    if kind == "in_range":
        return bool(((column >= check[1]) & (column <= check[2])).all())
    if kind == "ge":
        return bool((column >= check[1]).all())
    return False  # a check this proof does not know: pandera decides


@cache
def _schemas() -> dict[str, pa.DataFrameSchema]:
    import pandera.pandas as pa

    in_range = pa.Check(_in_range, name=_RANGE_CHECK, error=_RANGE_CHECK)
    common = {"strict": True, "ordered": True}
    schemas = {}
    for kind, schema in _specs().items():
        columns = {name: _pandera_column(pa, spec) for name, spec in schema.columns.items()}
        extra = {"unique": list(schema.unique)} if schema.unique else {}
        checks = [in_range] if schema.in_range else None
        schemas[kind] = pa.DataFrameSchema(columns, checks=checks, **extra, **common)
    return schemas


def _pandera_column(pa: ModuleType, spec: Spec) -> pa.Column:
    dtype = {"str": str, "bool": bool}.get(spec.dtype, spec.dtype)
    checks = [_pandera_check(pa, check) for check in spec.checks]
    return pa.Column(dtype, checks[0] if len(checks) == 1 else checks or None, nullable=spec.nullable)


def _pandera_check(pa: ModuleType, check: tuple) -> pa.Check:
    kind = check[0]
    if kind == "isin":
        return pa.Check.isin(check[1], **({"error": check[2]} if check[2] else {}))
    if kind == "filled":
        return pa.Check.str_length(min_value=1)
    if kind == "adcode":
        return pa.Check.str_matches(r"^\d{6}$")
    if kind == "in_range":
        return pa.Check.in_range(check[1], check[2])
    return pa.Check.ge(check[1])


# ---------------------------------------------------------------- confidence and review states


def add_confidence(indicators: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """`indicators` with the table-wide signals (conflict: other reports disagree; outlier: far
    from the place's other years) added and `confidence` decided again from all signals."""
    if indicators.empty:
        return indicators
    disputed = set(conflicts[list(KEY)].itertuples(index=False, name=None)) if len(conflicts) else set()
    outliers = _outliers(indicators)
    # tens of thousands of rows, a few dozen distinct (cell, conflict, outlier): each is split and joined once
    made: dict[tuple, tuple[tuple[str, ...], str]] = {}
    signals, joined = [], []
    keys = zip(*(indicators[k].tolist() for k in KEY), strict=True)
    for row, key in zip(list(indicators["signals"]), keys, strict=True):
        flags = (row, key in disputed, key in outliers)
        found = made.get(flags)
        if found is None:
            split = (*confidence.split(row), *(["conflict"] if flags[1] else []), *(["outlier"] if flags[2] else []))
            found = made[flags] = (split, _joined(split))
        signals.append(found[0])
        joined.append(found[1])
    manual = indicators["method"] == "manual"
    tiers = [confidence.HIGH if m else _tier(s) for s, m in zip(signals, manual, strict=True)]
    return indicators.assign(signals=joined, confidence=tiers)


# A table has tens of thousands of values but few distinct sets of signals: each set's tier and text
# are worked out once per confidence rule set (a set with an unlisted signal is not remembered, so
# that it is logged every time, as `confidence.score` does).
_TIERS: dict[tuple[str, ...], str] = {}
_JOINED: dict[tuple[str, ...], str] = {}
_REMEMBERED_FOR: list[object] = [None]


def _remembered(table: dict[tuple[str, ...], str], signals: tuple[str, ...]) -> str | None:
    if type(signals) is not tuple:
        return None  # (a list: not a key)
    rules = confidence.rules()
    if _REMEMBERED_FOR[0] is not rules:
        _TIERS.clear()
        _JOINED.clear()
        _REMEMBERED_FOR[0] = rules
    return table.get(signals)


def _tier(signals: tuple[str, ...]) -> str:
    found = _remembered(_TIERS, signals)
    if found is None:
        found = confidence.tier(signals)
        if type(signals) is tuple and all(s in confidence.rules().weights for s in signals if s):
            _TIERS[signals] = found
    return found


def _joined(signals: tuple[str, ...]) -> str:
    found = _remembered(_JOINED, signals)
    if found is None:
        found = confidence.join(signals)
        if type(signals) is tuple:
            _JOINED[signals] = found
    return found


def _outliers(frame: pd.DataFrame) -> set[tuple]:
    """Keys whose value stands out against the same place's other years of that indicator."""
    rules = confidence.rules()
    sizes = frame.groupby(["adcode", "indicator"])["year"].transform("size")
    found: set[tuple] = set()
    candidates = frame[sizes > rules.min_years]
    # grouped in plain lists, in row order: a frame per group costs a slice of every column (at
    # 10,000 reports this loop was a quarter of a rebuild)
    groups: dict[tuple, list[tuple]] = {}
    columns = (candidates[c].tolist() for c in ("adcode", "indicator", "year", "value", "unit"))
    for adcode, indicator, year, value, unit in zip(*columns, strict=True):
        groups.setdefault((adcode, indicator), []).append((year, value, unit))
    for (adcode, indicator), rows in groups.items():
        rate = str(rows[0][2]) == "%"
        values = [value for _, value, _ in rows]
        for i, (year, value, _) in enumerate(rows):
            if confidence.is_outlier(value, values[:i] + values[i + 1 :], rate, rules):
                found.add((adcode, year, indicator))
    return found


def stale_reviews(indicators: pd.DataFrame, located: pd.DataFrame, lines: Sequence[Correction]) -> list[Correction]:
    """The rejections among `lines` whose recorded value or evidence is not the value's now:
    they must not remove the new value (it falls back to 未核实 instead)."""
    if not any(line.action == "reject" for line in lines):
        return []  # (the common case: no table-wide look-up for nothing)
    rows = _rows_by_key(indicators)
    places = _place_codes(located)
    return [
        line
        for line in lines
        if line.action == "reject"
        and (line.value is not None or line.evidence_sha)
        and not review.still_seen(line, rows.get((places.get(line.jurisdiction, ""), line.year, line.indicator)))
    ]


def apply_reviews(indicators: pd.DataFrame, located: pd.DataFrame, lines: Sequence[Correction]) -> pd.DataFrame:
    """`indicators` with the review columns decided from every log line (`review.state_of`)."""
    if indicators.empty:
        return indicators
    places = _place_codes(located)
    by_key: dict[tuple, list[Correction]] = {}
    for line in lines:
        by_key.setdefault((places.get(line.jurisdiction, ""), line.year, line.indicator), []).append(line)
    out = indicators.assign(**_UNREVIEWED)
    if not by_key:
        return out
    keys = list(zip(out["adcode"], out["year"], out["indicator"], strict=True))
    # Only the values the log names need a decision; every other one stays 未核实.
    columns = [out.columns.get_loc(c) for c in REVIEW_COLUMNS]
    for position in [i for i, key in enumerate(keys) if key in by_key]:
        row = out.iloc[position]
        found = review.state_of(by_key[keys[position]], row.to_dict(), str(row["unit"]))
        out.iloc[position, columns] = [found.state, found.by, found.at, found.note]
    return out


PLACE_COLUMNS: tuple[str, ...] = ("jurisdiction", "adcode", "level", "province", "parent")


def single_year_place(rows: Sequence[Mapping]) -> tuple[str, ...] | None:
    """The place columns of a document's first single-year row (all its rows share its place), or
    None: what corrections find of the document when they look a place up in the located rows."""
    for row in rows:
        if row["period"] == PERIOD_YEAR:
            return tuple(row[c] for c in PLACE_COLUMNS)
    return None


def places_frame(places: Iterable[Sequence[str]]) -> pd.DataFrame:
    """One row of PLACE_COLUMNS per document with single-year rows, in file order: for
    `apply_corrections`, `stale_reviews` and `apply_reviews` the same first match of a name as
    every single-year row gives (a document's rows repeat its place)."""
    return _typed([dict(zip(PLACE_COLUMNS, place, strict=True)) for place in places], PLACE_COLUMNS)


def named_places(located: pd.DataFrame, lines: Sequence[Correction]) -> set[str]:
    """The adcodes the lines of corrections.csv name, found as corrections and reviews find them."""
    if not lines:
        return set()
    codes = _place_codes(located)
    return {codes[line.jurisdiction] for line in lines if line.jurisdiction in codes}


def _rows_by_key(frame: pd.DataFrame) -> dict[tuple, dict]:
    return {(r["adcode"], r["year"], r["indicator"]): r for r in frame[[*KEY, "value", "evidence"]].to_dict("records")}


def _place_codes(located: pd.DataFrame) -> dict[str, str]:
    """Jurisdiction name or adcode -> adcode, the first place of that name (as `_place_of` picks)."""
    places = located[["jurisdiction", "adcode"]].drop_duplicates()
    codes = {str(a): str(a) for a in places["adcode"]}
    for name, adcode in zip(places["jurisdiction"], places["adcode"], strict=True):
        codes.setdefault(str(name), str(adcode))
    return codes
