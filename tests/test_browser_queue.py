"""The review queue in a real browser (Debian's Chromium via playwright, as tests/test_browser.py):
an editor logs in with a named account, moves with j/k and decides with y/n on the keyboard,
corrects a value, confirms a document's high values after opening its text, sees the progress;
the chart marks the value still unverified (screenshot kept in test-artifacts/), the export
comes with and without unverified values, and a changed report brings its value back to 未核实.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from pipeline import accounts
from tests.conftest import HUANGSHAN_2023
from tests.test_browser import ARTIFACTS, CHART, START_TIMEOUT, WAIT, _free_port, _healthy, _settle, browser  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
XUANCHENG_2023 = """宣城市人民政府关于2023年法治政府建设情况的报告

2023年,我市扎实推进法治政府建设。现将有关情况报告如下。

一、行政复议工作
全年共收到行政复议申请210件,受理200件,审结190件。

宣城市人民政府
2024年1月20日
"""
ACCOUNT, PASSWORD = "张三", "zhang-san-password"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(url, raw folder): `streamlit run` over two reports the app builds, with one editor account."""
    base = tmp_path_factory.mktemp("queue")
    raw, processed = base / "raw", base / "processed"
    raw.mkdir()
    processed.mkdir()
    (raw / "a_黄山2023.txt").write_text(HUANGSHAN_2023, encoding="utf-8")
    (raw / "b_宣城2023.txt").write_text(XUANCHENG_2023, encoding="utf-8")
    accounts.add(ACCOUNT, PASSWORD, base / "editors.json")
    port = _free_port()
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py")),
        *("--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"),
        *("--browser.gatherUsageStats", "false"),
    ]
    env = {
        **os.environ,
        "FAZHI_DATA_DIR": str(processed),
        "FAZHI_RAW_DIR": str(raw),
        "FAZHI_EDITORS_FILE": str(base / "editors.json"),
    }
    env.pop("FAZHI_EDITOR_PASSWORD", None)
    log = (base / "streamlit.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                output = (base / "streamlit.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"streamlit did not come up: {output}")
            time.sleep(0.2)
        yield url, raw
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def log_lines(raw: Path) -> list[dict[str, str]]:
    with (raw / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def login(page) -> None:
    """Log in once the page has finished its run: a run still going (a rebuild after the raw folder changed)
    draws the form again and empties what was typed; the form is gone once the login is accepted."""
    from playwright.sync_api import expect

    password = page.get_by_label("密码", exact=True)
    for attempt in range(LOGIN_ATTEMPTS):
        page.get_by_label("编辑账号").wait_for(timeout=WAIT)
        _settle(page)
        page.get_by_label("编辑账号").fill(ACCOUNT)
        password.fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        try:
            expect(password).to_be_hidden(timeout=WAIT // LOGIN_ATTEMPTS)
            return
        except AssertionError:
            if attempt == LOGIN_ATTEMPTS - 1:
                raise  # the login itself failed, not a run that emptied the form


LOGIN_ATTEMPTS = 2
KEY_ATTEMPTS = 3


def press(page, key: str, position, expected: str) -> None:
    """A key press once the queue's listener (installed by its iframe) is in place, until the position
    line reads `expected`. On a loaded machine a press can land while the page is being drawn again and
    be lost; it is pressed again only when the page has settled and still shows what it showed before
    (so a press that was taken is never repeated: each one moves, confirms or rejects one value)."""
    from playwright.sync_api import expect

    _settle(page)
    before = position.inner_text()
    for _ in range(KEY_ATTEMPTS):
        page.wait_for_function("() => typeof window.__fazhiQueueKeys === 'function'", timeout=WAIT)
        page.keyboard.press(key)
        try:
            expect(position).to_contain_text(expected, timeout=WAIT // KEY_ATTEMPTS)
            return
        except AssertionError:
            _settle(page)
            if position.inner_text() != before:
                break  # the press was taken: the page moved somewhere else than expected
    expect(position).to_contain_text(expected, timeout=1)


def download(page, label: str) -> tuple[list[str], pd.DataFrame]:
    button = page.get_by_test_id("stDownloadButton").filter(has_text=label).first
    _settle(page)
    with page.expect_download(timeout=WAIT) as info:
        button.locator("button").click()
    data = Path(info.value.path()).read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    lines = data.splitlines()
    blank = lines.index("")
    return lines[:blank], pd.read_csv(io.StringIO(data), skiprows=blank + 1, dtype={"行政区划代码": str})


def test_review_queue_end_to_end_with_the_keyboard(site, browser):  # noqa: F811 - the imported fixture
    from playwright.sync_api import expect

    url, raw = site
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(WAIT)
    page = context.new_page()
    position = page.get_by_text(re.compile(r"第 \d+ / \d+ 条")).first
    try:
        # 1. Log in with the named account.
        page.goto(f"{url}/?page=queue")
        login(page)
        expect(position).to_contain_text("第 1 / 7 条", timeout=WAIT)
        _settle(page)

        # 2. j and k move through the queue.
        page.get_by_role("heading", name="审核队列").click()  # focus on the page, not an input
        press(page, "j", position, "第 2 / 7 条")
        _settle(page)
        press(page, "k", position, "第 1 / 7 条")
        _settle(page)
        expect(page.locator("mark").first).to_have_text("320")

        # 3. y confirms, n rejects: one log line each, with the account.
        press(page, "y", position, "第 1 / 6 条")
        _settle(page)
        press(page, "n", position, "第 1 / 5 条")
        _settle(page)
        assert [(line["action"], line["value"], line["who"]) for line in log_lines(raw)] == [
            ("confirm", "320", ACCOUNT),
            ("reject", "298", ACCOUNT),
        ]

        # 4. A correction by click.
        page.get_by_placeholder("更正为…").fill("286")
        page.get_by_placeholder("更正为…").press("Enter")
        _settle(page)
        page.get_by_role("button", name="更正", exact=True).click()
        expect(position).to_contain_text("第 1 / 4 条", timeout=WAIT)
        _settle(page)
        assert log_lines(raw)[-1]["action"] == "set" and log_lines(raw)[-1]["value"] == "286"

        # 5. Open the whole document, then confirm its high values in one go; progress says so.
        page.get_by_text("查看全文(原文位置已标出)").click()
        batch = page.get_by_role("button", name=re.compile(r"确认本文件全部高置信度数值"))
        expect(batch).to_be_visible(timeout=WAIT)
        _settle(page)
        batch.click()
        expect(position).to_contain_text("第 1 / 3 条", timeout=WAIT)
        _settle(page)
        page.get_by_text("核实进度").click()
        expect(page.get_by_text("黄山市 2023年:4/4 已核实")).to_be_visible(timeout=WAIT)
        expect(page.get_by_text("宣城市 2023年:0/3 已核实")).to_be_visible()

        # 6. The chart marks the unverified value (a pale bar; hatches mark ≥/≈) and explains the mark.
        page.goto(f"{url}/?page=compare&indicator=review_received&year=2023")
        chart = page.locator(CHART).first
        expect(chart.locator(".gtitle")).to_contain_text("行政复议收到申请数", timeout=WAIT)
        expect(chart.get_by_text(re.compile("未经人工核实"))).to_be_visible()
        opacities = chart.locator("g.point path").evaluate_all("els => els.map(e => +getComputedStyle(e).opacity)")
        assert min(opacities) < 0.9 and max(opacities) == 1  # pale: unverified; full: checked
        _settle(page)
        ARTIFACTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(ARTIFACTS / "browser-verification-chart.png"))

        # 7. Exports with and without the unverified values.
        page.goto(f"{url}/?page=table&indicator=review_received")
        head, table = download(page, "下载 CSV")
        assert set(table["核实状态"]) == {"已核实", "未核实"} and any("其中 1 个未经人工核实" in h for h in head)
        page.get_by_text("仅显示已核实").click()
        expect(page.get_by_text(re.compile("仅含已核实"))).to_be_visible(timeout=WAIT)
        head, table = download(page, "下载 CSV")
        assert list(table["地区"]) == ["黄山市"] and set(table["核实状态"]) == {"已核实"}
        assert any("仅含已核实" in h for h in head)

        # 8. A changed report: the confirmed value comes back as 未核实, saying why.
        (raw / "a_黄山2023.txt").write_text(HUANGSHAN_2023.replace("申请320件", "申请321件"), encoding="utf-8")
        page.goto(f"{url}/?page=queue")  # a new browser session: log in again
        login(page)
        expect(page.get_by_text(re.compile("重新提取后为 321件"))).to_be_visible(timeout=WAIT)
        # The rejection of 298 judged that same sentence, now changed: it is back too; 宣城's three remain.
        expect(position).to_contain_text("第 1 / 5 条")
    finally:
        context.close()
