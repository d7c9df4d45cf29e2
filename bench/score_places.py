"""Place and year per document on the real-phrasing batches (tests/realtext/rN).

Reads each batch's .txt files the way a build does (ingest), runs `locate` on them and compares
the place and year with the batch's places.csv. Prints right counts per batch and every failure.
A place is right when the adcode matches the gold name's only place (or the gold is 中华人民共和国
and the result is national). A year is right when equal. Run from the repository root:

    python bench/score_places.py            # r1..r5 (every batch present)
    python bench/score_places.py r4 r5      # some batches
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import regions  # noqa: E402
from pipeline.ingest import read_document  # noqa: E402
from pipeline.locate import locate  # noqa: E402

BATCHES = ROOT / "tests" / "realtext"
SHARED_MAX = 2  # a gold name shared by more places than this within its province stays unscorable


def gold_provinces(folder: Path) -> dict[str, str]:
    """The province of each document's gold rows: it settles a shared name (朝阳区 of 北京市)."""
    with (folder / "gold.csv").open(encoding="utf-8") as handle:
        return {row["doc"]: row["province"] for row in csv.DictReader(handle)}


def gold_adcodes(name: str, province: str) -> set[str]:
    """The adcodes the gold name may denote: one, or (a district name shared within the
    province, such as 山西's two 城区, that places.csv cannot tell apart) each of them."""
    if name.isdigit():  # places.csv may give the adcode of a shared name
        return {name}
    found = regions.lookup(name)
    if len(found) > 1 and province:
        found = [p for p in found if p.province == province or p.name == province]
    return {p.adcode for p in found} if 0 < len(found) <= SHARED_MAX else {f"?{name}"}


def score_batch(batch: str) -> tuple[int, int, int, list[str]]:
    folder = BATCHES / batch
    rows = list(csv.DictReader((folder / "places.csv").open(encoding="utf-8")))
    provinces = gold_provinces(folder)
    place_ok = year_ok = 0
    failures: list[str] = []
    for row in rows:
        doc = read_document(folder / row["doc"])
        loc = locate(doc)
        want = gold_adcodes(row["jurisdiction"], provinces.get(row["doc"], ""))
        got = loc.place.adcode if loc.place else ""
        p_ok = got in want
        y_ok = loc.year == int(row["year"])
        place_ok += p_ok
        year_ok += y_ok
        if not (p_ok and y_ok):
            name = f"{loc.place.name}({got})" if loc.place else f"-[{loc.status}]"
            marks = ("" if p_ok else "PLACE ") + ("" if y_ok else "YEAR")
            want_text = f"{row['jurisdiction']} {row['year']}"
            failures.append(f"  {batch}/{row['doc']}: {marks.strip()} got {name} {loc.year}; want {want_text}")
    return len(rows), place_ok, year_ok, failures


def main(argv: list[str]) -> int:
    batches = argv or sorted(p.name for p in BATCHES.iterdir() if (p / "places.csv").exists())
    total = [0, 0, 0]
    for batch in batches:
        n, place_ok, year_ok, failures = score_batch(batch)
        total = [total[0] + n, total[1] + place_ok, total[2] + year_ok]
        print(f"{batch}: {n} docs, place right {place_ok}/{n}, year right {year_ok}/{n}")
        print("\n".join(failures)) if failures else None
    n, p, y = total
    print(f"all: {n} docs, place right {p}/{n} ({p / n:.0%}), year right {y}/{n} ({y / n:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
