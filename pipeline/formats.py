"""Readers for the less common forms reports arrive in: old Word/WPS binaries, OFD, saved web
pages (MHTML), RTF and images (scans).

Owns, for each format, bytes -> (text, status, message[, extra Document fields]):
  - .doc / .wps (OLE Word binary, as old Word and Kingsoft WPS save it): Debian's `antiword`,
    else `catdoc`, run on a private temporary copy with a time limit;
  - .ofd (GB/T 33190, the national fixed-layout format): a small reader of the standard's
    zip of XML files (OFD.xml -> Document.xml -> each page's Content.xml), text objects put in
    reading order by their positions. PyPI has no widely used, maintained OFD parser; the
    format is an open standard and its text layer is plain XML, so lxml is enough;
  - .mhtml / .mht (a browser's "save page as single file"): the stdlib MIME parser finds the
    HTML part, which then goes the HTML path of ingest;
  - .rtf: striprtf, in the code page the file declares (\\ansicpg936 for Chinese);
  - .png / .jpg / .tif: OCR of each image (every frame of a TIFF), pipeline.ocr.
Where a reader is missing, the file gets a clear Chinese message and a status, never a crash.

Must never: write anywhere but a private temporary file that is removed, run a program through
a shell, normalise text differently from ingest (it uses ingest's `normalise_text`), or guess
places, years or values.
"""

from __future__ import annotations

import email
import email.policy
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import PurePosixPath

from pipeline import ingest, ocr
from pipeline.model import STATUS_BINARY, STATUS_NO_TEXT, STATUS_TOO_LARGE, STATUS_UNREADABLE

logger = logging.getLogger(__name__)

WORD_SECONDS = 30  # antiword/catdoc read a report in well under a second
MAX_OFD_UNZIPPED = 200 * 1024 * 1024
MAX_OFD_PAGES = 500

MSG_DOC_TOOL_MISSING = (
    "这是旧版 Word/WPS(.doc/.wps)文件。读取它需要系统工具 antiword 或 catdoc,本机没有安装。"
    "请管理员安装(Debian/Ubuntu:apt-get install antiword catdoc)后重新生成;"
    "或在 Word/WPS 中打开,“另存为”.docx 后再上传。"
)
MSG_DOC_CORRUPT = "旧版 Word/WPS 文件已损坏或无法读取。请在 Word 或 WPS 中打开,“另存为”.docx 后再上传。"
MSG_DOC_NO_TEXT = "旧版 Word/WPS 文件里没有读出文字(可能是空白文档,或正文是图片)。请提供含文字的版本。"
MSG_OFD_CORRUPT = "OFD 文件已损坏或不完整,无法读取。请重新下载,或用 OFD 阅读器打开后另存为 PDF 再上传。"
MSG_OFD_NO_TEXT = "OFD 文件里没有文字层(可能是扫描件)。请提供文字版,或用 OFD 阅读器导出为 PDF 后再上传。"
MSG_OFD_HUGE = "OFD 文件解压后超过 {limit} MB,可能已损坏或不是普通报告。请确认文件无误后再上传。"
MSG_MHTML_NO_PAGE = "这个 .mhtml 文件里没有找到网页内容。请在浏览器中重新“另存为”网页,或复制正文另存为 .txt 后再上传。"
MSG_RTF_CORRUPT = "RTF 文件已损坏或无法解析。请用 Word/WPS 打开后“另存为”.docx 再上传。"
MSG_IMAGE_CORRUPT = "图片文件已损坏,或不是能识别的图片格式(支持 PNG、JPEG、TIFF)。请重新扫描或导出后再上传。"
MSG_IMAGE_NO_TEXT = "图片中没有识别出文字。请确认图片清晰、方向正确,或提供文字版。"
MSG_OCR_MISSING = (
    "这是图片文件,需要文字识别(OCR),但本机没有安装识别组件 rapidocr-onnxruntime。"
    "请管理员运行 pip install -r requirements.txt 后重新生成;或提供文字版。"
)
MSG_IMAGE_NOTE = "图片经文字识别(OCR)读出,共 {pages} 页,识别可能有误,请对照原文核对数值。"


# ---------------------------------------------------------------- .doc / .wps


def read_word_binary(data: bytes, suffix: str) -> ingest.Result:
    if data.startswith(b"PK\x03\x04"):  # a .docx (or .wps saved as OOXML) under the old name
        return ingest.READERS["docx"](data, ".docx")
    if not data.startswith(ingest.OLE_SIGNATURE):
        return ingest._fail(STATUS_BINARY, ingest._wrong_content(data, suffix, "Word/WPS(.doc/.wps)"))
    tools = [tool for tool in ("antiword", "catdoc") if shutil.which(tool)]
    if not tools:
        return ingest._fail(STATUS_UNREADABLE, MSG_DOC_TOOL_MISSING)
    for tool in tools:
        text = _run_word_tool(tool, data)
        if text and text.strip():
            text = ingest.normalise_text(_word_tables(text))
            return ingest._ok(text) if text else ingest._fail(STATUS_NO_TEXT, MSG_DOC_NO_TEXT)
    return ingest._fail(STATUS_UNREADABLE, MSG_DOC_CORRUPT)


def _run_word_tool(tool: str, data: bytes) -> str | None:
    """The tool's UTF-8 text of the document, None when it fails or times out."""
    args = {"antiword": ["antiword", "-m", "UTF-8.txt", "-w", "0"], "catdoc": ["catdoc", "-d", "utf-8", "-w"]}[tool]
    handle, path = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        run = subprocess.run([*args, path], capture_output=True, timeout=WORD_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        logger.debug("%s failed", tool, exc_info=True)
        return None
    finally:
        os.unlink(path)
    if run.returncode != 0:
        logger.debug("%s exited %s: %s", tool, run.returncode, run.stderr[:200])
        return None
    return run.stdout.decode("utf-8", errors="replace")


def _word_tables(text: str) -> str:
    """antiword draws table rows as "|a |b |": cells joined by " | " as ingest writes rows."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 2:
            line = " | ".join(cell.strip() for cell in stripped[1:-1].split("|"))
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------- .ofd

_OFD_NS = "{http://www.ofdspec.org/2016}"


def read_ofd(data: bytes, suffix: str) -> ingest.Result:
    if not data.startswith(b"PK\x03\x04"):
        return ingest._fail(STATUS_BINARY, ingest._wrong_content(data, suffix, "OFD"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return ingest._fail(STATUS_UNREADABLE, MSG_OFD_CORRUPT)
    with archive:
        entries = archive.infolist()
        if len(entries) > ingest.MAX_ZIP_ENTRIES or "OFD.xml" not in archive.namelist():
            return ingest._fail(STATUS_UNREADABLE, MSG_OFD_CORRUPT)
        if sum(e.file_size for e in entries) > MAX_OFD_UNZIPPED:
            return ingest._fail(STATUS_TOO_LARGE, MSG_OFD_HUGE.format(limit=MAX_OFD_UNZIPPED // 2**20))
        pages = [_ofd_page_text(archive, path) for path in _ofd_pages(archive)[:MAX_OFD_PAGES]]
    text = ingest.unwrap_lines(ingest.normalise_text("\n".join(pages)), wrapped=True)
    if not text:
        return ingest._fail(STATUS_NO_TEXT, MSG_OFD_NO_TEXT)
    return text, ingest.STATUS_OK, "", {"pages": _starts(text, pages)}


def _xml(archive: zipfile.ZipFile, path: str):  # noqa: ANN202 - an lxml element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(path), parser)


def _ofd_path(base: str, location: str) -> str:
    """A location inside the package: absolute ("/Doc_0/...") or relative to `base`'s folder."""
    location = location.strip().replace("\\", "/")
    joined = PurePosixPath(location.lstrip("/")) if location.startswith("/") else PurePosixPath(base).parent / location
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _ofd_pages(archive: zipfile.ZipFile) -> list[str]:
    """Content.xml paths of every page of the package's first document, in page order."""
    root = _xml(archive, "OFD.xml")
    doc_root = root.find(f".//{_OFD_NS}DocRoot")
    if doc_root is None or not (doc_root.text or "").strip():
        return []
    document_path = _ofd_path("OFD.xml", doc_root.text)
    document = _xml(archive, document_path)
    names = set(archive.namelist())
    pages = []
    for page in document.iter(f"{_OFD_NS}Page"):
        path = _ofd_path(document_path, page.get("BaseLoc", ""))
        if path in names:
            pages.append(path)
    return pages


def _ofd_page_text(archive: zipfile.ZipFile, path: str) -> str:
    """The page's text objects as lines: pieces on (nearly) the same baseline joined left to
    right; a gap wider than two characters between them (table cells) becomes " | "."""
    pieces = []
    for text_object in _xml(archive, path).iter(f"{_OFD_NS}TextObject"):
        left, top, width = _boundary(text_object.get("Boundary", ""))
        size = _number(text_object.get("Size")) or 3.5
        for code in text_object.iter(f"{_OFD_NS}TextCode"):
            y = top + _number(code.get("Y"))
            pieces.append((y, left + _number(code.get("X")), left + width, size, code.text or ""))
    lines: list[list[tuple]] = []
    for piece in sorted(pieces):
        if lines and abs(lines[-1][0][0] - piece[0]) < 1.0:  # same baseline within 1 mm
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return "\n".join(_ofd_line(sorted(line, key=lambda p: p[1])) for line in lines)


def _ofd_line(pieces: list[tuple]) -> str:
    parts, right = [], None
    for _, x, end, size, text in pieces:
        if right is not None:
            parts.append(" | " if x - right > 2 * size else "")
        parts.append(text)
        right = end
    return "".join(parts)


def _boundary(value: str) -> tuple[float, float, float]:
    """(left, top, width) of a Boundary "x y w h" in mm."""
    parts = [*value.split(), "0", "0", "0"]
    return _number(parts[0]), _number(parts[1]), _number(parts[2])


def _number(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _starts(text: str, pages: list[str]) -> tuple[int, ...]:
    from pipeline import pdf

    return pdf.page_starts(text, pages, ingest.normalise_text)


# ---------------------------------------------------------------- .mhtml


def read_mhtml(data: bytes, suffix: str) -> ingest.Result:
    if data.startswith((b"<!", b"<html", b"<HTML")):  # an ordinary page saved under .mht
        return ingest.READERS["html"](data, ".html")
    message = email.message_from_bytes(data, policy=email.policy.default)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        return ingest._fail(STATUS_NO_TEXT, MSG_MHTML_NO_PAGE)
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or ""
    if charset:
        try:
            return ingest.html_text(payload.decode(ingest.charset_codec(charset)))
        except (LookupError, UnicodeDecodeError):
            pass
    return ingest.READERS["html"](payload, ".html")


# ---------------------------------------------------------------- .rtf

_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def read_rtf(data: bytes, suffix: str) -> ingest.Result:
    if not data.lstrip().startswith(b"{\\rtf"):
        return ingest._fail(STATUS_BINARY, ingest._wrong_content(data, suffix, "RTF"))
    from striprtf.striprtf import rtf_to_text

    match = _RTF_CODEPAGE.search(data[:4096])
    codec = _rtf_codec(match.group(1).decode() if match else "1252")
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=codec, errors="replace")
    except Exception:  # noqa: BLE001 - striprtf raises anything on broken groups
        logger.debug("striprtf failed", exc_info=True)
        return ingest._fail(STATUS_UNREADABLE, MSG_RTF_CORRUPT)
    text = ingest.normalise_text(_rtf_tables(text))
    return ingest._ok(text) if text else ingest._fail(STATUS_NO_TEXT, ingest.MSG_BLANK)


def _rtf_codec(codepage: str) -> str:
    codec = {"936": "gb18030", "950": "big5", "65001": "utf-8"}.get(codepage, f"cp{codepage}")
    try:
        import codecs

        return codecs.lookup(codec).name
    except LookupError:
        return "cp1252"


def _rtf_tables(text: str) -> str:
    """striprtf ends each cell with "|": rows as cells joined by " | "."""
    lines = []
    for line in text.split("\n"):
        if line.rstrip().endswith("|"):
            line = " | ".join(cell.strip() for cell in line.rstrip()[:-1].split("|"))
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------- images


def read_image(data: bytes, suffix: str) -> ingest.Result:
    if not ocr.available():
        return ingest._fail(STATUS_NO_TEXT, MSG_OCR_MISSING)
    budget = ocr.Budget()
    pages: list[str] = []
    try:
        for frame in ocr.image_frames(data):
            if not budget.allows():
                break
            pages.append("\n".join(ocr.page_lines(frame)))
            budget.spend()
    except ocr.OcrUnavailable:
        return ingest._fail(STATUS_NO_TEXT, MSG_OCR_MISSING)
    except Exception:  # noqa: BLE001 - PIL raises many kinds on broken or hostile images
        logger.debug("image decoding failed", exc_info=True)
        if not pages:
            return ingest._fail(STATUS_UNREADABLE, MSG_IMAGE_CORRUPT)
    text = ingest.unwrap_lines(ingest.normalise_text("\n".join(pages)), wrapped=True)
    if not text:
        return ingest._fail(STATUS_NO_TEXT, MSG_IMAGE_NO_TEXT)
    extra = {"pages": _starts(text, pages), "ocr_pages": tuple(range(1, len(pages) + 1))}
    return text, ingest.STATUS_OK, MSG_IMAGE_NOTE.format(pages=len(pages)), extra


READERS = {
    "doc": read_word_binary,
    "ofd": read_ofd,
    "mhtml": read_mhtml,
    "rtf": read_rtf,
    "image": read_image,
}
