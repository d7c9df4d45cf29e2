"""Mock reports for the format and import tests (not a test module), written for these tests.

Each report's reference reading is what the pipeline makes of its plain text or DOCX form:
every other form of the same report must give exactly those rows. That keeps the format
tests about reading files, not about phrasing (the extraction specs cover that).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import variants

from pipeline.build import process_bytes
from pipeline.model import PERIOD_YEAR

Row = tuple[str, int, float, str]


@dataclass(frozen=True)
class Report:
    name: str
    place: str
    year: int
    text: str
    table: tuple[tuple[str, ...], ...] = ()

    def table_rows(self) -> list[list[str]]:
        return [list(row) for row in self.table]

    def reference(self) -> tuple[bytes, str]:
        """The form whose reading is the reference: DOCX with its table, else UTF-8 text."""
        if self.table:
            return variants.as_docx(self.text, table=self.table_rows()), f"{self.name}.docx"
        return self.text.encode("utf-8"), f"{self.name}.txt"


def rows(facts, year: int | None) -> set[Row]:
    return {
        (f.indicator, f.year if f.year is not None else year, round(f.value, 2), f.qualifier)
        for f in facts
        if f.period == PERIOD_YEAR
    }


@cache
def reference_rows(report: Report) -> frozenset[Row]:
    doc, loc, facts = process_bytes(*report.reference())
    assert doc.status == "ok" and loc.place is not None and loc.place.name == report.place, loc.message
    assert loc.year == report.year
    return frozenset(rows(facts, loc.year))


TABLED = Report(
    "jiashan_table",
    "嘉善县",
    2023,
    """嘉善县人民政府关于2023年法治政府建设情况的报告

2023年,嘉善县坚持以习近平法治思想为指导,全面推进依法行政,法治政府建设取得新成效。现将有关情况报告如下。
一、主要工作
(一)健全依法决策机制。严格落实重大行政决策程序规定,县政府常务会议审议的文件全部经过合法性审查。
(二)规范行政执法。全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。
(三)化解矛盾纠纷。坚持和发展新时代“枫桥经验”,全县人民调解组织调解矛盾纠纷2,418件,调解成功2,377件。
(四)行政复议和应诉。主要指标见附表。
二、存在的问题
基层执法力量仍然薄弱,法治宣传的针对性有待增强。
三、2024年工作打算
持续深化法治政府建设,进一步规范行政执法行为。

嘉善县人民政府
2024年2月20日

附表:嘉善县法治政府建设主要指标
""",
    (
        ("指标", "2022年", "2023年"),
        ("收到行政复议申请(件)", "131", "146"),
        ("行政复议受理(件)", "122", "139"),
        ("一审行政诉讼案件(件)", "58", "63"),
        ("行政机关负责人出庭应诉率", "97.2%", "100%"),
        ("办理法律援助案件(件)", "604", "655"),
    ),
)

PLAIN = Report(
    "deqing_plain",
    "德清县",
    2023,
    """德清县人民政府关于2023年法治政府建设工作情况的报告

2023年,德清县认真贯彻落实党中央、国务院关于法治政府建设的决策部署,各项工作取得积极进展。
一、主要成效
(一)行政复议。全年共收到行政复议申请215件,依法受理198件,审结186件。
(二)行政应诉。全县一审行政诉讼案件87件,行政机关负责人出庭应诉率达到100%。
(三)公共法律服务。全县法律援助机构办理法律援助案件1,126件。
(四)矛盾纠纷化解。全县各级人民调解组织共调解矛盾纠纷3,905件,调解成功3,861件。
二、下一步工作
持续加强行政复议应诉工作,推动法治政府建设再上新台阶。

德清县人民政府
2024年3月1日
""",
)

# Four short reports of different places, for imports of mixed formats.
SHORT = tuple(
    Report(
        f"short_{i}",
        place,
        2023,
        f"""{place}人民政府关于2023年法治政府建设情况的报告

2023年,{place}坚持依法行政,扎实推进法治政府建设。
全年共收到行政复议申请{100 + i * 7}件,依法受理{90 + i * 7}件,审结{80 + i * 7}件。
全{place[-1]}法律援助机构办理法律援助案件{500 + i * 11}件。

{place}人民政府
2024年2月{10 + i}日
""",
    )
    for i, place in enumerate(("安吉县", "长兴县", "桐乡市", "海宁市"))
)
