"""One report text in the file forms reports arrive in: encodings, an HTML page, DOCX, PDF.

Helpers for the ingest tests (not a test module). Each returns the file's bytes; tests write them
to a tmp dir or hand them to `read_bytes`.
"""

from __future__ import annotations

import html
import io
import zipfile
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


def as_scan(text: str, dpi: int = 150) -> bytes:
    """An image-only PDF of the text, like a scan of its print: the text PDF (fpdf2, Noto CJK)
    rasterised page by page (pypdfium2, grayscale) and the images put into a new PDF (Pillow),
    so no text layer survives."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(as_pdf(text))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return buffer.getvalue()


def _html_table(table: list[list[str]] | None) -> str:
    if not table:
        return ""
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table)
    return f'<table border="1" cellspacing="0" cellpadding="4">{rows}</table>'


def printed_pdf_with_table(text: str, table: list[list[str]]) -> bytes:
    """The text and a ruled table after it, printed to PDF by Debian's Chromium (as an office
    suite prints a report with a table of figures)."""
    from playwright.sync_api import sync_playwright

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n")) + _html_table(table)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>")
        pdf = page.pdf(format="A4")
        browser.close()
    return pdf


def as_mhtml(text: str, title: str, table: list[list[str]] | None = None, charset: str = "gb2312") -> bytes:
    """A page saved by a browser as one .mhtml file: multipart/related, the page quoted-printable
    in its own charset, an image part beside it."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = as_html(text, title, charset="utf-8").decode("utf-8")
    end_of_article = '  </div>\n  <div class="share">'
    page = page.replace(end_of_article, _html_table(table) + end_of_article)
    page = page.replace('charset="utf-8"', f'charset="{charset}"')
    message = MIMEMultipart("related", type="text/html")
    message["Subject"] = title
    message["Snapshot-Content-Location"] = "http://www.example.gov.cn/art/2024/1/report.html"
    part = MIMEText(page, "html", charset)
    part["Content-Location"] = "http://www.example.gov.cn/art/2024/1/report.html"
    message.attach(part)
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    return message.as_bytes()


def _rtf_escape(text: str) -> str:
    """Text as RTF in code page 936: ASCII as is, every other character as its GBK bytes (\\'hh)."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            out.append("".join(f"\\'{byte:02x}" for byte in char.encode("gbk")))
    return "".join(out)


def as_rtf(text: str, table: list[list[str]] | None = None) -> bytes:
    """An RTF file as Word/WPS save one for Chinese text (\\ansicpg936), with an optional table."""
    parts = [r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}\f0\fs24 "]
    parts += [_rtf_escape(line) + r"\par " for line in text.split("\n")]
    for row in table or []:
        cells = "".join(rf"\cellx{2000 * (i + 1)}" for i in range(len(row)))
        parts.append(r"\trowd" + cells + " " + "".join(_rtf_escape(c) + r"\cell " for c in row) + r"\row ")
    parts.append("}")
    return "".join(parts).encode("ascii")


OFD_NS = "http://www.ofdspec.org/2016"


def as_ofd(text: str, table: list[list[str]] | None = None, lines_per_page: int = 40) -> bytes:
    """An OFD package (GB/T 33190) as a government e-document system writes one: OFD.xml, a
    Document.xml listing the pages, and each page's Content.xml with one text object per line
    (positions in mm). A table's cells are text objects side by side on one line."""
    from xml.sax.saxutils import escape

    rows: list[list[str]] = [[line] for line in text.split("\n")] + [list(r) for r in table or []]
    pages = [rows[i : i + lines_per_page] for i in range(0, len(rows), lines_per_page)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_list = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
            f"</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        for number, page in enumerate(pages):
            objects = []
            for line, cells in enumerate(page):
                for column, cell in enumerate(cells):
                    x, y, width = 20 + 70 * column, 20 + 6.5 * line, 4.2 * len(cell)
                    objects.append(
                        f'<ofd:TextObject ID="{number}{line}{column}" Boundary="{x} {y} {width} 6" Font="1" Size="4.2">'
                        f'<ofd:TextCode X="0" Y="4.5">{escape(cell)}</ofd:TextCode></ofd:TextObject>'
                    )
            archive.writestr(
                f"Doc_0/Pages/Page_{number}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
                f'<ofd:Layer ID="1">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return buffer.getvalue()


def as_png(text: str, width: int = 1240, size: int = 25) -> bytes:
    """A PNG image of the text (a photographed or scanned page), lines wrapped to the width."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(cjk_font()), size)
    per_line = (width - 120) // size
    lines = [part[i : i + per_line] for part in text.split("\n") for i in range(0, max(len(part), 1), per_line)]
    image = Image.new("L", (width, 120 + len(lines) * int(size * 1.8)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((60, 60 + number * int(size * 1.8)), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
