"""The indicator catalogue: pipeline/rules/indicators.yaml, loaded and compiled once.

This module owns turning the human-edited rule file into compiled patterns.
It holds no vocabulary of its own: every word the extractor looks for comes
from the YAML file, so a non-programmer extends the extractor there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RULES = Path(__file__).parent / "rules" / "indicators.yaml"
GAP = "…"  # in a cue: up to 8 characters of anything but clause punctuation
_GAP_RE = r"[^,;:。!?()]{0,8}?"


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry with its phrases compiled."""

    id: str
    name: str
    unit: str
    family: str
    units: frozenset[str]
    topics: tuple[str, ...]
    cues: re.Pattern[str]
    not_cues: re.Pattern[str] | None
    needs_subject: re.Pattern[str] | None
    low: float
    high: float
    stock: bool
    derive: tuple[str, str] | None  # (numerator id, denominator id)
    # "行政应诉案件603件,其中一审行政诉讼案件521件": a 其中 part naming one of these is the indicator's
    # value and the wider total before it is not.
    proper_part: re.Pattern[str] | None = None
    # "办理刑事法律援助案件863件": a kind word right before the topic makes the figure a part, unless it
    # is one item of a list of kinds ("刑事、民事法律援助案件").
    narrow_kind: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Context:
    """Words about a figure's status rather than its subject (plans, running totals, scope)."""

    plan: re.Pattern[str]
    cumulative: re.Pattern[str]
    partial_scope: re.Pattern[str]
    previous_year: re.Pattern[str]
    partial_year: re.Pattern[str] | None  # "上半年", "前三季度": part of the year only
    open_total: re.Pattern[str] | None  # "截至11月,共受理…": a total whose start is not stated
    plan_section: re.Pattern[str] | None  # a heading "三、2024年工作打算": its section holds plans
    results_section: re.Pattern[str] | None  # "…成效和下一步打算": a heading that also reports results
    narrower: re.Pattern[str] | None = None  # "直接纠错率" beside "纠错率": a narrower figure of the same indicator


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One regex for a list of catalogue phrases, longest first, '…' as a short gap."""
    if not phrases:
        return None
    parts = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return re.compile("|".join(re.escape(p).replace(re.escape(GAP), _GAP_RE) for p in parts))


def _derive_pair(formula: str | None) -> tuple[str, str] | None:
    if not formula:
        return None
    numerator, denominator = (part.strip() for part in formula.split("/"))
    return numerator, denominator


def _indicator(entry: dict) -> Indicator:
    low, high = entry.get("range", [float("-inf"), float("inf")])
    return Indicator(
        id=entry["id"],
        name=entry["name"],
        unit=str(entry["unit"]),
        family=entry["family"],
        units=frozenset(str(u) for u in entry["units"]),
        topics=tuple(entry["topic"]),
        cues=phrase_pattern(entry["cues"]),
        not_cues=phrase_pattern(entry.get("not_cues", [])),
        needs_subject=phrase_pattern(entry.get("needs_subject", [])),
        low=float(low),
        high=float(high),
        stock=bool(entry.get("stock", False)),
        derive=_derive_pair(entry.get("derive")),
        proper_part=phrase_pattern(entry.get("proper_part", [])),
        narrow_kind=_narrow_kind(entry.get("narrow_kinds", []), entry["topic"]),
    )


def _narrow_kind(kinds: list[str], topics: list[str]) -> re.Pattern[str] | None:
    if not kinds:
        return None
    kind, topic = phrase_pattern(kinds), phrase_pattern(topics)
    return re.compile(rf"(?<![、和及与])(?:{kind.pattern})(?:{topic.pattern})")


@cache
def _raw() -> dict:
    return yaml.safe_load(RULES.read_text(encoding="utf-8"))


@cache
def catalogue() -> dict[str, Indicator]:
    """Compiled catalogue entries keyed by indicator id, in file order."""
    return {entry["id"]: _indicator(entry) for entry in _raw()["indicators"]}


def indicators() -> dict[str, dict]:
    """The raw catalogue entries keyed by id (names, units, families) for tables and the app."""
    return {entry["id"]: entry for entry in _raw()["indicators"]}


@cache
def context() -> Context:
    words = _raw()["context"]
    return Context(
        plan=phrase_pattern(words["plan_markers"]),
        cumulative=phrase_pattern(words["cumulative_markers"]),
        partial_scope=phrase_pattern(words["partial_scope_markers"]),
        previous_year=phrase_pattern(words["previous_year_markers"]),
        partial_year=phrase_pattern(words.get("partial_year_markers", [])),
        open_total=phrase_pattern(words.get("open_total_markers", [])),
        plan_section=phrase_pattern(words.get("plan_section_markers", [])),
        results_section=phrase_pattern(words.get("results_section_markers", [])),
        narrower=phrase_pattern(words.get("narrower_markers", [])),
    )


@cache
def topic_pattern() -> re.Pattern[str]:
    """Every topic word of every indicator, and every word that only looks like one
    (`not_topics`: "调解和解" is a 复议 or 诉讼 step, not 调解's topic), longest first."""
    return phrase_pattern([t for ind in catalogue().values() for t in ind.topics] + list(not_topics()))


@cache
def not_topics() -> frozenset[str]:
    """Words that contain a topic word but name no topic (they leave the subject in force)."""
    return frozenset(str(w) for w in (_raw().get("context") or {}).get("not_topic_words", []))


@cache
def vocabulary() -> tuple[str, ...]:
    """Catalogue words for the jieba user dictionary (no gaps)."""
    words: set[str] = set()
    for entry in _raw()["indicators"]:
        for key in ("topic", "cues", "not_cues", "needs_subject", "proper_part"):
            words.update(str(w) for w in entry.get(key, []) if GAP not in str(w))
    return tuple(sorted(words))
