"""Benchmark: how long a warm rerun of the dashboard takes after a filter change, next to a minimal app.

Builds a synthetic processed folder — 3,000 jurisdictions (real names and adcodes from the
gazetteer: all provinces and prefectures, then counties) × 10 years × 16 catalogue indicators,
480,000 rows with exactly pipeline.table.COLUMNS, plus documents.csv, conflicts.csv,
cumulative.csv, indicators.parquet and build.json as `pipeline.build` writes them — then runs
dashboard.py (横向对比) and bench/minimal_app.py (same cached loader, one px.bar) under
streamlit.testing.v1.AppTest, changes a filter before every run, and prints the median and p90
of the warm reruns of both and their ratio. Targets (issue 3): ratio ≤ 1.5, warm rerun ≤ 300 ms.

AppTest runs the script and marshals every element (Plotly JSON, Arrow tables) as a server
would, but has no websocket or browser: it measures the Python side of a rerun, which is
what a filter change waits for before anything is drawn.

    python bench/bench_dashboard.py [--places 3000] [--years 10] [--repeat 10] [--warmup 2]
                                    [--filter year|indicator|both] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
TARGET_RATIO, TARGET_MS = 1.5, 300.0


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


def change_year(years: list[int]) -> Change:
    return lambda at, i: at.selectbox(key="compare.year").set_value(years[i % 2])


def change_indicator(ids: list[str]) -> Change:
    return lambda at, i: at.selectbox(key="compare.indicator").set_value(ids[i % 2])


def timed_reruns(
    script: Path,
    folder: Path,
    change: Change,
    repeat: int,
    warmup: int,
    before_measured: Callable[[], None] = lambda: None,
) -> tuple[float, list[float]]:
    """(first run in s, warm reruns in ms): `warmup` unmeasured changes, then `repeat` measured ones."""
    from streamlit.testing.v1 import AppTest

    os.environ["FAZHI_DATA_DIR"] = str(folder)
    at = AppTest.from_file(str(script), default_timeout=600)
    at.query_params["page"] = "compare"
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    _check(at, script)
    times = []
    for i in range(warmup + repeat):
        if i == warmup:
            before_measured()
        change(at, i)
        start = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - start) * 1000
        _check(at, script)
        if i >= warmup:
            times.append(elapsed)
    return first, times


def _check(at, script: Path) -> None:
    if at.exception:
        raise SystemExit(f"{script.name} raised: {[e.value for e in at.exception]}")
    if not at.get("plotly_chart"):
        raise SystemExit(f"{script.name} drew no chart: {[m.value for m in (*at.info, *at.warning, *at.error)]}")


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def report(label: str, dash: list[float], mini: list[float]) -> float:
    d_med, m_med = statistics.median(dash), statistics.median(mini)
    ratio = d_med / m_med
    print(f"\nwarm rerun after a {label} change (n={len(dash)}):")
    print(f"  {'':12} {'median':>9} {'p90':>9}")
    print(f"  {'dashboard':12} {d_med:7.0f}ms {p90(dash):7.0f}ms")
    print(f"  {'minimal app':12} {m_med:7.0f}ms {p90(mini):7.0f}ms")
    ok = "ok" if ratio <= TARGET_RATIO and d_med <= TARGET_MS else "MISSES TARGET"
    print(f"  ratio (median) {ratio:.2f}  [target ≤ {TARGET_RATIO}, dashboard ≤ {TARGET_MS:.0f} ms: {ok}]")
    return ratio


def profile(folder: Path, change: Change, repeat: int, warmup: int, top: int = 25) -> None:
    """cProfile of the measured warm reruns of the dashboard; prints the heaviest functions."""
    out = Path(tempfile.mkdtemp(prefix="fazhi-prof-")) / "dashboard.prof"
    os.environ.update(BENCH_PROFILE_OUT=str(out), BENCH_PROFILE_ON="0")
    try:
        timed_reruns(
            PROFILED, folder, change, repeat, warmup, before_measured=lambda: os.environ.update(BENCH_PROFILE_ON="1")
        )
    finally:
        os.environ["BENCH_PROFILE_ON"] = "0"
    stats = pstats.Stats(str(out))
    print(f"\n=== cProfile of {repeat} warm dashboard reruns: by own time ===")
    stats.sort_stats("tottime").print_stats(top)
    print("=== by cumulative time, this repository's code only (app/, dashboard.py) ===")
    stats.sort_stats("cumulative").print_stats(r"(/app/|dashboard\.py)", top)
    shutil.rmtree(out.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--filter", choices=["year", "indicator", "both"], default="both")
    parser.add_argument("--profile", action="store_true", help="also cProfile the dashboard's warm reruns")
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

    years = sorted(table["year"].unique().tolist(), reverse=True)[:2]
    changes = {
        "year": change_year([years[1], years[0]]),
        "indicator": change_indicator(["court_appearance_rate", "review_received"]),
    }
    wanted = list(changes) if args.filter == "both" else [args.filter]
    try:
        for name in wanted:
            first_d, dash = timed_reruns(DASHBOARD, folder, changes[name], args.repeat, args.warmup)
            first_m, mini = timed_reruns(MINIMAL, folder, changes[name], args.repeat, args.warmup)
            print(
                f"\nfirst run (cold for the first app measured: reads the folder): dashboard {first_d:.1f} s, "
                f"minimal {first_m:.1f} s"
            )
            report(name, dash, mini)
        if args.profile:
            profile(folder, changes[wanted[0]], args.repeat, args.warmup)
    finally:
        if not args.keep:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
