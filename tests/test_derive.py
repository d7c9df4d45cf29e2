"""derive_facts: a rate from its two stated counts, only when the text states none and the counts are sound."""

from __future__ import annotations

import pytest

from pipeline.derive import derive_facts
from pipeline.extract import extract_facts
from pipeline.model import PERIOD_CUMULATIVE, Fact

YEAR = 2022


def fact(indicator: str, value: float, qualifier: str = "exact", year: int | None = None, **kw) -> Fact:
    return Fact(indicator, value, qualifier, evidence=f"{indicator}{value}", year=year, **kw)


def derived(facts: list[Fact]) -> list[tuple]:
    return sorted((f.indicator, f.value, f.year) for f in derive_facts(facts, YEAR) if f.method == "derived")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # each rate from its own pair: numerator / denominator × 100, two decimals
        ([("review_corrected", 30), ("review_concluded", 400)], [("review_correction_rate", 7.5, YEAR)]),
        ([("mediation_success", 940), ("mediation_cases", 1000)], [("mediation_success_rate", 94.0, YEAR)]),
        ([("litigation_lost", 12), ("litigation_cases", 300)], [("litigation_loss_rate", 4.0, YEAR)]),
        ([("litigation_lost", 1), ("litigation_cases", 3)], [("litigation_loss_rate", 33.33, YEAR)]),
        # equal counts give 100
        ([("mediation_success", 215), ("mediation_cases", 215)], [("mediation_success_rate", 100.0, YEAR)]),
        # a numerator larger than its denominator is two readings that do not belong together
        ([("review_corrected", 50), ("review_concluded", 40)], []),
        # a zero denominator gives nothing
        ([("litigation_lost", 0), ("litigation_cases", 0)], []),
        # one count alone gives nothing
        ([("review_corrected", 30)], []),
        ([("mediation_cases", 1000)], []),
        # accepted is not the correction rate's denominator
        ([("review_corrected", 30), ("review_accepted", 400)], []),
    ],
)
def test_rate_from_two_counts(counts: list[tuple[str, float]], expected: list[tuple]) -> None:
    assert derived([fact(i, v) for i, v in counts]) == expected


def test_derived_fact_is_labelled_and_evidenced() -> None:
    facts = [fact("litigation_cases", 250), fact("litigation_lost", 10)]
    (rate,) = [f for f in derive_facts(facts, YEAR) if f.method == "derived"]
    assert rate.qualifier == "exact"
    assert "litigation_cases" in rate.evidence and "litigation_lost" in rate.evidence
    assert rate.note


def test_stated_rate_wins() -> None:
    facts = [fact("mediation_cases", 1000), fact("mediation_success", 940), fact("mediation_success_rate", 96.5)]
    out = derive_facts(facts, YEAR)
    assert [(f.value, f.method) for f in out if f.indicator == "mediation_success_rate"] == [(96.5, "reported")]


@pytest.mark.parametrize("qualifier", ["at_least", "approx", "at_most"])
def test_no_rate_from_a_bound_or_an_estimate(qualifier: str) -> None:
    assert derived([fact("mediation_cases", 1000, qualifier), fact("mediation_success", 940)]) == []
    assert derived([fact("mediation_cases", 1000), fact("mediation_success", 940, qualifier)]) == []


def test_counts_since_january_written_in_december_make_no_rate() -> None:
    # lower bounds of the year (今年以来 on 28 December): a rate of them would be a number nobody reported
    text = "今年以来,该院共受理一审行政诉讼案件47件,其中行政机关败诉3件。"
    out = derive_facts(extract_facts(text, YEAR, published=f"{YEAR}-12-28"), YEAR)
    assert [f for f in out if f.method == "derived"] == []


def test_no_rate_from_two_competing_readings() -> None:
    facts = [fact("review_concluded", 400), fact("review_concluded", 420), fact("review_corrected", 30)]
    assert derived(facts) == []


def test_same_value_twice_is_one_reading() -> None:
    facts = [fact("review_concluded", 400), fact("review_concluded", 400), fact("review_corrected", 30)]
    assert derived(facts) == [("review_correction_rate", 7.5, YEAR)]


def test_counts_pair_within_their_own_year() -> None:
    facts = [
        fact("litigation_cases", 200, year=2021),
        fact("litigation_lost", 10, year=2021),
        fact("litigation_cases", 400),
        fact("litigation_lost", 8, year=2020),
    ]
    assert derived(facts) == [("litigation_loss_rate", 5.0, 2021)]


def test_explicit_report_year_pairs_with_unstated_year() -> None:
    facts = [fact("litigation_cases", 400, year=YEAR), fact("litigation_lost", 8)]
    assert [(i, v) for i, v, _ in derived(facts)] == [("litigation_loss_rate", 2.0)]


def test_running_totals_are_never_used() -> None:
    facts = [
        fact("litigation_cases", 2000, period=PERIOD_CUMULATIVE),
        fact("litigation_lost", 90, period=PERIOD_CUMULATIVE),
    ]
    assert derived(facts) == []


def test_input_facts_are_kept() -> None:
    facts = [fact("review_corrected", 30), fact("review_concluded", 400)]
    assert derive_facts(facts, YEAR)[: len(facts)] == facts


# --- end to end: text -> facts -> derived --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年调解矛盾纠纷800件,调解成功780件。", [("mediation_success_rate", 97.5)]),
        ("全年审结行政复议案件250件,直接纠错20件。", [("review_correction_rate", 8.0)]),
        ("全年行政应诉案件125起,败诉5起。", [("litigation_loss_rate", 4.0)]),
        # the rate is stated: nothing derived
        ("全年调解矛盾纠纷800件,调解成功780件,调解成功率96%。", []),
        # a lower bound cannot make a rate
        ("全年调解矛盾纠纷800余件,调解成功780件。", []),
        # a running total cannot make a rate
        ("2016年以来累计发生行政诉讼案件1,250件,败诉50件。", []),
    ],
)
def test_from_text(text: str, expected: list[tuple[str, float]]) -> None:
    out = derive_facts(extract_facts(text, YEAR), YEAR)
    assert sorted((f.indicator, f.value) for f in out if f.method == "derived") == expected
