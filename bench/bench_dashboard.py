"""Benchmark: every page's warm rerun beside a minimal app's, and every page's time to appear in a browser.

Builds a synthetic processed folder — 3,000 jurisdictions (real names and adcodes from the
gazetteer: all provinces and prefectures, then counties) × 10 years × 16 catalogue indicators,
480,000 rows with exactly pipeline.table.COLUMNS, plus documents.csv, conflicts.csv,
cumulative.csv, indicators.parquet and build.json as `pipeline.build` writes them. Then, in one run:

1. Warm reruns (streamlit.testing.v1.AppTest): bench/minimal_app.py (same cached loader, one
   px.bar) with its year changed before every run, then each page of dashboard.py with one of
   its own filters changed before every run; median and p90 of each, and each page's median as a
   ratio of the minimal app's. Target (issue 13): every page ≤ 1.2× the minimal app.
   AppTest runs the script and marshals every element (Plotly JSON, Arrow tables) as a server
   would, but has no websocket or browser: it measures the Python side of a rerun. Beside each page,
   the bytes of its Plotly figure JSON (what the chart costs to send and to draw).
2. Browser (`--browser`, on by default; `--rounds N`, 2): `streamlit run` of dashboard.py and of
   the minimal app on the folder, and Debian's Chromium (/usr/bin/chromium, via playwright, as the
   browser tests use it) opening each page's link in a fresh tab (a new context: nothing cached),
   the minimal app's link just before each; seconds from opening the link until the page's
   chart/table is visible and Streamlit has finished its run, best of N, with its ratio to the
   minimal app's (the floor: Streamlit's own frontend and its 4.7 MB Plotly bundle, which every
   chart page loads) and the websocket bytes of the load. Target (issue 13): every page within 3 s.
3. Staleness (`--raw-files N`, 10,000 by default; 0 skips): a raw folder of N small files with a
   build.json recording them; the cost of the full staleness check (`api.is_stale`) beside the
   app's cached one (`api.needs_build`), per rerun.

    python bench/bench_dashboard.py [--places 3000] [--years 10] [--repeat 10] [--warmup 2]
                                    [--pages compare,trend,...] [--no-browser] [--rounds 2]
                                    [--raw-files 10000]
                                    [--profile PAGE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pstats
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from pipeline.catalogue import indicators as catalogue  # noqa: E402
from pipeline.table import COLUMNS, CONFLICT_COLUMNS, CUMULATIVE_COLUMNS, DOCUMENT_COLUMNS  # noqa: E402

DASHBOARD = ROOT / "dashboard.py"
MINIMAL = ROOT / "bench" / "minimal_app.py"
PROFILED = ROOT / "bench" / "profiled_dashboard.py"
FIRST_YEAR = 2015
SCALE = {"province": 8.0, "prefecture": 1.0, "county": 0.2}
QUALIFIERS = np.array(["exact"] * 17 + ["at_least", "approx", "at_most"])
CONFIDENCE = np.array(["high"] * 6 + ["medium"] * 3 + ["low"])
TARGET_RATIO, TARGET_BROWSER_S = 1.2, 3.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
BROWSER_WAIT = 120_000  # ms: the old 数据覆盖 took ~21 s; a timeout is reported as such


# ---------------------------------------------------------------- the synthetic processed folder


def places(n: int) -> pd.DataFrame:
    """n jurisdictions of mixed levels: every province and prefecture of the gazetteer, then counties."""
    try:
        from pipeline.regions import all_places

        known = all_places()
    except Exception:  # no gazetteer: made-up names with valid-looking unique codes
        known = []
    rows = [(p.name, p.adcode, p.level, p.province, p.parent) for p in known]
    rank = {"province": 0, "prefecture": 1, "county": 2}
    rows.sort(key=lambda r: (rank.get(r[2], 3), r[1]))
    rows = rows[:n]
    taken = {r[1] for r in rows}
    code = 810000
    while len(rows) < n:
        code += 1
        if str(code) not in taken:
            rows.append((f"示例县{code % 10000:04d}", str(code), "county", "示例省", "示例市"))
    frame = pd.DataFrame(rows, columns=["jurisdiction", "adcode", "level", "province", "parent"])
    assert frame["adcode"].is_unique and frame["adcode"].str.fullmatch(r"\d{6}").all()
    return frame.sort_values("adcode").reset_index(drop=True)


def indicator_table(where: pd.DataFrame, years: int, seed: int = 7) -> pd.DataFrame:
    """Every place × year × catalogue indicator, with plausible values, qualifiers and evidence."""
    rng = np.random.default_rng(seed)
    cat = pd.DataFrame(
        [
            {
                "indicator": i,
                "indicator_name": e["name"],
                "unit": str(e["unit"]),
                "family": e["family"],
                "derived": bool(e.get("derive")),
            }
            for i, e in catalogue().items()
        ]
    )
    year_list = np.arange(FIRST_YEAR, FIRST_YEAR + years)
    n_p, n_y, n_i = len(where), len(year_list), len(cat)
    p_idx = np.repeat(np.arange(n_p), n_y * n_i)
    y_idx = np.tile(np.repeat(np.arange(n_y), n_i), n_p)
    i_idx = np.tile(np.arange(n_i), n_p * n_y)
    frame = pd.concat([where.iloc[p_idx].reset_index(drop=True), cat.iloc[i_idx].reset_index(drop=True)], axis=1)
    frame["year"] = year_list[y_idx]
    rate = (frame["unit"] == "%").to_numpy()
    scale = frame["level"].map(SCALE).fillna(0.2).to_numpy()
    counts = np.round(rng.lognormal(6.5, 1.0, len(frame)) * scale * (1 + 0.03 * y_idx))
    frame["value"] = np.where(rate, np.round(rng.uniform(40, 100, len(frame)), 1), counts)
    frame["qualifier"] = np.where(rate, "exact", QUALIFIERS[rng.integers(0, len(QUALIFIERS), len(frame))])
    frame["method"] = np.where(frame["derived"], "derived", "reported")
    manual = rng.random(len(frame)) < 0.001
    frame.loc[manual, "method"] = "manual"
    frame["source"] = frame["adcode"] + "_" + frame["year"].astype(str) + ".txt"
    number = np.where(rate, frame["value"].map("{:g}".format), frame["value"].astype(int).astype(str))
    frame["evidence"] = (
        frame["year"].astype(str)
        + "年,"
        + frame["jurisdiction"]
        + frame["indicator_name"]
        + "为"
        + number
        + frame["unit"]
        + "。"
    )
    frame.loc[frame["derived"], "evidence"] = "由报告中的两个数值计算得出"
    frame["evidence_start"] = np.where(frame["derived"], -1, 40 + rng.integers(0, 4000, len(frame)))
    frame["evidence_end"] = np.where(frame["derived"], -1, frame["evidence_start"] + frame["evidence"].str.len())
    frame["note"] = np.where(manual, "人工核对后更正", "")
    frame["confidence"] = CONFIDENCE[rng.integers(0, len(CONFIDENCE), len(frame))]
    frame["signals"] = np.where(frame["confidence"] == "high", "", "subject_carried")
    checked = rng.random(len(frame)) < 0.05
    frame["review_state"] = np.where(checked, "confirmed", np.where(manual, "corrected", "unverified"))
    frame["reviewed_by"] = np.where(checked | manual, "张三", "")
    frame["reviewed_at"] = np.where(checked | manual, "2024-05-01T10:00:00+08:00", "")
    frame["review_note"] = ""
    return frame[list(COLUMNS)]


def write_processed(folder: Path, n_places: int, years: int) -> pd.DataFrame:
    """The files `pipeline.build` writes (and the app reads) for the synthetic table, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    table = indicator_table(places(n_places), years)
    table.to_csv(folder / "indicators.csv", index=False, encoding="utf-8")
    table.to_parquet(folder / "indicators.parquet", index=False)  # written last: the app prefers it when newer
    docs = table.groupby(["source"], as_index=False).agg(
        jurisdiction=("jurisdiction", "first"),
        adcode=("adcode", "first"),
        level=("level", "first"),
        province=("province", "first"),
        year=("year", "first"),
        values=("value", "size"),
    )
    docs = docs.assign(
        kind="txt",
        sha256=docs["source"].str.ljust(64, "0"),
        status="ok",
        message="",
        title=docs["jurisdiction"] + docs["year"].astype(str) + "年法治政府建设情况报告",
        published=(docs["year"] + 1).astype(str) + "-03-31",
        ocr_pages=0,
    )
    docs[list(DOCUMENT_COLUMNS)].to_csv(folder / "documents.csv", index=False, encoding="utf-8")
    picked = table.iloc[::20_000]
    conflicts = picked.assign(report_year=picked["year"], chosen=True, rule="出自该年度本身的报告")
    conflicts[list(CONFLICT_COLUMNS)].to_csv(folder / "conflicts.csv", index=False, encoding="utf-8")
    picked.assign(period="cumulative", value=picked["value"] * 5)[list(CUMULATIVE_COLUMNS)].to_csv(
        folder / "cumulative.csv", index=False, encoding="utf-8"
    )
    meta = {
        "time": "2024-05-01T10:00:00+08:00",
        "pipeline_version": "bench",
        "counts": {"rows": len(table)},
        "files": [],
    }
    (folder / "build.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return table


# ---------------------------------------------------------------- timing under AppTest


Change = Callable[[object, int], None]


@dataclass(frozen=True)
class Scenario:
    """One page as the bench drives it: the link it opens, the widget changed before each rerun."""

    name: str
    query: dict[str, str]
    kind: str  # AppTest element kind of the changed widget: selectbox, radio, multiselect …
    key: str
    values: tuple  # alternated before each rerun
    ready: str  # CSS selector of what must be visible in the browser
    chart: bool = True


CHART_TITLE = '[data-testid="stPlotlyChart"] .js-plotly-plot .gtitle'
RUNNING = '[data-testid="stStatusWidget"]'


def scenarios(table: pd.DataFrame) -> list[Scenario]:
    """Every data page of the dashboard, each with a filter a person would change."""
    years = sorted(table["year"].unique().tolist(), reverse=True)[:2]
    places = table.drop_duplicates("adcode")
    # a different place before every rerun: each is a first view, which no per-choice memo answers; all in one
    # province, the one the link's place seeds, since with thousands of places the menu lists one province's
    prefectures = places[places["level"] == "prefecture"]
    home = prefectures["province"].iloc[0]
    cities = prefectures[prefectures["province"] == home]["adcode"].tolist()[:40]
    province = sorted(places["province"].unique().tolist())[:2]
    pair = ("court_appearance_rate", "review_received")
    return [
        Scenario("compare", {"page": "compare"}, "selectbox", "compare.year", (years[1], years[0]), CHART_TITLE),
        Scenario("trend", {"page": "trend"}, "selectbox", "trend.indicator", pair, CHART_TITLE),
        Scenario(
            "profile", {"page": "profile", "place": cities[0]}, "selectbox", "profile.place", tuple(cities), CHART_TITLE
        ),
        Scenario(
            "table",
            {"page": "table", "indicator": "review_received"},
            "selectbox",
            "table.indicator",
            pair,
            '[data-testid="stCaptionContainer"]:has-text("共 ")',
            chart=False,
        ),
        Scenario(
            "table-all",
            {"page": "table"},
            "multiselect",
            "table.years",
            ([years[1]], [years[0]]),
            '[data-testid="stCaptionContainer"]:has-text("共 ")',
            chart=False,
        ),
        Scenario(
            "sources",
            {"page": "sources", "place": cities[0]},
            "selectbox",
            "sources.place",
            tuple(cities),
            '[data-testid="stMain"] h3',
            chart=False,
        ),
        Scenario("coverage", {"page": "coverage"}, "radio", "coverage.by", ("indicator", "year"), CHART_TITLE),
        # the editor pages as a visitor without a login sees them (read-only)
        Scenario(
            "correct",
            {"page": "correct", "place": cities[0]},
            "selectbox",
            "correct.place",
            tuple(cities),
            'h3:has-text("当前数值")',
            chart=False,
        ),
        Scenario("review", {"page": "review"}, "toggle", "review.all", (True, False), 'h2:has-text("冲突审核")', False),
        Scenario(
            "coverage-province",
            {"page": "coverage", "province": province[0]},
            "multiselect",
            "coverage.province",
            ([province[0]], [province[1]]),
            CHART_TITLE,
        ),
    ]


def minimal_scenario(table: pd.DataFrame) -> Scenario:
    years = sorted(table["year"].unique().tolist(), reverse=True)[:2]
    return Scenario("minimal", {"page": "compare"}, "selectbox", "compare.year", (years[1], years[0]), CHART_TITLE)


def timed_reruns(
    script: Path,
    folder: Path,
    scenario: Scenario,
    repeat: int,
    warmup: int,
    before_measured: Callable[[], None] = lambda: None,
) -> tuple[float, list[float], int]:
    """(first run in s, warm reruns in ms, bytes of the page's Plotly figure JSON on the first run):
    `warmup` unmeasured changes, then `repeat` measured ones."""
    from streamlit.testing.v1 import AppTest

    os.environ["FAZHI_DATA_DIR"] = str(folder)
    at = AppTest.from_file(str(script), default_timeout=600)
    for key, value in scenario.query.items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    _check(at, script, scenario)
    figure_bytes = sum(len(chart.proto.spec.encode()) for chart in at.get("plotly_chart"))
    times = []
    for i in range(warmup + repeat):
        if i == warmup:
            before_measured()
        getattr(at, scenario.kind)(key=scenario.key).set_value(scenario.values[i % len(scenario.values)])
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        _check(at, script, scenario)
        if i >= warmup:
            times.append(elapsed)
    return first, times, figure_bytes


def _check(at, script: Path, scenario: Scenario) -> None:
    if at.exception:
        raise SystemExit(f"{script.name} ({scenario.name}) raised: {[e.value for e in at.exception]}")
    if at.error or (scenario.chart and not at.get("plotly_chart")):
        shown = [m.value for m in (*at.info, *at.warning, *at.error)]
        raise SystemExit(f"{script.name} ({scenario.name}) drew no chart or said: {shown}")


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def report(results: dict[str, list[float]], minimal: list[float], figure_bytes: dict[str, int]) -> None:
    base = statistics.median(minimal)
    print(f"\nwarm rerun after a filter change (n={len(minimal)} each; target: page ≤ {TARGET_RATIO}× minimal app)")
    print(f"  {'':18} {'median':>9} {'p90':>9} {'ratio':>7} {'figure JSON':>12}")
    floor_bytes = _kib(figure_bytes.get("minimal app"))
    print(f"  {'minimal app':18} {base:7.0f}ms {p90(minimal):7.0f}ms {1:7.2f} {floor_bytes:>12}")
    for name, times in results.items():
        ratio = statistics.median(times) / base
        flag = "" if ratio <= TARGET_RATIO else "  MISSES TARGET"
        shown = _kib(figure_bytes.get(name))
        print(f"  {name:18} {statistics.median(times):7.0f}ms {p90(times):7.0f}ms {ratio:7.2f} {shown:>12}{flag}")


def _kib(size: int | None) -> str:
    return "—" if not size else f"{size / 1024:.1f} KiB"


def profile(folder: Path, scenario: Scenario, repeat: int, warmup: int, top: int = 25) -> None:
    """cProfile of the measured warm reruns of one page; prints the heaviest functions."""
    out = Path(tempfile.mkdtemp(prefix="fazhi-prof-")) / "dashboard.prof"
    os.environ.update(BENCH_PROFILE_OUT=str(out), BENCH_PROFILE_ON="0")
    try:
        timed_reruns(
            PROFILED, folder, scenario, repeat, warmup, before_measured=lambda: os.environ.update(BENCH_PROFILE_ON="1")
        )
    finally:
        os.environ["BENCH_PROFILE_ON"] = "0"
    stats = pstats.Stats(str(out))
    print(f"\n=== cProfile of {repeat} warm reruns of {scenario.name}: by own time ===")
    stats.sort_stats("tottime").print_stats(top)
    print("=== by cumulative time, this repository's code only (app/, dashboard.py) ===")
    stats.sort_stats("cumulative").print_stats(r"(/app/|dashboard\.py)", top)
    shutil.rmtree(out.parent, ignore_errors=True)


# ---------------------------------------------------------------- the browser


@dataclass
class Opened:
    """One page load in the browser: seconds until visible, and the websocket bytes the server sent."""

    seconds: float
    websocket: int
    floor: float = math.nan  # the minimal app's seconds, opened just before this page


def browser_times(folder: Path, pages: list[Scenario], rounds: int = 2) -> dict[str, list[Opened]]:
    """Each page's link opened `rounds` times in a fresh tab (a new browser context: nothing cached, as a
    person opening a shared link for the first time), timed until its chart/table is visible and the run
    done. Both servers run at once and the opens alternate — minimal app, then each page — so load from
    elsewhere on the machine falls on both alike; the minimal app is the machine's floor."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[Opened]] = {"minimal app": [], **{s.name: [] for s in pages}}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            with served(folder, MINIMAL) as floor, served(folder, DASHBOARD) as url:
                _open(chromium, floor, CHART_TITLE)  # each server reads the folder once: not a page's time
                _open(chromium, f"{url}/?page=compare", CHART_TITLE)
                for _ in range(rounds):
                    for scenario in pages:
                        before = _open(chromium, floor, CHART_TITLE)
                        out["minimal app"].append(before)
                        link = f"{url}/?{urllib.parse.urlencode(scenario.query)}"
                        opened = _open(chromium, link, scenario.ready)
                        opened.floor = before.seconds
                        out[scenario.name].append(opened)
        finally:
            chromium.close()
    return out


def _open(chromium, url: str, ready: str) -> Opened:
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    context.set_default_timeout(BROWSER_WAIT)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    from playwright.sync_api import TimeoutError as Timeout

    try:
        start = time.perf_counter()
        page.goto(url)
        page.locator(ready).first.wait_for(state="visible")
        page.locator(RUNNING).wait_for(state="hidden")
        page.locator(ready).first.wait_for(state="visible")
        return Opened(time.perf_counter() - start, sum(received))
    except Timeout:
        return Opened(math.inf, sum(received))
    finally:
        context.close()


@contextmanager
def served(folder: Path, script: Path) -> Iterator[str]:
    """`streamlit run script` on a free port over `folder` (read-only: FAZHI_DATA_DIR alone)."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {k: v for k, v in os.environ.items() if k != "FAZHI_RAW_DIR"}
    env["FAZHI_DATA_DIR"] = str(folder)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("streamlit did not start")
            time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def report_browser(times: dict[str, list[Opened]], rounds: int) -> None:
    """Per page: best of the rounds, its ratio to the best of the minimal app's opens just before it,
    the websocket bytes of a load, every round."""
    print(
        f"\nbrowser: seconds from opening the link to the chart/table visible (fresh tab, warm server; "
        f"target ≤ {TARGET_BROWSER_S:.0f} s; best of {rounds}; ratio to the minimal app opened just before)"
    )
    print(f"  {'':18} {'best':>6} {'ratio':>6}  {'websocket':>10}  every round")
    for name, opened in times.items():
        best = min(o.seconds for o in opened)
        floor = min((o.floor for o in opened if not math.isnan(o.floor)), default=best)
        flag = "" if best <= TARGET_BROWSER_S else "  MISSES TARGET"
        every = " ".join(f"{o.seconds:.1f}" for o in opened)
        sent = f"{max(o.websocket for o in opened) / 1024:.0f} KiB"
        print(f"  {name:18} {best:5.2f}s {best / floor:6.2f}  {sent:>10}  {every}{flag}")


# ---------------------------------------------------------------- staleness at N raw files


def staleness(n_files: int, repeat: int) -> None:
    """The full staleness check beside the app's cached one, on a raw folder of `n_files` files."""
    from pipeline import api, build, rawdir

    base = Path(tempfile.mkdtemp(prefix="fazhi-stale-"))
    raw, out = base / "raw", base / "processed"
    raw.mkdir()
    out.mkdir()
    try:
        for i in range(n_files):
            (raw / f"report_{i:05d}.txt").write_text(f"某市{i}年法治政府建设情况报告", encoding="utf-8")
        (out / "indicators.csv").write_text("jurisdiction\n", encoding="utf-8")
        snapshot = rawdir.snapshot(build._inputs(raw, build.document_entries([raw])))
        meta = {"pipeline_version": build.pipeline_version(), "files": build._files(snapshot)}
        (out / build.BUILD_JSON).write_text(json.dumps(meta), encoding="utf-8")
        full = _timed(lambda: api.is_stale(raw, out), repeat)
        cached = _timed(lambda: api.needs_build(raw, out), repeat * 10) if hasattr(api, "needs_build") else []
        print(f"\nstaleness check over {n_files:,} raw files (per rerun):")
        print(f"  full (api.is_stale)      median {statistics.median(full):7.1f} ms")
        if cached:
            from pipeline import freshness

            sweep = statistics.median(freshness._sweep(raw)[1] * 1000 for _ in range(3))
            print(f"  cached (api.needs_build) median {statistics.median(cached):7.2f} ms, p90 {p90(cached):6.2f} ms")
            print(
                f"    plus, at most every {freshness._interval(sweep / 1000):.1f} s per process, "
                f"a sweep of the entries' sizes and mtimes ({sweep:.0f} ms)"
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _timed(call: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
        if result:
            raise SystemExit("the synthetic raw folder was found stale")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--pages", help="comma-separated scenario names (default: all)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser timings")
    parser.add_argument("--rounds", type=int, default=2, help="browser opens of each page (best is reported)")
    parser.add_argument("--raw-files", type=int, default=10_000, help="staleness check over this many files (0: skip)")
    parser.add_argument("--profile", metavar="PAGE", help="also cProfile this scenario's warm reruns")
    parser.add_argument("--keep", type=Path, help="write the synthetic folder here and keep it")
    args = parser.parse_args()

    from streamlit import logger

    logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" chatter
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-bench-")) / "processed"
    start = time.perf_counter()
    table = write_processed(folder, args.places, args.years)
    print(f"synthetic processed folder: {folder}")
    print(
        f"  {len(table):,} rows = {table['adcode'].nunique():,} jurisdictions "
        f"({', '.join(f'{k} {v}' for k, v in table.drop_duplicates('adcode')['level'].value_counts().items())})"
        f" × {table['year'].nunique()} years × {table['indicator'].nunique()} indicators;"
        f" written in {time.perf_counter() - start:.1f} s"
    )
    pages = scenarios(table)
    if args.pages:
        wanted = set(args.pages.split(","))
        pages = [s for s in pages if s.name in wanted]
    try:
        first_m, minimal, bytes_m = timed_reruns(MINIMAL, folder, minimal_scenario(table), args.repeat, args.warmup)
        print(f"first run of the minimal app (reads the folder): {first_m:.1f} s")
        results, figure_bytes = {}, {"minimal app": bytes_m}
        for scenario in pages:
            first, results[scenario.name], figure_bytes[scenario.name] = timed_reruns(
                DASHBOARD, folder, scenario, args.repeat, args.warmup
            )
            print(f"  {scenario.name}: first run {first:.2f} s")
        _, again, _ = timed_reruns(MINIMAL, folder, minimal_scenario(table), args.repeat, args.warmup)
        report(results, minimal + again, figure_bytes)  # the minimal app before and after the pages: less drift
        if args.profile:
            chosen = next(s for s in scenarios(table) if s.name == args.profile)
            profile(folder, chosen, args.repeat, args.warmup)
        if not args.no_browser:
            report_browser(browser_times(folder, pages, args.rounds), args.rounds)
        if args.raw_files:
            staleness(args.raw_files, max(3, args.repeat // 2))
    finally:
        if not args.keep:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
