"""Incremental and parallel builds (pipeline/cache.py, build._process_all): an unchanged report
is not read again, a changed or added one is, any change of code, rules or libraries throws the
cache away, and files spread over several worker processes give the same tables."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import build, cache
from pipeline.model import STATUS_TIMEOUT, Document, Location

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "raw").glob("*.txt"))


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for path in SAMPLES[:3]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files each build reads (not taken from the cache)."""
    names: list[str] = []
    real = build._run_parallel

    def recording(tasks):
        names.extend(path.name for path, _ in tasks)
        return real(tasks)

    monkeypatch.setattr(build, "_run_parallel", recording)
    return names


def _indicators(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "indicators.csv", dtype={"adcode": str})


def test_a_second_build_reads_nothing_and_writes_the_same_tables(raw: Path, tmp_path: Path, read: list[str]):
    out = tmp_path / "out"
    build.build(raw, out)
    first = _indicators(out)
    assert sorted(read) == sorted(p.name for p in SAMPLES[:3])
    read.clear()
    build.build(raw, out)
    assert read == []
    pd.testing.assert_frame_equal(_indicators(out), first)


def test_only_an_added_or_changed_report_is_read(raw: Path, tmp_path: Path, read: list[str]):
    out = tmp_path / "out"
    build.build(raw, out)
    read.clear()
    shutil.copy(SAMPLES[3], raw / SAMPLES[3].name)
    changed = raw / SAMPLES[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附件:无\n", encoding="utf-8")
    build.build(raw, out)
    assert sorted(read) == sorted([SAMPLES[3].name, SAMPLES[0].name])
    assert set(pd.read_csv(out / "documents.csv")["source"]) == {p.name for p in SAMPLES[:4]}


def test_a_touched_file_with_the_same_bytes_is_not_read_again(raw: Path, tmp_path: Path, read: list[str]):
    out = tmp_path / "out"
    build.build(raw, out)
    read.clear()
    os.utime(raw / SAMPLES[1].name, ns=(1, 1))
    build.build(raw, out)
    assert read == []


def test_a_new_version_of_code_rules_or_libraries_throws_the_cache_away(
    raw: Path, tmp_path: Path, read: list[str], monkeypatch: pytest.MonkeyPatch
):
    out = tmp_path / "out"
    build.build(raw, out)
    read.clear()
    monkeypatch.setattr(cache, "version", lambda: "another-version")
    build.build(raw, out)
    assert sorted(read) == sorted(p.name for p in SAMPLES[:3])
    names = sorted(p.name for p in (out / cache.FOLDER).glob("results-*"))
    assert names == ["results-another-version.index", "results-another-version.pack"]


def test_the_version_names_the_code_and_the_gazetteer():
    version = cache.version()
    assert len(version) == 16 and "opencc" in cache.LIBRARIES


def test_a_place_stated_for_one_file_reads_that_file_again(raw: Path, tmp_path: Path, read: list[str]):
    out = tmp_path / "out"
    build.build(raw, out)
    read.clear()
    (raw / "report_places.csv").write_text(
        f"source,jurisdiction,year,reason\n{SAMPLES[2].name},长春市,2022,测试\n", encoding="utf-8"
    )
    build.build(raw, out)
    assert read == [SAMPLES[2].name]


@pytest.mark.parametrize("damaged", ["index", "pack"])
def test_a_damaged_cache_is_ignored_and_rewritten(raw: Path, tmp_path: Path, read: list[str], damaged: str):
    out = tmp_path / "out"
    build.build(raw, out)
    first = (out / "indicators.csv").read_bytes()
    for path in (out / cache.FOLDER).glob(f"results-*.{damaged}"):
        path.write_bytes(b"not a pickle" * 3)
    for path in (out / cache.FOLDER).glob("table-*.pickle"):
        path.unlink()  # (with it, nothing changed needs no result at all)
    read.clear()
    build.build(raw, out)
    assert len(read) == 3
    assert (out / "indicators.csv").read_bytes() == first
    read.clear()
    build.build(raw, out)
    assert read == []


def test_a_result_is_read_only_when_asked_for_and_a_flipped_byte_is_not_trusted(tmp_path: Path):
    results = cache.ResultCache(tmp_path)
    for name in ("a", "b"):
        doc = Document(f"{name}.txt", f"{name}.txt", "text", "txt")
        results.put((name, None), (doc, Location(None, None, title=name * 50), []))
    results.save()
    again = cache.ResultCache(tmp_path)
    assert again.has(("a", None)) and not again.has(("c", None))
    assert again.get(("b", None))[1].title == "b" * 50
    offset, length, _ = again.entries[("a", None)]
    again.close()
    data = bytearray(again.pack.read_bytes())
    data[offset + length // 2] ^= 0xFF
    again.pack.write_bytes(bytes(data))
    third = cache.ResultCache(tmp_path)
    assert third.get(("a", None)) is None  # damaged: read from the raw file again
    assert third.get(("b", None))[1].title == "b" * 50


def test_the_pack_is_compacted_when_most_of_it_is_no_longer_used(tmp_path: Path):
    results = cache.ResultCache(tmp_path)
    for i in range(40):
        doc = Document(f"{i}.txt", f"{i}.txt", "", "txt", message="长" * 20000)
        results.put((str(i), None), (doc, Location(None, None), []))
    results.save()
    big = results.pack.stat().st_size
    again = cache.ResultCache(tmp_path)
    again.keep(("3", None))
    again.save()
    assert again.pack.stat().st_size < big / 10
    third = cache.ResultCache(tmp_path)
    assert list(third.entries) == [("3", None)]
    assert third.get(("3", None))[0].message == "长" * 20000


def test_a_stopped_file_is_not_kept(tmp_path: Path):
    results = cache.ResultCache(tmp_path)
    doc = Document("a.txt", "a.txt", "text", "txt", status=STATUS_TIMEOUT, message="超时")
    results.put(("digest", None), (doc, Location(None, None, status=STATUS_TIMEOUT), []))
    ok = Document("b.txt", "b.txt", "a long text", "txt")
    results.put(("other", None), (ok, Location(None, None), []))
    assert list(results.used) == [("other", None)]
    assert results.used[("other", None)][0].text == ""  # the text is not kept


def test_files_spread_over_workers_give_the_same_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in SAMPLES:
        shutil.copy(path, raw / path.name)
    monkeypatch.setenv(build.WORKERS_ENV, "1")
    build.build(raw, tmp_path / "one")
    monkeypatch.setenv(build.WORKERS_ENV, "3")
    seen: list[int] = []
    monkeypatch.setattr(build, "_pool", lambda tasks, count: seen.append(count) or real_pool(tasks, count))
    build.build(raw, tmp_path / "three")
    assert seen == [3]
    pd.testing.assert_frame_equal(_indicators(tmp_path / "one"), _indicators(tmp_path / "three"))
    one = pd.read_csv(tmp_path / "one" / "documents.csv")
    three = pd.read_csv(tmp_path / "three" / "documents.csv")
    pd.testing.assert_frame_equal(one, three)


real_pool = build._pool


REALTEXT = ROOT / "tests" / "realtext"


def _outputs(out: Path) -> dict[str, bytes]:
    from pipeline import outputs

    return {name: (outputs.current(out) / name).read_bytes() for name in build.OUTPUTS}


def _full_build_of(raw: Path, out: Path, fresh: Path) -> dict[str, bytes]:
    """What a full table stage writes for `raw` (with `out`'s cached results: only the table stage differs)."""
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(out / cache.FOLDER, fresh / cache.FOLDER)
    for path in (fresh / cache.FOLDER).glob("table-*.pickle"):
        path.unlink()
    build.build(raw, fresh)
    return _outputs(fresh)


def test_real_reports_spliced_after_changes_match_a_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from pipeline import corrections
    from pipeline.corrections import Correction

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for path in [*sorted((REALTEXT / "r1").glob("*.txt")), *SAMPLES]:
        shutil.copy(path, raw / path.name)
    build.build(raw, out)
    spliced: list[int] = []
    real = build._spliced
    monkeypatch.setattr(build, "_spliced", lambda *args: spliced.append(1) or real(*args))
    extra = sorted((REALTEXT / "r2").glob("*.txt"))
    first = sorted(raw.glob("*.txt"))[0]
    changes = [
        lambda: shutil.copy(extra[0], raw / extra[0].name),
        lambda: shutil.copy(extra[1], raw / "000_first.txt"),
        lambda: first.write_text(first.read_text(encoding="utf-8") + "\n全年受理行政复议案件12件。\n", "utf-8"),
        lambda: (raw / SAMPLES[1].name).unlink(),
        lambda: corrections.append(raw / "corrections.csv", Correction("长春市", 2022, "review_accepted", "set", 7)),
    ]
    for step, change in enumerate(changes):
        change()
        build.build(raw, out)
        assert len(spliced) == step + 1
        assert _outputs(out) == _full_build_of(raw, out, tmp_path / "fresh"), step


def test_a_file_ocr_may_read_goes_only_to_a_free_worker_and_first():
    tasks = [(Path(name), None) for name in ("a.pdf", "b.txt", "c.png", "d.txt")]
    take = build._taker(tasks)
    assert take(True)[1].name == "b.txt"  # behind a worker's current file: never a slow one
    assert take(False)[1].name == "a.pdf"  # a free worker: the slow files first
    assert take(False)[1].name == "c.png"
    assert take(True)[1].name == "d.txt"
    assert take(True) is None and take(False) is None
