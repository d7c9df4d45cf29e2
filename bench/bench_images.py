"""Slide images and decks, measured: time and size of 1920×1080 PNG/SVG renders and of a PPTX deck.

    python bench/bench_images.py [processed folder, default tests/fixtures/processed]

Prints the first render (kaleido starting its browser), the warm renders, and a 6-slide deck,
each with its size, plus the ratio warm/first. Needs a local Chromium (kaleido).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import figures, frames, slides  # noqa: E402
from app.data import typed  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "processed"
    table = typed(pd.read_csv(folder / "indicators.csv", dtype={"adcode": str}))[0]
    indicator = table["indicator"].value_counts().index[0]
    rows = frames.select(table, indicator=indicator)
    year = int(rows["year"].max())
    name, unit, _ = frames.indicator_info(table, indicator)
    bar = figures.compare_bar(rows[rows["year"] == year], name=name, unit=unit, year=year, slide=True)
    trend = figures.trend_lines(rows, name=name, unit=unit, slide=True)

    started = time.perf_counter()
    first = figures.to_image(bar, "png")
    cold = time.perf_counter() - started
    print(f"first PNG (kaleido starts): {cold:.2f} s, {len(first):,} bytes")
    timings = []
    for fig, fmt in ((bar, "png"), (bar, "svg"), (trend, "png"), (trend, "svg")):
        started = time.perf_counter()
        data = figures.to_image(fig, fmt)
        timings.append(time.perf_counter() - started)
        print(f"warm {fmt.upper()}: {timings[-1]:.2f} s, {len(data):,} bytes")
    started = time.perf_counter()
    images = [figures.to_image(fig, "png") for fig in (bar, trend) * 3]
    deck = slides.deck(
        [slides.Slide(f"第 {i + 1} 张", image, notes=slides.evidence_notes(rows)) for i, image in enumerate(images)]
    )
    print(f"6-slide deck: {time.perf_counter() - started:.2f} s, {len(deck):,} bytes")
    print(f"ratio warm/first image: {sum(timings) / len(timings) / cold:.2f}")


if __name__ == "__main__":
    main()
