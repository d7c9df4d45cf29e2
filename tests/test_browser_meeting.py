"""Meeting-ready views in a real browser (Debian's Chromium via playwright, as tests/test_browser.py).

横向对比 with 市场主体总量 reads 万 (never k/M) on its axis and bars and offers a PPTX that opens with
python-pptx holding the chart, title, source and notes; 演示模式 fills a 1920×1080 screen; the page
says lang="zh-CN"; every page's URL, reopened in a fresh browser context, shows the same figure.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pptx import Presentation

from tests.test_browser import CHART, CHART_TITLE, RUNNING, WAIT, app_url, browser  # noqa: F401 (fixtures)

FINGERPRINT = """() => {
  const q = s => Array.from(document.querySelectorAll(s)).map(e => e.textContent.trim());
  return {
    titles: q('.js-plotly-plot .gtitle'),
    legend: q('.js-plotly-plot .legendtext'),
    x: q('.js-plotly-plot .xtick text'),
    y: q('.js-plotly-plot .ytick text'),
    headings: q('[data-testid="stMain"] h3'),
    counts: q('[data-testid="stCaptionContainer"]').filter(t => t.startsWith('共 ')),
  };
}"""


def _settle(page, ready: str = CHART_TITLE) -> None:
    """Wait for `ready` (the chart's title by default) and for Streamlit to finish its run."""
    page.locator(ready).first.wait_for(timeout=WAIT)
    page.locator(RUNNING).wait_for(state="hidden", timeout=WAIT)
    time.sleep(0.5)  # Plotly finishes drawing after Streamlit's run
    page.locator(RUNNING).wait_for(state="hidden", timeout=WAIT)


def _context(browser, width: int = 1440, height: int = 1000):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, locale="zh-CN")
    context.set_default_timeout(WAIT)
    return context


def test_market_entities_read_in_wan_and_a_pptx_is_offered_and_opens(app_url, browser):  # noqa: F811
    context = _context(browser)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?page=compare&indicator=market_entities&year=2022")
        _settle(page)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        ticks = page.locator(f"{CHART} .xtick text").all_text_contents()
        bars = page.locator(f"{CHART} .bartext").all_text_contents()
        assert any("万" in t for t in ticks), ticks
        assert any("万" in t for t in bars), bars
        for text in [*ticks, *bars]:
            assert "k" not in text and "M" not in text, text

        button = page.get_by_role("button", name="导出本图为演示文稿(PPTX)")
        expect_visible(button)
        button.click()
        download_button = page.get_by_test_id("stDownloadButton").filter(has_text="下载演示文稿(PPTX)")
        download_button.wait_for(timeout=60_000)  # the first image starts kaleido's browser
        with page.expect_download(timeout=WAIT) as info:
            download_button.locator("button").click()
        download = info.value
        assert download.suggested_filename.endswith(".pptx") and "市场主体总量" in download.suggested_filename
        prs = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
        [slide] = prs.slides
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "市场主体总量" in texts and "2022年" in texts and "数据来源" in texts
        [picture] = [s for s in slide.shapes if s.shape_type == 13]
        assert picture.image.size == (1920, 1080)
        notes = slide.notes_slide.notes_text_frame.text
        assert "原文" in notes and "市场主体" in notes
    finally:
        context.close()


def expect_visible(locator) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_visible(timeout=WAIT)


def test_presentation_mode_fills_a_1920_by_1080_screen_without_the_sidebar(app_url, browser):  # noqa: F811
    context = _context(browser, 1920, 1080)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?page=compare&indicator=review_received&year=2022&mode=present")
        _settle(page)
        box = page.locator('[data-testid="stPlotlyChart"]').first.bounding_box()
        assert box["height"] >= 0.8 * 1080, box
        assert not page.get_by_test_id("stSidebar").is_visible()
        page.get_by_role("button", name="退出演示模式").click()
        expect_visible(page.get_by_test_id("stSidebar"))
    finally:
        context.close()


COUNT = '[data-testid="stCaptionContainer"]:has-text("共 ")'
PAGES = [
    ("compare", "page=compare&indicator=market_entities&year=2022&highlight=220100", CHART_TITLE),
    ("trend", "page=trend&indicator=review_received", CHART_TITLE),
    ("profile", "page=profile&place=220100", CHART_TITLE),
    ("table", "page=table&indicator=review_received&years=2021,2022", COUNT),
    ("sources", "page=sources&place=320600&indicator=review_received&year=2022", '[data-testid="stMain"] h3'),
    ("coverage", "page=coverage&view=indicator", CHART_TITLE),
]


@pytest.mark.parametrize(("name", "query", "ready"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_url_reopens_the_same_view_in_a_fresh_context(app_url, browser, name, query, ready):  # noqa: F811
    first = _context(browser)
    second = _context(browser)
    try:
        page = first.new_page()
        page.goto(f"{app_url}/?{query}")
        _settle(page, ready)
        seen = page.evaluate(FINGERPRINT)
        assert seen["titles"] or seen["headings"] or seen["counts"], seen
        link = page.url
        again = second.new_page()
        again.goto(link)
        _settle(again, ready)
        assert again.evaluate(FINGERPRINT) == seen, link
        assert again.url == link
        if name == "table":
            assert "years=2021%2C2022" in link or "years=2021,2022" in link
    finally:
        first.close()
        second.close()


def test_trend_picks_the_same_places_in_a_running_session_as_in_a_new_one(app_url, browser):  # noqa: F811
    running = _context(browser)
    fresh = _context(browser)
    try:
        page = running.new_page()
        page.goto(f"{app_url}/?page=trend&indicator=review_received&jurisdictions=220100")
        _settle(page)
        page.get_by_test_id("stSidebar").get_by_text("横向对比", exact=True).click()
        _settle(page)
        page.get_by_test_id("stSidebar").get_by_text("年度趋势", exact=True).click()
        _settle(page)
        seen = page.evaluate(FINGERPRINT)
        again = fresh.new_page()
        again.goto(page.url)
        _settle(again)
        assert again.evaluate(FINGERPRINT)["legend"] == seen["legend"], page.url
    finally:
        running.close()
        fresh.close()
