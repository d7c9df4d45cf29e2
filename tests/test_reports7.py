# ruff: noqa: E501 - the reports are prose, one paragraph per line, as published
"""A seventh set of whole mock reports through the real pipeline (see test_reports.py to test_reports6.py).

This set puts the figure after a growth rate in the same clause group ("…案件同比增长…%，达到…件",
"…同比下降…%，为…件"), an ordinal rank between the subject and the value ("总量跃居全省第…位，达到…户")
and "涉及…等领域的" qualifying the kind of case rather than a part of the jurisdiction.

Decisions: the growth rate of a case load is none of our indicators (only 市场主体总量's growth is);
a growth of GDP, of 排查矛盾纠纷 or of 复议后被起诉率 followed by ",达到…" yields nothing; "全省第…位" is
a rank, not a value; "涉及…等领域的行政复议申请…件" is the total of the jurisdiction, while
"其中…领域…件" and "…领域的…件" without "等" stay parts.

Places and figures are invented for these tests; none is taken from a sample report. A row is
(indicator, year, value, qualifier). `python tests/test_reports7.py` prints the score.
"""

from __future__ import annotations

from mock_reports import Report, Row, rate, score, specs_for  # noqa: F401

REPORTS: list[Report] = []


def report(name: str, place: tuple[str, str, str], year: int, rows: list[Row], text: str, parent: str = "") -> None:
    REPORTS.append(Report(name, text.strip("\n"), place, year, tuple(rows), parent))


# ---------------------------------------------------------------- a 2024 city report, figures after growth rates (湖州市)

report(
    "huzhou_2024_growth_first",
    ("湖州市", "330500", "prefecture"),
    2024,
    [
        ("review_accepted", 2024, 2417, "exact"),
        ("review_concluded", 2024, 2208, "exact"),
        ("review_correction_rate", 2024, 9.4, "exact"),
        ("litigation_cases", 2024, 537, "exact"),
        ("court_appearance_rate", 2024, 100, "exact"),
        ("legal_aid_cases", 2024, 7300, "exact"),
        ("market_entities", 2024, 583000, "exact"),
        ("market_entities_growth", 2024, 6.1, "exact"),
    ],
    """
湖州市人民政府关于2024年法治政府建设情况的报告

浙江省人民政府：
2024年，市政府坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：
一、2024年法治政府建设主要举措和成效
（一）优化法治化营商环境
全市地区生产总值同比增长6.3%，达到4,120亿元。
全市经营主体总量同比增长6.1%，达到58.3万户。
（二）发挥行政复议主渠道作用
全年受理行政复议案件同比增长51.2%，达到2,417件，审结2,208件，纠错率9.4%。
复议后被起诉率同比下降3%，为7%。
（三）规范行政应诉
全市一审行政诉讼案件同比下降13.8%，为537件；行政机关负责人出庭应诉率100%。
（四）矛盾纠纷化解
全市排查矛盾纠纷同比增长11%，达到4,860次，组织专项排查活动36次。
（五）公共法律服务
法律援助案件数同比增长14%，达0.73万件，值班律师提供法律帮助5,100人次。
（六）执法监督
开展行政执法案卷评查1,050卷，发出执法监督建议书42份。
二、存在的问题
一是基层执法力量仍较薄弱。
二是行政复议办案力量与案件增长不相适应。
三、2025年工作打算
一是持续提升行政复议案件办理质效。
二是力争经营主体总量突破60万户。

湖州市人民政府
2025年1月24日
""",
    parent="浙江省",
)

# ---------------------------------------------------------------- a 2024 county-level city, rank and 等领域 (常熟市)

report(
    "changshu_2024_rank_and_fields",
    ("常熟市", "320581", "county"),
    2024,
    [
        ("market_entities", 2024, 316000, "exact"),
        ("market_entities_new", 2024, 42000, "exact"),
        ("review_received", 2024, 1164, "exact"),
        ("review_accepted", 2024, 1052, "exact"),
        ("litigation_cases", 2024, 402, "exact"),
        ("court_appearance_rate", 2024, 100, "exact"),
        ("mediation_cases", 2024, 18600, "exact"),
        ("mediation_success_rate", 2024, 98.7, "exact"),
    ],
    """
常熟市2024年法治政府建设年度报告

2024年，常熟市深入贯彻习近平法治思想，统筹推进法治政府建设各项工作，取得积极成效。
一、主要工作和成效
（一）法治化营商环境
全市经营主体总量跃居全省县级市第3位，达到31.6万户；全年新设经营主体4.2万户。
（二）行政复议
全市收到涉及行政处罚、行政强制、行政许可等领域的行政复议申请1,164件，受理1,052件。
其中生态环境领域行政复议案件86件，行政复议调解和解210件。
（三）行政应诉
全市一审行政诉讼案件402件，行政机关负责人出庭应诉率100%。
（四）矛盾纠纷化解
全市人民调解组织共调解矛盾纠纷1.86万件，调解成功率98.7%。
全市专职人民调解员286名，个人调解工作室31个。
（五）执法规范
全市开展执法检查1.9万次，办理行政处罚案件4,620件，评查案卷730卷。
（六）普法宣传
开展普法活动610场，受众28万人次。
二、存在的不足
一是部分执法人员执法能力仍需提高。
二是基层合法性审查力量不足。
三、2025年工作计划
一是深化行政复议体制改革。
二是推动经营主体总量突破33万户。

常熟市人民政府
2025年2月12日
""",
)

# ---------------------------------------------------------------- a 2023 city report, the three together (绵阳市)

report(
    "mianyang_2023_mixed",
    ("绵阳市", "510700", "prefecture"),
    2023,
    [
        ("review_received", 2023, 2350, "exact"),
        ("review_accepted", 2023, 2108, "exact"),
        ("review_concluded", 2023, 1986, "exact"),
        ("litigation_cases", 2023, 884, "exact"),
        ("litigation_lost", 2023, 31, "exact"),
        ("litigation_loss_rate", 2023, rate(31, 884), "exact"),
        ("court_appearance_rate", 2023, 99.2, "exact"),
        ("legal_aid_cases", 2023, 12000, "exact"),
        ("market_entities", 2023, 492000, "exact"),
    ],
    """
绵阳市人民政府关于2023年法治政府建设情况的报告

四川省人民政府：
2023年，我市坚持以习近平法治思想为引领，全面推进依法行政。现将有关情况报告如下：
一、主要举措和成效
（一）营商环境
全市经营主体总量跃居全省第2位，达到49.2万户。
（二）行政复议
全市收到行政复议申请同比增长28.4%，达到2,350件，受理2,108件，审结1,986件。
涉及自然资源领域的行政复议申请312件。
（三）行政应诉
全市一审行政诉讼案件同比下降9.2%，为884件，败诉31件，行政机关负责人出庭应诉率99.2%。
（四）公共法律服务
全年办理法律援助案件同比增长12.6%，达1.2万件，受援群众1.4万人次。
（五）执法监督
开展行政执法检查2.6万次，评查案卷1,280卷，合格率96.5%。
二、存在的问题
一是依法行政能力仍需提升。
二是行政执法协调监督体系有待完善。
三、2024年工作打算
一是持续发挥行政复议化解行政争议主渠道作用。
二是力争行政机关负责人出庭应诉率达到100%。

绵阳市人民政府
2024年1月30日
""",
    parent="四川省",
)

# ---------------------------------------------------------------- running them

test_report_is_located, test_report_yields_exactly_its_values = specs_for(REPORTS)


def test_there_are_enough_reports():
    assert len(REPORTS) >= 3
    assert all(25 <= len(r.text.splitlines()) <= 40 for r in REPORTS)


if __name__ == "__main__":
    score(REPORTS)
