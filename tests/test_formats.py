"""The less common forms reports arrive in (pipeline/formats.py, pipeline/pdf.py, pipeline/ocr.py):
old Word/WPS binaries, OFD, saved web pages, RTF, PDF tables and images read by OCR give the
same values as the DOCX/text form of the same mock report, and a missing reader is a Chinese
message, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest
import test_reports2
import variants
import wordbin
from mock_reports import Report, expected_rows, found_rows

from pipeline import formats, ingest, ocr
from pipeline.api import process_bytes
from pipeline.model import STATUS_NO_TEXT, STATUS_OK, STATUS_TOO_LARGE, STATUS_UNREADABLE

BY_NAME = {rep.name: rep for rep in test_reports2.REPORTS}
TABLED = [rep for rep in test_reports2.REPORTS if rep.table]
PLAIN = BY_NAME["suizhou_rates"]


def _table(rep: Report) -> list[list[str]]:
    return [list(row) for row in rep.table]


FORMS = {
    "ofd": lambda rep: variants.as_ofd(rep.text, _table(rep)),
    "rtf": lambda rep: variants.as_rtf(rep.text, _table(rep)),
    "mhtml": lambda rep: variants.as_mhtml(rep.text, rep.text.strip().splitlines()[0], _table(rep)),
    "pdf": lambda rep: variants.printed_pdf_with_table(rep.text, _table(rep)),
}


def _same_values(rep: Report, data: bytes, name: str):
    doc, loc, facts = process_bytes(data, name)
    assert doc.status == STATUS_OK, doc.message
    assert loc.place is not None and (loc.place.name, loc.year) == (rep.place[0], rep.year)
    assert found_rows(rep, facts) == expected_rows(rep)
    return doc, facts


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("rep", TABLED, ids=[rep.name for rep in TABLED])
def test_a_table_with_year_columns_gives_the_same_values_in_every_format(rep: Report, form: str):
    doc, _ = _same_values(rep, FORMS[form](rep), f"{rep.name}.{form}")
    header = [cell.strip() for cell in rep.table[0]]
    assert " | ".join(header) in doc.text  # read cell by cell, as a DOCX table is


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_old_word_or_wps_binary_gives_the_values_of_its_text(suffix: str):
    doc, _ = _same_values(PLAIN, wordbin.word97(PLAIN.text), "report" + suffix)
    assert doc.kind == "doc"


def test_an_old_word_binary_renamed_docx_is_still_read():
    _same_values(PLAIN, wordbin.word97(PLAIN.text), "report.docx")


def test_without_antiword_and_catdoc_a_doc_gets_a_chinese_message(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(formats.shutil, "which", lambda tool: None)
    doc = ingest.read_bytes(wordbin.word97(PLAIN.text), "report.doc")
    assert doc.status == STATUS_UNREADABLE and doc.text == ""
    assert "antiword" in doc.message and "另存为" in doc.message


def test_a_crashing_word_tool_falls_back_to_the_next(monkeypatch: pytest.MonkeyPatch):
    calls = []
    real = formats._run_word_tool

    def first_fails(tool: str, data: bytes):
        calls.append(tool)
        return None if tool == "antiword" else real(tool, data)

    monkeypatch.setattr(formats, "_run_word_tool", first_fails)
    _same_values(PLAIN, wordbin.word97(PLAIN.text), "report.doc")
    assert calls == ["antiword", "catdoc"]


def test_ofd_pages_are_read_in_order_and_their_starts_known():
    text = PLAIN.text.strip()
    doc, _ = _same_values(PLAIN, variants.as_ofd(text, lines_per_page=5), "report.ofd")
    assert len(doc.pages) == -(-len(text.split("\n")) // 5) and doc.pages[0] == 0
    assert list(doc.pages) == sorted(doc.pages)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_NS = b'xmlns:ofd="http://www.ofdspec.org/2016"'
HOSTILE_OFD = {
    "not a zip": b"PK\x03\x04broken",
    "zip without OFD.xml": _zip({"a.txt": b"x"}),
    "root outside the package": _zip(
        {
            "OFD.xml": b"<ofd:OFD "
            + _NS
            + b"><ofd:DocBody><ofd:DocRoot>../../etc/passwd</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        }
    ),
    "external entity": _zip(
        {"OFD.xml": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>'}
    ),
}


@pytest.mark.parametrize("label", HOSTILE_OFD)
def test_a_broken_or_hostile_ofd_gets_a_status_and_message(label: str):
    doc = ingest.read_bytes(HOSTILE_OFD[label], "bad.ofd")
    assert doc.status in (STATUS_NO_TEXT, STATUS_UNREADABLE) and doc.message and doc.text == ""
    assert "root:" not in doc.message


def test_an_ofd_that_inflates_past_its_limit_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(formats, "MAX_OFD_UNZIPPED", 100)
    doc = ingest.read_bytes(variants.as_ofd(PLAIN.text), "big.ofd")
    assert doc.status == STATUS_TOO_LARGE and "MB" in doc.message


def test_a_saved_page_in_its_own_charset_keeps_its_article():
    data = variants.as_mhtml(PLAIN.text, PLAIN.text.strip().splitlines()[0], charset="gb18030")
    doc, _ = _same_values(PLAIN, data, "page.mhtml")
    assert "统计代码" not in doc.text and "首页" not in doc.text  # scripts and menus left out


def test_an_mhtml_without_a_page_says_so():
    doc = ingest.read_bytes(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello", "x.mhtml")
    assert doc.status == STATUS_NO_TEXT and "网页" in doc.message


def test_an_image_is_read_by_ocr_and_its_values_marked():
    rep = PLAIN
    doc, facts = _same_values(rep, variants.as_png(rep.text), "scan.png")
    assert doc.ocr_pages == (1,) and "文字识别" in doc.message
    assert facts and all(ocr.SIGNAL in fact.signals for fact in facts)
    assert all("扫描件第1页" in fact.note or fact.start < 0 for fact in facts)


def test_without_the_ocr_package_scans_get_a_chinese_message(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    image = ingest.read_bytes(variants.as_png("某某县2023年"), "scan.png")
    assert image.status == STATUS_NO_TEXT and "rapidocr" in image.message
    scan = ingest.read_bytes(variants.as_scan("某某县人民政府2023年法治政府建设情况报告"), "scan.pdf")
    assert scan.status == STATUS_NO_TEXT and "rapidocr" in scan.message


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(100), b"not an image"], ids=["truncated", "text"])
def test_a_broken_image_is_unreadable(data: bytes):
    doc = ingest.read_bytes(data, "scan.jpg")
    assert doc.status == STATUS_UNREADABLE and "图片" in doc.message


def test_a_page_with_a_text_layer_is_never_ocrd(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ocr, "page_lines", lambda image: pytest.fail("OCR ran on a page with text"))
    doc = ingest.read_bytes(variants.printed_pdfs([PLAIN.text])[0], "text.pdf")
    assert doc.status == STATUS_OK and doc.ocr_pages == ()


def test_ocr_lines_keep_reading_order_and_table_cells():
    boxes = [
        ocr.Box(400, 100, 500, 130, "2023年"),
        ocr.Box(50, 100, 200, 130, "指标"),
        ocr.Box(50, 50, 700, 80, "全年共收到行政复议申请126件"),
        ocr.Box(50, 150, 300, 180, "收到行政复议申请(件)"),
        ocr.Box(400, 152, 460, 182, "126"),
    ]
    lines = [ocr._join(line) for line in ocr._visual_lines(boxes)]
    assert lines == ["全年共收到行政复议申请126件", "指标 | 2023年", "收到行政复议申请(件) | 126"]
