"""The rules as data: pipeline/rules/indicators.yaml and grammar.yaml, checked and compiled once.

Owns: reading the human-edited rule files, checking them against a schema (known keys and types,
units the number reader knows, derive and inference ids that exist, patterns that compile and pass
their own examples, no duplicate ids), compiling them into a `RuleSet`, and which rule set is in
force (`current()`; tests pass a tiny hand-made one with `using(...)`).

A mistake in a rule file raises `RulesError` with one line naming the file, the entry and the key,
with a suggestion where one is obvious:
    indicators.yaml: review_accepted: unknown key 'not_cue' (did you mean 'not_cues'?)

Must never: hold vocabulary of its own (every word comes from the files), read reports, or guess
past a broken rule file (a silently ignored key changes readings: it must stop the pipeline).
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

RULES_DIR = Path(__file__).parent / "rules"
INDICATORS_FILE = "indicators.yaml"
GRAMMAR_FILE = "grammar.yaml"
GAP = "…"  # in a phrase: up to 8 characters of anything but clause punctuation
_GAP_RE = r"[^,;:。!?()]{0,8}?"
_REF_RE = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}")
_BUILTINS = {"YEAR": r"(?:19|20)\d{2}", "CN": "[一二三四五六七八九十]"}
LEVELS_WITH_SCOPE = ("national", "province", "prefecture", "county")

# The grammar patterns the extractor's mechanisms use: a grammar file must define each.
REQUIRED_PATTERNS = (
    "township_title",
    "township_publisher",
    "included_aside",
    "levels_together",
    "same_period_opening",
    "plan_opening",
    "share_after",
    "that_year_opening",
    "table_lead",
    "department_page",
    "each_year_list",
    "last_year_same_period",
    "scope_frame",
    "included_parts",
    "year",
    "year_span",
    "year_pair_total",
    "year_list",
    "respectively_word",
    "respectively_end",
    "list_joiner",
    "transition",
    "change_before",
    "comparison",
    "named_year_of",
    "passing_comparison",
    "cutoff",
    "month_span",
    "year_end",
    "in_year",
    "since_this_year",
    "since_word",
    "since_start",
    "year_of_total",
    "plan_period",
    "ordinal",
    "recipient",
    "month_span_later",
    "day_of_month",
    "event_date",
    "years_of_work",
    "since_any",
    "shared_noun",
    "submitted_by",
    "this_year_word",
    "whole_scope",
    "government_body",
    "previous_aside",
    "subject_prefix",
    "said_last_year",
    "up_to_now",
    "table_value",
    "clause_end",
    "outcome_group",
    "per_period_average",
    "single_month",
    "department_disclosure_title",
    "department_report_title",
    "to_now_span",
    "outcome_item",
    "open_list_end",
    "sent_up",
    "superior_recipient",
    "counted_places",
    "breakdown_lead",
    "same_period",
    "since_later_month",
    "this_year_alone",
    "last_year_subject",
    "correction_outcome",
    "plan_title",
    "each_floor",
    "floor_after",
    "multi_year_rate",
    "recent_years",
    "previous_year_time",
    "label_heading",
    "right_noun",
    "thin_clause",
    "flow",
    "top_heading",
    "appendix",
    "scope_reset",
    "part_start",
    "part_alone",
    "part_word",
    "list_item",
    "subset",
    "parallel_year",
    "subjectless_head",
    "link",
    "total_head",
    "all_of",
    "own_subject",
    "rank",
    "kinds_of_case",
    "bound_year",
    "not_time_before",
    "not_time_after",
    "possessive_after",
    "term_separator",
    "unitless_count",
    "table_year",
    "table_change",
    "table_unit",
    "label_unit",
)
REQUIRED_WORDS = (
    "time_units",
    "multiplier_units",
    "registry_families",
    "metadata_labels",
    "case_step_labels",
    "unitless_nouns",
    "before_month_end",
    "department_self_words",
    "verb_adverbials",
    "plan_periods",
    "plan_period_first_years",
    "total_row_labels",
)
TABLE_KEYS = (
    "cell_sentence",
    "case_cell_sentence",
    "change_sentence",
    "rise_verb",
    "fall_verb",
    "count_unit",
    "outcome_sum_sentence",
)


class RulesError(ValueError):
    """A rule file is wrong; the message is one line naming the file, the entry and the key."""


# ---------------------------------------------------------------- schemas (what a file may say)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_text(value: Any) -> Any:
    """A number written in a rule file ("12023", "2.") is that text, not a number."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Text = Annotated[str, BeforeValidator(_as_text)]
Phrases = list[Text]


class InferenceEntry(_Strict):
    """'其中受理97件,现已全部审结' -> this indicator = `from` (method inferred)."""

    from_: str = Field(alias="from")
    when: Phrases = Field(min_length=1)
    unless: Phrases = []  # phrases in the sentence that undo the inference ("不予受理": not all were accepted)
    note: str = ""


class IndicatorEntry(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    family: str = Field(min_length=1)
    units: Phrases = Field(min_length=1)
    topic: Phrases = Field(min_length=1)
    cues: Phrases = Field(min_length=1)
    cues_after: Phrases = []
    not_cues: Phrases = []
    needs_subject: Phrases = []
    proper_part: Phrases = []
    narrow_kinds: Phrases = []
    mixed_kinds: Phrases = []
    channels: Phrases = []
    main_channel: Phrases = []
    zero_when: Phrases = []
    outcome_cues: Phrases = []
    range: tuple[float, float] | None = None
    stock: bool = False
    derive: str | None = None
    inferred: InferenceEntry | None = None

    @field_validator("units", "topic", "cues", "cues_after", "not_cues", "needs_subject", "proper_part",
                     "narrow_kinds", "mixed_kinds", "channels", "main_channel", "zero_when",
                     "outcome_cues")  # fmt: skip
    @classmethod
    def _no_empty_phrase(cls, phrases: list[str]) -> list[str]:
        if any(not str(p).strip() or str(p).strip() == GAP for p in phrases):
            raise ValueError("an empty phrase")
        return [str(p) for p in phrases]


class ContextEntry(_Strict):
    plan_markers: Phrases = Field(min_length=1)
    cumulative_markers: Phrases = Field(min_length=1)
    partial_scope_markers: Phrases = Field(min_length=1)
    previous_year_markers: Phrases = Field(min_length=1)
    open_total_markers: Phrases = []
    partial_year_markers: Phrases = []
    plan_section_markers: Phrases = []
    results_section_markers: Phrases = []
    narrower_markers: Phrases = []
    not_topic_words: Phrases = []


class IndicatorsFile(_Strict):
    indicators: list[IndicatorEntry] = Field(min_length=1)
    context: ContextEntry


class PatternEntry(_Strict):
    regex: str = Field(min_length=1)
    why: str = Field(min_length=1)
    matches: Phrases = Field(min_length=1)
    rejects: Phrases = []


class ScopeEntry(_Strict):
    wider: dict[str, Phrases]
    parent: dict[str, str] = {}
    below: dict[str, Phrases] = {}
    narrower: dict[str, Phrases] = {}


class GrammarFile(_Strict):
    words: dict[str, Phrases]
    patterns: dict[str, PatternEntry]
    scope: ScopeEntry
    table: dict[str, str]
    part_year_min_months: int = Field(default=10, ge=1, le=12)


# ---------------------------------------------------------------- compiled records


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
    # "规章和规范性文件38件": this kind counted together with another; no value, whichever side the cue stands.
    mixed_kinds: re.Pattern[str] | None = None
    # "对86件规范性文件进行备案审查": a cue standing after the number and its noun.
    cues_after: re.Pattern[str] | None = None
    # "行政调解纠纷1,200件,人民调解纠纷8,600件": channels whose separate figures are no total.
    channels: re.Pattern[str] | None = None
    # "人民调解": the channel whose figure is the indicator's when figures are given channel by channel.
    main_channel: re.Pattern[str] | None = None
    # "未发生败诉案件": phrases that state the value 0.
    zero_when: re.Pattern[str] | None = None
    # "经审查,予以备案139件": cues naming the outcome of the step the indicator counts; such a figure gives way to
    # another of the same year in the document (the count that was reviewed).
    outcome_cues: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Inference:
    indicator: str  # the inferred indicator ("review_concluded")
    source: str  # the indicator whose value it takes ("review_accepted")
    when: re.Pattern[str]
    note: str
    unless: re.Pattern[str] | None = None


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
    narrower: re.Pattern[str] | None = None  # "直接纠错率" beside "纠错率": a narrower figure


class Grammar:
    """The compiled grammar: each pattern of grammar.yaml as an attribute (`grammar.year`), plus its
    word lists, scope words and table sentence shapes."""

    def __init__(self, patterns: dict[str, re.Pattern[str]], words: dict[str, tuple[str, ...]],
                 scope: ScopeEntry, table: dict[str, str], part_year_min_months: int = 10) -> None:  # fmt: skip
        self.part_year_min_months = part_year_min_months
        self.patterns = patterns
        self.words = words
        self.wider = {level: tuple(w) for level, w in scope.wider.items()}
        self.parent = tuple(scope.parent.items())
        self.below = {level: tuple(w) for level, w in scope.below.items()}
        self.narrower = {level: tuple(w) for level, w in scope.narrower.items()}
        self.table = table
        self.__dict__.update(patterns)

    def __getattr__(self, name: str) -> re.Pattern[str]:
        raise AttributeError(f"{GRAMMAR_FILE}: no pattern '{name}'")


@dataclass(frozen=True)
class RuleSet:
    """Everything the extractor knows, compiled: the catalogue, the context words and the grammar."""

    indicators: dict[str, Indicator]
    entries: dict[str, dict[str, Any]]  # raw catalogue entries by id, for tables and the app
    context: Context
    grammar: Grammar
    inferences: tuple[Inference, ...]
    topic_pattern: re.Pattern[str]
    not_topics: frozenset[str]
    vocabulary: tuple[str, ...]


# ---------------------------------------------------------------- loading


def load(folder: str | Path = RULES_DIR) -> RuleSet:
    """The rule set of a folder holding indicators.yaml and grammar.yaml (raises RulesError)."""
    folder = Path(folder)
    return from_data(_read_yaml(folder / INDICATORS_FILE), _read_yaml(folder / GRAMMAR_FILE))


def from_data(indicators: Any, grammar: Any) -> RuleSet:
    """A rule set from the two files' parsed contents (tests build tiny ones this way)."""
    catalogue_file = _validated(IndicatorsFile, indicators, INDICATORS_FILE)
    grammar_file = _validated(GrammarFile, grammar, GRAMMAR_FILE)
    _check_catalogue(catalogue_file)
    compiled = _compile_grammar(grammar_file)
    return _rule_set(catalogue_file, compiled, _raw_entries(indicators))


# libyaml's parser when PyYAML was built with it (the same safe constructors, ten times faster: the
# rule files are read at every start of the pipeline), else PyYAML's own.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, with libyaml's parser when there is one."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


def _read_yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path.name}: file missing (expected at {path})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise RulesError(f"{path.name}: {where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path.name}: cannot be read ({exc})") from None


def _validated(model: type[BaseModel], data: Any, file: str) -> Any:
    if not isinstance(data, dict):
        raise RulesError(f"{file}: expected a mapping at the top (keys {', '.join(model.model_fields)})")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RulesError(_describe(exc.errors()[0], data, model, file)) from None


def _describe(error: dict, data: Any, model: type[BaseModel], file: str) -> str:
    """One line for the first schema error: file, entry (an indicator's id where there is one), key."""
    full = list(error["loc"])
    loc = list(full)
    entry, fields, node = _entry_name(loc, data), _fields_at(model, full), data
    key = str(loc[-1]) if loc else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, fields, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(fields)})"
        return f"{file}: {entry}: unknown key '{key}'{hint}"
    if kind == "missing":
        return f"{file}: {entry}: missing key '{key}'"
    for part in full:
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
    return f"{file}: {entry}: key '{_key_path(loc)}': {error['msg']} (found {node!r})"


def _has(node: dict | list, part: Any) -> bool:
    return part in node if isinstance(node, dict) else isinstance(part, int) and 0 <= part < len(node)


def _entry_name(loc: list, data: Any) -> str:
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        entries = data.get("indicators") or []
        entry = entries[loc[1]] if loc[1] < len(entries) else None
        del loc[:2]
        return str(entry.get("id")) if isinstance(entry, dict) and entry.get("id") else f"indicators[{loc and loc[0]}]"
    if len(loc) >= 2 and loc[0] in ("patterns", "words", "context", "scope", "table"):
        name = f"{loc[0]}.{loc[1]}" if loc[0] in ("patterns", "words") else str(loc[0])
        del loc[: 2 if loc[0] in ("patterns", "words") else 1]
        return name
    return "(top)"


def _fields_at(model: type[BaseModel], loc: list) -> list[str]:
    """The keys a mapping may have where the error is (for suggestions)."""
    fields: dict[str, Any] = model.model_fields
    for part in loc[:-1]:
        annotation = fields.get(str(part)).annotation if str(part) in fields else None
        sub = next((a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type)
                    and issubclass(a, BaseModel)), None)  # fmt: skip
        if sub is None:
            break
        fields = sub.model_fields
    return [f.alias or name for name, f in fields.items()]


def _key_path(loc: list) -> str:
    return ".".join(str(p) for p in loc) or "(value)"


def _check_catalogue(file: IndicatorsFile) -> None:
    from pipeline.numbers import UNITS  # the number reader's units: a unit it never reads never matches

    ids = [e.id for e in file.indicators]
    seen: set[str] = set()
    for entry in file.indicators:
        if entry.id in seen:
            raise RulesError(f"{INDICATORS_FILE}: {entry.id}: duplicate id '{entry.id}'")
        seen.add(entry.id)
        for unit in entry.units:
            if unit not in UNITS:
                raise RulesError(f"{INDICATORS_FILE}: {entry.id}: key 'units': the number reader knows no unit "
                                 f"'{unit}' (known: {', '.join(UNITS)})")  # fmt: skip
        if entry.range and entry.range[0] > entry.range[1]:
            raise RulesError(f"{INDICATORS_FILE}: {entry.id}: key 'range': lowest {entry.range[0]} is above "
                             f"highest {entry.range[1]}")  # fmt: skip
        stray = [c for c in entry.main_channel if c not in entry.channels]
        if stray:
            raise RulesError(f"{INDICATORS_FILE}: {entry.id}: key 'main_channel': '{stray[0]}' is not one of its "
                             f"channels ({', '.join(entry.channels) or 'none'})")  # fmt: skip
        _check_reference(entry, "derive", _derive_ids(entry), ids)
        _check_reference(entry, "inferred.from", [entry.inferred.from_] if entry.inferred else [], ids)


def _derive_ids(entry: IndicatorEntry) -> list[str]:
    if entry.derive is None:
        return []
    parts = [p.strip() for p in entry.derive.split("/")]
    if len(parts) != 2 or not all(parts):
        raise RulesError(f"{INDICATORS_FILE}: {entry.id}: key 'derive': expected 'numerator_id / denominator_id' "
                         f"(found {entry.derive!r})")  # fmt: skip
    return parts


def _check_reference(entry: IndicatorEntry, key: str, refs: list[str], ids: list[str]) -> None:
    for ref in refs:
        if ref not in ids:
            close = difflib.get_close_matches(ref, ids, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RulesError(f"{INDICATORS_FILE}: {entry.id}: key '{key}': no indicator '{ref}'{hint}")


def _check_plan_periods(words: dict[str, list[str]]) -> None:
    """Each five-year plan period has its first year, a four-digit year, in the same order."""
    periods, firsts = words["plan_periods"], words["plan_period_first_years"]
    if len(periods) != len(firsts) or not all(f.isdigit() and len(f) == 4 for f in firsts):
        raise RulesError(f"{GRAMMAR_FILE}: words: key 'plan_period_first_years': one four-digit year for each of "
                         f"plan_periods, in the same order ({len(periods)} periods, {len(firsts)} years)")  # fmt: skip


def _compile_grammar(file: GrammarFile) -> Grammar:
    for name in REQUIRED_WORDS:
        if name not in file.words:
            raise RulesError(f"{GRAMMAR_FILE}: words: missing list '{name}'")
    for name in REQUIRED_PATTERNS:
        if name not in file.patterns:
            raise RulesError(f"{GRAMMAR_FILE}: patterns: missing pattern '{name}' (the extractor uses it)")
    _check_plan_periods(file.words)
    missing = [k for k in TABLE_KEYS if k not in file.table]
    if missing:
        raise RulesError(f"{GRAMMAR_FILE}: table: missing key '{missing[0]}'")
    for key, by_level in (("wider", file.scope.wider), ("narrower", file.scope.narrower)):
        unknown_levels = [level for level in by_level if level not in LEVELS_WITH_SCOPE]
        if unknown_levels:
            raise RulesError(f"{GRAMMAR_FILE}: scope: key '{key}.{unknown_levels[0]}': not a level "
                             f"({', '.join(LEVELS_WITH_SCOPE)})")  # fmt: skip
    patterns = {name: _compile_pattern(name, entry, file.words) for name, entry in file.patterns.items()}
    words = {name: tuple(w) for name, w in file.words.items()}
    return Grammar(patterns, words, file.scope, dict(file.table), file.part_year_min_months)


def _compile_pattern(name: str, entry: PatternEntry, words: dict[str, list[str]]) -> re.Pattern[str]:
    where = f"{GRAMMAR_FILE}: patterns.{name}"

    def expand(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref in _BUILTINS:
            return _BUILTINS[ref]
        if ref not in words:
            close = difflib.get_close_matches(ref, list(words), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise RulesError(f"{where}: key 'regex': no word list '{ref}'{hint}")
        return "(?:" + _alternation(words[ref]) + ")"

    source = _REF_RE.sub(expand, entry.regex)
    try:
        pattern = re.compile(source)
    except re.error as exc:
        raise RulesError(f"{where}: key 'regex': does not compile ({exc})") from None
    for example in entry.matches:
        if not pattern.search(example):
            raise RulesError(f"{where}: key 'matches': the pattern does not find {example!r}")
    for example in entry.rejects:
        if pattern.search(example) and pattern.search(example).group(0):
            raise RulesError(f"{where}: key 'rejects': the pattern finds {example!r}")
    return pattern


def _alternation(phrases: list[str] | tuple[str, ...]) -> str:
    parts = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(re.escape(GAP), _GAP_RE) for p in parts)


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a list of catalogue phrases, longest first, '…' as a short gap."""
    return re.compile(_alternation(phrases)) if phrases else None


def _raw_entries(data: dict) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in data["indicators"]}


def _rule_set(file: IndicatorsFile, grammar: Grammar, entries: dict[str, dict[str, Any]]) -> RuleSet:
    indicators = {e.id: _indicator(e) for e in file.indicators}
    not_topics = frozenset(file.context.not_topic_words)
    topics = [t for ind in indicators.values() for t in ind.topics] + list(not_topics)
    inferences = tuple(
        Inference(
            e.id, e.inferred.from_, phrase_pattern(e.inferred.when), e.inferred.note, phrase_pattern(e.inferred.unless)
        )
        for e in file.indicators
        if e.inferred
    )
    return RuleSet(
        indicators=indicators,
        entries=entries,
        context=_context(file.context),
        grammar=grammar,
        inferences=inferences,
        topic_pattern=phrase_pattern(topics),
        not_topics=not_topics,
        vocabulary=_vocabulary(file),
    )


def _indicator(entry: IndicatorEntry) -> Indicator:
    low, high = entry.range if entry.range else (float("-inf"), float("inf"))
    derive = _derive_ids(entry)
    return Indicator(
        id=entry.id,
        name=entry.name,
        unit=entry.unit,
        family=entry.family,
        units=frozenset(entry.units),
        topics=tuple(entry.topic),
        cues=phrase_pattern(entry.cues),
        not_cues=phrase_pattern(entry.not_cues),
        needs_subject=phrase_pattern(entry.needs_subject),
        low=float(low),
        high=float(high),
        stock=entry.stock,
        derive=(derive[0], derive[1]) if derive else None,
        proper_part=phrase_pattern(entry.proper_part),
        narrow_kind=_narrow_kind(entry.narrow_kinds, entry.topic),
        mixed_kinds=phrase_pattern(entry.mixed_kinds),
        cues_after=phrase_pattern(entry.cues_after),
        channels=phrase_pattern(entry.channels),
        main_channel=phrase_pattern(entry.main_channel),
        zero_when=phrase_pattern(entry.zero_when),
        outcome_cues=phrase_pattern(entry.outcome_cues),
    )


def _narrow_kind(kinds: list[str], topics: list[str]) -> re.Pattern[str] | None:
    if not kinds:
        return None
    kind, topic = phrase_pattern(kinds), phrase_pattern(topics)
    return re.compile(rf"(?<![、和及与])(?:{kind.pattern})(?:{topic.pattern})")


def _context(words: ContextEntry) -> Context:
    return Context(
        plan=phrase_pattern(words.plan_markers),
        cumulative=phrase_pattern(words.cumulative_markers),
        partial_scope=phrase_pattern(words.partial_scope_markers),
        previous_year=phrase_pattern(words.previous_year_markers),
        partial_year=phrase_pattern(words.partial_year_markers),
        open_total=phrase_pattern(words.open_total_markers),
        plan_section=phrase_pattern(words.plan_section_markers),
        results_section=phrase_pattern(words.results_section_markers),
        narrower=phrase_pattern(words.narrower_markers),
    )


def _vocabulary(file: IndicatorsFile) -> tuple[str, ...]:
    """Catalogue words for the jieba user dictionary (no gaps)."""
    words: set[str] = set()
    for entry in file.indicators:
        for phrases in (entry.topic, entry.cues, entry.cues_after, entry.not_cues, entry.needs_subject,
                        entry.proper_part):  # fmt: skip
            words.update(w for w in phrases if GAP not in w)
    return tuple(sorted(words))


# ---------------------------------------------------------------- the rule set in force

_ACTIVE: contextvars.ContextVar[RuleSet | None] = contextvars.ContextVar("fazhi_rules", default=None)
ACTIVE = _ACTIVE  # read directly by pipeline.catalogue's accessors (see there)


def rules_dir() -> Path:
    """pipeline/rules/, or the folder named by FAZHI_RULES_DIR (an editor trying a changed copy)."""
    return Path(os.environ.get("FAZHI_RULES_DIR") or RULES_DIR)


@cache
def _load_cached(folder: Path) -> RuleSet:
    return load(folder)


def default_rule_set() -> RuleSet:
    """The rule set of the files in force (no `using`): pipeline/rules/ or FAZHI_RULES_DIR."""
    return _default()


def _default() -> RuleSet:
    # Called for every grammar or catalogue look-up: keyed by the variable's text, so no Path is
    # built per call (a new FAZHI_RULES_DIR still takes effect at once).
    return _load_named(os.environ.get("FAZHI_RULES_DIR") or "")


@cache
def _load_named(folder: str) -> RuleSet:
    return _load_cached(Path(folder) if folder else RULES_DIR)


def current() -> RuleSet:
    """The rule set in force: one passed with `using`, else the files under pipeline/rules/."""
    active = _ACTIVE.get()
    return active if active is not None else _default()


@contextlib.contextmanager
def using(rule_set: RuleSet) -> Iterator[RuleSet]:
    """Run the pipeline with another rule set (a test's tiny one, or an editor's draft)."""
    token = _ACTIVE.set(rule_set)
    try:
        yield rule_set
    finally:
        _ACTIVE.reset(token)


@contextlib.contextmanager
def pinned() -> Iterator[RuleSet]:
    """The rule set in force, held for a block (one text's reading): the look-ups inside, a few
    hundred thousand a corpus, find it in the context variable instead of reading the environment."""
    with using(current()) as rule_set:
        yield rule_set


def check() -> None:
    """Raise RulesError when the rule files in force are wrong (build, extract and the CLI call it first,
    so a broken rule stops the whole run instead of failing every file on its own)."""
    if _ACTIVE.get() is None:
        _default()
