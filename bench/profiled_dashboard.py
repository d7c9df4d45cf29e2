"""dashboard.py run under cProfile, for `bench/bench_dashboard.py --profile`.

AppTest runs a script in its own thread, so the bench cannot profile it from outside: this
wrapper profiles one script run of dashboard.py from inside that thread and adds the stats to
the file named by BENCH_PROFILE_OUT (pstats format, accumulated across runs) when
BENCH_PROFILE_ON is "1" (so warm-up runs are left out).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if os.environ.get("BENCH_PROFILE_ON") == "1":
    out = Path(os.environ["BENCH_PROFILE_OUT"])
    profile = cProfile.Profile()
    profile.enable()
    try:
        runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
    finally:
        profile.disable()
        stats = pstats.Stats(profile)
        if out.is_file():
            stats.add(str(out))
        stats.dump_stats(str(out))
else:
    runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
