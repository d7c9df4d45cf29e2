"""Sentences and clauses -> Facts, each with the sentence it came from.

This module owns reading a report's normalised text clause by clause and
deciding, for every number with a unit, whether it is a catalogued indicator's
value, for which year, and whether it is a single year's figure or a running
total. All vocabulary comes from the catalogue (pipeline/rules/indicators.yaml);
this module holds mechanisms only. It never reads files, never guesses the
jurisdiction, and when in doubt reports nothing: a wrong number is worse than
a missing one.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator, Sequence
from copy import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pipeline import catalogue as cat
from pipeline.model import PERIOD_CUMULATIVE, PERIOD_YEAR, Fact, Place
from pipeline.numbers import (
    AT_LEAST,
    AT_MOST,
    EXACT,
    Quantity,
    arabic_years,
    find_quantities,
    parse_numeral,
    rounding_step,
)
from pipeline.regions import short_name, to_simplified

SENTENCE_END = re.compile(r"[。!?;\n]")
FULL_STOP = "。"
DECEMBER = 12
PLAN_TITLE_LINES = 6  # lines at the top of a text where a plan's title may stand
TITLE_MAX_CHARS = 80
NEWLINE = "\n"
MIN_OUTCOME_KINDS = 2  # correction outcomes counted one by one before their sum is the corrections' count (one is
# enough beside an outcome that corrects nothing: grammar.yaml's kept_outcome_item)
PART_OF_YEAR_CLAUSES = 3  # '记者今天从市司法局了解到,今年1至6月,…': a sentence's period stands among its first clauses
WHOLE_NUMBER_RE = re.compile(r"^\d{1,7}$")
DEPARTMENT_SELF_MIN = 2  # a text calling itself 我局 this often is a department's own
LAST_DAYS_OF_MONTH = 28  # '截至12月31日' is the year's end; '截至12月20日' a few days short of it
CLAUSE_BREAK = re.compile(r",(?!\d{3}(?!\d))|:|;|。")  # ; and 。 inside a sentence joined to its 其中 sentence
YEAR = r"(?:19|20)\d{2}"
NOUN_PHRASE_END_RE = re.compile(r"[\d,;:。、]")
HEADING_MAX = 40
LEADING_COMMAS = re.compile(r"^[,,]+")
LIST_MARK_RE = re.compile(r"^\s*、")  # a list's next item ('其中维持2件、纠错6件')
SCOPE_SIGNALS = ("whole_scope", "government_body")
CLOSING_BRACKETS = (")", "）", "]", "】")  # right after a figure: it stood inside brackets
THIS_YEAR_SIGNAL = "this_year"  # read as 今年's; used inside extraction only, never output
APPROX_SHARE = 0.05  # an exact figure within 5 % of an approximate one is the same figure
REPORTING_MONTHS = 3  # annual reports on a year appear by the end of March of the next
MIN_LABEL_RUN = 3  # a one-row table one cell per line has at least this many column labels
BREADCRUMB = ">"  # a site's path to the page: "首页 > 政务公开 > …"
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
TITLE_SEARCH_LINES = 12  # a title stands within the first lines, after a page's metadata rows
MIN_PAIRS = 2  # a list of label and value lines has at least this many pairs
CLAUSE_END_RE = re.compile(r"[,;:。]")  # a line with clause punctuation is prose, not a table cell
TABLE_SEPARATOR = re.compile(r" \| ")
BARE_NUMBER_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
VALUE_CELL_RE = re.compile(r"^[+\-−—]?\s*\d[\d,]*(?:\.\d+)?\s*\S{0,6}$")  # "1186", "98.7%", "+3.4个百分点"
SIGNED_RE = re.compile(r"^([+\-−—]?)\s*(\d+(?:\.\d+)?%)$")
NEGATIVE_SIGNS = ("-", "−", "—")
BARE_VERB_MAX = 4  # "依法受理": longer heads ("通过撤销、变更…纠错") may name a subject of their own
# The only non-ASCII characters this module's code uses are punctuation of the mechanisms (sentence and
# list ends, quotes of titles); every word comes from rules/grammar.yaml and rules/indicators.yaml.
MECHANISM_CHARACTERS = "。、《》"


# The grammar of the rule set in force (rules/grammar.yaml): asked for ~1,000 times a report, so it is
# looked up once per text (`extract_facts`) and read back through the context variable's own `get`
# (a C call; `cat.grammar` itself was a Python call each time).
_GRAMMAR: contextvars.ContextVar[cat.Grammar] = contextvars.ContextVar("fazhi_extract_grammar")
_g = _GRAMMAR.get


@dataclass(frozen=True)
class Mention:
    """A quantity in a sentence with the text around it that decides what it is."""

    quantity: Quantity
    window: str  # the sentence text since the previous quantity, up to this one
    clause: str  # the part of the window in this clause (or in the previous clause, if this one is thin)
    right_noun: str  # a noun phrase right after the unit: "受理227件行政争议案件" -> "行政争议案件"
    before: str  # the sentence text up to this quantity
    after: str = ""  # the rest of this clause after the quantity, up to the next one: "规范性文件进行备案审查"
    carried: str = ""  # where its subject came from, when from before the sentence: a signal's name


@dataclass(frozen=True)
class Reading:
    """What a mention was read as."""

    indicator: str
    year: int | None
    qualifier: str
    period: str
    signals: tuple[str, ...] = ()  # how it was read, for the confidence stage (see model.Fact)


def extract_facts(
    text: str,
    year: int | None,
    place: Place | None = None,
    sub_places: Sequence[str] = (),
    published: str = "",
) -> list[Fact]:
    """Every catalogued indicator value stated in `text`, each with its evidence sentence.

    `year` is the year the report is about; `place` its jurisdiction (for the
    wider-scope check); `sub_places` the names of places below it, whose figures
    are never the reporting jurisdiction's; `published` the document's date
    ("YYYY-MM-DD", or ""), which says how much of the year "今年以来" covers.
    """
    with cat.pinned():
        token = _GRAMMAR.set(cat.grammar())
        try:
            return _text_facts(text, _scope(year, place, sub_places, published))
        finally:
            _GRAMMAR.reset(token)


def _scope(year: int | None, place: Place | None, sub_places: Sequence[str], published: str) -> _Scope:
    return _Scope(
        year,
        place.level if place else None,
        _name_pattern(tuple(sub_places)),
        _wider_words(place),
        *_wider_and_own_names(place),
        _published(published),
        place.name[-1:] if place else "",
    )


def _text_facts(text: str, scope: _Scope) -> list[Fact]:
    facts: list[Fact] = []
    # Traditional characters are read as simplified, one for one, so offsets stay valid and
    # the evidence is quoted from the original text.
    simplified = arabic_years(to_simplified(text))  # and '二〇二三年' as '2023年', also one for one
    plans = _plan_sections(simplified, scope.year)
    cell_rows, cells = _cell_per_line_tables(simplified, scope.year)
    side_rows, side_cells = _label_run_tables(simplified, scope.year, cells)
    cells |= side_cells
    total_rows, total_cells = _total_row_tables(simplified, scope.year, cells)
    cells |= total_cells
    tables = _year_tables(simplified, scope.year) | cell_rows | side_rows | total_rows
    topics = _Topics(document=_title_topic(simplified))
    for start, sentence in _joined_sentences(simplified):
        in_table = start in cells  # a table's cells neither open sections nor carry subjects
        if not in_table:
            topics.enter(sentence, starts_line=start == 0 or simplified[start - 1] == "\n")
        if plans and any(low <= start < high for low, high in plans):
            continue
        row = tables.get(start)
        if row:
            found = _table_row_facts(row, scope, topics)
        else:
            before_reading = copy(topics)  # the outcome sum is read as the sentence itself was
            reading = _in_period(sentence, topics)
            found = _sentence_facts(reading, start, scope, topics)
            if reading is not sentence:
                found = _with_own_evidence(found, sentence, start)
            found += _outcome_sum_facts(sentence, start, scope, before_reading, found)
            found = _in_running_period(found, sentence, topics)
        if not in_table:
            topics.leave(sentence)
        if sentence != text[start : start + len(sentence)]:
            found = [replace(f, evidence=text[f.start : f.end]) for f in found]
        facts.extend(found)
    facts = _without_this_year_clashes(facts)
    facts = _without_rounded_repeats(_without_weaker_heading_readings(facts))
    facts = _without_government_own(facts)
    facts = _without_weaker_cue_after_readings(facts)
    facts = _without_outcome_readings(facts)
    facts = _without_table_repeats(facts)
    facts = _without_parts_beside_whole(facts)
    facts = _without_looser_bounds(_without_title_repeats(facts, simplified))
    plan_year = _plan_document_year(simplified, scope.year)
    if plan_year:
        facts = [f for f in facts if f.year is not None and f.year < plan_year]  # a plan's targets; its recaps stay
    if any("zero_phrase" in f.signals for f in facts) and _speaks_as_department(simplified):
        # '我局…2015年未收到政府信息公开申请': the department's own none, not the place's (its counts of the place's
        # review office, legal aid or filings, which a 司法局 reports as 我局's, stay)
        facts = [f for f in facts if "zero_phrase" not in f.signals]
    titles = _title_candidates(simplified) if facts else []
    if any(_g().department_disclosure_title.match(t) or _g().department_report_title.match(t) for t in titles) or (
        facts and _department_page(simplified)
    ):
        # '天津市司法局…政府信息公开工作年度报告', '…人力资源和社会保障局2021年法治政府建设情况报告': the
        # department's own requests and cases, not the place's (a registry's count of the place stays)
        registry = _g().words["registry_families"]
        facts = [f for f in facts if "whole_scope" in f.signals or cat.catalogue()[f.indicator].family in registry]
    elif facts and _is_township_text(simplified, titles):
        # '龙形镇人民政府关于2024年…的报告' filed under its county: the town's figures, not the county's
        facts = [
            f for f in facts if "whole_scope" in f.signals or (scope.own_names and scope.own_names.search(f.evidence))
        ]
    if scope.year and _is_part_year_title(simplified, scope.year):
        # A half-year or quarterly summary: its figures of the year are of part of it (earlier years stay).
        facts = [f for f in facts if f.year is not None and f.year < scope.year]
    return facts


def _department_page(text: str) -> bool:
    """A page a department publishes ('昆明市自然资源和规划局 > 工作动态') that speaks as 我局: its own cases."""
    return _speaks_as_department(text) and any(_g().department_page.search(line) for line in _head_lines(text))


def _speaks_as_department(text: str) -> bool:
    """A text calling itself 我局/本局/我委… again and again ('2015年度我局主动公开…', '我局…未收到申请'): a
    department speaks, whatever its title says (or leaves out)."""
    words = _g().words["department_self_words"]
    return sum(text.count(w) for w in words) >= DEPARTMENT_SELF_MIN


def _without_this_year_clashes(facts: list[Fact]) -> list[Fact]:
    """'今年以来,…调解纠纷1642件。…2024年全县共调解纠纷1788件' in an item whose date gives no year: a figure read as
    今年's that another figure names with its year and a different value belongs to another year (today's), so it
    is left out. The internal signal is dropped from every fact."""
    named = {(f.indicator, f.year): f.value for f in facts if THIS_YEAR_SIGNAL not in f.signals}
    # (and so is every figure of a sentence where one does: its 今年 is not that year)
    clashing = {f.start for f in facts if THIS_YEAR_SIGNAL in f.signals and _clashes(f, named)}
    kept = []
    for fact in facts:
        if THIS_YEAR_SIGNAL in fact.signals:
            if fact.start in clashing:
                continue
            fact = replace(fact, signals=tuple(s for s in fact.signals if s != THIS_YEAR_SIGNAL))
        kept.append(fact)
    return kept


def _clashes(fact: Fact, named: dict[tuple[str, int | None], float]) -> bool:
    other = named.get((fact.indicator, fact.year))
    return other is not None and other != fact.value


def _without_rounded_repeats(facts: list[Fact]) -> list[Fact]:
    """A figure written in a larger unit ('实有市场主体6.93万户') gives way to the same figure written in full
    elsewhere in the document ('市场主体合计 | 69318'): both are the text's, one only rounded."""
    return [f for f in facts if not any(_rounds(f, other) for other in facts if other is not f)]


def _rounds(rounded: Fact, full: Fact) -> bool:
    same_key = (rounded.indicator, rounded.year, rounded.period) == (full.indicator, full.year, full.period)
    if not same_key or rounded.value == full.value or EXACT not in (rounded.qualifier, full.qualifier):
        return False
    step = rounding_step(rounded.value, rounded.note)
    return step > 1 and step > rounding_step(full.value, full.note) and abs(full.value - rounded.value) <= step / 2


def _without_weaker_cue_after_readings(facts: list[Fact]) -> list[Fact]:
    """A value read by a cue after it ('市政府新制定规范性文件12件,均报省政府备案': the government's own documents
    sent up) gives way to one of the same indicator and year read by a cue before it ('审查县区政府…报送备案的
    规范性文件64件': the filings the place reviewed)."""
    return _giving_way(facts, "cue_after")


def _without_parts_beside_whole(facts: list[Fact]) -> list[Fact]:
    """A value read without any scope of its own ('该中心共受理矛盾纠纷1024件') gives way to one of the same indicator
    and year stated for the whole place ('全县各级人民调解组织共调解矛盾纠纷3145件'): the whole is the place's."""
    whole = {(f.indicator, f.year, f.period): f.value for f in facts if "whole_scope" in f.signals}
    return [
        f for f in facts if "whole_scope" in f.signals or whole.get((f.indicator, f.year, f.period), f.value) == f.value
    ]


def _without_table_repeats(facts: list[Fact]) -> list[Fact]:
    """A table cell repeating a figure the prose states ('审结131件' and the table's 2023 column '131') adds nothing:
    the prose sentence stays the evidence."""
    stated = {(f.indicator, f.year, f.period, f.value) for f in facts if "table_cell" not in f.signals}
    return [f for f in facts if "table_cell" not in f.signals or (f.indicator, f.year, f.period, f.value) not in stated]


def _without_outcome_readings(facts: list[Fact]) -> list[Fact]:
    """A value read by a cue naming the outcome of the step counted ('经审查,予以备案139件') gives way to another of
    the same indicator and year ('共收到…报送备案的行政规范性文件146件'): the count reviewed, of which it is a part."""
    return _giving_way(facts, "outcome_cue")


def _without_weaker_heading_readings(facts: list[Fact]) -> list[Fact]:
    """A value whose subject came only from a heading or the title gives way to a value of the same
    indicator and year read with a subject of its own ("…矛调中心受理各类矛盾纠纷8,612件" under a heading
    on 调处 yields to "人民调解委员会调解纠纷6,204件")."""
    return _giving_way(facts, "subject_from_heading")


def _giving_way(facts: list[Fact], signal: str) -> list[Fact]:
    """`facts` without those read with `signal` whose indicator, year and period another fact was read without it."""
    others = {(f.indicator, f.year, f.period) for f in facts if signal not in f.signals}
    return [f for f in facts if signal not in f.signals or (f.indicator, f.year, f.period) not in others]


@dataclass
class _Topics:
    """The subjects in force while a document is read, for sentences that name none of their own:
    the previous sentence's in the same paragraph, else the section's (a heading or a 【label】 naming
    one subject), else the document's (its title naming one subject)."""

    document: str = ""
    section: str = ""
    carried: str = ""
    in_heading: bool = False
    part_in_force: bool = False  # the sentence before ended with ';' speaking of a part ('市直部门…;2022年败诉1件')
    year_in_force: int | None = None  # the year the sentence before, ending with ';', named for its figures
    # the sentence before gave only running totals ('2009年至2012年,全市共收到…1520件。'): a next one taking its
    # subject and naming no time of its own ('撤销、变更、确认违法112件') speaks of the same years
    running_in_force: bool = False
    # the opening clause of the sentence before: when it names part of the year ('今年1月至10月,') or a span of
    # years ('2001—2005年,'), what a sentence opening with 同期 counts over
    period_in_force: str = ""
    # the clause naming part of the year in the sentence before, ending with ';' ('今年1至6月,全市…100%;'): what a
    # next one naming no time of its own ('铁路法院…出庭应诉率也是100%') counts over
    part_of_year_in_force: str = ""
    # the clause naming part of the year among the first clauses of the sentence before, however it ended
    # ('2022年1-9月,全市…新收…767件。'): what a next one opening with 其中 and naming no time of its own counts over
    part_of_year_before: str = ""
    # the year the sentence before named last ('2024年是新法施行的头一年。'): what a sentence opening with 这一年 or
    # 同年 speaks of
    year_named: int | None = None
    # a sentence on the same line opened with a number of years and gave no figure ('五年来,我们坚持依法行政…。'):
    # the next ones naming no time of their own give running totals over those years
    span_in_force: bool = False

    def enter(self, sentence: str, starts_line: bool) -> None:
        if starts_line:
            self.part_in_force = self.running_in_force = self.span_in_force = False
            self.year_in_force = None
            self.part_of_year_in_force = ""
        label = _g().label_heading.match(sentence)
        self.in_heading = bool(starts_line and not label and _is_heading(sentence))
        if label:
            self.section, self.carried = _single_topic(label.group(0)), ""
        elif self.in_heading:
            self.section, self.carried = _single_topic(sentence), ""

    def leave(self, sentence: str) -> None:
        # a heading's subject is the section's, not a sentence's to carry
        self.carried = "" if self.in_heading else _carried_topic(sentence, self.carried)
        # (kept as written: whether it names a period is asked only of a sentence opening with 同期, see _in_period)
        # ('记者从市综治中心获悉,今年1至7月,…': the part of the year among its first clauses, else its opening)
        opening = _opening_part_of_year(sentence)
        self.period_in_force = opening or CLAUSE_BREAK.split(sentence.strip(), maxsplit=1)[0]
        prior = self.part_of_year_before if self.part_of_year_before and _is_part_of_part_year(sentence) else ""
        self.part_of_year_in_force = _part_of_year_left(sentence, opening, self.part_of_year_in_force or prior)
        self.part_of_year_before = opening or prior
        if _g().span_opening.match(sentence) and not find_quantities(sentence):
            self.span_in_force = True
        elif _names_its_own_time(sentence) or _whole_year_marks(sentence):
            self.span_in_force = False
        named = [int(m.group(1)) for m in _all(_g().year, sentence) if _is_time_phrase(sentence, m)]
        self.year_named = named[-1] if named else (self.year_named if _g().that_year_opening.match(sentence) else None)

    def __copy__(self) -> _Topics:
        # what copy.copy does for a plain dataclass, without its generic protocol (once per sentence)
        twin = object.__new__(_Topics)
        twin.__dict__.update(self.__dict__)
        return twin

    def for_topicless(self) -> tuple[str, str]:
        """(subject, the signal naming where it came from) for a sentence naming no subject."""
        if self.carried:
            return self.carried, "subject_across_sentence"
        return (self.section or self.document), "subject_from_heading"


def _plan_document_year(text: str, year: int | None) -> int | None:
    """The year a plan ('…实施方案', '关于印发…工作安排的通知', '关于下达2025年…发展计划的通知') starts: the
    first year its title names, else the report's; None when the text is no plan (or no year is known). Its title
    stands among the first lines, perhaps wrapped over two."""
    head = [line.strip() for line in text.split(NEWLINE, PLAN_TITLE_LINES)[:PLAN_TITLE_LINES] if line.strip()]
    candidates = head + [first + second for first, second in zip(head, head[1:], strict=False)]
    title = next((line for line in candidates if len(line) <= TITLE_MAX_CHARS and _g().plan_title.match(line)), None)
    if title is None:
        return None
    named = [int(y) for y in FOUR_DIGIT_YEAR.findall(title)]  # ('…(2021—2025年)实施方案': from its first year)
    return min(named) if named else year


def _is_part_year_title(text: str, year: int) -> bool:
    """A title line of its own that names part of the report's year ("…2024年上半年工作总结"; not
    "…2024年度…和2025年上半年工作的报告")."""
    lines = _title_lines(text)
    if not lines or text.strip() == lines[0]:
        return False
    # a first line naming no year ('安阳市中级人民法院') leaves the title to the next ('2022年1-9月全市…分析')
    titles = lines[:1] if _g().year.search(lines[0]) else lines[:2]
    return any(_title_names_part_of_year(title, year) for title in titles)


def _title_names_part_of_year(title: str, year: int) -> bool:
    if len(title) > HEADING_MAX or _figures(title) or _g().year_end.search(title):
        return False  # ("…第四季度工作总结暨全年工作情况" covers the whole year too)
    markers = cat.context().partial_year
    parts = [*(markers.finditer(title) if markers else ())]
    parts += [m for m in _g().month_span.finditer(title) if (parse_numeral(m.group(1)) or 12) < 12]
    for part in parts:
        named = _last(_g().year, title[: part.start()])
        if named is None or (int(named.group(1)) == year and named.end() >= part.start() - 1):
            return True
    return False


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), "")


def _is_township_text(text: str, titles: list[str]) -> bool:
    """A township's own text: its title names a township as the issuer, or its first lines name a township as
    the publisher ('信息来源:…西区办事处'), or it names itself as a township (全镇, 我乡) more often than as a
    county (全县, 我区)."""
    if any(_g().township_title.match(title) for title in titles):
        return True
    if any(_g().township_publisher.search(line) for line in _head_lines(text)):
        return True
    words = _g().words
    town = sum(text.count(word) for word in words["township_self_words"])
    return town > sum(text.count(word) for word in words["county_self_words"])


def _head_lines(text: str) -> list[str]:
    """The first lines, stripped, where a title, a page's metadata rows and its publisher stand."""
    return [line.strip() for line in text.split(NEWLINE, TITLE_SEARCH_LINES)[:TITLE_SEARCH_LINES]]


def _title_candidates(text: str) -> list[str]:
    """The first line that is no page's metadata row ('索引号: | …') nor a site's breadcrumb ('… > 镇街 > …'),
    alone or with the next line when the title is wrapped ('东湖区行政服务中心管委会2020年' /
    '政府信息公开工作年度报告')."""
    lines = _title_lines(text)
    return lines[:1] + ["".join(lines[:2])] if lines else []


def _title_lines(text: str) -> list[str]:
    """The first lines, stripped, without metadata rows ('[ 发布机构 ] …', '索引号: | …') and breadcrumbs."""
    return list(_title_lines_of(text, _g().words["metadata_labels"]))


@lru_cache(maxsize=4)  # asked twice of each text (its title candidates, a part-year title)
def _title_lines_of(text: str, labels: tuple[str, ...]) -> tuple[str, ...]:
    lines = [line.strip(" |") for line in _head_lines(text)]
    return tuple(
        line
        for line in lines
        if line and "|" not in line and BREADCRUMB not in line and not any(label in line for label in labels)
    )


def _title_topic(text: str) -> str:
    """The one subject a document's title names ("…2024年度行政复议工作情况通报"), else ""."""
    title = _first_line(text)
    return _single_topic(title) if len(title.strip()) <= HEADING_MAX else ""


def _is_heading(sentence: str) -> bool:
    """A short line of its own, or a short sentence opening a line ("强化复议监督。"), with no figure."""
    body = sentence.strip()
    return 0 < len(body) <= HEADING_MAX // 2 and not _figures(body)


def _figures(text: str) -> list[Quantity]:
    """Quantities other than times ("2024年" in a title is no figure)."""
    return [q for q in find_quantities(text) if q.unit not in _g().words["time_units"]]


def _topic_words(text: str) -> list[str]:
    """The topic words of `text`, in order (not words that only look like one: 调解和解, 执行复议)."""
    return [t for t in cat.topic_pattern().findall(text) if t not in cat.not_topics()]


def _single_topic(text: str) -> str:
    """The last topic word of `text` when all its topic words name the same indicators, else ""."""
    found = _topic_words(text)
    groups = {frozenset(i.id for i in cat.catalogue().values() if t in i.topics) for t in found}
    return found[-1] if len(groups) == 1 else ""


@dataclass(frozen=True)
class _Scope:
    year: int | None
    level: str | None
    sub_places: re.Pattern[str] | None
    wider: tuple[str, ...] = ()
    wider_names: re.Pattern[str] | None = None  # the places above it, by name ("江苏省", "江苏")
    own_names: re.Pattern[str] | None = None  # its own names ("昆山市", "昆山")
    published: tuple[int, int] | None = None  # (year, month) the document was published
    own_suffix: str = ""  # the last character of its name: 市 of 北京市
    # the exclusion check of each figure already made in this document (see `_is_excluded_context`)
    excluded: dict[Mention, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)


def _wider_words(place: Place | None) -> tuple[str, ...]:
    """Words naming a scope other than the reporting jurisdiction's: above it ("全省" in a city's report) or of
    a level below it ("全旗" in a city's)."""
    if place is None:
        return ()
    own = place.name[-1:]
    words = _g().wider.get(place.level, ()) + tuple(w for w in _g().narrower.get(place.level, ()) if w[-1:] != own)
    if place.level == "county":
        words += tuple(word for word, suffix in _g().parent if not place.name.endswith(suffix))
    return words


def _published(date: str) -> tuple[int, int] | None:
    match = re.match(r"(\d{4})-(\d{2})", date or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _wider_and_own_names(place: Place | None) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Names of the places above the reporting one ('江苏省近日经营主体总量突破1400万户' in 昆山's text is the
    province's figure) and its own names, which keep a clause ours ('江苏省昆山市…'). A wider short name
    inside one of its own ('濮阳' of 濮阳市 in 濮阳县) is left out."""
    if place is None:
        return None, None
    own = tuple(n for n in (place.name, short_name(place.name)) if n)
    above = [n for n in {place.parent, place.province} - {place.name, ""}]
    wider = tuple(n for name in above for n in (name, short_name(name)) if n and not any(n in o for o in own))
    return _name_pattern(wider), _name_pattern(own)


@lru_cache(maxsize=4096)  # a few per place: its own names, the wider ones its siblings share, those below it
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    names = tuple(n for n in names if len(n) >= 2)
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)))


def _plan_sections(text: str, year: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each section under a top-level heading of plans ("三、2024年工作打算"), or of a
    later year than the report's ("二、2025年上半年工作进展": its figures are never the report year's,
    even where a sentence names no year)."""
    ctx = cat.context()
    if ctx.plan_section is None:
        return []
    sections, opened, offset = [], None, 0
    for line in text.splitlines(keepends=True):
        heading = _g().top_heading.match(line)
        if _g().appendix.match(line) and opened is not None:
            # An appendix ("附表:主要指标") after the plans holds results again.
            sections.append((opened, offset))
            opened = None
        elif heading and len(line.strip()) <= HEADING_MAX:
            if opened is not None:
                sections.append((opened, offset))
            title = line[heading.end() :]
            is_plan = ctx.plan_section.search(title) and not (ctx.results_section and ctx.results_section.search(title))
            is_plan = is_plan or _names_only_later_years(title, year)
            opened = offset if is_plan else None
        offset += len(line)
    if opened is not None:
        sections.append((opened, offset))
    return sections


def _names_only_later_years(title: str, year: int | None) -> bool:
    years = [int(m.group(1)) for m in _g().year.finditer(title)]
    return bool(year and years) and min(years) > year


# --- tables: "指标 | 2022年 | 2023年" with a row per indicator -----------------------------------


@dataclass(frozen=True)
class _TableRow:
    """A table row under a header that names years: each cell read as '<year>年,<label><value><unit>'."""

    start: int
    line: str
    sentences: tuple[str, ...]


def _year_tables(text: str, year: int | None = None) -> dict[int, _TableRow]:
    """Rows of tables (cells separated by ' | ', as ingest writes them) whose header names years,
    by the offset of their line. Rows of other tables stay ordinary sentences."""
    rows: dict[int, _TableRow] = {}
    header: list[str] | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        cells = _pipe_cells(body) if TABLE_SEPARATOR.search(body) else []
        if not body.strip():
            pass  # a web page's rows may stand a blank line apart
        elif not cells:
            header = None
        elif header is None or len(cells) != len(header):
            header = cells if any(_column_years(cells, year)) else None
        else:
            sentences = _row_sentences(header, cells, year)
            if sentences:
                rows[offset] = _TableRow(offset, body, sentences)
        offset += len(line)
    return rows


def _pipe_cells(line: str) -> list[str]:
    """'| 市场主体合计 | 69318 | 9.2 |' -> the cells; a markdown row's outer bars open and close no cell."""
    cells = [c.strip() for c in line.split("|")]
    stripped = line.strip()
    if len(cells) > 2 and stripped.startswith("|") and stripped.endswith("|"):
        cells = cells[1:-1]
    return cells


def _cell_per_line_tables(text: str, year: int | None = None) -> tuple[dict[int, _TableRow], set[int]]:
    """Tables copied from a web page or PDF one cell per line: a label line ("指标"), the year header cells
    ("2021年", "2020年"), perhaps other header cells ("增减"), then rows of a label line and one value line
    per column. Rows are keyed by the offset of their label line; the evidence is the row's lines. Also
    returns the offsets of every line of such tables. A page number or footer where a printed page broke is
    no cell."""
    lines = [line for line in _lines_with_offsets(text) if not _g().page_furniture.match(line[1])]
    rows: dict[int, _TableRow] = {}
    cells: set[int] = set()
    i = 0
    while i < len(lines):
        width = _header_width(lines, i, year)
        if width < 2:
            i += 1
            continue
        header = [body for _, body in lines[i : i + width]]
        cells.update(offset for offset, _ in lines[i : i + width])
        i += width
        topic = ""  # the topic of the rows above: '收到复议申请(件)' / … / '受理(件)' is 复议's too
        while i + width <= len(lines) and _is_cell_row(lines[i : i + width], header):
            row_cells = [body for _, body in lines[i : i + width]]
            start, end = lines[i][0], lines[i + width - 1][0] + len(lines[i + width - 1][1])
            own = _topic_words(row_cells[0])
            topic = own[-1] if own else topic
            if topic and not own:
                row_cells[0] = topic + row_cells[0]
            sentences = _row_sentences(header, row_cells, year)
            if sentences:
                rows[start] = _TableRow(start, text[start:end], sentences)
            cells.update(offset for offset, _ in lines[i : i + width])
            i += width
    return rows, cells


def _label_run_tables(text: str, year: int | None, taken: set[int]) -> tuple[dict[int, _TableRow], set[int]]:
    """A one-row table copied one cell per line: N column labels ("新收案件", "办结案件", "纠错率" …), then the N
    values in the same order (no year header: the report's year). Each label is read with its value; the
    evidence is the whole table. Lines of tables read already (`taken`) are skipped. Also returns the offsets
    of its lines."""
    if not year:
        return {}, set()
    lines = _lines_with_offsets(text)
    rows: dict[int, _TableRow] = {}
    cells: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i][0] in taken:
            i += 1
            continue
        pairs = _label_value_pairs(lines, i)
        if pairs >= MIN_PAIRS:
            # '一、本年新收政府信息公开申请数量' / '96' / '二、上年结转…' / '18': each label line with its value line
            labels_values = [(lines[i + 2 * k][1], lines[i + 2 * k + 1][1]) for k in range(pairs)]
            last = lines[i + 2 * pairs - 1]
            sentences = tuple(_label_value_sentence(year, label, value) for label, value in labels_values)
            rows[lines[i][0]] = _TableRow(lines[i][0], text[lines[i][0] : last[0] + len(last[1])], sentences)
            cells.update(offset for offset, _ in lines[i : i + 2 * pairs])
            i += 2 * pairs
            continue
        width = _label_run(lines, i)
        if width < MIN_LABEL_RUN or i + 2 * width > len(lines):
            i += 1  # the last label of a short run may open a list of label and value lines
            continue
        values = [body for _, body in lines[i + width : i + 2 * width]]
        if not all(_is_value_cell(v) for v in values) or (
            i + 2 * width < len(lines) and _is_value_cell(lines[i + 2 * width][1])
        ):
            i += width
            continue
        labels = [body for _, body in lines[i : i + width]]
        start, last = lines[i][0], lines[i + 2 * width - 1]
        sentences = tuple(
            _label_value_sentence(year, label, value) for label, value in zip(labels, values, strict=True)
        )
        rows[start] = _TableRow(start, text[start : last[0] + len(last[1])], sentences)
        cells.update(offset for offset, _ in lines[i : i + 2 * width])
        i += 2 * width
    return rows, cells


def _label_value_pairs(lines: list[tuple[int, str]], i: int) -> int:
    """How many (label line, value line) pairs stand in a row from line i."""
    j = i
    while (
        j + 1 < len(lines)
        and _is_label_cell(lines[j][1])
        and not CLAUSE_END_RE.search(lines[j][1])
        and _is_value_cell(lines[j + 1][1])
    ):
        j += 2
    return (j - i) // 2


def _label_run(lines: list[tuple[int, str]], i: int) -> int:
    """How many label lines (short, no figure) stand in a row from line i."""
    j = i
    while j < len(lines) and _is_label_cell(lines[j][1]) and not CLAUSE_END_RE.search(lines[j][1]):
        j += 1
    return j - i


def _label_value_sentence(year: int, label: str, value: str) -> str:
    unit = _g().table["count_unit"] if BARE_NUMBER_RE.match(value) else ""
    return _g().table["cell_sentence"].format(year=year, label=label, value=value, unit=unit)


def _total_row_tables(text: str, year: int | None, taken: set[int]) -> tuple[dict[int, _TableRow], set[int]]:
    """A table of kinds copied one cell per line under a line leading into it ('各类纠纷调解情况如下:' / '纠纷类别' /
    '受理(件)' / '调解成功(件)' / '婚姻家庭' / '612' / '605' … / '合计' / '2312' / '2276'): its total row only is the
    lead's figure, each column read as the lead's subject with the column's name (the kinds' rows are parts). Returns
    the row keyed by its label line, and the offsets of the table's lines."""
    if not year:
        return {}, set()
    lines = _lines_with_offsets(text)
    rows: dict[int, _TableRow] = {}
    cells: set[int] = set()
    for i, (offset, body) in enumerate(lines):
        lead = _g().table_lead.match(body)
        width = _kinds_header_width(lines, i + 1) if lead and offset not in taken else 0
        if not width:
            continue
        names = [name for _, name in lines[i + 2 : i + 2 + width]]
        j, total = i + 2 + width, None
        while j + width < len(lines) and _is_cell_row(lines[j : j + width + 1]):
            total = j if lines[j][1] in _g().words["total_row_labels"] else total
            j += width + 1
        if total is None:
            continue
        values = [value for _, value in lines[total + 1 : total + 1 + width]]
        sentences = tuple(
            _column_sentence(year, lead.group(1), name, value) for name, value in zip(names, values, strict=True)
        )
        last = lines[total + width]
        rows[lines[total][0]] = _TableRow(lines[total][0], text[lines[i + 1][0] : last[0] + len(last[1])], sentences)
        cells.update(offset for offset, _ in lines[i + 1 : j])
    return rows, cells


def _kinds_header_width(lines: list[tuple[int, str]], first: int) -> int:
    """Columns of a table of kinds starting at line `first`: a label ('纠纷类别'), N column names, the first kind's
    label, then its N values (0 when the lines are not so)."""
    labels = 0
    while first + labels < len(lines) and _is_label_cell(lines[first + labels][1]):
        labels += 1
    values = 0
    while first + labels + values < len(lines) and _is_value_cell(lines[first + labels + values][1]):
        values += 1
    return values if values >= 1 and labels == values + 2 else 0


def _column_sentence(year: int, subject: str, name: str, value: str) -> str:
    """'各类纠纷调解' + '受理(件)' + '2312': '2022年,各类纠纷调解受理2312件。'"""
    unit_match = _g().label_unit.search(name)
    label = name[: unit_match.start()].strip() if unit_match else name
    unit = unit_match.group(1) if unit_match else (_g().table["count_unit"] if BARE_NUMBER_RE.match(value) else "")
    return _g().table["cell_sentence"].format(year=year, label=subject + label, value=value, unit=unit)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            found.append((offset + len(line) - len(line.lstrip()), line.strip()))
        offset += len(line)
    return found


def _header_width(lines: list[tuple[int, str]], i: int, year: int | None = None) -> int:
    """Columns of a one-cell-per-line header starting at line i (0 when there is none): a short label,
    one or more year cells, then short header cells up to the first row label (a line before a value).
    A header of the current value ("指标 / 单位 / 数量 / 比上年增长(%)") is one too: its known header cells
    only, since a row's unit cell is a label as well."""
    if not _is_label_cell(lines[i][1]):
        return 0
    j = i + 1
    while j < len(lines) and _g().table_year.match(lines[j][1]):
        j += 1
    if j == i + 1:  # '指标 / 单位 / 2022年 / 2021年 / 同比': a unit column before the years
        while j < len(lines) and (_is_header_cell(lines[j][1]) or _g().table_year.match(lines[j][1])):
            j += 1
        header = [body for _, body in lines[i:j]]
        return j - i if any(_column_years(header, year)) else 0
    while j + 1 < len(lines) and _is_label_cell(lines[j][1]) and _is_label_cell(lines[j + 1][1]):
        j += 1  # further header cells ("增减"), while the next line is not yet a value
    return j - i


def _is_header_cell(cell: str) -> bool:
    """A cell naming a column of the current value, its unit or its change."""
    return bool(_g().table_value.match(cell) or _g().table_unit.match(cell) or _g().table_change.match(cell))


def _column_years(header: list[str], year: int | None) -> list[int | None]:
    """The year of each column after the label: a year header ('2023年'), the report's year for a column of
    the current value ('数量', '本年数'), None for any other."""
    years: list[int | None] = []
    for name in header[1:]:
        named = _g().table_year.match(name)
        current = year if year and _g().table_value.match(name) else None
        years.append(int(named.group(1)) if named else current)
    return years


def _is_label_cell(cell: str) -> bool:
    return 0 < len(cell) <= HEADING_MAX // 2 and not _is_value_cell(cell) and not _g().table_year.match(cell)


def _is_value_cell(cell: str) -> bool:
    return len(cell) <= HEADING_MAX // 2 and bool(VALUE_CELL_RE.match(cell))


def _is_cell_row(group: list[tuple[int, str]], header: list[str] | None = None) -> bool:
    """A label, then a value in every column (a unit column holds a unit: '万户')."""
    names = header[1:] if header else [""] * (len(group) - 1)
    cells = [body for _, body in group[1:]]
    return _is_label_cell(group[0][1]) and all(
        _is_value_cell(cell) or (_g().table_unit.match(name) and _is_label_cell(cell))
        for name, cell in zip(names, cells, strict=True)
    )


def _is_case_step_label(label: str) -> bool:
    """'新收', '审结' alone: a case step with no noun of its own ('新收案件' is read as it stands)."""
    words = _g().words
    return any(w in label for w in words["case_step_labels"]) and not any(n in label for n in words["unitless_nouns"])


def _row_sentences(header: list[str], cells: list[str], report_year: int | None = None) -> tuple[str, ...]:
    label_match = _g().label_unit.search(cells[0])
    label = cells[0][: label_match.start()].strip() if label_match else cells[0]
    unit = label_match.group(1) if label_match else ""
    if not label:
        return ()
    for name, cell in zip(header[1:], cells[1:], strict=True):
        if _g().table_unit.match(name) and not unit:
            unit = cell
        bracketed = _g().table_value.match(name)
        if bracketed and bracketed.group(1) and not unit:
            unit = bracketed.group(1)  # '户数(户)': the column's unit
    column_years = _column_years(header, report_year)
    years = [y for y in column_years if y]
    shapes = _g().table
    sentences = []
    case_step = not unit and _is_case_step_label(label)
    for name, cell, year in zip(header[1:], cells[1:], column_years, strict=True):
        if year and case_step and WHOLE_NUMBER_RE.match(cell):
            sentences.append(shapes["case_cell_sentence"].format(year=year, label=label, value=cell))
        elif year and BARE_NUMBER_RE.match(cell):
            sentences.append(shapes["cell_sentence"].format(year=year, label=label, value=cell, unit=unit))
        elif year and cell:
            sentences.append(shapes["cell_sentence"].format(year=year, label=label, value=cell, unit=""))
        elif _g().table_change.match(name) and years:
            # a column headed "比上年增长(%)" holds percentages written without their sign
            cell = cell + "%" if name.endswith("(%)") and BARE_NUMBER_RE.match(cell.lstrip("+-−—")) else cell
            change = SIGNED_RE.match(cell)
            if change and change.group(2).endswith("%"):
                verb = shapes["fall_verb"] if change.group(1) in NEGATIVE_SIGNS else shapes["rise_verb"]
                sentences.append(
                    shapes["change_sentence"].format(year=max(years), label=label, verb=verb, value=change.group(2))
                )
    return tuple(sentences)


def _table_row_facts(row: _TableRow, scope: _Scope, topics: _Topics | None = None) -> list[Fact]:
    facts = []
    for sentence in row.sentences:
        for fact in _sentence_facts(sentence, 0, scope, topics):
            signals = (*fact.signals, "table_cell")
            facts.append(
                replace(fact, evidence=row.line, start=row.start, end=row.start + len(row.line), signals=signals)
            )
    return facts


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence, ending punctuation included."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() - start > 1:
            yield start, text[start : match.end()]
        start = match.end()
    if start < len(text):
        yield start, text[start:]


def _joined_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Sentences, with one that opens with 其中 joined to the sentence before it in the same paragraph
    ("…新收行政诉讼案件420件。其中,一审案件380件": the part is read against its total)."""
    pending: tuple[int, str] | None = None
    for start, sentence in split_sentences(text):
        if pending and not pending[1].endswith("\n") and _g().part_start.match(sentence):
            pending = (pending[0], pending[1] + sentence)
            continue
        if pending:
            yield pending
        pending = (start, sentence)
    if pending:
        yield pending


def _carried_topic(sentence: str, carried: str) -> str:
    """The subject a sentence leaves to the next one in its paragraph (a list item "一是…;二是…", or
    "…收到行政复议申请87件。受理66件"): the last topic word of this sentence (or the one it inherited).
    A paragraph's end forgets it, unless the paragraph leads into what follows ("…办案情况如下表:": a table
    whose rows name no subject of their own)."""
    ends = sentence.rstrip(" ")
    if not ends.endswith((";", "。")) and not ends.rstrip().endswith(":"):
        return ""
    found = _topic_words(sentence)
    return found[-1] if found else carried


def _without_prefix(text: str, prefixes: Sequence[str]) -> str:
    """`text` without the first of `prefixes` it starts with."""
    for prefix in prefixes:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _subjectless(sentence: str, quantities: list[Quantity]) -> bool:
    """A bare verb before the first figure ("受理4.9万件", "其中,受理66件"), nothing that could be a
    subject of its own."""
    head = sentence[: quantities[0].start].strip()
    opening = _g().part_start.match(head)
    if opening:
        head = head[opening.end() :].lstrip(",: ")
    head = head.lstrip()
    year = _g().year.match(head)
    if year:
        head = head[year.end() :].lstrip(",: ")  # '2025年受理149件'
    head = _without_prefix(head, _g().words["verb_adverbials"]).lstrip(",: ")  # '经审查受理1327件'
    return len(head) <= BARE_VERB_MAX and not cat.topic_pattern().search(head) and not CLAUSE_BREAK.search(head)


def _sentence_facts(sentence: str, offset: int, scope: _Scope, topics: _Topics | None = None) -> list[Fact]:
    if _g().breakdown_lead.match(sentence):
        return []  # '分领域看,年末服务业实有经营主体338.3万户,增长6.6%': the parts of a breakdown
    quantities = [q for q in find_quantities(sentence) if q.unit not in _g().words["time_units"]]
    quantities = [q for q in quantities if not _g().ordinal.search(sentence[: q.start])]
    quantities = sorted(quantities + _unitless_counts(sentence, quantities), key=lambda q: q.start)
    if not quantities:
        return _zero_facts(sentence, offset, scope, [])
    subject, source = _inherited_subject(sentence, quantities, topics or _Topics())
    mentions = _mentions(sentence, quantities, subject + "," if subject else "", source)
    part_in_force = bool(topics and topics.part_in_force)
    readings = _read_mentions(mentions, sentence, scope, part_in_force)
    if topics is not None:
        # '…市直部门…:2021年败诉25件;2022年败诉1件': a part stays the subject across a semicolon
        ends_clause = _g().clause_end.search(sentence)
        topics.part_in_force = bool(ends_clause) and _exclusion_at_end(mentions, scope, part_in_force)
        readings = _in_year_in_force(readings, sentence, scope, topics)
        readings = _in_year_named(readings, sentence, scope, topics)
        topics.year_in_force = _year_at_end(readings, sentence, topics) if ends_clause else None
    evidence = sentence.strip()
    lead = len(sentence) - len(sentence.lstrip())
    facts = [
        Fact(
            indicator=r.indicator,
            value=m.quantity.value,
            qualifier=r.qualifier,
            method="reported",
            evidence=evidence,
            start=offset + lead,
            end=offset + lead + len(evidence),
            year=r.year,
            period=r.period,
            note=m.quantity.text,
            signals=r.signals + _quantity_signals(m.quantity, r.qualifier),
        )
        for m, r in zip(mentions, readings, strict=True)
        if r is not None
    ]
    facts = _without_bounds_beside_exact(facts)
    zeros = [] if part_in_force else _zero_facts(sentence, offset, scope, facts)  # '…;行政诉讼2件,均未败诉'
    return facts + _inferred(facts, sentence) + zeros


def _in_year_in_force(
    readings: list[Reading | None], sentence: str, scope: _Scope, topics: _Topics
) -> list[Reading | None]:
    """'2018年县政府共收到申请19件;全县…一审行政诉讼案件12件' in a 2019 item: a sentence after a semicolon naming
    no time of its own counts in the year the one before it named, not in the report's."""
    carried = topics.year_in_force
    if carried is None or carried == scope.year or _names_its_own_time(sentence):
        return readings
    return [replace(r, year=carried) if r is not None and r.year == scope.year else r for r in readings]


def _in_year_named(
    readings: list[Reading | None], sentence: str, scope: _Scope, topics: _Topics
) -> list[Reading | None]:
    """'2024年是新法施行的头一年。这一年,全省新收…4618件' in a 2025 item: a sentence opening with 这一年 or 同年 counts
    in the year the sentence before it named, where it would have taken the report's."""
    named = topics.year_named
    if named is None or named == scope.year or not _g().that_year_opening.match(sentence):
        return readings
    if scope.year and named > scope.year:
        return readings
    return [replace(r, year=named) if r is not None and r.year == scope.year else r for r in readings]


def _year_at_end(readings: list[Reading | None], sentence: str, topics: _Topics) -> int | None:
    """The year a sentence ending with ';' leaves in force: the one it names for its first figure of a year
    (not a previous-year aside after it), or the one it inherited when it names none."""
    # ('去年全市…共调解…2146件;全市法律援助机构办理…703件': 去年 opening it is a year named too)
    last_year = _g().previous_year_time.search(sentence) or _g().last_year_subject.search(sentence)
    if not (_names_its_own_time(sentence) or last_year):
        return topics.year_in_force
    first = next((r for r in readings if r is not None and r.period == PERIOD_YEAR), None)
    return first.year if first is not None and (_g().year.search(sentence) or last_year) else None


def _names_a_time(sentence: str) -> bool:
    """A year, 今年/去年 or a span of months of its own ('2022年…', '1-11月…', '上半年…')."""
    words = (*_g().words["this_year"], *_g().words["previous_year_time"])
    return _names_its_own_time(sentence) or any(w in sentence for w in words) or _stops_before_year_end(sentence)


def _names_its_own_time(sentence: str) -> bool:
    return bool(
        _g().year.search(sentence) or _g().this_year_word.search(sentence) or _g().previous_year_time.search(sentence)
    )


def _part_of_year_left(sentence: str, opening: str, carried: str) -> str:
    """The part-of-year clause a sentence ending with ';' leaves in force: the one opening it (`opening`, among its
    first clauses), or the one it was read with when it names no time of its own; nothing after a full stop."""
    if not _g().clause_end.search(sentence):
        return ""
    return opening or ("" if _names_its_own_time(_without_compared_years(sentence)) else carried)


def _opening_part_of_year(sentence: str) -> str:
    """The clause among a sentence's first ones naming part of the year ('今年1至6月', '今年以来'), or ''."""
    clauses = CLAUSE_BREAK.split(sentence.strip(), maxsplit=PART_OF_YEAR_CLAUSES)[:PART_OF_YEAR_CLAUSES]
    return next((clause for clause in clauses if _stops_before_year_end(clause) or _is_this_year_so_far(clause)), "")


def _in_period(sentence: str, topics: _Topics) -> str:
    """'同期,全县…受理矛盾纠纷2684件' after '今年1月至10月,全县…。': read with that period where 同期 stands; a
    sentence after '今年1至6月,全市…;' naming no time of its own is read with that part of the year too."""
    same = _g().same_period.match(sentence)
    if same is None and topics.part_of_year_in_force and not _names_a_time(_without_compared_years(sentence)):
        return topics.part_of_year_in_force + "," + sentence.lstrip()
    if same is None and topics.part_of_year_before and _is_part_of_part_year(sentence):
        return topics.part_of_year_before + "," + sentence.lstrip()
    opening = topics.period_in_force
    if same is None or not opening or not (_stops_before_year_end(opening) or _years_span(opening)):
        return sentence
    return opening + "," + LEADING_COMMAS.sub("", sentence[same.end() :])


def _is_part_of_part_year(sentence: str) -> bool:
    """'其中,中院新收…85件,比2021年同期的159件减少74件': a sentence opening with 其中 gives parts of the figure
    before and so counts over its months, unless it names a time of its own (a year it only compares with is not
    its own time)."""
    return bool(_g().part_start.match(sentence)) and not _names_a_time(_without_compared_years(sentence))


def _without_compared_years(sentence: str) -> str:
    return _g().compared_year.sub("", sentence)


def _with_own_evidence(found: list[Fact], sentence: str, offset: int) -> list[Fact]:
    """Facts read from a rewording of `sentence` (_in_period) quote the sentence itself."""
    evidence = sentence.strip()
    start = offset + len(sentence) - len(sentence.lstrip())
    return [replace(f, evidence=evidence, start=start, end=start + len(evidence)) for f in found]


def _in_running_period(found: list[Fact], sentence: str, topics: _Topics) -> list[Fact]:
    """'2009年至2012年,全市共收到行政复议申请1520件。撤销、变更、确认违法112件': a sentence taking its subject from
    one that gave only running totals, or opening with that one's period ('同一时期,…'), and naming no time of its
    own, gives running totals too."""
    inherits = bool(found) and all("subject_across_sentence" in f.signals for f in found)
    inherits = inherits or (bool(found) and _g().same_period_opening.match(sentence) is not None)
    # ('五年来,我们坚持依法行政…。县政府共办理…186件,依法应诉…243件': the years opened before, on the same line)
    running = (topics.running_in_force and inherits) or (topics.span_in_force and bool(found))
    if running and not _g().year.search(sentence) and not _whole_year_marks(sentence):
        found = [replace(f, period=PERIOD_CUMULATIVE) for f in found]
    if found:
        topics.running_in_force = all(f.period == PERIOD_CUMULATIVE for f in found)
    return found


def _outcome_sum_facts(sentence: str, offset: int, scope: _Scope, topics: _Topics, found: list[Fact]) -> list[Fact]:
    """'审结案件中,撤销31件、变更2件、确认违法9件、责令履行4件': the corrections' count is the sum of two or
    more correction outcomes' counts (method derived), read as grammar.yaml's outcome_sum_sentence put where the
    list stands, so that the sentence's subject, year and scope decide it as they would a stated total."""
    items = _outcome_items(sentence)
    if not items:
        return []
    head = sentence[: items[0][0]]
    quantities = [q for _, q in items]
    total = sum(q.value for q in quantities)
    text = _g().table["outcome_sum_sentence"].format(head=head, value=_plain_number(total), unit=quantities[0].unit)
    known = {(f.indicator, f.year, f.period) for f in found}
    summed = [f for f in _sentence_facts(text, offset, scope, topics) if f.value == total]
    evidence = sentence.strip()
    start = offset + len(sentence) - len(sentence.lstrip())
    return [
        replace(
            f,
            method="derived",
            evidence=evidence,
            start=start,
            end=start + len(evidence),
            note="+".join(q.text for q in quantities),
            signals=(*f.signals, "outcome_sum"),
        )
        for f in summed
        if (f.indicator, f.year, f.period) not in known
    ]


def _outcome_items(sentence: str) -> list[tuple[int, Quantity]]:
    """(where the outcome word starts, its count) for each correction outcome standing right before its own count
    (or counted after 分别为), when two or more different outcomes are counted in the same unit, or one beside
    outcomes that correct nothing in a list adding up to its total; [] otherwise."""
    if not _g().correction_outcome.search(sentence):
        return []  # (most sentences: no outcome named, so none counted either; see the last check)
    quantities = find_quantities(sentence)
    listed = _respectively_outcomes(sentence, quantities)
    if listed:
        return listed
    items: list[tuple[int, Quantity]] = []
    kinds: set[str] = set()
    previous_end = 0
    for q in quantities:
        between = sentence[previous_end : q.start]
        clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(between)), default=0)
        item = _g().outcome_item.match(between[clause_start:])  # '审结案件中,撤销31件': the clause's own words
        if item and (not items or q.unit == items[0][1].unit):
            items.append((previous_end + clause_start + item.start(1), q))
            kinds.add(item.group(1))
        previous_end = q.end
    if items and _g().open_list_end.match(sentence[items[-1][1].end :]):
        return []  # '撤销5件、确认违法2件等': the list names only some outcomes
    if len(_g().correction_outcome.findall(sentence)) != len(items):
        return []  # an outcome named but not read as an item ('决定撤销41宗' beside the rest): no partial sum
    # '审结35件,其中维持21件,撤销6件,调解撤回8件': a list counting outcomes that correct nothing and adding up to the
    # cases concluded gives every correction too
    enough = len(kinds) >= MIN_OUTCOME_KINDS or (
        bool(_g().kept_outcome_item.search(sentence)) and _outcomes_add_up(sentence, quantities)
    )
    return items if enough and len(kinds) == len(items) else []


def _respectively_outcomes(sentence: str, quantities: list[Quantity]) -> list[tuple[int, Quantity]]:
    """'撤销、变更、确认违法和责令履行分别为9件、1件、5件、3件' (or with 维持, 驳回, 终止 among them): each correction
    outcome's count by its place in the list, when the list names only outcomes, counts each one and names every
    correction outcome of the sentence; [] otherwise."""
    found = _g().outcome_names_list.search(sentence)
    if found is None:
        return []
    names = [m.group(0) for m in _all(_g().outcome_name, found.group(1))]
    counts = [q for q in quantities if q.start >= found.end()][: len(names)]
    joined = all(_g().list_joiner.match(sentence[a.end : b.start]) for a, b in zip(counts, counts[1:], strict=False))
    if len(counts) != len(names) or not joined or len({q.unit for q in counts}) != 1:
        return []
    corrections = [q for name, q in zip(names, counts, strict=True) if _g().correction_outcome.fullmatch(name)]
    if len(corrections) != len(_g().correction_outcome.findall(sentence)):
        return []
    return [(found.start(), q) for q in corrections]


def _outcomes_add_up(sentence: str, quantities: list[Quantity]) -> bool:
    """A run of counts right after a total of the cases ('审结35件,其中维持21件,撤销6件,调解撤回8件', '受理8件,均已
    审结,其中维持6件,撤销1件,撤回1件'), or right before the cases concluded ('维持30件,撤销4件,共审结34件'), adds up to
    it: the list gives every outcome (`quantities`: the sentence's)."""
    for k, q in enumerate(quantities):
        after = [o.value for o in quantities[k + 1 :] if o.unit == q.unit]
        if any(sum(after[:n]) == q.value for n in range(2, len(after) + 1)):
            return True
        clause = CLAUSE_BREAK.split(sentence[quantities[k - 1].end if k else 0 : q.start])[-1]
        before = [o.value for o in quantities[:k] if o.unit == q.unit]
        if _g().concluded_count.search(clause) and any(sum(before[-n:]) == q.value for n in range(2, len(before) + 1)):
            return True
    return False


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _without_bounds_beside_exact(facts: list[Fact]) -> list[Fact]:
    """'总量突破170万户,年末达到171.8万户': a bound beside the exact figure of the same sentence gives way."""
    exact = [f for f in facts if f.qualifier == EXACT]
    return [f for f in facts if f.qualifier == EXACT or not any(_satisfies(e, f) for e in exact)]


def _fact_key(fact: Fact) -> tuple[str, int | None, str]:
    return fact.indicator, fact.year, fact.period


def _without_looser_bounds(facts: list[Fact]) -> list[Fact]:
    """'年内受理矛盾纠纷逾35万件' (a headline) beside '今年以来…35.12万件' (a December count): two lower bounds of one
    figure, the higher the tighter; the lower gives way (left alone, the two would be an undecided conflict).
    Bounds far apart ('3.4万余件' over five years in a headline, '19959件' this year) are no one figure: both stay."""
    bounds = [f for f in facts if f.qualifier == AT_LEAST]
    return [f for f in facts if not any(_tighter_bound(other, f) for other in bounds)]


def _tighter_bound(other: Fact, bound: Fact) -> bool:
    """`other` is the same figure's lower bound, a little higher than `bound`."""
    if bound.qualifier != AT_LEAST or _fact_key(other) != _fact_key(bound):
        return False
    return bound.value < other.value <= bound.value * (1 + APPROX_SHARE)


def _satisfies(exact: Fact, bound: Fact) -> bool:
    """The exact figure of the same indicator, year and period lies within the bound."""
    if (exact.indicator, exact.year, exact.period) != (bound.indicator, bound.year, bound.period):
        return False
    if bound.qualifier == AT_LEAST:
        return exact.value >= bound.value
    if bound.qualifier == AT_MOST:
        return exact.value <= bound.value
    return abs(exact.value - bound.value) <= APPROX_SHARE * bound.value


def _quantity_signals(q: Quantity, qualifier: str) -> tuple[str, ...]:
    signals = ("no_unit",) if not q.text.endswith(q.unit) else ()
    return signals + (("bound_qualifier",) if qualifier != EXACT else ())


def _unitless_counts(sentence: str, quantities: list[Quantity]) -> list[Quantity]:
    """'审结行政复议案件4696,审结率96.5%': a whole number right after a case noun and before a clause's end
    is a count in the noun's unit (grammar: unitless_count), read with the signal no_unit."""
    taken = [(q.start, q.end) for q in quantities]
    found = []
    for match in _all(_g().unitless_count, sentence):
        start, end = match.span(1)
        if any(low < end and start < high for low, high in taken):
            continue
        value = parse_numeral(match.group(1))
        if value is not None:
            found.append(Quantity(value, _g().table["count_unit"], EXACT, start, end, match.group(1)))
    return found


# '暂无败诉', '均未败诉': a zero clause this short before its phrase has no subject of its own
SUBJECTLESS_HEAD_CHARS = 2


def _zero_facts(sentence: str, offset: int, scope: _Scope, facts: list[Fact]) -> list[Fact]:
    """'全年办理行政诉讼案件46件,未发生败诉案件': a phrase that states none (`zero_when` in the catalogue)
    is the value 0, when the indicator's subject is in force and nothing in its clause rules it out."""
    found = []
    for indicator in cat.catalogue().values():
        match = indicator.zero_when.search(sentence) if indicator.zero_when else None
        if match is None or any(f.indicator == indicator.id for f in facts):
            continue
        before = sentence[: match.end()]
        clauses = CLAUSE_BREAK.split(sentence[: match.start()])
        clause = clauses[-1] + match.group(0)
        if len(clauses) > 1 and len(clauses[-1]) <= SUBJECTLESS_HEAD_CHARS:
            clause = clauses[-2] + clause  # '复议后又起诉的13件,暂无败诉': the clause before says whose record it is
        if _current_topic(before, "") not in indicator.topics:
            continue
        if (indicator.not_cues and indicator.not_cues.search(clause)) or _names_other_time(clause, scope.year):
            continue
        if cat.context().partial_scope.search(before) or any(word in before for word in scope.wider):
            continue  # '以市司法局为被告的行政诉讼案件3件,均未败诉': a part's record
        year = _governing_year(before, scope.year, scope.published)
        if year is None or (scope.year and year != scope.year) or cat.context().plan.search(clause):
            continue
        evidence = sentence.strip()
        lead = len(sentence) - len(sentence.lstrip())
        start = offset + lead
        found.append(Fact(indicator.id, 0.0, EXACT, "reported", evidence, start, start + len(evidence), year,
                          PERIOD_YEAR, match.group(0), ("zero_phrase",)))  # fmt: skip
    return found


def _names_other_time(clause: str, year: int | None) -> bool:
    """A year other than the report's in the clause, or a running period ('2018年以来未发生败诉'); the report's own
    year alone ('2023年全县未收到政府信息公开申请') is no other time."""
    years = {int(m.group(1)) for m in _g().year.finditer(clause)}
    return bool(years - {year}) or bool(years and _g().since_any.search(clause))


def _inherited_subject(sentence: str, quantities: list[Quantity], topics: _Topics) -> tuple[str, str]:
    """The subject a sentence takes from before it. The next item of a list inherits the subject of the one
    before ("2.严把受理关口,依法受理…"); so does a sentence that opens with a bare verb ("…申请87件。受理66件");
    a sentence naming no subject at all takes the paragraph's, the section's or the document's."""
    if topics.carried and (_g().list_item.match(sentence) or _subjectless(sentence, quantities)):
        return topics.carried, "subject_across_sentence"
    # a subject of its own; one named only in the 其中 sentence joined to it ('…共39件。其中…复议') is not
    named = cat.topic_pattern().findall(_first_part(sentence))
    inherited = topics.for_topicless()
    if not named:
        return inherited
    head = sentence[: quantities[0].start] if quantities else sentence
    if inherited[0] and not cat.topic_pattern().search(head):
        # '全年审结案件68件,…复议纠错率17.6%' under 行政复议; '在审结案件中,…纠错27件,…另有31件通过调解…结案' after a
        # sentence on 复议: named only after the first figure, another subject does not undo the one in force
        return inherited
    return "", ""


def _same_family(topic: str, others: list[str]) -> bool:
    """Every topic of `others` names the same family of indicators as `topic` ('复议' and '行政复议')."""
    families = {i.family for i in cat.catalogue().values() if topic in i.topics}
    return all(families & {i.family for i in cat.catalogue().values() if other in i.topics} for other in others)


def _first_part(sentence: str) -> str:
    """A sentence without the 其中 sentence joined to it (see `_joined_sentences`)."""
    end = sentence.find(FULL_STOP)
    return sentence if end < 0 else sentence[: end + 1]


def _mentions(sentence: str, quantities: list[Quantity], lead: str = "", source: str = "") -> list[Mention]:
    mentions, previous_end = [], 0
    for index, q in enumerate(quantities):
        window = sentence[previous_end : q.start]
        following = quantities[index + 1].start if index + 1 < len(quantities) else len(sentence)
        clause, right_noun = _clause(window), _right_noun(sentence[q.end : following])
        after = _after(sentence[q.end : following], figure_follows=following < len(sentence))
        # Only a bare verb before the number takes the inherited subject ("依法受理1,260件", not
        # "办结信访积案52件").
        inherits = lead and not right_noun and _ends_with_cue(clause)
        before = (lead if inherits else "") + sentence[: q.start]
        mentions.append(Mention(q, window, clause, right_noun, before, after, source if lead and inherits else ""))
        previous_end = q.end
    return mentions


def _after(rest: str, figure_follows: bool = False) -> str:
    """The clause after a number, with the next one when it speaks of all of them ("14件,均…报送备案") and ends
    before the next figure (`rest` runs up to it; '…36件,按规定报送…的规范性文件21件' gives a figure of its own)."""
    clauses = CLAUSE_BREAK.split(rest, maxsplit=2)
    if len(clauses) > 1 and _g().all_of.match(clauses[1]) and (len(clauses) > 2 or not figure_follows):
        return clauses[0] + "," + clauses[1]
    return clauses[0]


def _ends_with_cue(clause: str) -> bool:
    """True when a catalogue cue stands right before the number (at most two characters between)."""
    stripped = clause.rstrip()
    for indicator in cat.catalogue().values():
        cue = _last(indicator.cues, stripped)
        if cue and len(stripped) - cue.end() <= 2:
            return True
    return False


def _clause(window: str) -> str:
    """The window's last clause; with the one before it when the last is only years and 分别."""
    parts = CLAUSE_BREAK.split(window)
    clause = parts[-1]
    if len(parts) > 1 and _g().thin_clause.match(clause):
        return parts[-2] + "," + clause
    return clause


def _right_noun(after: str) -> str:
    match = _g().right_noun.match(after)
    return match.group(0) if match else ""


def _read_mentions(
    mentions: list[Mention], sentence: str, scope: _Scope, part_in_force: bool = False
) -> list[Reading | None]:
    readings: list[Reading | None] = [None] * len(mentions)
    taken = _read_lists(mentions, sentence, scope, readings)
    for i, mention in enumerate(mentions):
        if i in taken:
            continue
        if i > 0 and readings[i - 1] and _g().transition.match(mention.window):
            readings[i] = _follow(readings[i - 1], mention, scope)
            if readings[i] and readings[i].year == readings[i - 1].year:
                readings[i - 1] = None  # '由28.6万户增长到37.9万户': the first is an earlier, unnamed year's
        elif (
            i > 0
            and _last_reading(readings, i)
            and (_is_previous_in_passing(mention.window) or _g().previous_aside.search(mention.window))
        ):
            readings[i] = _follow_previous(_last_reading(readings, i), mention)
        elif i > 0 and readings[i - 1] and _g().parallel_year.match(mention.window):
            readings[i] = _follow_parallel(readings[i - 1], mention, scope)
        elif i > 0 and _last_reading(readings, i) and _g().year_of_total.match(_own_clause(mention.window)):
            readings[i] = _read(mention, scope) or _follow_year_of_total(_last_reading(readings, i), mention, scope)
        elif i > 0 and _g().link.match(mention.window):
            # '市场主体总量同比增长7.4%,达到17.6万户': the subject is the previous clause's; but in
            # '新增市场主体5.6万户,总量达36.5万户' the clause names its own (总量).
            own = _read(mention, scope) if _g().own_subject.search(mention.window) else None
            readings[i] = own or _read(replace(mention, clause=mentions[i - 1].clause + mention.window), scope)
        else:
            readings[i] = _read(mention, scope)
    for i in _inherits_exclusion(mentions, scope, part_in_force)[0]:
        readings[i] = None
    for i in _parts_of_a_total(mentions, readings):
        readings[i] = None
    _prefer_proper_parts(mentions, readings)
    dropped = _inherited_vetoes(mentions, readings) | _narrower_duplicates(mentions, readings)
    dropped |= _rival_cues_after(mentions, readings)
    dropped |= _shares_of_a_total(mentions, readings, scope)
    for i in dropped | _channel_figures(mentions, readings) | _outcome_groups(mentions, readings):
        readings[i] = None
    _carry_scope_signals(mentions, readings)
    return readings


def _carry_scope_signals(mentions: list[Mention], readings: list[Reading | None]) -> None:
    """'省政府新收行政复议申请188件,受理109件': a clause naming no scope of its own speaks of the same subject as
    the figure before it (whole jurisdiction or government itself)."""
    carried: tuple[str, ...] = ()
    for i, reading in enumerate(readings):
        if _is_parenthetical(mentions[i].before):
            continue  # '…31件(其中县政府为被告11件),行政机关败诉2件': an aside's scope is its own
        clause = CLAUSE_BREAK.split(mentions[i].clause)[-1]
        own = _scope_signals(clause)
        if own or _g().scope_reset.search(clause):
            carried = own
        elif carried and reading is not None:
            readings[i] = replace(reading, signals=(*reading.signals, *carried))


def _inherited_vetoes(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'法院诉前调解案件3215件,调解成功1102件': a clause with no subject of its own before its cue
    shares the previous figure's, and with it what ruled that figure out (诉前)."""
    vetoed: set[int] = set()
    for i in range(1, len(mentions)):
        before = _before_aside(mentions, readings, i)
        reading, previous = readings[i], mentions[before]
        if reading is None or readings[before] is not None or _g().part_start.match(_own_clause(previous.window)):
            continue
        indicator = cat.catalogue()[reading.indicator]
        if _is_proper_part(indicator, mentions[i]):
            continue  # '法院受理各类行政案件1,980件,其中一审案件1,102件': the part is the indicator's own
        # a count's clause also rules out the rate that follows it ('…仲裁案件1200件,调解成功率62%')
        # a change of the same subject ('…类复议案件增长1.8倍,新收1,316件') speaks of it too
        change = previous.quantity.unit in _g().words["multiplier_units"]
        same_family = previous.quantity.unit in indicator.units or indicator.unit == "%" or change
        if not same_family or indicator.not_cues is None:
            continue
        clause = previous.clause.rstrip()
        # ('…共排查矛盾纠纷5.6万件,调解纠纷4.83万件': 排查矛盾 is the previous figure's own verb before its noun)
        nouns = ("", *_g().words["right_nouns"])
        subject_ruled_out = any(clause[m.end() :].strip() not in nouns for m in indicator.not_cues.finditer(clause))
        subject_ruled_out = subject_ruled_out or _subject_ruled_out_before(previous, indicator.not_cues)
        if not indicator.not_cues.search(previous.right_noun) and not subject_ruled_out:
            continue  # nothing rules the subject out; '…开展合法性审核18件' only names what was done to the 18
        cue = _last(indicator.cues, mentions[i].clause)
        own = CLAUSE_BREAK.split(mentions[i].clause[: cue.start()] if cue else mentions[i].clause)[-1]
        own = LIST_MARK_RE.sub("", own) if before < i - 1 else own  # a list item's head is the list's
        if _g().subjectless_head.fullmatch(own) and not _g().total_head.match(own):
            vetoed.add(i)
    return vetoed


def _before_aside(mentions: list[Mention], readings: list[Reading | None], i: int) -> int:
    """The figure before mention i, or, when i goes on a 其中 list of unread items ('…8件,其中维持2件、纠错6件'),
    the figure before the list: the one the list's items are parts of."""
    j = i - 1
    while j > 0 and readings[j] is None and LIST_MARK_RE.match(mentions[j + 1].window):
        if _g().part_start.match(_own_clause(mentions[j].window)):
            return j - 1
        j -= 1
    return i - 1


def _is_proper_part(indicator: cat.Indicator, mention: Mention) -> bool:
    clause = _own_clause(mention.window)
    head = _g().part_start.match(clause)
    own = clause[head.end() :] + mention.right_noun if head else ""
    return bool(head and indicator.proper_part and indicator.proper_part.search(own))


def _narrower_duplicates(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'纠错率12.5%,直接纠错率8.3%': of two values for one indicator and year, the narrower gives way."""
    narrower = cat.context().narrower
    groups: dict[tuple[str, int | None], list[int]] = {}
    for i, reading in enumerate(readings):
        if reading is not None:
            groups.setdefault((reading.indicator, reading.year), []).append(i)
    dropped: set[int] = set()
    for indices in groups.values():
        if narrower is None or len({mentions[i].quantity.value for i in indices}) < 2:
            continue
        dropped.update(i for i in indices if narrower.search(CLAUSE_BREAK.split(mentions[i].clause)[-1]))
    return dropped


def _shares_of_a_total(mentions: list[Mention], readings: list[Reading | None], scope: _Scope) -> set[int]:
    """'全省律师共办理法律援助案件3.72万件,占全省…案件总数4.86万件的76.5%': a count followed by the share it makes of
    a total of the same indicator, given right after, is a part of it ('立案受理58件,占收到申请的81.7%' is a count of
    its own; '…3720件,占全省的8.5%' in a city's report is the city's whole, a share of the place above it)."""
    dropped: set[int] = set()
    for i in range(len(mentions) - 1):
        share, total = mentions[i + 1], readings[i + 1]
        if readings[i] is None or total is None or total.indicator != readings[i].indicator:
            continue
        if _g().share_after.match(share.window) and not _names_wider(share.window, scope):
            dropped.add(i)
    return dropped


def _names_wider(text: str, scope: _Scope) -> bool:
    return any(word in text for word in scope.wider) or bool(scope.wider_names and scope.wider_names.search(text))


def _rival_cues_after(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'对…72件规范性文件进行合法性审查和备案审查,对28件行政规范性文件进行了备案审查': when figures of a sentence of
    different values are each followed by the same indicator's cue (`cues_after`), whether or not each was read,
    which of them counts what the cue names is open: none of them is read as that indicator."""
    dropped: set[int] = set()
    for i, reading in enumerate(readings):
        if reading is None:
            continue
        indicator = cat.catalogue()[reading.indicator]
        if indicator.cues_after is None or not indicator.cues_after.search(mentions[i].after):
            continue
        if any(
            other.quantity.value != mentions[i].quantity.value
            and other.quantity.unit in indicator.units
            and indicator.cues_after.search(other.after)
            for other in mentions
        ):
            dropped.add(i)
    return dropped


def _channel_figures(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'行政调解纠纷1,200件,人民调解纠纷8,600件': of figures given channel by channel (see `channels` in the
    catalogue) only the main channel's (`main_channel`) is the indicator's. Another channel's figure is not, nor
    a figure carrying its subject on ('受理行政调解案件61.2万件,调解成功27.4万件') until a clause names its own
    scope ('全市', '全年')."""
    dropped: set[int] = set()
    carried = ""
    for i, (mention, reading) in enumerate(zip(mentions, readings, strict=True)):
        own = CLAUSE_BREAK.split(mention.clause)[-1]
        if _g().scope_reset.search(own):
            carried = ""
        named = _named_channel(own)
        carried = named or carried
        indicator = cat.catalogue()[reading.indicator] if reading else None
        if indicator is None or indicator.channels is None or not carried:
            continue
        if indicator.main_channel is None or not indicator.main_channel.fullmatch(carried):
            dropped.add(i)
    return dropped


def _outcome_groups(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'撤销和确认违法64件,变更和责令履行21件': a figure followed by another group of outcomes with its own count
    is one group of a split, not the total."""
    return {
        i
        for i in range(len(mentions) - 1)
        if readings[i] is not None and readings[i + 1] is None and _g().outcome_group.match(mentions[i + 1].window)
    }


def _named_channel(clause: str) -> str:
    """The last channel of work ('行政调解', '人民调解') a clause names, '' when none."""
    found = ""
    for indicator in cat.catalogue().values():
        match = _last(indicator.channels, clause) if indicator.channels else None
        if match and match.group(0) != found:
            found = match.group(0)
    return found


def _inherits_exclusion(mentions: list[Mention], scope: _Scope, part_in_force: bool = False) -> tuple[set[int], bool]:
    """'市政府本级受理行政复议案件1417件,审结1360件': later clauses share the earlier clause's
    subject, so a plan, a part of the jurisdiction or a wider one stays in force for them until
    the sentence names a scope of its own ('全市', '我区', '全年'). A part named as the subject of a clause
    with no figure ('各县(市、区)的控制难度较大,2021年、2022年败诉率分别为…') is in force from the start, and
    so is one carried across a semicolon. Returns (the carried figures, whether a part is in force at the end)."""
    carried: set[int] = set()
    carrying = part_in_force or (bool(mentions) and _lead_names_part(mentions[0]))
    plan = False  # the exclusion in force is a plan's (which no clause on every organ ends)
    aside = False  # the part in force was named as a 其中 aside of the figure before it
    for i, mention in enumerate(mentions):
        reset = _g().scope_reset.search(mention.window)
        if carrying and not reset and not plan and _g().all_organs.search(mention.window):
            continue  # its own clause speaks of every organ; the part stays in force after it
        if carrying and not reset:
            carried.add(i)
            continue
        # ('…48件(其中县政府为被告9件),行政机关败诉3件': a part named inside brackets ends with them)
        carrying = _starts_exclusion(mention, scope) and not mention.after.lstrip().startswith(CLOSING_BRACKETS)
        plan = carrying and bool(cat.context().plan.search(mention.clause))
        # ('其中区政府收到21件,区直部门收到8件;依法受理26件': a part after a 其中 aside is the aside's too)
        aside = aside or bool(_g().part_start.match(_own_clause(mention.window)))
    # '…收到申请1512件,其中市本级588件;依法受理1396件': an aside's part ends with its sentence
    return carried, carrying and not aside


def _exclusion_at_end(mentions: list[Mention], scope: _Scope, part_in_force: bool) -> bool:
    return _inherits_exclusion(mentions, scope, part_in_force)[1]


def _lead_names_part(first: Mention) -> bool:
    """A clause before the sentence's first figure names a part of the place as its subject."""
    clauses = CLAUSE_BREAK.split(first.window)[:-1]
    return any(_part_is_subject(clause.strip()) for clause in clauses)


def _starts_exclusion(mention: Mention, scope: _Scope) -> bool:
    if cat.context().plan.search(mention.clause):
        return True
    # A part of the jurisdiction carries over only from a figure that could be one of ours: a count in a unit
    # of an indicator of the subject in force ("乡镇调解室建成12个,调解纠纷500件" keeps the 500;
    # "我局作为被申请人的行政复议案件12件,作为被告的行政诉讼案件5件" drops the 5).
    return _is_excluded_context(mention, scope) and (_could_be_ours(mention) or _part_is_subject(mention.clause))


def _part_is_subject(clause: str) -> bool:
    """'部本级全年主动公开…2318条,收到…申请1046件': a part named first is the subject of the clauses after it
    ('指导乡镇建成调解室12个,…' names the towns only as whom the place guided)."""
    part = cat.context().partial_scope.search(clause)
    return bool(part) and bool(_g().subject_prefix.fullmatch(clause[: part.start()]))


def _could_be_ours(mention: Mention) -> bool:
    topic = _current_topic(mention.before, mention.right_noun)
    return any(
        topic in indicator.topics and mention.quantity.unit in indicator.units for indicator in cat.catalogue().values()
    )


def _own_clause(window: str) -> str:
    """The clause a figure stands in; "其中,一审案件380件" counts as one clause opened by 其中."""
    return _own_clause_in(window, _g())


@lru_cache(maxsize=1024)  # asked of a window up to seven times (keyed by the grammar object in force)
def _own_clause_in(window: str, grammar: cat.Grammar) -> str:
    parts = CLAUSE_BREAK.split(window)
    if len(parts) > 1 and grammar.part_alone.match(parts[-2].rsplit("。", 1)[-1]):
        return parts[-2].rsplit("。", 1)[-1].strip() + parts[-1]
    return parts[-1]


def _parts_of_a_total(mentions: list[Mention], readings: list[Reading | None]) -> set[int]:
    """'办理法律援助案件2154件,其中刑事法律援助案件863件': a part of a total read just before."""
    parts: set[int] = set()
    opened: set[tuple[str, int | None, str]] = set()  # figures whose parts are being listed ('其中市政府…、区政府…')
    for i, (mention, reading) in enumerate(zip(mentions, readings, strict=True)):
        if reading is None:
            continue
        key = (reading.indicator, reading.year, reading.period)
        if _g().part_start.match(_own_clause(mention.window)):
            if any(r is not None and _same_figure(r, reading) for r in readings[:i]):
                parts.add(i)
                opened.add(key)
        elif key in opened and not _g().scope_reset.search(_own_clause(mention.window)):
            parts.add(i)
    return parts


def _same_figure(one: Reading, other: Reading) -> bool:
    """Same indicator, year and period: '近4年共办理…8.6万件,其中2022年办理…' names a year of a running
    total, which is no part of it."""
    return (one.indicator, one.year, one.period) == (other.indicator, other.year, other.period)


def _prefer_proper_parts(mentions: list[Mention], readings: list[Reading | None]) -> None:
    """'办理行政应诉案件603件,其中一审行政诉讼案件521件': the part is the indicator's value (see
    `proper_part` in the catalogue), the wider total is not."""
    for i in range(len(mentions) - 1):
        reading, part = readings[i], mentions[i + 1]
        if reading is None or readings[i + 1] is not None:
            continue
        indicator = cat.catalogue()[reading.indicator]
        clause = _own_clause(part.window)
        head = _g().part_start.match(clause)
        if indicator.proper_part is None or head is None or not _fits(indicator.id, part.quantity):
            continue
        own = clause[head.end() :] + part.right_noun
        if not indicator.proper_part.search(own) or indicator.proper_part.search(mentions[i].clause):
            continue
        if indicator.not_cues and indicator.not_cues.search(own):
            continue
        readings[i + 1] = replace(reading, qualifier=part.quantity.qualifier)
        readings[i] = None


def _follow(previous: Reading, mention: Mention, scope: _Scope) -> Reading | None:
    """'从2016年的18%上升到42%': the second value is the same indicator, for its own year."""
    indicator = cat.catalogue()[previous.indicator]
    if mention.quantity.unit not in indicator.units or not _in_range(indicator, mention.quantity.value):
        return None
    year = _bound_year(mention.window) or _governing_year(mention.before, scope.year, scope.published)
    return Reading(previous.indicator, year, mention.quantity.qualifier, previous.period, _followed(previous, year))


def _follow_year_of_total(previous: Reading, mention: Mention, scope: _Scope) -> Reading | None:
    """'近4年共办理法律援助案件8.6万余件,其中2022年办理2.3万件': one named year of a running total is the
    same indicator's figure for that year."""
    if previous.period != PERIOD_CUMULATIVE or _is_excluded_context(mention, scope):
        return None
    reading = _follow(previous, mention, scope)
    if reading is None or (scope.year and reading.year > scope.year):
        return None
    return replace(reading, period=PERIOD_YEAR)


def _follow_parallel(previous: Reading, mention: Mention, scope: _Scope) -> Reading | None:
    """'出庭应诉率2022年为96.4%,2023年达到100%': the same indicator, for the year the clause names."""
    reading = _follow(previous, mention, scope)
    if reading is None or reading.year == previous.year or (scope.year and reading.year > scope.year):
        return None
    return reading


def _followed(previous: Reading, year: int | None) -> tuple[str, ...]:
    """A figure read as the same indicator as the one before it ('从18%上升到42%', '较上年的48件')."""
    signals = {*previous.signals, "subject_inherited"}
    if previous.year is not None and year is not None and year < previous.year:
        signals.add("previous_year")
    return tuple(sorted(signals))


def _last_reading(readings: list[Reading | None], i: int) -> Reading | None:
    """The nearest reading before mention i ('32.9%,仍低于全国40%,但比2016年的27.8%': skips the 40%)."""
    return next((r for r in reversed(readings[:i]) if r is not None), None)


def _is_previous_in_passing(window: str) -> bool:
    """',较上年的48件' or ',比2021年的48件': the clause only compares with an earlier figure."""
    clause = CLAUSE_BREAK.split(window)[-1].strip()
    marker = _last(cat.context().previous_year, clause) or _last(_g().named_year_of, clause)
    if marker is None or marker.end() != len(clause):
        return False
    return bool(_g().passing_comparison.fullmatch(clause[: marker.start()]))


def _follow_previous(previous: Reading, mention: Mention) -> Reading | None:
    """'受理72件,较上年的48件增长50%': 48 is the same indicator, for the year before (or the one named)."""
    if previous.year is None or not _fits(previous.indicator, mention.quantity):
        return None
    named = _g().named_year_of.search(CLAUSE_BREAK.split(mention.window)[-1])
    aside = _g().previous_aside.search(mention.window)
    year = int(named.group(1)) if named else previous.year - 1
    if aside and (aside.group(1) or aside.group(2)):
        year = int(aside.group(1) or aside.group(2))  # '(2021年为41件)', ',2017年的为143件'
    if year >= previous.year:
        return None
    return Reading(previous.indicator, year, mention.quantity.qualifier, previous.period, _followed(previous, year))


# --- lists: "2017-2019年分别为708件、612件、494件" -------------------------------------------


def _read_lists(mentions: list[Mention], sentence: str, scope: _Scope, readings: list) -> set[int]:
    taken: set[int] = set()
    i = 0
    while i < len(mentions):
        window = mentions[i].window.rstrip()
        if _g().respectively_end.search(window) or _g().years_respectively.search(window):
            run = _run_length(mentions, i)
            taken.update(range(i, i + run))
            _read_list(mentions[i : i + run], scope, readings, i, mentions[i - 1] if i else None)
            i += run
        else:
            i += 1
    return taken


def _run_length(mentions: list[Mention], first: int) -> int:
    run = 1
    while first + run < len(mentions) and _g().list_joiner.match(mentions[first + run].window):
        run += 1
    return run


def _read_list(
    items: list[Mention], scope: _Scope, readings: list, first: int, previous: Mention | None = None
) -> None:
    head = items[0]
    years = _list_years(head) or _implied_years(head, len(items), scope.year)
    if len(items) == 1:
        readings[first] = _read(head, scope)
        return
    if years and len(years) == len(items):
        # ('…共受理一审行政诉讼案件7,412件,2019年至2023年各年收案分别为…': the subject before the years)
        reading = _read(_from_own_years(head), scope, head.before) or _read(head, scope, head.before)
        if reading is None and previous is not None and _g().each_year_list.match(head.clause):
            reading = _read(previous, scope)  # '…新收…97,462件,各年分别为…': the total's subject, yearly
        if reading is None:
            return
        for k, item in enumerate(items):
            if _fits(reading.indicator, item.quantity):
                readings[first + k] = replace(
                    reading,
                    year=years[k],
                    qualifier=item.quantity.qualifier,
                    period=PERIOD_YEAR,  # each item is its own year's, even after "2018年以来"
                    signals=(*reading.signals, "list_reading"),
                )
        return
    _read_term_list(items, scope, readings, first)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text` (the one nearest a number that follows)."""
    # Most texts hold no match (100k+ calls a build of 300 reports): one `search` says so at a fifth of
    # the cost of setting up `finditer`, whose first match is the same.
    if pattern.search(text) is None:
        return None
    last = None
    for last in pattern.finditer(text):  # noqa: B007 - the loop only advances to the last match
        pass
    return last


def _implied_years(head: Mention, count: int, report_year: int | None) -> list[int]:
    """'2018年以来…分别为a、b、c、d、e、f' in a 2023 report, or '近三年…分别为a、b、c': one value a year up
    to the report's year, when the count of values says so exactly."""
    if not report_year:
        return []
    since = _last(_g().since_start, head.before)
    first = int(since.group(1)) if since else _plan_period_start(head.before)
    if first and report_year - first + 1 == count:
        return list(range(first, report_year + 1))
    if first and report_year - first == count:
        # a text of the report's year looking back: the years before it ("2018年以来…" in 2022: 2018–2021)
        return list(range(first, report_year))
    recent = _last(_g().recent_years, head.before)
    if recent and parse_numeral(recent.group(1) or recent.group(2)) == count:
        return list(range(report_year - count + 1, report_year + 1))
    return []


def _plan_period_start(before: str) -> int | None:
    """'“十四五”期间…分别为a、b、c、d、e': the first year of the five-year plan period named last, else None."""
    period = _last(_g().plan_period, before)
    if period is None:
        return None
    words = _g().words
    for name, first in zip(words["plan_periods"], words["plan_period_first_years"], strict=True):
        if name in period.group(0):
            return int(first)
    return None


def _from_own_years(head: Mention) -> Mention:
    """A list that names its own years ('…截至2025年7月底,共受理9起。其中2022年至2024年分别受理1件、2件、4件')
    is read from those years on: what comes before them (a cut-off, a running total) is not its time."""
    own = _last(_g().year_span, head.before) or _last(_g().year_list, head.before)
    if own is None or not _listed_years(own.group(0)):
        return head
    return replace(head, before=head.before[own.start() :])


def _list_years(head: Mention) -> list[int]:
    """Years of a list, from its own clause or, as in "2020年至2022年,新增…依次为", the nearest before."""
    years = _listed_years(head.clause)
    if years:
        return years
    # ('2016年至2020年,全省法院新收…97,462件,各年分别为…': the span further back in the sentence)
    clauses = CLAUSE_BREAK.split(head.before)
    return next((found for clause in reversed(clauses[:-1]) if (found := _listed_years(clause))), [])


def _listed_years(clause: str) -> list[int]:
    span = _last(_g().year_span, clause)
    if span:
        low, high = int(span.group(1)), int(span.group(2))
        return list(range(low, high + 1)) if 0 < high - low < 30 else []
    listed = _last(_g().year_list, clause)
    return [int(y) for y in re.findall(YEAR, listed.group(0))] if listed else []


def _read_term_list(items: list[Mention], scope: _Scope, readings: list, first: int) -> None:
    """'纠错率和出庭应诉率分别为12%和98%': map each value to the term in the same position."""
    head = _g().respectively_end.sub("", items[0].clause.rstrip())
    terms = _with_shared_noun([t for t in _g().term_separator.split(head) if t.strip()])
    if len(terms) != len(items):
        return
    before = items[0].before
    for k, (term, item) in enumerate(zip(terms, items, strict=True)):
        as_term = replace(item, window=term, clause=term, right_noun="")
        # The subject of each term is the last topic up to that term, not the last one in the list.
        term_end = before.rfind(term) + len(term) if term in before else len(before)
        reading = _read(as_term, scope, head_before=before[:term_end])
        readings[first + k] = replace(reading, signals=(*reading.signals, "term_list")) if reading else None


def _with_shared_noun(terms: list[str]) -> list[str]:
    """'调解、排查和预防纠纷量分别为…': the last term's noun (纠纷量) is every bare verb's before it."""
    shared = _g().shared_noun.search(terms[-1]) if terms else None
    if shared is None:
        return terms
    noun = shared.group(0)
    return [t if _g().shared_noun.search(t) else t + noun for t in terms[:-1]] + [terms[-1]]


def _fits(indicator_id: str, q: Quantity) -> bool:
    indicator = cat.catalogue()[indicator_id]
    return q.unit in indicator.units and _in_range(indicator, q.value)


# --- one mention -----------------------------------------------------------------------------


def _read(mention: Mention, scope: _Scope, head_before: str | None = None) -> Reading | None:
    q = mention.quantity
    if _is_parenthetical(mention.before):
        return None
    # the indicator first: many figures name none, and then the costlier context check is not needed
    indicator = _choose_indicator(mention, head_before if head_before is not None else mention.before)
    if indicator is None or _is_excluded_context(mention, scope):
        return None
    year = _year_of(mention, scope)
    if year is None or (scope.year and year > scope.year):
        return None
    if _since_later_year(mention.before, year):
        return None  # '2025年以来,调解中心共接收纠纷138起' in a text on 2024: a later year's count
    floor = q.qualifier == AT_LEAST or _g().floor_after.match(mention.after)
    if indicator.unit == "%" and floor and _g().each_floor.search(mention.window):
        return None  # '各地…出庭应诉率均在84%以上': a floor every part reaches, not the place's rate
    if indicator.stock and _stock_of_mid_year(mention.before, year, scope):
        return None  # '全省经营主体总量由此首次迈上千万户台阶' in an August item: the stock that day
    if (indicator.unit == "%" or indicator.stock) and _stops_before_year_end(mention.before):
        # A rate or a stock taken before the year ended is not the year's figure, nor a bound on it.
        return None
    if indicator.unit == "%" and _of_one_month(mention.before):
        return None  # '2019年10月全市负责人出庭应诉率首次达到100%': that month's rate, not the year's
    if indicator.unit != "%" and _g().per_period_average.search(mention.clause):
        return None  # '每个月平均调解成功…1500余件': an average per period, not the year's count
    own_year = _earlier_year_of_its_own(mention, year, scope)
    if _g().last_year_same_period.search(mention.before):
        return None  # '去年同期,全区受理调解纠纷9104件': last year's months up to the same date, no year's figure
    if not (indicator.unit == "%" or indicator.stock or own_year) and _covers_too_little(mention.before):
        # '1-6月受理96件', '上半年…', '截至9月底…': a count of a small part of the year is not the year's
        return None
    since_start = (
        _since_start_of_year(mention.before, year, scope)
        or _to_now(mention.before, year, scope)
        or _this_year_so_far(mention.before, year, scope)
    )
    if since_start is not None and scope.published and not _names_whole_year(mention.before):
        return _read_since_start_of_year(mention, indicator, year, scope)
    period = _period(mention, indicator, year, report_year=scope.year)
    qualifier = q.qualifier if own_year else _partial_year_qualifier(mention, indicator, year, q.qualifier)
    signals = _signals(mention, scope, year, qualifier)
    if _cue_position(indicator, mention.clause + mention.right_noun) is None or _sent_up(mention.clause, scope):
        signals += ("cue_after",)  # '制定规范性文件9件,均报…备案': read by what is done to the figure
    if indicator.outcome_cues and indicator.outcome_cues.search(mention.clause + mention.right_noun):
        signals += ("outcome_cue",)  # '经审查,予以备案139件': what the review let through
    if _through_this_year(mention.before):
        signals += (THIS_YEAR_SIGNAL,)  # (internal: see _without_this_year_clashes)
    return Reading(indicator.id, year, qualifier, period, signals)


def _through_this_year(before: str) -> bool:
    """The figure's year is 今年's ('今年以来,…调解纠纷1642件'), no year named after it."""
    this_year = _last(_g().this_year_word, before)
    if this_year is None:
        return False
    return not any(m.start() > this_year.start() and _is_time_phrase(before, m) for m in _all(_g().year, before))


def _stock_of_mid_year(before: str, year: int, scope: _Scope) -> bool:
    """A stock stated with no date of its own in a text published before December of its year: that day's."""
    if scope.published is None or scope.year is None or year != scope.year:
        return False
    published_year, month = scope.published
    if published_year != year or month >= DECEMBER:
        return False
    return not (_g().year.search(before) or _whole_year_marks(before) or _last(_g().cutoff, before))


def _earlier_year_of_its_own(mention: Mention, year: int, scope: _Scope) -> bool:
    """'今年1至9月,…已办理…2384件,超过去年全年的2310件': a figure its own clause gives to an earlier year; the
    part of this year before it is not its period."""
    own = _last_clause(mention.before)
    return bool(scope.year and year < scope.year and _g().previous_year_time.search(own))


def _since_later_year(before: str, year: int) -> bool:
    """The last 'YYYY年以来' before the figure names a year after the figure's own."""
    since = _last(_g().since_start, before)
    return since is not None and int(since.group(1)) > year


def _since_start_of_year(before: str, year: int, scope: _Scope) -> re.Match[str] | None:
    """'今年以来…' (or '2022年以来' in the 2022 report) governing the figure, with no whole-year phrase after it."""
    since = _last(_g().since_any, before)
    if since is None or scope.year is None or year != scope.year:
        return None
    within = _g().since_this_year.search(before[: since.end()])
    if within is None or within.end() != since.end() or (within.group(1) and int(within.group(1)) != year):
        return None
    return None if _whole_year_marks(before[since.end() :]) else within


def _this_year_so_far(before: str, year: int, scope: _Scope) -> re.Match[str] | None:
    """'…今年已办理案件5216件' in a dated text: the year so far, as '今年以来' is (a later year named after it
    governs instead, and a whole-year phrase makes it the year's)."""
    if scope.published is None or year != scope.year:
        return None
    alone = _last(_g().this_year_alone, before)
    if alone is None or _g().year.search(before[alone.end() :]) or _whole_year_marks(before[alone.end() :]):
        return None
    return alone


def _to_now(before: str, year: int, scope: _Scope) -> re.Match[str] | None:
    """'截至目前,…共办理法律援助案件241件': a count up to the day the text was written."""
    if scope.year is None or year != scope.year:
        return None
    return _up_to_now(before)


def _up_to_now(before: str) -> re.Match[str] | None:
    """'截至目前' (a cut-off naming no date of its own) before the figure."""
    cutoff = _last(_g().cutoff, before)
    if cutoff is None or any(cutoff.groups()):
        return None
    return _g().up_to_now.match(before[cutoff.end() :])


def _names_whole_year(before: str) -> bool:
    """'…截至目前,累计…7022件,调解成功6981件。其中,2024年全年调解…5316件,调解成功5287件': after the last since-marker
    or cut-off before the figure, a whole year of its own is named."""
    words = _g().words
    marks = [before.rfind(w) + len(w) for w in (*words["since"], *words["cutoff"]) if w in before]
    rest = before[max(marks) :] if marks else before
    return any(
        rest[m.end() :].lstrip().startswith(tuple(words["in_year_after_since"])) for m in _g().year.finditer(rest)
    )


def _read_since_start_of_year(mention: Mention, indicator: cat.Indicator, year: int, scope: _Scope) -> Reading | None:
    """'今年以来…' in an item published in June covers half a year: not the year's figure, nor a bound worth
    showing (grammar: part_year_min_months); published in November, a count is the year's lower bound and a
    rate or a stock is not the year's; published in a later year, '2022年以来' runs past the year."""
    assert scope.published is not None
    published_year, month = scope.published
    if published_year > year:
        months_after = (published_year - year - 1) * 12 + month
        if _up_to_now(mention.before):
            # '2024年以来截至目前…7022件' in an item of March 2025: a running total up to the day it was written
            qualifier = mention.quantity.qualifier
            return Reading(indicator.id, year, qualifier, PERIOD_CUMULATIVE, _signals(mention, scope, year, qualifier))
        if months_after > REPORTING_MONTHS:
            # '2023年以来' in a letter of mid-2024: a running period, not the year's; '今年以来' in an item of
            # May 2024 on 2023's figures: 2024 so far, not 2023
            return None
        return _read_whole(mention, indicator, year, scope)  # a report of early 2024 on '2023年以来'

    if published_year < year:
        return None
    if month >= 12:
        # a December item: the year's, a count still open until the year ends ('今年以来…1126件' written on
        # 20 December is the year's lower bound)
        reading = _read_whole(mention, indicator, year, scope)
        if indicator.stock or indicator.unit == "%" or reading.qualifier != EXACT:
            return reading
        return replace(reading, qualifier=AT_LEAST, signals=_signals(mention, scope, year, AT_LEAST))
    if indicator.unit == "%" or indicator.stock or month - 1 < _g().part_year_min_months:
        return None  # published in month m, a count since January covers the m - 1 months before it
    signals = (*_signals(mention, scope, year, AT_LEAST), "part_year_bound")
    return Reading(indicator.id, year, AT_LEAST, PERIOD_YEAR, signals)


def _read_whole(mention: Mention, indicator: cat.Indicator, year: int, scope: _Scope) -> Reading:
    qualifier = _partial_year_qualifier(mention, indicator, year, mention.quantity.qualifier)
    # '截至目前,我市共收到…' in a text dated late in the year: with the date of writing known, a total with no
    # stated start runs from January ('截至目前累计…' still runs from further back)
    period = _period(mention, indicator, year, start_known=_to_now(mention.before, year, scope) is not None)
    return Reading(indicator.id, year, qualifier, period, _signals(mention, scope, year, qualifier))


def _signals(mention: Mention, scope: _Scope, year: int, qualifier: str) -> tuple[str, ...]:
    """How a single mention was read: where its subject came from, whose year, which bound."""
    signals = []
    if mention.carried:
        signals.append(mention.carried)
    elif not cat.topic_pattern().search(mention.clause + mention.right_noun + mention.after):
        signals.append("subject_inherited")
    if scope.year and year < scope.year:
        signals.append("previous_year")
    if qualifier != mention.quantity.qualifier:
        signals.append("part_year_bound")
    return tuple(signals) + _scope_signals(CLAUSE_BREAK.split(mention.clause)[-1])


def _scope_signals(clause: str) -> tuple[str, ...]:
    """'全市…共收到申请2146件' speaks of the whole jurisdiction; '市政府共收到…263件' of the government itself."""
    if _g().whole_scope.search(clause):
        return ("whole_scope",)
    bodies = [m for m in _all(_g().government_body, clause) if not _g().recipient.search(clause[: m.start()])]
    return ("government_body",) if bodies else ()


def _without_title_repeats(facts: list[Fact], text: str) -> list[Fact]:
    """A headline's or subheading's figure that the text states again in a sentence ('全国登记在册市场主体达1.59亿户'
    over '截至2022年5月底,…1.59亿户'; a subheading '调解成功率98.5%以上' over '近三年来,…调解成功率保持在98.5%以上')
    is read from that sentence, where its date and scope stand: the heading's own reading goes."""
    return [f for f in facts if not _restated_heading_figure(f, text)]


def _restated_heading_figure(fact: Fact, text: str) -> bool:
    if not fact.note or "table_cell" in fact.signals:
        return False  # a table's cells stand one per line too
    line_start = text.rfind(NEWLINE, 0, fact.start) + 1
    line_end = text.find(NEWLINE, fact.start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if FULL_STOP in line or len(line.strip()) > HEADING_MAX:
        return False  # a sentence, not a heading
    return fact.note in text[:line_start] or fact.note in text[line_end:]


def _without_government_own(facts: list[Fact]) -> list[Fact]:
    """Where a document gives an indicator for the whole jurisdiction ('全市各级行政机关共收到申请2146件'), its
    figures of the government itself ('市政府共收到…263件,比上年的198件') are parts, not the place's."""
    # ('全县法律顾问…累计…提供法律援助62件' is a running total of one service, no whole year's figure)
    whole_facts = [f for f in facts if "whole_scope" in f.signals and f.period == PERIOD_YEAR]
    whole = {_family(f.indicator) for f in whole_facts}
    whole_years = {(_family(f.indicator), f.year) for f in whole_facts}
    # a table with no scope of its own gives way too: in '…人民政府办公室…政府信息公开工作年度报告' the table is
    # the office's own, and '全市各级行政机关共收到…申请1208件' the place's
    stated = {(f.indicator, f.year) for f in whole_facts}
    return [
        f
        for f in facts
        if not ("government_body" in f.signals and _government_part(f, whole, whole_years))
        and not ("table_cell" in f.signals and "whole_scope" not in f.signals and (f.indicator, f.year) in stated)
    ]


def _government_part(fact: Fact, whole: set[str], whole_years: set[tuple[str, int | None]]) -> bool:
    """The government's own figure of a year the document gives the whole place's ('2015年,全区…141件' does not
    make '2016年,区法律援助中心…163件' a part), or its earlier year beside it ('…比上年的198件')."""
    family = _family(fact.indicator)
    return (family, fact.year) in whole_years or ("previous_year" in fact.signals and family in whole)


def _family(indicator_id: str) -> str:
    return cat.catalogue()[indicator_id].family


def _choose_indicator(mention: Mention, before: str) -> cat.Indicator | None:
    q = mention.quantity
    context = mention.clause + mention.right_noun
    topic = _current_topic(before, mention.right_noun)
    best, best_key = None, (-1, -1)
    for indicator in cat.catalogue().values():
        if q.unit not in indicator.units or topic not in indicator.topics:
            continue
        key = _cue_position(indicator, context)
        after_only = key is None
        key = key or _cue_after(indicator, mention)
        if key is None or key <= best_key or not _in_range(indicator, q.value):
            continue
        if _vetoed_after(indicator, mention) if after_only else _vetoed(indicator, mention, before):
            continue
        best, best_key = indicator, key
    return best


def _cue_position(indicator: cat.Indicator, context: str) -> tuple[int, int] | None:
    """(end, length) of the cue nearest the number, or None."""
    last = _last(indicator.cues, context)
    return (last.end(), last.end() - last.start()) if last else None


def _cue_after(indicator: cat.Indicator, mention: Mention) -> tuple[int, int] | None:
    """'对86件规范性文件进行备案审查': a cue after the number and its noun (`cues_after` in the catalogue),
    ranked below any cue before the number."""
    found = indicator.cues_after.search(mention.after) if indicator.cues_after else None
    return (0, found.end() - found.start()) if found else None


def _current_topic(before: str, right_noun: str) -> str | None:
    """The subject in force: the noun right after the number, else the last topic word before it."""
    skip = cat.not_topics()
    if right_noun:
        found = [t for t in cat.topic_pattern().findall(right_noun) if t not in skip]
        return found[-1] if found else None
    found = [t for t in cat.topic_pattern().findall(before) if t not in skip]
    return found[-1] if found else None


def _vetoed(indicator: cat.Indicator, mention: Mention, before: str) -> bool:
    context = mention.clause + mention.right_noun
    if indicator.not_cues and indicator.not_cues.search(context):
        return True
    if indicator.not_cues and _subject_ruled_out_before(mention, indicator.not_cues):
        return True  # '…人民调解员在法院开展诉前调解,调解案件38649件': the clause before names what was mediated
    inclusion = _g().included_aside.match(mention.after)
    if inclusion and indicator.not_cues and indicator.not_cues.search(inclusion.group(0)):
        return True  # '办理政府信息公开申请114件(含2019年结转18件)': what it includes rules it out
    if _counts_mixed_kinds(indicator, mention):
        return True
    if indicator.narrow_kind and indicator.narrow_kind.search(context):
        return True
    if indicator.needs_subject and not _subject_is_stock(indicator, before):
        return True
    # A change ("较上年增加20件") is only ever a growth indicator's value.
    return _is_change(mention) and not indicator.needs_subject


def _subject_ruled_out_before(mention: Mention, not_cues: re.Pattern[str]) -> bool:
    """A clause opening with its topic word itself ('调解案件38649件': not even 共 before it) right after a
    clause, with no figure between, that a not-cue rules out ('在法院开展诉前调解'): the subject ruled out
    carries on. ('…医患纠纷调解联络站,共调解各类矛盾纠纷2006起' sums up what came before: not ruled out.)"""
    before, own = _last_two_clauses(mention.window)
    if not before or not not_cues.search(before):
        return False
    if _g().scope_frame.match(before):
        return True  # '在法院作出判决的案件中,行政机关败诉率达29%': counted over the judged cases only
    topic = cat.topic_pattern().search(own)
    return topic is not None and not own[: topic.start()].strip()


@lru_cache(maxsize=1024)
def _last_clause(text: str) -> str:
    """The text after the last clause break: asked of a figure's `before` by several of its checks."""
    return CLAUSE_BREAK.split(text)[-1]


@lru_cache(maxsize=256)
def _last_two_clauses(window: str) -> tuple[str, str]:
    """(the clause before the last, the last) of a window: asked once per indicator tried for a figure."""
    clauses = CLAUSE_BREAK.split(window)
    return (clauses[-2] if len(clauses) > 1 else ""), clauses[-1]


def _vetoed_after(indicator: cat.Indicator, mention: Mention) -> bool:
    """A reading by a cue after the number ('制定规范性文件17件,均按规定报送备案') is ruled out only by what
    stands after it: the verb after the number says what the figure is."""
    after_veto = bool(indicator.not_cues and indicator.not_cues.search(mention.after))
    return after_veto or _counts_mixed_kinds(indicator, mention)


def _sent_up(clause: str, scope: _Scope) -> bool:
    """'…报送南昌市人民政府备案8件': the place's own documents sent to a superior or its 人大常委会 for filing."""
    sent = _g().sent_up.search(clause)
    if sent is None:
        return False
    recipient = sent.group(1)
    above = bool(scope.wider_names and scope.wider_names.search(recipient))
    return above or bool(_g().superior_recipient.search(recipient)) or _parent_government(recipient, scope)


def _parent_government(recipient: str, scope: _Scope) -> bool:
    """'向市政府报备区政府规范性文件6件' in a district's report: the government of the city above it."""
    parents = {suffix for word, suffix in _g().parent if word in scope.wider}
    body = _g().government_body.match(recipient.strip())
    return bool(body) and body.group(0)[:1] in parents


def _counts_mixed_kinds(indicator: cat.Indicator, mention: Mention) -> bool:
    """'市政府制定的规章和规范性文件38件': the kind counted together with another (`mixed_kinds`)."""
    return bool(indicator.mixed_kinds and indicator.mixed_kinds.search(mention.clause + mention.right_noun))


def _subject_is_stock(indicator: cat.Indicator, before: str) -> bool:
    """'实有市场主体总量同比增长2.3%' grows the stock; '新增市场主体…同比增长' grows registrations."""
    stock = _all(indicator.needs_subject, before)
    flow = _all(_g().flow, before)
    if not stock:
        return False
    if _g().part_word.search(before[stock[-1].end() :]):
        return False  # '总量达36.5万户,其中私营企业8.6万户,同比增长12.3%' grows the part
    if _g().part_start.match(CLAUSE_BREAK.split(before[: stock[-1].start()])[-1]):
        return False  # '…;其中第二产业实有经营主体12.1万户,增长2.1%': the stock named is a part's
    if not flow or stock[-1].start() < flow[-1].start():
        return not flow
    # '新增…户,总量同比增长5%' grows the stock; in '新增市场主体总量同比增长' the 新增 still governs.
    return bool(NOUN_PHRASE_END_RE.search(before[flow[-1].end() : stock[-1].start()]))


def _is_change(mention: Mention) -> bool:
    """'较上年增加20件' is a change, not a level."""
    return bool(_g().change_before.search(mention.window)) and bool(_g().comparison.search(mention.clause))


def _in_range(indicator: cat.Indicator, value: float) -> bool:
    return indicator.low <= value <= indicator.high


def _is_parenthetical(before: str) -> bool:
    return before.count("(") > before.count(")")


def _is_excluded_context(mention: Mention, scope: _Scope) -> bool:
    """Whether the figure's clause speaks of a plan, a part of the place or a wider one: worked out once
    per figure of a document (it is asked up to three times)."""
    found = scope.excluded.get(mention)
    if found is None:
        found = scope.excluded[mention] = _excluded_context(mention, scope)
    return found


def _excluded_context(mention: Mention, scope: _Scope) -> bool:
    clause = _g().rank.sub("", mention.clause)
    if _is_first(mention) and not _g().part_word.search(clause):
        clause = _g().kinds_of_case.sub("", clause)
    ctx = cat.context()
    # the clause's text before an earlier figure in it ('全县20个' before '镇街人民调解组织…'), for what includes parts
    lead = _clause_lead(mention)
    if ctx.plan.search(clause) or _g().plan_opening.match(mention.before):
        return True
    if _names_a_part(ctx.partial_scope, clause, lead):
        return True
    if scope.sub_places and _names_a_part(scope.sub_places, clause, lead):
        return True
    if scope.sub_places and _counted_places_below(scope.sub_places, mention):
        return True
    if scope.sub_places and _opening_part(scope.sub_places, mention):
        return True
    if _g().subset.search(_last_clause(mention.before)):
        return True
    if _names_only_a_wider_place(clause, scope):
        return True
    if _names_lower_government(clause, scope):
        return True
    return any(word in clause for word in scope.wider)


def _names_lower_government(clause: str, scope: _Scope) -> bool:
    """'区政府负责人出庭应诉率达到52.3%' in a city's report: the governments of the level below, a part."""
    below = set(_g().below.get(scope.level or "", ())) - {scope.own_suffix}
    return any(
        m.group(0)[:1] in below and not _g().recipient.search(clause[: m.start()]) and _named_as_part(clause, m)
        for m in _all(_g().government_body, clause)
    )


def _opening_part(sub_places: re.Pattern[str], mention: Mention) -> bool:
    """'高昌区作为全市人口最多的县级区,全年收到复议申请197件': a place below, the subject of the clause opening the
    figure's stretch of the sentence, and a clause of the figure's own that names no scope of its own."""
    clauses = CLAUSE_BREAK.split(mention.window)
    if len(clauses) < 2 or _g().whole_scope.search(clauses[-1]):
        return False
    return _names_a_part(sub_places, clauses[0])


def _counted_places_below(sub_places: re.Pattern[str], mention: Mention) -> bool:
    """'青岛、枣庄…5个市的出庭应诉率达到100%': the places below named before a count of them."""
    if not _g().counted_places.match(mention.window):
        return False
    return _names_a_part(sub_places, CLAUSE_BREAK.split(mention.before)[-1])


def _names_a_part(parts: re.Pattern[str], clause: str, lead: str = "") -> bool:
    """A part of the jurisdiction is named as the subject of the clause; not as those who sent what the place
    reviewed ('审查各县(市)政府和州直部门报送的行政规范性文件46件' is the prefecture's own review), nor as all the
    parts that make up the whole ('全县20个镇街人民调解组织…', with `lead` the clause's text before `clause`)."""
    return any(_named_as_part(clause, m, lead) for m in _all(parts, clause))


def _named_as_part(clause: str, part: re.Match[str], lead: str = "") -> bool:
    """The part matched is the clause's subject: not those who sent what the place reviewed ('…报送备案的'),
    nor parts named as included in the whole ('全市(含各县(市)区)', '全县各乡镇、…'), nor a tier named with the
    place's own as levels together ('区、街道两级…')."""
    after = clause[part.end() :]
    if _g().submitted_by.match(after) or _g().levels_together.match(after):
        return False
    if _g().reviewed_of.search(clause[: part.start()]):
        return False  # '备案审查乡镇、部门行政规范性文件37件': whose documents were reviewed
    before = lead + clause[: part.start()]
    if _g().counted_all.search(before) and part.group(0) not in _g().words["territorial_parts"]:
        return True  # '全市48个个人调解工作室…': all of a kind of body, not the parts of the place's territory
    return not _g().included_parts.search(before)


def _clause_lead(mention: Mention) -> str:
    """The text of the figure's clause before its window, when an earlier figure stands in the same clause."""
    whole = _last_clause(mention.before)
    own = _last_clause(mention.window)
    return whole[: len(whole) - len(own)] if len(whole) > len(own) and whole.endswith(own) else ""


def _names_only_a_wider_place(clause: str, scope: _Scope) -> bool:
    """'江苏省近日经营主体总量突破1400万户' in 昆山's text: a place above it is named, and it is not (its short name
    inside the wider one's, '乌鲁木齐' of 乌鲁木齐县 in '乌鲁木齐市全年收到…', does not name it)."""
    if scope.wider_names is None:
        return False
    wider = [m for m in _all(scope.wider_names, clause) if not _g().recipient.search(clause[: m.start()])]
    if not wider:
        return False
    inside = {i for m in wider for i in range(m.start(), m.end())}
    own = scope.own_names.finditer(clause) if scope.own_names else ()
    return not any(m.start() not in inside for m in own)


def _is_first(mention: Mention) -> bool:
    """The sentence's first figure: nothing but an inherited subject ("…,") comes before its window."""
    rest = mention.before[: len(mention.before) - len(mention.window)]
    return mention.before.endswith(mention.window) and (not rest or rest.endswith(","))


# --- years and periods -----------------------------------------------------------------------


def _year_of(mention: Mention, scope: _Scope) -> int | None:
    bound = _bound_year(mention.window)
    if bound:
        return bound
    if scope.year and _ends_with_previous_year(mention.window):
        return scope.year - 1
    return _governing_year(mention.before, scope.year, scope.published)


def _ends_with_previous_year(window: str) -> bool:
    """'较上年的48件' is last year's figure; in '较上年增长7%' the 7% is this year's growth."""
    marker = _last(cat.context().previous_year, window[-8:].rstrip())
    return marker is not None and marker.end() == len(window[-8:].rstrip())


def _bound_year(window: str) -> int | None:
    """'2016年的18%': a year right before the number belongs to it."""
    match = _g().bound_year.search(window)
    return int(match.group(1)) if match else None


def _governing_year(before: str, report_year: int | None, published: tuple[int, int] | None = None) -> int | None:
    """The last plain 'YYYY年' time phrase in the sentence, else the report's year."""
    year, position = report_year, -1
    for match in _all(_g().year, before):
        if _is_time_phrase(before, match):
            year, position = int(match.group(1)), match.start()
    last_year = _last(_g().previous_year_time, before)
    if published and not last_year:
        last_year = _last(_g().last_year_subject, before)  # '去年全区…' in a dated text
    if report_year and last_year and last_year.start() > position:
        if published and published[0] == report_year + 1 and _g().said_last_year.search(last_year.group(0)):
            return report_year  # '去年,全市…1652件' in a paper of January 2022 on 2021: the year written about
        return report_year - 1  # '上年全年,全县共新收…131件': last year's figure
    return year


def _is_time_phrase(text: str, match: re.Match[str]) -> bool:
    preceding = text[max(0, match.start() - 3) : match.start()]
    following = text[match.end() : match.end() + 3]
    cutoff = preceding.rstrip().endswith(_g().words["cutoff"])  # '截至2024年底…1.89亿户': the stock's date
    if _g().comparison.search(preceding) or (_g().not_time_before.search(preceding) and not cutoff):
        return False
    if _g().not_time_after.match(following) or _inside_title(text, match.start()):
        return False
    if _is_parenthetical(text[: match.start()]) and not _is_parenthetical(text):
        return False  # '…58件(2021年为41件),受理52件': a year in closed brackets is the aside's own
    if _g().event_date.match(text[match.end() : match.end() + 16]):
        return False  # '依托2022年9月成立的调解中心': the date of an event, not the figure's time
    return not _g().possessive_after.match(following)


def _inside_title(text: str, position: int) -> bool:
    """Inside 《…》: a year in a document's title is no time phrase."""
    return text.count("《", 0, position) > text.count("》", 0, position)


def _period(
    mention: Mention, indicator: cat.Indicator, year: int, start_known: bool = False, report_year: int | None = None
) -> str:
    before = mention.before
    recent = _last(_g().recent_years, before) or _last(_g().plan_period, before)
    if indicator.needs_subject and recent and not _year_named_after(before, recent.end(), year):
        return PERIOD_CUMULATIVE  # '五年间全市市场主体总量增长58%': growth over several years
    if indicator.stock or indicator.needs_subject:
        return PERIOD_YEAR  # a stock, or its growth: "累计达到4.12万户,同比增长6.8%" is the year-end level
    span = _years_span(before)
    if span is not None and not _names_year_after(before, span.end(), year):
        return PERIOD_CUMULATIVE  # '2010年至2014年共受理…', but not '…;其中2014年受理…'
    if indicator.unit != "%" and not start_known and _open_total(before):
        return PERIOD_CUMULATIVE
    to_now = _last(_g().to_now_span, before)
    since = to_now and _g().since_this_year.search(before[: to_now.end()])
    this_year = since and (since.group(1) is None or int(since.group(1)) >= year)  # '今年1月至今…'
    if to_now and not this_year and not _names_year_after(before, to_now.end(), year):
        return PERIOD_CUMULATIVE  # '从2017年10月到现在,…累计调处…39984件': up to the time of writing
    several = _last(_g().multi_year_rate, before) if indicator.unit == "%" else None
    if several and not _names_year_after(before, several.end(), year):
        return PERIOD_CUMULATIVE  # '近年来…调解成功率始终保持在98%以上': a rate over several years
    recent = recent or _last(_g().years_of_work, before)  # (the first two markers as looked up above)
    if recent and not _year_named_after(before, recent.end(), year):
        return PERIOD_CUMULATIVE  # '近3年共办理…19万余件': several years' total (a 分别 list is read apart)
    # '2015年5月…实施以来,…共受理…3.9万件' in a 2019 text: since a point before the report's year, a running total
    latest = max(year, report_year or year)
    for match in _all(cat.context().cumulative, before):
        if _is_in_year(before, match, latest) or _year_named_after(before, match.end(), year):
            continue
        if not any(word in before[match.end() :] for word in _g().words["in_year_after_since"]):
            return PERIOD_CUMULATIVE  # not '…施行以来,区政府全年新收…58件': the year's, named after the marker
    return PERIOD_YEAR


def _year_named_after(before: str, position: int, year: int) -> bool:
    """A single year named as the figure's time governs it against a running-total marker ending at
    `position`: after the marker ('2019年以来持续推进…,2022年全年累计受理…') or before a 累计 with no 以来 in
    between ('2022年,全区…累计受理9872件'); never a cut-off date ('截至2022年底,累计…')."""
    for match in _all(_g().year, before):
        if int(match.group(1)) != year or not _is_time_phrase(before, match):
            continue
        if before[: match.start()].rstrip().endswith(_g().words["cutoff"]):
            continue
        if match.start() >= position or not _g().since_any.search(before[match.end() : position + 2]):
            return True
    return False


def _names_year_after(before: str, position: int, year: int) -> bool:
    """The figure's own year is named as a time phrase after `position` (the end of a span of years)."""
    return any(
        int(m.group(1)) == year and m.start() >= position and _is_time_phrase(before, m)
        for m in _all(_g().year, before)
    )


def _open_total(before: str) -> bool:
    """'截至2020年11月,共受理…': a total up to a date, from a start the text does not state;
    '截至年底,全年共…' names its start (the year)."""
    cutoff = _last(_g().cutoff, before)
    words = cat.context().open_total
    if cutoff is None or words is None:
        return False
    after = before[cutoff.end() :]
    this_year = _g().words["this_year"]
    if any(w in cutoff.group(0) for w in this_year) or after.lstrip().startswith(this_year):
        return False  # '截止到今年12月中旬,全市共受理…': the year so far
    if cutoff.group(1) is None and cutoff.group(2):
        return False  # '截至11月底,市政府共收到…76件' in a report on its year: a month with no year is that year's
    return bool(words.search(after)) and not _g().year_end.search(after)


def _years_span(before: str) -> re.Match[str] | None:
    """'2016年至2018年,全市受理…1560件': the last span of years a figure is counted over (outside a title or
    brackets, and not a list the years are spread over: '2017-2019年分别为…')."""
    found = None
    spans = sorted([*_all(_g().year_span, before), *_all(_g().year_pair_total, before)], key=lambda m: m.start())
    for span in spans:  # ('2013年、2014年两年,…18646件': two years named as one stretch)
        if int(span.group(2)) <= int(span.group(1)) or _inside_title(before, span.start()):
            continue
        if _is_parenthetical(before[: span.start()]) or _g().respectively_word.search(before[span.end() :]):
            continue
        found = span
    return found


def _is_in_year(before: str, match: re.Match[str], year: int) -> bool:
    """'全年累计', '今年以来' and '2022年以来' (in the 2022 report) stay within the year."""
    head = before[: match.start()]
    if _g().since_word.match(match.group(0)):
        since = _g().since_this_year.search(before[: match.end()])
        return bool(since) and (since.group(1) is None or int(since.group(1)) >= year)
    if _g().in_year.search(head[-6:]):
        return True
    # '今年以来累计…', '今年以来,该县…,累计受理…': the last 以来 before it keeps the count within the year
    since = _last(_g().since_any, head)
    if since is None:
        return False
    within = _g().since_this_year.search(head[: since.end()])
    return bool(within) and within.end() == since.end() and (within.group(1) is None or int(within.group(1)) >= year)


def _partial_year_qualifier(mention: Mention, indicator: cat.Indicator, year: int, qualifier: str) -> str:
    """'截至11月底已受理1200件': a flow counted before the year ended is a lower bound."""
    if indicator.stock or indicator.unit == "%" or qualifier != EXACT:
        return qualifier
    if _stops_before_year_end(mention.before):
        return AT_LEAST  # not when '全年' follows the part ('一季度…减少,但全年新设数量仍达31.6万户')
    cutoff = _last(_g().cutoff, mention.before)
    if cutoff is None:
        return qualifier
    month = cutoff.group(2)
    if (month and int(month) < 12) or not (month or _g().year_end.search(mention.before[cutoff.start() :])):
        return AT_LEAST
    if month and not cutoff.group(3) and _before_month_end(mention.before[cutoff.end() :]):
        return AT_LEAST  # '截止到今年12月中旬,全县共调解…1,021件': a few days short of the year
    return qualifier


def _before_month_end(after: str) -> bool:
    """'中旬', '20日' right after a month: a date before the month's last days."""
    day = _g().day_of_month.match(after)
    if day:
        return int(day.group(1)) < LAST_DAYS_OF_MONTH
    return after.lstrip().startswith(_g().words["before_month_end"])


def _named_parts(before: str) -> list[re.Match[str]]:
    """'上半年', '前三季度' (the catalogue's partial_year markers), months that do not start with January
    ('5月至9月') and a start after January ('5月1日施行后')."""
    markers = cat.context().partial_year
    found = _all(markers, before) if markers else []
    return found + _all(_g().month_span_later, before) + _all(_g().since_later_month, before)


def _all(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of `pattern` in `text`: `list(pattern.finditer(text))`, with one `search` first (most texts hold
    none, and it costs a fifth of setting up `finditer`)."""
    return list(pattern.finditer(text)) if pattern.search(text) else []


def _whole_year_marks(text: str) -> list[re.Match[str]]:
    """'年底', '全年' … saying the whole year is covered; not in a comparison ('较2022年底增长6.7%')."""
    marks = _all(_g().year_end, text)
    return [m for m in marks if not _g().comparison.search(text[max(0, m.start() - 8) : m.start()])]


def _is_this_year_so_far(clause: str) -> bool:
    """A clause that is only '今年以来' (or '年初以来'): the year so far, what the clauses after it count over."""
    found = _g().since_this_year.search(clause.strip())
    return found is not None and found.start() == 0 and not _g().year.search(clause)


def _stops_before_year_end(before: str) -> bool:
    """'1-11月', '上半年', '截至11月底' before the number, with no '年底/年末/全年' after them."""
    ends = [m.end() for m in _all(_g().month_span, before) if (parse_numeral(m.group(1)) or 12) < 12]
    ends += [m.end() for m in _named_parts(before)]
    ends += [m.end() for m in _all(_g().cutoff, before) if m.group(2) and int(m.group(2)) < 12]
    return bool(ends) and not _whole_year_marks(before[max(ends) :])


def _of_one_month(before: str) -> bool:
    """A clause opening with one month ('2019年10月全市…', '6月份,…') and no whole-year phrase after it."""
    ends = [m.end() for m in _all(_g().single_month, before)]
    return bool(ends) and not _whole_year_marks(before[max(ends) :])


def _covers_too_little(before: str) -> bool:
    """The count covers fewer months than grammar.yaml's part_year_min_months (a bound of the year's
    figure is worth showing only when it is nearly the whole year: '1-11月', '截至11月底')."""
    months = [parse_numeral(m.group(1)) or 12 for m in _all(_g().month_span, before)]
    if _named_parts(before):
        months.append(0)  # 上半年, 前三季度, 5月至9月: named parts of the year
    months += [int(m.group(2)) for m in _all(_g().cutoff, before) if m.group(2)]
    if _g().single_month.search(before):
        months.append(1)  # '2021年12月,全市新登记…': one month's count
    partial = [m for m in months if m < 12]
    return bool(partial) and min(partial) < _g().part_year_min_months and not _ends_whole_year(before, partial)


def _ends_whole_year(before: str, partial: list[int]) -> bool:
    """'上半年…;全年共受理…': a whole-year phrase after the part-year marker."""
    last = max((m.end() for m in _whole_year_marks(before)), default=-1)
    markers = [m.end() for m in _g().month_span.finditer(before)] + [m.end() for m in _g().cutoff.finditer(before)]
    markers += [m.end() for m in _named_parts(before)] + [m.end() for m in _g().single_month.finditer(before)]
    return last > max(markers, default=-1)


# --- inferred values -------------------------------------------------------------------------


def _inferred(facts: list[Fact], sentence: str) -> list[Fact]:
    """'其中受理97件,现已全部审结' -> concluded = accepted (method inferred; see `inferred` in the catalogue)."""
    found: list[Fact] = []
    for rule in cat.inferences():
        if not rule.when.search(sentence) or any(f.indicator == rule.indicator for f in facts):
            continue
        if rule.unless is not None and rule.unless.search(sentence):
            continue
        sources = [f for f in facts if f.indicator == rule.source]
        if len(sources) > 1:
            # ('共收到复议申请136宗,比2021年的97宗明显增加,依法受理率达到100%': the year's count, not last year's)
            sources = [f for f in sources if "previous_year" not in f.signals]
        if len(sources) == 1:
            found.append(replace(sources[0], indicator=rule.indicator, method="inferred", note=rule.note))
    return found
