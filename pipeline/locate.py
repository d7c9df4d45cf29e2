"""Whose report a document is, and which year its figures refer to.

Owns: deciding a document's jurisdiction and report year from its text, and saying in
Chinese, for a non-programmer, why it could not. The jurisdiction comes, in this order of
evidence, from the title (the first lines), from the issuing body at the end ("XX区人民政府 /
2024年12月"), and from the body: self-references ("我市", "全区") combined with the place
named most often. A line addressed to a superior ("中共XX市委、XX市人民政府:") is never
evidence of whose report it is, though the places it names may settle a shared name
(朝阳区 under the city named there). Nor are a newspaper's name ("成都商报", "《信阳日报》"),
a news dateline ("本报北京4月1日电") or a footer line (address, copyright, ICP number); the
city a newspaper names still helps to settle a shared name. Names inside 《》 (a cited
document's issuer) count only when nothing else does. A title wrapped over two lines
is read as one; a heading before the first sentence ("桐乡年鉴2019") names the place when the
body settles none, and so does a newspaper's own place for its "全省"/"我市" when nothing
else does. Within the title or the signature the most specific place wins (a district
over its city); in the body a place below the self-referenced one wins when named more often
("我市 … 某县法院发布白皮书" is the county's). A shared name is settled by its parent or its
siblings named in the text. A text about the whole country ("全国…", the 司法部's own report)
with no local self-reference is national (中华人民共和国). The vocabulary is in
rules/locate.yaml. The year comes from the title ("2022年度"), else from a paragraph opening
"20XX年,", else from a year stated after a label or a clause ("【行政应诉】2021年,…",
"获悉,2022年全市…"), else from the publication, meeting or signature date: a date in
January-June of Y means a report on Y-1, July-December a report on Y itself; a news item
saying 今年 with a dateline ("12月28日,…") is of the dateline's year, one on 去年 of the
year before publication. A date inside a sentence (an event: "2020年4月27日举办培训")
never decides the year; a signature is looked for only after the first sentence.

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
from functools import cache
from pathlib import Path

import yaml

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
YEAR = r"20\d{2}"
TITLE_YEAR_RE = re.compile(rf"(?<!\d)({YEAR})\s*年(?!以来)")
LEADING_YEAR_RE = re.compile(rf"^\s*({YEAR})\s*年度?\s*[,,]")
PLAN_RE = re.compile(r"将|计划|打算|拟|要")
PLAN_WINDOW = 30
FULL_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})(?!\d)")
COMPACT_DATE_RE = re.compile(rf"(?<!\d)({YEAR})(\d{{2}})(\d{{2}})(?!\d)")
MONTH_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*年\s*(\d{{1,2}})\s*月")
LABEL_RE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[::]")
# A year stated after a label, a clause boundary or a news lead, not part of a date, a span
# ("以来", "至") or a comparison ("与2019年相比" has no boundary before it).
STATEMENT_YEAR_RE = re.compile(
    rf"(?:^|[】。;;,,::\s《(]|讯|获悉|显示|了解到)\s*({YEAR})\s*年度?"
    r"(?!\s*(?:以来|\d|[一二三四五六七八九十]+月|底|末|初|前|后|上半年|下半年|至|—|-|~|起|开始|及|和|、|与))"
)
# What may follow a stated year for it to be the period of the figures: a comma, the report's
# subject ("全市", "我区", "该院", "市政府") or a place name; not "被评为", "获得" ...
STATEMENT_FOLLOW_RE = re.compile(r"\s*(?:[,,]|全|我|该|本|各|共|市|区|县|省|州|旗|盟)")
DATELINE_DAY_RE = re.compile(r"(?:^|电|讯|\))\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,,]")
THIS_YEAR = "今年"
SUPERIOR = "领导下"
# "去年" as the period of the figures, not a comparison ("比去年", "去年同期").
LAST_YEAR_RE = re.compile(r"(?<![比较与同于])去年(?!同期|以来|同比|水平|底)")
WRAP_MAX = 30  # a title's second line is short: "情况的报告"
HEAD_NATIONAL_LINES = 3
LOCATE_RULES = Path(__file__).parent / "rules" / "locate.yaml"
RULE_LISTS = ("newspaper_suffixes", "footer_markers", "dateline_prefixes", "self_words")
NATIONAL_LISTS = ("markers", "not_markers", "bodies", "honour_words")
HONOUR_GAP = 3  # characters allowed between an honour word and 全国 ("评为首批全国")
NATIONAL_CODE = "100000"
REPORT_PLACES = "data/raw/report_places.csv"
SUPPLEMENT = "pipeline/rules/regions_supplement.csv"


@dataclass(frozen=True)
class _Line:
    index: int  # position among all lines of the text
    text: str  # simplified, stripped
    start: int  # offset of the stripped line in the text


@dataclass(frozen=True)
class _Title:
    """The report title: one line, or two when wrapped ("…法治政府建设工作" / "情况的报告")."""

    text: str
    start: int
    indices: tuple[int, ...]


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


@dataclass(frozen=True)
class _Rules:
    """rules/locate.yaml, checked."""

    newspaper_suffixes: tuple[str, ...]
    footer_markers: tuple[str, ...]
    dateline_re: re.Pattern[str]
    self_words: tuple[str, ...]
    national_markers: tuple[str, ...]
    national_not: tuple[str, ...]
    national_bodies: tuple[str, ...]
    honour_words: tuple[str, ...]


class LocateRulesError(ValueError):
    """rules/locate.yaml is malformed; the message names the file, the entry and the key."""


def _word_list(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise LocateRulesError(f"{LOCATE_RULES.name}: entry “{where}” must be a list of words")
    return tuple(w.strip() for w in value)


def _check_keys(data: object, known: Sequence[str], where: str) -> dict:
    if not isinstance(data, dict):
        raise LocateRulesError(f"{LOCATE_RULES.name}: {where} must be a mapping of {', '.join(known)}")
    for key in data:
        if key not in known:
            raise LocateRulesError(
                f"{LOCATE_RULES.name}: {where} has an unknown key “{key}” (known: {', '.join(known)})"
            )
    for key in known:
        if key not in data:
            raise LocateRulesError(f"{LOCATE_RULES.name}: {where} lacks the key “{key}”")
    return data


def parse_rules(data: object) -> _Rules:
    """The rules from the parsed YAML, or LocateRulesError naming what is wrong."""
    top = _check_keys(data, (*RULE_LISTS, "national"), "the top level")
    lists = {key: _word_list(top[key], key) for key in RULE_LISTS}
    national = _check_keys(top["national"], NATIONAL_LISTS, "entry “national”")
    words = {key: _word_list(national[key], f"national.{key}") for key in NATIONAL_LISTS}
    prefixes = "|".join(map(re.escape, lists["dateline_prefixes"]))
    return _Rules(
        newspaper_suffixes=lists["newspaper_suffixes"],
        footer_markers=lists["footer_markers"],
        dateline_re=re.compile(rf"(?:{prefixes})[^,,。()()]{{0,12}}?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*电"),
        self_words=lists["self_words"],
        national_markers=words["markers"],
        national_not=words["not_markers"],
        national_bodies=words["bodies"],
        honour_words=words["honour_words"],
    )


@cache
def _rules() -> _Rules:
    return parse_rules(yaml.safe_load(LOCATE_RULES.read_text(encoding="utf-8")))


def locate(doc: Document) -> Location:
    """The jurisdiction and report year of `doc`, with a status and a Chinese message."""
    text = arabic_years(regions.to_simplified(doc.text or ""))
    lines = _lines(text)
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    title = _title(head)
    choice = _jurisdiction(text, lines, title, tail)
    ignored = _ignored_lines(lines)
    year = _year([line for line in lines if line.index not in ignored], title, head, tail, text)
    original = (doc.text or "").splitlines()
    title_text = "".join(original[i].strip() for i in title.indices) if title is not None else ""
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


def _may_be_title_part(text: str) -> bool:
    bare = TITLE_TRAILING_RE.sub("", text)
    return not (
        len(bare) > TITLE_MAX
        or NAVIGATION_RE.search(bare)
        or HEADING_RE.match(bare)
        or _is_addressee(bare)
        or re.search(r"[。::;;,,]", bare)
        or _dates(bare)
    )


def _title(head: Sequence[_Line]) -> _Title | None:
    """The first head line that reads as a report title, before the first paragraph; a short
    title line right after a title-like line without an ending is that line's second half."""
    for position, line in enumerate(head):
        bare = TITLE_TRAILING_RE.sub("", line.text)
        if len(bare) > TITLE_MAX and "。" in bare:
            return None
        if len(bare) > TITLE_MAX or NAVIGATION_RE.search(bare) or HEADING_RE.match(bare) or _is_addressee(bare):
            continue
        if TITLE_END_RE.search(bare):
            before = head[position - 1] if position else None
            wrapped = (
                before is not None
                and before.index == line.index - 1
                and len(bare) <= WRAP_MAX
                and _may_be_title_part(before.text)
                and len(before.text) + len(bare) <= TITLE_MAX
            )
            if wrapped:
                return _Title(before.text + line.text, before.start, (before.index, line.index))
            return _Title(line.text, line.start, (line.index,))
    return None


# ---------------------------------------------------------------- jurisdiction


def _ignored_lines(lines: Sequence[_Line]) -> set[int]:
    """Lines that are never evidence: addressed to a superior, or a site or paper footer."""
    markers = _rules().footer_markers
    return {
        line.index
        for line in lines
        if _is_addressee(line.text) or any(marker in line.text for marker in markers) or "http" in line.text
    }


def _not_evidence(text: str, mention: Mention) -> bool:
    """A newspaper's name ("成都商报") or the place of a news dateline ("本报北京4月1日电")."""
    rules = _rules()
    if text[mention.end : mention.end + 6].startswith(rules.newspaper_suffixes):
        return True
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    at = mention.start - line_start
    return any(match.start() <= at < match.end() for match in rules.dateline_re.finditer(line))


def _jurisdiction(text: str, lines: list[_Line], title: _Title | None, tail: Sequence[_Line]) -> _Choice:
    if not lines:
        return _Choice()
    starts = [line.start for line in lines]
    every = regions.find_mentions(text)
    papers = [m for m in every if _not_evidence(text, m)]
    found = [m for m in every if m not in papers]
    by_line = [lines[bisect_right(starts, m.start) - 1].index for m in found]
    context = Counter(m.candidates[0] for m in every if len(m.candidates) == 1)
    resolved = [(m, _resolve(m, found[i - 1] if i else None, context)) for i, m in enumerate(found)]
    ignored = _ignored_lines(lines)
    usable = [(m, places, at) for (m, places), at in zip(resolved, by_line, strict=True) if at not in ignored]
    # the signature closes the text: only lines after its first sentence (a short news item's
    # tail is also its head)
    prose = next((line.index for line in lines if "。" in line.text), -1)
    signature = {line.index for line in tail if line.index > prose and _is_signature(line.text)}
    if title is not None:
        in_title = [(m, places) for m, places, at in usable if at in title.indices]
        about = title.text.find(ABOUT)
        after = [(m, places) for m, places in in_title if about >= 0 and m.start - title.start > about]
        choice = _most_specific(after or in_title)
        if choice.candidates:
            return choice
    choice = _most_specific([(m, places) for m, places, at in usable if at in signature])
    if choice.candidates:
        return choice
    self_word = _self_reference(text)
    body = [(m, places) for m, places, _ in usable]
    if not self_word and _is_national(text, lines, title, body):
        nation = regions.by_adcode(NATIONAL_CODE)
        return _Choice((nation,), nation.name) if nation else _Choice()
    unquoted = [(m, places) for m, places in body if not _in_book_title(text, m)]
    self_count = _self_counts(text)[self_word] if self_word else 0
    choice = _most_frequent(unquoted, self_word, body, self_count, _superiors(text, every))
    heading = {line.index for line in lines if line.index < prose and not NAVIGATION_RE.search(line.text)}
    masthead = _most_specific([(m, places) for m, places, at in usable if at in heading])
    if choice.place is None and masthead.place is not None:
        return masthead
    if choice.place is None and self_word:
        return _paper_place(papers, self_word) or choice
    return choice


def _paper_place(papers: list[Mention], self_word: str) -> _Choice | None:
    """With nothing else to go on, "全省"/"我市" in a paper's story are the paper's own place
    ("河北日报讯 … 全省…")."""
    fitting = Counter(
        m.candidates[0] for m in papers if len(m.candidates) == 1 and m.candidates[0].name.endswith(self_word)
    )
    if not fitting:
        return None
    place = fitting.most_common(1)[0][0]
    return _Choice((place,), place.name)


def _superiors(text: str, mentions: list[Mention]) -> frozenset[Place]:
    """Places named as someone's superior: "达州市委", "在达州市…的坚强领导下"."""
    return frozenset(
        m.candidates[0]
        for m in mentions
        if len(m.candidates) == 1 and (text[m.end : m.end + 1] == "委" or SUPERIOR in text[m.end : m.end + 16])
    )


def _in_book_title(text: str, mention: Mention) -> bool:
    """True inside 《…》: a document's title names its issuer ("执行《海口市…规则》"), not the
    reporting place."""
    before = text[text.rfind("\n", 0, mention.start) + 1 : mention.start]
    return before.count("《") > before.count("》")


def _is_signature(line: str) -> bool:
    """A short closing line without a sentence, and not a table row."""
    return len(line) <= SIGNATURE_MAX and not any(mark in line for mark in ("。", "|", "\t"))


def _national_count(text: str) -> int:
    """How often the text speaks of the whole country, phrases local texts use left out."""
    rules = _rules()
    cleaned = text
    for phrase in rules.national_not:
        cleaned = cleaned.replace(phrase, "")
    count = 0
    window = HONOUR_GAP + max(map(len, rules.honour_words), default=0)
    for marker in rules.national_markers:
        for match in re.finditer(re.escape(marker), cleaned):
            before = cleaned[max(0, match.start() - window) : match.start()]
            count += not any(word in before for word in rules.honour_words)
    return count


def _is_national(
    text: str, lines: Sequence[_Line], title: _Title | None, body: list[tuple[Mention, tuple[Place, ...]]]
) -> bool:
    """A text about the whole country: a national body's own report (its name in the title), or
    national figures announced in the first lines or twice, and no local place named as often."""
    if title is not None and any(b in title.text for b in _rules().national_bodies):
        return True
    head = "\n".join(line.text for line in lines[:HEAD_NATIONAL_LINES])
    total = _national_count(text)
    if not (_national_count(head) or total >= 2):
        return False
    local = Counter(places[0] for _, places in body if len(places) == 1)
    return total >= max(local.values(), default=0)


def _resolve(mention: Mention, previous: Mention | None, context: Counter[Place]) -> tuple[Place, ...]:
    """The places a mention can still denote: a shared name is settled by a parent written just
    before it ("长春市朝阳区"), else by the only candidate below a place named in the text, else
    by the candidate whose superiors and siblings (玄武区 beside 南京's 鼓楼区) are named most."""
    candidates = mention.candidates
    if len(candidates) == 1:
        return candidates
    if previous is not None and previous.end == mention.start and len(previous.candidates) == 1:
        below = tuple(c for c in candidates if regions.is_within(c, previous.candidates[0]))
        if len(below) == 1:
            return below
    scores = [_kinship(c, context) for c in candidates]
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return (candidates[scores.index(best)],)
    return candidates


def _kinship(candidate: Place, context: Counter[Place]) -> int:
    """Mentions of the candidate's superiors, and of places sharing its parent."""
    above = regions.ancestors(candidate)
    parent = above[0] if above else None
    siblings = {p for p in context if parent and p.level == candidate.level and regions.parent(p) == parent}
    return sum(n for place, n in context.items() if place != candidate and (place in above or place in siblings))


def _most_specific(found: list[tuple[Mention, tuple[Place, ...]]]) -> _Choice:
    """The deepest place named, when the others are its superiors; else the first named."""
    single = list(dict.fromkeys(places[0] for _, places in found if len(places) == 1))
    deepest = [p for p in single if not any(regions.is_within(q, p) for q in single)]
    if deepest:
        surface = next(m.surface for m, places in found if places == (deepest[0],))
        return _Choice((deepest[0],), surface)
    shared = next(((m, places) for m, places in found if len(places) > 1), None)
    return _Choice(shared[1], shared[0].surface) if shared else _Choice()


def _self_counts(text: str) -> Counter[str]:
    """How often a report names itself, by level word ("市" for 我市/全市)."""
    counts: Counter[str] = Counter()
    for word in _rules().self_words:
        counts[word[-1]] += text.count(word)
    return +counts


def _self_reference(text: str) -> str:
    """The level word a report uses for itself most often, or ""."""
    counts = _self_counts(text)
    return counts.most_common(1)[0][0] if counts else ""


def _most_frequent(
    found: list[tuple[Mention, tuple[Place, ...]]],
    self_word: str,
    quoted: list[tuple[Mention, tuple[Place, ...]]] | None = None,
    self_count: int = 0,
    superiors: frozenset[Place] = frozenset(),
) -> _Choice:
    """The place named most often in the body, among those whose name ends with the report's
    self-reference ("我市" -> a 市); a place below it named more often wins (a city paper on one
    of its counties), and more often than the report names itself ("我市" six times with 溧阳市
    named twice is 常州's report, unless 常州 is named as the superior: "在常州市委…领导下");
    ties go to the more specific. Names inside 《》 count only when nothing
    else fits (`quoted` holds every mention, those inside 《》 too). Needs two mentions, or
    one and a self-reference."""
    counts = Counter(places[0] for _, places in found if len(places) == 1)
    every = Counter(places[0] for _, places in quoted or found if len(places) == 1)
    fitting = Counter({p: n for p, n in counts.items() if self_word and p.name.endswith(self_word)})
    fitting_quoted = Counter({p: n for p, n in every.items() if self_word and p.name.endswith(self_word)})
    pool = fitting or fitting_quoted or counts or every
    counts = counts or every
    found = quoted or found
    if pool:
        place, count = max(pool.items(), key=lambda item: (item[1], LEVELS.index(item[0].level)))
        above = [p for p in regions.ancestors(place) if p in pool and p not in superiors]
        if above and count <= self_count:  # 溧阳市 named twice in a report saying 我市 six times
            place, count = above[0], pool[above[0]]
        floor = max(every[place], self_count)
        below = Counter({p: n for p, n in counts.items() if n > floor and regions.is_within(p, place)})
        if below:
            place, count = max(below.items(), key=lambda item: (item[1], LEVELS.index(item[0].level)))
        if count >= 2 or (count == 1 and self_word):
            surface = next(m.surface for m, places in found if places == (place,))
            return _Choice((place,), surface)
    shared = Counter((places, m.surface) for m, places in found if len(places) > 1)
    if shared:
        (places, surface), _ = shared.most_common(1)[0]
        return _Choice(places, surface)
    return _Choice()


# ---------------------------------------------------------------- year and dates


def _year(
    lines: list[_Line], title: _Title | None, head: Sequence[_Line], tail: Sequence[_Line], text: str
) -> int | None:
    if title is not None and (match := TITLE_YEAR_RE.search(title.text)):
        return int(match.group(1))
    stated = _stated_year(lines)
    dated = _dated_year(lines, head, tail, text)
    if stated is None or dated is None:
        return stated if stated is not None else (dated.year if dated else None)
    # A year stated in the text is the report's when the dates allow it (a report published in 2022 is on
    # 2021 or 2022); an older one is an event's ("2019年,我市政务公开位居全省第4名" in a 2020-12 review).
    return stated if dated.published - 1 <= stated <= dated.published else dated.year


@dataclass(frozen=True)
class _DatedYear:
    year: int  # the year the dates make the report's
    published: int  # the year of the first publication, meeting or signature date


def _stated_year(lines: list[_Line]) -> int | None:
    """A year opening a line ("2021年,全市…") or stated as the figures' period mid-line ("【行政应诉】2021年,")."""
    for line in lines:
        match = LEADING_YEAR_RE.match(line.text)
        if match and not PLAN_RE.search(line.text[match.end() : match.end() + PLAN_WINDOW]):
            return int(match.group(1))
    for line in lines:
        for match in STATEMENT_YEAR_RE.finditer(line.text):
            after = line.text[match.end() : match.end() + PLAN_WINDOW]
            if _states_period(after) and not PLAN_RE.search(after):
                return int(match.group(1))
    return None


def _dated_year(lines: list[_Line], head: Sequence[_Line], tail: Sequence[_Line], text: str) -> _DatedYear | None:
    dates = [d for line in [*reversed(tail), *head] if _is_date_line(line.text) for d in _dates(line.text)]
    labelled = [
        d for line in [*head, *tail] if (label := LABEL_RE.search(line.text)) for d in _dates(line.text[label.end() :])
    ]
    if not dates and not labelled:
        return None
    first = (labelled or dates)[0]
    year = _this_year(first, lines, text) or _last_year(first, text) or _report_year(first)
    return _DatedYear(year, first.year)


def _states_period(after: str) -> bool:
    """True when the words after a year make it the figures' period: a comma, the subject of
    a report ("全市", "该院") or a place ("2022年嘉兴市各级…")."""
    if STATEMENT_FOLLOW_RE.match(after):
        return True
    found = regions.find_mentions(after[:12])
    return bool(found) and found[0].start == len(after) - len(after.lstrip())


def _is_date_line(line: str) -> bool:
    """A publication, meeting or signature line: short, no sentence in it."""
    return "。" not in line and (len(line) <= SIGNATURE_MAX or LABEL_RE.search(line) is not None)


def _last_year(published: _Date, text: str) -> int | None:
    """A news item on 去年's figures, saying nothing of 今年, is of the year before publication."""
    if THIS_YEAR in text or not LAST_YEAR_RE.search(text):
        return None
    return published.year - 1


def _this_year(published: _Date, lines: Sequence[_Line], text: str) -> int | None:
    """A news item saying 今年 under a dateline ("12月28日,…") is of the year the dateline falls
    in: the publication's year, or the one before when the dateline's month is later."""
    if THIS_YEAR not in text or published.month is None:
        return None
    for line in lines:
        match = DATELINE_DAY_RE.search(line.text[:40])
        if match and 1 <= int(match.group(1)) <= 12:
            return published.year if int(match.group(1)) <= published.month else published.year - 1
    return None


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
    every = labelled + [d for line in [*head, *tail] if _is_date_line(line.text) for d in _dates(line.text)]
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
