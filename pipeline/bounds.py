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
MAX_SENTENCE_QUANTITIES = 100  # ... so its work grows with length x figures: both are capped,
MAX_SENTENCE_WORK = 60_000  # ... and so is their product (40 figures in 1,500 characters pass)
MAX_DOCUMENT_WORK = 3_000_000  # the sum over a document (a long real report: ~200,000)
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

    Extraction's work on a sentence grows with its length times its figures: a sentence over
    MAX_SENTENCE_CHARS, MAX_SENTENCE_QUANTITIES or MAX_SENTENCE_WORK (the product) is blanked,
    and if the sentences kept still add up to more than MAX_DOCUMENT_WORK, the heaviest go too.
    Each blanked sentence keeps its length and its ending, so offsets into the document stay
    valid and the sentences around it read exactly as before.
    """
    spans = _sentences(text)
    work = [_work(text[start:end]) for start, end in spans]
    blank = {i for i, cost in enumerate(work) if cost is None}
    total = sum(cost for cost in work if cost is not None)
    for i in sorted((i for i in range(len(spans)) if i not in blank), key=lambda i: -work[i]):
        if total <= MAX_DOCUMENT_WORK:
            break
        blank.add(i)
        total -= work[i]
    if not blank:
        return text, 0
    parts = [_blanked(text[start:end]) if i in blank else text[start:end] for i, (start, end) in enumerate(spans)]
    return "".join(parts), len(blank)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, ending included, covering the whole text."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return [(start, end) for start, end in zip([0, *ends[:-1]], ends, strict=True) if end > start]


def _work(sentence: str) -> int | None:
    """Length x figures of a sentence, or None when it is past a per-sentence limit."""
    if len(sentence) > MAX_SENTENCE_CHARS:
        return None
    if not _DIGITS.search(sentence):
        return 0
    from pipeline.numbers import find_quantities

    figures = len(find_quantities(sentence))
    cost = figures * len(sentence)
    return None if figures > MAX_SENTENCE_QUANTITIES or cost > MAX_SENTENCE_WORK else cost


def _blanked(sentence: str) -> str:
    return " " * (len(sentence) - 1) + ("\n" if sentence.endswith("\n") else "。")


_DIGITS = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]")


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
