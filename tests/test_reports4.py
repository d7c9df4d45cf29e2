# ruff: noqa: E501 - the reports are prose, one paragraph per line, as published
"""A fourth set of whole mock reports through the real pipeline (see test_reports.py to test_reports3.py).

This set is about precision and older phrasing: 2016–2019-era reports ("全年共办理行政复议案件…件,其中
受理…件,审结…件,审结率…%", "新收行政复议案件", "依法审理行政复议案件", "同比上升…%", "出庭应诉率由…%
提升至…%", "行政首长出庭应诉…次"); numbers standing next to indicator words that count something else
(复议工作人员, 听证, 决定书, 旁听, 法律援助机构和工作站, 值班律师, 市场主体培训, 减税降费, 惠及市场主体,
调解员, 调解委员会, 排查, 12348热线, 标的额); dates and ordinals (第十九届, 二十大, 十四五, 3月15日,
第3季度, 第2次, A级); rates that are not ours (满意度, 按期办结率, 公示率, 案卷评查合格率, 审查率, 回复率);
and a two-year comparison written as prose ("2022年…件、2023年…件").

Decisions: "出庭应诉率由85.2%提升至100%" with no year names only the later figure (this year's); the
earlier one may be any earlier year and is not reported. "办理行政复议案件…件,其中受理…件" — the handled
total is neither received nor accepted and is not reported. "依法审理…件" is heard, not concluded.

Places and figures are invented for these tests; none is taken from a sample report. A row is
(indicator, year, value, qualifier); derived rates (two decimals) are rows too. Running totals are not
compared. `python tests/test_reports4.py` prints the score.
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
    parent: str = ""  # the parent's name, when the test checks it


def rate(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


REPORTS: list[Report] = []


def report(name: str, place: tuple[str, str, str], year: int, rows: list[Row], text: str, parent: str = "") -> None:
    REPORTS.append(Report(name, text.strip("\n"), place, year, tuple(rows), parent))


# ---------------------------------------------------------------- a 2017 county report: 办理…其中受理…审结…审结率 (桐庐县)

report("tonglu_2017_handled", ("桐庐县", "330122", "county"), 2017, [
    ("review_accepted", 2017, 79, "exact"),
    ("review_concluded", 2017, 74, "exact"),
    ("court_appearance_rate", 2017, 100, "exact"),
    ("litigation_cases", 2017, 41, "exact"),
    ("litigation_lost", 2017, 3, "exact"),
    ("litigation_loss_rate", 2017, rate(3, 41), "exact"),
    ("legal_aid_cases", 2017, 356, "at_least"),  # 1月至11月: part of the year, a lower bound
], """
桐庐县人民政府关于2017年度法治政府建设工作情况的报告

杭州市人民政府:
2017年,县政府以党的十九大精神为指引,认真贯彻落实《法治政府建设实施纲要(2015-2020年)》,扎实推进依法行政,法治政府建设各项工作取得新成效。现将有关情况报告如下:
一、2017年法治政府建设工作情况
(一)加强组织领导。县政府常务会议专题听取法治政府建设工作汇报2次,召开全县依法行政工作会议1次,将法治政府建设纳入乡镇(街道)和部门年度综合考核。
(二)推进依法决策。制定《桐庐县重大行政决策程序规定》,县政府法律顾问全年审查合同协议156份,出具法律意见书83份。
(三)加强行政复议工作。县行政复议局配备行政复议工作人员6名,全年共办理行政复议案件86件,其中受理79件,审结74件,审结率93.7%。组织复议听证12场,制作行政复议决定书68份,行政复议意见书和建议书9份。
(四)做好行政应诉工作。全县法院受理以县政府及部门为被告的行政诉讼案件41件,败诉3件。全县行政机关负责人出庭应诉率由85.2%提升至100%,行政首长出庭应诉23次,组织行政诉讼案件旁听4次,参加旁听人员320人次。
(五)严格规范执法。全面推行行政执法公示制度,开展行政执法案卷评查,评查案卷215卷,案卷评查合格率96.3%。
(六)强化法治宣传。组织开展“12·4”国家宪法日宣传活动,举办“法律进乡村”活动52场次。今年1月至11月,全县办理法律援助案件356件。
(七)推进政务公开。主动公开政府信息3,120条,依申请公开办理回复率100%。
(八)加强队伍建设。组织全县行政执法人员参加法律知识考试,参考人员1,026名,合格率98.6%。
二、存在的问题
一是部分部门依法行政意识有待提高;二是基层执法力量相对薄弱;三是行政复议案件办理质量有待提升。
三、2018年工作思路
力争全县行政机关负责人出庭应诉率保持100%,行政复议案件审结率达到95%以上。

桐庐县人民政府
2018年1月25日
""", parent="杭州市")

# ---------------------------------------------------------------- a 2018 city report: 新收, 同比上升, 依法审理, 由…的…提升至… (株洲市)

report("zhuzhou_2018_newly_received", ("株洲市", "430200", "prefecture"), 2018, [
    ("review_received", 2018, 512, "exact"),
    ("review_corrected", 2018, 61, "exact"),
    ("court_appearance_rate", 2017, 78.6, "exact"),
    ("court_appearance_rate", 2018, 92.4, "exact"),
    ("legal_aid_cases", 2018, 3215, "exact"),
], """
株洲市人民政府关于2018年法治政府建设情况的报告

湖南省人民政府:
2018年,市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中全会精神,深入推进依法行政,加快建设法治政府。现将有关情况报告如下。
一、主要工作情况
(一)完善制度体系。制定政府规章2部,审查市政府规范性文件32件,规范性文件审查率100%。
(二)深化“放管服”改革。取消和下放行政审批事项41项,市级政务服务事项“最多跑一次”比例达到92%。
(三)发挥行政复议监督作用。全市各级行政复议机关新收行政复议案件512件,同比上升12.3%;依法审理行政复议案件498件,其中作出撤销、变更、确认违法决定61件。全市行政复议机关现有专兼职行政复议人员43名。
(四)规范行政应诉。全市行政机关负责人出庭应诉率由2017年的78.6%提升至92.4%。组织全市行政执法人员旁听行政诉讼案件庭审15次,参加旁听1,200人次。
(五)完善公共法律服务。全市建成法律援助机构12个、法律援助工作站136个,派驻法律援助值班律师85名。全年办理法律援助案件3,215件,12348热线接听群众咨询2.3万人次。
(六)加强法治宣传。深入开展“七五”普法,市政府常务会议会前学法8次。
(七)强化行政执法监督。开展行政执法案卷评查,抽查案卷380卷,对发现的问题下发整改通知书14份。
(八)推进政务公开。主动公开政府信息2.6万条,政府信息公开申请按期答复率100%。
二、存在的不足
一是行政执法规范化水平仍需提高;二是基层法治机构力量不足;三是法治宣传的针对性有待增强。
三、2019年工作打算
力争全市行政复议纠错率保持在合理区间,行政机关负责人出庭应诉率达到95%以上。

株洲市人民政府
2019年3月8日
""")

# ---------------------------------------------------------------- a 2019 county report heavy on mediation: 调委会, 调解员, 排查, 标的额 (长兴县)

report("changxing_2019_mediation", ("长兴县", "330522", "county"), 2019, [
    ("mediation_cases", 2019, 4870, "exact"),
    ("mediation_success", 2019, 4792, "exact"),
    ("mediation_success_rate", 2019, 98.4, "exact"),
    ("review_received", 2019, 168, "exact"),
    ("review_accepted", 2019, 152, "exact"),
], """
长兴县人民政府关于2019年度法治政府建设情况的报告

2019年,县政府在县委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届四中全会精神,深入推进法治政府建设。现将有关情况报告如下。
一、主要工作和成效
(一)健全依法决策机制。全年提交县政府常务会议审议的重大行政决策事项全部经过合法性审查,县政府法律顾问列席常务会议24次。
(二)推进矛盾纠纷多元化解。全县共有人民调解委员会326个,专兼职调解员1,580人,全年开展矛盾纠纷排查1,260次。全县人民调解组织调解各类矛盾纠纷4,870件,调解成功4,792件,调解成功率98.4%,涉及标的额3,560万元,人民调解群众满意度98.5%。
(三)做好行政复议工作。县政府全年收到行政复议申请168件,受理152件,按期办结率100%。
(四)加强行政应诉。县政府领导出庭应诉3次,各部门负责人出庭应诉17人次。
(五)提升公共法律服务水平。12348热线接听群众来电8,650人次,村(社区)法律顾问实现全覆盖。
(六)开展法治宣传。3月15日组织开展消费者权益日法治宣传活动,设立咨询点42个,发放资料1.2万份。
(七)规范行政执法。全面落实行政执法“三项制度”,行政执法公示率100%,重大执法决定法制审核率100%。
(八)加强政务诚信建设。清理政府机构失信问题,政府合同履约率100%。
(九)推进基层法治。开展民主法治村(社区)创建,新创建省级民主法治村5个。
二、存在的问题
一是基层法治力量不足;二是部分执法人员法治素养有待提升。
三、2020年工作打算
力争全县矛盾纠纷调解成功率保持在98%以上。

长兴县人民政府
2020年2月20日
""", parent="湖州市")

# ---------------------------------------------------------------- market entities among relief and training figures (绵阳市)

report("mianyang_2023_market", ("绵阳市", "510700", "prefecture"), 2023, [
    ("market_entities", 2023, 586000, "exact"),
    ("market_entities_growth", 2023, 7.2, "exact"),
    ("market_entities_new", 2023, 89000, "exact"),
    ("review_received", 2023, 1268, "exact"),
    ("review_accepted", 2023, 1124, "exact"),
    ("review_concluded", 2023, 1087, "exact"),
    ("court_appearance_rate", 2023, 98.6, "exact"),
], """
绵阳市人民政府关于2023年度法治政府建设情况的报告

2023年,市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,统筹推进“十四五”规划实施和法治政府建设。现将有关情况报告如下。
一、2023年法治政府建设主要举措和成效
(一)持续优化法治化营商环境。全面落实减税降费政策,全年为市场主体减负12.6亿元,惠及市场主体8.3万户。开展市场主体培训46场次,走访服务市场主体1.2万户。截至2023年底,全市实有市场主体58.6万户,同比增长7.2%,全年新增市场主体8.9万户。
(二)推进信用监管。全市A级纳税人达到1.9万户,2023年第3季度营商环境监测排名全省第2位。
(三)完善依法行政制度。市政府召开第2次法治政府建设推进会,审查规范性文件46件,备案审查率100%。
(四)发挥行政复议主渠道作用。全市行政复议机关收到行政复议申请1,268件,受理1,124件,审结1,087件。召开行政复议听证会38场,邀请行政复议咨询委员参与案件审议25人次。
(五)规范行政执法。全面推行行政执法“三项制度”,行政执法公示率100%,案卷评查合格率97.2%。
(六)提升法治素养。市政府常务会议会前学法10次,组织领导干部旁听庭审1,350人次。
(七)推进政务公开。办理人大代表建议和政协委员提案426件,按期办结率100%,代表委员满意率99.1%。
(八)化解行政争议。全市行政机关负责人出庭应诉率达到98.6%,较上年提高1.2个百分点。
(九)加强法治宣传。落实“谁执法谁普法”普法责任制,开展“法律进企业”活动156场次,服务企业3,200家。
二、存在的问题
一是法治化营商环境仍有短板;二是行政执法队伍专业化水平有待提高。
三、2024年工作安排
力争全市市场主体总量突破62万户。

绵阳市人民政府
2024年2月28日
""")

# ---------------------------------------------------------------- a two-year comparison written as prose (宜都市)

report("yidu_2023_two_years", ("宜都市", "420581", "county"), 2023, [
    ("review_received", 2022, 386, "exact"),
    ("review_received", 2023, 452, "exact"),
    ("mediation_cases", 2022, 6120, "exact"),
    ("mediation_cases", 2023, 6874, "exact"),
    ("litigation_cases", 2023, 97, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 612, "exact"),
], """
宜都市人民政府关于2023年法治政府建设情况的报告

宜昌市人民政府:
2023年,市政府坚持以习近平法治思想为指导,全面贯彻党的二十大精神,持续推进法治政府建设。现将有关情况报告如下。
一、主要工作成效
(一)行政复议案件持续增长。全市行政复议机关收到行政复议申请2022年386件、2023年452件,案件数量逐年增加。
(二)矛盾纠纷调解。全市人民调解组织调解矛盾纠纷2022年6,120件、2023年6,874件,人民调解员队伍达到1,210人。
(三)行政应诉。全市一审行政诉讼案件97件,行政机关负责人出庭应诉率100%,第十九届市人大常委会组织旁听庭审2次。
(四)法律援助。全年办理法律援助案件612件,法律援助值班律师32名,法律援助工作站16个。
(五)规范性文件管理。市政府规范性文件合法性审查率100%,备案率100%,及时纠正问题文件3件。
(六)政务公开。主动公开政府信息4,326条,依申请公开回复率100%。
(七)依法决策。重大行政决策事项全部履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
(八)法治宣传。开展“宪法宣传周”活动62场次,覆盖群众3.1万人次。
(九)执法监督。组织行政执法案卷评查,评查案卷186卷,优秀率42%。
(十)基层法治。创建省级民主法治示范村(社区)3个,全市“法律明白人”达到2,460名。
二、存在的问题
一是法治政府建设工作发展不平衡;二是部分单位对行政复议决定履行不够及时。
三、2024年工作打算
深入推进法治政府建设,力争行政复议案件数量稳中有降。

宜都市人民政府
2024年3月1日
""", parent="宜昌市")

# ---------------------------------------------------------------- a 2016 city report: 同比上升, 审结率, 行政首长出庭应诉…次 (邯郸市)

report("handan_2016_old", ("邯郸市", "130400", "prefecture"), 2016, [
    ("review_accepted", 2016, 326, "exact"),
    ("review_concluded", 2016, 301, "exact"),
    # "…;通过撤销、变更、确认违法纠错38件": the part after ';' names no subject and the catalogue lets
    # only list items ("二是…", "2.…") inherit one across a semicolon (test_extract: "…352件;受理260件").
    ("litigation_cases", 2016, 574, "exact"),
    ("court_appearance_rate", 2016, 45.6, "exact"),
], """
邯郸市人民政府关于2016年法治政府建设工作情况的报告

河北省人民政府:
2016年,市政府认真贯彻落实党的十八届四中、五中、六中全会精神和《法治政府建设实施纲要(2015-2020年)》,全面推进依法行政,法治政府建设取得明显进展。现将有关情况报告如下:
一、工作开展情况
(一)健全依法行政领导体制。调整市推进依法行政工作领导小组,召开领导小组会议3次,将依法行政纳入“十三五”规划。
(二)完善行政决策机制。市政府常务会议审议重大行政决策事项27项,均经过合法性审查,聘请政府法律顾问9名。
(三)发挥行政复议层级监督作用。全市共受理行政复议案件326件,同比上升15.2%;审结行政复议案件301件,审结率92.3%;通过撤销、变更、确认违法纠错38件。全市行政复议机构共有工作人员58名。
(四)做好行政应诉工作。全市行政机关应诉案件574件,同比增长21.4%。全年行政首长出庭应诉35次,行政机关负责人出庭应诉率45.6%。
(五)推行行政执法责任制。开展行政执法案卷评查,评查案卷1,236卷,合格率94.8%;全市行政执法人员持证率100%。
(六)推进政务公开。全市主动公开政府信息5.8万条,依申请公开按期答复率98.6%,群众满意度96.2%。
(七)加强法治宣传教育。启动“七五”普法,组织市政府常务会议会前学法6次,举办领导干部法治讲座4场。
(八)化解社会矛盾。全市开展矛盾纠纷排查4,310次,信访事项按期办结率95.3%。
(九)加强政府法制机构建设。市、县两级政府法制机构工作人员达到186名。
二、存在的问题
一是行政执法体制改革有待深化;二是行政机关负责人出庭应诉率偏低。
三、2017年工作打算
力争行政机关负责人出庭应诉率达到60%以上。

邯郸市人民政府
2017年2月15日
""")

# ---------------------------------------------------------------- rates that are not ours, among a few that are (芜湖市)

report("wuhu_2022_other_rates", ("芜湖市", "340200", "prefecture"), 2022, [
    ("review_received", 2022, 1536, "exact"),
    ("review_accepted", 2022, 1308, "exact"),
    ("review_concluded", 2022, 1245, "exact"),
    ("review_correction_rate", 2022, 11.6, "exact"),
    ("litigation_cases", 2022, 862, "exact"),
    ("litigation_loss_rate", 2022, 4.9, "exact"),
    ("court_appearance_rate", 2022, 99.5, "exact"),
    ("mediation_cases", 2022, 21400, "exact"),
    ("mediation_success_rate", 2022, 99.1, "exact"),
], """
芜湖市人民政府关于2022年度法治政府建设情况的报告

2022年,市政府深入学习贯彻党的二十大精神和习近平法治思想,全面落实法治政府建设实施纲要,法治政府建设水平持续提升。现将有关情况报告如下。
一、2022年法治政府建设情况
(一)依法全面履行政府职能。深化“放管服”改革,政务服务事项网上可办率100%,“好差评”群众满意度99.8%。
(二)完善依法行政制度。市政府制定规章2部,规范性文件合法性审查率100%,报备率和及时率均为100%。
(三)严格规范公正文明执法。全市行政执法公示率100%,全年评查行政执法案卷1,860卷,案卷评查合格率97.5%,行政执法人员培训参训率98.2%。
(四)行政复议。全市行政复议机关收到行政复议申请1,536件,受理1,308件,审结1,245件,纠错率11.6%,行政复议案件按期办结率100%,行政复议决定履行率100%。
(五)行政应诉。全市法院审理以行政机关为被告的一审行政诉讼案件862件,败诉率4.9%,行政机关负责人出庭应诉率99.5%,司法建议回复率100%。
(六)矛盾纠纷化解。全市各级人民调解组织调解矛盾纠纷2.14万件,调解成功率99.1%,回访满意率98.7%。
(七)公共法律服务。12348热线接通率99.6%,法律援助群众满意率99.3%。
(八)政务公开。政府信息公开申请按期答复率100%,人大代表建议和政协提案办复率100%。
(九)法治督察。对7个县(市、区)开展法治政府建设督察,督察整改完成率100%。
二、存在的问题
一是法治政府建设的区域发展还不够均衡;二是部分领域执法规范化水平有待提高。
三、2023年工作打算
力争全市行政复议纠错率保持在合理区间,行政机关负责人出庭应诉率保持在95%以上。

芜湖市人民政府
2023年3月10日
""")

# ---------------------------------------------------------------- legal aid among ordinals and counts of other things (城阳区)

report("chengyang_2021_legal_aid", ("城阳区", "370214", "county"), 2021, [
    ("legal_aid_cases", 2021, 1865, "exact"),
    ("review_received", 2021, 274, "exact"),
    ("review_concluded", 2021, 259, "exact"),
    ("litigation_cases", 2021, 213, "exact"),
    ("court_appearance_rate", 2021, 100, "exact"),
    ("mediation_cases", 2021, 3920, "exact"),
    ("mediation_success", 2021, 3874, "exact"),
    ("mediation_success_rate", 2021, rate(3874, 3920), "exact"),
    ("market_entities", 2021, 86000, "exact"),  # the growth rates are those of its parts
], """
青岛市城阳区人民政府关于2021年度法治政府建设情况的报告

2021年,区政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的十九届五中、六中全会精神和习近平法治思想,开局“十四五”法治政府建设。现将有关情况报告如下。
一、主要工作及成效
(一)完善公共法律服务体系。全区设立法律援助工作站9个、法律援助联络点126个,配备法律援助值班律师24名。全年办理法律援助案件1,865件,其中刑事法律援助案件623件,提供法律咨询1.6万人次,12348热线接听群众来电5,120人次。
(二)行政复议。区政府全年收到行政复议申请274件,审结259件,组织听证9次,第2次行政复议委员会会议审议疑难案件14件。
(三)行政应诉。全区一审行政诉讼案件213件,行政机关负责人出庭应诉率100%,区政府主要负责人出庭应诉2次。
(四)矛盾纠纷调解。全区共有调解委员会236个,调解员1,102人。全年调解矛盾纠纷3,920件,调解成功3,874件,调解协议涉及金额5,680万元。
(五)营商环境。全区市场主体总量8.6万户,企业和个体工商户分别增长9.2%和6.1%。全区纳税信用A级企业1,263家,“双随机、一公开”抽查市场主体3,280户,惠及市场主体2.1万户。
(六)法治宣传。第十九届“宪法宣传周”期间开展活动56场次,12月4日组织集中宣传活动。
(七)政务公开。依申请公开办理回复率100%,群众满意度98.9%。
(八)执法监督。开展行政执法案卷评查2次,抽查案卷312卷,合格率96.5%。
(九)依法决策。区政府常务会议会前学法12次,重大行政决策合法性审查率100%。
二、存在的问题
一是公共法律服务资源分布不均衡;二是基层调解组织专业化水平有待提高。
三、2022年工作打算
力争全区法律援助案件办理质量评查优秀率达到90%以上。

青岛市城阳区人民政府
2022年2月25日
""", parent="青岛市")


# ---------------------------------------------------------------- a 十三五 closing report: spans of years, quarters (赣州市)

report("ganzhou_2020_five_years", ("赣州市", "360700", "prefecture"), 2020, [
    ("review_received", 2020, 1156, "exact"),
    ("review_accepted", 2020, 1032, "exact"),
    ("review_concluded", 2020, 986, "exact"),
    ("review_correction_rate", 2020, 13.2, "exact"),
    ("litigation_cases", 2020, 1348, "exact"),
    ("court_appearance_rate", 2020, 96.8, "exact"),
    ("legal_aid_cases", 2020, 6250, "exact"),
], """
赣州市人民政府关于2020年度法治政府建设情况的报告

江西省人民政府:
2020年是“十三五”规划收官之年。市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神,统筹推进疫情防控和法治政府建设。现将有关情况报告如下。
一、2020年法治政府建设主要成效
(一)加强党对法治政府建设的领导。市政府常务会议专题研究法治政府建设工作4次,将法治建设成效纳入高质量发展综合考核。
(二)行政复议工作。2016年至2020年,全市共受理行政复议案件4,860件。2020年,全市收到行政复议申请1,156件,受理1,032件,审结986件,纠错率13.2%。第四季度组织开展行政复议案件集中评查,评查案卷210卷。
(三)行政应诉工作。全市法院受理以行政机关为被告的一审行政诉讼案件1,348件,行政机关负责人出庭应诉率96.8%,比2019年提高6.5个百分点。2018—2020年,全市行政机关败诉案件共计142件。
(四)法律援助工作。全年办理法律援助案件6,250件,为农民工追回欠薪2,860万元。2020年第3季度,法律援助案件质量评查优秀率36%。
(五)优化营商环境。深入开展“降成本、优环境”专项行动,第三方评估营商环境满意度92.6分。
(六)严格规范执法。全市行政执法公示率100%,执法全过程记录率100%,重大执法决定法制审核率100%。
(七)依法防控疫情。审查涉疫情防控文件86件,提出法律意见205条,开展疫情防控执法检查3.6万次。
(八)法治宣传。深入开展“七五”普法总结验收,全市“法律明白人”达到1.2万名。
(九)政务公开。主动公开政府信息6.3万条,依申请公开答复按期率100%。
(十)法治督察。对18个县(市、区)开展法治督察,督办问题整改率100%。
二、存在的问题
一是法治政府建设推进不够平衡;二是行政执法规范化水平有待提升;三是基层法治人才缺乏。
三、2021年工作打算
“十四五”开局之年,力争全市行政复议纠错率保持合理区间,出庭应诉率达到98%以上。

赣州市人民政府
2021年3月5日
""")

# ---------------------------------------------------------------- mediation channels, a stock after 新增, a part's growth (安吉县)

report("anji_2018_channels", ("安吉县", "330523", "county"), 2018, [
    ("mediation_cases", 2018, 3618, "exact"),
    ("mediation_success", 2018, 3570, "exact"),
    ("mediation_success_rate", 2018, rate(3570, 3618), "exact"),
    ("market_entities_new", 2018, 9860, "exact"),
    ("market_entities", 2018, 62300, "exact"),
    ("review_accepted", 2018, 96, "exact"),
    ("review_concluded", 2018, 96, "exact"),
    ("legal_aid_cases", 2018, 842, "exact"),
], """
安吉县人民政府关于2018年度法治政府建设情况的报告

湖州市人民政府:
2018年,县政府在市委、市政府和县委的坚强领导下,深入学习贯彻党的十九大精神,以“最多跑一次”改革为牵引,全面推进依法行政。现将有关情况报告如下。
一、主要工作情况
(一)深化“最多跑一次”改革。县级“最多跑一次”事项实现率100%,群众满意率98.9%。
(二)优化营商环境。全县新增市场主体9,860户,总量达6.23万户,其中私营企业1.42万户,同比增长16.3%。
(三)矛盾纠纷多元化解。全县人民调解组织调解矛盾纠纷3,618件,调解成功3,570件。诉调对接调解案件412件,警调对接调解纠纷1,026件,访调对接调解信访纠纷86件。
(四)行政复议工作。县政府依法受理行政复议案件96件,均已审结,行政复议决定书网上公开率100%。
(五)法律援助。全年办理法律援助案件842件,法律援助值班律师提供法律帮助1,120人次。
(六)行政执法监督。开展行政执法案卷评查,评查案卷156卷,优秀率35%,合格率98%。
(七)法治宣传。在“3·15”“12·4”等节点开展集中宣传活动38场次,受教育群众2.6万人次。
(八)依法决策。县政府常务会议会前学法10次,重大行政决策全部经过合法性审查。
(九)基层法治。创建省级民主法治村12个,全县“民主法治村”创建率达85%。
(十)政务公开。主动公开政府信息8,620条,依申请公开按时办结率100%。
二、存在的问题
一是行政执法人员素质有待提高;二是法治宣传的精准度还不够。
三、2019年工作打算
力争全县市场主体总量突破7万户,人民调解成功率保持在98%以上。

安吉县人民政府
2019年2月26日
""", parent="湖州市")


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
    if rep.parent:
        assert loc.place.parent == rep.parent


@pytest.mark.parametrize("rep", REPORTS, ids=[r.name for r in REPORTS])
def test_report_yields_exactly_its_values(rep: Report):
    _, _, facts = run(rep)
    found, expected = found_rows(rep, facts), expected_rows(rep)
    assert sorted(found - expected) == [], "wrong or extra"
    assert sorted(expected - found) == [], "missing"


def test_there_are_enough_reports():
    assert len(REPORTS) >= 10
    assert all(20 <= len(r.text.splitlines()) <= 50 for r in REPORTS)


def score() -> tuple[int, int, int]:
    """(right, missing, wrong-or-extra) over every report; prints the details."""
    right = missing = wrong = 0
    for rep in REPORTS:
        _, loc, facts = run(rep)
        place = (loc.place.name, loc.place.adcode, loc.place.level, loc.place.parent) if loc.place else None
        if place is None or place[:3] != rep.place or loc.year != rep.year or (rep.parent and place[3] != rep.parent):
            print(f"{rep.name}: located as {place} {loc.year}, expected {rep.place} {rep.parent} {rep.year} ({loc.message})")
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
