"""extract_facts, specified by example: a text and every row it must yield — no more, no fewer.

The examples are data: every case of tests/cases/*.yaml (format in tests/cases/README.md) runs through
`test_sentence`, with a test id made of its file's name and the start of its text. A row is (indicator,
year, value, qualifier). Unless a case names a `period`, only single-year facts are compared; with
`period: cumulative` (running totals) or `period: year` the rows are every fact of that period and no
fact of another period may be found. A wrong number is worse than a missing one, so a text whose
figure is not one of ours expects no rows.

The tests below the data are about mechanisms the tables cannot state: how a value was found (reported
or inferred), evidence and its offsets, tables read cell by cell, traditional characters quoted as
written, text rejoined by ingest. Every sentence here and in the case files was written for these tests.
"""

from __future__ import annotations

import pytest
from case_files import SentenceCase, case_ids, sentence_cases

from pipeline.extract import extract_facts
from pipeline.ingest import normalise_text, read_bytes
from pipeline.model import PERIOD_CUMULATIVE, PERIOD_YEAR, Fact

YEAR = 2022  # the year every report of the mechanism tests is about

CASES = sentence_cases()


def rows(facts: list[Fact], period: str = PERIOD_YEAR, year: int = YEAR) -> list[tuple]:
    return sorted(
        (f.indicator, round(f.value, 4), f.qualifier, f.year if f.year is not None else year)
        for f in facts
        if f.period == period
    )


def expected_rows(expected: list | tuple) -> list[tuple]:
    """Rows as the case files write them, (indicator, year, value, qualifier), in the order `rows` gives."""
    return sorted(
        (indicator, round(float(value), 4), qualifier, int(year)) for indicator, year, value, qualifier in expected
    )


@pytest.mark.parametrize("case", CASES, ids=case_ids(CASES))
def test_sentence(case: SentenceCase) -> None:
    # read as the pipeline reads it: after ingest's normalisation (full-width digits, punctuation)
    facts = extract_facts(normalise_text(case.text), case.year, case.place, case.subs, case.published)
    assert rows(facts, case.period or PERIOD_YEAR, case.year) == expected_rows(case.rows)
    if case.period:
        assert [f for f in facts if f.period != case.period] == []


def test_every_indicator_is_specified() -> None:
    from pipeline import api

    covered = {row[0] for case in CASES if case.period != PERIOD_CUMULATIVE for row in case.rows}
    assert set(api.catalogue()) <= covered


def test_at_least_one_hundred_sentence_cases() -> None:
    assert len(CASES) >= 100


def test_a_text_of_no_known_year_reads_a_figure_following_a_dated_one_without_failing() -> None:
    """'总量由2012年的…增加到…,其中企业由…增至…' where the document's year is unknown: the figure after the dated one
    has no year to compare (it once raised a TypeError, and the whole document fell out of the build)."""
    text = normalise_text(
        "据介绍,全省经营主体总量由2015年的310万户增加到620万户,其中,企业由90多万户增至210万户,个体户由200万户增至380万户。"
    )
    facts = extract_facts(text, None)
    assert ("market_entities", 3100000.0, 2015) in [(f.indicator, f.value, f.year) for f in facts]


# --- how much of the year "今年以来" covers: the document's publication date ---------------------

SINCE_JANUARY = "今年以来,全县累计调解矛盾纠纷286起,调解成功281起,调解成功率98.3%。"


def _read_published(text: str, published: str) -> list[tuple]:
    return sorted((f.indicator, f.value, f.qualifier) for f in extract_facts(text, YEAR, published=published))


def test_since_january_in_a_june_item_is_half_a_year_and_not_the_years_figure() -> None:
    assert _read_published(SINCE_JANUARY, f"{YEAR}-06-20") == []


def test_since_january_in_a_november_item_bounds_the_years_counts_but_gives_no_rate() -> None:
    assert _read_published(SINCE_JANUARY, f"{YEAR}-11-05") == [
        ("mediation_cases", 286, "at_least"),
        ("mediation_success", 281, "at_least"),
    ]


def test_since_january_in_a_december_item_is_the_year() -> None:
    assert [row[0] for row in _read_published(SINCE_JANUARY, f"{YEAR}-12-28")] == [
        "mediation_cases",
        "mediation_success",
        "mediation_success_rate",
    ]


def test_since_the_reports_year_in_a_letter_of_mid_next_year_is_a_running_period() -> None:
    text = f"{YEAR}年以来,全区调解矛盾纠纷15.6万件,调解成功率98.9%。"
    assert _read_published(text, f"{YEAR + 1}-07-15") == []
    assert len(_read_published(text, f"{YEAR + 1}-02-10")) == 2  # the year's report, published in time


def test_up_to_now_in_a_september_item_is_not_the_years_figure() -> None:
    text = "截至目前,该中心共办理法律援助案件241件。"
    assert _read_published(text, f"{YEAR}-09-15") == []
    assert _read_published(text, f"{YEAR}-12-27") != []


def test_last_year_said_in_a_january_paper_is_the_year_written_about() -> None:
    text = "去年,全市法律援助机构共办理法律援助案件1,652件。"
    facts = extract_facts(text, YEAR, published=f"{YEAR + 1}-01-18")
    assert [(f.indicator, f.year, f.value) for f in facts] == [("legal_aid_cases", YEAR, 1652)]
    assert [f.year for f in extract_facts(text, YEAR)] == [YEAR - 1]  # no date: last year of the report's


# --- methods and evidence ----------------------------------------------------------------------


def test_all_concluded_is_inferred_from_accepted() -> None:
    facts = extract_facts("全年受理行政复议案件86件,均已依法审结", YEAR)
    concluded = [f for f in facts if f.indicator == "review_concluded"]
    assert [(f.value, f.method) for f in concluded] == [(86, "inferred")]


def test_stated_concluded_is_not_replaced_by_an_inference() -> None:
    facts = extract_facts("受理行政复议案件90件,审结88件,其余已全部审结", YEAR)
    assert [(f.value, f.method) for f in facts if f.indicator == "review_concluded"] == [(88, "reported")]


def test_evidence_is_the_sentence_at_its_offsets() -> None:
    text = "一、基本情况。全年审结行政复议案件77件。其他工作。"
    (fact,) = extract_facts(text, YEAR)
    assert fact.evidence == "全年审结行政复议案件77件。"
    assert text[fact.start : fact.end] == fact.evidence
    assert fact.method == "reported"


def test_a_table_with_year_columns_is_read_cell_by_cell() -> None:
    text = (
        "主要指标如下。\n指标 | 单位 | 2021年 | 2022年 | 同比\n"
        "收到行政复议申请 | 件 | 212 | 247 | +16.5%\n"
        "行政复议纠错率(%) | | 10.4 | 9.1 | -1.3个百分点\n"
        "实有市场主体(万户) | | 8.6 | 9.2 | +7.0%\n"
        "新增市场主体(户) | | 9,820 | 10,315 | +5.0%\n"
        "普法活动(场) | | 120 | 136 | +13.3%\n"
    )
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows(
        [
            ("review_received", 2021, 212, "exact"),
            ("review_received", 2022, 247, "exact"),
            ("review_correction_rate", 2021, 10.4, "exact"),
            ("review_correction_rate", 2022, 9.1, "exact"),
            ("market_entities", 2021, 86000, "exact"),
            ("market_entities", 2022, 92000, "exact"),
            ("market_entities_growth", 2022, 7.0, "exact"),
            ("market_entities_new", 2021, 9820, "exact"),
            ("market_entities_new", 2022, 10315, "exact"),
        ]
    )
    assert all(f.evidence == text[f.start : f.end] and " | " in f.evidence for f in facts)


def test_traditional_characters_are_read_and_quoted_as_written() -> None:
    text = "全年共收到行政複議申請96件,審結85件。"
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows(
        [("review_received", 2022, 96, "exact"), ("review_concluded", 2022, 85, "exact")]
    )
    assert all(f.evidence == text[f.start : f.end] and "複議" in f.evidence for f in facts)


WRAPPED = """潍河市人民政府关于2022年度法治政府建设
情况的报告
2022年,市政府坚持以习近平新时代中国特色社会主义思想为指
导,深入贯彻习近平法治思想,扎实推进法治政府建设工作。
一、主要工作成效
全市行政复议机关共收到行政复议申请1,846件,受理1,517件,审
结1,433件。全市法院受理一审行政诉讼案件372件,负责人出庭

— 3 —

应诉率达到99.3%。全市法律援助机构办理法律援助案件2,315件
,挽回经济损失1.2亿元。
二、存在的问题
一是法治政府建设发展还不够平衡;二是行政执法规范化水平还
需进一步提升。
"""


def test_text_with_hard_line_breaks_is_read_across_them_once_ingest_rejoins_it() -> None:
    text = read_bytes(WRAPPED.encode("utf-8"), "copied-from-pdf.txt").text  # ingest owns the rejoining
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows(
        [
            ("review_received", 2022, 1846, "exact"),
            ("review_accepted", 2022, 1517, "exact"),
            ("review_concluded", 2022, 1433, "exact"),
            ("litigation_cases", 2022, 372, "exact"),
            ("court_appearance_rate", 2022, 99.3, "exact"),
            ("legal_aid_cases", 2022, 2315, "exact"),
        ]
    )
    for fact in facts:  # offsets point into the document text
        assert text[fact.start : fact.end] == fact.evidence
