"""Chinese number formatting for the whole app: one place that decides how a number is written.

Owns: 千分位 ("12,345"), 万/亿 for large counts ("145万", "1.2亿"), counts as integers, rates with
their own precision (at most two decimals, trailing zeros dropped) and "%", the marks ≥ ≈ ≤ ✎
next to a value, signed changes, axis ticks written in 万/亿 (Plotly's own ticks say k/M), and
the Excel number format of a cell. Every figure, table, tooltip and export formats through here.
Must never: import streamlit or pandas, or change a value — it only writes numbers as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from app import labels

RATE_UNIT = "%"
WAN = 10_000
YI = 100_000_000
COMPACT_FROM = 100_000  # 10万: below it a count reads better in full ("35,210件")
DASH = "—"


def is_rate(unit: str) -> bool:
    return unit == RATE_UNIT


def missing(value: object) -> bool:
    """None, NaN or not a number at all."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimals(value: float, limit: int = 2) -> int:
    """How many decimals `value` needs (0..limit): 98.5 -> 1, 98.0 -> 0, 12.345 -> 2."""
    for places in range(limit + 1):
        if abs(round(value, places) - value) < 1e-9:
            return places
    return limit


def plain(value: float | None, unit: str = "") -> str:
    """千分位, no unit: counts as integers ("12,345"), rates and fractions with ≤2 decimals ("98.5")."""
    if missing(value):
        return DASH
    value = float(value)  # type: ignore[arg-type]
    if not is_rate(unit) and unit and value.is_integer():
        return f"{int(value):,}"
    if not is_rate(unit) and unit:  # a count that is not whole (e.g. an average): whole number
        return f"{round(value):,}"
    return _trim(f"{value:,.2f}")


def trimmed(value: float) -> str:
    """plain(value) of a float that is not NaN, without a unit ("1,405", "98.5")."""
    return _trim(f"{value:,.2f}")


def compact(value: float | None, unit: str = "", digits: int = 2, start: float = COMPACT_FROM) -> str:
    """Counts of 10万 (`start`) and more in 万 ("145万", "32.1万") or 亿 ("1.2亿"); everything else as `plain`.

    `digits`: decimals kept in 万/亿 (2 on charts; 4 in tables, exact for whole counts).
    """
    if missing(value) or is_rate(unit) or abs(float(value)) < start:  # type: ignore[arg-type]
        return plain(value, unit)
    value = float(value)  # type: ignore[arg-type]
    return _scaled(value, YI if abs(value) >= YI else WAN, digits)


def _scaled(value: float, divisor: int, digits: int = 2) -> str:
    """`value` written in 万 or 亿 (0 stays "0")."""
    if value == 0:
        return "0"
    return _trim(f"{value / divisor:,.{digits}f}") + ("亿" if divisor == YI else "万")


def compact_start(values: Sequence[float]) -> float:
    """Where a chart starts writing 万: from 1万 when its largest value is in 万 anyway (so 7.8万 sits beside
    40.8万, not 78,000), else from 10万."""
    numbers = [abs(float(v)) for v in values if not missing(v)]
    return WAN if numbers and max(numbers) >= COMPACT_FROM else COMPACT_FROM


def with_unit(value: float | None, unit: str, *, short: bool = True, digits: int = 2) -> str:
    """ "145万户", "98.5%", "1,686件"; "—" (no unit) when missing."""
    if missing(value):
        return DASH
    return (compact(value, unit, digits) if short else plain(value, unit)) + unit


def value_label(
    value: float,
    unit: str,
    qualifier: str = "exact",
    method: str = "reported",
    *,
    short: bool = False,
    digits: int = 2,
    start: float = COMPACT_FROM,
) -> str:
    """ "≥1,234件", "≈98.5%", "1,686件 ✎"; short: "≥145万户" (万 from `start`)."""
    mark = labels.QUALIFIER_MARKS.get(qualifier, "")
    number = compact(value, unit, digits, start) if short else plain(value, unit)
    text = f"{mark}{number}{unit}"
    return f"{text} {labels.MANUAL_MARK}" if method == "manual" else text


def full_and_short(value: float, unit: str) -> str:
    """For tooltips: "145万户(1,450,000户)", or just "1,686件" when both read the same."""
    short, full = compact(value, unit) + unit, plain(value, unit) + unit
    return short if short == full else f"{short}({full})"


def detailed_label(value: float, unit: str, qualifier: str = "exact", method: str = "reported") -> str:
    """Marks, 万/亿 and the full figure: "≥145万户(1,450,000户)", "98.5%", "1,686件 ✎" (tooltips, headings)."""
    mark = labels.QUALIFIER_MARKS.get(qualifier, "")
    manual = f" {labels.MANUAL_MARK}" if method == "manual" else ""
    return f"{mark}{full_and_short(value, unit)}{manual}"


def signed(value: float | None, suffix: str) -> str:
    """ "+12件", "-3.5%", "+0.8个百分点", "—" when missing."""
    if missing(value):
        return DASH
    value = float(value)  # type: ignore[arg-type]
    rate_like = suffix in (RATE_UNIT, "个百分点")
    number = plain(value, RATE_UNIT if rate_like else suffix)
    return ("+" if value > 0 else "") + number + suffix


def mean_label(values: Sequence[float], unit: str) -> str:
    """ "平均 990件" (counts whole), "平均 96.25%": what the average line says."""
    numbers = [float(v) for v in values if not missing(v)]
    if not numbers:
        return ""
    mean = sum(numbers) / len(numbers)
    return f"平均 {with_unit(mean, unit)}"


# ---------------------------------------------------------------- axes


def nice_step(top: float, ticks: int = 5) -> float:
    """A 1/2/2.5/5 × 10^n step giving about `ticks` intervals from 0 to `top`."""
    if top <= 0 or missing(top):
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def axis_ticks(top: float, unit: str, ticks: int = 5) -> tuple[list[float], list[str]]:
    """(tick values, Chinese tick texts) from 0 to `top`: "0, 50万, 100万…", never "500k" or "1M"."""
    step = nice_step(top, ticks)
    values = [i * step for i in range(int(math.floor(top / step + 1e-9)) + 1)]
    if is_rate(unit) or top < COMPACT_FROM:
        texts = [_trim(f"{v:,.2f}") for v in values]
    else:  # one scale for the whole axis, so 50万 and 100万 sit side by side (not 50,000 and 100万)
        divisor = YI if top >= YI else WAN
        texts = [_scaled(v, divisor) for v in values]
    if is_rate(unit):
        texts = [f"{t}%" for t in texts]
    return values, texts


def axis_props(top: float, unit: str, ticks: int = 5) -> dict:
    """Plotly axis properties writing the ticks in Chinese (tickmode array)."""
    values, texts = axis_ticks(top, unit, ticks)
    return {"tickmode": "array", "tickvals": values, "ticktext": texts}


# ---------------------------------------------------------------- spreadsheets


def excel_format(value: float) -> str:
    """The XLSX number format of one cell: "#,##0" for whole numbers, "#,##0.0" / "#,##0.00" otherwise."""
    places = decimals(float(value))
    return "#,##0" if places == 0 else "#,##0." + "0" * places


def csv_cell(value: object) -> object:
    """A number for a CSV cell: whole numbers without ".0" (875, not 875.0); missing as empty."""
    if missing(value):
        return "" if not isinstance(value, str) else value
    if isinstance(value, bool):
        return value
    number = float(value)  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number
