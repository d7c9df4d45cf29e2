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
("我市 … 某县法院发布白皮书" is the county's), and so does a place named above the first
sentence ("——武冈市司法局2022年工作回顾" over a body naming 邵阳市 as its superior). A self
word ranking the place within its superior ("居全省前列", "被评为全省…") is no self-reference;
"全区" with unnamed 自治区 bodies is an autonomous region's. When no place named fits the self-reference,
the place above the places named that fits it is the report's ("全省 … 苏州、南京、无锡…" is
江苏's; "全市 … 鱼峰区、柳南区…" is 柳州's). A two-character name whose stem is a joining word
("和县") is no mention right after another word ("乡镇和县直部门"). A text with no self word
but unnamed bodies ("从县法院获悉") is of their level, its source's place included ("来源:
某某县融媒体中心"). A shared name is settled by its parent or its siblings named in the text. A self word that
is a place's short name ("全州", 全州县) is the text's scope, unless written right after that
place's parent; a one-character prefecture alias listed in rules/locate.yaml ("巴州") is the
prefecture when the text's other places lie in its province; a child whose name reads as a word
is a mention right after its parent ("阳泉市城区"). A place fitting the self word but named less
often than the text names itself is an example: the paper's city ("衡阳日报 … 全市 … 耒阳市")
or the autonomous region ("我区 … 自治区司法厅 … 拉萨市城关区") wins. "在全省…会上" is the
superior's meeting, not a self word.
A place above any the self word can denote (天津市 for a text saying "全区" that never names
its district) is no answer: no place. A text about the whole country ("全国…", "我国…", the
司法部's own report, a news item whose first lines quote a national body and that names no
local place) with no local self-reference is national (中华人民共和国). The vocabulary is in
rules/locate.yaml. The year comes from the title ("2022年度"), else from a paragraph opening
"20XX年,", else from a year stated after a label or a clause ("【行政应诉】2021年,…",
"获悉,2022年全市…"; not an event's: "2016年市委办公厅印发…", "2018年,我市被评为…"), else
from the latest year written right before a figure ("其中2022年受理…74件", "截至2023年9月底,
全国…") when the publication year is written nowhere else, else from the publication, meeting
or signature date: a date in
January-June of Y means a report on Y-1, July-December a report on Y itself; a news item
saying 今年 (or 上半年, 前三季度 …) with a dateline ("12月28日,…") is of the dateline's
year, one on 去年 (and on no current period) of the year before publication, and one giving
figures as of now ("目前,全国共有…") of its publication year; a text on a part of the year
("一季度", "1-9月") published after February, and a news item saying 今年, are of their
publication year. A yearbook's entry with no year
stated is of the year before its edition ("德清年鉴2018" records 2017). A date inside a
sentence (an event: "2020年4月27日举办培训") never decides the year; a signature is looked
for only after the first sentence. A text opening with the current year's figures ("今年以来,
全市…3955件") is of the year it was written even when an older year's total follows, and so is
one giving a part of its publication year first ("2025年第一季度…56件", "上半年共排查…",
"截至2022年5月31日…72件") before last year's total. A stated year stands over a site date
years later when the later year is written only in date lines (a 2019 review posted in 2023;
"…2015年统计公报" posted in 2023). An undated study whose first sentence covers "2014年至2019年"
is on the span's last year. 当年 before a figure is the year last written in its sentence.

Must never: read files, extract figures, hard-code places (the gazetteer in `regions`
knows them), or use the file name to decide anything. It never raises on odd text:
damaged dates ("20201222日", "2020-13-45") give what they can.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

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
from pipeline.rules import load_yaml

HEAD_LINES = 12  # non-empty lines searched for the title and the publication date
TAIL_LINES = 6  # non-empty lines searched for the signature
TITLE_MAX = 80
SIGNATURE_MAX = 40
SIGNATURE_PLAIN_MAX = 20  # a longer closing line is a signature only when it ends as one ("…司法局", "…日", ")")
FIRST_PERSON = "我"  # "我县", "我市": a text speaking for its place in the first person
WRITTEN_LINES = 3  # a signed text's date stands on one of its last three lines (body, signature, date)
HOST_BODY_SPAN = 8  # "雅安市|人民政府办公室": the body right after the host's place name
MIN_NATIONAL_QUOTES = 2  # a national body quoted this often, no local place named as often: the country's text
PROSE_SENTENCES = 2  # a line of this many sentences is a paragraph of prose, never a footer
VALUE_CELL_RE = re.compile(r"^\s*[\d.,%]+\s*$")  # a table cell holding a number alone ("59", "98.5%")
TABLE_TAIL_CELLS = 2  # this many such cells among the last lines: the text ends with a table, not a signature
# "…工作总结和2024年工作计划", "…2015年推进依法行政工作情况及2016年工作打算" are the summary's title: the
# first year is the report's.
# A work review ("…司法局2021年工作综述"), a reply to a proposal ("…提案的答复") and a table's
# title ("…目标任务进展情况表") are titles too.
TITLE_END_RE = re.compile(
    r"(?:报告|情况|总结|通报|公报|白皮书|工作要点|综述|答复|工作分析|情况分析|(?:情况|统计|进展|一览)表"
    r"|(?:总结|情况)(?:和|及|暨)\S{0,12}(?:计划|打算|安排|思路))$"
)
# trailing quotes and brackets, a bracketed remark ("(公示)", "(全文)"), a bracketed date ("(2025-03-26)") and
# a shared file's extension ("…调研报告 (12) .doc" on a document-sharing site)
TITLE_TRAILING_RE = re.compile(
    r"(?:[\s\"“”《》()()【】]|[((][^()()]{1,6}[))]|[((]\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?[))]"
    r"|\.(?:docx?|wps|pdf|ofd|txt))+$"
)
# ingest folds full-width forms (NFKC); a text handed to `locate` directly may still hold them.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
FULLWIDTH_DIGIT_RE = re.compile("[０-９]")  # normalised text rarely has one: a search is cheaper than translating
NAVIGATION_RE = re.compile(r"当前位置|您现在的位置|首页|>|»")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[((][一二三四五六七八九十\d]+[))]|\d+[、.])")
ADDRESSEE_RE = re.compile(r"^[^。;;]{2,60}?(?:委|政府|人大|常委会|委员会|办公室|领导)[^。;;]{0,10}[::]$")
ABOUT = "关于"
YEAR = r"20\d{2}"
# a title's year: "2022年…", or a year run into the title's words ("2022人民调解工作调研报告"), not a count
TITLE_YEAR_RE = re.compile(
    rf"(?<![\d.])({YEAR})(?:\s*年(?!以来)|(?=[\u4e00-\u9fff])(?![万亿余多件户个家宗起名次])(?!人(?!民)))"
)
LEADING_PART_RE = re.compile(
    rf"^\s*({YEAR})\s*年\s*(?:第一季度|一季度|上半年|前三季度|1\s*月?\s*[-~—–至]\s*\d{{1,2}}\s*月)"
)
LEADING_YEAR_RE = re.compile(rf"^\s*({YEAR})\s*年度?\s*[,,]")
PLAN_RE = re.compile(r"将|计划|打算|拟|(?<![主重需纲摘首必概])要(?![求素点件])|力争|预计")  # not 主要, 重要, 要求
PLAN_WINDOW = 30
# (not a span of months: "2023年1-9月")
FULL_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})(?!\d)(?!\s*月)")
COMPACT_DATE_RE = re.compile(rf"(?<!\d)({YEAR})(\d{{2}})(\d{{2}})(?!\d)")
# a link's path: "…chuzhou.cn/2019/1028/403350.shtml"
URL_DATE_RE = re.compile(rf"(?<=/)({YEAR})/(\d{{2}})(\d{{2}})(?=/)")
MONTH_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*年\s*(\d{{1,2}})\s*月")
# "19.09.2015 09:57": a content system's day.month.year stamp
DAY_FIRST_DATE_RE = re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.({YEAR})(?![\d.])")
# a gazette's or journal's issue ("《某市人民政府公报》2017年第6期"): the year it came out, month unknown
ISSUE_DATE_RE = re.compile(rf"(?<!\d)({YEAR})\s*年\s*第\s*\d{{1,3}}\s*期")
LABEL_RE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|日期|时间)\s*[::]")
# A year stated after a label, a clause boundary or a news lead, not part of a date, a span
# ("以来", "至") or a comparison ("与2019年相比" has no boundary before it).
STATEMENT_YEAR_RE = re.compile(
    rf"(?:^|[】。;;,,::\s《(]|讯|获悉|显示|了解到|截至|截止)\s*({YEAR})\s*(?:年度?|年末|年底)"
    r"(?!\s*(?:以来|\d|[一二三四五六七八九十]+月|底|末|初|前|后|上半年|下半年|至|—|-|~|起|开始|及|和|、|与))"
)
# What may follow a stated year for it to be the period of the figures: a comma, the report's
# subject ("全市", "我区", "该院", "市政府") or a place name; not "被评为", "获得" ...
# ("2024年是…的关键一年" opens a year's review: the year it reviews)
DESCRIBED_YEAR = "是"
STATEMENT_FOLLOW_RE = re.compile(rf"\s*(?:[,,]|全|我|该|本|各|共|市|区|县|省|州|旗|盟|截至|截止|{DESCRIBED_YEAR})")
DATELINE_DAY_RE = re.compile(r"(?:^|电|讯|\))\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,,]")
# "上半年" under "去年上半年" is last year's period, not this year's.
PAST_PERIOD_RE = re.compile(r"(?:去年|上年|前年)(?:同期)?$")
LAST_YEAR_MONTHS = 2  # publications up to February are on the year before
# A yearbook's edition ("仙居年鉴(2020)", "宝鸡年鉴·2007") records the year before.
YEARBOOK_RE = re.compile(rf"年鉴\s*[((·・]?\s*({YEAR})(?!\d)")
SUPERIOR = "领导下"
LED_RE = re.compile(r"(?:领导|指导)下\s*[,,]\s*")
SUPERIOR_SPAN = 24  # characters from a leader's name to the end of "…的坚强领导下,"
SELF_SPAN = 8
REGION_WORD = "自治区"
# "去年" as the period of the figures, not a comparison ("比去年", "去年同期").
# "截至去年年底" is the date of a stock (组织、人员), not the period of the news.
LAST_YEAR_RE = re.compile(r"(?<![比较与同于])去年(?!同期|以来|同比|水平|底|末|年底|年末)")
# "今年以来", "今年上半年", "今年1-9月": the current year as the figures' period (not "今年将…").
THIS_YEAR_PERIOD_RE = re.compile(r"今年(?:以来|上半年|前三季度|一季度|前\d{1,2}个月|[1１]月?[-~—–至到]\d{1,2}月)")
# A year written right before a figure, not after a comparison or span word ("比2019年的…",
# "2018—2020年"), nor a date or span itself ("2021年6月", "2013年以来", "2025年1至9月").
FIGURE_YEAR_RE = re.compile(
    rf"(?<![比较与同于自从至和、—\-~到\d])({YEAR})\s*年(?:度|全年|一年|末|底)?"
    r"(?!\s*(?:以来|\d|[一二三四五六七八九十]+月|至|—|-|~|起|开始|及|和|、|与|前|后|初|的|同期))"
)
# "截至2023年9月底,全国…1.81亿户": the year of a stock's date.
AS_OF_YEAR_RE = re.compile(rf"(?:截至|截止)\s*({YEAR})\s*年\s*\d{{1,2}}\s*月(?:底|末|\s*\d{{1,2}}\s*日)?")
FIGURE_RE = re.compile(r"\d[\d.,]*\s*(?:万|亿)?\s*(?:余|多)?\s*(?:件|户|宗|起|个|家|人次|%|％)")
FIGURE_WINDOW = 60
LEAD_PUNCTUATION = ",, "  # stripped before a year's first clause
WRAP_MAX = 30  # a title's second line is short: "情况的报告"
WRAP_GAP = 5  # blank or page-break lines allowed between a title's two halves
BRACKETED_LINE_RE = re.compile(r"^[((][^()()]+[))]$")  # a title's middle line: "(哈尔滨新区江北一体发展区)"
# "2024/2/4 上午10:12 …": the date and time a browser printed the page, atop every page
# ("http://www.hebei.com.cn 2013-12-24 10:32 长城网": a stamp anywhere in a line of its own)
# a paper's page footer ending with its date ("…法制报 平安巷 00004 合力化解… 2019-09-20 2019年09月20日 星期五")
ENDING_DATE_RE = re.compile(rf"(?<!\d)(?:{YEAR})\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?\s*(?:星期.)?\s*$")
# a paper's dateline in brackets opening a paragraph: "【鹤岗日报2024年1月18日讯】(记者 …)…"
BRACKET_DATELINE_RE = re.compile(rf"^\s*【[^】]{{0,20}}?{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:电|讯)?】")
DATE_TIME_STAMP_RE = re.compile(r"(?<!\d)20\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")
PRINT_STAMP_RE = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}\s*(?:上午|下午)?\s*\d{1,2}:\d{2}")
HEAD_NATIONAL_LINES = 3
THAT_YEAR = "当年|同年"  # "…2023年…。同年,全省…13.2万件": the year last written
NAME_MAX = 3  # a writer's name after the body in a credit line: "(讷河市司法局 王丽)"
WRITER_CREDIT_RE = re.compile(rf"^\s*[(（]\s*([^()（）\s\d]{{2,{NAME_MAX}}})\s*[)）]\s*$")  # "(甘泉)"
BOOK_TITLE_RE = re.compile(r"《[^《》]*》")
SPAN_RE = re.compile(rf"(?<!\d)({YEAR})\s*年?\s*(?:至|—|-|~|到)\s*({YEAR})\s*年")
LOCATE_RULES = Path(__file__).parent / "rules" / "locate.yaml"
RULE_LISTS = (
    "self_bodies",
    "signature_endings",
    "credit_words",
    "named_bodies",
    "zone_suffixes",
    "year_of_work_words",
    "delivered_report_titles",
    "plural_before_body",
    "cited_rule_endings",
    "host_markers",
    "source_markers",
    "newspaper_suffixes",
    "township_suffixes",
    "road_suffixes",
    "plan_heading_words",
    "footer_markers",
    "related_markers",
    "dateline_prefixes",
    "dateline_endings",
    "joining_characters",
    "self_words",
    "this_year_words",
    "part_year_words",
    "current_words",
    "event_words",
    "rank_words",
    "meeting_words",
)
MEETING_SPAN = 40  # characters from a self word to the end of "…推进会上"
NATIONAL_LISTS = ("markers", "not_markers", "bodies", "honour_words")
ALIASES = "prefecture_aliases"
# The lowest level a self word can denote: "全市" is a prefecture's or a county-level city's.
SELF_LOWEST_LEVEL = {
    "省": "province",
    "州": "prefecture",
    "盟": "prefecture",
    "市": "county",
    "区": "county",
    "县": "county",
    "旗": "county",
}
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
    zone: str = ""  # the functional zone whose report this is ("大鹏新区"), when that is why no place is chosen

    @property
    def place(self) -> Place | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


@dataclass(frozen=True)
class _Rules:
    """rules/locate.yaml, checked."""

    newspaper_suffixes: tuple[str, ...]
    township_suffixes: tuple[str, ...]
    road_suffixes: tuple[str, ...]
    footer_markers: tuple[str, ...]
    related_markers: tuple[str, ...]
    dateline_re: re.Pattern[str]
    plan_heading_re: re.Pattern[str]
    joining_characters: tuple[str, ...]
    self_words: tuple[str, ...]
    self_bodies: tuple[str, ...]
    signature_endings: tuple[str, ...]
    credit_words: tuple[str, ...]
    named_bodies: tuple[str, ...]
    plural_before_body: tuple[str, ...]
    zone_title_re: re.Pattern[str]
    year_of_work_words: tuple[str, ...]
    delivered_report_titles: tuple[str, ...]
    cited_rule_endings: tuple[str, ...]
    host_markers: tuple[str, ...]
    source_markers: tuple[str, ...]
    this_year_words: tuple[str, ...]
    part_year_words: tuple[str, ...]
    current_words: tuple[str, ...]
    event_words: tuple[str, ...]
    rank_words: tuple[str, ...]
    meeting_words: tuple[str, ...]
    national_markers: tuple[str, ...]
    national_not: tuple[str, ...]
    national_bodies: tuple[str, ...]
    national_bodies_re: re.Pattern[str]  # the same, one alternation (longest first) to count them in a text
    honour_words: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...] = ()  # ("巴州", "巴音郭楞蒙古自治州")


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
    top = _check_keys(data, (*RULE_LISTS, "national", ALIASES), "the top level")
    lists = {key: _word_list(top[key], key) for key in RULE_LISTS}
    aliases = top[ALIASES]
    if not isinstance(aliases, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(regions.lookup(v)) == 1 for k, v in aliases.items()
    ):
        raise LocateRulesError(f"{LOCATE_RULES.name}: entry “{ALIASES}” must map short names to one known place each")
    national = _check_keys(top["national"], NATIONAL_LISTS, "entry “national”")
    words = {key: _word_list(national[key], f"national.{key}") for key in NATIONAL_LISTS}
    prefixes = "|".join(map(re.escape, lists["dateline_prefixes"]))
    endings = "|".join(map(re.escape, lists["dateline_endings"]))
    plans = "|".join(map(re.escape, lists["plan_heading_words"]))
    zones = "|".join(map(re.escape, lists["zone_suffixes"]))
    return _Rules(
        newspaper_suffixes=lists["newspaper_suffixes"],
        township_suffixes=lists["township_suffixes"],
        road_suffixes=lists["road_suffixes"],
        footer_markers=lists["footer_markers"],
        related_markers=lists["related_markers"],
        # any news agency's name ends with 社 ("中评社北京11月30日电"), beside the listed papers and sites
        # ("本报北京4月1日电"; "梧州零距离网-梧州日报讯 近日,…": a site's or paper's credit opening the item, undated)
        dateline_re=re.compile(
            rf"(?:{prefixes}|社)[^,,。()()]{{0,12}}?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:{endings})"
            rf"|^\s*[^,,。()()\s]{{0,16}}?[报网台](?:{endings})"
        ),
        plan_heading_re=re.compile(rf"^\s*[一二三四五六七八九十]+\s*[、.]\s*({YEAR})\s*年(?:度)?\s*(?:{plans})"),
        joining_characters=lists["joining_characters"],
        self_words=lists["self_words"],
        self_bodies=lists["self_bodies"],
        signature_endings=lists["signature_endings"],
        credit_words=lists["credit_words"],
        named_bodies=lists["named_bodies"],
        plural_before_body=lists["plural_before_body"],
        zone_title_re=re.compile(rf"^\s*(?:{ABOUT})?\s*([^\s,,。::((]{{0,12}}?(?:{zones}))"),
        year_of_work_words=lists["year_of_work_words"],
        delivered_report_titles=lists["delivered_report_titles"],
        cited_rule_endings=lists["cited_rule_endings"],
        host_markers=lists["host_markers"],
        source_markers=lists["source_markers"],
        this_year_words=lists["this_year_words"],
        part_year_words=lists["part_year_words"],
        current_words=lists["current_words"],
        event_words=lists["event_words"],
        rank_words=lists["rank_words"],
        meeting_words=lists["meeting_words"],
        national_markers=words["markers"],
        national_not=words["not_markers"],
        national_bodies=words["bodies"],
        national_bodies_re=re.compile("|".join(map(re.escape, sorted(words["bodies"], key=len, reverse=True)))),
        honour_words=words["honour_words"],
        aliases=tuple(aliases.items()),
    )


@cache
def _rules() -> _Rules:
    return parse_rules(load_yaml(LOCATE_RULES.read_text(encoding="utf-8")))


def locate(doc: Document) -> Location:
    """The jurisdiction and report year of `doc`, with a status and a Chinese message."""
    text = regions.to_simplified(doc.text or "")
    text = arabic_years(text.translate(FULLWIDTH_DIGITS) if FULLWIDTH_DIGIT_RE.search(text) else text)
    lines = _lines(text)
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:]
    title = _title(head)
    ignored = _ignored_lines(lines)
    every, papers, usable = _evidence(text, lines, ignored)
    choice = _jurisdiction(text, lines, title, tail, (every, papers, usable))
    year = _year([line for line in lines if line.index not in ignored], title, head, tail, text)
    original = (doc.text or "").splitlines()
    title_text = "".join(original[i].strip() for i in title.indices) if title is not None else ""
    # the places its evidence names, each settled to one (no newspaper's name, dateline, township or footer)
    named = tuple(dict.fromkeys(places[0].adcode for _, places, _ in usable if len(places) == 1))
    published = _published(head, tail)
    return replace(_location(choice, year, title_text, published), named=named, written=_written(tail, published))


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
        if PRINT_STAMP_RE.match(bare):  # a browser's page header repeats (part of) the title
            continue
        if TITLE_END_RE.search(bare):
            before = head[position - 1] if position else None
            wrapped = (
                before is not None
                and line.index - before.index <= WRAP_GAP
                and len(bare) <= WRAP_MAX
                and _may_be_title_part(before.text)
                and len(before.text) + len(bare) <= TITLE_MAX
            )
            if wrapped and BRACKETED_LINE_RE.match(before.text.strip()) and position >= 2:
                # "2023年哈尔滨市松北区" / "(哈尔滨新区江北一体发展区)" / "国民经济和社会发展统计公报"
                first = head[position - 2]
                if _may_be_title_part(first.text) and before.index - first.index <= WRAP_GAP:
                    text = first.text + before.text + line.text
                    return _Title(text, first.start, (first.index, before.index, line.index))
            if wrapped:
                return _Title(before.text + line.text, before.start, (before.index, line.index))
            return _Title(line.text, line.start, (line.index,))
    return None


# ---------------------------------------------------------------- jurisdiction


def _ignored_lines(lines: Sequence[_Line]) -> set[int]:
    """Lines that are never evidence: addressed to a superior, a site or paper footer, or a site's list of
    other stories ("相关新闻") and everything after it."""
    footer = _any_of((*_rules().footer_markers, "http"))  # one scan of a line, not one per marker
    ignored = {line.index for line in lines if _is_addressee(line.text) or _is_footer(line.text, footer)}
    related = next((line.index for line in lines if line.text.strip(RELATED_TRIM) in _rules().related_markers), None)
    return ignored | ({line.index for line in lines if line.index >= related} if related is not None else set())


def _is_footer(line: str, footer: re.Pattern[str]) -> bool:
    """A footer line holds a footer marker ("地址:", "ICP备", a link) and is no paragraph of prose: a report's
    opening paragraph of several sentences ending with "…请联系区政府办公室(地址:…)" is still evidence."""
    return footer.search(line) is not None and line.count("。") < PROSE_SENTENCES


@lru_cache(maxsize=16)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching any of `words`, tried in the order given; built once per word list."""
    return re.compile("|".join(map(re.escape, words)))


def _not_evidence(text: str, mention: Mention) -> bool:
    """A newspaper's name ("成都商报") or the place of a news dateline ("本报北京4月1日电")."""
    rules = _rules()
    if text[mention.end : mention.end + 6].startswith(rules.newspaper_suffixes):
        return True
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    at = mention.start - line_start
    if _in_writers_credit(line, mention):
        return True
    return any(match.start() <= at < match.end() for match in rules.dateline_re.finditer(line))


def _in_writers_credit(line: str, mention: Mention) -> bool:
    """'(记者 蔡长春)': a short place name inside a line crediting the writers is part of a person's name."""
    opening = line.lstrip(" (（[【")
    credited = opening.startswith(_rules().credit_words)
    return credited and not any(place.name == mention.surface for place in mention.candidates)


def _names_a_township(text: str, mention: Mention) -> bool:
    """A short name right before a township's level word ("凤凰镇", "朝阳乡") or a road's ("北京南路"): a township,
    village or road of that name, not the county it shortens (凤凰县)."""
    if any(place.name == mention.surface for place in mention.candidates):
        return False
    rules = _rules()
    words = (*rules.township_suffixes, *rules.road_suffixes)
    return regions.to_simplified(text[mention.end : mention.end + max(map(len, words))]).startswith(words)


PAPER_NAME_MAX = 8  # characters of a place name before a newspaper suffix


def _paper_mentions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Places in newspaper names that jieba keeps whole ("湖南日报", "开封日报"): the longest
    place name right before a newspaper suffix, where no mention ends or runs across."""
    suffixes = sorted(_rules().newspaper_suffixes, key=len, reverse=True)
    out: list[Mention] = []
    for match in _any_of(tuple(suffixes)).finditer(text):
        end = match.start()
        if any(m.start < end <= m.end for m in mentions):
            continue
        for length in range(min(PAPER_NAME_MAX, end), 1, -1):
            if found := regions.mention_of(text, end - length, end):
                out.append(found)
                break
    return out


def _local_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions as local texts mean them. A self word that is also a place's short name ("全州"
    in "全州各级复议机构", 全州县) is the text's scope, unless written right after a place above
    that place ("桂林全州"). A prefecture's short name from rules/locate.yaml ("巴州") is that
    prefecture when the text names other places of its province more often than places of the
    province of the name's plain reading (巴州区 of 四川)."""
    self_words = set(_rules().self_words)
    kept: list[Mention] = []
    for m in mentions:
        previous = kept[-1] if kept else None
        after_parent = (
            previous is not None
            and previous.end == m.start
            and any(regions.is_within(p, q) for p in m.candidates for q in previous.candidates)
        )
        if m.surface in self_words and not after_parent:
            continue
        kept.append(m)
    return _aliased(text, _children_after(text, kept))


def _children_after(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "阳泉市城区", "某市郊区": a child whose name reads as a word (城区, 郊区, 矿区) and is no
    mention alone is one right after its parent's name."""
    starts = {m.start for m in mentions}
    added = []
    for m in mentions:
        if len(m.candidates) != 1 or m.end in starts:
            continue
        for child in regions.children(m.candidates[0]):
            if text.startswith(child.name, m.end):
                added.append(Mention((child,), m.end, m.end + len(child.name), child.name))
                break
    return sorted([*mentions, *added], key=lambda m: m.start)


def _aliased(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with every occurrence of a listed short name read as its prefecture when the
    text's other places lie in that prefecture's province (see `_local_forms`)."""
    out = list(mentions)
    for alias, name in _rules().aliases:
        if alias not in text:  # most texts name none of them (and then nothing changes)
            continue
        target = regions.lookup(name)[0]
        spots = [match.span() for match in re.finditer(re.escape(alias), text)]
        singles = [m.candidates[0] for m in mentions if len(m.candidates) == 1 and m.surface != alias]
        plain = {p.province for m in mentions if m.surface == alias for p in m.candidates}
        own = sum(1 for p in singles if p.province == target.province)
        rival = max((sum(1 for p in singles if p.province == other) for other in plain), default=0)
        if not spots or own <= rival:
            continue
        inside = [m for m in out if any(m.start < end and start < m.end for start, end in spots)]
        keep = [m for m in inside if m.surface != alias]  # a longer name holding the alias stays
        covered = {at for m in keep for at in range(m.start, m.end)}
        out = [m for m in out if m not in inside or m in keep]
        out += [Mention((target,), a, b, alias) for a, b in spots if a not in covered]
    return sorted(out, key=lambda m: m.start)


def _joined(text: str, mention: Mention, ends: set[int]) -> bool:
    """ "乡镇和县直部门", "市和县两级": a name whose one-character stem is a joining word ("和县"),
    written right after another word, is that word and a level word. Right after a place name
    ("马鞍山市和县") or at a line's or clause's start it is the place."""
    surface = mention.surface
    if len(surface) != 2 or surface[0] not in _rules().joining_characters or regions.short_name(surface):
        return False
    before = text[mention.start - 1 : mention.start]
    return bool(re.match(r"[\u4e00-\u9fff]", before)) and mention.start not in ends


PROVINCE_SELF_WORD = "省"  # 全省 / 我省
RELATED_TRIM = " \t:：>》【】[]"  # "相关新闻:", "【相关新闻】" stand for the marker too
MIN_NAMED_TIMES = 2  # a county named this often, with its bodies quoted, is a regional paper's subject
MIN_PLACES_WITHIN_PAPER = 2  # places of a province's paper's own province named in its story


_Usable = list[tuple[Mention, tuple[Place, ...], int]]  # a mention, the places it may denote, its line


def _evidence(text: str, lines: list[_Line], ignored: set[int]) -> tuple[list[Mention], list[Mention], _Usable]:
    """(every place mention, those in a newspaper's name or a dateline, the rest that count as evidence with
    their places settled as far as the text allows and their line, outside ignored lines)."""
    if not lines:
        return [], [], []
    starts = [line.start for line in lines]
    mentions = _local_forms(text, regions.find_mentions(text))
    mentions = sorted([*mentions, *_paper_mentions(text, mentions)], key=lambda m: m.start)
    ends = {m.end for m in mentions}
    every = [m for m in mentions if not _joined(text, m, ends) and not _names_a_township(text, m)]
    papers = [m for m in every if _not_evidence(text, m)]
    found = [m for m in every if m not in papers]
    by_line = [lines[bisect_right(starts, m.start) - 1].index for m in found]
    context = Counter(m.candidates[0] for m in every if len(m.candidates) == 1)
    resolved = [(m, _resolve(m, found[i - 1] if i else None, context)) for i, m in enumerate(found)]
    return (
        every,
        papers,
        [(m, places, at) for (m, places), at in zip(resolved, by_line, strict=True) if at not in ignored],
    )


def _jurisdiction(
    text: str,
    lines: list[_Line],
    title: _Title | None,
    tail: Sequence[_Line],
    evidence: tuple[list[Mention], list[Mention], _Usable],
) -> _Choice:
    if not lines:
        return _Choice()
    every, papers, usable = evidence
    # the signature closes the text: only lines after its first sentence (a short news item's
    # tail is also its head)
    prose = next((line.index for line in lines if "。" in line.text), -1)
    signature = {line.index for line in tail if line.index > prose and _is_signature(line.text)}
    if sum(bool(VALUE_CELL_RE.match(line.text)) for line in tail) >= TABLE_TAIL_CELLS:
        signature = set()  # "北关 / 10 / 59 / 69 / 74": a table written one cell per line ends the text, unsigned
    if title is not None:
        # ("…检查我市贯彻实施《四川省法律援助条例》情况": the province named by the law the text cites)
        in_title = [(m, places) for m, places, at in usable if at in title.indices and not _in_cited_rule(text, m)]
        if zone := _zone_title(title, in_title):
            return _Choice(zone=zone)  # "大鹏新区2022年…报告", "珠海高新区…": a zone's report is no division's
        about = title.text.find(ABOUT)
        after = [(m, places) for m, places in in_title if about >= 0 and m.start - title.start > about]
        choice = _most_specific(after or in_title)
        if choice.candidates:
            return choice
    choice = _most_specific([(m, places) for m, places, at in usable if at in signature])
    if choice.candidates:
        return choice
    self_counts = _self_counts(text, frozenset(m.end for m in every))
    self_word = self_counts.most_common(1)[0][0] if self_counts else ""  # the level word it uses most for itself
    body = [(m, places) for m, places, _ in usable]
    signed = " ".join(line.text for line in lines if line.index in signature)
    if not self_word and _is_national(text, lines, title, body, signed):
        nation = regions.by_adcode(NATIONAL_CODE)
        return _Choice((nation,), nation.name) if nation else _Choice()
    unquoted = [(m, places) for m, places in body if not _in_book_title(text, m)]
    # "全市 … 市政府新闻办 …": the unnamed bodies of a level name the text too, and outweigh a level word the
    # text uses for its parent ("区司法局 …" five times beside "全市…评选" three times: the district's text)
    bodies = _self_bodies(text, every)
    levels = self_counts + bodies
    self_word, self_count = levels.most_common(1)[0] if levels else ("", 0)
    provincial_paper = _provincial_paper(papers, unquoted, self_word)
    if provincial_paper is not None:
        return provincial_paper
    enclosing = _enclosing(unquoted, self_word, self_count)
    if enclosing is not None:
        return enclosing
    bodied = frozenset(p[0] for m, p in unquoted if len(p) == 1 and _names_own_body(text, m))
    choice = _most_frequent(unquoted, self_word, body, self_count, _superiors(text, every), bodied)
    choice = _district_spoken_for(choice, unquoted, bodies)
    heading = {line.index for line in lines if line.index < prose and not NAVIGATION_RE.search(line.text)}
    masthead = _most_specific([(m, places) for m, places, at in usable if at in heading])
    if choice.place is None and masthead.place is not None:
        choice = masthead
    elif _below_fitting(masthead.place, choice.place, self_word):
        # "——武冈市司法局2022年工作回顾" above a body naming 邵阳市 as its superior four times
        choice = masthead
    elif _below_fitting(led := _led_subject(text, body), choice.place, self_word):
        # "在盐城市委、市政府的坚强领导下,东台市坚持…": the place led is the text's
        choice = _Choice((led,), led.name) if led else choice
    named = Counter(places[0] for _, places in unquoted if len(places) == 1)
    # a place fitting the self word but named less often than the text names itself
    once = choice.place is not None and choice.place.name.endswith(self_word) and named[choice.place] < self_count
    # ("另据岑溪市司法局统计,去年全市…" in a city paper: named before its own body, the place its 全市 speaks of)
    if self_word and (choice.place is None or (once and choice.place not in bodied)):
        # "衡阳日报 … 全市 … 耒阳市的知识产权工作获激励": a county named in passing under the
        # paper's city, which the text calls 全市 more often, is no more than an example
        paper = _paper_place(papers, self_word)
        if paper is not None and (choice.place is None or regions.is_within(choice.place, paper.place)):
            choice = paper
    if self_word and choice.place is not None and not choice.place.name.endswith(self_word):
        # "全市 … 除东阿县法律援助中心外,其余七个县(市、区)…": a county named less often than the text names
        # itself is an example of the place above it that fits the self word
        choice = _fitting_parent(choice, self_word, named, self_count)
    if (
        self_word == "区"
        and (not (choice.place and choice.place.name.endswith(self_word)) or once)
        and not (_speaks_for(choice.place, bodies, named))
    ):
        # "我区 … 自治区市场监管厅 … 银川市居全区首位": 区 is the autonomous region; so is it
        # when the one district named is an example ("拉萨市城关区某街道上线平台")
        region = _region(text, every, unquoted, papers)
        if region is not None and (choice.place is None or regions.is_within(choice.place, region.place)):
            choice = region
    if _above_self(choice.place, self_word) or _outside_own_region(choice.place, self_word):
        return _Choice()
    if choice.place is None and self_word:
        # "我市召开…会议" naming no place but the site's host in the footer ("主办:雅安市人民政府办公室")
        choice = _site_host(text, lines, every, self_word) or choice
    elif choice.place is not None and self_word and f"{FIRST_PERSON}{self_word}" in text:
        # "来源:遂昌县人民法院" over "我县…松阳县人民法院院长…松阳法院审结涉遂昌县…": a text speaking as 我县 is its
        # publisher's, however often it names the court of the county next door
        choice = _site_host(text, lines, every, self_word, _rules().source_markers) or choice
    return choice


def _names_own_body(text: str, mention: Mention) -> bool:
    """A place's name right before one of its own bodies ("青田县|人民法院", "河西|法院", "浙江省|司法厅")."""
    rules = _rules()
    return text[mention.end : mention.end + HOST_BODY_SPAN].startswith((*rules.self_bodies, *rules.named_bodies))


def _site_host(
    text: str, lines: list[_Line], every: list[Mention], self_word: str, markers: tuple[str, ...] = ()
) -> _Choice | None:
    """The government body hosting the site, named in a footer line ("主办:雅安市人民政府办公室"), or the body a
    source line names (`markers`: "来源:遂昌县人民法院"), when it is one place fitting the text's self word; no
    newspaper ("主办:某某日报社") is a host here."""
    markers = markers or _rules().host_markers
    hosts = [line for line in lines if any(marker in line.text for marker in markers)]
    found = set()
    for line in hosts:
        end = line.start + len(line.text)
        for mention in every:
            if line.start <= mention.start < end and _names_own_body(text, mention):
                found.update(p for p in mention.candidates if p.name.endswith(self_word))
    if len(found) != 1:
        return None
    place = found.pop()
    return _Choice((place,), place.name)


def _outside_own_region(place: Place | None, self_word: str) -> bool:
    """A text speaking of its own bodies as 自治区… ("自治区人民政府办公厅") is one autonomous region's: a place
    named that lies in none (a spam line's "香港") is not the text's."""
    if place is None or self_word != REGION_WORD:
        return False
    return not any(p.name.endswith(REGION_WORD) for p in (place, *regions.ancestors(place)))


def _district_spoken_for(
    choice: _Choice, found: list[tuple[Mention, tuple[Place, ...]]], bodies: Counter[str]
) -> _Choice:
    """An autonomous region chosen for a text that names one of its districts twice and quotes that
    district's bodies ("南宁市兴宁区… 区综治中心… 区法院… 全区"): the district's text (the region's
    bodies are written 自治区…)."""
    if choice.place is None or not choice.place.name.endswith(REGION_WORD):
        return choice
    named = Counter(places[0] for _, places in found if len(places) == 1)
    spoken = [p for p in named if regions.is_within(p, choice.place) and _speaks_for(p, bodies, named)]
    if len(spoken) != 1:
        return choice
    return _Choice((spoken[0],), next(m.surface for m, places in found if places == (spoken[0],)))


def _zone_title(title: _Title, in_title: list[tuple[Mention, tuple[Place, ...]]]) -> str:
    """The functional zone issuing a title ("大鹏新区2022年法治政府建设年度报告", "珠海高新区…") that is no division of
    the gazetteer (滨海新区 and 浦东新区 are districts), or ""; a division named after the zone ("高新区(新市区)")
    makes the title that division's."""
    match = _rules().zone_title_re.match(title.text)
    if match is None or regions.lookup(match.group(1)):
        return ""
    return match.group(1) if all(m.start - title.start < match.end(1) for m, _ in in_title) else ""


def _speaks_for(place: Place | None, bodies: Counter[str], named: Counter[Place]) -> bool:
    """A county named twice or more whose unnamed bodies the text quotes ("同心县…据县司法局统计"): a regional
    paper's item on that county, whatever its "我区" says of the region."""
    if place is None or place.level != "county":
        return False
    return named[place] >= MIN_NAMED_TIMES and bodies[place.name[-1]] > 0


def _region(
    text: str, every: list[Mention], found: list[tuple[Mention, tuple[Place, ...]]], papers: list[Mention]
) -> _Choice | None:
    """The autonomous region a text saying 全区/我区 is about when it names unnamed 自治区 bodies
    ("自治区市场监管厅"): the region named, or above the places named, or in the paper's name."""
    named = {at for m in every for at in range(m.start, m.end)}
    if not any(match.start() not in named for match in re.finditer(REGION_WORD, text)):
        return None
    singles = [places[0] for _, places in found if len(places) == 1]
    singles += [m.candidates[0] for m in papers if len(m.candidates) == 1]
    regions_named: Counter[Place] = Counter(
        p for place in singles for p in (place, *regions.ancestors(place)) if p.name.endswith(REGION_WORD)
    )
    ranked = regions_named.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return _Choice((ranked[0][0],), ranked[0][0].name)


def _led_subject(text: str, found: list[tuple[Mention, tuple[Place, ...]]]) -> Place | None:
    """The place right after a leadership clause ("在XX市委…领导下,万源市…"), or None."""
    for match in LED_RE.finditer(text):
        for mention, places in found:
            if len(places) == 1 and match.end() <= mention.start <= match.end() + 1:
                return places[0]
    return None


def _below_fitting(heading: Place | None, body: Place | None, self_word: str) -> bool:
    """True when a place named in a telling spot (above the first sentence, or right after a
    leadership clause) lies below the one the body names most and fits the text's self word:
    the body's place is its superior."""
    if heading is None or body is None or heading == body or not regions.is_within(heading, body):
        return False
    # "阳泉市城区:…" over a body naming 阳泉市, where 全省 is the province's meeting: a self
    # word that fits neither place says nothing between them
    return not self_word or heading.name.endswith(self_word) or not body.name.endswith(self_word)


def _above_self(place: Place | None, self_word: str) -> bool:
    """True when a text says "全县"/"全区" of itself and the place found is above any place that
    word can denote (北京市 for "全区", 遵义市 for "全县"): the text's own place is unnamed."""
    if place is None or not self_word or place.name.endswith(self_word):
        return False
    lowest = SELF_LOWEST_LEVEL.get(self_word)
    return lowest is not None and LEVELS.index(place.level) < LEVELS.index(lowest)


def _enclosing(found: list[tuple[Mention, tuple[Place, ...]]], self_word: str, self_count: int) -> _Choice | None:
    """ "全省 … 济南、临沂、淄博…", "全市 … 章贡区、南康区…": when no place named fits the
    text's self-reference, the one place above at least two of those named that fits it; None
    when there is none, or when one place below it is named more often than any other and than
    the text names itself (a city paper's story on one of its counties)."""
    counts = Counter(places[0] for _, places in found if len(places) == 1)
    if not self_word or any(p.name.endswith(self_word) for p in counts):
        return None
    cover: Counter[Place] = Counter(
        above for place in counts for above in regions.ancestors(place) if above.name.endswith(self_word)
    )
    ranked = cover.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    best = ranked[0][0]
    top = counts.most_common(2)
    focus = top[0][1] > self_count and (len(top) == 1 or top[0][1] > top[1][1])
    if focus and regions.is_within(top[0][0], best):
        return None
    return _Choice((best,), best.name)


def _fitting_parent(choice: _Choice, self_word: str, named: Counter[Place], self_count: int) -> _Choice:
    """The place above `choice` whose name fits the self word, when the text names itself more often than it
    names `choice`; `choice` otherwise."""
    if choice.place is None:
        return choice
    # (only for a place named by its short name: "宁乡市…县司法局" names today's city in full)
    former = _former_under_level_word(choice.place, self_word) if choice.surface != choice.place.name else None
    if former is not None:
        return _Choice((former,), former.name)  # "海门…全市…" in a 2017 paper: 海门市, before it became 海门区
    if named[choice.place] >= self_count:
        return choice
    parent = next((a for a in regions.ancestors(choice.place) if a.name.endswith(self_word)), None)
    return _Choice((parent,), parent.name) if parent is not None else choice


def _former_under_level_word(place: Place, self_word: str) -> Place | None:
    """The place's former self under the level word the text uses ('海门' with '全市': 海门市, a county-level city
    until it became 海门区 in 2020), in the same parent; None when there is none."""
    short = regions.short_name(place.name)
    if not short:
        return None
    return next(
        (p for p in regions.lookup(short + self_word) if p.adcode != place.adcode and p.parent == place.parent), None
    )


def _provincial_paper(
    papers: list[Mention], found: list[tuple[Mention, tuple[Place, ...]]], self_word: str
) -> _Choice | None:
    """A province's paper ("来源:甘肃日报") on "全省/我省", naming places of that province ("肃北县、庄浪县") beside
    other provinces in passing ("河南律师…"): the paper's province. Only for a province's self word: a city
    paper naming two towns may be writing about one of its counties."""
    if self_word != PROVINCE_SELF_WORD:
        return None
    paper = _paper_place(papers, self_word)
    if paper is None or paper.place is None or paper.place.level != "province":
        return None
    within = {places[0] for _, places in found if len(places) == 1 and regions.is_within(places[0], paper.place)}
    return paper if len(within - {paper.place}) >= MIN_PLACES_WITHIN_PAPER else None


def _paper_place(papers: list[Mention], self_word: str) -> _Choice | None:
    """With nothing else to go on, "全省"/"我市" in a paper's story are the paper's own place
    ("河北日报讯 … 全省…")."""
    fitting = Counter(
        m.candidates[0] for m in papers if len(m.candidates) == 1 and m.candidates[0].name.endswith(self_word)
    )
    if not fitting and self_word == PROVINCE_SELF_WORD:
        # "西宁晚报 … 全省各级法律援助机构…": a city's paper on 全省 writes of its province
        fitting = Counter(_province_of(m.candidates[0]) for m in papers if len(m.candidates) == 1)
        fitting.pop(None, None)
    if not fitting:
        return None
    place = fitting.most_common(1)[0][0]
    return _Choice((place,), place.name)


def _province_of(place: Place) -> Place | None:
    """The province-level place holding `place` (itself when it is one)."""
    return next((p for p in (place, *regions.ancestors(place)) if p.level == "province"), None)


def _superiors(text: str, mentions: list[Mention]) -> frozenset[Place]:
    """Places named as someone's superior: "达州市委", "在达州市…的坚强领导下"; not a text's own
    party committee leading the text's own bodies ("在中共盐城市委的坚强领导下,市政府…")."""
    return frozenset(
        m.candidates[0]
        for m in mentions
        if len(m.candidates) == 1
        and (text[m.end : m.end + 1] == "委" or SUPERIOR in text[m.end : m.end + 16])
        and not _leads_itself(text, m)
    )


def _leads_itself(text: str, mention: Mention) -> bool:
    """True when the leadership clause after `mention` is followed by the text's own words
    ("…领导下,市政府坚持…", "…领导下,全市…"): the place led is the text's, unnamed."""
    match = LED_RE.search(text, mention.end, mention.end + SUPERIOR_SPAN)
    if match is None:
        return False
    after = text[match.end() : match.end() + SELF_SPAN]
    rules = _rules()
    level = mention.candidates[0].name[-1]
    return after.startswith(tuple(w for w in rules.self_words if w.endswith(level))) or any(
        after.startswith(level + body) for body in rules.self_bodies
    )


def _in_book_title(text: str, mention: Mention) -> bool:
    """True inside 《…》: a document's title names its issuer ("执行《海口市…规则》"), not the
    reporting place."""
    before = text[text.rfind("\n", 0, mention.start) + 1 : mention.start]
    return before.count("《") > before.count("》")


def _in_cited_rule(text: str, mention: Mention) -> bool:
    """True inside the 《》 of a law, regulation or plan the text cites ("《四川省法律援助条例》"); a report's own
    title quoted in a headline ("发布《北京市2022年法治政府建设年度报告》") names its place."""
    if not _in_book_title(text, mention):
        return False
    closing = text.find("》", mention.end)
    return closing >= 0 and text[:closing].endswith(_rules().cited_rule_endings)


def _is_signature(line: str) -> bool:
    """A short closing line without a sentence, and not a table row nor a label ("同期声:海口市民 冯先生", a
    speaker's caption inside a short news item)."""
    short = len(line) <= SIGNATURE_MAX and not any(mark in line for mark in ("。", "|", "\t", ":", "："))
    return short and not _is_caption(line) and not _is_writer_credit(line) and not _is_headline(line)


def _is_headline(line: str) -> bool:
    """'既要“面子新”又要“里子实” 大武口老旧小区改造暖民心' under a news item: a related item's headline, longer than a
    signature and not ending as one does (a body, a credit, a bracket or a date)."""
    rules = _rules()
    body = line.strip()
    if len(body) <= SIGNATURE_PLAIN_MAX or body.endswith((")", "）", "]", "】", "日")):
        return False
    if any(word in body for word in rules.credit_words):
        return False
    return not body.endswith((*rules.signature_endings, *rules.self_bodies))


def _is_writer_credit(line: str) -> bool:
    """'(甘泉)' closing a news item: a bare name in brackets, without a level word, credits its writer (a place
    signing a text is written in full: '(某县司法局)', '(甘泉县)')."""
    credit = WRITER_CREDIT_RE.match(line)
    return credit is not None and not regions.short_name(credit.group(1))


def _is_caption(line: str) -> bool:
    """'丹东市司法局行政复议接待窗口' under a photo: a body's name going on with other words (not a date, not a part
    of the body such as 办公室), no signature."""
    rules = _rules()
    ends = [line.rfind(body) + len(body) for body in rules.self_bodies if body in line]
    if not ends:
        return False
    rest = line[max(ends) :].strip(" )]）】")
    if len(rest.replace(" ", "")) <= NAME_MAX:
        return False  # '(讷河市司法局 王丽)': the body, then its writer's name (ingest may drop the space)
    return bool(rest) and not rest[0].isdigit() and not rest.endswith(rules.signature_endings)


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
    text: str,
    lines: Sequence[_Line],
    title: _Title | None,
    body: list[tuple[Mention, tuple[Place, ...]]],
    signed: str = "",
) -> bool:
    """A text about the whole country: a national body's own report (its name in the title or
    the signature), a news item whose first lines quote a national body ("司法部:上半年…",
    "国务院新闻办公室今天举行…") and that names no local place, or national figures announced
    in the first lines or twice, and no local place named as often; provinces compared with
    each other ("广东、江苏居前") are parts of the country, not a local place."""
    bodies = _rules().national_bodies
    if any(b in where for b in bodies for where in (title.text if title else "", signed)):
        return True
    head = "\n".join(line.text for line in lines[:HEAD_NATIONAL_LINES])
    local = Counter(places[0] for _, places in body if len(places) == 1)
    provinces = [p for p in local if p.level == "province"]
    if len(provinces) >= 2:
        local = Counter({p: n for p, n in local.items() if p.level != "province"})
    if not local and any(b in head for b in bodies):
        return True
    # "…司法部微信公众号发布消息说,…司法部说,…" quoting a national body again and again, no local place named twice
    quoted = len(_rules().national_bodies_re.findall(text)) if bodies else 0
    if quoted >= MIN_NATIONAL_QUOTES and max(local.values(), default=0) < MIN_NATIONAL_QUOTES:
        return True
    total = _national_count(text)
    if not (_national_count(head) or total >= 2):
        return False
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


def _self_counts(text: str, named_ends: frozenset[int] = frozenset()) -> Counter[str]:
    """How often a report names itself, by level word ("市" for 我市/全市); a comparison with the
    superior ("居全省前列", "被评为全省…先进单位") is not the text naming itself, nor a self word right
    after a place's name (`named_ends`: "湖北全省法院每年收案…" in a district court's study is the
    province's whole)."""
    counts: Counter[str] = Counter()
    for word in _rules().self_words:
        counts[word[-1]] += sum(
            not _compared(text, match) and match.start() not in named_ends for match in re.finditer(word, text)
        )
    return +counts


def _compared(text: str, match: re.Match[str]) -> bool:
    """ "居全省前列", "全市第一", "被评为全省…": a self word ranking the place within its
    superior; "在全省…会上": the superior's meeting."""
    rules = _rules()
    if text[match.end() :].startswith(rules.rank_words):
        return True
    clause = re.split(r"[,,。;;]", text[match.end() : match.end() + MEETING_SPAN], maxsplit=1)[0]
    if text[max(0, match.start() - 1) : match.start()] == "在" and any(w in clause for w in rules.meeting_words):
        return True  # "在全省调解工作推进会上": the superior's meeting, where the place spoke
    window = HONOUR_GAP + max(map(len, rules.honour_words), default=0)
    before = text[max(0, match.start() - window) : match.start()]
    return any(word in before for word in rules.honour_words) or before.endswith(("居", "高于", "低于"))


def _self_bodies(text: str, mentions: Sequence[Mention]) -> Counter[str]:
    """How often the text quotes unnamed bodies ("从县法院获悉", "市政府印发"), by level word. A
    body after a place name ("平阳县法院") is that place's, not the text's own; one of 自治区
    ("自治区司法厅") is the region's, counted as 自治区, never as a district's 区."""
    bodies = "|".join(map(re.escape, sorted(_rules().self_bodies, key=len, reverse=True)))
    named = {at for m in mentions for at in range(m.start, m.end)}
    return Counter(
        REGION_WORD if text.endswith(REGION_WORD, 0, match.end(1)) else match.group(1)
        for match in re.finditer(rf"([市区县省州旗盟])(?:{bodies})", text)
        if match.start() not in named and not _many_bodies(text, match.start())
    )


def _many_bodies(text: str, at: int) -> bool:
    """ "14个区政府有败诉案件", "各区政府", "其余14个区的区政府": bodies of many places, none the text's own."""
    before = text[max(0, at - 1) : at]
    return bool(before) and (before in _rules().plural_before_body or before.isdigit())


def _most_frequent(
    found: list[tuple[Mention, tuple[Place, ...]]],
    self_word: str,
    quoted: list[tuple[Mention, tuple[Place, ...]]] | None = None,
    self_count: int = 0,
    superiors: frozenset[Place] = frozenset(),
    bodied: frozenset[Place] = frozenset(),
) -> _Choice:
    """The place named most often in the body, among those whose name ends with the report's
    self-reference ("我市" -> a 市); a place below it named more often wins (a city paper on one
    of its counties), and more often than the report names itself ("我市" six times with 溧阳市
    named twice is 常州's report, unless 常州 is named as the superior: "在常州市委…领导下");
    ties go to the more specific. Names inside 《》 count only when nothing
    else fits (`quoted` holds every mention, those inside 《》 too). Needs two mentions, or
    one and a self-reference, or one naming the place's own body ("青田县人民法院", `bodied`) in a text naming
    no other place (not "东莞市清溪镇人民政府", a town's, nor "某省法律援助基金会")."""
    counts = Counter(places[0] for _, places in found if len(places) == 1)
    every = Counter(places[0] for _, places in quoted or found if len(places) == 1)
    fitting = Counter({p: n for p, n in counts.items() if self_word and p.name.endswith(self_word)})
    fitting_quoted = Counter({p: n for p, n in every.items() if self_word and p.name.endswith(self_word)})
    pool = fitting or fitting_quoted or counts or every
    counts = counts or every
    found = quoted or found
    if pool:
        # (a tie goes to a place named before one of its own bodies: "浙江省司法厅" over "辽宁大车司机")
        place, count = max(pool.items(), key=lambda item: (item[1], LEVELS.index(item[0].level), item[0] in bodied))
        above = [p for p in regions.ancestors(place) if p in pool and p not in superiors]
        if above and count <= self_count:  # 溧阳市 named twice in a report saying 我市 six times
            place, count = above[0], pool[above[0]]
        floor = max(every[place], self_count)
        below = Counter({p: n for p, n in counts.items() if n > floor and regions.is_within(p, place)})
        if below:
            place, count = max(below.items(), key=lambda item: (item[1], LEVELS.index(item[0].level)))
        # one mention is enough with a self-reference, or naming its own body as the only place the text names
        alone = len(every) == 1 and place in bodied and all(len(places) == 1 for _, places in found)
        if count >= 2 or (count == 1 and (self_word or alone)):
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
        # "达川区人民政府2017年政府工作报告": given at the 2017 congress, it reviews 2016
        delivered = any(title.text.rstrip().endswith(word) for word in _rules().delivered_report_titles)
        return int(match.group(1)) - delivered
    stated = _stated_year(lines)
    dated = _dated_year(lines, head, tail, text)
    lead = _this_year_lead(lines)
    # "今年以来,全市…3955件" opening a news item published in November: that year, even when an
    # older year's total is quoted further down ("据统计,2019年全市…")
    if (
        dated is not None
        and dated.this_year is not None
        and lead is not None
        and (stated is None or lead < stated.offset)
    ):
        return dated.this_year
    # "2025年第一季度,科室共受理…56件" or "截至2022年5月31日,…共收到72件" in a text published
    # in that year after February: the current period, written with its year, before any other
    # year stated ("2024年全年,…183件" further down)
    current = _current_part(lines, dated.this_year) if dated is not None else None
    if current is not None and (stated is None or current < stated.offset):
        return dated.this_year
    # "2022年1-9月全市法院行政案件收案情况分析" atop an undated text that quotes "2021年全年,…" further down:
    # the year of the part it reports on
    part = _leading_part_year(lines)
    if dated is None and part is not None and (stated is None or part.offset < stated.offset):
        return part.year
    # "本报告对2014年至2019年…数据进行分析" opening an undated study: its figures run to the
    # span's last year; the first year stated ("2014年,全省…") is only where the series starts
    span = _opening_span(lines)
    if dated is None and stated is not None and span is not None and span[0] <= stated.year < span[1]:
        return span[1]
    if stated is None and (edition := _yearbook_edition(head)) is not None:
        return edition - 1
    # "其中2022年受理…74件" in a white paper's news of July 2023 that writes 2023 nowhere else
    figure = _figure_year(lines, dated.published if dated else None) if stated is None else None
    if figure is not None and (dated is None or not _written_in_body(dated.published, lines)):
        return figure
    if stated is None and dated is None:
        return _year_before_plans(lines)
    if stated is None or dated is None:
        return stated.year if stated is not None else (dated.year if dated else None)
    # A year stated in the text is the report's when the dates allow it (a report published in 2022 is on
    # 2021 or 2022); an older one is an event's ("2019年,我市政务公开位居全省第4名" in a 2020-12 review),
    # unless the year the dates give is written nowhere in the text (a census of 2018 published in 2020-03).
    if dated.published - 1 <= stated.year <= dated.published:
        return stated.year
    # "2021年,钟山县信访总量…" recalled in an item of 2025-12 whose figures are 今年's ("今年1月至10月,
    # 全县…"): the current year, not the year recalled
    if lead is not None and stated.year < dated.published - 1 and _dated_only_when_published(lines, dated):
        return dated.year
    # "编者按:2009年,山东律师…踏上…征程" opening an item of 2024 whose figures are 2023's ("仅2023年一年,…办理
    # …1106件"): the year the figures are written with, not the history recalled
    if stated.year < dated.published - 1 and (figure := _figure_year(lines, dated.published)) is not None:
        return figure
    # (a damaged date "截至202011月" still writes the year)
    # (nor a site's own 发布时间 line: a 2019 review posted in 2023 writes 2023 only there)
    written = re.compile(rf"(?<!\d){dated.year}")
    unwritten = stated.year < dated.published and not any(
        written.search(line.text) and not _is_date_line(line.text) for line in lines
    )
    return stated.year if unwritten else dated.year


def _dated_only_when_published(lines: Sequence[_Line], dated: _DatedYear) -> bool:
    """No date line names a year other than the publication's (a meeting of 2015 posted in 2016 does)."""
    return all(d.year == dated.published for line in lines if _is_date_line(line.text) for d in _dates(line.text))


def _year_before_plans(lines: Sequence[_Line]) -> int | None:
    """'三、2023年工作打算' heading the plans of a text that dates itself nowhere else: it reports on 2022."""
    plans = (_rules().plan_heading_re.match(line.text) for line in lines)
    return next((int(match.group(1)) - 1 for match in plans if match), None)


def _written_in_body(year: int, lines: Sequence[_Line]) -> bool:
    """True when a line other than a date line writes `year` ("新修订的行政诉讼法于2015年5月1日施行")."""
    pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    return any(pattern.search(line.text) and not _is_date_line(line.text) for line in lines)


@dataclass(frozen=True)
class _DatedYear:
    year: int  # the year the dates make the report's
    published: int  # the year of the first publication, meeting or signature date
    this_year: int | None = None  # the year a 今年 in the text denotes, when the dates tell it


@dataclass(frozen=True)
class _Stated:
    year: int
    offset: int  # where in the text it is stated


def _opening_span(lines: Sequence[_Line]) -> tuple[int, int] | None:
    """The span of years the first sentence of the text covers ("2014年至2019年"), or None; not a span in a
    cited title ("《法治政府建设实施纲要(2021—2025年)》" names a plan, not what the text covers)."""
    first = next((line for line in lines if "。" in line.text), None)
    sentence = first.text.split("。", 1)[0] if first is not None else ""
    match = SPAN_RE.search(BOOK_TITLE_RE.sub("", sentence))
    if match is None or int(match.group(1)) >= int(match.group(2)):
        return None
    return int(match.group(1)), int(match.group(2))


def _current_part(lines: Sequence[_Line], year: int | None) -> int | None:
    """Where the text first gives figures for a part of `year` written with the year
    ("2025年第一季度,…56件", "截至2022年5月31日,…72件"), or None; not a plan."""
    if year is None:
        return None
    pattern = re.compile(
        rf"(?:(?:截至|截止)\s*{year}\s*年\s*\d{{1,2}}\s*月(?:底|末|\s*\d{{1,2}}\s*日)?"
        rf"|(?<![\d比较与同于至到—\-~]){year}\s*年\s*(?:第一季度|一季度|上半年|前三季度"
        rf"|1\s*月?(?:\s*\d{{1,2}}\s*日)?\s*[-~—至到]\s*\d{{1,2}}\s*月))"
    )
    # "2021年1月25日至11月25日,自治区司法厅在全区开展…专项行动": a span of the year from January, whose
    # figures may follow in a later paragraph ("专项行动期间,…受理调解各类纠纷62418件")
    dated_span = re.compile(rf"(?<![\d比较与同于至到—\-~]){year}\s*年\s*1\s*月\s*\d{{1,2}}\s*日\s*(?:[-~—至到])")
    # "上半年共排查各类纠纷20130起" with no year: the current part too, not after 去年/2018年
    bare = re.compile("|".join(map(re.escape, _rules().part_year_words)))
    for line in lines:
        found = [*pattern.finditer(line.text)]
        for match in bare.finditer(line.text):
            before = line.text[max(0, match.start() - 5) : match.start()]
            if not PAST_PERIOD_RE.search(before) and not re.search(r"\d\s*年$|今年$", before):
                found.append(match)
        for match in sorted(found, key=lambda m: m.start()):
            sentence = re.split(r"[。;;]", line.text[match.end() :], maxsplit=1)[0]
            if _is_plan(sentence):
                continue
            if FIGURE_RE.search(sentence[:FIGURE_WINDOW]) or dated_span.match(line.text, match.start()):
                return line.start + match.start()
    return None


def _leading_part_year(lines: Sequence[_Line]) -> _Stated | None:
    """The first line opening with part of a year ("2022年1-9月全市…", "2023年上半年,…"), or None."""
    for line in lines:
        if match := LEADING_PART_RE.match(line.text):
            return _Stated(int(match.group(1)), line.start + match.start(1))
    return None


def _this_year_lead(lines: Sequence[_Line]) -> int | None:
    """Where the text first gives figures for the current year ("今年以来,…3955件", "今年上半年
    …29.2万件") or speaks of itself in it ("今年以来,全区各地…"), or None. Plans ("今年将…")
    and a sentence on others ("今年以来多地…") are not the text's period."""
    for line in lines:
        for match in THIS_YEAR_PERIOD_RE.finditer(line.text):
            sentence = re.split(r"[。;;]", line.text[match.end() :], maxsplit=1)[0]
            past = PAST_PERIOD_RE.search(line.text[max(0, match.start() - 4) : match.start()])
            own = FIGURE_RE.search(sentence) or any(word in sentence for word in _rules().self_words)
            if not past and own and not _is_plan(sentence):
                return line.start + match.start()
    return None


def _figure_year(lines: Sequence[_Line], published: int | None) -> int | None:
    """The latest year written right before a figure ("其中2022年受理一审行政案件74件",
    "败诉率2023年为17.3%,2024年降至6.2%", "截至2023年9月底,全国…1.81亿户"), not a comparison
    ("比2019年的6.21万件") nor an event ("2016年…印发…"); with a publication date, only the
    publication year or the one before."""
    found = []
    for line in lines:
        for pattern in (FIGURE_YEAR_RE, AS_OF_YEAR_RE):
            for match in pattern.finditer(line.text):
                rest = line.text[match.end() :]
                clause = re.split(r"[,,;;。]", rest.lstrip(LEAD_PUNCTUATION), maxsplit=1)[0]
                scope = re.split(r"[;;。]", rest, maxsplit=1)[0] if pattern is AS_OF_YEAR_RE else clause
                if FIGURE_RE.search(scope[:FIGURE_WINDOW]) and not _is_event(clause) and not _is_plan(scope):
                    found.append(int(match.group(1)))
        found += _that_year(line.text)
    if published is not None:
        found = [year for year in found if published - 1 <= year <= published]
    return max(found, default=None)


def _that_year(text: str) -> list[int]:
    """ "…于2024年初施行,当年全国新收…74.96万件": 当年 before a figure is the year last written
    before it in the sentence."""
    out = []
    for match in re.finditer(THAT_YEAR, text):
        start = max(text.rfind(mark, 0, match.start()) for mark in "。;;")
        years = re.findall(rf"(?<!\d)({YEAR})\s*年", text[start + 1 : match.start()])
        clause = re.split(r"[,,;;。]", text[match.end() :], maxsplit=1)[0]
        if years and FIGURE_RE.search(clause[:FIGURE_WINDOW]) and not _is_plan(clause):
            out.append(int(years[-1]))
    return out


def _is_event(after: str) -> bool:
    """True when the first clause after a year dates an event ("市委办公厅印发…", "我市被评为…")."""
    clause = re.split(r"[,,;;。]", after.lstrip(LEAD_PUNCTUATION), maxsplit=1)[0]
    return any(word in clause for word in _rules().event_words)


def _yearbook_edition(head: Sequence[_Line]) -> int | None:
    """The edition year of a yearbook named in the first lines, or None."""
    for line in head[:3]:
        if len(line.text) <= SIGNATURE_MAX and (match := YEARBOOK_RE.search(line.text)):
            return int(match.group(1))
    return None


def _speaks_of_this_year(text: str, words: Sequence[str] | None = None) -> bool:
    """True when the text names a period of the current year: 今年, 上半年, 前三季度 … (not
    "去年上半年"); `words` narrows the list."""
    rules = _rules()
    for word in rules.this_year_words + rules.part_year_words if words is None else words:
        for match in re.finditer(re.escape(word), text):
            if not PAST_PERIOD_RE.search(text[max(0, match.start() - 4) : match.start()]):
                return True
    return False


def _is_news(head: Sequence[_Line]) -> bool:
    """A news item: a dateline ("新华社北京5月9日电", "本报济南6月8日讯") or 本报讯/记者 in the first lines."""
    top = "\n".join(line.text for line in head[:4])
    return bool(_rules().dateline_re.search(top)) or "本报讯" in top or "记者" in top


def _current(published: _Date, head: Sequence[_Line], text: str) -> int | None:
    """A news item giving figures as of now ("目前,全国共有…") is of its publication year."""
    if not _is_news(head) or not any(word in text for word in _rules().current_words):
        return None
    return published.year


def _stated_year(lines: list[_Line]) -> _Stated | None:
    """A year opening a line ("2021年,全市…") or stated as the figures' period mid-line ("【行政应诉】2021年,");
    not a plan ("2024年,全市将…") nor an event's date ("2018年,我市被评为…")."""
    for line in lines:
        match = LEADING_YEAR_RE.match(line.text)
        after = line.text[match.end() :] if match else ""
        if match and not _is_plan(after) and not _is_event(after):
            return _Stated(int(match.group(1)), line.start + match.start(1))
    for line in lines:
        for match in STATEMENT_YEAR_RE.finditer(line.text):
            after = line.text[match.end() :]
            described = _described_year(after)
            if _states_period(after[:PLAN_WINDOW]) and not _is_plan(after) and (described or not _is_event(after)):
                return _Stated(int(match.group(1)), line.start + match.start(1))
    return None


def _described_year(after: str) -> bool:
    """ "2024年是新中国成立75周年,也是…的关键之年": a year described as a year of work is the one reviewed,
    whatever anniversary it also names ("2025年是自治区成立60周年。" alone is only the anniversary)."""
    sentence = re.split(r"[。;;]", after, maxsplit=1)[0]
    return sentence.lstrip().startswith(DESCRIBED_YEAR) and any(w in sentence for w in _rules().year_of_work_words)


def _is_plan(after: str) -> bool:
    """True when the sentence after a year or 今年 states a plan ("2024年,全市将…"); the next
    sentence's plans ("…1820件。今年以来,全县将…") are not this one's."""
    return bool(PLAN_RE.search(re.split(r"[。;;]", after, maxsplit=1)[0][:PLAN_WINDOW]))


def _dated_year(lines: list[_Line], head: Sequence[_Line], tail: Sequence[_Line], text: str) -> _DatedYear | None:
    dates = [d for line in [*reversed(tail), *head] if _is_date_line(line.text) for d in _dates(line.text)]
    labelled = [
        d for line in [*head, *tail] if (label := LABEL_RE.search(line.text)) for d in _dates(line.text[label.end() :])
    ]
    labelled += _bracket_dateline_dates(head)
    if not dates and not labelled:
        return None
    first = (labelled or dates)[0]
    this_year = _this_year(first, lines, text) or _part_of_this_year(first, head, text)
    year = this_year or _last_year(first, text) or _current(first, head, text) or _report_year(first)
    # 今年 is the year the text was written: its signature or meeting date before a later
    # publication date ("发布时间:2023-03-08" on a report signed 2022年12月26日)
    written = dates[0] if dates else first
    lead = _this_year(written, lines, text) or _published_this_year(written)
    return _DatedYear(year, first.year, lead)


def _published_this_year(published: _Date) -> int | None:
    """The year 今年 denotes in a text published after February (before, it may be a plan)."""
    return published.year if published.month is not None and published.month > LAST_YEAR_MONTHS else None


def _states_period(after: str) -> bool:
    """True when the words after a year make it the figures' period: a comma, the subject of
    a report ("全市", "该院") or a place ("2022年嘉兴市各级…")."""
    if STATEMENT_FOLLOW_RE.match(after):
        return True
    found = regions.find_mentions(after[:12])
    return bool(found) and found[0].start == len(after) - len(after.lstrip())


def _is_date_line(line: str) -> bool:
    """A publication, meeting or signature line: short, no sentence in it; or a page's stamp with a date and a
    time ("2019-12-25 08:00:00 来源:…网站 作者:… 字号:…", "http://… 2013-12-24 10:32 长城网")."""
    short = len(line) <= SIGNATURE_MAX or LABEL_RE.search(line) is not None
    stamped = any(p.search(line) is not None for p in (DATE_TIME_STAMP_RE, ENDING_DATE_RE, URL_DATE_RE))
    return "。" not in line and (short or stamped)


def _last_year(published: _Date, text: str) -> int | None:
    """A news item on 去年's figures, saying nothing of 今年, is of the year before publication."""
    if _speaks_of_this_year(text) or not LAST_YEAR_RE.search(text):
        return None
    return published.year - 1


def _this_year(published: _Date, lines: Sequence[_Line], text: str) -> int | None:
    """A news item saying 今年 under a dateline ("12月28日,…") is of the year the dateline falls
    in: the publication's year, or the one before when the dateline's month is later."""
    if published.month is None or not _speaks_of_this_year(text):
        return None
    for line in lines:
        match = DATELINE_DAY_RE.search(line.text[:40])
        if match and 1 <= int(match.group(1)) <= 12:
            return published.year if int(match.group(1)) <= published.month else published.year - 1
    return None


def _part_of_this_year(published: _Date, head: Sequence[_Line], text: str) -> int | None:
    """A text on part of the current year ("一季度", "1-9月") is of its publication year, and so is
    a news item saying 今年 (a report's 今年 may be its plans for the next year). Not in January
    or February: no part of that year is over, so the words are plans or last year's."""
    rules = _rules()
    if published.month is None or published.month <= LAST_YEAR_MONTHS:
        return None
    if _speaks_of_this_year(text, rules.part_year_words):
        return published.year
    if _is_news(head) and _speaks_of_this_year(text, rules.this_year_words):
        return published.year
    return None


def _report_year(found: _Date) -> int:
    """A date in Jan-Jun of Y dates a report on Y-1; Jul-Dec (or an unknown month) on Y."""
    return found.year - 1 if found.month is not None and found.month <= 6 else found.year


def _dates(line: str) -> list[_Date]:
    """Dates written in a line, in order; damaged ones keep what is readable."""
    spans: list[tuple[int, _Date]] = []
    taken: list[range] = []
    for pattern, read in _DATE_READERS:
        for match in pattern.finditer(line):
            if any(match.start() in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            spans.append((match.start(), read(match)))
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


# each way a date is written, first to last, and how to read it (a span taken by one is not read again)
_DATE_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Date]], ...] = (
    (FULL_DATE_RE, lambda m: _date(m.group(1), m.group(2), m.group(3))),
    (COMPACT_DATE_RE, lambda m: _date(m.group(1), m.group(2), m.group(3))),
    (MONTH_DATE_RE, lambda m: _date(m.group(1), m.group(2), None)),
    (DAY_FIRST_DATE_RE, lambda m: _date(m.group(3), m.group(2), m.group(1))),
    (URL_DATE_RE, lambda m: _date(m.group(1), m.group(2), m.group(3))),
    (ISSUE_DATE_RE, lambda m: _Date(int(m.group(1)), None, "")),
)


def _bracket_dateline_dates(head: Sequence[_Line]) -> list[_Date]:
    """The date of a paper's bracketed dateline opening a paragraph ("【鹤岗日报2024年1月18日讯】…")."""
    return [d for line in head if (m := BRACKET_DATELINE_RE.match(line.text)) for d in _dates(m.group(0))]


def _published(head: Sequence[_Line], tail: Sequence[_Line]) -> str:
    """ISO date of publication: a labelled date ("发布时间:") first, else the first full date."""
    labelled = [d for line in head if (label := LABEL_RE.search(line.text)) for d in _dates(line.text[label.end() :])]
    labelled += _bracket_dateline_dates(head)
    every = labelled + [d for line in [*head, *tail] if _is_date_line(line.text) for d in _dates(line.text)]
    return next((d.iso for d in every if d.iso), "")


def _written(tail: Sequence[_Line], published: str) -> str:
    """The date a signed text was written: a date alone on one of its last lines ("2023年12月20日" under the
    signature) earlier than its publication ("发布日期:2025-04-30"); its 今年 is that date's year."""
    if not published:
        return ""
    for line in reversed(tail[-WRITTEN_LINES:]):
        dates = _dates(line.text) if len(line.text) <= SIGNATURE_MAX and "。" not in line.text else []
        if dates and dates[0].iso:
            return dates[0].iso if dates[0].iso < published else ""
    return ""


# ---------------------------------------------------------------- the verdict


def _location(choice: _Choice, year: int | None, title: str, published: str) -> Location:
    place = choice.place
    if place is None and len(choice.candidates) > 1:
        return Location(None, year, title, published, STATUS_AMBIGUOUS_JURISDICTION, _ambiguous(choice))
    if place is None:
        message = _zone_report(choice.zone) if choice.zone else _no_place(year)
        return Location(None, year, title, published, STATUS_NO_JURISDICTION, message)
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


def _zone_report(zone: str) -> str:
    return (
        f"标题表明这是“{zone}”(功能区,不是行政区划)的报告,其数值不计为所在城市或区县的数值。"
        f"如确需归入某地,可在 {REPORT_PLACES} 中为该文件指定地区。"
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
