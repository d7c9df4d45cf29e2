"""Specification of bounded work: each file is processed in a worker under a time and memory
budget, so a file that hangs, grows without end or kills its process becomes a status and the
build goes on; the upload preview runs under the same budget; and the limits checked before the
work (text size, sentence length and figures per sentence, report year) hold.

Fake stages (tests/fake_stages.py: SLEEP, HOG, DIE) stand for hostile files; tests never assert
timings (bench/faults.py measures them).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from pipeline import api, bounds
from pipeline.model import Document, Location
from pipeline.worker import Budget, Worker, process_bytes_bounded, process_file_bounded, tasks_of

GOOD = "PLACE 甲市 110100 prefecture\nYEAR 2022\nFACT review_accepted 120\n"
QUICK = Budget(seconds=2, memory=300 * 2**20)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, "utf-8")
    return folder


@pytest.mark.usefixtures("fake_pipeline")
def test_a_file_that_hangs_is_stopped_with_a_status(tmp_path: Path):
    (tmp_path / "slow.txt").write_text("SLEEP", "utf-8")
    doc, loc, facts = process_file_bounded(tmp_path / "slow.txt", QUICK)
    assert doc.status == "timeout" and "时间上限" in doc.message and facts == []


@pytest.mark.usefixtures("fake_pipeline")
def test_a_file_that_grows_without_end_is_stopped_with_a_status(tmp_path: Path):
    (tmp_path / "hog.txt").write_text("HOG", "utf-8")
    doc, _, _ = process_file_bounded(tmp_path / "hog.txt", QUICK)
    assert doc.status == "out_of_memory" and "内存" in doc.message


@pytest.mark.usefixtures("fake_pipeline")
def test_a_file_that_kills_its_process_gets_a_status(tmp_path: Path):
    (tmp_path / "die.txt").write_text("DIE", "utf-8")
    doc, _, _ = process_file_bounded(tmp_path / "die.txt", QUICK)
    assert doc.status == "error" and "意外退出" in doc.message


@pytest.mark.usefixtures("fake_pipeline")
def test_a_worker_goes_on_after_a_stopped_file(tmp_path: Path):
    (tmp_path / "slow.txt").write_text("SLEEP", "utf-8")
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    with Worker(QUICK) as worker:
        stopped = worker.process_file(tmp_path / "slow.txt")
        done = worker.process_file(tmp_path / "a.txt")
    assert stopped.stopped == "timeout"
    assert done.stopped == "" and done.processed[2][0].value == 120


@pytest.mark.usefixtures("fake_pipeline")
def test_files_queued_behind_a_stopped_one_go_to_the_restarted_worker(tmp_path: Path):
    (tmp_path / "slow.txt").write_text("SLEEP", "utf-8")
    (tmp_path / "die.txt").write_text("DIE", "utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, "utf-8")
    names = ["a.txt", "slow.txt", "b.txt", "die.txt", "c.txt"]
    with Worker(QUICK) as worker:
        outcomes = list(worker.process_files(tasks_of((n, tmp_path / n, None) for n in names), ahead=3))
    assert [key for key, _ in outcomes] == names
    stopped = {key: outcome.stopped for key, outcome in outcomes}
    assert stopped == {"a.txt": "", "slow.txt": "timeout", "b.txt": "", "die.txt": "crashed", "c.txt": ""}
    assert all(o.processed[2][0].value == 120 for key, o in outcomes if key in ("a.txt", "b.txt", "c.txt"))


@pytest.mark.usefixtures("fake_pipeline")
def test_a_build_worker_sends_its_results_back_without_the_text(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    with Worker(QUICK) as worker:
        [(_, lean)] = worker.process_files(tasks_of([("a", tmp_path / "a.txt", None)]), keep_text=False)
        full = worker.process_file(tmp_path / "a.txt")
    assert lean.processed[0].text == "" and full.processed[0].text == GOOD
    assert lean.processed[0].sha256 == full.processed[0].sha256
    assert lean.processed[1:] == full.processed[1:]
    # … pickled as the build's cache keeps it, so the parent need not pickle it again
    assert pickle.loads(lean.pickled) == lean.processed and isinstance(lean.processed[2], list)
    assert full.pickled == b""


@pytest.mark.usefixtures("fake_pipeline")
def test_a_build_with_a_hanging_file_finishes_with_the_others_values(raw: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("FAZHI_FILE_SECONDS", "2")
    (raw / "slow.txt").write_text("SLEEP", "utf-8")
    result = api.build(raw, tmp_path / "out")
    assert result.documents == {"ok": 1, "timeout": 1} and result.rows == 1


@pytest.mark.usefixtures("fake_pipeline")
def test_the_upload_preview_runs_under_the_budget(monkeypatch):
    monkeypatch.setenv("FAZHI_FILE_SECONDS", "2")
    doc, _, _ = api.preview(b"SLEEP", "slow.txt")
    assert doc.status == "timeout"


@pytest.mark.usefixtures("fake_pipeline")
def test_a_bounded_preview_reads_a_good_file():
    doc, loc, facts = process_bytes_bounded(GOOD.encode(), "a.txt", QUICK)
    assert doc.status == "ok" and loc.place.name == "甲市" and [f.value for f in facts] == [120]


# ---------------------------------------------------------------- limits checked before the work


def test_overlong_sentences_are_blanked_in_place():
    long = "受理行政复议案件1件," * 400 + "。"
    text = "一、概况\n全年受理行政复议案件12件。" + long + "审结10件。"
    bounded, blanked = bounds.bounded_text(text)
    assert blanked == 1 and len(bounded) == len(text)
    assert bounded.replace(" ", "") == "一、概况\n全年受理行政复议案件12件。。审结10件。"


def test_a_sentence_crowded_with_figures_is_blanked():
    crowded = "、".join(f"{i}件" for i in range(1, 150)) + "。"  # under the length cap, over the figures cap
    assert len(crowded) < bounds.MAX_SENTENCE_CHARS
    assert bounds.bounded_text(crowded)[1] == 1


def test_ordinary_sentences_are_handed_on_unchanged():
    text = "全年共收到行政复议申请320件,受理298件,审结285件;行政机关负责人出庭应诉率达到100%。\n"
    assert bounds.bounded_text(text) == (text, 0)


def test_a_text_of_millions_of_characters_is_refused():
    doc = Document("big.txt", "big.txt", "字" * (bounds.MAX_TEXT_CHARS + 1), "txt")
    refused = bounds.text_problem(doc)
    assert refused.status == "too_large" and refused.text == "" and "字的上限" in refused.message


@pytest.mark.parametrize("year", [2099, 1999, 1990])
def test_an_implausible_report_year_is_refused(year: int):
    loc = bounds.checked_year(Location(None, year))
    assert loc.status == "bad_year" and str(year) in loc.message


def test_this_years_report_is_accepted():
    assert bounds.checked_year(Location(None, bounds.last_year())).status == "ok"


def test_a_real_report_for_2099_is_refused_in_the_build(tmp_path: Path):
    from tests.conftest import HUANGSHAN_2023

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_text(HUANGSHAN_2023.replace("2023", "2099").replace("2024", "2100"), "utf-8")
    result = api.build(tmp_path / "raw", tmp_path / "out")
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert result.rows == 0 and docs["status"].tolist() == ["bad_year"]


def test_the_quadratic_sentence_case_finishes_and_keeps_the_report(tmp_path: Path):
    from tests.conftest import HUANGSHAN_2023

    hostile = HUANGSHAN_2023.replace("二、行政应诉工作", "受理行政复议案件1件," * 3000 + "\n二、行政应诉工作")
    doc, loc, facts = api.process_bytes(hostile.encode(), "q.txt")
    assert loc.status == "ok" and "过长" in loc.message
    assert {f.indicator: f.value for f in facts}["review_received"] == 320


# ---------------------------------------------------------------- linear HTML, bounded DOCX


def test_many_sibling_blocks_are_read_without_scanning_siblings(monkeypatch):
    from bs4.element import Tag

    from pipeline.ingest import read_bytes

    scans = []
    real = Tag.index
    monkeypatch.setattr(Tag, "index", lambda self, element: scans.append(1) or real(self, element))
    blocks = "".join(f"<p>全市法治政府建设工作第{i}项<br>落实</p><script>x()</script>" for i in range(2000))
    article = f"{blocks}<nav>首页</nav><p>共收到行政复议申请320件。</p>"
    page = f"<html><body><div class='content'>{article}</div></body></html>"
    doc = read_bytes(page.encode(), "x.html")
    assert doc.status == "ok" and "320件" in doc.text and "首页" not in doc.text
    assert len(scans) < 10  # bs4's insert_before/replace_with/extract scan siblings: quadratic on such pages


def test_a_docx_whose_text_parts_inflate_past_the_limit_is_refused_before_parsing(monkeypatch):
    import io
    import zipfile

    from pipeline import ingest

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (ingest.MAX_DOCX_XML + 1))
    monkeypatch.setattr("docx.Document", lambda *a: pytest.fail("python-docx must not be reached"))
    doc = ingest.read_bytes(buffer.getvalue(), "bomb.docx")
    assert doc.status == "too_large" and "MB" in doc.message


def test_a_document_of_many_heavy_sentences_keeps_its_light_ones():
    heavy = ("受理" + "、".join(f"{i}件" for i in range(40)) + "。") * 1000  # each sentence passes alone
    text = "全年共收到行政复议申请320件。\n" + heavy + "\n审结285件。"
    bounded, blanked = bounds.bounded_text(text)
    assert 0 < blanked < 1000 and len(bounded) == len(text)
    assert bounded.startswith("全年共收到行政复议申请320件。") and bounded.endswith("审结285件。")
