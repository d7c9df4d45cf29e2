"""Crafted hostile and broken raw entries (issue 9): generators shared by the tests and bench/faults.py.

Each `Kind` writes one entry into a raw folder and says what must become of it: refused with a
status and a Chinese message, or read ("ok") with some values that must be found and others
(the misreadings the kind invites) that must never appear. The good report they start from is
黄山市 2023, a place and year none of the shipped samples covers, so it never competes with them.
"""

from __future__ import annotations

import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BASE = """黄山市人民政府关于2023年法治政府建设情况的报告

2023年,在省委、省政府的坚强领导下,我市深入推进法治政府建设。现将有关情况报告如下。

一、行政复议工作
全年共收到行政复议申请320件,受理298件,审结285件。

二、行政应诉工作
行政机关负责人出庭应诉率达到100%。

黄山市人民政府
2024年1月15日
"""
RIGHT = {"review_received": 320.0, "review_accepted": 298.0}  # what a readable variant must keep


@dataclass(frozen=True)
class Kind:
    """One hostile entry: `make(folder)` writes it and returns its name as documents.csv shows it."""

    name: str
    make: Callable[[Path], str]
    expect: str = "refused"  # "refused": a status other than ok; "ok": read, `right` values kept
    right: dict[str, float] = field(default_factory=dict)
    wrong: frozenset[float] = frozenset()  # values this file must never yield


def _file(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / name).write_bytes(data() if callable(data) else data)
        return name

    return make


def _report(replace: tuple[str, str] = ("", ""), before: str = "", encoding: str = "utf-8") -> bytes:
    text = BASE.replace(*replace) if replace[0] else BASE
    return (text.replace("二、行政应诉工作", before + "二、行政应诉工作") if before else text).encode(encoding)


def _random(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _pdf(pages: int = 1, encrypt: bool = False) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx(paragraphs: list[str] = (), rows: int = 0, cols: int = 0) -> bytes:
    from docx import Document as Docx

    document = Docx()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=rows, cols=cols)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"{r}-{c}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def _article(extra: str = "") -> str:
    lines = BASE.strip().split("\n")
    return "<div class='content'>" + "".join(f"<p>{line}</p>" for line in lines) + extra + "</div>"


def _huge(folder: Path) -> str:
    with (folder / "huge.txt").open("wb") as handle:  # sparse: cheap on disk
        handle.truncate(21 * 1024 * 1024)
    return "huge.txt"


def _named(raw_name: bytes, shown: str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        (folder / os.fsdecode(raw_name)).write_bytes(_report())
        return shown

    return make


def _folder(folder: Path) -> str:
    (folder / "附件").mkdir()
    (folder / "附件" / "inner.txt").write_bytes(_report())
    return "附件"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def _broken_link(folder: Path) -> str:
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    return "gone.txt"


def _outside_link(folder: Path) -> str:
    secret = folder.parent / "outside-secret.txt"
    secret.write_bytes(_report(("320件", "999件")))
    (folder / "leak.txt").symlink_to(secret)
    return "leak.txt"


def _inside_link(folder: Path) -> str:
    (folder / "target.dat").write_bytes(_report())  # an unsupported name: only the link is read
    (folder / "alias.txt").symlink_to("target.dat")
    return "alias.txt"


def _zip_entries(count: int) -> bytes:
    return _zip({"word/document.xml": b"<w:document/>", **{f"x/{i}.xml": b"" for i in range(count)}})


def _docx_bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (41 * 1024 * 1024)})


QUADRATIC = "受理行政复议案件1件," * 24000  # 0.26 MB: one sentence, 24,000 figures
KINDS: tuple[Kind, ...] = (
    # ---- bytes and encodings
    Kind("empty file", _file("empty.txt", b"")),
    Kind("whitespace only", _file("blank.txt", b" \n\t\r\n   \n")),
    Kind("PNG named .txt", _file("picture.txt", lambda: b"\x89PNG\r\n\x1a\n" + _random(2000, 1))),
    Kind("random bytes .txt", _file("noise.txt", lambda: _random(5000, 2))),
    Kind("undecodable bytes", _file("mojibake.txt", bytes([0x81, 0x20, 0xFE, 0xFF, 0x80]) * 400)),
    Kind("UTF-16 without BOM", _file("utf16.txt", lambda: BASE.encode("utf-16-le"))),
    Kind("UTF-16 with BOM", _file("utf16bom.txt", lambda: BASE.encode("utf-16")), "ok", RIGHT),
    Kind("GBK report", _file("gbk.txt", lambda: _report(encoding="gbk")), "ok", RIGHT),
    Kind("GBK with a broken tail", _file("tail.txt", lambda: _report(encoding="gbk")[:-1]), "ok", RIGHT),
    Kind(
        "half UTF-8, half GBK",
        _file("mixed.txt", lambda: BASE[:60].encode() + BASE[60:].encode("gbk")),
        "ok",
        RIGHT,
    ),
    Kind("one NUL byte in a good report", _file("nul.txt", lambda: _report() + b"\x00\n"), "ok", RIGHT),
    Kind("NUL bytes throughout", _file("nuls.txt", b"\x00" * 4000)),
    Kind("control characters", _file("control.txt", ("\x00\x01\x02\u200b\u202e" * 500).encode())),
    Kind(
        "bidi override inside a figure",
        _file("bidi.txt", lambda: _report(("申请320件", "申请32\u202e0件"))),
        "ok",
        {"review_received": 320.0},
        frozenset({0.0, 32.0}),
    ),
    Kind(
        "zero-width space inside a figure",
        _file("zwsp.txt", lambda: _report(("受理298件", "受理2\u200b98件"))),
        "ok",
        {"review_accepted": 298.0},
        frozenset({2.0, 98.0}),
    ),
    Kind(
        "exponent 1e308件",
        _file("exp.txt", lambda: _report(("受理298件", "受理1e308件"))),
        "ok",
        {},
        frozenset({308.0}),
    ),
    Kind(
        "negative count",
        _file("negcount.txt", lambda: _report(("受理298件", "受理-298件"))),
        "ok",
        {},
        frozenset({298.0}),
    ),
    Kind(
        "negative rate -50%",
        _file("negrate.txt", lambda: _report(("达到100%", "达到-50%"))),
        "ok",
        {},
        frozenset({50.0}),
    ),
    Kind(
        "minus sign −12.5%",
        _file("minus.txt", lambda: _report(("达到100%", "达到−12.5%"))),
        "ok",
        {},
        frozenset({12.5}),
    ),
    Kind("百分之一千", _file("pct.txt", lambda: _report(("达到100%", "达到百分之一千"))), "ok", {}, frozenset({1.0})),
    Kind(
        "5,000 digits in a figure",
        _file("digits.txt", lambda: _report(("受理298件", "受理" + "9" * 5000 + "件"))),
        "ok",
    ),
    Kind("formula text in a report", _file("formula.txt", lambda: b"=cmd|' /C calc'!A0\n" + _report()), "ok", RIGHT),
    Kind(
        "HTML and script in a text report",
        _file("script.txt", lambda: _report(("全年", "<script>alert(1)</script>全年"))),
        "ok",
    ),
    Kind(
        "Markdown in the title", _file("md.txt", lambda: _report(("黄山市人民政府", "**黄山市**人民政府"))), "ok", RIGHT
    ),
    Kind("report year 2099", _file("y2099.txt", lambda: _report(("2023", "2099")).replace(b"2024", b"2100"))),
    Kind("report year 1990", _file("y1990.txt", lambda: _report(("2023", "1990")).replace(b"2024", b"1991"))),
    Kind(
        "no jurisdiction", _file("noplace.txt", "关于2023年法治政府建设情况的报告\n全年受理行政复议案件12件。".encode())
    ),
    Kind("no year", _file("noyear.txt", "黄山市法治政府建设情况\n我市受理行政复议案件12件。".encode())),
    Kind(
        "ambiguous place name", _file("ambiguous.txt", "朝阳区2022年法治政府建设情况报告\n受理复议案件12件。".encode())
    ),
    # ---- work that used to grow without bound
    Kind(
        "0.26 MB sentence of 24,000 figures",
        _file("quadratic.txt", lambda: _report(before=QUADRATIC + "\n")),
        "ok",
        RIGHT,
    ),
    Kind(
        "1 MB line without punctuation",
        _file("longline.txt", lambda: _report(before="法治" * 500_000 + "\n")),
        "ok",
        RIGHT,
    ),
    Kind(
        "sentences of 150 figures each",
        _file("crowded.txt", lambda: _report(before=("12件、" * 150 + "。") * 300)),
        "ok",
        RIGHT,
    ),
    Kind("2.5 million characters", _file("chars.txt", lambda: _report(before="法治建设。" * 500_000))),
    Kind("21 MB file", _huge),
    Kind("100,000 opening brackets", _file("brackets.txt", lambda: _report(before="(" * 100_000 + "\n")), "ok"),
    Kind("200,000 blank lines", _file("newlines.txt", lambda: _report(before="\n" * 200_000)), "ok", RIGHT),
    Kind("unsupported suffix", _file("table.xls", lambda: b"\xd0\xcf\x11\xe0" + _random(1000, 3))),
    Kind("no suffix", _file("README", lambda: _report())),
    Kind("old Word .doc", _file("old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _random(1000, 4))),
    # ---- HTML
    Kind(
        "HTML with only menus and scripts",
        _file("menu.html", _html("<nav>首页 | 新闻</nav><footer>版权所有</footer>", "<script>var a=1;</script>")),
    ),
    Kind("deeply nested HTML", _file("nested.html", ("<div>" * 5000 + "文字" + "</div>" * 5000).encode())),
    Kind(
        "HTML with script injection",
        _file("inject.html", lambda: _html(_article("<script>alert(1)</script>"))),
        "ok",
        RIGHT,
    ),
    Kind(
        "HTML with 20,000 sibling candidate blocks",
        _file(
            "siblings.html", lambda: _html("".join(f"<div class='content'>全市法治建设{i}</div>" for i in range(20000)))
        ),
        "any",
    ),
    Kind(
        "HTML with 20,000 blocks in one table cell",
        _file(
            "cell.html", lambda: _html("<table><tr><td>" + "<p>全市法治政府建设工作</p>" * 20000 + "</td></tr></table>")
        ),
        "any",
    ),
    Kind(
        "HTML table 500 x 200",
        _file(
            "wide.html", lambda: _html(_article("<table>" + ("<tr>" + "<td>1</td>" * 200 + "</tr>") * 500 + "</table>"))
        ),
        "ok",
        RIGHT,
    ),
    Kind(
        "HTML with 20,000 comments", _file("comments.html", lambda: _html(_article("<!-- x -->" * 20000))), "ok", RIGHT
    ),
    Kind(
        "HTML with 5,000 scripts",
        _file("scripts.html", lambda: _html(_article("<script>x()</script>" * 5000))),
        "ok",
        RIGHT,
    ),
    Kind(
        "HTML declaring GBK, written in UTF-8",
        _file("charset.html", lambda: _html(_article(), "<meta charset='gbk'>")),
        "ok",
        RIGHT,
    ),
    Kind("HTML of unclosed tags", _file("unclosed.html", lambda: ("<p><b><i><font>" * 3000 + BASE).encode()), "any"),
    # ---- PDF
    Kind("image-only PDF", _file("scan.pdf", lambda: _pdf())),
    Kind("encrypted PDF", _file("locked.pdf", lambda: _pdf(encrypt=True))),
    Kind("truncated PDF", _file("cut.pdf", lambda: _pdf()[:120])),
    Kind("text named .pdf", _file("fake.pdf", lambda: _report())),
    Kind("PDF of 600 blank pages", _file("pages.pdf", lambda: _pdf(600))),
    # ---- DOCX
    Kind("corrupt DOCX", _file("broken.docx", lambda: b"PK\x03\x04" + _random(3000, 5))),
    Kind("zip that is not a DOCX", _file("other.docx", lambda: _zip({"hello.txt": b"hi"}))),
    Kind("DOCX with no text", _file("blank.docx", lambda: _docx())),
    Kind("DOCX inflating to 41 MB of XML", _file("bomb.docx", _docx_bomb)),
    Kind("DOCX of 6,000 zip entries", _file("entries.docx", lambda: _zip_entries(6000))),
    Kind(
        "DOCX with a 1,500-row table",
        _file("bigtable.docx", lambda: _docx(BASE.strip().split("\n"), rows=1500, cols=8)),
        "ok",
        RIGHT,
    ),
    # ---- entries of the raw folder
    Kind("GBK bytes in the file name", _named("黄山报告".encode("gbk") + b".txt", "黄山报告.txt"), "ok", RIGHT),
    Kind("undecodable bytes in the file name", _named(b"\xff\xfe\xfd.txt", "\\xff\\xfe\\xfd.txt"), "ok", RIGHT),
    Kind("Markdown in the file name", _file("[点此](mailto:x) **黄山**.txt", lambda: _report()), "ok", RIGHT),
    Kind("line break in the file name", _file("黄山\n报告.txt", lambda: _report()), "ok", RIGHT),
    Kind("file name of 240 bytes", _file("黄" * 78 + ".txt", lambda: _report()), "ok", RIGHT),
    Kind("folder in raw", _folder),
    Kind("FIFO in raw", _fifo),
    Kind("broken link", _broken_link),
    Kind("link out of raw", _outside_link, "refused", {}, frozenset({999.0})),
    Kind("link to another file of raw", _inside_link, "ok", RIGHT),
)


def write_all(folder: Path, kinds: tuple[Kind, ...] = KINDS) -> dict[str, Kind]:
    """Write every kind into `folder`; shown name -> kind. Kinds whose reports are readable
    describe the same place and year, so in one folder only the refusals are checked."""
    return {kind.make(folder): kind for kind in kinds}
