"""extract_facts, specified by example: a sentence and every row it must yield — no more, no fewer.

Every sentence is invented for these tests (none is copied from a sample report). A row is
(indicator, value, qualifier) for the report's own year, or (indicator, value, qualifier, year)
when the sentence names another year. Only single-year facts are compared here; running totals
(period="cumulative") have their own table below. A wrong number is worse than a missing one, so
a sentence whose figure is not one of ours expects [].
"""

from __future__ import annotations

import pytest

from pipeline.extract import extract_facts
from pipeline.ingest import read_bytes
from pipeline.model import PERIOD_CUMULATIVE, PERIOD_YEAR, Fact, Place

YEAR = 2022  # the year every test report is about

Row = tuple


def rows(facts: list[Fact], period: str = PERIOD_YEAR) -> list[tuple]:
    return sorted(
        (f.indicator, round(f.value, 4), f.qualifier, f.year if f.year is not None else YEAR)
        for f in facts
        if f.period == period
    )


def expected_rows(expected: list[Row]) -> list[tuple]:
    return sorted((r[0], round(float(r[1]), 4), r[2], r[3] if len(r) > 3 else YEAR) for r in expected)


CASES: list[tuple[str, list[Row]]] = [
    # --- 行政复议: received / accepted / concluded / corrected / correction rate --------------------
    ("全年共受理行政复议案件一百三十六件", [("review_accepted", 136, "exact")]),
    ("全年收到行政复议申请2,315件", [("review_received", 2315, "exact")]),
    ("市政府全年新收行政复议案件418件", [("review_received", 418, "exact")]),
    ("依法受理行政复议案件六十四件", [("review_accepted", 64, "exact")]),
    ("全年审结行政复议案件593件", [("review_concluded", 593, "exact")]),
    ("全年办结行政复议案件二百一十宗", [("review_concluded", 210, "exact")]),
    ("行政复议机关直接纠错违法或不当行政行为37件", [("review_corrected", 37, "exact")]),
    ("行政复议纠错率为9.6%", [("review_correction_rate", 9.6, "exact")]),
    ("行政复议综合纠错率达到百分之十五", [("review_correction_rate", 15, "exact")]),
    # shared subject: later clauses inherit 行政复议
    (
        "全年收到行政复议申请1,092件,受理981件,审结954件,纠错88件",
        [
            ("review_received", 1092, "exact"),
            ("review_accepted", 981, "exact"),
            ("review_concluded", 954, "exact"),
            ("review_corrected", 88, "exact"),
        ],
    ),
    (
        "全年共办理行政复议案件,受理733宗,办结702宗,纠错率11.3%",
        [
            ("review_accepted", 733, "exact"),
            ("review_concluded", 702, "exact"),
            ("review_correction_rate", 11.3, "exact"),
        ],
    ),
    # qualifiers
    ("全年受理行政复议案件突破3000件", [("review_accepted", 3000, "at_least")]),
    ("全年收到行政复议申请超过1,500件", [("review_received", 1500, "at_least")]),
    ("全年受理行政复议案件逾800件", [("review_accepted", 800, "at_least")]),
    ("全年审结行政复议案件650件以上", [("review_concluded", 650, "at_least")]),
    ("全年收到行政复议申请470余件", [("review_received", 470, "at_least")]),
    ("全年受理行政复议案件1.1万多件", [("review_accepted", 11000, "at_least")]),
    ("全年收到行政复议申请近2000件", [("review_received", 2000, "approx")]),
    ("全年受理行政复议案件约560件", [("review_accepted", 560, "approx")]),
    ("全年审结行政复议案件380件左右", [("review_concluded", 380, "approx")]),
    ("行政复议纠错率不超过12%", [("review_correction_rate", 12, "at_most")]),
    ("行政复议纠错率控制在20%以内", [("review_correction_rate", 20, "at_most")]),
    # inferred: 全部审结 makes concluded equal accepted
    (
        "全年受理行政复议案件143件,现已全部审结",
        [("review_accepted", 143, "exact"), ("review_concluded", 143, "exact")],
    ),
    # partial-year cut-off: a flow counted before the year ended is a lower bound
    ("截至11月底,已受理行政复议案件1200件", [("review_accepted", 1200, "at_least")]),
    ("截至10月,全市审结行政复议案件286件", [("review_concluded", 286, "at_least")]),
    ("截至2022年底,全年受理行政复议案件615件", [("review_accepted", 615, "exact")]),
    ("今年1-10月,全市受理行政复议案件870件", [("review_accepted", 870, "at_least")]),
    ("2022年1至11月,全市审结行政复议案件742件", [("review_concluded", 742, "at_least")]),
    ("2022年1-12月,全市受理行政复议案件905件", [("review_accepted", 905, "exact")]),
    ("前三季度,全市调解矛盾纠纷2,140件", [("mediation_cases", 2140, "at_least")]),
    # a rate over part of the year is neither the year's rate nor a bound on it
    ("上半年,全市行政机关负责人出庭应诉率为95%", []),
    ("1-11月,全市行政复议纠错率为9%", []),
    # previous-year value in passing; the growth is no level of ours
    (
        "全年受理行政复议案件78件,较上年的52件增长50%",
        [("review_accepted", 78, "exact"), ("review_accepted", 52, "exact", 2021)],
    ),
    (
        "全年收到行政复议申请260件,比去年的300件减少40件",
        [("review_received", 260, "exact"), ("review_received", 300, "exact", 2021)],
    ),
    ("全年受理行政复议案件355件,较上年增加61件", [("review_accepted", 355, "exact")]),
    (
        "全年受理行政复议案件310件,比2021年的256件增长21%",
        [("review_accepted", 310, "exact"), ("review_accepted", 256, "exact", 2021)],
    ),
    (
        "全年收到行政复议申请1,204件,同比上升18.6%,依法受理1,096件,不予受理37件,审结1,051件",
        [
            ("review_received", 1204, "exact"),
            ("review_accepted", 1096, "exact"),
            ("review_concluded", 1051, "exact"),
        ],
    ),
    (
        "行政复议纠错率为8%,较上年的13%下降5个百分点",
        [("review_correction_rate", 8, "exact"), ("review_correction_rate", 13, "exact", 2021)],
    ),
    # percentage-point changes are changes, not levels
    ("行政复议纠错率同比下降3.2个百分点", []),
    # explicit years
    (
        "2020年受理行政复议案件502件,2021年受理行政复议案件577件",
        [("review_accepted", 502, "exact", 2020), ("review_accepted", 577, "exact", 2021)],
    ),
    (
        "2018-2020年行政复议收到申请分别为731件、684件、652件",
        [
            ("review_received", 731, "exact", 2018),
            ("review_received", 684, "exact", 2019),
            ("review_received", 652, "exact", 2020),
        ],
    ),
    (
        "2019年至2022年行政复议纠错率依次为12.5%、10.2%、9.8%和8.1%",
        [
            ("review_correction_rate", 12.5, "exact", 2019),
            ("review_correction_rate", 10.2, "exact", 2020),
            ("review_correction_rate", 9.8, "exact", 2021),
            ("review_correction_rate", 8.1, "exact", 2022),
        ],
    ),
    # a later year than the report's is never reported
    ("2023年1月受理行政复议案件45件", []),
    # targets and plans
    ("力争全年受理行政复议案件1500件", []),
    ("行政复议工作的任务是办理1500件", []),
    ("计划审结行政复议案件900件", []),
    ("预计全年收到行政复议申请2000件", []),
    # neighbouring rates and figures that are not ours
    ("行政复议受理率为99%", []),
    ("行政复议后被起诉率为5.5%", []),
    ("复议后被起诉率降至4%", []),
    ("全年制发行政复议意见书23份", []),
    ("全年接待行政复议申请人410人", []),
    ("行政复议案件涉及申请人1,320人次", []),
    ("全年不予受理行政复议申请31件", []),
    # --- 行政机关负责人出庭应诉率 -------------------------------------------------------------------
    ("行政机关负责人出庭应诉率达到百分之九十", [("court_appearance_rate", 90, "exact")]),
    ("全市行政机关负责人出庭应诉率为96.3%", [("court_appearance_rate", 96.3, "exact")]),
    ("行政机关负责人出庭应诉率保持100%", [("court_appearance_rate", 100, "exact")]),
    ("行政机关负责人出庭率达到98%以上", [("court_appearance_rate", 98, "at_least")]),
    ("行政机关负责人出庭应诉率实现百分之百", [("court_appearance_rate", 100, "exact")]),
    (
        "行政机关负责人出庭应诉率从2019年的35%上升到2021年的88%",
        [("court_appearance_rate", 35, "exact", 2019), ("court_appearance_rate", 88, "exact", 2021)],
    ),
    (
        "负责人出庭应诉率从2020年的41%提高到76%",
        [("court_appearance_rate", 41, "exact", 2020), ("court_appearance_rate", 76, "exact")],
    ),
    # one predicate for several indicators: only the one that is ours
    ("规范性文件合法性审查率和行政机关负责人出庭应诉率均达到100%", [("court_appearance_rate", 100, "exact")]),
    (
        "行政复议纠错率和行政机关负责人出庭应诉率分别为14%和96%",
        [("review_correction_rate", 14, "exact"), ("court_appearance_rate", 96, "exact")],
    ),
    ("行政机关负责人出庭应诉率同比提高6.5个百分点", []),
    ("力争行政机关负责人出庭应诉率达到100%", []),
    ("行政机关主要负责人出庭应诉率为45%", []),
    # --- 行政诉讼: cases / lost / loss rate -------------------------------------------------------
    ("全年发生行政诉讼案件近300件", [("litigation_cases", 300, "approx")]),
    ("全年办理行政应诉案件四百零八件", [("litigation_cases", 408, "exact")]),
    ("全市一审行政诉讼案件1,046件", [("litigation_cases", 1046, "exact")]),
    ("全年行政应诉案件156起,败诉9起", [("litigation_cases", 156, "exact"), ("litigation_lost", 9, "exact")]),
    (
        "全市行政机关作为被告的一审行政案件532件,败诉27件,败诉率5.1%",
        [
            ("litigation_cases", 532, "exact"),
            ("litigation_lost", 27, "exact"),
            ("litigation_loss_rate", 5.1, "exact"),
        ],
    ),
    ("行政诉讼案件败诉率为百分之三点五", [("litigation_loss_rate", 3.5, "exact")]),
    ("行政诉讼败诉率控制在6%以内", [("litigation_loss_rate", 6, "at_most")]),
    ("行政诉讼胜诉率为92%", []),
    ("行政应诉案件胜诉率达到88.6%", []),
    ("全年审结二审行政诉讼案件210件", []),
    ("行政诉讼败诉率同比下降1.8个百分点", []),
    # --- 矛盾纠纷调解: cases / success / success rate ---------------------------------------------
    ("全年调解各类矛盾纠纷3,870件", [("mediation_cases", 3870, "exact")]),
    ("全年调处矛盾纠纷860宗,调处成功820宗", [("mediation_cases", 860, "exact"), ("mediation_success", 820, "exact")]),
    (
        "全年共调解矛盾纠纷九百八十六件,调解成功九百六十件",
        [("mediation_cases", 986, "exact"), ("mediation_success", 960, "exact")],
    ),
    ("各级人民调解组织共调解矛盾纠纷1.5万件", [("mediation_cases", 15000, "exact")]),
    ("全年调解矛盾纠纷2,600余件", [("mediation_cases", 2600, "at_least")]),
    ("人民调解成功率为97.2%", [("mediation_success_rate", 97.2, "exact")]),
    ("矛盾纠纷调处成功率98%", [("mediation_success_rate", 98, "exact")]),
    ("调解成功率达到百分之九十五以上", [("mediation_success_rate", 95, "at_least")]),
    ("矛盾纠纷调处率98%", []),
    ("矛盾纠纷化解率为96%", []),
    ("全年化解信访矛盾纠纷2300件,化解率96.4%", []),
    ("行业性专业性调解组织调解矛盾纠纷640件", []),
    # distractors: people, organisations, rounds
    ("全市共有人民调解员3500名", []),
    ("全市建立人民调解委员会412个", []),
    ("全市共有调委会320个,调解工作站45个", []),
    ("新增各类调解组织28家", []),
    ("开展矛盾纠纷排查1,200次", []),
    ("组织矛盾纠纷排查4,100余次", []),
    ("调解员参与调解培训1600人次", []),
    # --- 市场主体: total / new / growth ------------------------------------------------------------
    ("全市实有市场主体138万户", [("market_entities", 1380000, "exact")]),
    ("全区市场主体总量突破1.2亿户", [("market_entities", 120000000, "at_least")]),
    ("截至年底,全区实有经营主体12.6万家", [("market_entities", 126000, "exact")]),
    (
        "截至2022年底,全市共有市场主体28.3万户,同比增长8.5%",
        [("market_entities", 283000, "exact"), ("market_entities_growth", 8.5, "exact")],
    ),
    (
        "全市实有市场主体150万户,较上年的140万户增长7.1%",
        [
            ("market_entities", 1500000, "exact"),
            ("market_entities", 1400000, "exact", 2021),
            ("market_entities_growth", 7.1, "exact"),
        ],
    ),
    ("全年新增市场主体2.1万户", [("market_entities_new", 21000, "exact")]),
    ("全年新登记市场主体8,520家", [("market_entities_new", 8520, "exact")]),
    # growth compared with last year is this year's growth
    (
        "全市经营主体总量达68万户,较上年增长7%",
        [("market_entities", 680000, "exact"), ("market_entities_growth", 7, "exact")],
    ),
    (
        "全年新增市场主体3.6万户,增长14%,总量达到31万户",
        [("market_entities_new", 36000, "exact"), ("market_entities", 310000, "exact")],
    ),
    (
        "2020年至2022年,全市新增市场主体依次为1.1万户、1.3万户和1.6万户",
        [
            ("market_entities_new", 11000, "exact", 2020),
            ("market_entities_new", 13000, "exact", 2021),
            ("market_entities_new", 16000, "exact", 2022),
        ],
    ),
    # a part of the stock is not the stock
    ("全市市场主体总量30万户,其中企业总量达8万户", [("market_entities", 300000, "exact")]),
    ("全市民营市场主体总量达到25万户", []),
    # growth of new registrations is not growth of the stock
    ("全年新增市场主体2.1万户,同比增长12%", [("market_entities_new", 21000, "exact")]),
    ("新增市场主体同比增长20%", []),
    (
        "全年新增市场主体8600户,市场主体总量同比增长9.1%",
        [("market_entities_new", 8600, "exact"), ("market_entities_growth", 9.1, "exact")],
    ),
    # 净增 is not 新增
    ("全年净增市场主体1.5万户", []),
    # percentage-point change of the growth rate is not a growth level
    ("市场主体总量增速提高1.2个百分点", []),
    # entities served, helped or visited are not the total
    ("全年服务市场主体3000家", []),
    ("减税降费惠及市场主体6.2万户", []),
    # growth of the total after a flow; growth of the flow; average growth over years
    (
        "全年新增市场主体8,210户,总量同比增长5.0%",
        [("market_entities_new", 8210, "exact"), ("market_entities_growth", 5.0, "exact")],
    ),
    ("新增市场主体总量8,210户,同比增长12%", [("market_entities_new", 8210, "exact")]),
    ("全年新增市场主体8,210户,企业总量同比增长3%", [("market_entities_new", 8210, "exact")]),
    ("全市市场主体总量由28.6万户增长到37.9万户,年均增长10%左右", [("market_entities", 379000, "exact")]),
    (
        "全市实有各类经营主体158.7万户,比上年末增长6.3%",
        [("market_entities", 1587000, "exact"), ("market_entities_growth", 6.3, "exact")],
    ),
    ("全年新设市场主体达1.3万户,同比增长12%", [("market_entities_new", 13000, "exact")]),
    ("全年新登记各类市场主体5.2万户", [("market_entities_new", 52000, "exact")]),
    # a stock or a rate taken before the year ended is not the year's
    ("截至11月底,全县实有市场主体12.6万户,同比增长6%", []),
    ("截至11月底,全县调解矛盾纠纷5,214件,调解成功率99.0%", [("mediation_cases", 5214, "at_least")]),
    (
        "前三季度新增市场主体9,000户,年末实有市场主体12万户",
        [("market_entities_new", 9000, "at_least"), ("market_entities", 120000, "exact")],
    ),
    ("走访企业等市场主体850家", []),
    # --- 法律援助 ---------------------------------------------------------------------------------
    ("全年办理法律援助案件六十九件", [("legal_aid_cases", 69, "exact")]),
    ("全年受理法律援助案件1,500多件", [("legal_aid_cases", 1500, "at_least")]),
    ("全年办理法律援助案件超过2000件", [("legal_aid_cases", 2000, "at_least")]),
    (
        "法律援助机构共办理法律援助案件2,468件,提供法律咨询1.2万人次",
        [("legal_aid_cases", 2468, "exact")],
    ),
    ("全年共为困难群众提供法律援助1,260件", [("legal_aid_cases", 1260, "exact")]),
    ("全年为群众提供法律援助咨询3,000件", []),
    # a part of a total just read is not another value of it
    ("全年受理法律援助案件2,154件,其中刑事法律援助案件863件", [("legal_aid_cases", 2154, "exact")]),
    # one kind of legal aid alone is a part; a list of kinds is the whole; applications are not cases
    ("全年办理刑事法律援助案件2,460件", []),
    ("全年办理刑事、民事法律援助案件3,120件", [("legal_aid_cases", 3120, "exact")]),
    (
        "全区受理法律援助申请1,520件,办理法律援助案件1,460件",
        [("legal_aid_cases", 1460, "exact")],
    ),
    # 行政裁决 beside 行政复议 in one sentence keeps its own subject
    (
        "收到行政复议申请1,364件,受理1,212件,同时受理行政裁决申请86件,办结行政裁决案件79件",
        [("review_received", 1364, "exact"), ("review_accepted", 1212, "exact")],
    ),
    # another subject's verb after an inherited 行政复议 topic is not a review figure
    (
        "收到行政复议申请600件,审结560件,同时办结信访积案52件",
        [("review_received", 600, "exact"), ("review_concluded", 560, "exact")],
    ),
    (
        "收到行政复议申请600件,审结560件,作出行政处罚决定3,200件",
        [("review_received", 600, "exact"), ("review_concluded", 560, "exact")],
    ),
    ("行政复议工作中,共受理群众来信来访320件", []),
    ("受理行政复议案件860件,同时受理行政许可申请3.2万件", [("review_accepted", 860, "exact")]),
    # the court's losses of cases that went through 行政复议 first are the review's, not all suits
    ("复议后起诉率8.6%,复议后被法院判决败诉率1.2%", []),
    ("全市行政应诉案件中,经复议后败诉率为2.1%", []),
    # the procuratorate's supervision of administrative suits is not a suit
    ("全市检察机关办理行政诉讼监督案件86件", []),
    # a channel's own kind of dispute (访调/警调/诉调对接) is not the total mediated
    ("深化访调对接,调解信访纠纷1,260件", []),
    (
        "全年调解各类矛盾纠纷6,240件,调解成功6,190件",
        [("mediation_cases", 6240, "exact"), ("mediation_success", 6190, "exact")],
    ),
    # 在营/存续 市场主体 is the stock
    (
        "全市在营市场主体62.3万户,同比增长8.6%",
        [("market_entities", 623000, "exact"), ("market_entities_growth", 8.6, "exact")],
    ),
    (
        "全年收到行政复议申请100件,其中受理92件",
        [("review_received", 100, "exact"), ("review_accepted", 92, "exact")],
    ),
    # mediation inside 行政复议 or 诉讼 is not 矛盾纠纷调解
    ("受理行政复议案件300件,其中行政复议案件调解成功68件", [("review_accepted", 300, "exact")]),
    # bare magnitudes after a qualifier
    ("全年办理法律援助案件逾千件", [("legal_aid_cases", 1000, "at_least")]),
    ("全区各级调解组织共调解矛盾纠纷近万件", [("mediation_cases", 10000, "approx")]),
    ("全市建成法律援助工作站86个", []),
    ("法律援助值班律师提供法律帮助3,100人次", []),
    ("法律援助案件计划办理3000件", []),
    ("全年法律援助案件数量300至400件", []),
    # the same indicator for two years in parallel clauses; a subjectless ',达到' clause
    (
        "全市行政机关负责人出庭应诉率2021年为93.5%,2022年达到100%",
        [("court_appearance_rate", 93.5, "exact", 2021), ("court_appearance_rate", 100, "exact")],
    ),
    (
        "全市一审行政诉讼案件,2021年为406件,2022年为389件",
        [("litigation_cases", 406, "exact", 2021), ("litigation_cases", 389, "exact")],
    ),
    (
        "全市实有市场主体由2021年底的24.3万户增至2022年底的26.1万户",
        [("market_entities", 243000, "exact", 2021), ("market_entities", 261000, "exact")],
    ),
    (
        "全县市场主体总量同比增长6.6%,达到5.2万户",
        [("market_entities_growth", 6.6, "exact"), ("market_entities", 52000, "exact")],
    ),
    # a narrower value of the same indicator gives way; court-led 诉前 mediation, subject shared
    ("全年行政复议纠错率为13.1%,直接纠错率为9.4%", [("review_correction_rate", 13.1, "exact")]),
    ("行政复议机关直接纠错41件,间接纠错23件", []),
    ("县人民法院诉前调解案件2,416件,调解成功903件", []),
    ("县法院诉前调解成功率58.2%", []),
    (
        "法院诉前调解610件,人民调解组织调解矛盾纠纷2,044件,调解成功2,011件",
        [("mediation_cases", 2044, "exact"), ("mediation_success", 2011, "exact")],
    ),
    # 件次 beside 出庭率; 受理 beside 办结 in 法律援助; 成功化解 is not 调解成功
    ("行政机关负责人出庭应诉213件次,出庭率97.6%", [("court_appearance_rate", 97.6, "exact")]),
    ("全年受理法律援助案件835件,办结812件,挽回经济损失560万元", [("legal_aid_cases", 835, "exact")]),
    ("全区排查各类矛盾纠纷1,530起,成功化解1,497起,化解率97.8%", []),
    # a figure after a growth rate belongs to the subject before the rate (the rate is not ours)
    ("全年受理行政复议案件同比增长46.8%,达到2,860件", [("review_accepted", 2860, "exact")]),
    ("一审行政诉讼案件同比下降15.6%,为412件", [("litigation_cases", 412, "exact")]),
    ("法律援助案件数同比增长12%,达1.2万件", [("legal_aid_cases", 12000, "exact")]),
    (
        "全年收到行政复议申请同比增长30%,达到1,300件,受理1,210件",
        [("review_received", 1300, "exact"), ("review_accepted", 1210, "exact")],
    ),
    ("GDP同比增长6%,达到500亿元", []),
    ("排查矛盾纠纷同比增长10%,达到1,200次", []),
    ("复议后被起诉率同比下降2%,为8%", []),
    # a rank between the subject and its value
    ("市场主体总量跃居全省第2位,达到38.6万户", [("market_entities", 386000, "exact")]),
    ("经营主体总量位居全市第一,达12.4万户", [("market_entities", 124000, "exact")]),
    # "涉及…、…等领域的" names kinds of case: the figure is the total
    ("全年收到涉及行政处罚、行政强制等领域的行政复议申请1,230件", [("review_received", 1230, "exact")]),
    (
        "全年受理涉及行政许可、行政确认等领域的行政复议案件640件,审结612件",
        [("review_accepted", 640, "exact"), ("review_concluded", 612, "exact")],
    ),
    # ... but one field, a part (其中) or a later figure stays a part
    ("全年收到涉及自然资源领域的行政复议申请312件", []),
    ("食品安全领域受理行政复议案件45件", []),
    ("全年收到行政复议申请900件,其中涉及征收、拆迁等领域的行政复议申请300件", [("review_received", 900, "exact")]),
    ("全年受理行政复议案件900件,涉及征收、拆迁等领域的行政复议申请300件", [("review_accepted", 900, "exact")]),
    # --- 行政规范性文件备案审查 (a cue may stand after the noun) -------------------------------------
    ("全年备案审查规范性文件56件,纠正不当文件3件", [("normative_docs_filed", 56, "exact")]),
    ("对区政府部门报送的32件规范性文件进行备案审查", [("normative_docs_filed", 32, "exact")]),
    ("向市政府报送备案规范性文件12件,报备率、及时率均达到100%", [("normative_docs_filed", 12, "exact")]),
    ("对86件行政规范性文件进行合法性审核", []),
    ("清理废止规范性文件21件", []),
    # --- 政府信息公开申请 ---------------------------------------------------------------------------
    ("全年收到政府信息公开申请1,234件,均已依法答复", [("info_disclosure_requests", 1234, "exact")]),
    ("受理依申请公开政府信息237件,按时答复率100%", [("info_disclosure_requests", 237, "exact")]),
    ("主动公开政府信息3.2万条,办理政府信息公开申请415件", [("info_disclosure_requests", 415, "exact")]),
    ("行政复议案件中涉及政府信息公开的23件", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i:03d}" for i in range(len(CASES))])
def test_sentence(text: str, expected: list[Row]) -> None:
    assert rows(extract_facts(text, YEAR)) == expected_rows(expected)


def test_every_indicator_is_specified() -> None:
    from pipeline import catalogue as cat

    covered = {row[0] for _, expected in CASES + MINI_REPORTS for row in expected}
    assert set(cat.catalogue()) <= covered


# --- running totals: never a single year -------------------------------------------------------

CUMULATIVE: list[tuple[str, list[Row]]] = [
    ("2016年以来累计办理法律援助案件5,000件", [("legal_aid_cases", 5000, "exact")]),
    ("近五年来共受理行政复议案件3,260件", [("review_accepted", 3260, "exact")]),
    (
        "2017年以来,全市发生行政诉讼案件2,110件,败诉402件",
        [("litigation_cases", 2110, "exact"), ("litigation_lost", 402, "exact")],
    ),
    ("累计调解矛盾纠纷4.3万件", [("mediation_cases", 43000, "exact")]),
    ("十三五期间累计新增市场主体21万户", [("market_entities_new", 210000, "exact")]),
    ("两年来共办理法律援助案件6,120件", [("legal_aid_cases", 6120, "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), CUMULATIVE, ids=[f"total{i}" for i in range(len(CUMULATIVE))])
def test_running_total_is_labelled_not_given_to_a_year(text: str, expected: list[Row]) -> None:
    facts = extract_facts(text, YEAR)
    assert rows(facts) == []
    assert rows(facts, PERIOD_CUMULATIVE) == expected_rows(expected)


@pytest.mark.parametrize(
    "text",
    [
        "今年以来,全市受理行政复议案件380件",
        "2022年以来,全市受理行政复议案件380件",
        "全年累计受理行政复议案件380件",
    ],
)
def test_within_the_year_running_total_is_the_years_value(text: str) -> None:
    assert rows(extract_facts(text, YEAR)) == expected_rows([("review_accepted", 380, "exact")])


# --- methods and evidence ----------------------------------------------------------------------


def test_all_concluded_is_inferred_from_accepted() -> None:
    facts = extract_facts("全年受理行政复议案件86件,均已依法审结", YEAR)
    concluded = [f for f in facts if f.indicator == "review_concluded"]
    assert [(f.value, f.method) for f in concluded] == [(86, "inferred")]


def test_stated_concluded_is_not_replaced_by_an_inference() -> None:
    facts = extract_facts("受理行政复议案件90件,审结88件,其余已全部审结", YEAR)
    assert [(f.value, f.method) for f in facts if f.indicator == "review_concluded"] == [(88, "reported")]


def test_evidence_is_the_sentence_at_its_offsets() -> None:
    text = "一、基本情况。全年审结行政复议案件77件。其他工作。"
    (fact,) = extract_facts(text, YEAR)
    assert fact.evidence == "全年审结行政复议案件77件。"
    assert text[fact.start : fact.end] == fact.evidence
    assert fact.method == "reported"


# --- figures of places below the reporting jurisdiction ---------------------------------------

PROVINCE = Place("浙江省", "330000", "province", "浙江省")
CITY = Place("嘉兴市", "330400", "prefecture", "浙江省", "浙江省")
COUNTY = Place("海盐县", "330424", "county", "浙江省", "嘉兴市")

SCOPED: list[tuple[Place, tuple[str, ...], str, list[Row]]] = [
    (
        PROVINCE,
        ("杭州市", "宁波市", "杭州", "宁波"),
        "全省共受理行政复议案件2.3万件,其中杭州(2100件)、宁波(1850件)位居前列",
        [("review_accepted", 23000, "exact")],
    ),
    (PROVINCE, ("杭州市", "宁波市", "杭州", "宁波"), "杭州市受理行政复议案件2100件", []),
    (
        PROVINCE,
        (),
        "省政府本级受理行政复议案件300件,全省受理行政复议案件1.8万件",
        [("review_accepted", 18000, "exact")],
    ),
    (CITY, ("海盐县", "平湖市", "海盐", "平湖"), "平湖市办理法律援助案件860件", []),
    (CITY, (), "全市受理行政复议案件1200件,市本级受理行政复议案件300件", [("review_accepted", 1200, "exact")]),
    (CITY, (), "市直部门行政机关负责人出庭应诉率为100%", []),
    (CITY, (), "全省行政机关负责人出庭应诉率为80%", []),
    (CITY, (), "全国市场主体总量突破1.7亿户", []),
    # a rank among wider places is not a wider subject
    (CITY, (), "全市市场主体总量跃居全省第2位,达到38.6万户", [("market_entities", 386000, "exact")]),
    (CITY, (), "全省市场主体总量居全国第5位,达到860万户", []),
    (COUNTY, (), "全县法律援助案件数位列全市第3名,达到1,020件", [("legal_aid_cases", 1020, "exact")]),
    (COUNTY, (), "全省法律援助案件8万件,全县办理法律援助案件860件", [("legal_aid_cases", 860, "exact")]),
    (COUNTY, (), "各乡镇调解矛盾纠纷1,210件", []),
    # a part's later clauses share its subject, until the text names a scope of its own
    (CITY, (), "市本级受理行政复议案件215件,审结208件", []),
    (
        CITY,
        (),
        "市本级受理行政复议案件215件,审结208件;全市受理行政复议案件820件,审结796件",
        [("review_accepted", 820, "exact"), ("review_concluded", 796, "exact")],
    ),
    (CITY, (), "指导乡镇建成调解室12个,调解矛盾纠纷500件", [("mediation_cases", 500, "exact")]),
    (COUNTY, ("武原街道",), "武原街道调解纠纷612件,调解成功600件", []),
    # "全市" in a county's report is its parent city; in a county-level city's report it is itself
    (COUNTY, (), "全市行政复议案件受理数为1,326件,我县受理247件", [("review_accepted", 247, "exact")]),
    (
        Place("平湖市", "330482", "county", "浙江省", "嘉兴市"),
        (),
        "全市受理行政复议案件247件",
        [("review_accepted", 247, "exact")],
    ),
]


@pytest.mark.parametrize(("place", "subs", "text", "expected"), SCOPED, ids=[f"scope{i}" for i in range(len(SCOPED))])
def test_sub_and_wider_jurisdictions(place: Place, subs: tuple[str, ...], text: str, expected: list[Row]) -> None:
    assert rows(extract_facts(text, YEAR, place, subs)) == expected_rows(expected)


# --- mini-reports: several sentences mixing the families above -------------------------------

MINI_REPORTS: list[tuple[str, list[Row]]] = [
    (
        "2022年,区政府深入推进依法行政。全年收到行政复议申请316件,受理288件,审结271件,"
        "直接纠错23件,纠错率8.5%。全区共有人民调解员640名,调委会95个。"
        "全年调解矛盾纠纷1,830件,调解成功1,792件,调解成功率97.9%。力争明年行政复议案件办结率达到100%。",
        [
            ("review_received", 316, "exact"),
            ("review_accepted", 288, "exact"),
            ("review_concluded", 271, "exact"),
            ("review_corrected", 23, "exact"),
            ("review_correction_rate", 8.5, "exact"),
            ("mediation_cases", 1830, "exact"),
            ("mediation_success", 1792, "exact"),
            ("mediation_success_rate", 97.9, "exact"),
        ],
    ),
    (
        "优化营商环境。截至12月底,全市实有市场主体36.8万户,同比增长6.4%;全年新增市场主体4.9万户,"
        "同比增长11.2%。全年走访服务市场主体2,300家。全年净增市场主体2.2万户。",
        [
            ("market_entities", 368000, "exact"),
            ("market_entities_growth", 6.4, "exact"),
            ("market_entities_new", 49000, "exact"),
        ],
    ),
    (
        "全年全市行政机关作为被告的一审行政诉讼案件678件,败诉35件。"
        "行政机关负责人出庭应诉率达到99.1%,较上年提高4.3个百分点。"
        "行政诉讼胜诉率为91%。2016年以来累计应诉行政诉讼案件4,020件。",
        [
            ("litigation_cases", 678, "exact"),
            ("litigation_lost", 35, "exact"),
            ("court_appearance_rate", 99.1, "exact"),
        ],
    ),
    (
        "加强法律援助。全年建成法律援助工作站38个,办理法律援助案件一千二百三十件,"
        "提供法律咨询9,600人次。计划明年办理法律援助案件1500件。"
        "截至11月底,全市受理行政复议案件904件。",
        [("legal_aid_cases", 1230, "exact"), ("review_accepted", 904, "at_least")],
    ),
    (
        "全市行政复议收到申请数2018-2020年分别为431件、466件、503件。"
        "2021年受理行政复议案件512件,现已全部审结。"
        "行政诉讼败诉率从2020年的9.4%下降到2021年的6.2%。",
        [
            ("review_received", 431, "exact", 2018),
            ("review_received", 466, "exact", 2019),
            ("review_received", 503, "exact", 2020),
            ("review_accepted", 512, "exact", 2021),
            ("review_concluded", 512, "exact", 2021),
            ("litigation_loss_rate", 9.4, "exact", 2020),
            ("litigation_loss_rate", 6.2, "exact", 2021),
        ],
    ),
    (
        "全年开展矛盾纠纷排查3,400次。调处各类矛盾纠纷2,950起,调处成功2,871起。"
        "矛盾纠纷调处率为99%,化解率为94%。法律援助案件的目标是达到2,000件。",
        [("mediation_cases", 2950, "exact"), ("mediation_success", 2871, "exact")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MINI_REPORTS, ids=[f"report{i}" for i in range(len(MINI_REPORTS))])
def test_mini_report(text: str, expected: list[Row]) -> None:
    assert rows(extract_facts(text, YEAR)) == expected_rows(expected)


def test_plans_carry_over_to_later_clauses() -> None:
    text = "力争全年行政复议案件办理量保持在300件左右,调解成功率保持在98%以上"
    assert rows(extract_facts(text, YEAR)) == []


def test_a_section_of_plans_holds_no_results() -> None:
    text = (
        "一、2022年主要工作成效\n全年受理行政复议案件300件。\n"
        "二、2023年工作打算\n推动行政复议纠错率控制在10%以内,办理法律援助案件1,500件。\n"
    )
    assert rows(extract_facts(text, YEAR)) == expected_rows([("review_accepted", 300, "exact")])


def test_a_heading_of_results_and_plans_is_read() -> None:
    text = "三、工作成效和下一步打算\n全年受理行政复议案件300件。\n"
    assert rows(extract_facts(text, YEAR)) == expected_rows([("review_accepted", 300, "exact")])


def test_an_appendix_after_the_plans_is_read() -> None:
    text = "三、2023年工作打算\n力争办理法律援助案件1,500件。\n附表:主要指标\n法律援助案件(件) | 1,236\n"
    text = text.replace("法律援助案件(件) | 1,236", "指标 | 2022年\n法律援助案件(件) | 1,236")
    assert rows(extract_facts(text, YEAR)) == expected_rows([("legal_aid_cases", 1236, "exact")])


def test_a_table_with_year_columns_is_read_cell_by_cell() -> None:
    text = (
        "主要指标如下。\n指标 | 单位 | 2021年 | 2022年 | 同比\n"
        "收到行政复议申请 | 件 | 212 | 247 | +16.5%\n"
        "行政复议纠错率(%) | | 10.4 | 9.1 | -1.3个百分点\n"
        "实有市场主体(万户) | | 8.6 | 9.2 | +7.0%\n"
        "新增市场主体(户) | | 9,820 | 10,315 | +5.0%\n"
        "普法活动(场) | | 120 | 136 | +13.3%\n"
    )
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows(
        [
            ("review_received", 212, "exact", 2021),
            ("review_received", 247, "exact"),
            ("review_correction_rate", 10.4, "exact", 2021),
            ("review_correction_rate", 9.1, "exact"),
            ("market_entities", 86000, "exact", 2021),
            ("market_entities", 92000, "exact"),
            ("market_entities_growth", 7.0, "exact"),
            ("market_entities_new", 9820, "exact", 2021),
            ("market_entities_new", 10315, "exact"),
        ]
    )
    assert all(f.evidence == text[f.start : f.end] and " | " in f.evidence for f in facts)


def test_a_table_without_year_columns_is_left_alone() -> None:
    text = "县区 | 受理行政复议案件\n甲区 | 120件\n乙区 | 96件\n"
    assert rows(extract_facts(text, YEAR)) == []


def test_traditional_characters_are_read_and_quoted_as_written() -> None:
    text = "全年共收到行政複議申請96件,審結85件。"
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows([("review_received", 96, "exact"), ("review_concluded", 85, "exact")])
    assert all(f.evidence == text[f.start : f.end] and "複議" in f.evidence for f in facts)


def test_at_least_one_hundred_sentence_cases() -> None:
    assert len(CASES) + len(CUMULATIVE) + len(SCOPED) + len(MINI_REPORTS) >= 100


LISTS_AND_PARTS: list[tuple[str, list[Row]]] = [
    # "N个…中有M个": the figure of some of the parts, not the whole.
    ("13个设区市中有9个出庭应诉率达到100%。", []),
    (
        "全省行政机关负责人出庭应诉率为97.3%,16个区中有12个区出庭应诉率达到100%。",
        [("court_appearance_rate", 97.3, "exact")],
    ),
    ("各设区市调解矛盾纠纷均超过3万件。", []),
    ("以市司法局为被告的行政诉讼案件3件。", []),
    # 行政应诉案件 with its 一审 part: the part is the indicator's value.
    ("全区办理行政应诉案件603件,其中一审行政诉讼案件521件。", [("litigation_cases", 521, "exact")]),
    ("全区一审行政诉讼案件356件,其中以区政府为被告的案件41件。", [("litigation_cases", 356, "exact")]),
    # Items of a list inherit the subject of the item before, through a bare verb only.
    (
        "1.畅通申请渠道,全年收到行政复议申请352件;2.严把受理关口,依法受理260件;3.提升办案质效,审结188件。",
        [("review_received", 352, "exact"), ("review_accepted", 260, "exact"), ("review_concluded", 188, "exact")],
    ),
    ("一是畅通复议渠道,收到行政复议申请352件;二是化解信访积案,办结信访事项52件。", [("review_received", 352, "exact")]),
    # So does a clause after ';' that opens with a bare verb (the subject is the previous clause's).
    ("收到行政复议申请352件;受理260件。", [("review_received", 352, "exact"), ("review_accepted", 260, "exact")]),
    ("收到行政复议申请352件;通过撤销、变更、确认违法纠错38件。", [("review_received", 352, "exact")]),
    ("调解成功率98.6%;受理信访事项3,650件。", [("mediation_success_rate", 98.6, "exact")]),
    # A year in Chinese numerals governs like one in digits.
    ("二〇二一年,全市受理行政复议案件241件。", [("review_accepted", 241, "exact", 2021)]),
]


@pytest.mark.parametrize(("text", "expected"), LISTS_AND_PARTS, ids=[f"list{i}" for i in range(len(LISTS_AND_PARTS))])
def test_lists_parts_and_subsets(text: str, expected: list[Row]) -> None:
    assert rows(extract_facts(text, YEAR)) == expected_rows(expected)


WRAPPED = """潍河市人民政府关于2022年度法治政府建设
情况的报告
2022年,市政府坚持以习近平新时代中国特色社会主义思想为指
导,深入贯彻习近平法治思想,扎实推进法治政府建设工作。
一、主要工作成效
全市行政复议机关共收到行政复议申请1,846件,受理1,517件,审
结1,433件。全市法院受理一审行政诉讼案件372件,负责人出庭

— 3 —

应诉率达到99.3%。全市法律援助机构办理法律援助案件2,315件
,挽回经济损失1.2亿元。
二、存在的问题
一是法治政府建设发展还不够平衡;二是行政执法规范化水平还
需进一步提升。
"""


def test_text_with_hard_line_breaks_is_read_across_them_once_ingest_rejoins_it() -> None:
    text = read_bytes(WRAPPED.encode("utf-8"), "copied-from-pdf.txt").text  # ingest owns the rejoining
    facts = extract_facts(text, YEAR)
    assert rows(facts) == expected_rows(
        [
            ("review_received", 1846, "exact"),
            ("review_accepted", 1517, "exact"),
            ("review_concluded", 1433, "exact"),
            ("litigation_cases", 372, "exact"),
            ("court_appearance_rate", 99.3, "exact"),
            ("legal_aid_cases", 2315, "exact"),
        ]
    )
    for fact in facts:  # offsets point into the document text
        assert text[fact.start : fact.end] == fact.evidence


def test_paragraphs_one_per_line_are_not_joined() -> None:
    text = "一、主要工作\n全年受理行政复议案件64件\n办理法律援助案件120件。\n"
    assert rows(extract_facts(text, YEAR)) == expected_rows(
        [
            ("review_accepted", 64, "exact"),
            ("legal_aid_cases", 120, "exact"),
        ]
    )


@pytest.mark.parametrize(
    "text",
    [
        "全年受理劳动人事争议仲裁案件1,200件,调解成功率62%。",
        "劳动人事争议仲裁调解成功率达到62%。",
    ],
)
def test_labour_arbitration_mediation_is_not_people_s_mediation(text: str) -> None:
    assert rows(extract_facts(text, YEAR)) == []


def test_review_mediation_and_settlement_leaves_the_review_subject_in_force() -> None:
    text = "全市行政复议机关审结行政复议案件2,712件,调解和解率38.5%,纠错率10.2%。"
    assert rows(extract_facts(text, YEAR)) == expected_rows(
        [("review_concluded", 2712, "exact"), ("review_correction_rate", 10.2, "exact")]
    )


def test_a_section_of_a_later_year_gives_no_values() -> None:
    text = (
        "一、2022年工作情况\n全年办理法律援助案件4,260件。\n"
        "二、2023年上半年工作进展\n上半年办理法律援助案件2,180件,调解矛盾纠纷8,120件。\n"
    )
    assert rows(extract_facts(text, YEAR)) == expected_rows([("legal_aid_cases", 4260, "exact")])


def test_a_channel_s_own_kind_of_dispute_is_a_part() -> None:
    assert rows(extract_facts("涉外纠纷调解委员会调解涉外纠纷860件。", YEAR)) == []


def test_business_entities_reached_then_grew() -> None:
    text = "全市经营主体达到52.6万户,较上年增长4.2%。"
    assert rows(extract_facts(text, YEAR)) == expected_rows(
        [("market_entities", 526000, "exact"), ("market_entities_growth", 4.2, "exact")]
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("截至11月底,共受理行政复议案件1,200件。", "cumulative"),  # a total whose start is not stated
        ("截至目前,共办理法律援助案件3,400件。", "cumulative"),
        ("截至11月底已受理行政复议案件1,200件。", "year"),  # the year's, as a lower bound
        ("截至12月底,全年共受理行政复议案件1,200件。", "year"),  # 全年 names the start
    ],
)
def test_a_cut_off_total_without_a_start_is_kept_apart(text: str, period: str) -> None:
    [fact] = extract_facts(text, YEAR)
    assert fact.period == period
