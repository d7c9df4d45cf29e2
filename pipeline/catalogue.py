"""The indicator catalogue in force, as the stages read it.

This module owns nothing but access: the rule files are loaded, checked and compiled by
`pipeline.rules`; this facade hands the stages the compiled catalogue, the context words and the
grammar of the rule set in force (`rules.current()`, which a test may replace with `rules.using`).
It holds no vocabulary of its own.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline import rules
from pipeline.rules import GAP, Context, Grammar, Indicator, Inference, phrase_pattern, pinned

__all__ = [
    "GAP",
    "Context",
    "Grammar",
    "Indicator",
    "Inference",
    "catalogue",
    "context",
    "grammar",
    "indicators",
    "inferences",
    "not_topics",
    "phrase_pattern",
    "pinned",
    "topic_pattern",
    "vocabulary",
]


# The stages ask for the catalogue and the grammar about a thousand times a report: each accessor
# below is `rules.current()` inlined (one call less every time).
_ACTIVE = rules.ACTIVE
_default = rules.default_rule_set


def _current() -> rules.RuleSet:
    active = _ACTIVE.get()
    return active if active is not None else _default()


def catalogue() -> dict[str, Indicator]:
    """Compiled catalogue entries keyed by indicator id, in file order."""
    active = _ACTIVE.get()
    return (active if active is not None else _default()).indicators


def indicators() -> dict[str, dict[str, Any]]:
    """The raw catalogue entries keyed by id (names, units, families) for tables and the app."""
    active = _ACTIVE.get()
    return (active if active is not None else _default()).entries


def context() -> Context:
    active = _ACTIVE.get()
    return (active if active is not None else _default()).context


def grammar() -> Grammar:
    active = _ACTIVE.get()
    return (active if active is not None else _default()).grammar


def inferences() -> tuple[Inference, ...]:
    return _current().inferences


def topic_pattern() -> re.Pattern[str]:
    """Every topic word of every indicator, and every word that only looks like one
    (`not_topics`: "调解和解" is a 复议 or 诉讼 step, not 调解's topic), longest first."""
    active = _ACTIVE.get()
    return (active if active is not None else _default()).topic_pattern


def not_topics() -> frozenset[str]:
    """Words that contain a topic word but name no topic (they leave the subject in force)."""
    active = _ACTIVE.get()
    return (active if active is not None else _default()).not_topics


def vocabulary() -> tuple[str, ...]:
    """Catalogue words for the jieba user dictionary (no gaps)."""
    return _current().vocabulary
