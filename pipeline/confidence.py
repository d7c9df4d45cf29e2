"""The confidence stage: how sure we are of each value, from how it was read.

Owns: the vocabulary of confidence signals, loading and checking pipeline/rules/confidence.yaml
(weights, tiers, the outlier rule; a wrong entry stops with a message naming file, entry and
key), adding the signals a Fact's document and location give (place or year not from the
title, method derived or inferred, OCR text) to those extract recorded, deciding the tier
(high / medium / low) of a set of signals, and telling whether a value is an outlier against
the same place's other years.

Must never: read report files, change a value, or drop a Fact: confidence only describes.
The table-wide signals (conflict, outlier) are attached in `table.add_confidence`, which calls
`tier` and `is_outlier` here.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from pipeline.model import Document, Fact, Location

logger = logging.getLogger(__name__)

RULES = Path(__file__).parent / "rules" / "confidence.yaml"
HIGH, MEDIUM, LOW = "high", "medium", "low"
TIERS = (HIGH, MEDIUM, LOW)
EXTRACT_SIGNALS = (
    "subject_inherited",
    "subject_across_sentence",
    "subject_from_heading",
    "zero_phrase",
    "no_unit",
    "list_reading",
    "term_list",
    "table_cell",
    "previous_year",
    "bound_qualifier",
    "part_year_bound",
    "government_body",
    "whole_scope",
    "cue_after",
    "outcome_cue",
    "outcome_sum",
)
READER_SIGNALS = ("ocr",)
LOCATION_SIGNALS = ("year_not_in_title", "year_from_date", "place_not_in_title")
METHOD_SIGNALS = {"derived": "derived", "inferred": "inferred"}
TABLE_SIGNALS = ("conflict", "outlier")
KNOWN = (*EXTRACT_SIGNALS, *READER_SIGNALS, *LOCATION_SIGNALS, *METHOD_SIGNALS.values(), *TABLE_SIGNALS)
SEPARATOR = ";"  # signals in one table cell: "subject_inherited;no_unit"
EDITOR_STATED = "report_places.csv"  # locate.override says so in the Location's message
_TOP_KEYS = {"tiers", "unlisted_weight", "outlier", "signals"}
_SIGNAL_KEYS = {"weight", "label"}
_OUTLIER_KEYS = {"ratio", "rate_points", "min_years"}
_PLACE_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|区|县|州|盟|旗)$")


# confidence.yaml's mistakes are rule-file mistakes like any other (the CLI and the app say so in words)
from pipeline.rules import RulesError  # noqa: E402


@dataclass(frozen=True)
class Rules:
    """confidence.yaml, checked."""

    weights: dict[str, float]
    labels: dict[str, str]
    high: float
    medium: float
    unlisted_weight: float
    ratio: float
    rate_points: float
    min_years: int


# ---------------------------------------------------------------- the rules file


@cache
def rules() -> Rules:
    """pipeline/rules/confidence.yaml, loaded and checked once per process."""
    return load(RULES)


def load(path: str | Path) -> Rules:
    """The rules of `path`; raises RulesError naming file, entry and key on anything unknown or missing."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise RulesError(f"{path}: cannot be read as YAML: {err}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a mapping with keys {sorted(_TOP_KEYS)}")
    _only(path, "(top level)", data, _TOP_KEYS, required=_TOP_KEYS)
    tiers = _mapping(path, "tiers", data["tiers"])
    _only(path, "tiers", tiers, {HIGH, MEDIUM}, required={HIGH, MEDIUM})
    outlier = _mapping(path, "outlier", data["outlier"])
    _only(path, "outlier", outlier, _OUTLIER_KEYS, required=_OUTLIER_KEYS)
    weights, labels = _signals(path, _mapping(path, "signals", data["signals"]))
    high, medium = _number(path, "tiers", HIGH, tiers[HIGH]), _number(path, "tiers", MEDIUM, tiers[MEDIUM])
    if medium < high:
        raise RulesError(f"{path}: entry 'tiers', key 'medium': must not be below 'high' ({medium} < {high})")
    return Rules(
        weights=weights,
        labels=labels,
        high=high,
        medium=medium,
        unlisted_weight=_number(path, "(top level)", "unlisted_weight", data["unlisted_weight"]),
        ratio=_number(path, "outlier", "ratio", outlier["ratio"]),
        rate_points=_number(path, "outlier", "rate_points", outlier["rate_points"]),
        min_years=int(_number(path, "outlier", "min_years", outlier["min_years"])),
    )


def _signals(path: Path, entries: dict) -> tuple[dict[str, float], dict[str, str]]:
    unknown = [name for name in entries if name not in KNOWN]
    if unknown:
        raise RulesError(f"{path}: entry 'signals', key '{unknown[0]}': not a known signal (known: {', '.join(KNOWN)})")
    missing = [name for name in KNOWN if name not in entries]
    if missing:
        raise RulesError(f"{path}: entry 'signals', key '{missing[0]}': missing (every known signal needs a weight)")
    weights, labels = {}, {}
    for name, entry in entries.items():
        entry = _mapping(path, f"signals.{name}", entry)
        _only(path, f"signals.{name}", entry, _SIGNAL_KEYS, required=_SIGNAL_KEYS)
        weights[name] = _number(path, f"signals.{name}", "weight", entry["weight"])
        labels[name] = str(entry["label"])
    return weights, labels


def _mapping(path: Path, entry: str, value: object) -> dict:
    if not isinstance(value, dict):
        raise RulesError(f"{path}: entry '{entry}': expected a mapping, found {type(value).__name__}")
    return value


def _only(path: Path, entry: str, data: dict, allowed: set[str], required: set[str]) -> None:
    for key in data:
        if key not in allowed:
            allowed_keys = ", ".join(sorted(allowed))
            raise RulesError(f"{path}: entry '{entry}', key '{key}': unknown key (allowed: {allowed_keys})")
    for key in sorted(required - set(data)):
        raise RulesError(f"{path}: entry '{entry}', key '{key}': missing")


def _number(path: Path, entry: str, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise RulesError(f"{path}: entry '{entry}', key '{key}': expected a number >= 0, found {value!r}")
    return float(value)


# ---------------------------------------------------------------- signals of one Fact


def assess(facts: Iterable[Fact], loc: Location, doc: Document) -> list[Fact]:
    """`facts` with the signals of their document, location and method added to extract's."""
    shared = document_signals(loc, doc)
    return [_with_signals(f, _unique((*f.signals, *shared, *_method(f)))) for f in facts]


def _with_signals(fact: Fact, signals: tuple[str, ...]) -> Fact:
    """`replace(fact, signals=signals)` without dataclasses.replace's generic work (done for every value
    of every report): a Fact has no __post_init__, so a copy of its fields is the same object."""
    twin = object.__new__(type(fact))
    twin.__dict__.update(fact.__dict__, signals=signals)
    return twin


def document_signals(loc: Location, doc: Document) -> tuple[str, ...]:
    """What the document's reading and location say about every value in it."""
    found = ["ocr"] if getattr(doc, "ocr", False) or doc.kind.endswith("ocr") else []
    if EDITOR_STATED in (loc.message or "") or loc.place is None or loc.year is None:
        return tuple(found)  # stated by an editor (or nothing to weigh): not a reading risk
    title = loc.title or ""
    if not re.search(rf"(?<!\d){loc.year}\s*年", _arabic(title)):
        opening = re.search(rf"(?m)^\s*{loc.year}\s*年度?\s*[,,]", doc.text or "")
        found.append("year_not_in_title" if opening else "year_from_date")
    if not _names_place(title, loc.place.name):
        found.append("place_not_in_title")
    return tuple(found)


def _arabic(text: str) -> str:
    try:
        from pipeline.numbers import arabic_years

        return arabic_years(text)
    except Exception:  # a title that cannot be converted is searched as written
        return text


def _names_place(title: str, name: str) -> bool:
    short = _PLACE_SUFFIX.sub("", name)
    return bool(title) and (name in title or (len(short) >= 2 and short in title))


def _method(fact: Fact) -> tuple[str, ...]:
    return (METHOD_SIGNALS[fact.method],) if fact.method in METHOD_SIGNALS else ()


def _unique(signals: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in signals if s))


# ---------------------------------------------------------------- tiers and outliers


def score(signals: Iterable[str], table: Rules | None = None) -> float:
    """The risk points of a set of signals (an unlisted signal counts `unlisted_weight`, logged)."""
    table = table or rules()
    total = 0.0
    for signal in _unique(signals):
        if signal not in table.weights:
            logger.warning("confidence signal %r not listed in %s: counts %g", signal, RULES, table.unlisted_weight)
        total += table.weights.get(signal, table.unlisted_weight)
    return total


def tier(signals: Iterable[str], table: Rules | None = None) -> str:
    """high, medium or low for a set of signals."""
    table = table or rules()
    points = score(signals, table)
    return HIGH if points <= table.high else MEDIUM if points <= table.medium else LOW


def split(cell: object) -> tuple[str, ...]:
    """The signals of a table cell ("a;b" -> ("a", "b")); empty for a missing cell."""
    return tuple(s for s in str(cell or "").split(SEPARATOR) if s and s != "nan")


def join(signals: Sequence[str]) -> str:
    return SEPARATOR.join(_unique(signals))


def is_outlier(value: float, others: Sequence[float], rate: bool, table: Rules | None = None) -> bool:
    """Whether `value` stands out against the same place's other years of the indicator."""
    table = table or rules()
    if len(others) < table.min_years:
        return False
    middle = statistics.median(others)
    if rate:
        return abs(value - middle) > table.rate_points
    if middle <= 0 or value <= 0:
        return (middle > 0) != (value > 0) and max(value, middle) >= 10
    return value / middle > table.ratio or middle / value > table.ratio


def labels(signals: Iterable[str]) -> list[str]:
    """The Chinese labels of `signals` (the name itself for an unlisted one)."""
    table = rules()
    return [table.labels.get(s, s) for s in _unique(signals)]
