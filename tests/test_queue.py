"""The 审核队列 page under AppTest, on the real pipeline: a value with its evidence in context,
confirm / reject / correct, moving through the queue, confirming a document's high values after
opening its text, progress per place-year and per document, and the fall back to 未核实 when a
re-extraction changes a confirmed value."""

from __future__ import annotations

import csv
import html

import pandas as pd
import pytest

from tests.conftest import HUANGSHAN_2023


def texts(at) -> str:
    parts = [*at.info, *at.warning, *at.error, *at.success, *at.caption, *at.markdown]
    return html.unescape("\n".join(str(p.value) for p in parts))


def log(raw) -> list[dict[str, str]]:
    with (raw / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table(processed) -> pd.DataFrame:
    return pd.read_csv(processed / "indicators.csv", dtype={"adcode": str}, keep_default_na=False)


def state(processed, indicator: str) -> tuple[float, str]:
    row = table(processed).set_index("indicator").loc[indicator]
    return float(row["value"]), str(row["review_state"])


def heading(at) -> str:
    return next(m.value for m in at.markdown if str(m.value).startswith("#### "))


@pytest.fixture
def raw_report(editor_dirs):
    raw, processed = editor_dirs
    (raw / "黄山2023.txt").write_text(HUANGSHAN_2023, encoding="utf-8")
    return raw, processed


@pytest.fixture
def queue(editor_app, raw_report):
    return editor_app(page="queue")


def test_the_queue_is_for_editors_only(editor_app, raw_report):
    at = editor_app(page="queue", login=False)
    assert not at.exception and "queue.confirm" not in {b.key for b in at.button}
    assert "需要登录" in texts(at)


def test_a_value_is_shown_with_its_evidence_in_context_and_the_number_marked(queue):
    assert not queue.exception
    assert "行政复议申请" in heading(queue) or "行政复议" in heading(queue)
    shown = "\n".join(str(m.value) for m in queue.markdown)
    assert "<mark>320</mark>" in shown
    assert "一、行政复议工作" in html.unescape(shown)  # the sentence before the evidence
    assert "行政机关负责人出庭应诉率" in html.unescape(shown)  # and the ones after
    assert "黄山市 2023年:0/4 已核实" in texts(queue)
    assert "第 1 / 4 条" in texts(queue)


def test_moving_and_confirming(queue, raw_report):
    raw, processed = raw_report
    first = heading(queue)
    queue.button(key="queue.next").click().run()
    assert heading(queue) != first and "第 2 / 4 条" in texts(queue)
    queue.button(key="queue.prev").click().run()
    assert heading(queue) == first
    queue.button(key="queue.confirm").click().run()
    assert not queue.exception
    [line] = log(raw)
    assert (line["action"], line["value"], line["who"]) == ("confirm", "320", "共享密码")
    assert len(line["evidence_sha"]) == 16 and line["when"].endswith("+08:00")
    assert state(processed, "review_received") == (320.0, "confirmed")
    assert "黄山市 2023年:1/4 已核实" in texts(queue) and "第 1 / 3 条" in texts(queue)


def test_reject_and_correct(queue, raw_report):
    raw, processed = raw_report
    queue.button(key="queue.reject").click().run()
    assert "review_received" not in set(table(processed)["indicator"])
    assert "黄山市 2023年:1/4 已核实" in texts(queue)  # the rejected value counts as reviewed
    queue.number_input(key="queue.value").set_value(299).run()
    queue.button(key="queue.correct").click().run()
    assert not queue.exception
    assert [line["action"] for line in log(raw)] == ["reject", "set"]
    row = table(processed).set_index("indicator").loc["review_accepted"]
    assert (row["value"], row["method"], row["review_state"]) == (299.0, "manual", "corrected")
    assert "黄山市 2023年:2/4 已核实" in texts(queue)


def test_a_documents_high_values_are_confirmed_together_after_opening_its_text(queue, raw_report):
    raw, processed = raw_report
    assert "queue.batch" not in {b.key for b in queue.button}
    queue.toggle(key="queue.full").set_value(True).run()
    whole = "\n".join(str(m.value) for m in queue.markdown)
    assert "<mark>" in whole and "黄山市人民政府" in html.unescape(whole)
    queue.button(key="queue.batch").click().run()
    assert not queue.exception
    assert [line["action"] for line in log(raw)] == ["confirm"] * 4
    assert set(table(processed)["review_state"]) == {"confirmed"}
    assert "这里的数值都已核实" in texts(queue) and "黄山市 2023年:4/4 已核实" in texts(queue)


def test_a_changed_extraction_brings_the_value_back_as_unverified_with_the_reason(queue, raw_report):
    raw, processed = raw_report
    queue.button(key="queue.confirm").click().run()
    assert state(processed, "review_received") == (320.0, "confirmed")
    (raw / "黄山2023.txt").write_text(HUANGSHAN_2023.replace("申请320件", "申请321件"), encoding="utf-8")
    queue.run()  # the app notices the changed report and rebuilds
    assert state(processed, "review_received") == (321.0, "unverified")
    assert "第 1 / 4 条" in texts(queue)
    assert "320件" in texts(queue) and "321件" in texts(queue) and "需重新核实" in texts(queue)


def test_the_sources_page_names_confidence_and_review_state(editor_app, raw_report):
    from pipeline import corrections, review

    raw, _ = raw_report
    evidence = "全年共收到行政复议申请320件,受理298件,审结285件。"
    line = corrections.Correction(
        "黄山市", 2023, "review_received", "confirm", 320, "", "张三", evidence_sha=review.evidence_hash(evidence)
    )
    corrections.append(raw / "corrections.csv", line)
    at = editor_app(page="sources", place="341000", indicator="review_received", year="2023")
    shown = at.table[0].value
    assert shown.loc["置信度", "内容"] == "高"
    assert shown.loc["核实状态", "内容"].startswith("已核实(张三)(") and "+08:00" in shown.loc["核实状态", "内容"]


def test_the_upload_preview_gives_each_value_its_confidence(editor_app, report_bytes):
    from tests.test_upload import upload

    at = upload(editor_app(page="upload"), "黄山.txt", report_bytes)
    assert set(at.dataframe[-1].value["置信度"]) == {"高"}
