"""Specification of `locate`: whose report a text is, and which year its figures are for.

The texts are short invented reports in the style of real ones; the last tests run over the
shipped sample reports in data/raw.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline import regions
from pipeline.locate import locate, override
from pipeline.model import (
    STATUS_AMBIGUOUS_JURISDICTION,
    STATUS_NO_JURISDICTION,
    STATUS_NO_YEAR,
    STATUS_OK,
    Document,
    Location,
)

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
BODY = (
    "一、主要举措和成效\n(一)加强组织领导。坚持把法治政府建设摆在突出位置,定期研究部署重点工作,推动各项任务落地落实。\n"
)


def doc(text: str) -> Document:
    return Document(source="report.txt", path="/tmp/report.txt", text=text, kind="txt")


# ---------------------------------------------------------------- jurisdiction

PLACES = [
    pytest.param(
        "长春市人民政府关于2022年法治政府建设情况的报告\n2022年,全市坚持依法行政。\n" + BODY,
        "220100",
        id="prefecture in the title",
    ),
    pytest.param(
        "當前位置:首頁 > 政務公開\n長春市人民政府關於2022年法治政府建設情況的報告\n" + BODY,
        "220100",
        id="traditional characters",
    ),
    pytest.param("长春市朝阳区2021年法治政府建设情况报告\n" + BODY, "220104", id="shared name after its parent"),
    pytest.param(
        "朝阳区2021年度法治政府建设工作报告\n2021年,在北京市委、市政府的坚强领导下,全区扎实推进依法行政。\n" + BODY,
        "110105",
        id="shared name settled by the parent in the body",
    ),
    pytest.param(
        "2024年法治政府建设情况报告\n今年以来,我区持续推进依法行政,全区行政执法更加规范。\n"
        + BODY
        + "\n济南市历城区人民政府\n2024年12月20日\n",
        "370112",
        id="named only in the signature",
    ),
    pytest.param(
        "中共绵阳市委、绵阳市人民政府:\n2022年,在绵阳市委、市政府的坚强领导下,江油市坚持依法行政,"
        "江油市法治政府建设取得新成效。现将有关情况报告如下。\n" + BODY + "我市将继续努力。\n",
        "510781",
        id="header addressed to the parent is ignored",
    ),
    pytest.param(
        "关于焦作市法治政府建设情况的调研报告\n2023年11月20日在市人大常委会会议上\n市人大常委会调研组\n"
        "根据年度工作要点,调研组赴市政府有关部门实地查看,召开座谈会,现将调研情况报告如下。\n" + BODY,
        "410800",
        id="people's congress study of a city",
    ),
    pytest.param(
        "焦作市人大常委会关于修武县2023年法治政府建设情况的调研报告\n" + BODY,
        "410821",
        id="congress of the city studying a county",
    ),
    pytest.param(
        "修武县2023年法治政府建设情况报告\n2023年,在焦作市委、焦作市人民政府的坚强领导下,我县坚持依法行政。"
        "积极配合焦作市法治督察,落实焦作市重点工作安排,迎接焦作市考核。\n" + BODY,
        "410821",
        id="county title beats its parent named often in the body",
    ),
    pytest.param(
        "关于我市法治政府建设情况的调研报告\n发布时间:2021-01-07\n我市制定《焦作市重大行政决策程序规定》"
        "《焦作市行政执法监督办法》,温县行政服务中心运行良好。\n" + BODY,
        "410800",
        id="self-reference and the place named most often",
    ),
]


@pytest.mark.parametrize(("text", "adcode"), PLACES)
def test_jurisdiction(text, adcode):
    location = locate(doc(text))
    assert location.status == STATUS_OK, location.message
    assert location.place is not None and location.place.adcode == adcode


def test_the_parent_addressed_report_is_the_county_level_city():
    location = locate(doc(PLACES[5].values[0]))
    assert (location.place.name, location.place.level, location.place.parent) == ("江油市", "county", "绵阳市")
    assert location.year == 2022 and location.title == ""


def test_an_unresolved_shared_name_is_ambiguous_and_names_the_candidates():
    location = locate(doc("朝阳区2021年度法治政府建设工作报告\n2021年,全区扎实推进依法行政。\n" + BODY))
    assert location.status == STATUS_AMBIGUOUS_JURISDICTION and location.place is None
    assert "北京市朝阳区(110105)" in location.message and "长春市朝阳区(220104)" in location.message
    assert location.year == 2021


def test_no_place_says_where_it_looked_and_what_to_do():
    location = locate(doc("关于2022年法治政府建设情况的报告\n2022年,我们坚持依法行政。\n" + BODY))
    assert location.status == STATUS_NO_JURISDICTION and location.place is None and location.year == 2022
    assert "标题、落款和正文" in location.message and "report_places.csv" in location.message
    assert "regions_supplement.csv" in location.message


@pytest.mark.parametrize("text", ["", "   \n\n", "没有任何地名和年份的一段话。"])
def test_no_place_and_no_year_mentions_both(text):
    location = locate(doc(text))
    assert (location.status, location.place, location.year) == (STATUS_NO_JURISDICTION, None, None)
    assert "地名" in location.message and "年份" in location.message


# ---------------------------------------------------------------- year, title, publication date

TITLE = "绵阳市人民政府关于法治政府建设工作情况的报告\n"
YEARS = [
    pytest.param(
        "南通市人民政府关于2023年度法治政府建设工作情况的报告\n发布时间:2024-02-04\n" + BODY,
        2023,
        "2024-02-04",
        id="year from the title",
    ),
    pytest.param(
        TITLE + "发布时间:2021-01-07 来源:市政府办公室\n" + BODY,
        2020,
        "2021-01-07",
        id="published in January: the previous year",
    ),
    pytest.param(TITLE + "2021年1月7日\n" + BODY, 2020, "2021-01-07", id="Chinese date"),
    pytest.param(TITLE + BODY + "\n绵阳市人民政府\n2024年12月\n", 2024, "", id="signature month December"),
    pytest.param(
        TITLE + "——20201222日在市人大常委会第十九次会议上\n" + BODY, 2020, "2020-12-22", id="damaged meeting date"
    ),
    pytest.param(TITLE + "发布时间:2020-13-45\n" + BODY, 2020, "", id="impossible date keeps its year"),
    pytest.param(TITLE + "2019年,全市坚持依法行政。\n" + BODY, 2019, "", id="paragraph opening with a year"),
    pytest.param(
        TITLE + "今年以来,全市坚持依法行政。\n" + BODY + "绵阳市人民政府\n2023年7月15日\n",
        2023,
        "2023-07-15",
        id="this year and a July date",
    ),
]


@pytest.mark.parametrize(("text", "year", "published"), YEARS)
def test_year_and_publication_date(text, year, published):
    location = locate(doc(text))
    assert location.status == STATUS_OK, location.message
    assert (location.year, location.published) == (year, published)


def test_a_signed_text_published_later_keeps_the_date_it_was_written():
    text = (
        "某县司法局2023年度法治政府建设情况报告\n发布日期:2025-04-30 10:36 信息来源:青田县司法局\n"
        "今年以来,县政府收到行政复议申请126件。\n青田县司法局\n2023年12月20日\n"
    )
    location = locate(doc(text))
    assert (location.year, location.published, location.written) == (2023, "2025-04-30", "2023-12-20")


def test_a_text_dated_once_has_no_separate_writing_date():
    text = "青田县司法局2023年度法治政府建设情况报告\n全年县政府收到行政复议申请126件。\n青田县司法局\n2024年1月20日\n"
    assert locate(doc(text)).written == ""


def test_a_plan_for_next_year_is_not_the_report_year():
    location = locate(doc(TITLE + BODY + "2024年,全市将进一步推进依法行政。\n"))
    assert location.status == STATUS_NO_YEAR and location.year is None
    assert location.place is not None and location.place.name == "绵阳市"
    assert "年份" in location.message and "绵阳市" in location.message


def test_the_title_is_the_report_title_line_as_written():
    location = locate(doc("当前位置:首页 > 工作动态\n\n長春市人民政府關於2022年法治政府建設情況的報告\n" + BODY))
    assert location.title == "長春市人民政府關於2022年法治政府建設情況的報告"


# ---------------------------------------------------------------- the shipped samples


def sample(name_part: str) -> Document:
    """The sample whose text contains `name_part` in its first lines (file names decide nothing)."""
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if name_part in "".join(text.splitlines()[:5]):
            return Document(source=path.name, path=str(path), text=text, kind="txt")
    raise LookupError(name_part)


SAMPLES = sorted(RAW.glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_locates_to_a_place_and_a_year(path):
    location = locate(Document(source=path.name, path=str(path), text=path.read_text(encoding="utf-8"), kind="txt"))
    assert location.status == STATUS_OK, location.message
    assert len(location.place.adcode) == 6 and location.place.adcode.isdigit()
    assert 2015 <= location.year <= 2025


@pytest.mark.parametrize(
    ("opening", "name", "level", "parent"),
    [
        ("达州市人民政府", "万源市", "county", "达州市"),  # addressed to its parent city
        ("槐荫区", "槐荫区", "county", "济南市"),
        ("长春市人民政府", "长春市", "prefecture", "吉林省"),
    ],
)
def test_samples_locate_to_the_reporting_place(opening, name, level, parent):
    place = locate(sample(opening)).place
    assert (place.name, place.level, place.parent) == (name, level, parent)


def test_locating_a_sample_is_quick_after_warm_up():
    regions.warm_up()
    docs = [Document(source=p.name, path=str(p), text=p.read_text(encoding="utf-8"), kind="txt") for p in SAMPLES]
    started = time.perf_counter()
    for document in docs:
        locate(document)
    assert (time.perf_counter() - started) / max(len(docs), 1) < 0.25  # about 15 ms here; generous for CI


class TestEditorOverride:
    """report_places.csv states a place and/or year where detection failed."""

    def test_an_adcode_settles_an_ambiguous_name(self):
        loc = override(Location(None, 2022, status="ambiguous_jurisdiction"), "220104", None)
        assert loc.place.name == "朝阳区" and loc.place.parent == "长春市" and loc.status == "ok"

    def test_a_year_fills_a_missing_year(self):
        located = Location(regions.by_adcode("220100"), None, status="no_year")
        assert override(located, "", 2021).year == 2021

    def test_a_shared_name_is_refused_with_a_message(self):
        loc = override(Location(None, 2022, status="ambiguous_jurisdiction"), "朝阳区", None)
        assert loc.place is None and "行政区划代码" in loc.message


@pytest.mark.parametrize(
    ("text", "name", "level", "year"),
    [
        (
            "上海市浦东新区人民政府关于2023年法治政府建设情况的报告\n2023年,新区坚持依法行政。",
            "浦东新区",
            "county",
            2023,
        ),
        (
            "九江市人民政府关于二〇二三年度法治政府建设情况的报告\n二〇二三年,市政府坚持依法行政。",
            "九江市",
            "prefecture",
            2023,
        ),
        (
            "绍兴市司法局关于2023年度法治政府建设工作情况的报告\n2023年,市司法局统筹推进全市法治政府建设。",
            "绍兴市",
            "prefecture",
            2023,
        ),
    ],
)
def test_districts_chinese_numeral_years_and_bureaus(text: str, name: str, level: str, year: int) -> None:
    loc = locate(Document(source="report.txt", path="/tmp/report.txt", text=text, kind="txt"))
    assert (loc.place.name, loc.place.level, loc.year) == (name, level, year)


# ---------------------------------------------------------------- rules/locate.yaml, titles, the nation


def _rules_data() -> dict:
    import yaml

    from pipeline.locate import LOCATE_RULES

    return yaml.safe_load(LOCATE_RULES.read_text(encoding="utf-8"))


def test_the_shipped_locate_rules_load():
    from pipeline.locate import parse_rules

    rules = parse_rules(_rules_data())
    assert "日报" in rules.newspaper_suffixes and "全国" in rules.national_markers
    assert "印发" in rules.event_words and "前列" in rules.rank_words and "最高法" in rules.national_bodies
    assert ("巴州", "巴音郭楞蒙古自治州") in rules.aliases


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(newspaper_suffix=["日报"]),
            "locate.yaml: the top level has an unknown key “newspaper_suffix”",
        ),  # noqa: E501
        (lambda d: d["national"].update(marker=["全国"]), "locate.yaml: entry “national” has an unknown key “marker”"),
        (lambda d: d.pop("self_words"), "lacks the key “self_words”"),
        (lambda d: d.pop("event_words"), "lacks the key “event_words”"),
        (lambda d: d.update(rank_words="前列"), "entry “rank_words” must be a list of words"),
        (lambda d: d["national"].pop("honour_words"), "entry “national” lacks the key “honour_words”"),
        (lambda d: d.update(footer_markers="版权所有"), "entry “footer_markers” must be a list of words"),
        (lambda d: d.pop("prefecture_aliases"), "lacks the key “prefecture_aliases”"),
        (lambda d: d.pop("meeting_words"), "lacks the key “meeting_words”"),
        (lambda d: d.update(prefecture_aliases={"巴州": "没有这个地方"}), "must map short names to one known place"),
    ],
)
def test_a_malformed_locate_rules_file_stops_naming_file_entry_and_key(change, message):
    from pipeline.locate import LocateRulesError, parse_rules

    data = _rules_data()
    change(data)
    with pytest.raises(LocateRulesError) as raised:
        parse_rules(data)
    assert message in str(raised.value)


def test_a_title_wrapped_over_two_lines_is_read_and_returned_whole():
    text = "南通市人民政府关于2023年度法治政府建设工作\n情况的报告\n2023年,江苏省推进依法行政。江苏省考核。\n" + BODY
    location = locate(doc(text))
    assert location.title == "南通市人民政府关于2023年度法治政府建设工作情况的报告"
    assert (location.place.name, location.year) == ("南通市", 2023)


def test_national_figures_get_the_national_level():
    text = "2022年全国行政复议工作情况\n2022年,全国各级行政复议机构新收案件27万件,其中广东、上海居前。\n"
    location = locate(doc(text))
    assert location.status == STATUS_OK
    place = location.place
    assert (place.name, place.adcode, place.level) == ("中华人民共和国", "100000", "national")
    assert place.province == "中华人民共和国"
    local = locate(doc("2022年,我市行政复议纠错率高于全国平均水平,全国首批试点。\n莆田市司法局\n2023年1月5日\n"))
    assert local.place is not None and local.place.name == "莆田市"


def test_an_event_date_inside_a_sentence_never_decides_the_year():
    text = TITLE + "市政府坚持依法行政。2020年4月27日,市政府举办执法培训班。\n" + BODY
    location = locate(doc(text))
    assert location.status == STATUS_NO_YEAR and location.year is None


@pytest.mark.parametrize(
    ("opening", "name", "year"),
    [
        ("长春市人民政府", "长春市", 2022),
        ("达州市人民政府", "万源市", 2023),
        ("关于我市法治政府建设情况的调研报告", "濮阳市", None),  # a 2016-2020 review: years per figure
        ("南通市人民政府", "南通市", 2023),
        ("槐荫区", "槐荫区", 2022),
    ],
)
def test_every_sample_keeps_its_place_and_year(opening, name, year):
    # 濮阳市 is named mostly inside 《》 and 清丰县 more often outside them: still the city's study
    location = locate(sample(opening))
    assert location.place.name == name
    assert year is None or location.year == year


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("去年全国办结复议案件\n本报北京4月1日电(记者 王晨)日前发布的报告显示", "北京", True),
        ("新华社广州3月5日电 记者从广东省司法厅获悉", "广州", True),
        ("新华社广州3月5日电 记者从广东省司法厅获悉", "广东省", False),
        ("成都商报讯 记者从绵阳市司法局获悉", "成都", True),
        ("成都商报讯 记者从绵阳市司法局获悉", "绵阳市", False),
        ("文章出处:《信阳日报》第5版", "信阳", True),
    ],
)
def test_datelines_and_newspaper_names_are_not_evidence(text, surface, expected):
    from pipeline.locate import _not_evidence

    [mention] = [m for m in regions.find_mentions(text) if m.surface == surface]
    assert _not_evidence(regions.to_simplified(text), mention) is expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2022年,全县乡镇和县直部门推进依法行政,修订《攸县行政执法公示办法》。\n", "攸县"),
        ("2022年,市和县两级政府推进依法行政,全市行政复议纠错率下降。枣庄市司法局\n", "枣庄市"),
        ("马鞍山市和县人民政府关于2022年法治政府建设情况的报告\n全县推进依法行政。\n", "和县"),
        ("和县人民政府关于2022年法治政府建设情况的报告\n全县推进依法行政。\n", "和县"),
    ],
)
def test_a_joining_word_before_a_level_word_is_no_place(text, name):
    location = locate(doc(text))
    assert location.place is not None and location.place.name == name


def test_the_place_above_the_places_named_answers_the_self_reference():
    text = "本报讯 2023年,全省新设市场主体增长。郑州、洛阳、南阳三市居前,郑州、洛阳增速最快。\n"
    assert locate(doc(text)).place.name == "河南省"
    # one of its cities named more often than the text names itself is the story's place
    city = "本报讯 2023年,全省表彰洛阳。洛阳新设市场主体增长,洛阳、郑州居前,洛阳市获评。\n"
    assert locate(doc(city)).place.name == "洛阳市"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("本报讯 7月19日,省市场监管局通报,上半年全省新设主体增长。去年全年全省新设12万户。\n2021-07-20\n", 2021),
        ("本报讯 省市场监管局通报,去年上半年全省新设主体增长,去年全年全省新设12万户。\n2021-03-20\n", 2020),
        ("新华社北京5月9日电 目前,全国共有律师事务所3万家。\n2019-05-10\n", 2019),
        ("全国律师事务所情况 目前,全国共有律师事务所3万家。\n2019-05-10\n", 2018),  # not news: a report
        ("德清年鉴2018\n【行政复议】全年收到申请73件。\n", 2017),
        ("德清年鉴2018\n【行政复议】2016年,县政府收到申请73件。\n", 2016),
    ],
)
def test_current_periods_and_yearbook_editions(text, year):
    assert locate(doc(text)).year == year


def test_a_title_split_by_a_page_break_and_a_print_header_is_read_whole():
    header = "2023/3/2 下午3:05 法治政府建设情况的报告\n"
    text = header + "溧水区人民政府关于2021年度法治政府建设\n\n\f\n工作情况的报告\n" + BODY
    location = locate(doc(text))
    assert location.title == "溧水区人民政府关于2021年度法治政府建设工作情况的报告"
    assert (location.place.name, location.year) == ("溧水区", 2021)
