# ruff: noqa: E501 - the reports are prose, one paragraph per line, as published
"""A third set of whole mock reports through the real pipeline (see test_reports.py and test_reports2.py).

Families the first two sets leave out: a province paragraph quoting its cities in several shapes
(其中…市受理…件、…市…件, "13个设区市中有9个…达到100%", 省本级), a 自治区 whose "全区" is the whole
region, municipal districts (上海市浦东新区, 北京市朝阳区 — a name shared with 长春's — and 重庆市渝北区)
and the municipality of 北京 quoting its districts, a report issued by a city's 司法局, a 政府工作报告
mix where 法治 figures sit among GDP and investment growth, several indicators listed in one breath,
行政应诉案件 next to its 一审 part, "1.…;2.…" and "一是…二是…" lists that spread one subject across
items, 万/千 and a year in Chinese numerals, figures of an earlier year quoted for comparison, and
text copied out of a PDF with hard line breaks and page-number lines.

Places and figures are invented for these tests; none is taken from a sample report. A row is
(indicator, year, value, qualifier); derived rates (two decimals) and inferred values are rows
too. Running totals are not compared. `python tests/test_reports3.py` prints the score.
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
    parent: str = ""  # the parent's adcode, when the test checks it


def rate(numerator: float, denominator: float) -> float:
    return round(numerator / denominator * 100, 2)


REPORTS: list[Report] = []


def report(name: str, place: tuple[str, str, str], year: int, rows: list[Row], text: str, parent: str = "") -> None:
    REPORTS.append(Report(name, text.strip("\n"), place, year, tuple(rows), parent))

# ---------------------------------------------------------------- a province quoting its cities in several shapes (江苏省)

report("jiangsu_cities_quoted", ("江苏省", "320000", "province"), 2023, [
    ("review_received", 2023, 28416, "exact"),
    ("review_accepted", 2023, 24935, "exact"),
    ("review_concluded", 2023, 23807, "exact"),
    ("review_corrected", 2023, 2619, "exact"),
    ("review_correction_rate", 2023, rate(2619, 23807), "exact"),
    ("litigation_cases", 2023, 16208, "exact"),
    ("court_appearance_rate", 2023, 97.3, "exact"),
    ("mediation_cases", 2023, 724000, "exact"),
    ("mediation_success_rate", 2023, 98.1, "exact"),
    ("legal_aid_cases", 2023, 146000, "exact"),
    ("market_entities", 2023, 14382000, "exact"),
    ("market_entities_new", 2023, 1965000, "exact"),
], """
江苏省人民政府关于2023年度法治政府建设情况的报告

2023年,省政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,在党中央、国务院和省委的坚强领导下,统筹推进法治政府建设各项任务,为谱写“强富美高”新江苏现代化建设新篇章提供有力法治保障。现将有关情况报告如下。
一、主要工作进展
(一)完善依法行政制度体系。提请省人大常委会审议地方性法规草案11件,制定修改省政府规章7件。开展规章和行政规范性文件清理,废止和修改不适应改革发展要求的文件一批。
(二)推进严格规范公正文明执法。深化综合行政执法体制改革,全面推行行政裁量权基准制度。组织开展行政执法质量评查,对评查中发现的问题逐一督促整改。
(三)发挥行政复议化解行政争议主渠道作用。全省各级行政复议机关共收到行政复议申请28,416件,受理24,935件,审结23,807件,纠错2,619件。省本级行政复议机关收到申请1,126件,受理987件。其中,南京市受理4,820件、苏州市4,530件、无锡市2,106件,徐州、南通两市均超过1,500件。
(四)规范行政应诉工作。全省法院一审受理以行政机关为被告的行政诉讼案件16,208件,行政机关负责人出庭应诉率为97.3%。13个设区市中有9个出庭应诉率达到100%,苏州市、常州市行政机关败诉率均低于5%。
(五)推动矛盾纠纷源头化解。全省人民调解组织调解矛盾纠纷72.4万件,调解成功率98.1%。各设区市调解矛盾纠纷均超过3万件,宿迁市调解成功率达到99.4%。
(六)完善公共法律服务体系。全省法律援助机构办理法律援助案件14.6万件,南京、苏州两市各办理法律援助案件1.8万件以上。
(七)持续优化法治化营商环境。年末全省经营主体总量达1,438.2万户,全年新登记经营主体196.5万户。
(八)加强法治政府建设督察。组织对13个设区市和部分省级部门开展法治督察,督察发现的问题全部建立清单、限期整改。
(九)提升领导干部法治素养。举办省政府常务会议会前学法4次,组织全省行政执法人员参加公共法律知识培训考试。
(十)推进政务公开。全面梳理公开行政许可、行政处罚等权责事项,依申请公开办理质量进一步提高。
二、存在的问题
一是法治政府建设区域发展还不够平衡,苏北地区法治建设基础相对薄弱;
二是部分基层行政执法人员能力素质与新形势新任务要求还有差距;
三是行政复议案件办理质效有待进一步提升,个别地方复议决定履行不到位。
三、2024年工作安排
2024年,全省将力争行政复议纠错率保持在合理区间,行政机关负责人出庭应诉率稳定在95%以上。

江苏省人民政府
2024年3月25日
""")

# ---------------------------------------------------------------- an autonomous region: 全区 is the whole region (宁夏)

report("ningxia_region", ("宁夏回族自治区", "640000", "province"), 2022, [
    ("review_received", 2022, 2318, "exact"),
    ("review_accepted", 2022, 2047, "exact"),
    ("review_concluded", 2022, 1986, "exact"),
    ("review_correction_rate", 2022, 14.6, "exact"),
    ("litigation_cases", 2022, 1524, "exact"),
    ("court_appearance_rate", 2022, 99.2, "exact"),
    ("litigation_loss_rate", 2022, 6.8, "exact"),
    ("market_entities", 2022, 726000, "exact"),
    ("market_entities_growth", 2022, 8.3, "exact"),
    ("market_entities_new", 2022, 118000, "exact"),
    ("mediation_cases", 2022, 49000, "exact"),
    ("mediation_success", 2022, 47000, "exact"),
    ("mediation_success_rate", 2022, rate(47000, 49000), "exact"),
    ("legal_aid_cases", 2022, 11200, "exact"),
], """
宁夏回族自治区人民政府关于2022年法治政府建设情况的报告

2022年,自治区人民政府在党中央、国务院和自治区党委的坚强领导下,坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,认真落实《法治政府建设实施纲要(2021—2025年)》,全区法治政府建设取得积极成效。现将有关情况报告如下。
一、主要工作及成效
(一)加强党对法治政府建设的领导。自治区党委常委会、自治区政府常务会议多次专题研究法治政府建设工作,将法治政府建设纳入效能目标管理考核。
(二)提升依法决策水平。严格执行重大行政决策程序,自治区政府法律顾问参与重大决策论证,全年审核自治区政府规范性文件和合同协议一百余件。
(三)发挥行政复议主渠道作用。全区各级行政复议机关新收行政复议案件2,318件,依法受理2,047件,审结1,986件,综合纠错率14.6%。自治区本级受理行政复议案件312件。银川市、石嘴山市分别受理行政复议案件896件和301件。
(四)规范行政应诉。全区法院受理一审行政案件1,524件,行政机关负责人出庭应诉率达到99.2%,行政机关败诉率为6.8%,较上年下降1.3个百分点。银川市行政机关败诉率为5.1%。
(五)优化法治化营商环境。全区市场主体总量达到72.6万户,同比增长8.3%;全年新增市场主体11.8万户。
(六)化解矛盾纠纷。全区人民调解组织调解矛盾纠纷4.9万件,调解成功4.7万件。全区共办理法律援助案件1.12万件,提供法律咨询13.6万人次。
(七)加强行政执法监督。开展行政执法领域突出问题专项整治,组织行政执法案卷评查,评查案卷2,150卷。
(八)推进政务诚信建设。建立政府失信违约问题清理台账,持续开展拖欠中小企业账款清理工作。
(九)深化法治宣传教育。落实“谁执法谁普法”普法责任制,组织开展宪法宣传周、民法典宣传月等活动。
二、存在的不足
一是一些地方和部门对法治政府建设重视程度还不够;二是基层法治工作力量相对薄弱;三是法治政府建设考核评价的导向作用发挥不够充分。
三、2023年工作打算
2023年,自治区人民政府将深入推进法治政府建设,力争全区行政复议案件办理质效进一步提升。

宁夏回族自治区人民政府
2023年3月20日
""")

# ---------------------------------------------------------------- a municipal district of 上海 (浦东新区), 全市 is the parent

report("pudong_new_area", ("浦东新区", "310115", "county"), 2023, [
    ("review_received", 2023, 3105, "exact"),
    ("review_accepted", 2023, 2764, "exact"),
    ("review_concluded", 2023, 2690, "exact"),
    ("review_correction_rate", 2023, 10.9, "exact"),
    ("litigation_cases", 2023, 1865, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("market_entities", 2023, 427000, "exact"),
    ("market_entities_new", 2023, 59000, "exact"),
    ("mediation_cases", 2023, 23600, "exact"),
    ("mediation_success", 2023, 22900, "exact"),
    ("mediation_success_rate", 2023, rate(22900, 23600), "exact"),
], """
上海市浦东新区人民政府关于2023年法治政府建设情况的报告

2023年,浦东新区在市委、市政府和区委的坚强领导下,深入学习贯彻习近平法治思想,全面落实党中央、国务院关于法治政府建设的决策部署,以打造社会主义现代化建设引领区为目标,持续推进法治政府建设。现将有关情况报告如下。
一、推进法治政府建设的主要举措和成效
(一)强化引领区法治保障。用好浦东新区法规立法授权,配合市人大常委会制定浦东新区法规一批,区政府配套出台管理措施。
(二)深化行政执法改革。推进城市管理领域非现场执法,全面落实行政执法“三项制度”,开展行政执法案卷评查。
(三)发挥行政复议作用。区政府(区行政复议局)收到行政复议申请3,105件,受理2,764件,审结2,690件,纠错率10.9%。同期全市行政复议机关受理行政复议案件1.9万件。
(四)做好行政应诉。全区一审行政诉讼案件1,865件,区政府及各部门负责人出庭应诉率100%。全市行政机关负责人出庭应诉率为98.5%。
(五)优化营商环境。截至年底,全区实有经营主体42.7万户,全年新设经营主体5.9万户。
(六)化解矛盾纠纷。全区人民调解组织调解矛盾纠纷2.36万件,调解成功2.29万件,其中陆家嘴街道调解纠纷1,120件。
(七)加强法治队伍建设。区政府常务会议会前学法6次,组织新任职领导干部开展任前法律知识考试。
(八)推进政务公开。深化“一网通办”改革,区级政务服务事项全部实现网上可办。
(九)加强法治督察。对区级部门和街镇开展法治政府建设督察,发现问题全部督促整改到位。
(十)深化普法宣传。开展“八五”普法中期评估,打造法治文化阵地一批。
二、存在的不足
一是对标引领区建设要求,法治保障供给仍有不足;二是基层执法队伍专业化水平有待提高。
三、2024年工作打算
持续深化法治政府建设,推动引领区法治保障水平再上新台阶。

上海市浦东新区人民政府
2024年2月26日
""", parent="上海市")

# ---------------------------------------------------------------- 朝阳区 of 北京 (a name shared with 长春's), settled by 北京市 in the signature

report("beijing_chaoyang", ("朝阳区", "110105", "county"), 2022, [
    ("review_received", 2022, 4126, "exact"),
    ("review_accepted", 2022, 3588, "exact"),
    ("litigation_cases", 2022, 2972, "exact"),
    ("litigation_loss_rate", 2022, 5.2, "exact"),
    ("court_appearance_rate", 2022, 99.6, "exact"),
    ("legal_aid_cases", 2022, 4310, "exact"),
    ("market_entities", 2022, 239000, "exact"),
], """
朝阳区人民政府关于2022年度法治政府建设情况的报告

2022年,在市委、市政府和区委的坚强领导下,区政府坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,全面落实首都城市战略定位,法治政府建设取得新进展。现将有关情况报告如下。
一、主要工作和成效
(一)完善依法决策机制。区政府常务会议专题学法4次,重大行政决策事项全部经过合法性审查。
(二)严格规范公正文明执法。深化“街乡吹哨、部门报到”改革,推进综合执法,落实行政执法公示和法制审核制度。
(三)强化行政复议应诉。全区行政复议机关收到复议申请4,126件,受理3,588件。全区行政机关一审应诉案件2,972件,败诉率5.2%,区属行政机关负责人出庭应诉率99.6%。
(四)提升公共法律服务水平。全区办理法律援助案件4,310件,接待法律咨询2.1万人次。
(五)优化营商环境。全区实有市场主体23.9万户,科技型企业数量保持全市前列。
(六)加强法治宣传教育。区政府常务会议会前学法6次,开展“法律进社区”活动320场,覆盖居民6.5万人次。
(七)推进政务公开。主动公开政府信息,依申请公开办理质量稳步提升,区级权力清单实行动态调整。
(八)加强法治督察。将法治政府建设纳入区级绩效考核,对街乡和区属部门开展专项督察。
(九)提升执法队伍能力。组织全区行政执法人员参加执法资格考试和业务轮训。
(十)推进接诉即办。坚持“每月一题”,推动解决群众反映集中的高频难点问题。
二、存在的问题
一是依法行政能力建设还有短板;二是行政执法协调机制有待健全。
三、2023年工作安排
2023年,区政府将进一步提升行政复议应诉工作水平,推动法治政府建设向纵深发展。

北京市朝阳区人民政府
2023年3月10日
""", parent="北京市")

# ---------------------------------------------------------------- a district of 重庆 (渝北区): 行政应诉案件 with its 一审 part

report("yubei_district", ("渝北区", "500112", "county"), 2023, [
    ("review_received", 2023, 1186, "exact"),
    ("review_accepted", 2023, 1032, "exact"),
    ("review_concluded", 2023, 975, "exact"),
    ("litigation_cases", 2023, 521, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("mediation_cases", 2023, 15800, "exact"),
    ("mediation_success_rate", 2023, 98.7, "exact"),
    ("market_entities_new", 2023, 41600, "exact"),
], """
重庆市渝北区人民政府关于2023年法治政府建设情况的报告

2023年,渝北区在市委、市政府和区委的坚强领导下,坚持以习近平法治思想为指导,全面贯彻党的二十大精神,围绕建设内陆开放高地,统筹推进法治政府建设。现将有关情况报告如下。
一、主要工作成效
(一)健全依法决策机制。制定区政府重大行政决策事项目录,落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
(二)深化行政复议体制改革。全区共收到行政复议申请1,186件,受理1,032件,审结975件。全市行政复议机关受理案件总量1.2万件,我区办案量位居中心城区前列。
(三)规范行政应诉工作。全区办理行政应诉案件603件,其中一审行政诉讼案件521件,行政机关负责人出庭应诉率100%。
(四)推进矛盾纠纷多元化解。全区人民调解组织调解矛盾纠纷1.58万件,调解成功率98.7%;各镇街调解矛盾纠纷均超过500件。
(五)优化营商环境。全年新登记市场主体4.16万户,同比增长9.2%。
(六)加强行政执法监督。开展行政执法案卷评查,抽查案卷380卷,督促整改问题46个。
(七)深化法治宣传。组织开展宪法宣传周、民法典宣传月活动,打造法治文化广场和法治长廊。
(八)推进基层依法治理。深化“枫桥式”公安派出所、司法所创建,培育“法律明白人”2,100名。
(九)加强领导干部学法用法。区政府常务会议会前学法5次,组织新提任领导干部任前法律知识考试。
(十)强化法治督察。对区级部门和镇街开展法治政府建设专项督察,发现问题全部建立台账。
二、存在的问题
一是部分部门运用法治方式推动工作的能力不足;二是镇街执法力量与承接事项不够匹配。
三、2024年工作打算
力争行政机关负责人出庭应诉率保持100%,持续擦亮法治渝北品牌。

重庆市渝北区人民政府
2024年1月30日
""", parent="重庆市")

# ---------------------------------------------------------------- the municipality of 北京 (level province) quoting its districts

report("beijing_municipality", ("北京市", "110000", "province"), 2023, [
    ("review_received", 2023, 31270, "exact"),
    ("review_accepted", 2023, 27845, "exact"),
    ("review_concluded", 2023, 26912, "exact"),
    ("review_correction_rate", 2023, 9.8, "exact"),
    ("court_appearance_rate", 2023, 99.1, "exact"),
    ("litigation_cases", 2023, 24100, "exact"),
    ("mediation_cases", 2023, 386000, "exact"),
    ("legal_aid_cases", 2023, 41000, "exact"),
    ("market_entities", 2023, 2512000, "exact"),
    ("market_entities_growth", 2023, 5.6, "exact"),
], """
北京市人民政府关于2023年法治政府建设情况的报告

2023年,市政府坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻党的二十大精神和习近平法治思想,在党中央、国务院和市委的坚强领导下,紧紧围绕首都城市战略定位,全面推进法治政府建设。现将有关情况报告如下。
一、2023年法治政府建设主要进展
(一)加强首都法治建设统筹。市政府常务会议专题研究法治政府建设工作,印发年度工作要点,各区、各部门主要负责人认真履行推进法治建设第一责任人职责。
(二)提高立法和规范性文件质量。提请市人大常委会审议地方性法规草案10件,制定修改政府规章9件。
(三)发挥行政复议化解行政争议主渠道作用。全市行政复议机关收到行政复议申请31,270件,受理27,845件,审结26,912件,纠错率9.8%。市政府本级收到行政复议申请5,016件。海淀区、朝阳区收到行政复议申请分别为3,960件和4,126件,均居各区前列。
(四)规范行政应诉。全市法院受理一审行政诉讼案件2.41万件,行政机关负责人出庭应诉率99.1%。16个区中有12个区出庭应诉率达到100%,东城区、西城区行政机关败诉率均低于3%。
(五)化解矛盾纠纷。全市人民调解组织调解矛盾纠纷38.6万件,其中丰台区调解4.2万件。全市办理法律援助案件4.1万件。
(六)优化营商环境。全市实有经营主体251.2万户,同比增长5.6%。
(七)推进政务公开。深化政务公开标准化规范化建设,主动公开政府信息,依申请公开办理质量持续提升。
(八)加强法治督察。开展法治政府建设督察,对各区和市级部门发现的问题建立整改台账。
(九)深化普法依法治理。开展“八五”普法中期评估,推进“法治乡村(社区)”建设。
二、存在的问题
一是行政执法规范化水平仍有提升空间;二是部分区、部门法治政府建设工作发展还不够平衡。
三、2024年工作打算
2024年,市政府将力争行政复议案件审结率达到95%以上,持续推进首都法治政府建设。

北京市人民政府
2024年3月29日
""")

# ---------------------------------------------------------------- issued by a city's 司法局: the jurisdiction is the city (绍兴市)

report("shaoxing_justice_bureau", ("绍兴市", "330600", "prefecture"), 2023, [
    ("review_received", 2023, 3412, "exact"),
    ("review_accepted", 2023, 3067, "exact"),
    ("review_concluded", 2023, 2981, "exact"),
    ("review_corrected", 2023, 338, "exact"),
    ("review_correction_rate", 2023, rate(338, 2981), "exact"),
    ("mediation_cases", 2023, 61500, "exact"),
    ("mediation_success", 2023, 60800, "exact"),
    ("mediation_success_rate", 2023, rate(60800, 61500), "exact"),
    ("legal_aid_cases", 2023, 9870, "exact"),
    ("court_appearance_rate", 2023, 99.4, "exact"),
], """
绍兴市司法局关于2023年度法治政府建设工作情况的报告

2023年,市司法局在市委、市政府的坚强领导和省司法厅的有力指导下,坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,充分发挥党委法治建设议事协调机构办事机构和政府法治工作部门职能作用,统筹推进全市法治政府建设。现将有关情况报告如下。
一、履行推进法治建设职责情况
(一)强化统筹协调。牵头起草全市法治政府建设年度工作要点,组织开展法治政府建设督察,督促各区、县(市)和市级部门落实整改。
(二)提升合法性审查质效。全年审查市政府规范性文件、重大合同和重大行政决策事项一批,出具法律审查意见书312份。
二、行政复议和应诉工作
全市行政复议机构共收到行政复议申请3,412件,受理3,067件,审结2,981件,纠错338件。我局作为市政府行政复议机构,承办市本级行政复议案件786件。全市行政机关负责人出庭应诉率99.4%。以市司法局为被告的行政诉讼案件3件,均未败诉。
三、矛盾纠纷调解和公共法律服务
全市各级人民调解组织调解矛盾纠纷6.15万件,调解成功6.08万件。我局指导建成行业性专业性调解组织86个,培训人民调解员4,200余名。全市法律援助机构办理法律援助案件9,870件,值班律师提供法律帮助1.3万人次。
(三)加强行政执法监督。组织开展行政执法案卷评查,开展涉企行政执法专项监督,推动行政执法“三项制度”落地见效。
(四)推进普法依法治理。深入实施“八五”普法规划,组织开展法治文化阵地建设,创建省级民主法治村(社区)一批。
(五)加强自身建设。全面从严治党,开展局机关作风建设专项行动,提升司法行政队伍法治素养。
四、存在的问题
一是基层司法所力量仍然薄弱;二是行政执法监督的刚性有待增强;三是公共法律服务供给与群众需求还有差距。
五、2024年工作思路
2024年,市司法局将深化行政复议体制改革,力争行政复议案件纠错率保持在合理区间。

绍兴市司法局
2024年1月22日
""")

# ---------------------------------------------------------------- 政府工作报告 register: 法治 figures among GDP and investment (义乌市)

report("yiwu_work_report_mix", ("义乌市", "330782", "county"), 2022, [
    ("market_entities", 2022, 1036000, "exact"),
    ("market_entities_growth", 2022, 11.2, "exact"),
    ("market_entities_new", 2022, 163000, "exact"),
    ("review_accepted", 2022, 642, "exact"),
    ("litigation_cases", 2022, 388, "exact"),
    ("mediation_cases", 2022, 12400, "exact"),
    ("legal_aid_cases", 2022, 2765, "exact"),
], """
义乌市人民政府2022年法治政府建设情况报告

2022年,在金华市委、市政府和义乌市委的坚强领导下,市政府坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,坚持经济社会发展和法治建设同谋划、同部署、同推进。现将有关情况报告如下。
一、法治保障经济社会稳进提质
全年实现地区生产总值1,835.5亿元,同比增长6.5%;固定资产投资增长12.1%,社会消费品零售总额增长5.3%,进出口总额4,783亿元,增长21.7%。实有市场主体103.6万户,增长11.2%,新增市场主体16.3万户,新增市场主体增长8.1%。一般公共预算收入127.4亿元,增长4.6%。
二、法治政府建设主要举措
(一)优化法治化营商环境。深化国际贸易综合改革试点,推进涉外法律服务中心建设,全年为外贸企业提供法律服务2,300余家次。
(二)推进严格规范公正文明执法。推行“综合查一次”联合执法,减少对市场主体的重复检查,全年开展跨部门联合检查1,150次。
(三)强化行政复议和应诉。市政府受理行政复议申请642件,同比增长9.4%;一审行政诉讼案件388件,比上年增加26件。
(四)化解矛盾纠纷。全市人民调解组织调解矛盾纠纷1.24万件,化解率98.3%。办理法律援助案件2,765件,惠及困难群众3,100余人。
(五)加强行政执法监督。开展行政执法案卷评查,组织行政执法人员培训2,450人次。
(六)推进政务公开。深化政务服务“一网通办”,推动高频政务服务事项“一次办、网上办”。
(七)深化法治宣传。落实“谁执法谁普法”普法责任制,组织开展涉外法律知识进市场活动。
(八)加强法治督察。对市级部门和镇街开展法治政府建设专项督察,督促问题整改到位。
三、存在的问题
一是涉外法治人才储备不足;二是基层执法规范化水平有待提高。
四、2023年工作打算
2023年,全市地区生产总值力争增长7%以上,继续深化法治政府建设。

义乌市人民政府
2023年2月15日
""")

# ---------------------------------------------------------------- several indicators in one breath; 1.…;2.… and 一是…二是… lists (株洲市)

report("zhuzhou_lists", ("株洲市", "430200", "prefecture"), 2023, [
    ("litigation_cases", 2023, 856, "exact"),
    ("legal_aid_cases", 2023, 3411, "exact"),
    ("review_correction_rate", 2023, 12.3, "exact"),
    ("litigation_loss_rate", 2023, 8.6, "exact"),
    ("review_received", 2023, 1352, "exact"),
    ("review_accepted", 2023, 1260, "exact"),
    ("review_concluded", 2023, 1188, "exact"),
    ("mediation_cases", 2023, 21300, "exact"),
    ("mediation_success", 2023, 20900, "exact"),
    ("mediation_success_rate", 2023, rate(20900, 21300), "exact"),
    ("court_appearance_rate", 2023, 98.4, "exact"),
], """
株洲市人民政府关于2023年法治政府建设情况的报告

2023年,市政府坚持以习近平法治思想为指导,全面贯彻落实党的二十大精神,在省委、省政府和市委的坚强领导下,扎实推进法治政府建设,为建设“一谷三区”提供了坚实法治保障。现将有关情况报告如下。
一、主要工作情况
(一)法治政府建设基本情况。全年办理行政复议案件1,203件、行政应诉案件856件、法律援助案件3,411件,行政复议纠错率、行政诉讼败诉率分别为12.3%、8.6%。
(二)行政复议工作。主要做法:1.畅通申请渠道,在各县市区设立行政复议受理点,全年收到行政复议申请1,352件;2.严把受理关口,依法受理1,260件;3.提升办案质效,审结1,188件,调解和解结案146件。
(三)矛盾纠纷化解工作。一是健全调解网络,全市建成各类人民调解组织1,560个;二是加大调解力度,调解矛盾纠纷2.13万件,调解成功2.09万件;三是加强队伍建设,培训人民调解员3,800人次。
(四)行政应诉工作。一是落实负责人出庭应诉制度,行政机关负责人出庭应诉率达到98.4%;二是开展旁听庭审活动,组织旁听庭审42场;三是加强败诉案件分析,发布典型案例10个。
(五)依法决策工作。严格落实重大行政决策程序,市政府法律顾问参与重大决策论证,合法性审查做到应审尽审。
(六)行政执法工作。全面推行行政执法“三项制度”,开展行政执法案卷评查,督促整改问题一批。
(七)法治宣传工作。深化“八五”普法,开展宪法宣传周、民法典宣传月等主题活动。
(八)法治督察工作。对各县市区和市直部门开展法治政府建设督察,发现问题全部建立台账。
(九)队伍建设工作。组织全市行政执法人员培训,提升依法行政能力。
二、存在的不足
一是部分行政机关依法行政意识还需增强;二是行政执法人员素质能力有待提升。
三、2024年工作打算
2024年,市政府将持续深化法治政府建设,确保行政机关负责人出庭应诉率稳定在95%以上。

株洲市人民政府
2024年2月28日
""")

# ---------------------------------------------------------------- 万 and 千, qualifiers, and a year in Chinese numerals (九江市)

report("jiujiang_wan_chinese_year", ("九江市", "360400", "prefecture"), 2023, [
    ("mediation_cases", 2023, 32000, "exact"),
    ("mediation_success", 2023, 31000, "at_least"),
    ("market_entities_new", 2023, 10500, "exact"),
    ("legal_aid_cases", 2023, 5000, "approx"),
    ("review_received", 2023, 1600, "at_least"),
    ("review_accepted", 2023, 1420, "exact"),
    ("court_appearance_rate", 2023, 98.5, "exact"),
    ("market_entities", 2023, 412000, "exact"),
], """
九江市人民政府关于二〇二三年度法治政府建设情况的报告

二〇二三年,市政府坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想,在省委、省政府和市委的坚强领导下,法治政府建设取得新成效。现将有关情况报告如下。
一、主要工作成效
(一)深入推进依法行政。市政府常务会议学法5次,组织领导干部旁听庭审。严格落实重大行政决策程序,重大决策事项全部经过合法性审查。
(二)化解矛盾纠纷。全市各级人民调解组织调解矛盾纠纷3.2万件,调解成功3.1万余件。
(三)优化营商环境。全年新增市场主体1.05万户,年底全市实有市场主体41.2万户。
(四)完善公共法律服务。全市办理法律援助案件近5千件,法律援助惠及群众6千余人。
(五)强化行政复议应诉。全市行政复议机关收到行政复议申请1,600余件,受理1,420件。行政机关负责人出庭应诉率达到百分之九十八点五。
(六)加强行政执法监督。开展行政执法案卷评查,推行行政执法“三项制度”,组织行政执法人员培训4千余人次。
(七)深化法治宣传教育。落实“谁执法谁普法”普法责任制,开展宪法宣传周、民法典宣传月活动。
(八)推进法治督察。对各县(市、区)和市直部门开展法治政府建设督察,发现问题全部督促整改。
(九)加强政务公开。主动公开政府信息,依申请公开办理质量持续提升。
(十)提升领导干部法治素养。组织新任职领导干部任前法律知识考试。
二、存在的问题
一是部分县(市、区)法治政府建设进展不平衡;二是基层法治人才不足。
三、二〇二四年工作打算
二〇二四年,市政府将力争新增市场主体1.2万户以上,持续推进法治政府建设。

九江市人民政府
二〇二四年一月二十五日
""")

# ---------------------------------------------------------------- an earlier year's figures quoted for comparison (彭州市)

report("pengzhou_earlier_years", ("彭州市", "510182", "county"), 2023, [
    ("review_accepted", 2023, 186, "exact"),
    ("review_accepted", 2021, 241, "exact"),
    ("litigation_cases", 2023, 98, "exact"),
    ("court_appearance_rate", 2021, 87.5, "exact"),
    ("court_appearance_rate", 2023, 100, "exact"),
    ("legal_aid_cases", 2023, 1126, "exact"),
    ("legal_aid_cases", 2022, 1043, "exact"),
    ("mediation_cases", 2023, 4870, "exact"),
], """
彭州市2023年法治政府建设情况报告

2023年,在成都市委、市政府和彭州市委的坚强领导下,市政府深入学习贯彻习近平法治思想和党的二十大精神,扎实推进法治政府建设,各项工作取得积极成效。现将有关情况报告如下。
一、主要举措及成效
(一)加强组织领导。市政府常务会议定期听取法治政府建设工作汇报,将法治建设纳入目标绩效考核。
(二)推进行政复议规范化建设。全年受理行政复议案件186件,比2021年的241件下降22.8%,行政争议源头治理成效初显。
(三)规范行政应诉。全市一审行政诉讼案件98件,较2022年增加12件;行政机关负责人出庭应诉率由2021年的87.5%提高到2023年的100%。
(四)深化公共法律服务。办理法律援助案件1,126件,较上年的1,043件增长8.0%。
(五)化解矛盾纠纷。全市人民调解组织调解矛盾纠纷4,870件,比2020年增加1,210件。
(六)加强行政执法监督。开展行政执法案卷评查,全面落实行政执法公示、全过程记录和重大执法决定法制审核制度。
(七)推进基层依法治理。深化民主法治示范村(社区)创建,培育农村“法律明白人”一批。
(八)深化法治宣传。开展宪法宣传周、民法典宣传月活动,推动普法进乡村、进社区、进企业。
(九)强化法治督察。对镇(街道)和市级部门开展法治督察,发现问题全部督促整改。
(十)加强领导干部学法用法。市政府常务会议会前学法6次,组织领导干部旁听庭审。
二、存在的问题
一是部分部门运用法治思维和法治方式的能力还不够强;二是基层行政执法规范化水平有待提升。
三、2024年工作打算
持续推进法治政府建设,力争行政复议案件办理质效进一步提升。

彭州市人民政府
2024年2月6日
""")

# ---------------------------------------------------------------- text copied out of a PDF: hard line breaks, page numbers (潍坊市)

report("weifang_pdf_text", ("潍坊市", "370700", "prefecture"), 2022, [
    ("review_received", 2022, 2846, "exact"),
    ("review_accepted", 2022, 2517, "exact"),
    ("review_concluded", 2022, 2433, "exact"),
    ("litigation_cases", 2022, 1372, "exact"),
    ("court_appearance_rate", 2022, 99.3, "exact"),
    ("mediation_cases", 2022, 38200, "exact"),
    ("mediation_success", 2022, 37600, "exact"),
    ("mediation_success_rate", 2022, rate(37600, 38200), "exact"),
    ("legal_aid_cases", 2022, 7315, "exact"),
], """
潍坊市人民政府关于2022年度法治政府建设
情况的报告

2022年,市政府坚持以习近平新时代中国特色社会主义思想为指
导,深入贯彻习近平法治思想,在省委、省政府和市委的坚强领导
下,扎实推进法治政府建设。现将有关情况报告如下。
一、主要工作成效
(一)健全依法行政制度体系。严格规范性文件合法性审核,全年
审核市政府规范性文件46件,备案审查部门文件118件。
(二)发挥行政复议主渠道作用。全市行政复议机关共收到行政复
议申请2,846件,受理2,517件,审结2,433件。全市法院受理一审行

— 3 —

政诉讼案件1,372件,行政机关负责人出庭应诉率达到99.3%。
(三)推进矛盾纠纷多元化解。全市人民调解组织调解矛盾纠纷
3.82万件,调解成功3.76万件。全市法律援助机构办理法律援
助案件7,315件,挽回经济损失1.2亿元。
二、存在的问题
一是法治政府建设发展还不够平衡;二是行政执法规范化水平还
需进一步提升。
三、2023年工作打算
持续推进法治政府建设,力争全市行政复议案件纠错率保持合理
区间。
— 4 —
潍坊市人民政府
2023年3月15日
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
