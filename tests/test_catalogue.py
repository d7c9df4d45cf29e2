"""The indicator catalogue (pipeline/rules/indicators.yaml) is complete and self-consistent."""

from __future__ import annotations

import pytest

from pipeline import catalogue as cat

# The sixteen ids the product promises (../shared/README.md).
IDS = {
    "review_received",
    "review_accepted",
    "review_concluded",
    "review_corrected",
    "review_correction_rate",
    "court_appearance_rate",
    "mediation_cases",
    "mediation_success",
    "mediation_success_rate",
    "market_entities",
    "market_entities_new",
    "market_entities_growth",
    "litigation_cases",
    "litigation_lost",
    "litigation_loss_rate",
    "legal_aid_cases",
}
RATES = {i for i in IDS if i.endswith("_rate")}


def test_yaml_loads_with_all_sixteen_ids() -> None:
    assert set(cat.catalogue()) >= IDS
    assert set(cat.indicators()) == set(cat.catalogue())


def test_ids_are_unique() -> None:
    ids = [entry["id"] for entry in cat.indicators().values()]
    assert len(ids) == len(set(ids)) == len(cat.catalogue())


@pytest.mark.parametrize("indicator_id", sorted(IDS))
def test_entry_has_name_unit_family_and_cues(indicator_id: str) -> None:
    entry = cat.indicators()[indicator_id]
    for key in ("name", "unit", "family", "cues", "topic", "units"):
        assert entry.get(key), f"{indicator_id} lacks {key}"
    compiled = cat.catalogue()[indicator_id]
    assert compiled.cues.pattern
    assert compiled.unit in compiled.units, "the canonical unit is one a report may write"


@pytest.mark.parametrize("indicator_id", sorted(IDS))
def test_range_is_sane(indicator_id: str) -> None:
    ind = cat.catalogue()[indicator_id]
    assert ind.low < ind.high
    if indicator_id in RATES:
        assert ind.unit == "%" and ind.low >= 0 and ind.high <= 100
    elif ind.unit == "%":  # growth may be negative but is a percentage
        assert ind.low >= -100 and ind.high >= 100
    else:
        assert ind.low >= 0, "counts are never negative"


def test_rates_take_only_percent_and_counts_never_do() -> None:
    for ind in cat.catalogue().values():
        assert (ind.units == {"%"}) == (ind.unit == "%"), ind.id


def test_derive_formulas_name_catalogued_counts() -> None:
    derived = {ind.id: ind.derive for ind in cat.catalogue().values() if ind.derive}
    assert {"review_correction_rate", "mediation_success_rate", "litigation_loss_rate"} <= set(derived)
    for rate, (numerator, denominator) in derived.items():
        assert cat.catalogue()[rate].unit == "%"
        assert cat.catalogue()[numerator].unit != "%" and cat.catalogue()[denominator].unit != "%"


def test_only_market_total_is_a_stock() -> None:
    assert {ind.id for ind in cat.catalogue().values() if ind.stock} == {"market_entities"}


def test_context_words_compile() -> None:
    ctx = cat.context()
    assert ctx.plan.search("力争全年办结")
    assert ctx.cumulative.search("累计办理")
    assert ctx.partial_scope.search("市本级受理")
    assert ctx.previous_year.search("较上年的")


def test_gap_in_a_cue_spans_a_few_characters_but_not_a_clause() -> None:
    pattern = cat.phrase_pattern(["调解…纠纷"])
    assert pattern.search("调解各类矛盾纠纷")
    assert not pattern.search("调解员队伍,化解纠纷")


def test_vocabulary_has_no_gaps() -> None:
    words = cat.vocabulary()
    assert words and all(cat.GAP not in w for w in words)
