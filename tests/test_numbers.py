"""find_quantities: how reports write numbers, units and qualifiers, read as a specification.

Every sentence here is invented for the test; none is taken from a sample report.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import numbers
from pipeline.numbers import find_quantities, parse_numeral

# (text, [(value, unit, qualifier), ...]) — every quantity find_quantities reports, in order.
CASES = [
    # Arabic numerals, separators, decimals
    ("办理案件57件", [(57, "件", "exact")]),
    ("共计3,406件", [(3406, "件", "exact")]),
    ("总数2,004,318户", [(2004318, "户", "exact")]),
    # thousands grouped by a space, as yearbooks print them: the whole number, never its last group
    ("实有各类市场主体15 862户", [(15862, "户", "exact")]),
    ("5 000件", [(5000, "件", "exact")]),
    ("1 234 567户", [(1234567, "户", "exact")]),
    ("比例为97.25%", [(97.25, "%", "exact")]),
    ("达到0.6%", [(0.6, "%", "exact")]),
    ("共 83 起", [(83, "起", "exact")]),
    # 万 / 亿 multipliers
    ("达到37万户", [(370000, "户", "exact")]),
    ("达到6.48万户", [(64800, "户", "exact")]),
    ("突破2.3亿户", [(230000000, "户", "at_least")]),
    ("共3.5万余件", [(35000, "件", "at_least")]),
    ("共4万多家", [(40000, "家", "at_least")]),
    # a bare magnitude after a qualifier word
    ("逾千件", [(1000, "件", "at_least")]),
    ("近万件", [(10000, "件", "approx")]),
    ("突破百万户", [(1000000, "户", "at_least")]),
    ("上万件", [(10000, "件", "at_least")]),
    # Chinese numerals
    ("办理四百五十六件", [(456, "件", "exact")]),
    ("受理二千零七件", [(2007, "件", "exact")]),
    ("新增两千三百户", [(2300, "户", "exact")]),
    ("共七十三宗", [(73, "宗", "exact")]),
    ("九万余户", [(90000, "户", "at_least")]),
    # percentages in words
    ("达到百分之八十五", [(85, "%", "exact")]),
    ("达到百分之九十七点五", [(97.5, "%", "exact")]),
    ("实现百分之百", [(100, "%", "exact")]),
    # qualifiers before the number
    ("突破5000件", [(5000, "件", "at_least")]),
    ("超过640件", [(640, "件", "at_least")]),
    ("逾320件", [(320, "件", "at_least")]),
    ("近900件", [(900, "件", "approx")]),
    ("约1.8万户", [(18000, "户", "approx")]),
    ("接近75%", [(75, "%", "approx")]),
    ("不超过12%", [(12, "%", "at_most")]),
    ("不足40件", [(40, "件", "at_most")]),
    # qualifiers after the number
    ("260件以上", [(260, "件", "at_least")]),
    ("95%以上", [(95, "%", "at_least")]),
    ("430件左右", [(430, "件", "approx")]),
    ("8%以内", [(8, "%", "at_most")]),
    ("160余件", [(160, "件", "at_least")]),
    ("160多件", [(160, "件", "at_least")]),
    # units that are never counts of cases
    ("下降2.5个百分点", [(2.5, "个百分点", "exact")]),
    ("人民调解员410名", [(410, "名", "exact")]),
    ("咨询2600人次", [(2600, "人次", "exact")]),
    # several in one stretch
    ("受理71件,审结69件", [(71, "件", "exact"), (69, "件", "exact")]),
]

# Text with no quantity in it: words that look like numbers, numbers without units, ranges.
NOTHING = [
    "一是加强组织领导",
    "第一百件",
    "一件事一次办",
    "受理了大量案件",
    "编号为20221108",
    "300至500件",  # a range is neither end on its own
    "30%-40%",
    "1200件到1500件",
    "4,56件",  # a malformed separator must not become 56
    "5 00件",  # nor a short group after a space 00
    "9" * 400 + "件",  # hundreds of digits are noise, not a figure
    "千家万户",  # a bare magnitude with no qualifier word is no figure
    "数千件",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quantities(text: str, expected: list[tuple[float, str, str]]) -> None:
    found = [(q.value, q.unit, q.qualifier) for q in find_quantities(text)]
    assert found == [(pytest.approx(v), u, q) for v, u, q in expected]


@pytest.mark.parametrize("text", NOTHING)
def test_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_cover_the_number_and_unit() -> None:
    text = "全年受理1,050件"
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == "1,050件" == q.text


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,234", 1234), ("98.6", 98.6), ("一千二百三十", 1230), ("六十九", 69), ("两百", 200), ("二〇五", 205)],
)
def test_parse_numeral(raw: str, value: float) -> None:
    assert parse_numeral(raw) == pytest.approx(value)


def test_parse_numeral_rejects_words() -> None:
    assert parse_numeral("若干") is None


_ALPHABET = st.sampled_from(
    list("0123456789,.%万亿余多近约超逾件户家起宗名人次个百分点之")
    + list("一二两三四五六七八九十百千零〇以上左右内下至-— 受理审结")
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40))
def test_random_text_never_raises_and_values_are_finite(text: str) -> None:
    for q in find_quantities(text):
        assert math.isfinite(q.value)
        assert 0 <= q.start < q.end <= len(text)
        assert q.qualifier in {"exact", "at_least", "approx", "at_most"}


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("近5千件", 5000, "approx"),
        ("1.2千件", 1200, "exact"),
        ("3千余户", 3000, "at_least"),
        ("2千万户", 20_000_000, "exact"),
    ],
)
def test_thousands_after_arabic_digits(text: str, value: float, qualifier: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.qualifier) == (value, qualifier)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二三年度", "2023年度"),
        ("二零二二年,", "2022年,"),
        ("一九九九年", "1999年"),
        ("十二〇二三年", "十二〇二三年"),
        ("三〇二三年", "三〇二三年"),
        ("二〇二三", "二〇二三"),
    ],
)
def test_years_in_chinese_numerals_become_digits_one_for_one(text: str, expected: str) -> None:
    from pipeline.numbers import arabic_years

    assert arabic_years(text) == expected
    assert len(arabic_years(text)) == len(text)


@pytest.mark.parametrize(("text", "value"), [("1.12万件", 11200), ("0.07万件", 700), ("1.59亿户", 159_000_000)])
def test_a_decimal_in_wan_or_yi_is_exact(text: str, value: int) -> None:
    # 1.12 × 10000 in binary floating point is 11200.000000000002: the table would show it so
    [quantity] = find_quantities(text)
    assert quantity.value == value


@pytest.mark.parametrize("text", ["万人成讼率为1.78件/万人", "每年新增2.3户/千人"])
def test_a_unit_over_another_is_a_ratio_not_a_count(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("joiner", sorted(numbers._JOINERS))
@pytest.mark.parametrize("gap", ["", " ", "\u3000 "])
def test_every_range_joiner_keeps_both_ends_out(joiner: str, gap: str) -> None:
    # numbers._in_range_expression looks at the last character before a figure before it searches
    assert find_quantities(f"受理300{gap}{joiner}{gap}500件") == []


_RANGE_ALPHABET = st.sampled_from(list("0123456789三万亿件%年 \n\u3000,受") + sorted(numbers._JOINERS))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_RANGE_ALPHABET, max_size=30))
def test_range_check_agrees_with_the_plain_search(text: str) -> None:
    # the look at the last character before a figure only saves the search: it never changes the answer
    for match in numbers.QUANTITY_RE.finditer(text):
        q = numbers.Quantity(1.0, match.group("unit"), "exact", match.start(), match.end(), match.group(0))
        head = text[max(0, q.start - 12) : q.start]
        plain = bool(numbers.RANGE_START_RE.search(head) or numbers.RANGE_END_RE.match(text, q.end))
        assert numbers._in_range_expression(text, q) == plain
