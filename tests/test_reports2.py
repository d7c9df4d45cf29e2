# ruff: noqa: E501 - the reports are prose, one paragraph per line, as published
"""More whole mock reports through the real pipeline (see test_reports.py for the first set).

These stress phrasing families the first set leaves out: figures in a DOCX table with year
columns (and a 同比 column), a county web page full of site clutter, 同比/环比 in brackets
after a count, rates that 保持/实现/达/均为 100%, 出庭 counted in 件次 next to a 出庭率, 综合/直接
纠错率, 变更、撤销、确认违法 as a way of 纠错, 败诉 with a 败诉率 that only changed, 一审 next to 二审,
法律援助 受理 next to 办结 (受理 is the case count, as in the project's gold), 挽回经济损失, 市场主体 with
its 其中 parts, 诉前调解 (court-led: not ours), 成功化解 (not 调解成功), a people's-congress review of
two years, a year named only by the signature date, one-character counties (蠡县, 冠县, 黟县), a
盟 and a 旗, and two reports with no indicator values at all.

Places and figures are invented for these tests; none is taken from a sample report. A row is
(indicator, year, value, qualifier); derived rates (two decimals) and inferred values are rows
too. Running totals are not compared. `python tests/test_reports2.py` prints the score.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import variants  # noqa: E402

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
    form: str = "txt"  # txt, html or docx
    table: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    pubdate: str = ""

    def data(self) -> tuple[bytes, str]:
        if self.form == "html":
            return variants.as_html(self.text, self.title, pubdate=self.pubdate), f"{self.name}.html"
        if self.form == "docx":
            table = [list(row) for row in self.table] or None
            return variants.as_docx(self.text, table=table), f"{self.name}.docx"
        return self.text.encode("utf-8"), f"{self.name}.txt"


def rate(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


REPORTS: list[Report] = []


def report(name: str, place: tuple[str, str, str], year: int, rows: list[Row], text: str, **form) -> None:
    table = tuple(tuple(row) for row in form.pop("table", ()))
    REPORTS.append(Report(name, text.strip("\n"), place, year, tuple(rows), table=table, **form))


# ---------------------------------------------------------------- a DOCX with a table of two years (蠡县)

report("lixian_docx_table", ("蠡县", "130635", "county"), 2023, [
    ("review_received", 2022, 74, "exact"),
    ("review_received", 2023, 88, "exact"),
    ("review_accepted", 2022, 69, "exact"),
    ("review_accepted", 2023, 81, "exact"),
    ("review_concluded", 2022, 66, "exact"),
    ("review_concluded", 2023, 79, "exact"),
    ("litigation_cases", 2022, 35, "exact"),
    ("litigation_cases", 2023, 29, "exact"),
    ("court_appearance_rate", 2022, 96.8, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2022, 387, "exact"),
    ("legal_aid_cases", 2023, 412, "exact"),
    ("market_entities_new", 2022, 5126, "exact"),
    ("market_entities_new", 2023, 5843, "exact"),
    ("mediation_cases", 2023, 1326, "exact"),
    ("mediation_success", 2023, 1301, "exact"),
    ("mediation_success_rate", 2023, rate(1301, 1326), "exact"),
], """
蠡县2023年法治政府建设情况报告

2023年,蠡县在保定市委、市政府和县委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神,深入学习贯彻习近平法治思想,紧紧围绕县委、县政府中心工作,扎实推进法治政府建设。现将有关情况报告如下。
一、主要工作和成效
(一)加强组织领导。县政府常务会议专题听取法治政府建设工作汇报,研究解决重点难点问题。县政府主要负责同志认真履行推进法治建设第一责任人职责,对重要工作亲自部署、重大问题亲自过问。
(二)健全依法决策机制。严格落实重大行政决策程序规定,县政府法律顾问列席县政府常务会议,对县政府拟签订的合同、拟出台的文件开展合法性审查。
(三)规范行政执法行为。全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度,组织开展行政执法案卷评查,对发现的问题督促整改。
(四)推进矛盾纠纷化解。坚持和发展新时代“枫桥经验”,全县人民调解组织调解矛盾纠纷1,326件,调解成功1,301件,有效防止了矛盾纠纷激化升级。
(五)加强行政复议应诉和公共法律服务。行政复议、行政应诉和法律援助主要指标见附表。
二、存在的问题
一是部分乡镇和部门对法治政府建设重视程度不够;二是基层行政执法人员业务能力有待提升;三是法治宣传教育的针对性和实效性有待增强。
三、2024年工作打算
(一)持续深化习近平法治思想学习宣传贯彻。
(二)进一步规范行政执法行为,提升执法质量。
(三)加强行政复议应诉工作,发挥行政复议化解行政争议主渠道作用。

蠡县人民政府
2024年1月26日

附表:蠡县法治政府建设主要指标
""", form="docx", table=[
    ["指标", "2022年", "2023年"],
    ["收到行政复议申请(件)", "74", "88"],
    ["行政复议受理(件)", "69", "81"],
    ["行政复议审结(件)", "66", "79"],
    ["一审行政诉讼案件(件)", "35", "29"],
    ["行政机关负责人出庭应诉率", "96.8%", "100%"],
    ["办理法律援助案件(件)", "387", "412"],
    ["新增市场主体(户)", "5126", "5843"],
])

# ---------------------------------------------------------------- a DOCX table with a 同比 column (鹤壁市)

report("hebi_docx_growth_column", ("鹤壁市", "410600", "prefecture"), 2023, [
    ("review_received", 2023, 486, "exact"),
    ("review_correction_rate", 2023, 9.8, "exact"),
    ("market_entities", 2023, 187000, "exact"),
    ("market_entities_growth", 2023, 6.1, "exact"),
    ("mediation_cases", 2023, 9624, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 2317, "exact"),
], """
鹤壁市人民政府关于2023年度法治政府建设情况的报告

2023年,鹤壁市坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想和党的二十大精神,认真落实省委、省政府和市委关于法治政府建设的决策部署,法治政府建设取得新的成效。现将有关情况报告如下。
一、主要举措和成效
(一)坚持党的领导。市政府党组把学习贯彻习近平法治思想作为重要政治任务,纳入理论学习中心组学习计划。市政府常务会议坚持会前学法制度,全年集体学法6次。
(二)推进依法科学民主决策。制定重大行政决策事项目录,严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
(三)规范行政执法。开展行政执法突出问题专项整治,推行包容审慎监管,公布不予处罚、从轻处罚事项清单。
(四)强化行政应诉。出台行政机关负责人出庭应诉工作办法,全市行政机关负责人出庭应诉率实现100%。
(五)完善公共法律服务。全市法律援助机构组织办理法律援助案件2,317件,为受援群众挽回经济损失1,860万元。
全市法治政府建设主要指标完成情况见下表。
二、存在的不足
一是法治政府建设推进不够平衡,县区之间还有差距;二是行政执法规范化水平仍需提高;三是行政复议化解行政争议的主渠道作用有待进一步发挥。
三、2024年工作安排
2024年,我市将继续坚持依法行政,持续推进法治政府建设,力争全市行政复议纠错率控制在10%以内。

鹤壁市人民政府
2024年3月12日

表:2023年全市法治政府建设主要指标
""", form="docx", table=[
    ["指标名称", "2023年", "同比"],
    ["收到行政复议申请(件)", "486", "+12.3%"],
    ["行政复议纠错率(%)", "9.8", "-1.2个百分点"],
    ["实有市场主体(万户)", "18.7", "+6.1%"],
    ["调解矛盾纠纷(件)", "9,624", "+3.5%"],
])

# ---------------------------------------------------------------- a county web page with clutter and bracketed 同比 (冠县)

report("guanxian_html", ("冠县", "371525", "county"), 2023, [
    ("review_received", 2023, 132, "exact"),
    ("review_accepted", 2023, 121, "exact"),
    ("review_concluded", 2023, 117, "exact"),
    ("review_corrected", 2023, 14, "exact"),
    ("review_correction_rate", 2023, 11.97, "exact"),
    ("litigation_cases", 2023, 43, "exact"),
    ("litigation_lost", 2023, 2, "exact"),
    ("litigation_loss_rate", 2023, rate(2, 43), "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 508, "exact"),
    ("market_entities", 2023, 53700, "exact"),
    ("market_entities_new", 2023, 6215, "exact"),
], """
首页 > 信息公开 > 法治政府建设年度报告
冠县人民政府关于2023年度法治政府建设情况的报告
发布时间:2024-01-22 09:30 来源:冠县司法局 浏览次数:1024
字号:大 中 小 打印本页 关闭窗口

2023年,冠县在聊城市委、市政府和县委的坚强领导下,坚持以习近平法治思想为指导,全面落实法治政府建设实施纲要,法治政府建设取得积极成效。现将有关情况报告如下:
一、法治政府建设主要成效
(一)依法全面履行政府职能。深化“放管服”改革,全面推行证明事项告知承诺制,县政务服务中心进驻事项实现“一窗受理、集成服务”。
全县市场主体达5.37万户,其中企业0.86万户、个体工商户4.45万户;全年新登记市场主体6,215户(同比增长4.6%)。
(二)规范行政执法。全面落实行政执法“三项制度”,组织全县执法人员参加公共法律知识培训考试,开展行政执法案卷评查。
(三)发挥行政复议主渠道作用。全县共收到行政复议申请132件(同比增长8.2%),受理121件(环比增加6件),审结117件,通过变更、撤销、确认违法等方式纠错14件,直接纠错率为11.97%。
(四)做好行政应诉工作。全县一审行政诉讼案件43件(同比下降10.4%),败诉2件,行政机关负责人出庭应诉率保持100%。
(五)加强公共法律服务。全县受理法律援助案件508件,办结497件,为受援人挽回经济损失386万元。
二、存在的问题
一是个别单位领导干部法治意识有待增强;二是基层执法力量相对薄弱;三是法治宣传的精准性有待提高。
三、2024年工作打算
持续深化法治政府建设,推动各项工作在法治轨道上运行。

冠县人民政府
2024年1月18日
【打印本页】【关闭窗口】
""", form="html", title="冠县人民政府关于2023年度法治政府建设情况的报告", pubdate="2024-01-22")

# ---------------------------------------------------------------- a 盟 quoting its 旗县市 (锡林郭勒盟)

report("xilingol_league", ("锡林郭勒盟", "152500", "prefecture"), 2022, [
    ("review_received", 2022, 612, "exact"),
    ("review_accepted", 2022, 574, "exact"),
    ("review_concluded", 2022, 560, "exact"),
    ("review_correction_rate", 2022, 8.9, "exact"),
    ("litigation_cases", 2022, 287, "exact"),
    ("litigation_lost", 2022, 19, "exact"),
    ("litigation_loss_rate", 2022, rate(19, 287), "exact"),
    ("court_appearance_rate", 2022, 100, "exact"),
    ("mediation_cases", 2022, 8436, "exact"),
    ("mediation_success_rate", 2022, 97.3, "exact"),
    ("market_entities", 2022, 128000, "exact"),
    ("market_entities_growth", 2022, 5.2, "exact"),
    ("market_entities_new", 2022, 14600, "exact"),
    ("legal_aid_cases", 2022, 3215, "exact"),
], """
锡林郭勒盟行政公署关于2022年法治政府建设情况的报告

2022年,锡林郭勒盟行政公署在自治区党委、政府和盟委的坚强领导下,以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,铸牢中华民族共同体意识,全面推进法治政府建设。现将有关情况报告如下。
一、主要工作成效
(一)深化行政复议体制改革。全盟各级行政复议机关收到行政复议申请612件,受理574件,审结560件,综合纠错率8.9%。锡林浩特市、二连浩特市分别受理行政复议案件163件和57件。
(二)加强行政应诉工作。全盟一审行政诉讼案件287件,行政机关负责人出庭应诉率达100%。行政诉讼案件败诉19件,败诉率同比下降2.1个百分点。
(三)推进矛盾纠纷多元化解。全盟各级人民调解组织调解矛盾纠纷8,436件,调解成功率97.3%。全盟建成嘎查村(社区)人民调解委员会928个,配备人民调解员3,120名。
(四)优化营商环境。全盟实有市场主体12.8万户,同比增长5.2%;新登记市场主体1.46万户,其中新登记企业2,310户。
(五)完善公共法律服务。全盟法律援助机构办理法律援助案件3,215件,其中锡林浩特市1,126件。
(六)推进普法宣传。开展“蒙汉双语”普法宣传活动,深入牧区开展送法下乡活动。
二、存在的问题
一是旗县市区法治政府建设发展不平衡;二是牧区基层法治力量相对薄弱;三是行政执法人员素质有待提高。
三、2023年工作打算
2023年,盟行政公署将持续推进法治政府建设,力争全盟行政复议纠错率控制在10%以内。
(一)深入学习贯彻习近平法治思想。
(二)持续优化法治化营商环境。

锡林郭勒盟行政公署
2023年2月24日
""")

# ---------------------------------------------------------------- a 旗: 诉前调解 and 成功化解 next to 人民调解 (准格尔旗)

report("zhungeer_banner", ("准格尔旗", "150622", "county"), 2023, [
    ("review_received", 2023, 97, "exact"),
    ("review_accepted", 2023, 89, "exact"),
    ("review_concluded", 2023, 89, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 1873, "exact"),
    ("mediation_success", 2023, 1846, "exact"),
    ("mediation_success_rate", 2023, 98.6, "exact"),
    ("market_entities", 2023, 49000, "exact"),
    ("market_entities_growth", 2023, 6.3, "exact"),
    ("legal_aid_cases", 2023, 642, "exact"),
], """
准格尔旗2023年法治政府建设年度报告

2023年,准格尔旗在鄂尔多斯市委、市政府和旗委的坚强领导下,坚持以习近平法治思想为指导,认真落实法治政府建设实施纲要,推动法治政府建设再上新台阶。现将有关情况报告如下。
一、主要举措及成效
(一)强化法治政府建设统筹。旗委全面依法治旗委员会召开会议3次,审议通过年度工作要点,旗政府常务会议专题研究法治政府建设工作。
(二)依法化解行政争议。旗政府共收到行政复议申请97件,依法受理89件,已全部审结。行政机关负责人出庭应诉率实现100%。
(三)多元化解矛盾纠纷。全旗人民调解组织调解矛盾纠纷1,873件,调解成功1,846件,调解成功率98.6%。旗人民法院诉前调解案件1,024件,诉前调解成功率62.4%。全旗共排查各类矛盾纠纷2,146起,成功化解2,098起,化解率97.8%。
(四)优化法治化营商环境。全旗市场主体总量达到4.9万户,同比增长6.3%。开展“万所联万会”活动,为企业提供法治体检120余次。
(五)完善公共法律服务。全年办理法律援助案件642件,值班律师提供法律帮助1,350人次。
(六)加强普法宣传。深入开展“八五”普法,组织法治宣传进企业、进社区、进嘎查活动,发放宣传资料3万余份。
二、存在的问题和不足
一是法治政府建设工作推进不够平衡;二是苏木乡镇法治人才短缺;三是行政执法的规范化水平有待提升。
三、下一步工作安排
(一)持续深化法治政府示范创建。
(二)提升行政复议应诉工作质效。
(三)加强法治工作队伍建设。

准格尔旗人民政府
2024年1月30日
""")

# ---------------------------------------------------------------- the year only in the signature date (黟县)

report("yixian_signature_year", ("黟县", "341023", "county"), 2023, [
    ("review_received", 2023, 41, "exact"),
    ("review_accepted", 2023, 38, "exact"),
    ("review_concluded", 2023, 36, "exact"),
    ("review_corrected", 2023, 5, "exact"),
    ("review_correction_rate", 2023, rate(5, 36), "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 312, "exact"),
    ("mediation_cases", 2023, 1105, "exact"),
    ("mediation_success", 2023, 1091, "exact"),
    ("mediation_success_rate", 2023, rate(1091, 1105), "exact"),
], """
黟县人民政府关于法治政府建设工作情况的报告

黄山市人民政府:
一年来,我县在市委、市政府和县委的坚强领导下,深入学习贯彻习近平法治思想,对照法治政府建设实施纲要,统筹推进依法行政各项工作,法治政府建设取得明显成效。现将有关情况报告如下。
一、主要工作
(一)提高政治站位,压紧压实法治建设责任。县政府常务会议专题研究法治政府建设工作,县政府主要负责同志带头履行推进法治建设第一责任人职责,开展年终述法。
(二)规范重大行政决策。严格执行重大行政决策程序,对涉及群众切身利益的决策事项广泛听取意见,发挥法律顾问和公职律师作用。
(三)强化行政权力监督。县政府收到行政复议申请41件,受理38件,审结36件,纠错5件;行政机关负责人出庭应诉率达100%。
(四)化解基层矛盾纠纷。全县人民调解组织调解矛盾纠纷1,105件,调解成功1,091件,依托“徽州古村落调解室”就地化解旅游纠纷。
(五)提升公共法律服务质效。全县办理法律援助案件三百一十二件,公共法律服务热线接听咨询电话2,400余次。
(六)加强法治宣传教育。开展“宪法宣传周”“民法典宣传月”等主题活动,推动普法与古村落保护相结合。
二、存在的问题
一是法治政府建设示范创建成效有待巩固;二是部分行政执法人员运用法治思维处理问题的能力不强;三是法治宣传教育方式较为单一。
三、下一步打算
(一)深入学习贯彻习近平法治思想。
(二)持续规范行政执法。
(三)推进矛盾纠纷多元化解。
特此报告。

黟县人民政府
2024年2月
""")

# ---------------------------------------------------------------- a people's-congress review of two years (德阳市)

report("deyang_congress_two_years", ("德阳市", "510600", "prefecture"), 2023, [
    ("review_received", 2022, 1352, "exact"),
    ("review_accepted", 2022, 1208, "exact"),
    ("review_received", 2023, 1517, "exact"),
    ("review_accepted", 2023, 1364, "exact"),
    ("court_appearance_rate", 2022, 96.4, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("litigation_cases", 2022, 612, "exact"),
    ("litigation_cases", 2023, 587, "exact"),
    ("market_entities", 2022, 386000, "exact"),
    ("market_entities", 2023, 412000, "exact"),
    ("mediation_cases", 2023, 26000, "exact"),
    ("mediation_success", 2023, 25000, "exact"),
    ("mediation_success_rate", 2023, rate(25000, 26000), "exact"),
], """
关于市人民政府2022—2023年法治政府建设情况的调研报告
——2024年4月24日在德阳市第十届人民代表大会常务委员会第十九次会议上
市人大常委会法制委员会

根据市人大常委会2024年监督工作计划,3月至4月,市人大常委会组成调研组,采取听取汇报、实地察看、座谈交流等方式,对市人民政府2022年、2023年法治政府建设情况进行了调研。现将调研情况报告如下。
一、基本情况
两年来,市人民政府深入学习贯彻习近平法治思想,认真落实法治政府建设实施纲要,依法行政能力和水平不断提高。
(一)行政复议化解争议作用增强。2022年,全市行政复议机关收到行政复议申请1,352件,受理1,208件;2023年,收到行政复议申请1,517件,受理1,364件。
(二)行政应诉工作不断规范。全市行政机关负责人出庭应诉率2022年为96.4%,2023年达到100%。全市法院受理以行政机关为被告的一审行政诉讼案件,2022年为612件,2023年为587件。
(三)营商环境持续优化。全市实有市场主体由2022年底的38.6万户增至2023年底的41.2万户。
(四)矛盾纠纷化解有力。2023年,全市人民调解组织调解矛盾纠纷2.6万件,调解成功2.5万件。两年来共办理法律援助案件8,960件。
二、存在的问题
一是法治政府建设推进不够平衡,有的县(市、区)和部门重视程度不够;二是行政执法规范化水平有待提高;三是法治督察的刚性约束还不够强。
三、意见和建议
(一)进一步压实法治建设责任。
(二)进一步提升行政执法质量。
(三)进一步发挥行政复议主渠道作用。
(四)进一步加强法治队伍建设。

德阳市人大常委会法制委员会
2024年4月
""")

# ---------------------------------------------------------------- 件次 beside 出庭率, 一审 beside 二审, 综合纠错率 (安顺市)

report("anshun_litigation", ("安顺市", "520400", "prefecture"), 2023, [
    ("review_accepted", 2023, 1046, "exact"),
    ("review_concluded", 2023, 982, "exact"),
    ("review_corrected", 2023, 103, "exact"),
    ("review_correction_rate", 2023, 10.5, "exact"),
    ("court_appearance_rate", 2023, 98.5, "exact"),
    ("litigation_cases", 2023, 342, "exact"),
    ("litigation_lost", 2023, 27, "exact"),
    ("litigation_loss_rate", 2023, rate(27, 342), "exact"),
    ("legal_aid_cases", 2023, 4128, "exact"),
    ("mediation_cases", 2023, 15200, "exact"),
    ("mediation_success_rate", 2023, 98.1, "exact"),
    ("market_entities", 2023, 296000, "exact"),
    ("market_entities_new", 2023, 42000, "exact"),
], """
安顺市2023年法治政府建设情况报告

2023年,安顺市坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入践行习近平法治思想,在省委、省政府和市委的坚强领导下,扎实推进法治政府建设。现将有关情况报告如下。
一、2023年推进法治政府建设的主要举措和成效
(一)健全行政决策制度体系。市政府修订完善工作规则,严格执行重大行政决策程序,全年市政府规章和行政规范性文件均按规定报送备案。
(二)推进严格规范公正文明执法。开展道路交通、生态环境等领域执法突出问题专项整治,推行柔性执法,公布首违不罚事项清单。
(三)发挥行政复议主渠道作用。全市行政复议机关受理行政复议案件1,046件(同比增长15.6%),审结982件,通过变更、撤销、确认违法等方式纠错103件,综合纠错率10.5%。
(四)提升行政应诉质效。全市行政机关负责人出庭应诉326件次,出庭率98.5%。全市法院新收一审行政诉讼案件342件,二审行政诉讼案件118件。行政诉讼案件败诉27件,败诉率同比下降1.3个百分点。
(五)加强公共法律服务。全市受理法律援助案件4,128件,办结3,976件,提供法律咨询2.1万人次。
(六)推进矛盾纠纷多元化解。全市人民调解组织调解矛盾纠纷1.52万件,调解成功率98.1%。
(七)优化法治化营商环境。全市市场主体达29.6万户,其中企业6.3万户、个体工商户22.7万户;新登记市场主体4.2万户。
二、存在的问题
一是法治政府建设推进不平衡;二是行政执法人员能力素质有待提升;三是行政复议应诉专业力量不足。
三、2024年工作打算
(一)深入学习宣传贯彻习近平法治思想。
(二)着力提升行政执法质量。
(三)持续优化法治化营商环境。

安顺市人民政府
2024年2月6日
""")

# ---------------------------------------------------------------- rates that 保持/均为 100%, 同比 in brackets (随州市)

report("suizhou_rates", ("随州市", "421300", "prefecture"), 2022, [
    ("review_received", 2022, 689, "exact"),
    ("review_accepted", 2022, 615, "exact"),
    ("review_concluded", 2022, 598, "exact"),
    ("review_corrected", 2022, 71, "exact"),
    ("review_correction_rate", 2022, rate(71, 598), "exact"),
    ("court_appearance_rate", 2022, 100, "exact"),
    ("litigation_cases", 2022, 264, "exact"),
    ("mediation_cases", 2022, 7318, "exact"),
    ("mediation_success", 2022, 7206, "exact"),
    ("mediation_success_rate", 2022, rate(7206, 7318), "exact"),
    ("market_entities", 2022, 229000, "exact"),
    ("market_entities_growth", 2022, 9.4, "exact"),
    ("legal_aid_cases", 2022, 1984, "exact"),
], """
随州市人民政府关于2022年法治政府建设情况的报告

2022年,在省委、省政府和市委的坚强领导下,市政府坚持以习近平法治思想为指导,全面贯彻落实法治政府建设实施纲要,推动法治政府建设各项任务落地见效。现将有关情况报告如下。
一、主要工作成效
(一)统筹推进法治政府建设。市政府常务会议专题研究法治政府建设工作,将法治建设成效纳入政绩考核指标体系,开展法治政府建设示范创建活动。
(二)提升制度建设质量。严格落实规范性文件合法性审查和备案审查制度,全市行政规范性文件合法性审核率和备案审查率均为100%。
(三)强化行政复议监督。全年共收到行政复议申请689件(同比增长11.3%),受理615件,审结598件(上年为541件),直接纠错71件。
(四)规范行政应诉。全市一审行政诉讼案件264件(环比减少17件),行政机关负责人出庭应诉率和出庭出声率均为100%。
(五)推进矛盾纠纷化解。全市人民调解组织调解各类矛盾纠纷7,318件,调解成功7,206件。
(六)优化营商环境。全市实有市场主体22.9万户,市场主体总量同比增长9.4%。
(七)完善公共法律服务。全市法律援助案件1,984件,挽回经济损失2,650万元。
二、存在的问题
一是依法行政意识仍需增强;二是基层执法力量与执法任务不相适应;三是法治宣传教育的覆盖面和实效性有待提高。
三、2023年工作安排
2023年,市政府将继续推进法治政府建设,力争行政机关负责人出庭应诉率保持100%。

随州市人民政府
2023年3月22日
""")

# ---------------------------------------------------------------- a county-level city: 诉前调解, 新登记, 总量同比增长 (邳州市)

report("pizhou_markets", ("邳州市", "320382", "county"), 2023, [
    ("market_entities", 2023, 176000, "exact"),
    ("market_entities_growth", 2023, 7.4, "exact"),
    ("market_entities_new", 2023, 23518, "exact"),
    ("mediation_cases", 2023, 9215, "exact"),
    ("mediation_success_rate", 2023, 98.9, "exact"),
    ("review_received", 2023, 318, "exact"),
    ("review_accepted", 2023, 284, "exact"),
    ("review_concluded", 2023, 271, "exact"),
    ("review_correction_rate", 2023, 7.7, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 1562, "exact"),
], """
邳州市2023年法治政府建设工作报告

2023年,邳州市在徐州市委、市政府和邳州市委的坚强领导下,深入学习贯彻习近平法治思想,紧扣“法治邳州”建设目标,全面推进法治政府建设,为全市经济社会高质量发展提供了有力法治保障。现将有关情况报告如下。
一、工作举措及成效
(一)依法全面履行政府职能。深化“一件事一次办”改革,持续压减企业开办时间。全市市场主体总量同比增长7.4%,达到17.6万户;全年新登记市场主体23,518户,新登记市场主体数量同比增长3.1%。
(二)健全行政决策机制。全面落实重大行政决策程序制度,市政府法律顾问参与审查重大决策和重要文件。
(三)推进行政复议体制改革。全市共收到行政复议申请318件,受理284件,审结271件,综合纠错率7.7%。
(四)做好行政应诉工作。出台行政机关负责人出庭应诉考核办法,全市行政机关负责人出庭应诉率达100%。
(五)推进矛盾纠纷多元化解。全市人民调解组织调解矛盾纠纷9,215件,调解成功率98.9%。市人民法院诉前调解成功案件3,426件,诉前调解案件5,102件。
(六)深化公共法律服务。全市办理法律援助案件1,562件,同比增长6.8%,建成村(社区)法律援助联络点496个。
二、存在的问题
一是部分镇(街道)法治建设力量薄弱;二是行政执法规范化程度仍需提高;三是法治宣传的针对性还需增强。
三、2024年工作思路
2024年,我市将持续深化法治政府建设,加快推进法治邳州建设。
(一)深入学习贯彻习近平法治思想。
(二)进一步规范行政执法。

邳州市人民政府
2024年1月15日
""")

# ---------------------------------------------------------------- prose only: nothing to report (雁塔区)

report("yanta_prose_only", ("雁塔区", "610113", "county"), 2023, [], """
雁塔区2023年法治政府建设情况报告

2023年,雁塔区在西安市委、市政府和区委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,紧紧围绕全区中心工作,扎实推进法治政府建设。现将有关情况报告如下。
一、主要工作
(一)坚持党的领导,扛牢法治建设政治责任。区委常委会、区政府常务会议定期听取法治政府建设工作汇报,研究解决法治建设中的重大问题。区政府主要负责同志切实履行推进法治建设第一责任人职责,做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。
(二)坚持依法决策,提升政府治理能力。严格落实重大行政决策程序规定,健全公众参与、专家论证、风险评估、合法性审查和集体讨论决定制度。充分发挥政府法律顾问作用,确保决策合法合规。
(三)坚持规范执法,维护公平正义。全面推行行政执法公示、执法全过程记录、重大执法决定法制审核制度,推行包容审慎监管,探索实施轻微违法行为免罚清单制度。
(四)坚持监督制约,规范权力运行。自觉接受区人大及其常委会的法律监督和工作监督,认真办理人大代表建议和政协委员提案。完善行政复议工作机制,积极支持人民法院依法受理和审理行政案件,推动行政机关负责人出庭应诉常态化。
(五)坚持多元化解,维护社会和谐稳定。坚持和发展新时代“枫桥经验”,健全人民调解、行政调解、司法调解联动工作体系,推动矛盾纠纷源头预防、前端化解。
(六)坚持优化服务,打造法治化营商环境。深化“放管服”改革,推进政务服务标准化、规范化、便利化,依法平等保护各类市场主体合法权益。
(七)坚持普法先行,营造浓厚法治氛围。深入实施“八五”普法规划,落实“谁执法谁普法”普法责任制,推动法治文化阵地建设。
二、存在的不足
一是法治政府建设推进还不够平衡;二是基层执法队伍专业化水平有待提升;三是运用法治思维和法治方式化解矛盾的能力有待加强。
三、下一步工作打算
(一)持续深化习近平法治思想学习宣传贯彻。
(二)持续推进严格规范公正文明执法。
(三)持续加强对行政权力的制约和监督。
(四)持续优化法治化营商环境。

西安市雁塔区人民政府
2024年3月1日
""")

# ---------------------------------------------------------------- counts of other things only: nothing to report (涉县)

report("shexian_distractors_only", ("涉县", "130426", "county"), 2022, [], """
涉县2022年法治政府建设年度报告

2022年,涉县在邯郸市委、市政府和县委的坚强领导下,坚持以习近平法治思想为指导,认真落实法治政府建设实施纲要,各项工作取得积极进展。现将有关情况报告如下。
一、主要工作成效
(一)强化组织保障。县政府常务会议专题研究法治政府建设工作4次,召开县委全面依法治县委员会会议2次,印发年度工作要点1份,明确重点任务28项。
(二)加强制度建设。审查县政府规范性文件17件,审核县政府合同协议136份,提出法律意见建议420余条,清理规范性文件53件。
(三)规范行政执法。组织行政执法人员培训12期,培训执法人员1,260人次,评查行政执法案卷380卷,新增行政执法证件持证人员146名。
(四)加强行政复议应诉能力建设。配齐行政复议工作人员6名,制发行政复议意见书3份、建议书5份,组织旁听庭审活动4场,参加旁听的领导干部220人次。
(五)推进多元调解。全县建成人民调解委员会318个,配备专兼职人民调解员1,452名,开展矛盾纠纷排查活动96次。
(六)服务市场主体。开展“法律服务进企业”活动42场,走访服务市场主体1,800余家,为企业出具法律意见书65份。
(七)加强普法宣传。组织“宪法进万家”活动50余场,发放宣传资料2.6万份,受众群众3万余人次。
(八)完善公共法律服务。建成村级公共法律服务工作室301个,法律援助工作站16个,值班律师提供法律咨询2,300人次。
二、存在的问题
一是法治政府建设推进不平衡;二是行政执法队伍专业素质有待提升;三是法治宣传教育的针对性不强。
三、2023年工作安排
(一)持续深化法治政府建设。
(二)进一步规范行政执法行为。
(三)加强公共法律服务体系建设。

涉县人民政府
2023年2月20日
""")


# ---------------------------------------------------------------- running them


def run(rep: Report):
    data, name = rep.data()
    return process_bytes(data, name)


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
    assert sum(1 for r in REPORTS if not r.rows) >= 2


def score() -> tuple[int, int, int]:
    """(right, missing, wrong-or-extra) over every report; prints the details."""
    right = missing = wrong = 0
    for rep in REPORTS:
        _, loc, facts = run(rep)
        place = loc.place.name if loc.place else None
        if place != rep.place[0] or loc.year != rep.year:
            print(f"{rep.name}: located as {place} {loc.year}, expected {rep.place[0]} {rep.year} ({loc.message})")
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
