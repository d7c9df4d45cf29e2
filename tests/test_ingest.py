"""Specification of `pipeline.ingest`: any file a user brings -> one Document, never an exception.

Readable reports come out as the same normalised text whatever their form (encoding, HTML page,
DOCX, PDF); everything else comes out with a status and a Chinese message that says what to do.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ingest
from pipeline.ingest import normalise_text, read_bytes, read_document, unwrap_lines
from pipeline.model import (
    STATUS_BINARY,
    STATUS_EMPTY,
    STATUS_NO_TEXT,
    STATUS_OK,
    STATUS_TOO_LARGE,
    STATUS_UNREADABLE,
    STATUS_UNSUPPORTED,
    Document,
)

sys.path.insert(0, str(Path(__file__).parent))
import variants  # noqa: E402 - a helper beside the tests, not an installed package

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
INGEST_STATUSES = {
    STATUS_OK,
    STATUS_EMPTY,
    STATUS_BINARY,
    STATUS_UNREADABLE,
    STATUS_UNSUPPORTED,
    STATUS_TOO_LARGE,
    STATUS_NO_TEXT,
}

TITLE = "某某市2023年度法治政府建设情况报告"
BODY = """一、行政复议和行政应诉
2023年,全市共收到行政复议申请1,234件,同比增长12.5%,依法受理1,102件,审结1,087件,纠错率为8.6%。
行政机关负责人出庭应诉率达到100%,全年办理行政应诉案件356件,败诉率同比下降2.1个百分点。
二、严格规范公正文明执法
全市各级行政执法机关共办理行政处罚案件2.3万件,罚没款4,567.8万元;开展“双随机、一公开”抽查1,800余次。"""
REPORT = f"{TITLE}\n{BODY}"


def squeezed(text: str) -> str:
    """Text without any whitespace: line wrapping and paragraph gaps do not count."""
    return re.sub(r"\s+", "", text)


def assert_explained(doc: Document, status: str) -> None:
    """A failed document: the status, no text, and a Chinese message with a next step ("请…")."""
    assert doc.status == status, doc.message
    assert doc.text == ""
    assert re.search(r"[\u4e00-\u9fff]", doc.message) and "请" in doc.message, doc.message


# ---------------------------------------------------------------- the shipped samples


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_every_sample_report_reads_as_ok_text(path: Path):
    doc = read_document(path)
    assert (doc.status, doc.kind, doc.source, doc.path) == (STATUS_OK, "txt", path.name, str(path))
    assert len(doc.text) > 1000
    assert not re.search(r"[\u2e80-\u2eff\u2f00-\u2fdf]", doc.text)  # no radical look-alikes left
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_sample_text_is_never_longer_than_the_file():
    # extract's evidence offsets point into doc.text; tests compare them with the raw text length
    for path in RAW.glob("*.txt"):
        assert len(read_document(path).text) <= len(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- encodings


ENCODINGS = [
    ("utf-8", variants.as_utf8, ".txt"),
    ("utf-8 with BOM", variants.as_utf8_bom, ".txt"),
    ("utf-16 with BOM", variants.as_utf16, ".txt"),
    ("utf-16-be with BOM", variants.as_utf16_be, ".md"),
    ("gbk", variants.as_gbk, ".txt"),
    ("gb18030", variants.as_gb18030, ".md"),
]


@pytest.mark.parametrize(("label", "encode", "suffix"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_each_encoding_reads_back_the_same_text(tmp_path: Path, label: str, encode, suffix: str):
    path = tmp_path / f"report{suffix}"
    path.write_bytes(encode(REPORT))
    doc = read_document(path)
    assert doc.status == STATUS_OK, doc.message
    assert doc.text == normalise_text(REPORT)
    assert doc.text.splitlines()[0] == TITLE


def test_a_utf8_file_cut_inside_its_last_character_still_reads():
    doc = read_bytes(REPORT.encode("utf-8")[:-1], "cut.txt")
    assert doc.status == STATUS_OK and doc.text == normalise_text(REPORT)[:-1]


def test_big5_is_left_to_the_charset_detector_and_still_reads():
    text = "法治政府建設情況報告:全市共收到行政復議申請一千件,同比增長百分之十。" * 3
    doc = read_bytes(text.encode("big5"), "big5.txt")
    assert doc.status == STATUS_OK and doc.text == normalise_text(text)


# ---------------------------------------------------------------- HTML


def test_html_keeps_title_publication_date_and_article_but_not_menus_or_scripts():
    page = variants.as_html(BODY, TITLE, pubdate="2024-01-15 09:30:00")
    doc = read_bytes(page, "page.html")
    assert doc.status == STATUS_OK and doc.kind == "html"
    lines = doc.text.splitlines()
    assert lines[:2] == [TITLE, "发布时间:2024-01-15"]
    assert squeezed(normalise_text(BODY)) in squeezed(doc.text)
    for noise in ("政务公开", "办事服务", "统计代码", "页脚脚本", "主办单位", "分享到", "color"):
        assert noise not in doc.text


def test_html_paragraphs_stay_lines():
    doc = read_bytes(variants.as_html(BODY, TITLE), "page.htm")
    assert [line for line in doc.text.splitlines() if line] == [TITLE, *normalise_text(BODY).splitlines()]


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "utf-8"])
def test_html_honours_its_meta_charset(charset: str):
    doc = read_bytes(variants.as_html(BODY, TITLE, charset=charset), "page.html")
    assert doc.status == STATUS_OK and squeezed(normalise_text(BODY)) in squeezed(doc.text)


def test_html_publication_date_from_the_page_info_bar_when_no_meta():
    page = f"""<html><head><meta charset="utf-8"><title>{TITLE}_某某市司法局</title></head><body>
    <div class="info">发布时间:2021-01-07 来源:某某市司法局</div>
    <div class="TRS_Editor"><p>{BODY.splitlines()[1]}</p></div></body></html>""".encode()
    assert read_bytes(page, "p.html").text.splitlines()[:2] == [TITLE, "发布时间:2021-01-07"]


def test_html_title_and_date_already_in_the_article_are_not_repeated():
    page = f"""<html><head><title>{TITLE}</title><meta name="PubDate" content="2021-01-07"></head><body>
    <article><h1>{TITLE}</h1><p>发布时间:2021-01-07</p><p>{BODY.splitlines()[1]}</p></article>
    </body></html>""".encode()
    text = read_bytes(page, "p.html").text
    assert text.count(TITLE) == 1 and text.count("2021-01-07") == 1


def test_html_title_is_not_the_site_logo_heading():
    page = f"""<html><head><title>{TITLE}_某某市人民政府</title></head><body>
    <header><h1>某某市人民政府</h1></header><div class="content"><p>{BODY}</p></div></body></html>""".encode()
    assert read_bytes(page, "p.html").text.splitlines()[0] == TITLE


def test_html_picks_the_innermost_container_with_the_article():
    page = f"""<html><body><div id="main"><div class="list">相关链接:关于印发某某办法的通知</div>
    <div id="content"><p>{BODY}</p></div></div></body></html>""".encode()
    text = read_bytes(page, "p.html").text
    assert "相关链接" not in text and squeezed(normalise_text(BODY)) in squeezed(text)


def test_a_deeply_nested_page_still_gives_its_text():
    page = b"<html><body>" + b"<div>" * 5000 + "正文内容".encode() + b"</div>" * 5000 + b"</body></html>"
    doc = read_bytes(page, "deep.html")
    assert doc.status == STATUS_OK and doc.text == "正文内容"


# ---------------------------------------------------------------- DOCX and PDF


def test_docx_paragraphs_and_table_cells_in_order():
    data = variants.as_docx(REPORT, table=[["指标", "2023年"], ["行政复议申请", "1,234件"]])
    doc = read_bytes(data, "report.docx")
    assert doc.status == STATUS_OK and doc.kind == "docx"
    assert doc.text.splitlines() == [*normalise_text(REPORT).splitlines(), "指标 | 2023年", "行政复议申请 | 1,234件"]


def test_html_table_rows_are_lines_with_cells_apart():
    page = (
        "<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>主要指标</p>"
        "<table><tr><th>指标</th><th>2023年</th></tr>"
        "<tr><td><p>受理行政复议案件(件)</p></td><td>61</td></tr></table></div></body></html>"
    )
    doc = read_bytes(page.encode(), "page.html")
    lines = [line for line in doc.text.splitlines() if line.strip()]
    assert lines[-2:] == ["指标 | 2023年", "受理行政复议案件(件) | 61"]


def test_pdf_text_layer_equals_the_original_text():
    doc = read_bytes(variants.as_pdf(REPORT), "report.pdf")
    assert doc.status == STATUS_OK and doc.kind == "pdf"
    assert squeezed(doc.text) == squeezed(normalise_text(REPORT))


def test_pdf_rejoins_wrapped_chinese_lines_but_keeps_the_title_line():
    lines = read_bytes(variants.as_pdf(REPORT), "report.pdf").text.splitlines()
    assert lines[0] == TITLE
    assert lines[2] == normalise_text(BODY.splitlines()[1])  # wrapped over two PDF lines


def test_a_long_caption_line_above_a_table_of_one_cell_per_line_is_not_joined_to_its_first_cell():
    # a printed report: the caption and the footer are as wide as the text and end without punctuation, but a
    # table written one cell per line starts below each, so neither goes on into the cell after it
    text = "\n".join(
        [
            "某县人民政府关于2023年度法治政府建设情况的报告正文第一段文字较长",
            "表1 2023年与2022年主要法治数据对比情况一览表中的数据",
            "项目",
            "2023年",
            "2022年",
            "行政复议收到申请(件)",
            "96",
            "88",
            "某县人民政府办公室 2024年1月30日印发的文件页脚",
            "败诉(件)",
            "3",
            "5",
        ]
    )
    lines = unwrap_lines(text, wrapped=True).splitlines()
    assert "项目" in lines and "败诉(件)" in lines
    assert lines[lines.index("项目") - 1].endswith("一览表中的数据")


def test_a_sentence_broken_before_a_short_last_part_is_still_joined():
    body = "2023年,我县坚持依法行政,全县法治政府建设取得了新的进展。"
    broken = "全年全县各级人民调解组织和行业性专业性调解组织共调解矛盾纠纷"
    text = "\n".join([body, broken, "2684件。", body, body])
    assert unwrap_lines(text, wrapped=True).splitlines()[1] == broken + "2684件。"


def test_pdf_with_an_owner_password_only_opens():
    doc = read_bytes(variants.encrypted(variants.as_pdf(REPORT), user_password=""), "open.pdf")
    assert doc.status == STATUS_OK and squeezed(doc.text) == squeezed(normalise_text(REPORT))


# ---------------------------------------------------------------- normalisation


NORMALISED = [
    (
        "radical look-alikes",
        "⻓春市⺠政局,⻛险,⻔户,⻢上,⻅效,⻚码,⻋辆,⻩⻬⻰⻥",
        "长春市民政局,风险,门户,马上,见效,页码,车辆,黄齐龙鱼",
    ),
    ("the meat radical drawn as 月", "12⺼31日", "12月31日"),
    ("Kangxi radicals by NFKC", "⼀⼆⼈⽉⽇⾏", "一二人月日行"),
    ("full-width digits and punctuation", "共１，２３４件（同比增长１２．５％）：", "共1,234件(同比增长12.5%):"),
    ("non-breaking and ideographic spaces", "2023年\u00a0全市\u3000共 1 件", "2023年全市共1件"),
    ("zero-width and soft hyphen", "行\u200b政\u200c复\u200d议\ufeff申\u00ad请", "行政复议申请"),
    ("Windows and old Mac newlines", "第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"),
    ("one space between CJK characters", "全 市 共 收 到", "全市共收到"),
    (
        "spaces next to Chinese go, between digits and Latin stay",
        "收到 1,234 件 GDP 增长 1 234",
        "收到1,234件 GDP 增长1 234",
    ),
    ("space runs and tabs collapse", "共\t\t12 件   GDP  2023", "共12件 GDP 2023"),
    ("any gap between CJK characters goes", "区县 \t 数量", "区县数量"),
    ("line-end spaces and blank-line runs", "  第一行  \n\n\n\n  第二行  ", "第一行\n\n第二行"),
    ("circled numbers are not digits", "①行政复议;②行政诉讼,面积100㎡", "①行政复议;②行政诉讼,面积100㎡"),
    ("control characters dropped", "行政\x00复议\x07申请", "行政复议申请"),
]


@pytest.mark.parametrize(("label", "raw", "expected"), NORMALISED, ids=[n[0] for n in NORMALISED])
def test_normalise_text(label: str, raw: str, expected: str):
    assert normalise_text(raw) == expected
    assert normalise_text(expected) == expected  # idempotent


def test_every_radical_in_the_data_file_maps_to_one_ordinary_character():
    table = ingest.radicals()
    assert len(table) >= 40
    for code, replacement in table.items():
        assert 0x2E80 <= code <= 0x2EFF and len(replacement) == 1 and 0x4E00 <= ord(replacement) <= 0x9FFF


def test_normalisation_applies_to_every_kind():
    text = "⻓春市２０２３年 收到行政复议申请１２３件"
    expected = "长春市2023年收到行政复议申请123件"
    assert read_bytes(text.encode(), "a.txt").text == expected
    assert read_bytes(variants.as_docx(text), "a.docx").text == expected
    assert expected in read_bytes(variants.as_html(text, "标题"), "a.html").text.splitlines()


# ---------------------------------------------------------------- files that cannot be read


def _corrupt_zip_docx() -> bytes:
    data = variants.as_docx(REPORT)
    return data[: len(data) // 2]


def _zip_without_word_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"

FAILURES = [
    ("empty file", b"", "empty.txt", STATUS_EMPTY, "空"),
    ("only whitespace", " \r\n\t\u3000\u00a0\n".encode(), "blank.txt", STATUS_EMPTY, "空"),
    ("empty html", b"", "blank.html", STATUS_EMPTY, "空"),
    ("PNG named .txt", PNG, "picture.txt", STATUS_BINARY, "PNG"),
    ("PDF named .txt", variants.as_blank_pdf(), "report.txt", STATUS_BINARY, "PDF"),
    ("undecodable bytes", bytes(range(0x80, 0x100)) * 4, "garbled.txt", STATUS_UNREADABLE, "编码"),
    ("latin-1 text", "résumé très détaillé à propos".encode("latin-1"), "fr.txt", STATUS_UNREADABLE, "编码"),
    (
        "html with only a menu",
        "<html><body><nav>首页 新闻</nav><script>var a;</script></body></html>".encode(),
        "menu.html",
        STATUS_NO_TEXT,
        "正文",
    ),
    ("truncated docx", _corrupt_zip_docx(), "cut.docx", STATUS_UNREADABLE, "损坏"),
    ("xlsx renamed .docx", _zip_without_word_document(), "table.docx", STATUS_UNREADABLE, "Word"),
    ("old .doc renamed .docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old.docx", STATUS_UNREADABLE, ".doc"),
    ("text renamed .docx", REPORT.encode(), "text.docx", STATUS_BINARY, "改名"),
    ("truncated pdf", variants.as_pdf(REPORT)[:300], "cut.pdf", STATUS_UNREADABLE, "损坏"),
    ("error page saved as .pdf", b"<html><body>404 Not Found</body></html>", "report.pdf", STATUS_BINARY, "网页"),
    ("scanned pdf", variants.as_blank_pdf(pages=2), "scan.pdf", STATUS_NO_TEXT, "OCR"),
    (
        "encrypted pdf",
        variants.encrypted(variants.as_pdf(REPORT), user_password="secret"),
        "locked.pdf",
        STATUS_NO_TEXT,
        "密码",
    ),
    ("unsupported suffix", REPORT.encode(), "report.xlsx", STATUS_UNSUPPORTED, ".docx"),
    ("broken .doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "report.doc", STATUS_UNREADABLE, "另存为"),
    ("text renamed .doc", REPORT.encode(), "report.doc", STATUS_BINARY, "改名"),
    ("no suffix", REPORT.encode(), "README", STATUS_UNSUPPORTED, "无扩展名"),
]


@pytest.mark.parametrize(("label", "data", "name", "status", "hint"), FAILURES, ids=[f[0] for f in FAILURES])
def test_unreadable_input_gets_a_status_and_a_chinese_message(label, data, name, status, hint):
    doc = read_bytes(data, name)
    assert_explained(doc, status)
    assert hint in doc.message
    assert doc.source == name


def test_too_large_bytes_are_not_parsed():
    assert_explained(read_bytes(REPORT.encode(), "big.txt", max_bytes=10), STATUS_TOO_LARGE)


def test_too_large_file_is_refused_before_reading(tmp_path: Path, monkeypatch):
    path = tmp_path / "big.pdf"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    doc = read_document(path, max_bytes=99)
    assert_explained(doc, STATUS_TOO_LARGE)
    assert (doc.source, doc.path, doc.kind, doc.sha256) == ("big.pdf", str(path), "pdf", "")


def test_a_file_larger_than_its_size_said_is_read_to_the_end_or_refused(tmp_path: Path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_text(REPORT, "utf-8")
    real = ingest.os.fstat
    # the size looked up before reading says 10 bytes: the file grew meanwhile
    monkeypatch.setattr(ingest.os, "fstat", lambda fd: os.stat_result((*real(fd)[:6], 10, *real(fd)[7:10])))
    assert read_document(path).text == normalise_text(REPORT)
    assert_explained(read_document(path, max_bytes=20), STATUS_TOO_LARGE)


def test_unsupported_file_is_refused_without_reading(tmp_path: Path):
    path = tmp_path / "report.xls"
    path.write_bytes(b"whatever")
    doc = read_document(path)
    assert_explained(doc, STATUS_UNSUPPORTED)
    assert doc.kind == "xls"


@pytest.mark.parametrize("make", [lambda tmp: tmp / "missing.txt", lambda tmp: tmp], ids=["missing", "folder"])
def test_a_path_that_cannot_be_read_is_unreadable(tmp_path: Path, make):
    assert_explained(read_document(make(tmp_path)), STATUS_UNREADABLE)


def test_a_docx_that_inflates_too_far_is_refused(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_DOCX_UNZIPPED", 1000)  # stands in for a zip bomb's 200 MB
    assert_explained(read_bytes(variants.as_docx(REPORT), "bomb.docx"), STATUS_TOO_LARGE)


def test_a_word_document_without_text_has_no_text():
    assert_explained(read_bytes(variants.as_docx(""), "blank.docx"), STATUS_NO_TEXT)


# ---------------------------------------------------------------- names, hashes, robustness


@pytest.mark.parametrize("name", ["../../etc/x.txt", "C:\\Users\\me\\Desktop\\x.txt", "/tmp/up/x.txt", "x.txt"])
def test_read_bytes_keeps_only_the_base_name(name: str):
    doc = read_bytes(REPORT.encode(), name)
    assert doc.source == "x.txt" and doc.status == STATUS_OK


def test_kinds_and_hash():
    assert read_bytes(REPORT.encode(), "a.MD").kind == "txt"
    assert read_bytes(variants.as_html(BODY, TITLE), "a.HTM").kind == "html"
    assert read_bytes(b"abc", "a.txt").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_reading_a_file_does_not_change_it(tmp_path: Path):
    path = tmp_path / "report.html"
    path.write_bytes(variants.as_html(BODY, TITLE))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_document(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=4000),
        st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]).flatmap(
            lambda head: st.binary(max_size=3000).map(lambda tail: head + tail)
        ),
    ),
    suffix=st.sampled_from(ingest.SUPPORTED + (".doc", "")),
)
def test_random_bytes_never_raise(data: bytes, suffix: str):
    doc = read_bytes(data, "random" + suffix)
    assert isinstance(doc, Document) and doc.status in INGEST_STATUSES
    assert doc.status == STATUS_OK or (doc.text == "" and doc.message)


WRAPPED = (
    "某某县人民政府关于2023年法治政府建设情况的报告\n"
    "一、主要成效\n"
    "2023年,全县坚持依法行政,持续推进法治政府建设,全年共收到行政复议申\n"
    "请126件,依法受理118件,审结110件,行政机关负责人出庭应诉率达到百分\n"
    "之百,各项工作取得新进展,人民群众的法治获得感和满意度不断提升。\n"
    "二、存在问题\n"
    "一是法治宣传的针对性还需增强,部分乡镇法治工作力量薄弱,基层执法人员\n"
    "\n"
    "— 3 —\n"
    "\n"
    "的素质有待提高。\n"
    "指标 | 2023年\n"
)


def test_plain_text_copied_out_of_a_pdf_is_rejoined_across_page_numbers():
    lines = read_bytes(WRAPPED.encode(), "copied.txt").text.splitlines()
    joined = (
        "2023年,全县坚持依法行政,持续推进法治政府建设,全年共收到行政复议申请126件,依法受理118件,"
        "审结110件,行政机关负责人出庭应诉率达到百分之百,各项工作取得新进展,"
        "人民群众的法治获得感和满意度不断提升。"
    )
    assert joined in lines
    assert "一是法治宣传的针对性还需增强,部分乡镇法治工作力量薄弱,基层执法人员的素质有待提高。" in lines
    assert {"一、主要成效", "二、存在问题", "指标 | 2023年"} <= set(lines)
    assert not any("— 3 —" in line for line in lines)


def test_text_with_ordinary_paragraphs_is_left_as_it_is():
    text = "某某县2023年法治政府建设情况报告\n全县受理行政复议案件118件。\n审结110件。\n出庭应诉率100%。\n"
    assert read_bytes(text.encode(), "plain.txt").text == normalise_text(text)
