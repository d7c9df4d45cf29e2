"""Whose report a document is, and which year its figures refer to.

Owns: deciding a document's jurisdiction and report year from its text, and saying in
Chinese, for a non-programmer, why it could not. The jurisdiction comes, in this order of
evidence, from the title (the first lines), from the issuing body at the end ("XX区人民政府 /
2024年12月"), and from the body: self-references ("我市", "全区") combined with the place
named most often. A line addressed to a superior ("中共XX市委、XX市人民政府:") is never
evidence of whose report it is, though the places it names may settle a shared name
(朝阳区 under the city named there). Within the title or the signature the most specific
place wins (a district over its city). The year comes from the title ("2022年度"), else from
a paragraph opening "20XX年,", else from the publication, meeting or signature date: a date
in January-June of Y means a report on Y-1, July-December a report on Y itself.

Must never: read files, extract figures, hard-code places (the gazetteer in `regions`
knows them), or use the file name to decide anything. It never raises on odd text:
damaged dates ("20201222日", "2020-13-45") give what they can.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from pipeline import regions
from pipeline.model import (
    LEVELS,
    STATUS_AMBIGUOUS_JURISDICTION,
    STATUS_NO_JURISDICTION,
    STATUS_NO_YEAR,
    STATUS_OK,
    Document,
    Location,
    Place,
)
from pipeline.numbers import arabic_years
from pipeline.regions import Mention

HEAD_LINES = 12  # non-empty lines searched for the title and the publication date
TAIL_LINES = 6  # non-empty lines searched for the signature
TITLE_MAX = 80
SIGNATURE_MAX = 40
TITLE_END_RE = re.compile(r"(?:报告|情况|总结|通报|白皮书|工作要点)$")
TITLE_TRAILING_RE = re.compile(r"[\s\"“”《》()()【】]+$")
NAVIGATION_RE = re.compile(r"当前位置|您现在的位置|首页|>|»")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[((][一二三四五六七八九十\d]+[))]|\d+[、.])")
ADDRESSEE_RE = re.compile(r"^[^。;;]{2,60}?(?:委|政府|人大|常委会|委员会|办公室|领导)[^。;;]{0,10}[::]$")
ABOUT = "关于"
SELF_RE = re.compile(r"(?:我|全|本)(市|区|县|省|州|旗|盟)")
YEAR = r"20\d{2}"
TITLE_YEAR_RE = re.compile(rf"(?<!\d)({YEAR})\s*年(?!以来)")
LEADING_YEAR_RE = re.compile(rf"^\s*({YEAR})\s*年度?\s*[,,]")
PLAN_RE = re.compile(r"将|计划|打算|拟|要")
PLAN_WINDOW = 30
FULL_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})(?!\d)")
COMPACT_DATE_RE = re.compile(rf"(?<!\d)({YEAR})(\d{{2}})(\d{{2}})(?!\d)")
MONTH_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*年\s*(\d{{1,2}})\s*月")
LABEL_RE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[::]")
REPORT_PLACES = "data/raw/report_places.csv"
SUPPLEMENT = "pipeline/rules/regions_supplement.csv"


@dataclass(frozen=True)
class _Line:
    index: int  # position among all lines of the text
    text: str  # simplified, stripped
    start: int  # offset of the stripped line in the text


@dataclass(frozen=True)
class _Date:
    year: int
    month: int | None
    iso: str  # "" unless year, month and day make a real date


@dataclass(frozen=True)
class _Choice:
    """A jurisdiction decided (one place) or not (several candidates, or none)."""

    candidates: tuple[Place, ...] = ()
    surface: str = ""

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def locate(doc: Document) -> Location:
    """The jurisdiction and report year of `doc`, with a status and a Chinese message."""
    text = arabic_years(regions.to_simplified(doc.text or ""))
    lines = _lines(text)
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    title = _title(head)
    choice = _jurisdiction(text, lines, title, tail)
    year = _year(lines, title, head, tail)
    original = (doc.text or "").splitlines()
    title_text = original[title.index].strip() if title is not None else ""
    return _location(choice, year, title_text, _published(head, tail))


def override(loc: Location, jurisdiction: str, year: int | None) -> Location:
    """`loc` with the place and/or year an editor stated for this file in report_places.csv.

    `jurisdiction` is a 6-digit adcode or a name that denotes exactly one place ("" keeps the
    detected place); a name that is unknown or shared leaves the detected location and says so.
    """
    place, year = loc.place, year or loc.year
    if jurisdiction:
        found = (
            [p for p in [regions.by_adcode(jurisdiction)] if p]
            if jurisdiction.isdigit()
            else regions.lookup(jurisdiction)
        )
        if len(found) != 1:
            why = "对应多个地区,请改填行政区划代码" if found else "不是已知的地名或行政区划代码"
            return replace(
                loc, message=f"{REPORT_PLACES} 中指定的“{jurisdiction}”{why};仍使用自动识别结果。" + (loc.message or "")
            )
        place = found[0]
    fixed = replace(loc, place=place, year=year)
    if place is None or year is None:
        return fixed
    return replace(fixed, status=STATUS_OK, message=f"地区或年份由 {REPORT_PLACES} 指定。")


# ---------------------------------------------------------------- lines


def _lines(text: str) -> list[_Line]:
    """Non-empty lines, simplified and stripped, with their index and offset."""
    out, offset = [], 0
    for index, raw in enumerate(text.splitlines(keepends=True)):
        if raw.strip():
            out.append(_Line(index, raw.strip(), offset + len(raw) - len(raw.lstrip())))
        offset += len(raw)
    return out


def _is_addressee(line: str) -> bool:
    """ "中共XX市委、XX市人民政府:" - a report's salutation to its superior."""
    return bool(ADDRESSEE_RE.match(line))


def _title(head: Sequence[_Line]) -> _Line | None:
    """The first head line that reads as a report title, before the first paragraph."""
    for line in head:
        bare = TITLE_TRAILING_RE.sub("", line.text)
        if len(bare) > TITLE_MAX and "。" in bare:
            return None
        if len(bare) > TITLE_MAX or NAVIGATION_RE.search(bare) or HEADING_RE.match(bare) or _is_addressee(bare):
            continue
        if TITLE_END_RE.search(bare):
            return line
    return None


# ---------------------------------------------------------------- jurisdiction


def _jurisdiction(text: str, lines: list[_Line], title: _Line | None, tail: Sequence[_Line]) -> _Choice:
    if not lines:
        return _Choice()
    starts = [line.start for line in lines]
    found = regions.find_mentions(text)
    by_line = [lines[bisect_right(starts, m.start) - 1].index for m in found]
    context = Counter(m.candidates[0] for m in found if len(m.candidates) == 1)
    resolved = [(m, _resolve(m, found[i - 1] if i else None, context)) for i, m in enumerate(found)]
    addressed = {line.index for line in lines if _is_addressee(line.text)}
    usable = [(m, places, at) for (m, places), at in zip(resolved, by_line, strict=True) if at not in addressed]
    signature = {line.index for line in tail if len(line.text) <= SIGNATURE_MAX and "。" not in line.text}
    if title is not None:
        in_title = [(m, places) for m, places, at in usable if at == title.index]
        about = title.text.find(ABOUT)
        after = [(m, places) for m, places in in_title if about >= 0 and m.start - title.start > about]
        choice = _most_specific(after or in_title)
        if choice.candidates:
            return choice
    choice = _most_specific([(m, places) for m, places, at in usable if at in signature])
    if choice.candidates:
        return choice
    return _most_frequent([(m, places) for m, places, _ in usable], _self_reference(text))


def _resolve(mention: Mention, previous: Mention | None, context: Counter[Place]) -> tuple[Place, ...]:
    """The places a mention can still denote: a shared name is settled by a parent written just
    before it ("长春市朝阳区"), else by the only candidate below a place named in the text, else
    by the candidate whose superiors are named most often."""
    candidates = mention.candidates
    if len(candidates) == 1:
        return candidates
    if previous is not None and previous.end == mention.start and len(previous.candidates) == 1:
        below = tuple(c for c in candidates if regions.is_within(c, previous.candidates[0]))
        if len(below) == 1:
            return below
    scores = [sum(context[a] for a in regions.ancestors(c)) for c in candidates]
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return (candidates[scores.index(best)],)
    return candidates


def _most_specific(found: list[tuple[Mention, tuple[Place, ...]]]) -> _Choice:
    """The deepest place named, when the others are its superiors; else the first named."""
    single = list(dict.fromkeys(places[0] for _, places in found if len(places) == 1))
    deepest = [p for p in single if not any(regions.is_within(q, p) for q in single)]
    if deepest:
        surface = next(m.surface for m, places in found if places == (deepest[0],))
        return _Choice((deepest[0],), surface)
    shared = next(((m, places) for m, places in found if len(places) > 1), None)
    return _Choice(shared[1], shared[0].surface) if shared else _Choice()


def _self_reference(text: str) -> str:
    """The level word a report uses for itself ("市" for 我市/全市), or ""."""
    counts = Counter(SELF_RE.findall(text))
    return counts.most_common(1)[0][0] if counts else ""


def _most_frequent(found: list[tuple[Mention, tuple[Place, ...]]], self_word: str) -> _Choice:
    """The place named most often in the body, among those whose name ends with the report's
    self-reference ("我市" -> a 市); ties go to the more specific. Needs two mentions, or one
    and a self-reference."""
    counts = Counter(places[0] for _, places in found if len(places) == 1)
    fitting = Counter({p: n for p, n in counts.items() if self_word and p.name.endswith(self_word)})
    pool = fitting or counts
    if pool:
        place, count = max(pool.items(), key=lambda item: (item[1], LEVELS.index(item[0].level)))
        if count >= 2 or (count == 1 and self_word):
            surface = next(m.surface for m, places in found if places == (place,))
            return _Choice((place,), surface)
    shared = Counter((places, m.surface) for m, places in found if len(places) > 1)
    if shared:
        (places, surface), _ = shared.most_common(1)[0]
        return _Choice(places, surface)
    return _Choice()


# ---------------------------------------------------------------- year and dates


def _year(lines: list[_Line], title: _Line | None, head: Sequence[_Line], tail: Sequence[_Line]) -> int | None:
    if title is not None and (match := TITLE_YEAR_RE.search(title.text)):
        return int(match.group(1))
    for line in lines:
        match = LEADING_YEAR_RE.match(line.text)
        if match and not PLAN_RE.search(line.text[match.end() : match.end() + PLAN_WINDOW]):
            return int(match.group(1))
    dates = [d for line in [*reversed(tail), *head] for d in _dates(line.text)]
    return _report_year(dates[0]) if dates else None


def _report_year(found: _Date) -> int:
    """A date in Jan-Jun of Y dates a report on Y-1; Jul-Dec (or an unknown month) on Y."""
    return found.year - 1 if found.month is not None and found.month <= 6 else found.year


def _dates(line: str) -> list[_Date]:
    """Dates written in a line, in order; damaged ones keep what is readable."""
    spans: list[tuple[int, _Date]] = []
    taken: list[range] = []
    for pattern in (FULL_DATE_RE, COMPACT_DATE_RE, MONTH_DATE_RE):
        for match in pattern.finditer(line):
            if any(match.start() in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            day = match.group(3) if pattern.groups >= 3 else None
            spans.append((match.start(), _date(match.group(1), match.group(2), day)))
    return [found for _, found in sorted(spans, key=lambda item: item[0])]


def _date(year: str, month: str, day: str | None) -> _Date:
    y, m = int(year), int(month)
    if not 1 <= m <= 12:
        return _Date(y, None, "")
    if day is None:
        return _Date(y, m, "")
    try:
        return _Date(y, m, date(y, m, int(day)).isoformat())
    except ValueError:
        return _Date(y, m, "")


def _published(head: Sequence[_Line], tail: Sequence[_Line]) -> str:
    """ISO date of publication: a labelled date ("发布时间:") first, else the first full date."""
    labelled = [d for line in head if (label := LABEL_RE.search(line.text)) for d in _dates(line.text[label.end() :])]
    every = labelled + [d for line in [*head, *tail] for d in _dates(line.text)]
    return next((d.iso for d in every if d.iso), "")


# ---------------------------------------------------------------- the verdict


def _location(choice: _Choice, year: int | None, title: str, published: str) -> Location:
    place = choice.place
    if place is None and len(choice.candidates) > 1:
        return Location(None, year, title, published, STATUS_AMBIGUOUS_JURISDICTION, _ambiguous(choice))
    if place is None:
        return Location(None, year, title, published, STATUS_NO_JURISDICTION, _no_place(year))
    if year is None:
        return Location(place, None, title, published, STATUS_NO_YEAR, _no_year(place))
    return Location(place, year, title, published, STATUS_OK, "")


def _ambiguous(choice: _Choice) -> str:
    names = "、".join(f"{p.parent or p.province}{p.name}({p.adcode})" for p in choice.candidates)
    return (
        f"地名“{choice.surface}”对应多个行政区:{names},文中没有能区分它们的上级地名"
        f"(如“某某市{choice.surface}”)。请在 {REPORT_PLACES} 中为该文件指定地区"
        "(填写文件名和行政区划代码)。"
    )


def _no_place(year: int | None) -> str:
    message = (
        "在标题、落款和正文中都没有找到地名(行政区划名称),无法确定是哪个地方的报告。"
        f"如确属某地报告,可在 {REPORT_PLACES} 中为该文件指定地区(文件名、地名或行政区划代码);"
        f"如该地名是新设或更名的行政区,请在 {SUPPLEMENT} 补充。"
    )
    if year is None:
        message += "同时也没有找到报告年份(标题中的“20XX年度”、以“20XX年,”开头的段落或发布、落款日期)。"
    return message


def _no_year(place: Place) -> str:
    return (
        f"已确定为{place.name}的报告,但没有找到报告年份:标题中没有“20XX年(度)”,"
        "正文没有以“20XX年,”开头的段落,也没有可用的发布或落款日期。"
        f"请在 {REPORT_PLACES} 中为该文件补充年份。"
    )
