"""Hostile text that used to give wrong values with status ok, or lose a good report: format
characters inside figures, exponents, minus signs, 百分之一千, a stray NUL byte, a file half
UTF-8 and half GBK. A wrong number is worse than a missing one."""

from __future__ import annotations

import pytest

from pipeline.api import process_bytes
from pipeline.ingest import normalise_text, read_bytes
from pipeline.numbers import find_quantities
from tests.conftest import HUANGSHAN_2023


def values(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u200f", "\u2063", "\U000e0041"])
def test_format_characters_are_removed_by_normalisation(char: str):
    assert normalise_text(f"受理32{char}0件") == "受理320件"


def test_a_bidi_override_inside_a_figure_never_reads_as_another_figure():
    assert values("32\u202e0件") == []  # unnormalised: nothing rather than 0


def test_a_bidi_override_inside_a_report_figure_reads_the_whole_figure():
    text = HUANGSHAN_2023.replace("申请320件", "申请32\u202e0件")
    facts = {f.indicator: f.value for f in process_bytes(text.encode(), "x.txt")[2]}
    assert facts["review_received"] == 320


@pytest.mark.parametrize("text", ["1e308件", "1E5件", "2e+3件", "COVID19例", "A120件"])
def test_a_figure_glued_to_a_latin_letter_is_no_quantity(text: str):
    assert values(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("同比增长-50%", [(-50.0, "%")]),
        ("同比增长−12.5%", [(-12.5, "%")]),
        ("同比增长负5%", [(-5.0, "%")]),
        ("下降-3个百分点", [(-3.0, "个百分点")]),
    ],
)
def test_a_negative_rate_keeps_its_sign(text: str, expected: list):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["受理-50件", "受理−12件", "新增市场主体-3万户"])
def test_a_negative_count_is_never_a_value(text: str):
    assert values(text) == []


@pytest.mark.parametrize("text", ["30%-40%", "30%−40%", "30件−40件", "300至500件"])
def test_a_range_is_still_no_value(text: str):
    assert values(text) == []


def test_a_negative_growth_of_market_entities_stays_negative_in_a_report():
    text = HUANGSHAN_2023.replace("二、行政应诉工作", "全市实有市场主体总量同比增长−2.5%。\n二、行政应诉工作")
    facts = {f.indicator: f.value for f in process_bytes(text.encode(), "x.txt")[2]}
    assert all(value != 2.5 for value in facts.values())


def test_a_negative_rate_is_never_a_positive_rate_in_a_report():
    text = HUANGSHAN_2023.replace("出庭应诉率达到100%", "出庭应诉率达到-50%")
    facts = {f.indicator: f.value for f in process_bytes(text.encode(), "x.txt")[2]}
    assert 50 not in facts.values() and -50 not in facts.values()


def test_percent_words_read_the_whole_numeral():
    assert values("百分之一千") == [(1000.0, "%")]
    assert values("百分之九十五") == [(95.0, "%")]


def test_a_stray_nul_byte_does_not_make_a_good_report_binary():
    doc = read_bytes(HUANGSHAN_2023.encode().replace("。".encode(), "。\x00".encode(), 1), "x.txt")
    assert doc.status == "ok" and "\x00" not in doc.text


def test_a_file_of_nul_bytes_is_still_binary():
    assert read_bytes(b"\x00" * 5000, "x.txt").status == "binary"


def test_a_file_half_utf8_and_half_gbk_keeps_the_values_of_both_halves():
    head, tail = HUANGSHAN_2023.split("二、行政应诉工作")
    data = head.encode("utf-8") + ("二、行政应诉工作" + tail).encode("gbk")
    doc, loc, facts = process_bytes(data, "mixed.txt")
    found = {f.indicator: f.value for f in facts}
    assert doc.status == "ok" and loc.place.name == "黄山市"
    assert found["review_received"] == 320 and found["court_appearance_rate"] == 100


def test_a_line_mixing_utf8_and_gbk_is_decoded_segment_by_segment():
    line = "全年共收到行政复议申请".encode() + "320件,受理298件。".encode("gbk")
    data = HUANGSHAN_2023.encode() + b"\n" + line
    assert "受理298件" in read_bytes(data, "x.txt").text
