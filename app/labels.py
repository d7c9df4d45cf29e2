"""Chinese wording shared by views, figures and exports: one place for every label.

Owns: the Chinese names of levels, qualifiers, methods, document statuses and table columns,
the marks put next to values (≥ ≈ ≤ ✎), and the source note drawn inside every figure.
Must never: import streamlit or pandas; it is plain data.
"""

from __future__ import annotations

SOURCE_NOTE = "数据来源:各地法治政府建设情况报告(本工具自动抽取)"
MARK_LEGEND = "≥ 不少于(下限) · ≈ 约数 · ≤ 不超过 · ✎ 人工校正"

LEVELS: dict[str, str] = {"national": "全国", "province": "省级", "prefecture": "地级", "county": "县级"}
QUALIFIERS: dict[str, str] = {
    "exact": "确切数值",
    "at_least": "不少于(下限)",
    "approx": "约数",
    "at_most": "不超过(上限)",
}
QUALIFIER_MARKS: dict[str, str] = {"exact": "", "at_least": "≥", "approx": "≈", "at_most": "≤"}
METHODS: dict[str, str] = {"reported": "报告原文", "derived": "计算得出", "inferred": "推断得出", "manual": "人工校正"}
MANUAL_MARK = "✎"

STATUSES: dict[str, str] = {
    "ok": "正常",
    "empty": "空文件",
    "binary": "无法识别的二进制文件",
    "unreadable": "无法读取",
    "unsupported": "不支持的格式",
    "too_large": "文件过大",
    "no_text": "没有可提取的文字",
    "no_jurisdiction": "无法确定地区",
    "ambiguous_jurisdiction": "地区有歧义",
    "no_year": "无法确定年份",
    "error": "处理出错",
    "not_a_file": "不是普通文件",
    "broken_link": "失效的链接",
    "link_outside": "指向外部的链接(已拒绝)",
    "timeout": "处理超时",
    "out_of_memory": "内存超限",
    "bad_year": "年份不合理",
}

COLUMNS: dict[str, str] = {
    "jurisdiction": "地区",
    "adcode": "行政区划代码",
    "level": "层级",
    "province": "所属省份",
    "parent": "上级地区",
    "year": "年份",
    "indicator": "指标代码",
    "indicator_name": "指标",
    "family": "类别",
    "value": "数值",
    "unit": "单位",
    "label": "显示值",
    "qualifier": "数值性质",
    "method": "取得方式",
    "source": "来源文件",
    "evidence": "原文依据",
    "evidence_start": "原文起始位置",
    "evidence_end": "原文结束位置",
    "note": "备注",
    "kind": "文件类型",
    "status": "状态",
    "message": "说明",
    "title": "标题",
    "published": "发布日期",
    "values": "抽取数值个数",
    "ocr_pages": "文字识别页数",
    "sha256": "SHA-256",
    "period": "期间",
    "report_year": "报告年份",
    "chosen": "是否采用",
    "rule": "取舍规则",
    "line": "行号",
    "action": "操作",
    "reason": "理由",
    "who": "校正人",
    "when": "时间",
    "extracted_value": "原提取值",
    "extracted_source": "原来源文件",
    "extracted_evidence": "原文依据(提取值)",
}

PAGES: dict[str, str] = {
    "compare": "横向对比",
    "trend": "年度趋势",
    "profile": "地区画像",
    "table": "数据表与导出",
    "sources": "来源核对",
    "coverage": "数据覆盖",
    "upload": "上传报告",
    "correct": "校正数值",
    "review": "冲突审核",
}
EDITOR_PAGES: tuple[str, ...] = ("upload", "correct", "review")  # change data: need the editor password

ACTIONS: dict[str, str] = {
    "set": "设定新数值",
    "reject": "标记提取值错误(不设新值)",
    "withdraw": "撤销校正(恢复提取值)",
}
CORRECTION_STATUSES: dict[str, str] = {
    "applied": "已生效(替换提取值)",
    "added": "已生效(补充数值)",
    "rejected": "已生效(移除提取值)",
    "unmatched": "未生效(找不到对应数据)",
    "invalid": "无效(无法读取此行)",
}
PERIODS: dict[str, str] = {"year": "年度数", "cumulative": "累计数(不计入年度表)"}
