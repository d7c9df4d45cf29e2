"""Derived Facts: rates computed from two stated counts of the same document and year.

This module owns the catalogue's `derive` formulas (numerator / denominator × 100).
A stated rate always wins, so a rate is derived only where the text gives none;
and only from exact, single-valued counts, because a rate built on a lower bound
or on two competing readings would be a number nobody reported. It never looks
at text.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline import catalogue as cat
from pipeline.model import PERIOD_YEAR, Fact

Key = tuple[int | None, str]


def derive_facts(facts: list[Fact], year: int | None) -> list[Fact]:
    """`facts` plus the rates computable from them that the text did not state."""
    by_key: dict[Key, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.period == PERIOD_YEAR:
            by_key[(fact.year or year, fact.indicator)].append(fact)
    years = {fact_year for fact_year, _ in by_key}
    derived = [
        rate
        for indicator in cat.catalogue().values()
        if indicator.derive
        for fact_year in sorted(years, key=lambda y: y or 0)
        if not by_key.get((fact_year, indicator.id))
        for rate in [_rate(indicator, by_key, fact_year)]
        if rate is not None
    ]
    return list(facts) + derived


def _single_exact(facts: list[Fact]) -> Fact | None:
    values = {f.value for f in facts}
    if len(values) != 1 or any(f.qualifier != "exact" for f in facts):
        return None
    return facts[0]


def _rate(indicator: cat.Indicator, by_key: dict[Key, list[Fact]], year: int | None) -> Fact | None:
    numerator_id, denominator_id = indicator.derive
    numerator = _single_exact(by_key.get((year, numerator_id), []))
    denominator = _single_exact(by_key.get((year, denominator_id), []))
    if numerator is None or denominator is None or denominator.value <= 0:
        return None
    if numerator.value > denominator.value:
        return None
    value = round(numerator.value / denominator.value * 100, 2)
    evidence = numerator.evidence
    if denominator.evidence != numerator.evidence:
        evidence = f"{denominator.evidence} …… {numerator.evidence}"
    return Fact(
        indicator=indicator.id,
        value=value,
        qualifier="exact",
        method="derived",
        evidence=evidence,
        start=min(numerator.start, denominator.start),
        end=max(numerator.end, denominator.end),
        year=year,
        period=PERIOD_YEAR,
        note=f"{numerator.note} ÷ {denominator.note} × 100",
    )
