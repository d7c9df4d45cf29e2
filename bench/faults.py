"""Fault injection: builds over the sample reports plus each crafted hostile entry (tests/hostile_files.py).

For every kind, one build of the samples plus that one entry runs in its own process (as
`python -m pipeline build` would): the table gives the entry's status and message, whether that
is what the kind must get, the build's seconds (measured inside its process) and peak
memory (the build process or its file worker, whichever was larger), the values lost from the
good files and the exceptions that escaped from the build, from `extract` and from the upload
preview. Exit code 1 if any value was lost, any exception escaped, or any kind ended wrongly.

    python bench/faults.py [--raw data/raw] [--only WORD] [--markdown]
    python bench/faults.py --quick      # one build of all kinds together (what the test runs)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pandas as pd  # noqa: E402
from hostile_files import KINDS, Kind, write_all  # noqa: E402

# the file budget in --quick mode: the default, so a sample slowed by a hostile neighbour never times out
QUICK_SECONDS = "15"


@dataclass
class Row:
    kind: str
    status: str
    message: str
    met: bool
    seconds: float
    megabytes: float
    lost: int
    escaped: list[str]


# ---------------------------------------------------------------- the child: one build


def child(raw: Path, out: Path, entry: str) -> int:
    """Build `raw` into `out`, then `extract` and preview `entry`; print the exceptions that escaped."""
    from pipeline import api

    escaped = []
    started = time.perf_counter()
    try:
        api.build(raw, out)
    except Exception as err:  # noqa: BLE001 - counting what escapes is the point
        escaped.append(f"build: {type(err).__name__}: {err}"[:200])
    seconds = time.perf_counter() - started
    target = raw / entry if entry else None
    if target is not None and (target.is_file() or target.is_dir()):
        try:
            api.extract([target])
        except FileNotFoundError:
            pass
        except Exception as err:  # noqa: BLE001
            escaped.append(f"extract: {type(err).__name__}: {err}"[:200])
    if target is not None and target.is_file() and target.stat().st_size <= 21 * 2**20:
        try:
            api.preview(target.read_bytes(), target.name)
        except Exception as err:  # noqa: BLE001
            escaped.append(f"preview: {type(err).__name__}: {err}"[:200])
    print(json.dumps({"seconds": seconds, "escaped": escaped}))
    return 0


def run_build(raw: Path, out: Path, entry: str = "", env: dict | None = None) -> tuple[float, float, list[str]]:
    """(seconds the build took, peak MB, escaped) of one build in a fresh process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        command = [sys.executable, __file__, "--child", str(raw), str(out), entry]
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").strip().splitlines()
    try:
        report = json.loads(lines[-1])
        escaped, seconds = report["escaped"], report["seconds"]
    except (IndexError, ValueError, KeyError):
        escaped = [f"the build process ended with code {process.returncode}"]
    return seconds, usage.ru_maxrss / 1024, escaped


# ---------------------------------------------------------------- checking a build


def values(out: Path) -> set[tuple]:
    try:
        table = pd.read_csv(out / "indicators.csv", dtype={"adcode": str})
    except (OSError, ValueError):
        return set()
    return set(table[["source", "adcode", "year", "indicator", "value"]].itertuples(index=False, name=None))


def documents(out: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("source")
    except (OSError, ValueError):
        return pd.DataFrame(columns=["status", "message"])


def verdict(kind: Kind, shown: str, out: Path) -> tuple[str, str, bool]:
    """(status, message, whether that is what the kind must get)."""
    docs = documents(out)
    if shown not in docs.index:
        return "(not listed)", "", False
    row = docs.loc[shown]
    if isinstance(row, pd.DataFrame):
        row = row.iloc[0]
    status, message = str(row["status"]), str(row["message"])
    chinese = any("\u4e00" <= c <= "\u9fff" for c in message)
    found = {(ind, val) for src, _, _, ind, val in values(out) if src == shown}
    if kind.wrong and any(val in kind.wrong for _, val in found):
        return status, message, False
    if kind.expect == "refused":
        return status, message, status != "ok" and chinese
    if kind.expect == "ok":
        return status, message, status == "ok" and all(item in found for item in kind.right.items())
    return status, message, status == "ok" or chinese


def one(kind: Kind, samples: Path, work: Path, baseline: set[tuple]) -> Row:
    raw, out = work / "raw", work / "out"
    shutil.copytree(samples, raw)
    shown = kind.make(raw)
    entry = next((p.name for p in raw.iterdir() if p.name not in {q.name for q in samples.iterdir()}), "")
    seconds, megabytes, escaped = run_build(raw, out, _entry_name(raw, samples, entry))
    status, message, met = verdict(kind, shown, out)
    lost = len({v for v in baseline} - values(out))
    return Row(kind.name, status, message, met, seconds, megabytes, lost, escaped)


def _entry_name(raw: Path, samples: Path, fallback: str) -> str:
    new = sorted(set(os.listdir(raw)) - set(os.listdir(samples)))
    return new[0] if len(new) == 1 else fallback


# ---------------------------------------------------------------- modes


def full(samples: Path, only: str, markdown: bool) -> int:
    kinds = [k for k in KINDS if only.lower() in k.name.lower()]
    with tempfile.TemporaryDirectory(prefix="fazhi-faults-") as tmp:
        base_out = Path(tmp, "baseline")
        base_seconds, base_mb, base_escaped = run_build(samples, base_out)
        baseline = values(base_out)
        print(
            f"baseline: {len(list(samples.iterdir()))} sample reports -> {len(baseline)} values "
            f"in {base_seconds:.1f} s, peak {base_mb:.0f} MB"
        )
        rows = []
        for number, kind in enumerate(kinds, 1):
            work = Path(tmp, f"k{number:03d}")
            work.mkdir()
            rows.append(one(kind, samples, work, baseline))
            shutil.rmtree(work, ignore_errors=True)
            print(_line(rows[-1]), flush=True)
    print()
    print(_markdown(rows) if markdown else "")
    return _summary(rows, base_escaped)


def quick(samples: Path) -> int:
    """One build of the samples plus every kind (refusals checked; readable kinds share one place)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-faults-") as tmp:
        base_out, raw, out = Path(tmp, "baseline"), Path(tmp, "raw"), Path(tmp, "out")
        _, _, escaped = run_build(samples, base_out)
        shutil.copytree(samples, raw)
        kinds = write_all(raw)
        env = {**os.environ, "FAZHI_FILE_SECONDS": QUICK_SECONDS}
        seconds, megabytes, more = run_build(raw, out, env=env)
        escaped += more
        missing = sorted(values(base_out) - values(out))
        lost = len(missing)
        for value in missing[:10]:
            print(f"LOST: {value}")
        docs = documents(out)
        wrong = [
            f"{kind.name}: {docs.loc[shown, 'status'] if shown in docs.index else 'not listed'}"
            for shown, kind in kinds.items()
            if kind.expect == "refused" and (shown not in docs.index or docs.loc[shown, "status"] == "ok")
        ]
    print(
        f"kinds tried:                     {len(kinds)} in one build with the samples ({seconds:.1f} s, "
        f"peak {megabytes:.0f} MB)"
    )
    for line in wrong:
        print(f"NOT REFUSED: {line}")
    print(f"values lost from the good files: {lost}")
    print(f"exceptions escaped:              {len(escaped)}")
    for line in escaped:
        print(f"ESCAPED: {line}")
    return 1 if lost or escaped or wrong else 0


def _line(row: Row) -> str:
    mark = "ok " if row.met else "BAD"
    return (
        f"{mark} {row.kind[:40]:<40} {row.status:<22} {row.seconds:5.1f} s {row.megabytes:6.0f} MB "
        f"lost {row.lost} escaped {len(row.escaped)}  {row.message[:40]}"
    )


def _markdown(rows: list[Row]) -> str:
    lines = ["| kind | status | as required | s | peak MB | lost | escaped |", "|---|---|---|--:|--:|--:|--:|"]
    for row in rows:
        lines.append(
            f"| {row.kind} | {row.status} | {'yes' if row.met else 'NO'} | {row.seconds:.1f} | "
            f"{row.megabytes:.0f} | {row.lost} | {len(row.escaped)} |"
        )
    return "\n".join(lines)


def _summary(rows: list[Row], escaped: list[str]) -> int:
    escaped = escaped + [e for row in rows for e in row.escaped]
    lost = sum(row.lost for row in rows)
    bad = [row.kind for row in rows if not row.met]
    slowest = max(rows, key=lambda row: row.seconds, default=None)
    print(f"kinds tried:                     {len(rows)}")
    print(f"ended as required:               {len(rows) - len(bad)}" + (f"  (NOT: {', '.join(bad)})" if bad else ""))
    if slowest is not None:
        print(f"slowest build:                   {slowest.seconds:.1f} s ({slowest.kind})")
        print(f"largest peak memory:             {max(r.megabytes for r in rows):.0f} MB")
    print(f"values lost from the good files: {lost}")
    print(f"exceptions escaped:              {len(escaped)}")
    for line in escaped:
        print(f"ESCAPED: {line}")
    return 1 if lost or escaped or bad else 0


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        return child(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else "")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", default=str(ROOT / "data" / "raw"), help="folder of good reports (default data/raw)")
    parser.add_argument("--only", default="", help="only the kinds whose name contains this")
    parser.add_argument("--quick", action="store_true", help="one build of every kind together")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    args = parser.parse_args()
    samples = Path(tempfile.mkdtemp(prefix="fazhi-samples-"))
    try:
        for path in Path(args.raw).iterdir():
            if path.is_file() and path.name != "corrections.csv":
                shutil.copy2(path, samples / path.name)
        return quick(samples) if args.quick else full(samples, args.only, args.markdown)
    finally:
        shutil.rmtree(samples, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
