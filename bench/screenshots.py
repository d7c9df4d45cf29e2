"""Screenshots for the README: the dashboard on a processed folder, shot by Debian's Chromium.

Starts `streamlit run dashboard.py` on a free port with FAZHI_DATA_DIR=<processed>, opens each
given view (a URL with query parameters), waits for its Plotly chart and for Streamlit to finish
running, and saves a PNG (1400×900 CSS pixels at device scale 2 by default).

    python -m pipeline build --raw data/raw --out /tmp/shot-processed
    python bench/screenshots.py /tmp/shot-processed \\
        docs/screenshot.png "page=compare&indicator=review_accepted&year=2022" \\
        docs/screenshot-trend.png "page=trend&indicator=litigation_cases"

    # every page of the five samples, at 1440×1000 and in 演示模式 at 1920×1080, into docs/screens/
    python bench/screenshots.py /tmp/shot-processed --pages docs/screens

Never runs `playwright install`: /usr/bin/chromium comes from apt.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"streamlit did not answer on {url} within {timeout:.0f} s")


# page -> query over the five shipped samples (data/raw)
PAGES = {
    "compare": "page=compare&indicator=review_accepted&year=2023",
    "trend": "page=trend&indicator=court_appearance_rate&jurisdictions=410900,370104",
    "profile": "page=profile&place=370104",
    "table": "page=table&indicator=review_accepted&years=2022,2023",
    "sources": "page=sources&place=220100&indicator=market_entities&year=2022",
    "coverage": "page=coverage",
}


def ready_selector(query: str) -> str:
    """What shows that a page is drawn: its chart's title, the table, or the value's heading."""
    if "page=table" in query:
        return '[data-testid="stDataFrame"]'
    if "page=sources" in query:
        return '[data-testid="stMain"] h3'
    return '[data-testid="stPlotlyChart"] .js-plotly-plot .gtitle'


def page_jobs(folder: Path) -> list[tuple[Path, str, int, int]]:
    """Every page at 1440×1000, and in 演示模式 at 1920×1080."""
    jobs = []
    for name, query in PAGES.items():
        jobs.append((folder / f"{name}-1440x1000.png", query, 1440, 1000))
        jobs.append((folder / f"{name}-present-1920x1080.png", f"{query}&mode=present", 1920, 1080))
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="processed folder (FAZHI_DATA_DIR)")
    parser.add_argument("shots", nargs="*", help="pairs: OUTPUT.png QUERY")
    parser.add_argument("--pages", type=Path, help="shoot every page (PAGES) at both sizes into this folder")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scale", type=float, default=2)
    args = parser.parse_args()
    if len(args.shots) % 2:
        parser.error("shots come in pairs: OUTPUT.png QUERY")
    jobs = [(Path(o), q, args.width, args.height) for o, q in zip(args.shots[::2], args.shots[1::2], strict=True)]
    if args.pages:
        jobs += page_jobs(args.pages)
    if not jobs:
        parser.error("nothing to shoot: give OUTPUT.png QUERY pairs or --pages FOLDER")

    from playwright.sync_api import expect, sync_playwright

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FAZHI_DATA_DIR": str(args.data.resolve())}
    process = subprocess.Popen(
        [
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
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_healthy(url, process)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            for out, query, width, height in jobs:
                # a fresh page per shot: every view comes from its link alone, as a colleague would open it
                page = browser.new_page(
                    viewport={"width": width, "height": height}, device_scale_factor=args.scale, locale="zh-CN"
                )
                started = time.monotonic()
                page.goto(f"{url}/?{query}")
                expect(page.locator(ready_selector(query)).first).to_be_visible(timeout=60_000)
                page.wait_for_timeout(800)
                page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
                # widgets drawn as grey placeholders until the run's deltas arrive: wait them out
                page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
                page.mouse.move(0, height - 1)  # no hover label or toolbar over the chart
                page.wait_for_timeout(700)  # let Plotly's transitions finish
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                print(f"{out}: {width}×{height}, {out.stat().st_size:,} bytes, {time.monotonic() - started:.1f} s")
                page.close()
            browser.close()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
