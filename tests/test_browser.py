"""The dashboard in a real browser: `streamlit run` on 127.0.0.1, driven by Debian's Chromium via playwright.

One walk through what an official does: open a 横向对比 link, see the chart, switch the
indicator in the selectbox, go to 数据表与导出, download the CSV (checked for its UTF-8 BOM,
header and rows against the fixture), and keep a full-page screenshot in test-artifacts/.

Chromium is never downloaded (`playwright install` is not used): the test runs /usr/bin/chromium,
which `.ci/run` installs with apt. When it is missing the test fails with a message saying so —
it does not skip, so CI cannot silently pass without a browser.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "processed"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 60  # seconds for `streamlit run` to answer /_stcore/health
WAIT = 30_000  # ms for any one thing to appear in the page (the first render imports plotly etc.)

CHART = '[data-testid="stPlotlyChart"] .js-plotly-plot'
CHART_TITLE = f"{CHART} .gtitle"
RUNNING = '[data-testid="stStatusWidget"]'
BOM = b"\xef\xbb\xbf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free port over a copy of the fixture folder; killed afterwards."""
    data = tmp_path_factory.mktemp("browser") / "processed"
    shutil.copytree(FIXTURE, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    log = (data.parent / "streamlit.log").open("wb")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = {**os.environ, "FAZHI_DATA_DIR": str(data), "FAZHI_RAW_DIR": str(data.parent / "no-raw")}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                output = (data.parent / "streamlit.log").read_text(encoding="utf-8", errors="replace")[-3000:]
                pytest.fail(
                    f"streamlit did not come up on {url} within {START_TIMEOUT} s "
                    f"(exit code {process.poll()}):\n{output}"
                )
            time.sleep(0.2)
        yield url
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


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through playwright; a clear failure (not a skip) when it is missing."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium fonts-noto-cjk; "
            ".ci/run does this as root). Never run `playwright install`.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(
            f"the playwright Python package is missing ({exc}): pip install -r requirements-dev.txt", pytrace=False
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _settle(page) -> None:
    """Wait until Streamlit has finished the current script run (its 'Running…' widget is gone)."""
    page.locator(RUNNING).wait_for(state="hidden", timeout=WAIT)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def _query(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_compare_change_indicator_download_csv_and_screenshot(app_url, browser):
    from playwright.sync_api import expect

    fixture = pd.read_csv(FIXTURE / "indicators.csv", dtype={"adcode": str})
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(WAIT)
    page = context.new_page()
    try:
        # 1. A link opens the comparison chart it names.
        page.goto(f"{app_url}/?page=compare&indicator=review_received&year=2022")
        title = page.locator(CHART_TITLE).first
        expect(title).to_contain_text("行政复议收到申请数", timeout=WAIT)
        expect(title).to_contain_text("2022年")
        _settle(page)

        # 2. Another indicator chosen in the selectbox by its Chinese text redraws the chart.
        picker = page.get_by_test_id("stSelectbox").filter(
            has=page.get_by_test_id("stWidgetLabel").get_by_text("指标", exact=True)
        )
        picker.click()
        page.get_by_role("option").filter(has_text="行政机关负责人出庭应诉率").click()
        expect(title).to_contain_text("行政机关负责人出庭应诉率", timeout=WAIT)
        expect(title).not_to_contain_text("行政复议收到申请数")
        expect(page.locator(f"{CHART} .ytick").first).to_be_visible()
        _settle(page)
        query = _query(page)
        assert query.get("indicator") == "court_appearance_rate", page.url
        year = int(query.get("year", "2022"))

        # 3. 数据表与导出 carries the filters over; its CSV has a BOM, the header and the filtered rows.
        page.get_by_test_id("stSidebar").get_by_text("数据表与导出", exact=True).click()
        expect(page.get_by_role("heading", name="数据表与导出")).to_be_visible(timeout=WAIT)
        button = page.get_by_test_id("stDownloadButton").filter(has_text="下载 CSV(Excel 可直接打开)")
        expect(button).to_be_visible(timeout=WAIT)
        _settle(page)
        with page.expect_download(timeout=WAIT) as info:
            button.locator("button").click()
        download = info.value
        assert download.failure() is None, download.failure()
        assert download.suggested_filename.endswith(".csv")
        assert "行政机关负责人出庭应诉率" in download.suggested_filename
        data = Path(download.path()).read_bytes()

        assert data.startswith(BOM), data[:20]
        text = data[len(BOM) :].decode("utf-8")
        lines = text.splitlines()
        assert lines[0].startswith("# "), lines[:3]  # the filter block comes first
        assert any("行政机关负责人出庭应诉率" in line for line in lines[:8])
        blank = lines.index("")
        header = lines[blank + 1].split(",")
        assert header[:8] == ["地区", "行政区划代码", "层级", "所属省份", "年份", "指标", "数值", "单位"], header
        table = pd.read_csv(io.StringIO(text), skiprows=blank + 1, dtype={"行政区划代码": str})
        expected = fixture[(fixture["indicator"] == "court_appearance_rate") & (fixture["year"] == year)]
        assert len(table) == len(expected) > 0
        got = sorted(zip(table["行政区划代码"], table["年份"], table["数值"], strict=True))
        want = sorted(zip(expected["adcode"], expected["year"], expected["value"], strict=True))
        assert got == want
        assert set(table["指标"]) == {"行政机关负责人出庭应诉率"} and set(table["单位"]) == {"%"}

        # 4. A screenshot for people (and CI artifacts) to look at.
        page.get_by_test_id("stSidebar").get_by_text("横向对比", exact=True).click()
        expect(page.locator(CHART_TITLE).first).to_contain_text("行政机关负责人出庭应诉率", timeout=WAIT)
        _settle(page)
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "browser-compare.png"
        page.screenshot(path=str(shot), full_page=True)
        png = shot.read_bytes()
        width, height = _png_size(png)
        assert width >= 1400 and height >= 900, (width, height)
        assert len(png) > 30_000, f"screenshot suspiciously small ({len(png)} bytes): blank page?"
    finally:
        context.close()
