"""Editor access and the two editing pages: 校正数值 (set / reject / withdraw, history, unmatched lines)
and 冲突审核 (competing values, one click to settle with a correction).

Runs the real pipeline on a temporary raw/processed pair (see the editor_app fixture in conftest.py).
"""

from __future__ import annotations

import csv
import html

import pandas as pd
import pytest

from app import auth
from tests.conftest import EDITOR_PASSWORD, HUANGSHAN_2023

HUANGSHAN_2024 = """黄山市人民政府关于2024年法治政府建设情况的报告

2024年,我市持续推进法治政府建设。

一、行政复议工作
2024年全市共收到行政复议申请350件。2023年全市共收到行政复议申请330件。

黄山市人民政府
2025年1月20日
"""
KEY = {"place": "341000", "year": "2023", "indicator": "review_received"}


def texts(at) -> str:
    parts = [*at.info, *at.warning, *at.error, *at.success, *at.caption, *at.markdown]
    return html.unescape("\n".join(str(p.value) for p in parts))


def keys(widgets) -> set[str]:
    return {w.key for w in widgets}


def log_lines(raw) -> list[dict[str, str]]:
    with (raw / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table_value(processed, adcode: str = "341000", year: int = 2023, indicator: str = "review_received"):
    frame = pd.read_csv(processed / "indicators.csv", dtype={"adcode": str})
    hit = frame[(frame["adcode"] == adcode) & (frame["year"] == year) & (frame["indicator"] == indicator)]
    return None if hit.empty else (float(hit.iloc[0]["value"]), hit.iloc[0]["method"])


@pytest.fixture
def with_report(editor_dirs):
    raw, processed = editor_dirs
    (raw / "黄山2023.txt").write_text(HUANGSHAN_2023, encoding="utf-8")
    return raw, processed


# ---------------------------------------------------------------- access


def test_matches_compares_in_constant_time_and_accepts_any_characters():
    assert auth.matches("密码-42", "密码-42") and not auth.matches("密码-4", "密码-42")


@pytest.mark.parametrize("page", ["upload", "correct", "review"])
def test_without_a_configured_password_the_editor_pages_are_read_only_with_a_note(editor_app, with_report, page):
    at = editor_app(page=page, password=None)
    assert not at.exception and not at.error
    assert "FAZHI_EDITOR_PASSWORD" in texts(at) and ".streamlit/secrets.toml" in texts(at)
    assert not any(k.endswith(".password") for k in keys(at.text_input))
    assert not keys(at.button) & {"upload.confirm", "correct.save"}


def test_a_wrong_password_is_refused(editor_app, with_report):
    at = editor_app(page="correct", login=False)
    at.text_input(key="correct.password").input("guess").run()
    assert "编辑密码不正确" in at.error[0].value
    assert "correct.save" not in keys(at.button)


def test_the_right_password_opens_editing_for_the_session_and_logout_closes_it(editor_app, with_report):
    at = editor_app(page="correct", **KEY)
    assert "correct.save" in keys(at.button) and "已以编辑身份进入" in texts(at)
    at.sidebar.radio(key="nav.page").set_value("review").run()  # remembered across pages
    assert "review.password" not in keys(at.text_input)
    at.button(key="review.logout").click().run()
    assert "review.password" in keys(at.text_input)


def test_the_password_may_come_from_streamlit_secrets(editor_app, with_report):
    at = editor_app(page="correct", password=None, login=False, secrets={"editor_password": "from-secrets"})
    at.text_input(key="correct.password").input("from-secrets").run()
    assert not at.exception and "correct.save" in keys(at.button)


def test_browsing_never_asks_for_the_password(editor_app, with_report):
    at = editor_app(page="compare", login=False)
    assert not at.exception and at.get("plotly_chart") and not at.text_input


def test_a_read_only_data_copy_disables_editing_even_with_a_password(app_run, monkeypatch):
    at = app_run(page="correct")
    monkeypatch.setenv("FAZHI_EDITOR_PASSWORD", EDITOR_PASSWORD)
    at.run()
    assert "只读副本" in texts(at) and not at.text_input


# ---------------------------------------------------------------- 校正数值


def correct(at, action: str, value: float | None = None, reason: str = "核对原文"):
    at.radio(key="correct.action").set_value(action).run()
    if value is not None:
        at.number_input(key="correct.value").set_value(value).run()
    at.text_input(key="correct.reason").input(reason)
    at.button(key="correct.save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_page_shows_the_current_value_with_its_evidence(editor_app, with_report):
    at = editor_app(page="correct", **KEY)
    assert "320件" in texts(at) and "受理298件" in texts(at) and "黄山2023.txt" in texts(at)


def test_reject_then_withdraw_are_appended_and_applied(editor_app, with_report):
    raw, processed = with_report
    at = correct(editor_app(page="correct", **KEY), "reject", reason="数字与纸质版不符")
    assert table_value(processed) is None
    assert "提取值已被标记为错误" in texts(at)
    at = correct(at, "withdraw", reason="纸质版核对无误")
    assert table_value(processed) == (320.0, "reported")
    assert [line["action"] for line in log_lines(raw)] == ["reject", "withdraw"]
    history = at.dataframe[-1].value
    assert history["行号"].tolist() == [3, 2]  # newest first
    assert history["结果"].tolist() == ["已撤销(恢复提取值)", "已被后面的记录取代"]


def test_a_value_the_extractor_missed_can_be_added(editor_app, with_report):
    raw, processed = with_report
    at = editor_app(page="correct", place="341000", year="2023", indicator="mediation_cases")
    assert "暂无数值" in texts(at) or "表中没有这个数值" in texts(at)
    correct(at, "set", value=1200, reason="据司法局统计补充")
    assert table_value(processed, indicator="mediation_cases") == (1200.0, "manual")


def test_missing_fields_are_asked_for_and_nothing_is_written(editor_app, with_report):
    raw, _ = with_report
    at = correct(editor_app(page="correct", **KEY), "set", value=330, reason="")
    assert "请填写" in at.error[0].value and not (raw / "corrections.csv").exists()


def test_an_unmatched_correction_is_reported_not_dropped(editor_app, with_report):
    from pipeline.corrections import Correction, append

    raw, _ = with_report
    append(raw / "corrections.csv", Correction("旧名县", 2023, "review_received", "set", 5.0, "更名前", "赵六"))
    at = editor_app(page="correct", **KEY)
    assert "此条校正未生效" in texts(at) and "旧名县" in texts(at)
    assert at.dataframe[-1].value.iloc[0]["结果"] == "未生效(找不到对应数据)"


# ---------------------------------------------------------------- 冲突审核


@pytest.fixture
def with_conflict(with_report):
    raw, processed = with_report
    (raw / "黄山2024.txt").write_text(HUANGSHAN_2024, encoding="utf-8")
    return raw, processed


def test_conflicts_are_listed_with_values_sources_and_the_rule(editor_app, with_conflict):
    at = editor_app(page="review", password=None)
    shown = texts(at)
    assert "320件" in shown and "330件" in shown and "取舍规则" in shown
    assert "黄山市人民政府关于2024年法治政府建设情况的报告" in shown  # the report's title, not its file name
    assert "当前采用" in shown and not any(k.startswith("review.341000") for k in keys(at.button))


def test_adopting_an_alternative_records_a_correction_and_settles_the_conflict(editor_app, with_conflict):
    raw, processed = with_conflict
    at = editor_app(page="review")
    conflicts = pd.read_csv(processed / "conflicts.csv", dtype={"adcode": str})
    index = conflicts.reset_index(drop=True).index[conflicts["value"] == 330.0][0]
    button = f"review.341000.2023.review_received.{index}"
    assert not at.button(key=button).disabled  # the signed-in account is the reviewer's name
    at.button(key=button).click().run()
    assert not at.exception
    [line] = log_lines(raw)
    assert (line["jurisdiction"], line["action"], line["value"], line["who"]) == ("黄山市", "set", "330", "共享密码")
    assert line["reason"] == "冲突审核:采用 黄山2024.txt 的数值"
    assert table_value(processed) == (330.0, "manual")
    assert "所有冲突都已人工校正" in texts(at)
    at.toggle(key="review.all").set_value(True).run()
    assert "已人工校正为 330件 ✎" in texts(at)
