"""Numbers as reports write them: numerals, 万/亿, units and qualifiers.

This module owns turning a stretch of normalised text into `Quantity` records
(value in canonical units, the unit word, the qualifier and where it stands).
It knows nothing about indicators, places or years, and must never guess:
a number without a unit word right after it is not a quantity.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

AT_LEAST, APPROX, AT_MOST, EXACT = "at_least", "approx", "at_most", "exact"

# Longest first so that 个百分点 wins over 个, 件次 over 件, 人次 over 人.
UNITS = (
    "个百分点",
    "百分点",
    "万元",
    "亿元",
    "件次",
    "人次",
    "平方米",
    "公里",
    "%",
    "件",
    "起",
    "宗",
    "户",
    "家",
    "个",
    "名",
    "人",
    "次",
    "份",
    "项",
    "场",
    "条",
    "所",
    "元",
    "倍",
    "年",
    "月",
    "日",
    "天",
    "个月",
    "批",
    "部",
    "篇",
    "期",
    "处",
    "家次",
)
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_FIRST = "一二两三四五六七八九十"  # how a numeral may start
_CN_NUMERAL = rf"[{_CN_FIRST}][{_CN_DIGITS}十百千]*(?:点[{_CN_DIGITS}]+)?"
# Thousands grouped by commas ("1,234") or, as yearbooks and statistical bulletins print them, by a space
# ("15 862户": every group after the first exactly three digits, the unit right after).
_SPACED = r"\d{1,3}(?: \d{3})+(?:\.\d+)?(?=\s?(?:余|多|万|亿)?\s?(?:" + _UNIT_ALT + r"))"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|" + _SPACED + r"|\d+(?:\.\d+)?"

# Not right after a digit, a decimal point or a digit and comma/space: "5 000件" or "1,23件"
# must not yield 000 or 23 (a wrong number is worse than a missing one). Nor after a Latin
# letter ("1e308件" is no 308) or an invisible format character ("32<U+202E>0件" is no 0).
# A minus sign is kept: a negative count is no value, a negative rate stays negative.
_FORMAT_CHARS = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_MINUS = "-\u2010\u2212\ufe63\uff0d负"
QUANTITY_RE = re.compile(
    # A figure starts with a sign, a digit or a numeral: that one test first, so the scan passes over
    # every other character at once instead of trying the look-behinds there.
    rf"(?=[{_MINUS}\d{_CN_FIRST}])"
    rf"(?<![\d.A-Za-z{_FORMAT_CHARS}])(?<!\d,)(?<!\d\s)(?<![eE][+\-])"
    rf"(?P<sign>[{_MINUS}](?=\d))?"
    rf"(?P<num>{_ARABIC}|{_CN_NUMERAL})"
    r"\s?(?P<more1>余|多)?(?P<mult>万|亿|(?<=\d)千万?)?(?P<more2>余|多)?\s?"
    rf"(?P<unit>{_UNIT_ALT})(?!\s?/)"  # "1.78件/万人" is a ratio, no count of 件
    r"(?P<suffix>以上|左右|以内|以下|上下)?"
)
# "逾千件", "近万件", "突破百万户": a bare magnitude is a figure only right after a qualifier word.
BARE_MAGNITUDE_RE = re.compile(
    r"(?P<pre>突破|超过|将近|接近|逾|超|近|约|上)(?P<mag>百万|千万|百|千|万|亿)(?P<more>余|多)?"
    rf"(?P<unit>{_UNIT_ALT})"
)
_MAGNITUDES = {"百": 100, "千": 1_000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000}
# The whole numeral: "百分之一千" is 1000 (%), never 1.
PERCENT_WORDS_RE = re.compile(rf"百分之(?P<num>[{_CN_DIGITS}十百千万]+(?:点[{_CN_DIGITS}]+)?)")
# "300至500件", "30%-40%": either end of a range is not a value on its own.
_JOINERS = frozenset("-—–~至到\u2010\u2212\ufe63\uff0d")  # the joiners of _RANGE_JOINER, each one character
_RANGE_JOINER = r"\s*(?:-|—|–|~|至|到|\u2010|\u2212|\ufe63|\uff0d)\s*"
RANGE_START_RE = re.compile(rf"[\d{_CN_DIGITS}十百千]\s*(?:万|亿)?\s*(?:{_UNIT_ALT})?{_RANGE_JOINER}$")
RANGE_END_RE = re.compile(rf"{_RANGE_JOINER}[\d{_CN_DIGITS}十百千]")  # used with .match at the unit's end
_AFTER_FIGURE_RE = re.compile(rf"[\d{_CN_DIGITS}十百千万亿%](?:{_UNIT_ALT})?\s*$")  # a minus here joins a range

_PREFIX_QUALIFIERS = (
    ("不超过", AT_MOST),
    ("未超过", AT_MOST),
    ("不足", AT_MOST),
    ("不到", AT_MOST),
    ("低于", AT_MOST),
    ("少于", AT_MOST),
    ("突破", AT_LEAST),
    ("超过", AT_LEAST),
    ("超出", AT_LEAST),
    ("高于", AT_LEAST),
    ("多于", AT_LEAST),
    ("大于", AT_LEAST),
    ("逾", AT_LEAST),
    ("超", AT_LEAST),
    ("将近", APPROX),
    ("接近", APPROX),
    ("大约", APPROX),
    ("约为", APPROX),
    ("约", APPROX),
    ("近", APPROX),
)
_SUFFIX_QUALIFIERS = {"以上": AT_LEAST, "左右": APPROX, "上下": APPROX, "以内": AT_MOST, "以下": AT_MOST}
# 千 only after Arabic digits ("近5千件"); a Chinese numeral spells it itself (三千).
_MULTIPLIERS = {"千": 1_000, "千万": 10_000_000, "万": 10_000, "亿": 100_000_000}


# "二〇二三年": a year spelt digit by digit in Chinese numerals.
_CN_YEAR_RE = re.compile(
    # the first character tested first: the look-behind is then tried only where a year may start
    r"(?=[一二])(?<![一二三四五六七八九十百千万〇零○Ｏ])[一二][〇零○Ｏ九][〇零○Ｏ一二三四五六七八九]{2}(?=\s*年)"
)
_CN_YEAR_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "000012345678" + "9")


def arabic_years(text: str) -> str:
    """`text` with years in Chinese numerals written in digits ('二〇二三年' -> '2023年'), one
    character for one, so offsets stay valid."""
    if "二" not in text and "一" not in text:
        return text
    # locate and extract each read a whole report through this: converted once, not once per stage
    return _arabic_years_long(text) if len(text) > LONG_TEXT else _arabic_years(text)


LONG_TEXT = 200  # characters: a report rather than a line


@lru_cache(maxsize=4)
def _arabic_years_long(text: str) -> str:
    return _arabic_years(text)


def _arabic_years(text: str) -> str:
    return _CN_YEAR_RE.sub(lambda m: _year_digits(m.group(0)), text)


def _year_digits(spelt: str) -> str:
    digits = spelt.translate(_CN_YEAR_DIGITS)
    return digits if digits.startswith(("19", "20")) else spelt


@dataclass(frozen=True)
class Quantity:
    """A number with its unit word, as it stands in the text."""

    value: float  # canonical: 145万户 -> 1450000; 99.8% -> 99.8
    unit: str  # the unit word after the number: 件, 户, %, 个百分点, ...
    qualifier: str  # exact / at_least / approx / at_most
    start: int  # offset of the first character (qualifier prefix excluded)
    end: int  # offset after the unit and any suffix qualifier
    text: str


def parse_numeral(raw: str) -> float | None:
    """'1,234' -> 1234.0, '一千二百三十' -> 1230.0, '99.8' -> 99.8; None if unreadable."""
    raw = raw.replace(",", "").replace(" ", "")
    try:
        value = float(raw)
    except ValueError:
        return _parse_chinese(raw)
    # A run of hundreds of digits is noise (e.g. an ID), not a figure; float() would say inf.
    return value if math.isfinite(value) else None


@cache
def _parse_chinese(raw: str) -> float | None:
    import cn2an  # imported on the first Chinese numeral: its import costs ~0.3 s, many reports need none

    try:
        value = cn2an.cn2an(raw.replace("〇", "零"), "smart")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    return float(value)


_PREFIX_ENDS = frozenset(word[-1] for word, _ in _PREFIX_QUALIFIERS)


def prefix_qualifier(before: str) -> str:
    """The qualifier that the words right before a number give it ('突破' -> at_least)."""
    tail = before[-4:].rstrip("了 ")
    if not tail or tail[-1] not in _PREFIX_ENDS:  # most figures follow no qualifier word at all
        return EXACT
    for word, qualifier in _PREFIX_QUALIFIERS:
        if tail.endswith(word):
            return qualifier
    return EXACT


def _qualifier(more: bool, suffix: str | None, before: str) -> str:
    if more:
        return AT_LEAST
    if suffix:
        return _SUFFIX_QUALIFIERS[suffix]
    return prefix_qualifier(before)


def _is_plausible_chinese(num: str, mult: str | None, text: str, start: int, end: int) -> bool:
    """Chinese numerals are words too ('一件事', '三是'): accept only count-like uses."""
    if num[0].isdigit():
        return True
    if len(num) + len(mult or "") < 2:
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not (before and before in "第每这那其逐一") and not (after and after in "事套")


SIGNED_UNITS = frozenset({"%", "个百分点", "百分点"})  # only rates and their changes may be negative


def _value(num: str, mult: str | None, sign: str | None, unit: str) -> float | None:
    number = parse_numeral(num)
    if number is None:
        return None
    multiplier = _MULTIPLIERS.get(mult or "", 1)
    # in decimal: 1.12万 is 11200, not the 11200.000000000002 a binary product gives
    value = float(Decimal(repr(number)) * multiplier) if multiplier != 1 else number
    if sign:
        return -value if unit in SIGNED_UNITS else None  # "-50件" is no count
    return value


def find_quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`, in order, with canonical values and qualifiers."""
    # The bounds check and extraction read the same sentences: each is scanned once.
    return list(_cached_quantities(text) if len(text) <= CACHED_CHARS else _quantities(text))


CACHED_CHARS = 3_000  # a sentence, not a whole text


@lru_cache(maxsize=2048)
def _cached_quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(_quantities(text))


def _quantities(text: str) -> list[Quantity]:
    found = [_from_match(m, text) for m in QUANTITY_RE.finditer(text)]
    found += [_from_percent_words(m, text) for m in PERCENT_WORDS_RE.finditer(text)]
    found += [_from_bare_magnitude(m) for m in BARE_MAGNITUDE_RE.finditer(text) if m.group("unit") != "%"]
    kept = (q for q in found if q is not None and not _in_range_expression(text, q))
    return sorted(kept, key=lambda q: q.start)


def _in_range_expression(text: str, q: Quantity) -> bool:
    head = text[max(0, q.start - 12) : q.start]
    # RANGE_START_RE ends with a joiner and spaces only (`\s` and `str.rstrip` strip the same characters): a
    # look at the last other character rules most figures out before the search tries every start in `head`
    ends_with_joiner = head.rstrip()[-1:] in _JOINERS
    return bool((ends_with_joiner and RANGE_START_RE.search(head)) or RANGE_END_RE.match(text, q.end))


def _from_match(match: re.Match[str], text: str) -> Quantity | None:
    # the groups read once (a figure is read for every sentence of every report)
    sign, num, more1, mult, more2, unit, suffix = match.group(*_GROUPS)
    start, end = match.span()
    if not _is_plausible_chinese(num, mult, text, start, end):
        return None
    if sign and _AFTER_FIGURE_RE.search(text[max(0, start - 12) : start]):
        return None  # "30%-40%", "30%−40%": the end of a range, not a negative figure
    value = _value(num, mult, sign, unit)
    if value is None:
        return None
    before = text[max(0, start - 6) : start]
    qualifier = _qualifier(bool(more1 or more2), suffix, before)
    return Quantity(value=value, unit=unit, qualifier=qualifier, start=start, end=end, text=match.group(0))


_GROUPS = ("sign", "num", "more1", "mult", "more2", "unit", "suffix")


def _from_percent_words(match: re.Match[str], text: str) -> Quantity | None:
    num = match.group("num")
    # "百分之百": a bare 百 means one hundred, which the numeral parser wants spelt 一百.
    value = _parse_chinese("一" + num if num.startswith("百") else num)
    if value is None:
        return None
    before = text[max(0, match.start() - 6) : match.start()]
    qualifier, end = prefix_qualifier(before), match.end()
    suffix = next((s for s in _SUFFIX_QUALIFIERS if text.startswith(s, end)), None)
    if suffix:  # "百分之九十五以上"
        qualifier, end = _SUFFIX_QUALIFIERS[suffix], end + len(suffix)
    return Quantity(value, "%", qualifier, match.start(), end, text[match.start() : end])


def _from_bare_magnitude(match: re.Match[str]) -> Quantity:
    """'逾千件' -> 1000 at least, '近万件' -> about 10000: never exact, since no figure was given."""
    pre = match.group("pre")
    qualifier = AT_LEAST if pre == "上" or match.group("more") else prefix_qualifier(pre)
    start = match.start("mag")
    return Quantity(
        float(_MAGNITUDES[match.group("mag")]),
        match.group("unit"),
        qualifier,
        start,
        match.end(),
        match.group(0)[len(pre) :],
    )


ROUNDED_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def rounding_step(value: float, written: str) -> float:
    """How much one unit of the last written digit is worth: 100 for '6.93万户' (value 69300), 1 for '69318'."""
    digits = ROUNDED_NUMBER_RE.search(written)
    if digits is None:
        return 1.0
    number = float(digits.group(0).replace(",", ""))
    if number <= 0:
        return 1.0
    return max(1.0, round(value / number) * 10.0 ** -len(digits.group(1) or ""))
