"""Traditional Chinese read as simplified, one character for one, by OpenCC.

Owns: the traditional -> simplified conversion every stage reads text through ("行政復議" is read as
"行政复议"; the evidence is still quoted as written). OpenCC (the `opencc` package, its t2s
dictionaries shipped inside the wheel) does the conversion; `rules/opencc_exceptions.tsv` lists the
few words OpenCC changes that must stay as written (place names such as 乾县, where 乾 is not 干).

Must never: change the length of a text (offsets into the original stay valid: a conversion that
would, falls back to character by character for that line), or download dictionaries.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import opencc

EXCEPTIONS = Path(__file__).parent / "rules" / "opencc_exceptions.tsv"
_ASCII_ONLY = re.compile(r"^[\x00-\x7f]*$")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def exceptions() -> tuple[str, ...]:
    """Words kept as written (rules/opencc_exceptions.tsv: word, tab, why), longest first."""
    words = []
    for number, line in enumerate(EXCEPTIONS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        word, _, why = line.partition("\t")
        if not word.strip() or not why.strip():
            raise ValueError(f"{EXCEPTIONS.name}: line {number}: expected 'word<TAB>why'")
        words.append(word.strip())
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _exception_pattern() -> re.Pattern[str] | None:
    words = exceptions()
    return re.compile("|".join(map(re.escape, words))) if words else None


LONG_TEXT = 200  # characters: a report or a paragraph rather than a name or a line


def to_simplified(text: str) -> str:
    """`text` with traditional characters replaced one for one (offsets stay valid)."""
    if not text or _ASCII_ONLY.match(text):
        return text
    # Each stage reads a report through this: the same text is converted once, not once per stage.
    return _converted_long(text) if len(text) > LONG_TEXT else _converted_short(text)


@lru_cache(maxsize=4)  # a few whole reports: the one being read, and what a stage made of it
def _converted_long(text: str) -> str:
    return _converted(text)


@lru_cache(maxsize=4096)  # names and lines, many of them asked again and again
def _converted_short(text: str) -> str:
    return _converted(text)


def _converted(text: str) -> str:
    converted = _converter().convert(text)
    if len(converted) != len(text):
        converted = "".join(_line(line) for line in text.splitlines(keepends=True))
    return _restore_exceptions(text, converted)


def _line(line: str) -> str:
    converted = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(c if len(c) == 1 else ch for ch, c in ((ch, _converter().convert(ch)) for ch in line))


def _restore_exceptions(original: str, converted: str) -> str:
    pattern = _exception_pattern()
    if pattern is None:
        return converted
    spans = [m.span() for m in pattern.finditer(original)]
    if not spans:
        return converted
    parts, last = [], 0
    for start, end in spans:
        parts += [converted[last:start], original[start:end]]
        last = end
    return "".join(parts) + converted[last:]
