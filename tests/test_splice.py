"""The incremental table stage (pipeline/increment.py, build._spliced): after adding, rewriting,
renaming or deleting reports, or editing corrections.csv or report_places.csv, a build spliced
from the previous output set writes byte for byte the files a full build of the same raw folder
writes — with conflicting reports, values from another year's report, running totals, outliers,
corrections and reviews in the folder — and a damaged, missing or foreign state or previous file
gives a full build, never a wrong one.

The stages are the small fakes of tests/fake_stages.py (a fake report states its place, year and
values); tests/test_incremental.py runs the real ones.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import build, cache, corrections, increment, outputs
from pipeline.corrections import Correction

pytestmark = pytest.mark.usefixtures("fake_pipeline")

FILES = (*build.OUTPUTS,)
JIA = "PLACE 甲市 110100 prefecture\n"
BING = "PLACE 丙县 110121 county\n"


def report(place: str, year: int, *facts: str) -> str:
    return place + f"YEAR {year}\n" + "".join(f"FACT {fact}\n" for fact in facts)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    files = {
        "a.txt": report(JIA, 2022, "review_accepted 120", "legal_aid_cases 45", "legal_aid_cases 900 cumulative"),
        "b.txt": report(JIA, 2022, "review_accepted 130"),  # disagrees with a.txt: no rule decides
        "c.txt": report(JIA, 2023, "legal_aid_cases 40 2022", "legal_aid_cases 52"),  # 2022 in passing
        "d1.txt": report(BING, 2019, "legal_aid_cases 40"),
        "d2.txt": report(BING, 2020, "legal_aid_cases 42"),
        "d3.txt": report(BING, 2021, "legal_aid_cases 41"),
        "d4.txt": report(BING, 2022, "legal_aid_cases 4000", "review_accepted 7"),  # an outlier
        "e.txt": "YEAR 2022\nFACT review_accepted 3\n",  # no place
        "f.txt": report("PLACE 戊市 120100 prefecture\n", 2022, "review_accepted 5"),
        "empty.txt": "",
    }
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    corrections.append(folder / "corrections.csv", Correction("丙县", 2021, "legal_aid_cases", "confirm", 41))
    corrections.append(folder / "corrections.csv", Correction("甲市", 2023, "legal_aid_cases", "set", 50, "笔误"))
    return folder


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which path each build took: 'spliced' or 'full'."""
    taken: list[str] = []
    for name, label in (("_spliced", "spliced"), ("_in_full", "full")):
        real = getattr(build, name)

        def spy(*args, _real=real, _label=label, **kwargs):
            taken.append(_label)
            return _real(*args, **kwargs)

        monkeypatch.setattr(build, name, spy)
    return taken


def files(out: Path) -> dict[str, bytes]:
    folder = outputs.current(out)
    return {name: (folder / name).read_bytes() for name in FILES}


SPLICED, FULL, FELL_BACK = ["spliced"], ["full"], ["spliced", "full"]


def check(raw: Path, out: Path, paths: list[str], change: Callable[[], None], expect: list[str] = SPLICED) -> None:
    """After `change`, a build of `out` takes the `expect`ed paths and writes what a full build writes."""
    change()
    paths.clear()
    result = build.build(raw, out)
    assert paths == expect
    fresh = out.parent / f"fresh{len(list(out.parent.iterdir()))}"
    fresh_result = build.build(raw, fresh)
    assert files(out) == files(fresh)
    assert (result.documents, result.rows, result.conflicts, result.cumulative) == (
        fresh_result.documents,
        fresh_result.rows,
        fresh_result.conflicts,
        fresh_result.cumulative,
    )


def write(path: Path, text: str) -> Callable[[], None]:
    return lambda: path.write_text(text, "utf-8")


def test_the_fixture_has_conflicts_totals_outliers_and_corrections(raw: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = build.build(raw, out)
    folder = outputs.current(out)
    assert result.cumulative == 1 and result.conflicts >= 1
    conflicts = (folder / "conflicts.csv").read_text("utf-8")
    assert "b.txt" in conflicts and "c.txt" in conflicts
    indicators = (folder / "indicators.csv").read_text("utf-8")
    assert "outlier" in indicators and "manual" in indicators and "confirmed" in indicators


def test_adding_rewriting_renaming_and_deleting_reports_splice_the_same_bytes(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)
    assert paths == ["full"]
    check(raw, out, paths, write(raw / "g.txt", report(JIA, 2022, "review_accepted 125", "legal_aid_cases 44")))
    check(raw, out, paths, write(raw / "b.txt", report(JIA, 2022, "review_accepted 120")))  # conflict gone
    check(raw, out, paths, write(raw / "b.txt", report(BING, 2023, "legal_aid_cases 43")))  # moved place
    check(raw, out, paths, lambda: (raw / "c.txt").unlink())
    check(raw, out, paths, lambda: (raw / "d4.txt").rename(raw / "0first.txt"))
    check(raw, out, paths, write(raw / "h.txt", report("PLACE 己县 100001 county\n", 2020, "legal_aid_cases 9")))
    check(raw, out, paths, write(raw / "i.txt", "EXPLODE"))  # a failed file: tried again every build
    check(raw, out, paths, write(raw / "j.txt", report(BING, 2023, "legal_aid_cases 44")))
    check(raw, out, paths, lambda: (raw / "e.txt").write_text("", "utf-8"))
    check(raw, out, paths, lambda: (raw / "sub").mkdir())  # listed, never read
    check(raw, out, paths, lambda: None)  # nothing changed


def test_editing_corrections_and_report_places_splices_the_same_bytes(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)
    log = raw / "corrections.csv"
    check(raw, out, paths, lambda: corrections.append(log, Correction("甲市", 2022, "review_accepted", "set", 125)))
    check(raw, out, paths, lambda: corrections.append(log, Correction("丙县", 2022, "legal_aid_cases", "reject")))
    check(raw, out, paths, lambda: corrections.append(log, Correction("丁市", 2022, "review_accepted", "set", 1)))
    check(raw, out, paths, lambda: corrections.append(log, Correction("甲市", 2022, "review_accepted", "withdraw")))
    check(raw, out, paths, lambda: corrections.append(log, Correction("120100", 2022, "review_accepted", "confirm")))
    check(raw, out, paths, lambda: log.unlink())
    places = raw / "report_places.csv"
    check(raw, out, paths, write(places, "source,jurisdiction,year,reason\ne.txt,丁市,2022,测试\n"))
    check(raw, out, paths, lambda: places.unlink())


def test_a_correction_follows_its_place_when_a_new_report_names_it_first(raw: Path, tmp_path: Path, paths):
    # two places of one name: a correction goes to the first report's place in file order
    (raw / "m.txt").write_text(report("PLACE 鼓楼区 320106 county\n", 2022, "review_accepted 8"), "utf-8")
    corrections.append(raw / "corrections.csv", Correction("鼓楼区", 2022, "review_accepted", "set", 9))
    out = tmp_path / "out"
    build.build(raw, out)
    check(raw, out, paths, write(raw / "0.txt", report("PLACE 鼓楼区 350102 county\n", 2022, "review_accepted 1")))
    assert "350102" in (outputs.current(out) / "corrections_applied.csv").read_text("utf-8")


def test_many_changes_build_in_full(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)

    def many() -> None:
        for i in range(40):
            (raw / f"n{i:02d}.txt").write_text(report(BING, 2000 + i % 20, f"legal_aid_cases {i + 1}"), "utf-8")

    check(raw, out, paths, many, FULL)


def damage_file(name: str) -> Callable[[Path], None]:
    def damage(out: Path) -> None:
        path = outputs.current(out) / name
        data = bytearray(path.read_bytes())
        data[-5] ^= 0x01
        path.write_bytes(bytes(data))

    return damage


def damage_kept_table(out: Path) -> None:
    for path in (out / cache.FOLDER).glob("table-*.arrow"):
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))


def remove_kept_table(out: Path) -> None:
    for path in (out / cache.FOLDER).glob("table-*.arrow"):
        path.unlink()


def damage_state(out: Path) -> None:
    for path in (out / cache.FOLDER).glob("table-*.pickle"):
        path.write_bytes(b"\x80\x05garbage")


def remove_state(out: Path) -> None:
    for path in (out / cache.FOLDER).glob("table-*.pickle"):
        path.unlink()


def remove_results(out: Path) -> None:
    for path in (out / cache.FOLDER).glob("results-*"):
        path.unlink()


@pytest.mark.parametrize(
    ("damage", "expect"),
    [
        (damage_file("indicators.csv"), FELL_BACK),
        (damage_file("documents.csv"), FELL_BACK),
        (damage_file("cumulative.csv"), FELL_BACK),
        (damage_file("indicators.parquet"), SPLICED),  # (never read: the table is kept as Arrow IPC)
        (damage_kept_table, FELL_BACK),
        (remove_kept_table, FELL_BACK),
        (damage_state, FULL),
        (remove_state, FULL),
    ],
)
def test_a_damaged_state_or_previous_file_gives_a_full_build(raw: Path, tmp_path: Path, paths, damage, expect):
    out = tmp_path / "out"
    build.build(raw, out)
    damage(out)
    check(raw, out, paths, write(raw / "g.txt", report(JIA, 2022, "review_accepted 125")), expect)
    check(raw, out, paths, write(raw / "k.txt", report(JIA, 2021, "review_accepted 99")))  # and splices again


def test_lost_results_are_read_again_where_a_place_is_made_again(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)
    remove_results(out)
    check(raw, out, paths, write(raw / "g.txt", report(JIA, 2022, "review_accepted 125")))


def test_a_state_of_another_output_set_is_not_used(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)
    state = next((out / cache.FOLDER).glob("table-*.pickle"))
    kept = state.read_bytes()
    (raw / "g.txt").write_text(report(JIA, 2022, "review_accepted 125"), "utf-8")
    build.build(raw, out)
    state.write_bytes(kept)  # describes the set before
    check(raw, out, paths, write(raw / "k.txt", report(JIA, 2021, "review_accepted 99")), FULL)


def test_a_copied_output_folder_without_state_builds_in_full(raw: Path, tmp_path: Path, paths):
    out = tmp_path / "out"
    build.build(raw, out)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy, symlinks=True)
    remove_state(copy)
    paths.clear()
    build.build(raw, copy)
    assert paths == ["full"]


def test_csv_lines_keep_a_line_break_inside_a_quoted_cell():
    import pandas as pd

    header, lines = increment.csv_lines(pd.DataFrame({"a": ["x\ny", 'q"\n"', "=1"], "b": [1, 2, 3]}))
    assert header == b"a,b\n"
    assert lines == [b'"x\ny",1\n', b'"q""\n""",2\n', b"'=1,3\n"]


def _every_kind_of_cell():
    import numpy as np
    import pandas as pd

    texts = ["x,y", 'say "hi"', "a\nb", "a\rb", "tab\there", "=SUM(A1)", "'quoted", "", None, "平安, 法治", " padded "]
    count = len(texts)
    return pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "value": [1686.0, 0.1 + 0.2, 1e16, 1e-05, -0.0, float("nan"), 123456789.125, 2.5, 99.9, 1e300, 7.0],
            "year": pd.Series([2022, None, 1949, 2100, 2023, 2024, 2025, 2026, 2027, 2028, 2029], dtype="Int64"),
            "start": np.arange(count, dtype="int64") - 3,
            "chosen": [i % 2 == 0 for i in range(count)],
            "note": pd.Series(["-1", "+1", "@x", "a,b", "", "x", "y", "z", None, "w", '"'], dtype="str"),
        }
    )


def test_csv_lines_made_in_arrow_are_the_bytes_pandas_writes():
    inert = outputs.inert_frame(_every_kind_of_cell())
    quick = increment._quick_csv_lines(inert)
    assert quick is not None and quick == increment._pandas_csv_lines(inert)
    empty = inert.iloc[:0]
    assert increment._quick_csv_lines(empty) == increment._pandas_csv_lines(empty) == (quick[0], [])


def test_csv_lines_of_an_unknown_dtype_or_one_column_are_written_by_pandas():
    frame = _every_kind_of_cell()
    for odd in (frame.astype({"text": object}), frame[["text"]]):
        inert = outputs.inert_frame(odd)
        assert increment._quick_csv_lines(inert) is None
        assert increment.csv_lines(odd) == increment._pandas_csv_lines(inert)
