"""PDF pages beyond the plain text layer: tables read cell by cell, scanned pages read by OCR.

Owns: deciding, page by page, how a PDF page is read once ingest has its text layer (pypdf):
  - a page with ruled tables (pdfplumber's table finder) is read again with pdfplumber, its
    tables as rows of cells joined by " | " (the row format DOCX and HTML tables get, which
    the extractor reads under a header naming years) and the text around them in place;
  - a page without a text layer (a scan) is rendered (pypdfium2, RENDER_DPI, bounded in
    pixels) and read by OCR (pipeline.ocr), within the document's OCR budget;
and where each page starts in the document's final text (`page_starts`), so a value's page
can be named.

Must never: run OCR on a page that has a text layer, normalise or unwrap text (ingest does,
once, over the whole document), or raise for a bad page (that page keeps its text layer).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from pipeline import ocr

logger = logging.getLogger(__name__)

MIN_PAGE_CHARS = 5  # fewer visible characters than this (a page number at most): no text layer
TABLE_SCAN_PAGES = 200  # pages checked for ruled tables; later pages keep their plain text layer
_PAGE_NUMBER = re.compile(r"[-—–\s]*(?:第?\s*\d{1,4}\s*页?(?:\s*共\s*\d{1,4}\s*页)?)?[-—–\s]*")

MSG_OCR_MISSING = (
    "这是扫描件/图片 PDF,没有文字层,需要文字识别(OCR),但本机没有安装识别组件 rapidocr-onnxruntime。"
    "请管理员运行 pip install -r requirements.txt 后重新生成;或提供文字版。"
)
MSG_OCR_NOTE = "其中 {pages} 页是扫描页,已做文字识别(OCR),识别可能有误,请对照原文核对数值。"
MSG_OCR_PARTIAL = "扫描页过多或识别超时,只识别了 {done} 页,另有 {skipped} 页未识别。"


@dataclass
class Pages:
    """Each page's text, and what was done beyond the text layer."""

    texts: list[str]
    ocr: list[int] = field(default_factory=list)  # 1-based numbers of the pages read by OCR
    skipped: int = 0  # scanned pages left unread (budget spent)
    missing_engine: bool = False

    def note(self) -> str:
        parts = [MSG_OCR_NOTE.format(pages=len(self.ocr))] if self.ocr else []
        if self.skipped:
            parts.append(MSG_OCR_PARTIAL.format(done=len(self.ocr), skipped=self.skipped))
        return "".join(parts)


def complete(data: bytes, texts: list[str]) -> Pages:
    """The pages of the PDF `data` whose text layer pypdf read as `texts`, with tables read
    cell by cell and pages without a text layer read by OCR."""
    pages = Pages(list(texts))
    _read_tables(data, pages)
    scanned = [number for number, text in enumerate(pages.texts) if not has_text_layer(text)]
    if scanned:
        _read_scans(data, scanned, pages)
    return pages


def has_text_layer(text: str) -> bool:
    """False for a page whose text layer is empty or a page number at most (a scan)."""
    body = text.strip()
    return not _PAGE_NUMBER.fullmatch(body) and len(re.sub(r"\s", "", body)) >= MIN_PAGE_CHARS


# ---------------------------------------------------------------- tables


def _read_tables(data: bytes, pages: Pages) -> None:
    """Pages with ruled tables read again by pdfplumber (rows as "a | b | c")."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns per glyph about odd fonts
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as document:
            for number, page in enumerate(document.pages[:TABLE_SCAN_PAGES]):
                if number < len(pages.texts) and has_text_layer(pages.texts[number]) and _ruled(page):
                    text = _page_with_tables(page)
                    if text:
                        pages.texts[number] = text
    except Exception:  # noqa: BLE001 - pdfminer raises anything on odd files; the text layer stays
        logger.debug("PDF table reading failed", exc_info=True)


def _ruled(page) -> bool:  # noqa: ANN001 - a pdfplumber Page
    """Cheap check before the table finder: a ruled table draws at least a few lines or rects."""
    return len(page.lines) + len(page.rects) >= 4


def _page_with_tables(page) -> str:  # noqa: ANN001 - a pdfplumber Page
    """The page's lines top to bottom, each table row as one line of cells joined by " | "."""
    tables = [table for table in page.find_tables() if table.rows and len(table.rows[0].cells) >= 2]
    if not tables:
        return ""
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = [(line["top"], line["text"]) for line in outside.extract_text_lines()]
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
            lines.append((row.bbox[1], " | ".join(_cell(cell) for cell in cells)))
    return "\n".join(text for _, text in sorted(lines, key=lambda pair: pair[0]))


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in boxes)


def _cell(text: str | None) -> str:
    """A cell's text on one line; a merged cell's repeats are empty."""
    return re.sub(r"\s*\n\s*", "", text or "").replace("|", "/")


# ---------------------------------------------------------------- scans


def _read_scans(data: bytes, numbers: list[int], pages: Pages) -> None:
    if not ocr.available():
        pages.missing_engine = True
        return
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    budget = ocr.Budget()
    try:
        for number in numbers:
            if not budget.allows():
                pages.skipped += 1
                continue
            lines = _ocr_page(document[number])
            budget.spend()
            if lines is not None:
                pages.texts[number] = "\n".join(lines)
                pages.ocr.append(number + 1)
    finally:
        document.close()


def _ocr_page(page) -> list[str] | None:  # noqa: ANN001 - a pypdfium2 PdfPage
    """The page's OCR lines; None for a blank page (nothing drawn on it) or a page that fails."""
    try:
        if not len(list(page.get_objects(max_depth=1))):
            return None
        width, height = page.get_size()
        scale = min(ocr.RENDER_DPI / 72, (ocr.MAX_PIXELS / max(1.0, width * height)) ** 0.5)
        image = page.render(scale=scale, grayscale=True).to_pil()
        return ocr.page_lines(image)
    except ocr.OcrUnavailable:
        raise
    except Exception:  # noqa: BLE001 - one page that fails to render must not lose the others
        logger.debug("OCR of a PDF page failed", exc_info=True)
        return None


# ---------------------------------------------------------------- page offsets


def page_starts(text: str, page_texts: list[str], normalise) -> tuple[int, ...]:  # noqa: ANN001 - text -> text
    """Where each page starts in the document's final `text` (built from `page_texts` by
    normalising and unwrapping, which only drops line breaks and page-number lines): the
    offset of each page's first line of substance, searched after the previous page's start."""
    starts: list[int] = []
    position = 0
    for page in page_texts:
        anchor = _anchor(normalise(page))
        found = text.find(anchor, position) if anchor else -1
        position = found if found >= 0 else position
        starts.append(position)
    return tuple(starts)


def _anchor(page: str) -> str:
    for line in page.split("\n"):
        line = line.strip()
        if len(line) >= 4 and not _PAGE_NUMBER.fullmatch(line):
            return line[:12]
    return ""
