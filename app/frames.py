"""Pure table shaping for the app: value labels, filters, year-over-year, wide layouts, evidence spans.

Owns: turning the tidy indicator table (pipeline/table.py COLUMNS) into what a view, a figure
or an export needs — Chinese-formatted value labels with qualifier/correction marks, the
filtered rows of a comparison, 同比 tables, wide pivots, Chinese column headers, and where a
value's number sits in its evidence sentence.
Must never: import streamlit, read files, or change a value (labels only decorate).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import TypeVar

import numpy as np
import pandas as pd

from app import labels, numfmt

RATE_UNIT = numfmt.RATE_UNIT
T = TypeVar("T")


# ---------------------------------------------------------------- value labels


def fmt_number(value: float, unit: str) -> str:
    """Thousands separators for counts ("12,345"), up to two decimals for rates ("98.5"): numfmt.plain."""
    return numfmt.plain(value, unit)


def fmt_compact(value: float, unit: str, digits: int = 2) -> str:
    """Like fmt_number, but 10万 and more in 万/亿 ("30.5万"): numfmt.compact."""
    return numfmt.compact(value, unit, digits)


def fmt_value(
    value: float, unit: str, qualifier: str = "exact", method: str = "reported", compact: bool = False
) -> str:
    """ "≥1,234件", "≈98.5%", "1,686件 ✎" (manual corrections carry ✎); compact: "≈30.5万户"."""
    return numfmt.value_label(value, unit, qualifier, method, short=compact)


def with_labels(
    frame: pd.DataFrame, compact: bool = False, digits: int = 2, start: float = numfmt.COMPACT_FROM
) -> pd.DataFrame:
    """`frame` plus a `label` column (numfmt.value_label of each row; compact: 万/亿 from `start`, `digits`)."""
    label = [
        numfmt.value_label(v, u, q, m, short=compact, digits=digits, start=start)
        # .tolist() first: iterating a column of (Arrow-backed) text one cell at a time is ~20 times slower
        for v, u, q, m in zip(*(frame[c].tolist() for c in ("value", "unit", "qualifier", "method")), strict=True)
    ]
    return frame.assign(label=label)


# ---------------------------------------------------------------- indicators and filters


def indicator_order(frame: pd.DataFrame, catalogue: Sequence[str] = ()) -> list[str]:
    """Indicator ids in the data, grouped by family (families in catalogue order), then catalogue order.

    Ids the catalogue does not know go last, alphabetically, so new data never disappears from menus.
    """
    present = frame[["indicator", "family"]].drop_duplicates("indicator")
    position = {ind: i for i, ind in enumerate(catalogue)}
    present = present.assign(_pos=present["indicator"].map(position).fillna(len(position)))
    family_pos = present.groupby("family")["_pos"].min()
    present = present.assign(_fam=present["family"].map(family_pos))
    return present.sort_values(["_fam", "family", "_pos", "indicator"])["indicator"].tolist()


def indicator_info(frame: pd.DataFrame, indicator: str) -> tuple[str, str, str]:
    """(Chinese name, unit, family) of an indicator as recorded in the table."""
    rows = frame.loc[frame["indicator"] == indicator, ["indicator_name", "unit", "family"]]
    if rows.empty:
        return indicator, "", ""
    name, unit, family = rows.iloc[0]
    return str(name), str(unit), str(family)


def select(
    frame: pd.DataFrame,
    *,
    indicator: str | None = None,
    years: Iterable[int] | None = None,
    levels: Iterable[str] = (),
    provinces: Iterable[str] = (),
    adcodes: Iterable[str] = (),
) -> pd.DataFrame:
    """Rows matching every given filter (an empty filter keeps everything)."""
    mask = None
    if indicator is not None:
        mask = frame["indicator"] == indicator
    for column, wanted in (("year", years), ("level", levels), ("province", provinces), ("adcode", adcodes)):
        wanted = list(wanted) if wanted is not None else []
        if wanted:
            hit = frame[column].isin(wanted)
            mask = hit if mask is None else mask & hit
    if mask is None:  # nothing to filter: a new frame sharing the data (copy-on-write), not a row-by-row copy
        return frame.copy(deep=False)
    return frame[mask]


def places(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per jurisdiction (adcode, jurisdiction, level, province), ordered by adcode."""
    columns = ["adcode", "jurisdiction", "level", "province"]
    return frame[columns].drop_duplicates("adcode").sort_values("adcode").reset_index(drop=True)


def place_label(jurisdiction: str, level: str, province: str) -> str:
    """ "槐荫区(县级·山东省)": names repeat across provinces, so menus say where a place is."""
    where = labels.LEVELS.get(level, level)
    if province and province != jurisdiction:
        return f"{jurisdiction}({where}·{province})"
    return f"{jurisdiction}({where})"


def counts_across_levels(frame: pd.DataFrame, unit: str) -> bool:
    """True when counts (not rates) of jurisdictions of different levels are side by side."""
    return unit != RATE_UNIT and frame["level"].nunique() > 1


class TableIndex:
    """Read-only lookups over one indicator table, each computed once on first use.

    The dashboard keeps one per loaded dataset (app.data.Dataset.index), so menus, place names
    and the rows of an indicator × year are worked out once per dataset instead of by a scan of
    the whole table on every rerun. Every answer equals the plain function's on the same frame
    (indicator_order, indicator_info, places/place_label, select). The frame is never changed;
    frames handed out share its data under pandas copy-on-write, so a caller's edits stay its own.
    """

    SLICES = 64  # (indicator, years) row sets kept; each is one indicator's rows of some years
    MEMOS = 96  # results of `memo` kept (per dataset; each a page's table or figure input for one choice)

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._lock = threading.Lock()
        self._orders: dict[tuple[str, ...], list[str]] = {}
        self._names: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[str, str]] = {}
        self._slices: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
        self._memos: OrderedDict[tuple, object] = OrderedDict()

    def memo(self, key: tuple, make: Callable[[], T]) -> T:
        """`make()`, worked out once per dataset for `key` (the last MEMOS kept): what a page derives
        from the whole table for one choice of its filters. The result is shared by every session:
        callers must treat it as read-only (frames are copied shallowly, so their edits stay their own)."""
        with self._lock:
            if key in self._memos:
                self._memos.move_to_end(key)
                found = self._memos[key]
                return found.copy(deep=False) if isinstance(found, pd.DataFrame) else found
        made = make()
        with self._lock:
            self._memos[key] = made
            while len(self._memos) > self.MEMOS:
                self._memos.popitem(last=False)
        return made.copy(deep=False) if isinstance(made, pd.DataFrame) else made

    @cached_property
    def _by_place(self) -> dict[str, np.ndarray]:
        """adcode -> row positions (ascending)."""
        if self.frame.empty:
            return {}
        return dict(self.frame.groupby("adcode", sort=False).indices)

    def place_rows(self, adcode: str) -> pd.DataFrame:
        """select(frame, adcodes=[adcode]): one place's rows, found through positions."""
        positions = self._by_place.get(adcode, np.empty(0, dtype=np.intp))
        return self.frame.take(np.sort(positions))

    def warm(self) -> TableIndex:
        """Work out the lookups every page uses now (e.g. while the data is being loaded)."""
        for name in ("_info", "_groups", "levels", "provinces", "all_years", "_places"):
            getattr(self, name)
        return self

    @cached_property
    def _first(self) -> pd.DataFrame:
        """The first row of each indicator (what indicator_order/indicator_info read)."""
        return self.frame[["indicator", "indicator_name", "unit", "family"]].drop_duplicates("indicator")

    @cached_property
    def _info(self) -> dict[str, tuple[str, str, str]]:
        first = self._first
        return {
            str(i): (str(n), str(u), str(f))
            for i, n, u, f in zip(
                first["indicator"], first["indicator_name"], first["unit"], first["family"], strict=True
            )
        }

    def info(self, indicator: str) -> tuple[str, str, str]:
        """indicator_info(frame, indicator)."""
        return self._info.get(indicator, (indicator, "", ""))

    def order(self, catalogue: Sequence[str] = ()) -> list[str]:
        """indicator_order(frame, catalogue)."""
        key = tuple(catalogue)
        if key not in self._orders:
            self._orders[key] = indicator_order(self._first, key)
        return list(self._orders[key])

    @cached_property
    def _groups(self) -> dict[str, dict[int, np.ndarray]]:
        """indicator -> year -> row positions (ascending)."""
        out: dict[str, dict[int, np.ndarray]] = {}
        if self.frame.empty:
            return out
        for (indicator, year), positions in self.frame.groupby(["indicator", "year"], sort=False).indices.items():
            out.setdefault(indicator, {})[year] = positions
        return out

    def years(self, indicator: str) -> list[int]:
        """The years with a row of `indicator`, ascending."""
        return sorted(int(y) for y in self._groups.get(indicator, {}))

    @cached_property
    def levels(self) -> frozenset[str]:
        return frozenset(self.frame["level"].unique().tolist())

    @cached_property
    def provinces(self) -> list[str]:
        """Provinces in the table, sorted."""
        return sorted(self.frame["province"].unique().tolist())

    @cached_property
    def all_years(self) -> list[int]:
        return sorted(self.frame["year"].unique().tolist())

    @cached_property
    def _places(self) -> pd.DataFrame:
        """Each distinct (adcode, jurisdiction, level, province), in order of first appearance.

        Filtering these by level/province and keeping the first per adcode gives the same places
        as filtering the rows first (the filter reads only columns the combination holds).
        """
        return self.frame[["adcode", "jurisdiction", "level", "province"]].drop_duplicates().reset_index(drop=True)

    @cached_property
    def province_of(self) -> dict[str, str]:
        """adcode -> its province (the first seen), for menus that ask for the province first."""
        first = self._places.drop_duplicates("adcode")
        return dict(zip(first["adcode"].astype(str), first["province"].astype(str), strict=True))

    @cached_property
    def provinces_by_code(self) -> list[str]:
        """The provinces of the places, in adcode order (as 统计 lists them), for the 省份 menu."""
        return list(dict.fromkeys(self.province_of[code] for code in sorted(self.province_of)))

    def place_names(self, levels: Iterable[str] = (), provinces: Iterable[str] = ()) -> dict[str, str]:
        """adcode -> place_label for the places of select(frame, levels=…, provinces=…), ordered by adcode."""
        key = (tuple(levels), tuple(provinces))
        if key not in self._names:
            table = select(self._places, levels=key[0], provinces=key[1])
            table = table.drop_duplicates("adcode").sort_values("adcode")
            self._names[key] = {a: place_label(j, lv, p) for a, j, lv, p in table.itertuples(index=False)}
        return dict(self._names[key])

    def rows(self, indicator: str, years: Iterable[int] | None = None) -> pd.DataFrame:
        """select(frame, indicator=…, years=…): found through positions, the last SLICES kept."""
        wanted = sorted(set(years)) if years is not None else []
        key = (indicator, tuple(wanted))
        with self._lock:
            found = self._slices.get(key)
            if found is not None:
                self._slices.move_to_end(key)
                return found.copy(deep=False)
        by_year = self._groups.get(indicator, {})
        parts = [by_year[y] for y in (wanted or by_year) if y in by_year]
        positions = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.intp)
        found = self.frame.take(positions)
        with self._lock:
            self._slices[key] = found
            while len(self._slices) > self.SLICES:
                self._slices.popitem(last=False)
        return found.copy(deep=False)

    def select(
        self,
        *,
        indicator: str | None = None,
        years: Iterable[int] | None = None,
        levels: Iterable[str] = (),
        provinces: Iterable[str] = (),
        adcodes: Iterable[str] = (),
    ) -> pd.DataFrame:
        """select(frame, …), by way of rows() when an indicator is given."""
        if indicator is None:
            return select(self.frame, years=years, levels=levels, provinces=provinces, adcodes=adcodes)
        return select(self.rows(indicator, years), levels=levels, provinces=provinces, adcodes=adcodes)


# ---------------------------------------------------------------- coverage

COVERAGE_META = ("jurisdiction", "name", "level", "province")  # the columns coverage_counts puts first


def unique_names(frame: pd.DataFrame) -> dict[str, str]:
    """adcode -> name, with the province added where two places share a name (e.g. 朝阳区)."""
    places = frame.drop_duplicates("adcode")
    dup = places["jurisdiction"].duplicated(keep=False)
    names = places["jurisdiction"].where(~dup, places["jurisdiction"] + "(" + places["province"] + ")")
    return dict(zip(places["adcode"], names, strict=True))


def coverage_counts(frame: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """One row per place (by adcode): jurisdiction, a name unique in `frame`, level, province, then
    per year the number of indicators with a value (by="year", every year of the span, gaps
    included) or per indicator (in indicator_order, by its Chinese name) the number of years."""
    if by == "year":
        ys = sorted({int(y) for y in frame["year"]})
        columns: list = list(range(ys[0], ys[-1] + 1)) if ys else []
        counts = frame.groupby(["adcode", "year"])["indicator"].nunique().unstack("year")
    else:
        columns = indicator_order(frame)
        counts = frame.groupby(["adcode", "indicator"])["year"].nunique().unstack("indicator")
    counts = counts.reindex(columns=columns).fillna(0).astype(int)
    if by == "year":
        counts.columns = [str(c) for c in counts.columns]
    else:
        info = TableIndex(frame).info
        counts.columns = [info(i)[0] for i in counts.columns]
    places = frame[["adcode", "jurisdiction", "level", "province"]].drop_duplicates("adcode").set_index("adcode")
    places.insert(1, "name", places.index.map(unique_names(frame)))
    return places.join(counts).sort_index()


def coverage_by_province(counts: pd.DataFrame) -> pd.DataFrame:
    """From coverage_counts: per province (rows, in the order of their first adcode) and column, how
    many places have any value, `places` (how many there are) first."""
    values = counts.drop(columns=list(COVERAGE_META)) > 0
    grouped = values.groupby(counts["province"], sort=False)
    out = grouped.sum().astype(int)
    out.insert(0, "places", grouped.size())
    return out


# ---------------------------------------------------------------- year over year


def yoy(frame: pd.DataFrame) -> pd.DataFrame:
    """Change per jurisdiction and year against the last earlier year that has a value, absolute and %.

    Reports are sparse (a place may have 2019 and 2022 only), so a year is compared with the
    latest earlier year holding a value; `prev_year` says which, so a view can write "较2019年".
    The first year of a place has no comparison.
    """
    rows = frame.sort_values(["adcode", "year"])[["adcode", "jurisdiction", "year", "value", "unit"]]
    rows = rows.reset_index(drop=True)
    grouped = rows.groupby("adcode", sort=False)
    prev = grouped["value"].shift(1)
    prev_year = grouped["year"].shift(1)
    change = rows["value"] - prev
    pct = (change / prev.where(prev != 0)) * 100
    return rows.assign(prev_year=prev_year.astype("Int64"), prev=prev, change=change, pct=pct.round(1))[
        ["adcode", "jurisdiction", "year", "value", "unit", "prev_year", "prev", "change", "pct"]
    ]


def yoy_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The change table with Chinese headers and formatted cells ("+12件", "+3.5%", "—"), naming the year
    each value is compared with ("2019年", "2021年(上一年)"); corrected values carry ✎."""
    table = yoy(frame)
    unit = table["unit"]
    manual = (
        set(frame.loc[frame["method"] == "manual", ["adcode", "year"]].itertuples(index=False, name=None))
        if "method" in frame.columns
        else set()
    )
    marks = [
        f" {labels.MANUAL_MARK}" if (a, y) in manual else ""
        for a, y in zip(table["adcode"], table["year"], strict=True)
    ]
    return pd.DataFrame(
        {
            "地区": table["jurisdiction"],
            "年份": table["year"].astype(str),
            "数值": [numfmt.plain(v, u) + u + m for v, u, m in zip(table["value"], unit, marks, strict=True)],
            "比较年份": [_compared_year(p, y) for p, y in zip(table["prev_year"], table["year"], strict=True)],
            "比较年份数值": [numfmt.with_unit(v, u, short=False) for v, u in zip(table["prev"], unit, strict=True)],
            "增减": [numfmt.signed(v, _change_unit(u)) for v, u in zip(table["change"], unit, strict=True)],
            "增减(%)": [numfmt.signed(v, "%") for v in table["pct"]],
        }
    )


def _compared_year(previous: object, year: int) -> str:
    if pd.isna(previous):
        return "—(首个有数据的年份)"
    previous = int(previous)
    return f"{previous}年(上一年)" if previous == int(year) - 1 else f"{previous}年(中间年份无数据)"


def _change_unit(unit: str) -> str:
    """A rate's change is in percentage points, not percent."""
    return "个百分点" if unit == RATE_UNIT else unit


# ---------------------------------------------------------------- wide layouts and headers


def wide_by_year(frame: pd.DataFrame) -> pd.DataFrame:
    """One indicator: jurisdictions × years of numbers, plus 说明 listing marked values.

    Numbers stay numbers (so a spreadsheet can sum them); ≥/≈/✎ go to the 说明 column.
    """
    table = _pivot(frame, "year")
    table.columns = [f"{int(y)}年" for y in table.columns]
    notes = _marks_by(frame, "year", lambda y: f"{int(y)}年")
    return _finish_wide(table, notes)


def wide_by_indicator(frame: pd.DataFrame, order: Sequence[str] = ()) -> pd.DataFrame:
    """One year: jurisdictions × indicators ("行政复议受理数(件)") of numbers, plus 说明."""
    present = set(frame["indicator"].unique())
    ids = [i for i in order if i in present] or sorted(present)
    info = TableIndex(frame).info
    names = {i: f"{info(i)[0]}({info(i)[1]})" for i in ids}
    table = _pivot(frame, "indicator")
    table = table[[i for i in ids if i in table.columns]].rename(columns=names)
    notes = _marks_by(frame, "indicator_name", str)
    return _finish_wide(table, notes)


def _pivot(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """(adcode, jurisdiction) × `column` of the first value of each cell, both sorted (pivot_table's
    answer with aggfunc "first", by a groupby that takes a tenth of the time)."""
    table = frame.groupby(["adcode", "jurisdiction", column], sort=True)["value"].first().unstack(column)
    return table.astype(float)


def named(values: pd.Series, name: Callable[[object], str], suffix: str = "") -> list[str]:
    """`name` of each value plus `suffix`, called once per distinct value (a column holds few: years,
    indicator names)."""
    lookup = {v: name(v) + suffix for v in values.unique()}
    return [lookup[v] for v in values.tolist()]


def _marks_by(frame: pd.DataFrame, column: str, name) -> pd.Series:
    """Per adcode: "2021年≥; 2022年✎" for the values that are not plain exact reported ones."""
    marked = frame[(frame["qualifier"] != "exact") | (frame["method"] == "manual")]
    qualifier = named(marked["qualifier"], lambda q: labels.QUALIFIER_MARKS.get(q, ""))
    manual = named(marked["method"], lambda m: labels.MANUAL_MARK if m == "manual" else "")
    texts = [c + q + m for c, q, m in zip(named(marked[column], name), qualifier, manual, strict=True)]
    return joined(marked["adcode"], texts)


def joined(keys: pd.Series, texts: Iterable[str]) -> pd.Series:
    """Per key, its texts in row order joined by "; " (groupby(keys).agg("; ".join), without a
    pandas call per group: a wide table has thousands of places)."""
    parts: dict[object, list[str]] = {}
    for key, text in zip(keys.tolist(), texts, strict=True):
        parts.setdefault(key, []).append(text)
    return pd.Series({key: "; ".join(texts) for key, texts in parts.items()}, dtype=object)


def for_screen(table: pd.DataFrame) -> pd.DataFrame:
    """A copy for st.dataframe: number columns written with 千分位 ("1,405", "98.5") and "—" where empty.

    Streamlit shows a missing number as "None"; downloads keep the numbers (this is only for the screen).
    """
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            # numfmt.plain(v) without a unit, its checks done once per column: a wide table has ~50,000 cells
            cells = out[column].to_numpy(dtype=float, na_value=np.nan)
            out[column] = [numfmt.DASH if v != v else numfmt.trimmed(v) for v in cells]
    return out


def _finish_wide(table: pd.DataFrame, notes: pd.Series) -> pd.DataFrame:
    table = table.reset_index()
    table.columns.name = None
    marks = dict(notes)
    table["说明"] = [marks.get(a, "") for a in table["adcode"].tolist()]
    return table.rename(columns={"adcode": labels.COLUMNS["adcode"], "jurisdiction": labels.COLUMNS["jurisdiction"]})


TIDY_COLUMNS = (
    "jurisdiction",
    "adcode",
    "level",
    "province",
    "year",
    "indicator_name",
    "value",
    "unit",
    "label",
    "qualifier",
    "method",
    "title",
    "source",
    "evidence",
    "note",
)


def chinese(frame: pd.DataFrame, columns: Sequence[str] = TIDY_COLUMNS) -> pd.DataFrame:
    """The columns asked for (those present), codes translated, headers in Chinese."""
    if "label" in columns and "label" not in frame.columns and "value" in frame.columns:
        frame = with_labels(frame, compact=True, digits=4)  # 万/亿 in tables, exact for whole counts
    out = frame[[c for c in columns if c in frame.columns]].copy()
    for column, names in (
        ("level", labels.LEVELS),
        ("qualifier", labels.QUALIFIERS),
        ("method", labels.METHODS),
        ("status", labels.STATUSES),
    ):
        if column in out.columns:
            out[column] = out[column].map(lambda v, n=names: n.get(v, v))
    return out.rename(columns=labels.COLUMNS)


# ---------------------------------------------------------------- times

BEIJING = timezone(timedelta(hours=8))


def beijing_time(when: object) -> str:
    """An ISO timestamp as "2024-05-01 10:30(北京时间)"; a time without zone is taken as written; "" when empty."""
    text = "" if when is None or (isinstance(when, float) and pd.isna(when)) else str(when).strip()
    if not text or text.lower() in ("none", "nan", "nat"):
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(BEIJING)
    return moment.strftime("%Y-%m-%d %H:%M") + "(北京时间)"


def shown(value: object, empty: str = "—") -> str:
    """A cell as users read it: never "None", "nan" or "<NA>" (those become `empty`)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return empty
    text = str(value).strip()
    return empty if text in ("", "None", "nan", "NaN", "<NA>", "NaT") else text


# ---------------------------------------------------------------- names


def file_stem(*parts: str) -> str:
    """A file name stem from parts joined by "_", without characters file systems or browsers reject."""
    cleaned = (re.sub(r'[\\/:*?"<>|\s%]+', "-", p).strip("-_") for p in parts if p)
    return "_".join(p for p in cleaned if p) or "法治指标"


# ---------------------------------------------------------------- evidence


def number_forms(value: float) -> list[str]:
    """Ways a report may have written `value`: "1686", "1,686", "16.86万", "98.5"; longest first."""
    forms: set[str] = set()
    if float(value).is_integer():
        whole = int(value)
        forms |= {str(whole), f"{whole:,}"}
        if whole >= 10000:
            forms.add(f"{whole / 10000:.4f}".rstrip("0").rstrip(".") + "万")
    else:
        forms |= {f"{value:.2f}".rstrip("0").rstrip("."), f"{value:,.2f}".rstrip("0").rstrip(".")}
    return sorted(forms, key=len, reverse=True)


def evidence_parts(evidence: str, value: float) -> tuple[str, str, str]:
    """(before, number, after) of the first place `value` appears in `evidence` as a whole number.

    ("", "", evidence) when the number is not written in digits there (e.g. 一千二百件, or a
    derived value): the sentence is then shown unhighlighted rather than guessed at.
    """
    for form in number_forms(value):
        match = re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", evidence)
        if match:
            return evidence[: match.start()], match.group(), evidence[match.end() :]
    return "", "", evidence
