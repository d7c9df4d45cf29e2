"""Benchmark: where the time of one whole `python -m pipeline build` process goes.

Runs the build in this process, as `python -m pipeline build --raw RAW --out OUT` would (the
same entry point, ending the same way), with the build's steps wrapped from outside to stamp
the clock: interpreter start, imports, the rules' check, the warm-up before the workers are
forked (stages, place-name tokenizer, file readers), the workers' pool (its first result, the
table stage's import in its thread), the table stage, the writing, the cache, the atomic switch
and the end. Each line prints the wall-clock time since the process started and the parent's
CPU time, each with the step since the line before; then the CPU of the parent and of its
workers. The first build of a corpus into an empty OUT is the full build the issue times.

    python bench/build_phases.py RAW OUT          (OUT is replaced)
    python bench/build_phases.py --corpus 2000    (the synthetic corpus of bench_pipeline.py)

Only figures are printed, never judged: the machine is shared, so compare runs made one after
the other (and alternate the code versions being compared).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STARTED = time.perf_counter() - (
    float(Path("/proc/uptime").read_text().split()[0])
    - int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
)  # perf_counter() at this process's start (Linux: /proc)
MARKS: list[tuple[str, float, float]] = []


def mark(name: str) -> None:
    MARKS.append((name, time.perf_counter() - STARTED, time.process_time()))


mark("interpreter started")
sys.path.insert(0, str(ROOT))

from pipeline import __main__ as cli  # noqa: E402
from pipeline import build, increment, outputs  # noqa: E402
from pipeline import cache as results_cache  # noqa: E402

mark("imports (python -m pipeline)")


def stamped(owner: Any, name: str, label: str = "") -> None:
    """Stamp the clock before and after every call of owner.name (when it exists)."""
    fn = getattr(owner, name, None)
    if fn is None:
        return
    label = label or name

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        mark(f"{label} ...")
        try:
            return fn(*args, **kwargs)
        finally:
            mark(f"{label} done")

    setattr(owner, name, wrapper)


def stamp_pool() -> None:
    """The pool's start, its first result and its end."""
    pool = build._pool

    def stamped_pool(*args: Any, **kwargs: Any) -> Iterator:
        mark("workers' pool ...")
        first = True
        for result in pool(*args, **kwargs):
            if first:
                mark("first result")
                first = False
            yield result
        mark("workers' pool done")

    build._pool = stamped_pool


def stamp_table_import() -> None:
    """The table stage's import, in its thread while the workers run: its CPU and wall time."""
    imported = getattr(build, "_import_table_stage", None)
    if imported is None:
        return

    def stamped_import() -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        imported()
        mark(
            f"(table stage imported in its thread: cpu {time.thread_time() - cpu:.2f} s, "
            f"wall {time.perf_counter() - wall:.2f} s)"
        )

    build._import_table_stage = stamped_import


def stamp_collector() -> None:
    """When a pause of the cyclic collector ends (the last one turns it back on: a collection right
    after shows in the step that follows)."""
    paused = build._collector_paused

    @contextlib.contextmanager
    def stamped_pause() -> Iterator[None]:
        with paused():
            yield
        mark("(a pause of the collector ended)")

    build._collector_paused = stamped_pause


def stamp_everything() -> None:
    stamped(build, "check_rules", "rules checked")
    for name in ("warm", "warm_words", "warm_readers"):
        stamped(build, name)
    stamp_pool()
    stamp_table_import()
    stamp_collector()
    stamped(build, "_made", "table stage")
    stamped(build, "_in_full", "output files made")
    stamped(results_cache.ResultCache, "save", "cache saved")
    stamped(outputs, "publish", "set written and switched")
    stamped(increment, "save", "table state saved")


def report() -> None:
    """The stamps, then the CPU of this process and of its workers."""
    before_wall, before_cpu = 0.0, 0.0
    for name, wall, cpu in MARKS:
        print(f"{wall:7.2f} s (+{wall - before_wall:5.2f})  cpu {cpu:6.2f} s (+{cpu - before_cpu:5.2f})  {name}")
        before_wall, before_cpu = wall, cpu
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"cpu: this process {own.ru_utime + own.ru_stime:.2f} s, its workers "
        f"{workers.ru_utime + workers.ru_stime:.2f} s; load average {os.getloadavg()[0]:.2f}"
    )
    sys.stdout.flush()


def synthetic(count: int) -> Path:
    """The synthetic corpus of bench_pipeline.py (seed 7) in a temporary folder, written by another
    process (writing it loads the gazetteer, which would shorten this process's warm-up)."""
    folder = Path(tempfile.mkdtemp(prefix="fazhi-phases-"))
    (folder / "raw").mkdir()
    write = "import sys, pathlib, bench_pipeline as b; b.corpus(pathlib.Path(sys.argv[1]), int(sys.argv[2]), 7)"
    subprocess.run([sys.executable, "-c", write, str(folder / "raw"), str(count)], cwd=ROOT / "bench", check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", nargs="?", help="raw folder")
    parser.add_argument("out", nargs="?", help="output folder (replaced)")
    parser.add_argument("--corpus", type=int, default=0, help="build a synthetic corpus of this many reports")
    args = parser.parse_args()
    if args.corpus:
        folder = synthetic(args.corpus)
        raw, out = folder / "raw", folder / "out"
        mark(f"(synthetic corpus of {args.corpus} written by another process)")
    elif args.raw and args.out:
        raw, out = Path(args.raw), Path(args.out)
        shutil.rmtree(out, ignore_errors=True)
    else:
        parser.error("give RAW and OUT, or --corpus N")
    stamp_everything()
    with contextlib.redirect_stdout(sys.stderr):  # the build's own summary
        code = cli.main(["build", "--raw", str(raw), "--out", str(out)])
    mark("build returned")
    report()
    if args.corpus:
        shutil.rmtree(folder, ignore_errors=True)
    end: Callable[[int], None] = getattr(cli, "_exit", sys.exit)  # as python -m pipeline ends
    end(code)


if __name__ == "__main__":
    main()
