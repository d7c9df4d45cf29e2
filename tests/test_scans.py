"""The five sample reports as image-only scans (printed to PDF, rasterised at 150 dpi, put back
into a PDF with no text layer) go through OCR and the whole build: at least 90% of their gold
values and nothing wrong, scored by the project's scorer.

The slowest test file (OCR of ~35 pages): one build, shared by every test here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import variants

from pipeline import api

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
# ../shared beside the checkout (CI) or beside the folder of worktrees (a helper's worktree)
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent)
GOLD = [SHARED / "gold" / name for name in ("seeds.csv", "traps.csv", "ambiguous.csv")]
SCORER = SHARED / "tools" / "score_extraction.py"
SAMPLES = sorted(RAW.glob("*.txt"))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The processed folder of a build over the five samples as scans."""
    raw = tmp_path_factory.mktemp("scans")
    for path in SAMPLES:
        (raw / f"{path.stem}.pdf").write_bytes(variants.as_scan(path.read_text(encoding="utf-8")))
    out = raw.parent / "scans_out"
    api.build(raw, out)
    return out


def test_the_scans_give_nine_in_ten_gold_values_and_nothing_wrong(scanned: Path, tmp_path: Path):
    table = pd.read_csv(scanned / "indicators.csv", dtype={"adcode": str})
    table["source"] = table["source"].str.replace(r"\.pdf$", ".txt", regex=True)  # the gold names the text files
    table.to_csv(tmp_path / "scanned.csv", index=False)
    run = subprocess.run(
        [sys.executable, str(SCORER), str(tmp_path / "scanned.csv"), *map(str, GOLD)]
        + ["--min-recall", "0.9", "--min-precision", "1"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_documents_say_how_many_pages_were_read_by_ocr(scanned: Path):
    documents = pd.read_csv(scanned / "documents.csv").set_index("source")
    assert sorted(documents.index) == sorted(f"{p.stem}.pdf" for p in SAMPLES)
    assert (documents["status"] == "ok").all()
    assert (documents["ocr_pages"] >= 1).all()
    assert documents["message"].str.contains("文字识别").all()


def test_every_scanned_value_names_its_page(scanned: Path):
    table = pd.read_csv(scanned / "indicators.csv")
    reported = table[table["method"] == "reported"]
    assert len(reported) and reported["note"].str.contains(r"扫描件第\d+页").all()
