# ruff: noqa: E501 - the reports are prose, one paragraph per line, as published
"""Whole mock reports through the real pipeline: every single-year value a perfect extractor
outputs, and nothing else.

Each report below was written for these tests in the register of real 法治政府建设情况报告
(title, 一、二、三 sections, much prose without figures, a signature with a date); places
and figures are invented, none is taken from a sample report. They cover the phrasing
families the extractor must survive on reports it has never seen: a province quoting its
cities, a municipality, prefecture and county reports, a shared district name settled by its
city, a county-level city writing to its parent, a place named only in the signature,
traditional characters, a people's-congress review of several years, part-year figures,
distractors, 万/亿 and Chinese numerals, and a web page dated only by its publication time.

A row is (indicator, year, value, qualifier). Derived rates (two decimals) and inferred
values are rows too, as in the project's gold. Running totals (period "cumulative") are not
compared. `python tests/test_reports.py` prints the score (right / missing / wrong).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import process_bytes  # noqa: E402
from pipeline.model import PERIOD_YEAR  # noqa: E402

Row = tuple[str, int, float, str]


@dataclass(frozen=True)
class Report:
    name: str
    text: str
    place: tuple[str, str, str]  # name, adcode, level
    year: int
    rows: tuple[Row, ...]


def rate(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


REPORTS: list[Report] = []


def report(name: str, place: tuple[str, str, str], year: int, rows: list[Row], text: str) -> None:
    REPORTS.append(Report(name, text.strip("\n"), place, year, tuple(rows)))


# ---------------------------------------------------------------- a province quoting its cities

report("zhejiang_province", ("浙江省", "330000", "province"), 2023, [
    ("review_received", 2023, 31246, "exact"),
    ("review_accepted", 2023, 27508, "exact"),
    ("review_concluded", 2023, 26931, "exact"),
    ("review_corrected", 2023, 3017, "exact"),
    ("review_correction_rate", 2023, 11.2, "exact"),
    ("litigation_cases", 2023, 18600, "exact"),
    ("court_appearance_rate", 2023, 98.7, "exact"),
    ("litigation_loss_rate", 2023, 6.4, "exact"),
    ("mediation_cases", 2023, 586000, "exact"),
    ("mediation_success", 2023, 579000, "exact"),
    ("mediation_success_rate", 2023, rate(579000, 586000), "exact"),
    ("market_entities_new", 2023, 1642000, "exact"),
    ("market_entities", 2023, 10356000, "exact"),
    ("market_entities_growth", 2023, 7.3, "exact"),
    ("legal_aid_cases", 2023, 127000, "exact"),
], """
浙江省人民政府关于2023年法治政府建设情况的报告
发布时间:2024-03-28  来源:省政府办公厅

2023年,在党中央、国务院的坚强领导下,省政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神和习近平法治思想,紧紧围绕“八八战略”实施二十周年,全面推进法治政府建设,各项工作取得新成效。现将有关情况报告如下。
一、主要工作和成效
(一)坚持党的领导,统筹推进法治政府建设。省政府常务会议专题研究法治政府建设重点任务,制定年度工作要点,压实各地各部门主体责任。组织开展法治政府建设示范创建,11个设区市全部完成自评工作。
(二)深化行政复议体制改革,发挥化解行政争议主渠道作用。全年全省各级行政复议机关共收到行政复议申请31,246件,受理27,508件,审结26,931件,通过撤销、变更、确认违法等方式直接纠错3,017件,纠错率为11.2%。其中,省政府本级收到行政复议申请1,284件。从各地看,案件量居前的是杭州(6,120件)、宁波(4,365件)和温州(3,402件)。
(三)规范行政应诉工作。全省法院受理以行政机关为被告的一审行政诉讼案件1.86万件,行政机关负责人出庭应诉率达到98.7%,较上年提高1.5个百分点。行政机关败诉率为6.4%。
(四)推进矛盾纠纷多元化解。全省各级人民调解组织共调解矛盾纠纷58.6万件,调解成功57.9万件。全省建成县级社会矛盾纠纷调处化解中心90个,配备专职人民调解员1.2万名。
(五)优化法治化营商环境。深化“证照分离”改革,全年新设立市场主体164.2万户,年末全省实有市场主体1035.6万户,同比增长7.3%,其中企业343.9万户。
(六)加强公共法律服务。全省法律援助机构组织办理法律援助案件12.7万件,提供法律咨询86.5万人次。
二、存在的不足
对照党中央、国务院要求和人民群众期待,我省法治政府建设还存在一些短板:一些地方和部门运用法治思维和法治方式的能力有待提升,基层行政执法规范化水平不高,行政复议应诉能力建设有待加强。
三、2024年工作安排
2024年,全省将力争行政机关负责人出庭应诉率保持在95%以上,持续推进法治政府建设率先突破。

浙江省人民政府
2024年3月20日
""")

# ---------------------------------------------------------------- a municipality (level province)

report("chongqing_municipality", ("重庆市", "500000", "province"), 2022, [
    ("review_received", 2022, 12874, "exact"),
    ("review_accepted", 2022, 11096, "exact"),
    ("review_concluded", 2022, 10752, "exact"),
    ("review_correction_rate", 2022, 13.8, "exact"),
    ("litigation_cases", 2022, 9215, "exact"),
    ("court_appearance_rate", 2022, 96.5, "exact"),
    ("mediation_cases", 2022, 394000, "exact"),
    ("mediation_success_rate", 2022, 97.6, "exact"),
    ("legal_aid_cases", 2022, 62000, "exact"),
    ("market_entities", 2022, 3456000, "exact"),
    ("market_entities_growth", 2022, 6.1, "exact"),
    ("market_entities_new", 2022, 508000, "exact"),
], """
重庆市人民政府关于2022年度法治政府建设情况的报告

2022年,市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻习近平法治思想,认真落实党中央、国务院关于法治政府建设的决策部署,在市委坚强领导下,扎实推进依法行政,法治政府建设迈出新步伐。现将有关情况报告如下。
一、2022年法治政府建设主要举措和成效
(一)健全依法行政制度体系。提请市人大常委会审议地方性法规草案12件,制定修改政府规章8件,备案审查规范性文件436件。
(二)严格规范公正文明执法。全面推行行政执法“三项制度”,开展行政执法案卷评查,梳理公布轻微违法行为免罚清单。
深入推进综合行政执法改革,组建区县综合行政执法队伍,推动执法力量向基层下沉。
(三)强化行政权力制约监督。全市行政复议机关收到行政复议申请12,874件,受理11,096件,办结10,752件,综合纠错率13.8%。市政府本级受理行政复议案件1,417件,审结1,360件。渝中区、江北区行政复议案件分别为987件和864件。全市法院新收一审行政诉讼案件9,215件,行政机关负责人出庭应诉率达96.5%。
(四)依法有效化解社会矛盾纠纷。坚持和发展新时代“枫桥经验”,全市人民调解组织调解矛盾纠纷39.4万件,调解成功率为97.6%;全市法律援助机构办理法律援助案件6.2万件。
(五)持续优化法治化营商环境。全市市场主体总量达到345.6万户,同比增长6.1%,全年新登记市场主体50.8万户。
二、存在的问题和不足
一是法治政府建设推进不够平衡,部分区县和部门依法行政意识有待增强。二是行政执法规范化水平仍需提高。三是法治督察的刚性约束作用发挥不够充分。
三、2023年工作打算
深入学习贯彻党的二十大精神,全面推进法治政府建设,加快建设更高水平的法治重庆。

重庆市人民政府
2023年3月28日
""")

# ---------------------------------------------------------------- a prefecture city

report("mianyang_prefecture", ("绵阳市", "510700", "prefecture"), 2023, [
    ("review_received", 2023, 1146, "exact"),
    ("review_accepted", 2023, 1028, "exact"),
    ("review_accepted", 2022, 873, "exact"),
    ("review_concluded", 2023, 986, "exact"),
    ("review_corrected", 2023, 127, "exact"),
    ("review_correction_rate", 2023, rate(127, 986), "exact"),
    ("litigation_cases", 2023, 612, "exact"),
    ("litigation_lost", 2023, 38, "exact"),
    ("litigation_loss_rate", 2023, rate(38, 612), "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 18657, "exact"),
    ("mediation_success", 2023, 18210, "exact"),
    ("mediation_success_rate", 2023, rate(18210, 18657), "exact"),
    ("market_entities", 2023, 428000, "exact"),
    ("market_entities_growth", 2023, 8.2, "exact"),
    ("market_entities_new", 2023, 61000, "exact"),
    ("legal_aid_cases", 2023, 5326, "exact"),
], """
绵阳市人民政府关于2023年度法治政府建设工作情况的报告
来源:市司法局 发布时间:2024-02-26

2023年,绵阳市深入学习贯彻习近平法治思想,全面落实党的二十大精神,在省委、省政府和市委的坚强领导下,紧紧围绕中国科技城建设大局,扎实推进法治政府建设各项工作。现将有关情况报告如下。
一、主要举措和成效
(一)加强组织领导。市政府常务会议专题研究法治政府建设工作4次,市政府主要负责同志带头履行推进法治建设第一责任人职责。制定《绵阳市2023年法治政府建设工作要点》,明确年度重点任务36项。
(二)推进科学民主依法决策。严格落实重大行政决策程序规定,市政府法律顾问全年审查合同、协议等230余件,提出法律意见和建议580余条。
(三)深化行政复议改革。全市共收到行政复议申请1,146件,受理1,028件,较上年的873件增长17.8%,审结986件,纠错127件。全市各级行政机关作为被告的一审行政诉讼案件612件,败诉38件,负责人出庭应诉率100%。
(四)化解社会矛盾纠纷。全市各级人民调解组织共排查矛盾纠纷2.3万次,调解各类矛盾纠纷18,657件,调解成功18,210件。涪城区、游仙区分别调解纠纷3,215件和2,864件。
(五)优化营商环境。截至2023年底,全市实有经营主体42.8万户,同比增长8.2%;全年新增经营主体6.1万户。
(六)提升公共法律服务水平。全年办理法律援助案件5,326件,较上年增加412件,接待群众来访咨询2.4万人次。
二、存在的问题
一是部分县(市、区)法治政府建设推进不平衡;二是基层执法人员法治素养有待提升;三是行政复议应诉能力需要进一步加强。
三、下一步工作
2024年,我市将持续深化法治政府建设,力争全市行政复议纠错率控制在15%以内。

绵阳市人民政府
2024年2月20日
""")

# ---------------------------------------------------------------- a county

report("anji_county", ("安吉县", "330523", "county"), 2022, [
    ("review_received", 2022, 183, "exact"),
    ("review_accepted", 2022, 167, "exact"),
    ("review_concluded", 2022, 159, "exact"),
    ("review_corrected", 2022, 21, "exact"),
    ("review_correction_rate", 2022, rate(21, 159), "exact"),
    ("litigation_cases", 2022, 47, "exact"),
    ("court_appearance_rate", 2022, 100, "exact"),
    ("litigation_loss_rate", 2022, 4.3, "exact"),
    ("mediation_cases", 2022, 4786, "exact"),
    ("mediation_success", 2022, 4702, "exact"),
    ("mediation_success_rate", 2022, 98.2, "exact"),
    ("market_entities_new", 2022, 11200, "exact"),
    ("market_entities", 2022, 80000, "at_least"),
    ("legal_aid_cases", 2022, 926, "exact"),
], """
安吉县2022年法治政府建设工作报告

2022年,安吉县在湖州市委、市政府和县委的坚强领导下,坚持以习近平法治思想为指引,深入践行“绿水青山就是金山银山”理念,全面推进法治政府建设,为打造县域高质量发展样板提供有力法治保障。
一、2022年法治政府建设工作成效
(一)法治政府建设统筹推进有力。县政府常务会议研究法治政府建设议题5次,县政府主要领导带头讲法治课。完成乡镇(街道)合法性审查全覆盖,15个乡镇(街道)均配备法律顾问。
(二)行政执法更加规范。深化“大综合一体化”行政执法改革,全县执法事项划转比例达到35%。开展执法案卷评查2轮,抽查案卷320卷。
(三)行政复议应诉质效提升。全年县政府共收到行政复议申请183件,依法受理167件,审结159件,其中撤销、变更、确认违法等纠错21件。以县政府为被告的一审行政诉讼案件47件,行政机关负责人出庭应诉率保持100%,行政诉讼败诉率为4.3%。
(四)矛盾纠纷多元化解。全县人民调解组织共受理各类矛盾纠纷4,786件,调解成功4,702件,调解成功率98.2%,其中递铺街道调解纠纷612件。县人民法院诉前调解成功案件1,215件。
(五)营商环境持续优化。全县新增市场主体1.12万户,市场主体总量突破8万户。
(六)公共法律服务更加便民。全县办理法律援助案件九百二十六件,解答法律咨询3,800余人次。
二、存在的不足
法治政府建设与群众的期待相比还有差距,部分部门重大行政决策程序执行不够规范,执法人员能力有待提高。
三、2023年工作思路
全面贯彻党的二十大精神,深化法治安吉建设,持续提升依法行政水平。

安吉县人民政府
2023年1月18日
""")

# ---------------------------------------------------------------- a shared district name settled by its city

report("nanjing_gulou_district", ("鼓楼区", "320106", "county"), 2023, [
    ("review_received", 2023, 412, "exact"),
    ("review_accepted", 2023, 386, "exact"),
    ("review_concluded", 2023, 371, "exact"),
    ("review_correction_rate", 2023, 10.5, "exact"),
    ("litigation_cases", 2023, 163, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("litigation_loss_rate", 2023, 2.5, "exact"),
    ("mediation_cases", 2023, 6328, "exact"),
    ("mediation_success", 2023, 6291, "exact"),
    ("mediation_success_rate", 2023, rate(6291, 6328), "exact"),
    ("market_entities_new", 2023, 14500, "exact"),
    ("market_entities", 2023, 93000, "exact"),
    ("legal_aid_cases", 2023, 1872, "exact"),
], """
南京市鼓楼区人民政府关于2023年度法治政府建设情况的报告
发布日期:2024-01-31 信息来源:区司法局

2023年,鼓楼区在市委、市政府和区委的坚强领导下,以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,扎实推进法治政府建设,为打造“强富美高”新鼓楼提供坚实法治保障。现将有关情况报告如下:
一、主要工作举措及成效
(一)坚持高位推动。区委、区政府主要负责同志认真履行推进法治建设第一责任人职责,区政府常务会议专题听取法治政府建设工作汇报3次,将法治建设纳入全区高质量发展综合考核。
(二)规范行政决策。全年审查区政府重大行政决策、规范性文件及合同协议共计215件,提出审查意见370余条。
(三)推进行政复议体制改革。全年收到行政复议申请412件,受理386件,审结371件,纠错率为10.5%。依法办理行政应诉案件163件,行政机关负责人出庭应诉率达100%,行政诉讼败诉率为2.5%。
(四)构建多元解纷格局。全区各级人民调解组织调解矛盾纠纷6,328件,调解成功6,291件;依托街道综治中心排查化解矛盾隐患1,120次。全区现有人民调解委员会142个,人民调解员1,036名。
(五)优化法治营商环境。全年新增市场主体1.45万户,全区实有市场主体达到9.3万户。
(六)完善公共法律服务。全年办理法律援助案件1,872件,为困难群众挽回经济损失2,600余万元。
二、存在的问题
一是法治政府建设工作发展不够平衡,部分部门对法治工作重视程度不够;二是行政执法队伍专业化水平有待提升。
三、2024年工作安排
持续深化法治鼓楼建设,不断提升政府治理法治化水平。

南京市鼓楼区人民政府
2024年1月25日
""")

# ---------------------------------------------------------------- a county-level city writing to its parent

report("jinjiang_to_parent", ("晋江市", "350582", "county"), 2023, [
    ("market_entities_new", 2023, 28600, "exact"),
    ("market_entities", 2023, 324000, "exact"),
    ("market_entities_growth", 2023, 5.6, "exact"),
    ("review_received", 2023, 342, "exact"),
    ("review_accepted", 2023, 315, "exact"),
    ("review_concluded", 2023, 315, "exact"),
    ("litigation_cases", 2023, 208, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 13800, "exact"),
    ("mediation_success_rate", 2023, 98.6, "exact"),
    ("legal_aid_cases", 2023, 2154, "exact"),
], """
中共泉州市委、泉州市人民政府:
2023年,晋江市在泉州市委、市政府的坚强领导下,深入学习贯彻习近平法治思想,全面落实法治政府建设实施纲要,持续深化“晋江经验”法治实践,法治政府建设取得新进展。现将有关情况报告如下。
一、2023年度推进法治政府建设的主要举措和成效
(一)强化法治建设组织领导。市政府党组理论学习中心组专题学习习近平法治思想2次,市政府常务会议会前学法12次。出台法治政府建设年度工作要点,明确重点任务28项。
(二)深化“放管服”改革。推行“一件事一次办”集成服务,全年新增经营主体2.86万户,全市经营主体总量达到32.4万户,总量同比增长5.6%。
(三)提升行政复议应诉水平。全年共收到行政复议申请三百四十二件,受理三百一十五件,现已全部审结。全市行政应诉案件208件,负责人出庭应诉率100%。
(四)推动矛盾纠纷源头化解。全市人民调解组织共调解纠纷1.38万件,调解成功率达98.6%。
(五)加强公共法律服务。全年受理法律援助案件2,154件,其中刑事法律援助案件863件。
二、存在的不足和原因
一是部分单位对法治政府建设重视不够,推进力度不均衡;二是基层法治力量较为薄弱,专业人才不足。
三、下一步工作打算
(一)持续深化法治政府建设示范创建。
(二)着力提升行政执法质量和效能。

晋江市人民政府
2024年1月22日
""")

# ---------------------------------------------------------------- the place named only in the signature

report("ningshan_signature_only", ("宁陕县", "610923", "county"), 2023, [
    ("review_received", 2023, 27, "exact"),
    ("review_accepted", 2023, 24, "exact"),
    ("review_concluded", 2023, 24, "exact"),
    ("review_corrected", 2023, 3, "exact"),
    ("review_correction_rate", 2023, rate(3, 24), "exact"),
    ("litigation_cases", 2023, 11, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("litigation_lost", 2023, 1, "exact"),
    ("litigation_loss_rate", 2023, rate(1, 11), "exact"),
    ("mediation_cases", 2023, 532, "exact"),
    ("mediation_success", 2023, 527, "exact"),
    ("mediation_success_rate", 2023, 99.1, "exact"),
    ("market_entities_new", 2023, 1036, "exact"),
    ("market_entities", 2023, 6215, "exact"),
    ("market_entities_growth", 2023, 9.4, "exact"),
    ("legal_aid_cases", 2023, 86, "exact"),
], """
关于2023年度法治政府建设工作情况的报告

今年以来,在市委、市政府和县委的坚强领导下,我县坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,紧扣法治政府建设目标任务,扎实推进依法行政,各项工作取得积极成效。现将有关情况报告如下:
一、主要工作开展情况
(一)压实法治建设责任。县政府常务会议专题研究法治政府建设工作3次,将法治建设纳入年度目标责任考核,考核权重提高到8%。
(二)加强规范性文件管理。全年审查县政府规范性文件及重要合同45件,提出修改意见120余条,备案审查率100%。
(三)规范行政复议和应诉工作。全年共收到行政复议申请27件,依法受理24件,审结24件,其中维持19件,撤销、确认违法等纠错3件。县政府作为被告的行政诉讼案件11件,行政机关负责人出庭应诉率100%,败诉1件。
(四)扎实开展矛盾纠纷排查化解。全县各级调委会共开展矛盾纠纷排查310次,调解矛盾纠纷532件,调解成功527件,调解成功率99.1%。
(五)持续优化营商环境。全县新增市场主体1,036户,实有市场主体总量达到6,215户,同比增长9.4%。
(六)强化法律援助。全年办理法律援助案件86件,提供法律咨询1,240人次。
二、存在的问题
一是干部运用法治思维解决问题的能力有待提高;二是基层法治工作力量薄弱;三是普法宣传的针对性和实效性不强。
三、下一步工作计划
持续抓好法治政府建设各项任务落实,不断提升全县依法行政水平。

宁陕县人民政府
2024年1月10日
""")

# ---------------------------------------------------------------- traditional characters

report("cangxi_traditional", ("苍溪县", "510824", "county"), 2022, [
    ("review_received", 2022, 96, "exact"),
    ("review_accepted", 2022, 88, "exact"),
    ("review_concluded", 2022, 85, "exact"),
    ("review_corrected", 2022, 11, "exact"),
    ("review_correction_rate", 2022, rate(11, 85), "exact"),
    ("litigation_cases", 2022, 39, "exact"),
    ("court_appearance_rate", 2022, 100, "exact"),
    ("mediation_cases", 2022, 3412, "exact"),
    ("mediation_success", 2022, 3376, "exact"),
    ("mediation_success_rate", 2022, rate(3376, 3412), "exact"),
    ("market_entities_new", 2022, 5630, "exact"),
    ("market_entities", 2022, 42000, "exact"),
    ("legal_aid_cases", 2022, 612, "exact"),
], """
蒼溪縣人民政府關於2022年度法治政府建設情況的報告

2022年,在廣元市委、市政府和縣委的堅強領導下,蒼溪縣堅持以習近平新時代中國特色社會主義思想爲指導,深入學習貫徹習近平法治思想,紮實推進法治政府建設,各項工作取得明顯成效。現將有關情況報告如下。
一、主要工作及成效
(一)加強組織領導。縣政府常務會議專題研究法治政府建設工作4次,制定年度法治政府建設工作要點,細化工作任務32項,並將法治建設納入鄉鎮和部門年度目標考核。
(二)嚴格規範執法。全面落實行政執法公示、執法全過程記錄、重大執法決定法制審核制度,開展行政執法案卷評查,評查案卷260卷,發現並整改問題43個。
(三)強化行政複議應訴。全年共收到行政複議申請96件,受理88件,審結85件,糾錯11件。全縣行政應訴案件39件,行政機關負責人出庭應訴率100%。
(四)化解矛盾糾紛。堅持和發展新時代「楓橋經驗」,全縣人民調解組織共調解矛盾糾紛3,412件,調解成功3,376件,全縣共有人民調解員1,856名。
(五)優化營商環境。深化「放管服」改革,全縣新增市場主體5,630戶,市場主體總量達到4.2萬戶。
(六)加強法律援助。全年辦理法律援助案件612件,爲農民工討回欠薪420餘萬元。
二、存在的問題
部分單位領導幹部法治意識不強,運用法治思維和法治方式推動工作的能力有待提升;基層執法力量不足,執法人員專業素質參差不齊。
三、下一步打算
持續推進法治政府建設,嚴格規範公正文明執法,爲全縣高質量發展提供堅強法治保障。

蒼溪縣人民政府
2023年2月15日
""")

# ---------------------------------------------------------------- a people's-congress review of several years

report("hengshui_congress_review", ("衡水市", "131100", "prefecture"), 2023, [
    ("court_appearance_rate", 2019, 81.2, "exact"),
    ("court_appearance_rate", 2020, 89.5, "exact"),
    ("court_appearance_rate", 2021, 95.3, "exact"),
    ("court_appearance_rate", 2022, 99.1, "exact"),
    ("review_accepted", 2022, 1264, "exact"),
    ("review_concluded", 2022, 1198, "exact"),
    ("review_accepted", 2023, 1037, "at_least"),
    ("market_entities", 2019, 286000, "exact"),
    ("market_entities", 2022, 379000, "exact"),
    ("legal_aid_cases", 2020, 2036, "exact"),
    ("legal_aid_cases", 2022, 2687, "exact"),
], """
关于全市法治政府建设情况的调研报告
——2023年10月26日在衡水市第十五届人民代表大会常务委员会第五次会议上
市人大常委会调研组

根据常委会年度监督工作计划,为做好听取和审议市政府关于法治政府建设情况报告的准备工作,9月中下旬,市人大常委会组成调研组,深入部分县(市、区)和市直部门,通过实地查看、召开座谈会、查阅资料等方式,对全市法治政府建设情况进行了调研。现将调研情况报告如下。
一、基本情况和主要成效
近年来,市政府及各部门深入学习贯彻习近平法治思想,认真落实法治政府建设实施纲要,法治政府建设取得积极进展。
(一)行政应诉工作持续加强。市政府将行政机关负责人出庭应诉纳入法治建设考核,2019年至2022年,全市行政机关负责人出庭应诉率依次为81.2%、89.5%、95.3%和99.1%。2019年以来,全市法院受理以市县政府为被告的一审行政案件3,875件,行政机关败诉412件。
(二)行政复议主渠道作用逐步显现。行政复议体制改革后,全市各级行政复议机关2022年受理行政复议案件1,264件,审结1,198件;今年1-9月,全市受理行政复议案件1,037件,同比增长12.4%。
(三)营商环境持续改善。全市市场主体总量由2019年的28.6万户增长到2022年的37.9万户,年均增长10%左右。
(四)公共法律服务体系日益健全。法律援助案件由2020年的2,036件增加到2022年的2,687件,法律援助工作站实现乡镇全覆盖。
二、存在的问题
一是法治政府建设发展不平衡,一些县(市、区)和部门重视不够;二是行政执法人员素质有待提高,执法不规范问题仍然存在;三是行政复议工作力量与案件量不相匹配。
三、意见和建议
(一)进一步提高思想认识。(二)进一步规范行政执法行为。(三)进一步加强行政复议能力建设。

衡水市人大常委会调研组
2023年10月
""")

# ---------------------------------------------------------------- part-year figures (1-11月, 截至11月底)

report("pingyang_part_year", ("平阳县", "330326", "county"), 2023, [
    ("review_received", 2023, 236, "at_least"),
    ("review_accepted", 2023, 219, "at_least"),
    ("review_concluded", 2023, 201, "at_least"),
    ("litigation_cases", 2023, 58, "at_least"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 5214, "at_least"),
    ("mediation_success", 2023, 5163, "at_least"),
    ("market_entities_new", 2023, 9812, "at_least"),
    ("legal_aid_cases", 2023, 1126, "at_least"),
], """
平阳县2023年法治政府建设工作总结

今年以来,平阳县在温州市委、市政府和县委的坚强领导下,坚持以习近平法治思想为指导,全面落实法治政府建设实施纲要,法治政府建设各项工作有序推进。现将工作情况总结如下。
一、主要工作成效
(一)统筹推进法治政府建设。县委全面依法治县委员会召开全体会议2次,研究部署法治建设重点任务,开展法治政府建设专项督察1轮。
(二)行政复议应诉工作。1-11月,全县共收到行政复议申请236件,受理219件,审结201件。截至11月底,以县政府为被告的一审行政诉讼案件58件。行政机关负责人出庭应诉率保持100%。
(三)矛盾纠纷化解。截至11月底,全县人民调解组织调解矛盾纠纷5,214件,调解成功5,163件,调解成功率99.0%。
(四)市场主体培育。1-11月新增市场主体9,812户;截至11月底,全县实有市场主体12.6万户。
(五)法律援助工作。1至11月,全县办理法律援助案件1,126件,同比增长8.5%。
二、存在的问题
一是法治督察整改落实还不够到位;二是部分乡镇法治力量薄弱,专业人员缺乏。
三、2024年工作思路
(一)深化法治政府示范创建。
(二)力争全年行政复议案件办理量保持在300件左右,调解成功率保持在98%以上。

平阳县人民政府办公室
2023年12月8日
""")

# ---------------------------------------------------------------- distractors galore

report("ganzhou_distractors", ("赣州市", "360700", "prefecture"), 2022, [
    ("review_received", 2022, 2416, "exact"),
    ("review_accepted", 2022, 2208, "exact"),
    ("review_concluded", 2022, 2175, "exact"),
    ("review_corrected", 2022, 246, "exact"),
    ("review_correction_rate", 2022, rate(246, 2175), "exact"),
    ("litigation_cases", 2022, 1538, "exact"),
    ("court_appearance_rate", 2022, 99.2, "exact"),
    ("mediation_cases", 2022, 43500, "exact"),
    ("mediation_success", 2022, 42800, "exact"),
    ("mediation_success_rate", 2022, rate(42800, 43500), "exact"),
    ("legal_aid_cases", 2022, 12000, "exact"),
], """
赣州市2022年法治政府建设情况报告

2022年,赣州市坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,认真落实中央和省委、省政府关于法治政府建设的部署要求,法治政府建设取得新成效。现将有关情况报告如下。
一、主要工作成效
(一)规范行政复议工作。全年全市行政复议机关收到行政复议申请2,416件,受理2,208件,审结2,175件,纠错246件,纠错率同比下降3.2个百分点。制发行政复议意见书42份、建议书17份。经复议后被起诉率为6.3%,行政复议案件调处率85.2%。
(二)加强行政应诉工作。全市行政机关作为被告的一审行政诉讼案件1,538件,行政机关负责人出庭应诉率达99.2%,一审胜诉率91.5%,败诉率较上年下降1.6个百分点。
(三)深化多元化解。全市有人民调解委员会3,428个,专兼职调解员1.9万名,全年排查矛盾纠纷2.7万次,调解矛盾纠纷4.35万件,调解成功4.28万件,矛盾纠纷化解率97.8%,开展调解业务培训8,500人次。
(四)服务市场主体。开展“法律服务进万企”活动,服务市场主体1.6万家,帮扶企业解决法律问题3,200个。全市市场主体净增5.1万户。
(五)法律援助。全市法律援助机构办理法律援助案件1.2万件,接待法律咨询6.8万人次,建成法律援助工作站312个,受援人数1.3万人。
二、存在的问题
部分县(市、区)行政复议案件纠错率偏高,行政执法规范化水平有待提升。
一些部门对法治政府建设的认识还不到位,运用法治思维和法治方式深化改革、化解矛盾的能力有待增强。
三、2023年工作计划
2023年任务目标是全市办理法律援助案件1.3万件,力争行政机关负责人出庭应诉率保持100%,调解成功率达到98%以上。

赣州市人民政府
2023年3月15日
""")

# ---------------------------------------------------------------- 万/亿 and Chinese numerals

report("nanping_numerals", ("南平市", "350700", "prefecture"), 2021, [
    ("review_received", 2021, 1230, "exact"),
    ("review_accepted", 2021, 1108, "exact"),
    ("review_concluded", 2021, 1056, "exact"),
    ("review_corrected", 2021, 69, "exact"),
    ("review_correction_rate", 2021, rate(69, 1056), "exact"),
    ("litigation_cases", 2021, 487, "exact"),
    ("court_appearance_rate", 2021, 98.6, "exact"),
    ("mediation_cases", 2021, 13600, "exact"),
    ("mediation_success", 2021, 13300, "exact"),
    ("mediation_success_rate", 2021, rate(13300, 13600), "exact"),
    ("market_entities", 2021, 268000, "exact"),
    ("market_entities_growth", 2021, 12.6, "exact"),
    ("market_entities_new", 2021, 43000, "exact"),
    ("legal_aid_cases", 2021, 3000, "at_least"),
], """
南平市人民政府关于2021年法治政府建设情况的报告

2021年,南平市深入学习贯彻习近平法治思想,在省委、省政府和市委的坚强领导下,全面推进法治政府建设,为建设绿色发展示范区提供有力法治保障。现将有关情况报告如下:
一、推进法治政府建设的主要举措和成效
(一)完善依法行政制度体系。全年审查市政府规范性文件二十三件,清理规范性文件一百一十六件,废止十一件。
(二)深化行政复议体制改革。全市行政复议机关共收到行政复议申请一千二百三十件,受理一千一百零八件,审结一千零五十六件,直接纠错六十九件。
(三)做好行政应诉工作。全市一审行政诉讼案件四百八十七件,行政机关负责人出庭应诉率百分之九十八点六。
(四)预防化解社会矛盾。全市人民调解组织调解矛盾纠纷1.36万件,调解成功1.33万件,涉及金额1.2亿元。
(五)优化法治化营商环境。全市实有市场主体26.8万户,同比增长12.6%,全年新增市场主体4.3万户,减税降费3.6亿元,惠及小微企业12.6万户。
(六)强化公共法律服务。全市办理法律援助案件逾三千件,为受援人挽回经济损失八千余万元。
二、存在的问题
一是法治政府建设的系统性有待加强;二是行政执法队伍素质与新形势新任务要求还有差距;三是法治宣传教育的针对性有待增强。
三、2022年工作打算
紧紧围绕市委、市政府中心工作,持续推进法治政府建设,努力打造法治政府建设南平样板。

南平市人民政府
2022年3月30日
""")

# ---------------------------------------------------------------- a web page dated only by its publication time

report("gusu_web_page", ("姑苏区", "320508", "county"), 2023, [
    ("review_received", 2023, 268, "exact"),
    ("review_accepted", 2023, 241, "exact"),
    ("review_concluded", 2023, 236, "exact"),
    ("review_correction_rate", 2023, 9.7, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 10000, "approx"),
    ("market_entities_new", 2023, 6842, "exact"),
    ("market_entities", 2023, 56000, "exact"),
    ("market_entities_growth", 2023, 4.8, "exact"),
    ("legal_aid_cases", 2023, 1000, "at_least"),
], """
首页 > 政务公开 > 法治政府建设
姑苏区人民政府关于法治政府建设工作情况的报告
发布时间:2024-01-15 来源:区司法局 浏览次数:
【字体:大 中 小】

一年来,姑苏区在苏州市委、市政府和区委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,紧扣古城保护与更新工作大局,扎实推进法治政府建设。现将有关情况报告如下:
一、主要工作举措和成效
(一)加强党对法治政府建设的领导。区政府常务会议专题研究法治政府建设工作4次,区政府主要负责同志专题述法1次。
(二)行政复议和应诉。全年区政府收到行政复议申请268件,受理241件,审结236件,纠错率为9.7%;行政机关负责人出庭应诉率100%。
(三)矛盾纠纷化解。全区各级调解组织共调解矛盾纠纷近万件,联合街道、社区开展矛盾纠纷排查1,500余次。
(四)营商环境。全区新增市场主体6,842户,实有市场主体总量5.6万户,同比增长4.8%。
(五)法律援助。全年办理法律援助案件逾千件,开展法律援助进社区活动60余场。
二、存在的不足
一是古城保护相关领域执法协同有待加强;二是基层法治人才队伍建设仍需加强。
三、下一步工作打算
2024年,区政府将持续深化法治政府建设,推动古城保护更新工作在法治轨道上运行。

苏州市姑苏区人民政府
2024年1月10日
""")

# ---------------------------------------------------------------- flows, stocks and screening

report("renhuai_flows", ("仁怀市", "520382", "county"), 2022, [
    ("market_entities_new", 2022, 8210, "exact"),
    ("market_entities_growth", 2022, 5.0, "exact"),
    ("mediation_success", 2022, 2287, "exact"),
    ("review_received", 2022, 158, "exact"),
    ("review_accepted", 2022, 142, "exact"),
    ("review_concluded", 2022, 137, "exact"),
    ("litigation_cases", 2022, 64, "exact"),
    ("litigation_lost", 2022, 3, "exact"),
    ("litigation_loss_rate", 2022, rate(3, 64), "exact"),
    ("legal_aid_cases", 2022, 738, "exact"),
], """
仁怀市2022年法治政府建设情况报告

2022年,仁怀市在遵义市委、市政府和仁怀市委的坚强领导下,深入学习贯彻习近平法治思想,认真落实法治政府建设实施纲要,为建设世界酱香白酒产业核心区提供有力法治保障。现将有关情况报告如下。
一、主要工作成效
(一)持续优化营商环境。深化商事制度改革,全市新增市场主体8,210户,总量同比增长5.0%。新增市场主体数量同比增长11.6%,其中新增企业2,046户。
(二)扎实化解矛盾纠纷。全市排查调处矛盾纠纷2,315件,调处成功2,287件,调处率98.8%。
(三)依法办理行政复议案件。全年收到行政复议申请158件,受理142件,不予受理9件,审结137件。
(四)加强行政应诉工作。全市行政机关作为被告的一审行政诉讼案件64件,败诉3件,其中市政府本级败诉1件。
(五)完善公共法律服务。全年办理法律援助案件738件,其中民事案件512件。全市有律师事务所12家、执业律师186名。
二、存在的困难和问题
一是部分领导干部法治思维不强;二是基层行政执法能力与任务不相匹配;三是法治宣传教育覆盖面有待拓宽。
对照上级要求和群众期盼,我市法治政府建设还有不少短板,需要在今后工作中认真加以解决。
三、2023年工作打算
2023年,我市将聚焦法治政府建设重点任务,力争新增市场主体1万户以上。

仁怀市人民政府
2023年2月8日
""")


# ---------------------------------------------------------------- a municipality quoting its districts

report("tianjin_municipality", ("天津市", "120000", "province"), 2023, [
    ("market_entities", 2023, 1587000, "exact"),
    ("market_entities_growth", 2023, 6.3, "exact"),
    ("market_entities_new", 2023, 272000, "exact"),
    ("review_received", 2023, 9536, "exact"),
    ("review_concluded", 2023, 8874, "exact"),
    ("review_correction_rate", 2023, 10.4, "exact"),
    ("court_appearance_rate", 2023, 99.6, "exact"),
    ("mediation_cases", 2023, 152000, "exact"),
    ("mediation_success", 2023, 149000, "exact"),
    ("mediation_success_rate", 2023, 98.0, "exact"),
    ("legal_aid_cases", 2023, 31000, "exact"),
], """
天津市人民政府关于天津市2023年法治政府建设情况的报告

2023年,市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,在市委坚强领导下,在市人大及其常委会监督下,全面推进法治政府建设。现将有关情况报告如下:
一、2023年推进法治政府建设的主要举措和成效
(一)深入学习贯彻习近平法治思想。市政府常务会议学习习近平法治思想和党内法规、法律法规12次,举办领导干部法治专题讲座4期。
(二)持续优化法治化营商环境。深入实施营商环境优化提升行动,全市实有各类经营主体158.7万户,比上年末增长6.3%;新设立经营主体27.2万户。
(三)加强行政复议和应诉工作。全市各级行政复议机构新收行政复议案件9,536件,审结8,874件,审结率93.1%,直接纠错率为10.4%。和平区、河西区、滨海新区新收案件分别为612件、587件和1,205件。全市行政机关负责人出庭应诉案件6,310件次,出庭应诉率为99.6%。
(四)推进矛盾纠纷多元化解。全市各级人民调解组织受理矛盾纠纷15.2万件,调解成功14.9万件,成功率98.0%。
(五)完善公共法律服务体系。全市法律援助机构共组织办理法律援助案件3.1万件,受援群众3.4万人次。
二、存在的不足
一是法治政府建设的系统性、整体性、协同性有待增强;二是行政执法质量和效能有待提升;三是一些领导干部运用法治思维和法治方式的能力还需提高。
对照人民群众的新期待,法治政府建设还有不少需要改进的地方,我们将认真研究解决。
三、2024年工作安排
2024年,市政府将持续推进法治政府建设,力争行政复议直接纠错率稳定在合理区间,行政机关负责人出庭应诉率保持在98%以上。

天津市人民政府
2024年3月29日
""")

# ---------------------------------------------------------------- an autonomous prefecture (全州)

report("enshi_prefecture", ("恩施土家族苗族自治州", "422800", "prefecture"), 2022, [
    ("market_entities", 2022, 336000, "exact"),
    ("market_entities_growth", 2022, 7.9, "exact"),
    ("market_entities_new", 2022, 52000, "exact"),
    ("review_received", 2022, 1672, "exact"),
    ("review_accepted", 2022, 1523, "exact"),
    ("review_concluded", 2022, 1488, "exact"),
    ("review_corrected", 2022, 176, "exact"),
    ("review_correction_rate", 2022, 11.8, "exact"),
    ("litigation_cases", 2022, 1104, "exact"),
    ("litigation_lost", 2022, 97, "exact"),
    ("litigation_loss_rate", 2022, 8.8, "exact"),
    ("court_appearance_rate", 2022, 100, "exact"),
    ("mediation_cases", 2022, 28600, "exact"),
    ("mediation_success_rate", 2022, 99.2, "exact"),
    ("legal_aid_cases", 2022, 6854, "exact"),
], """
恩施州2022年法治政府建设情况报告

2022年,全州各级政府及其部门坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,在省委、省政府和州委的坚强领导下,扎实推进法治政府建设,为全州经济社会高质量发展提供了有力法治保障。
一、主要工作及成效
(一)坚持党的领导,压实法治建设责任。州政府常务会议专题研究法治政府建设工作5次,州政府主要领导带头履行法治建设第一责任人职责,组织开展年度述法评议。
(二)依法全面履行政府职能。全州登记在册市场主体达到33.6万户,较上年增长7.9%,全年新登记各类市场主体5.2万户。全省市场主体增速排名中,我州位居第4位。
(三)强化行政复议监督功能。全州行政复议机关全年收到复议申请1,672件,立案受理1,523件,审结1,488件,依法撤销、变更、确认违法和责令履行176件,综合纠错率11.8%。其中州政府本级受理复议案件346件。
(四)规范行政应诉。全州法院受理以行政机关为被告的一审行政案件1,104件,行政机关败诉案件97件,败诉率8.8%,行政机关负责人出庭应诉率保持100%。
(五)深化矛盾纠纷化解。全州2,589个人民调解组织共调解各类矛盾纠纷2.86万件,调解成功率达到99.2%,其中利川市调解纠纷5,326件。
(六)提升法律服务质效。全州共办理法律援助案件六千八百五十四件,较上年增长6.2%;为农民工讨薪1,850万元。
二、存在的问题
一是少数部门和单位主要负责人法治意识不强;二是基层行政执法人员业务能力有待提升;三是行政复议案件办理质量需进一步提高。
三、2023年工作打算
持续深化法治恩施建设,力争行政机关负责人出庭应诉率保持100%。

恩施土家族苗族自治州人民政府
2023年3月10日
""")

# ---------------------------------------------------------------- a county quoting its city's total

report("changxing_county", ("长兴县", "330522", "county"), 2023, [
    ("review_received", 2023, 263, "exact"),
    ("review_accepted", 2023, 247, "exact"),
    ("review_concluded", 2023, 239, "exact"),
    ("review_corrected", 2023, 29, "exact"),
    ("review_correction_rate", 2023, rate(29, 239), "exact"),
    ("litigation_cases", 2023, 89, "exact"),
    ("litigation_lost", 2023, 4, "exact"),
    ("litigation_loss_rate", 2023, rate(4, 89), "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 6204, "exact"),
    ("mediation_success", 2023, 6171, "exact"),
    ("mediation_success_rate", 2023, rate(6171, 6204), "exact"),
    ("market_entities_new", 2023, 13000, "exact"),
    ("market_entities", 2023, 114000, "exact"),
    ("legal_aid_cases", 2023, 1386, "exact"),
], """
长兴县人民政府关于2023年度法治政府建设工作情况的报告

2023年,长兴县在湖州市委、市政府和县委的坚强领导下,深入学习贯彻习近平法治思想,全面落实中央、省、市关于法治政府建设的决策部署,奋力打造法治中国示范区县域样板。现将有关情况报告如下:
一、2023年度法治政府建设工作成效
(一)持续深化“县乡一体、条抓块统”改革。全县组建乡镇综合行政执法队16支,执法人员下沉比例达到70%以上。
(二)依法化解行政争议。全年县政府收到行政复议申请263件,受理247件,办结239件,纠错29件,调解和解结案58件。全市行政复议案件受理数为1,326件,我县占18.6%。
(三)做好行政应诉。全县一审行政诉讼收案89件,审结84件,行政机关败诉4件,出庭应诉率100%。
(四)推进社会矛盾纠纷调处化解。县矛调中心共接待群众来访1.2万人次,受理各类矛盾纠纷8,612件,化解8,395件,化解率97.5%;全县各级人民调解委员会调解纠纷6,204件,调解成功6,171件。
(五)优化营商环境。全年新设市场主体1.3万户,全县市场主体总量达11.4万户。
(六)深化公共法律服务。全年办理法律援助案件1,386件,开展法治宣传活动320余场。
二、存在的问题和不足
一是法治政府建设存在不平衡现象;二是部分执法人员依法行政能力不足;三是行政复议纠错率仍然偏高。
三、2024年工作思路
2024年,我县将紧紧围绕法治政府建设目标任务,持续提升依法行政水平。

长兴县人民政府
2024年2月2日
""")

# ---------------------------------------------------------------- an autonomous region (全区 is the province)

report("guangxi_region", ("广西壮族自治区", "450000", "province"), 2022, [
    ("review_received", 2022, 15200, "exact"),
    ("review_accepted", 2022, 13600, "exact"),
    ("review_concluded", 2022, 13100, "exact"),
    ("review_correction_rate", 2022, 9.2, "exact"),
    ("litigation_cases", 2022, 10800, "exact"),
    ("court_appearance_rate", 2022, 98.9, "exact"),
    ("litigation_loss_rate", 2022, 7.6, "exact"),
    ("mediation_cases", 2022, 317000, "exact"),
    ("mediation_success", 2022, 311000, "exact"),
    ("mediation_success_rate", 2022, rate(311000, 317000), "exact"),
    ("market_entities", 2022, 3276000, "exact"),
    ("market_entities_growth", 2022, 10.5, "exact"),
    ("market_entities_new", 2022, 579000, "exact"),
    ("legal_aid_cases", 2022, 63000, "exact"),
], """
广西壮族自治区人民政府关于2022年法治政府建设情况的报告

2022年,自治区人民政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻习近平法治思想,认真落实党中央、国务院关于法治政府建设的决策部署,在自治区党委的坚强领导下,推动全区法治政府建设取得新进展新成效。现将有关情况报告如下:
一、主要工作成效
(一)提高依法行政制度建设质量。全年提请自治区人大常委会审议地方性法规草案9件,制定修订政府规章6件,审查备案规范性文件328件。
(二)深化行政复议体制改革。全区行政复议机关共收到行政复议申请1.52万件,受理1.36万件,审结1.31万件,综合纠错率9.2%。自治区本级收到行政复议申请1,038件,受理936件。南宁、柳州、桂林三市受理案件分别占全区的21%、12%和10%。
(三)加强行政应诉。全区一审行政诉讼案件1.08万件,行政机关负责人出庭应诉率98.9%,同比提高3.1个百分点;行政机关败诉率7.6%,同比下降0.8个百分点。
(四)推动矛盾纠纷多元化解。全区各级人民调解组织共排查矛盾纠纷12.3万次,调解矛盾纠纷31.7万件,调解成功31.1万件。
(五)优化营商环境。全区实有市场主体达到327.6万户,同比增长10.5%,新登记市场主体57.9万户,其中新登记企业13.6万户。
(六)完善公共法律服务。全区办理法律援助案件6.3万件,受援人数7.1万人。
二、存在的问题
一是法治政府建设推进还不平衡;二是行政执法规范化水平有待提高;三是依法行政能力有待进一步提升。
三、2023年工作安排
2023年,自治区人民政府将继续深入推进法治政府建设,确保全区行政机关负责人出庭应诉率达到100%。

广西壮族自治区人民政府
2023年3月31日
""")


# ---------------------------------------------------------------- running them


def run(rep: Report):
    return process_bytes(rep.text.encode("utf-8"), f"{rep.name}.txt")


def found_rows(rep: Report, facts) -> set[Row]:
    return {
        (f.indicator, f.year if f.year is not None else rep.year, round(f.value, 2), f.qualifier)
        for f in facts
        if f.period == PERIOD_YEAR
    }


def expected_rows(rep: Report) -> set[Row]:
    return {(i, y, round(float(v), 2), q) for i, y, v, q in rep.rows}


@pytest.mark.parametrize("rep", REPORTS, ids=[r.name for r in REPORTS])
def test_report_is_located(rep: Report):
    _, loc, _ = run(rep)
    assert loc.place is not None, loc.message
    assert (loc.place.name, loc.place.adcode, loc.place.level) == rep.place
    assert loc.year == rep.year


@pytest.mark.parametrize("rep", REPORTS, ids=[r.name for r in REPORTS])
def test_report_yields_exactly_its_values(rep: Report):
    _, _, facts = run(rep)
    found, expected = found_rows(rep, facts), expected_rows(rep)
    assert sorted(found - expected) == [], "wrong or extra"
    assert sorted(expected - found) == [], "missing"


def test_there_are_enough_reports():
    assert len(REPORTS) >= 12
    assert all(15 <= len([ln for ln in r.text.splitlines() if ln.strip()]) <= 40 for r in REPORTS)


def score() -> tuple[int, int, int]:
    """(right, missing, wrong-or-extra) over every report; prints the details."""
    right = missing = wrong = 0
    for rep in REPORTS:
        _, loc, facts = run(rep)
        place = loc.place.name if loc.place else None
        if place != rep.place[0] or loc.year != rep.year:
            print(f"{rep.name}: located as {place} {loc.year}, expected {rep.place[0]} {rep.year}")
        found, expected = found_rows(rep, facts), expected_rows(rep)
        right += len(found & expected)
        missing += len(expected - found)
        wrong += len(found - expected)
        for row in sorted(expected - found):
            print(f"{rep.name}: MISSING {row}")
        for row in sorted(found - expected):
            print(f"{rep.name}: WRONG   {row}")
    print(f"right {right}  missing {missing}  wrong {wrong}")
    return right, missing, wrong


if __name__ == "__main__":
    score()
