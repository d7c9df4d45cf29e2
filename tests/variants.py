"""One report text in the file forms reports arrive in: encodings, an HTML page, DOCX, PDF.

Helpers for the ingest tests (not a test module). Each returns the file's bytes; tests write them
to a tmp dir or hand them to `read_bytes`.
"""

from __future__ import annotations

import html
import io
from functools import cache
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_NAMES = ("NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc")


def as_gbk(text: str) -> bytes:
    return text.encode("gbk")


def as_gb18030(text: str) -> bytes:
    return text.encode("gb18030")


def as_utf8(text: str) -> bytes:
    return text.encode("utf-8")


def as_utf8_bom(text: str) -> bytes:
    return text.encode("utf-8-sig")


def as_utf16(text: str) -> bytes:
    """UTF-16 with its BOM (what Windows Notepad calls "Unicode")."""
    return text.encode("utf-16")


def as_utf16_be(text: str) -> bytes:
    return b"\xfe\xff" + text.encode("utf-16-be")


def as_html(text: str, title: str, charset: str = "utf-8", pubdate: str = "") -> bytes:
    """A government-site-like page: nav menu, script, breadcrumb, the article div, a footer."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    meta_date = f'<meta name="PubDate" content="{pubdate}">' if pubdate else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{html.escape(title)}_某某市人民政府门户网站</title>{meta_date}
<script>var menu = "首页 政务公开 办事服务"; document.write("统计代码");</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<div class="top"><nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">办事服务</a></li></ul></nav></div>
<div class="location">当前位置:首页 &gt; 政务公开 &gt; 法治政府建设</div>
<div class="main">
  <div class="article-info">来源:某某市司法局</div>
  <div id="zoom" class="TRS_Editor">
{paragraphs}
  </div>
  <div class="share">分享到:微信 微博</div>
</div>
<footer>主办单位:某某市人民政府办公室 网站标识码 1234567890</footer>
<script>console.log("页脚脚本")</script>
</body></html>"""
    return page.encode(charset)


def as_docx(text: str, table: list[list[str]] | None = None) -> bytes:
    """One paragraph per line, then (optionally) a table."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cjk_font() -> Path:
    """A Noto CJK font file from Debian's fonts-noto-cjk."""
    for name in FONT_NAMES:
        if (FONT_DIR / name).is_file():
            return FONT_DIR / name
    found = sorted(FONT_DIR.glob("*CJK*")) if FONT_DIR.is_dir() else []
    if not found:
        raise FileNotFoundError(f"no Noto CJK font under {FONT_DIR} (apt install fonts-noto-cjk)")
    return found[0]


@cache
def as_pdf(text: str) -> bytes:
    """A text PDF (fpdf2 with a Noto CJK font), lines wrapped to the page width. Cached: font
    subsetting takes a few tenths of a second."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(cjk_font()))  # fpdf2 reads the first font of a .ttc
    pdf.set_font("noto", size=12)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def as_blank_pdf(pages: int = 1) -> bytes:
    """Pages with no text layer, like a scan whose images were left out."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted(pdf: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The PDF encrypted (RC4-128, which pypdf reads without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def printed_pdfs(texts: list[str]) -> list[bytes]:
    """Each text as a PDF printed by Debian's Chromium (one paragraph per line), the way an
    office "print to PDF" makes one. Long multi-page texts need this: fpdf2's CJK subsets
    come back scrambled from pypdf once a document uses more than a few hundred glyphs."""
    import html

    from playwright.sync_api import sync_playwright

    pdfs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for text in texts:
            body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
            page.set_content(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>")
            pdfs.append(page.pdf(format="A4"))
        browser.close()
    return pdfs
