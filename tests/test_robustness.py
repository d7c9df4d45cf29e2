"""Property: no input, however random, makes the pipeline raise or invent an impossible value.

Random Unicode (with report words mixed in, so the extractor has something to chew on) goes
through the whole public entry point `process_bytes`, in each text format and encoding.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import catalogue
from pipeline.api import process_bytes
from pipeline.model import Document, Location

WORDS = [
    "行政复议",
    "受理",
    "审结",
    "收到",
    "申请",
    "件",
    "%",
    "出庭应诉率",
    "调解",
    "成功率",
    "市场主体",
    "万户",
    "同比增长",
    "法律援助",
    "败诉",
    "2023年",
    "截至",
    "累计",
    "近",
    "余",
    "突破",
    "以上",
    "百分之",
    "一千二百",
    "万",
    "亿",
    "。",
    ",",
    "\n",
    "长春市",
    "我市",
    "全区",
    "人民政府",
    "分别为",
    "、",
    "从",
    "上升到",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=6), st.integers(0, 10**7).map(str)), max_size=60
).map("".join)
FORMATS = {
    "utf-8 txt": lambda t: (t.encode("utf-8"), "r.txt"),
    "gbk txt": lambda t: (t.encode("gbk", errors="ignore"), "r.txt"),
    "utf-16 md": lambda t: (t.encode("utf-16"), "r.md"),
    "html": lambda t: (f"<html><body><div class='content'>{t}</div></body></html>".encode(), "r.html"),
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, form=st.sampled_from(sorted(FORMATS)))
def test_random_text_never_raises_and_values_are_plausible(text: str, form: str):
    data, name = FORMATS[form](text)
    doc, loc, facts = process_bytes(data, name)
    assert isinstance(doc, Document) and isinstance(loc, Location)
    ranges = {i.id: (i.low, i.high) for i in catalogue.catalogue().values()}
    for fact in facts:
        assert math.isfinite(fact.value)
        low, high = ranges[fact.indicator]
        assert low <= fact.value <= high, fact
        assert fact.evidence and fact.qualifier in ("exact", "at_least", "approx", "at_most")
