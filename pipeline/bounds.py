"""Limits checked before the work: how much text, how long a sentence, which years a report may be for.

Owns: the text-size limit (characters after decoding), handing extraction only sentences of
bounded length and number count (longer ones are blanked, character for character, so every
offset and every other sentence's evidence stays as it was), and the plausible report years.
The time and memory each file may take are the worker's (`pipeline.worker`); these limits keep
a hostile file from reaching them where that can be seen in advance.

Must never: change a character of a sentence that is handed on (a blanked sentence yields no
value at all: a missing number is better than a wrong one), or read values itself.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from pipeline.model import STATUS_BAD_YEAR, STATUS_TOO_LARGE, Document, Location

MAX_TEXT_CHARS = 2_000_000  # a long report is ~50,000 characters; more is a compilation or hostile
MAX_SENTENCE_CHARS = 3_000  # extraction looks back over a sentence for each figure in it
MAX_SENTENCE_QUANTITIES = 100  # ... so its work grows with length x figures: both are capped
COUNT_FROM_CHARS = 200  # shorter sentences cannot hold MAX_SENTENCE_QUANTITIES figures with units
FIRST_YEAR = 2000
SENTENCE_END = re.compile(r"[。!?;\n]")  # as extract splits sentences (a superset is harmless)

MSG_TOO_MANY_CHARS = (
    "文件的文字有 {count} 字,超过 {limit} 字的上限,不像单份报告。请确认文件无误;如果是合订本,请拆分后再放入。"
)
MSG_SKIPPED = "注意:有 {count} 句话过长(超过 {chars} 字)或数字过多(超过 {numbers} 个),不像正常行文,没有从中读取数值。"
MSG_BAD_YEAR = (
    "报告年份识别为 {year} 年,不在 {first}–{last} 年之间,不可能是一份已发布的报告的年份。"
    "请检查报告中的年份;如识别有误,请在报告文件夹的 report_places.csv 中写明地区和年份。"
)


def text_problem(doc: Document) -> Document | None:
    """`doc` refused as too large when its text is over MAX_TEXT_CHARS, else None."""
    if len(doc.text) <= MAX_TEXT_CHARS:
        return None
    message = MSG_TOO_MANY_CHARS.format(count=f"{len(doc.text):,}", limit=f"{MAX_TEXT_CHARS:,}")
    return replace(doc, text="", status=STATUS_TOO_LARGE, message=message)


def bounded_text(text: str) -> tuple[str, int]:
    """(text with over-long or figure-crowded sentences blanked to spaces, how many were blanked).

    Each blanked sentence keeps its length and its ending, so offsets into the document stay
    valid and the sentences around it read exactly as before.
    """
    parts: list[str] = []
    blanked, start = 0, 0
    for end in (*(m.end() for m in SENTENCE_END.finditer(text)), len(text)):
        sentence = text[start:end]
        if sentence and _too_much(sentence):
            parts.append(" " * (len(sentence) - 1) + ("。" if sentence[-1] != "\n" else "\n"))
            blanked += 1
        else:
            parts.append(sentence)
        start = end
    return ("".join(parts), blanked) if blanked else (text, 0)


def _too_much(sentence: str) -> bool:
    if len(sentence) > MAX_SENTENCE_CHARS:
        return True
    if len(sentence) < COUNT_FROM_CHARS:
        return False
    from pipeline.numbers import find_quantities

    return len(find_quantities(sentence)) > MAX_SENTENCE_QUANTITIES


def skipped_note(count: int) -> str:
    return MSG_SKIPPED.format(count=count, chars=MAX_SENTENCE_CHARS, numbers=MAX_SENTENCE_QUANTITIES)


def last_year(today: date | None = None) -> int:
    """The latest year a published report can be for: this year (a report on the year so far)."""
    return (today or date.today()).year


def checked_year(loc: Location) -> Location:
    """`loc`, or `loc` refused (status bad_year) when its year is before 2000 or in the future."""
    if loc.year is None or FIRST_YEAR <= loc.year <= last_year():
        return loc
    message = MSG_BAD_YEAR.format(year=loc.year, first=FIRST_YEAR, last=last_year())
    return replace(loc, status=STATUS_BAD_YEAR, message=message)


def with_note(loc: Location, note: str) -> Location:
    """`loc` with `note` added to its message (shown in documents.csv for a usable report)."""
    return replace(loc, message=f"{loc.message} {note}".strip()) if note else loc
