"""Reading raw report files: bytes -> one `Document` with normalised text.

Owns: recognising the file type (by its suffix, checked against its content), decoding text
(UTF-8 with or without BOM, UTF-16/32 with BOM, GBK/GB18030, then charset-normalizer), taking
the article out of an HTML page, the text layer out of a PDF and the paragraphs and tables out
of a DOCX (other formats, PDF tables and scanned pages: pipeline.formats, pipeline.pdf), and
normalising that text (`normalise_text`) so later stages see one form of each character.
Every bad input ends as a status with a plain Chinese message saying what to do.

Must never: guess places, years or values (locate/extract do), raise for bad input, or modify
any file it reads.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib
import io
import logging
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

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
from pipeline.rawdir import display_name

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
KINDS = {".txt": "txt", ".md": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}
# Read by pipeline.formats (old Word/WPS binaries, OFD, saved web pages, RTF, scanned images):
KINDS |= {".doc": "doc", ".wps": "doc", ".ofd": "ofd", ".mhtml": "mhtml", ".mht": "mhtml", ".rtf": "rtf"}
KINDS |= {".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
SUPPORTED = tuple(KINDS)
MAX_PDF_PAGES = 500  # a report is far shorter; a bigger file is a compilation or hostile
MAX_DOCX_UNZIPPED = 200 * 1024 * 1024  # a zip's declared sizes bound what zipfile will inflate
MAX_DOCX_XML = 40 * 1024 * 1024  # the XML parts a Word report's text lives in: a few MB at most
MAX_ZIP_ENTRIES = 5000
MAX_HTML_CANDIDATES = 300  # article-container candidates scored; bounds work on hostile pages
MAX_HTML_DEPTH = 400  # deeper trees (unclosed <font>, hostile pages) make tree edits quadratic
MAX_HTML_ELEMENTS = 30_000  # a report page has a few thousand; more is read as flat text (one pass)
RADICALS_FILE = Path(__file__).parent / "rules" / "radicals.tsv"

ALLOWED = "、".join(SUPPORTED)

# ---------------------------------------------------------------- messages (plain Chinese)

MSG_EMPTY = "文件是空的(0 字节)。请检查是否上传了正确的文件。"
MSG_BLANK = "文件里只有空格或空行,没有文字。请检查是否上传了正确的文件。"
MSG_UNDECODABLE = (
    "无法识别文件的文字编码(不是 UTF-8、UTF-16 或 GBK/GB18030),读出来是乱码。"
    "请用记事本或 WPS 打开后“另存为”UTF-8 编码的文本,再上传。"
)
MSG_HTML_NO_TEXT = (
    "网页里没有找到正文文字(可能只有导航菜单,或正文是用脚本加载的)。"
    "请在浏览器中打开原网页,复制正文另存为 .txt 后再上传。"
)
MSG_PDF_ENCRYPTED = (
    "这个 PDF 设置了密码保护,无法读取文字。请提供未加密的版本,或在 PDF 阅读器中输入密码后另存一份再上传。"
)
MSG_PDF_SCANNED = "这是扫描件/图片 PDF,没有文字层,无法读取文字。请提供文字版,或先做 OCR(文字识别)后再上传。"
MSG_PDF_CORRUPT = "PDF 文件已损坏或不完整,无法读取。请重新下载,或用 PDF 阅读器打开后另存一份再上传。"
MSG_DOCX_CORRUPT = "Word 文档已损坏或不完整,无法打开。请重新下载,或用 Word/WPS 打开后“另存为”.docx 再上传。"
MSG_DOCX_NO_TEXT = "Word 文档里没有找到文字(可能是空白文档,或正文是图片)。请提供含文字的版本。"
MSG_DOCX_HUGE = "Word 文档解压后超过 {limit} MB,可能已损坏或不是普通报告。请确认文件无误;如果是合订本,请拆分后再上传。"
MSG_DOCX_XML_HUGE = (
    "Word 文档的文字部分解压后超过 {limit} MB,远超正常报告,可能已损坏或是恶意构造的文件,未读取。"
    "请用 Word/WPS 打开后“另存为”.docx,或导出为 .txt 后再放入。"
)
MSG_DOC_OLD = "这是旧版 Word(.doc)格式的文件,暂不支持。请在 Word 或 WPS 中打开,“另存为”.docx 后再上传。"
MSG_UNSUPPORTED = "不支持“{suffix}”格式的文件。目前能读取:{allowed}。请转换成其中一种格式后再上传。"
MSG_TOO_LARGE = (
    "文件太大({size}),超过 {limit} 的上限。请确认这是单份报告;如果是合订本或含大量图片,请拆分或导出文字版后再上传。"
)
MSG_OS_ERROR = "无法打开这个文件({reason})。请确认文件存在、没有被其他程序占用,并且有读取权限。"
MSG_NOT_TEXT = "这个文件看起来不是文本文件{what},只是扩展名为 {suffix}。请上传报告的文字版({allowed})。"
MSG_WRONG_CONTENT = (
    "文件扩展名是 {suffix},但内容不是 {expected} 文件{what}。请确认文件没有被改名,重新下载或导出后再上传。"
)
MSG_HTML_BROKEN = "网页文件结构损坏,无法解析。请在浏览器中打开原网页,复制正文另存为 .txt 后再上传。"
MSG_PARTIAL_PDF = "注意:PDF 共 {total} 页,只读取了前 {limit} 页。"

# Leading bytes of common non-text formats: named in the message so the user knows what they have.
SIGNATURES = (
    (b"%PDF-", "PDF 文件"),
    (b"PK\x03\x04", "ZIP 压缩包或 Office 文档(.docx/.xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 文档(.doc/.xls)"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)
OLE_SIGNATURE = SIGNATURES[2][0]

# ---------------------------------------------------------------- entry points


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> Document:
    """The Document of the file at `path`. Looks at its size before reading it. Never raises for a bad file.

    The file is opened without blocking and checked on the open descriptor (a FIFO or a device
    swapped in after a listing would otherwise hang or stream forever); at most `max_bytes` + 1
    bytes are read, whatever the size said a moment before.
    """
    path = Path(path)
    source, shown = display_name(path.name), display_name(str(path))
    kind = _kind(source)
    try:
        with _open_regular(path) as handle:
            if path.suffix.lower() not in SUPPORTED:
                return _status(source, shown, kind, STATUS_UNSUPPORTED, _unsupported(path.suffix))
            data = _read_at_most(handle, max_bytes + 1)
    except _NotRegular:
        reason = "这不是一个普通文件,可能是文件夹或设备"
        return _status(source, shown, kind, STATUS_UNREADABLE, MSG_OS_ERROR.format(reason=reason))
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return _status(source, shown, kind, STATUS_UNREADABLE, MSG_OS_ERROR.format(reason=reason))
    if len(data) > max_bytes:
        size = max(len(data), _size_of(path))
        return _status(source, shown, kind, STATUS_TOO_LARGE, _too_large(size, max_bytes))
    return replace(read_bytes(data, source, max_bytes), path=shown)


def _read_at_most(handle: io.BufferedReader, limit: int) -> bytes:
    """Up to `limit` bytes of an open file. Read first as many as its size says, plus one (a file
    that grew meanwhile is read on, still up to `limit`): `read(limit)` itself allocates a buffer of
    `limit` bytes (20 MB) for every file, most of a small report's reading time."""
    wanted = min(limit, os.fstat(handle.fileno()).st_size + 1)
    first = handle.read(wanted)
    if len(first) < wanted or len(first) == limit:
        return first  # the end of the file (a short read), or as much as may be read
    return first + handle.read(limit - len(first))  # it grew past the size it said


class _NotRegular(OSError):
    """The path is a folder, FIFO, socket or device."""


def _open_regular(path: Path) -> io.BufferedReader:
    """The file opened for reading; raises _NotRegular for a folder, FIFO, socket or device."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise _NotRegular(path)
    return handle


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def read_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> Document:
    """The Document of uploaded bytes called `name` (only its base name is kept). Never raises for bad bytes."""
    source = re.split(r"[\\/]", name)[-1]  # an upload's name may carry a client path, even "../"
    suffix = Path(source).suffix.lower()
    kind = _kind(source)
    data = bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(source=source, path=name, text="", kind=kind, sha256=digest)
    if len(data) > max_bytes:
        return replace(doc, status=STATUS_TOO_LARGE, message=_too_large(len(data), max_bytes))
    if suffix not in SUPPORTED:
        return replace(doc, status=STATUS_UNSUPPORTED, message=_unsupported(suffix))
    if not data:
        return replace(doc, status=STATUS_EMPTY, message=MSG_EMPTY)
    reader = READERS[kind]
    extra: dict = {}
    try:
        text, status, message, *more = reader(data, suffix)
        extra = more[0] if more and status == STATUS_OK else {}  # pages, OCR'd pages
    except ImportError:
        raise  # a missing parser package is a broken installation, not a bad file
    except Exception:  # noqa: BLE001 - parsers raise anything on hostile input; that is a bad file
        logger.debug("%s: reader %s raised", source, kind, exc_info=True)
        text, status, message = "", STATUS_UNREADABLE, _corrupt_message(kind)
    return replace(doc, text=text if status == STATUS_OK else "", status=status, message=message, **extra)


Result = tuple  # (text, status, message) or (text, status, message, {Document field: value})


def _ok(text: str, message: str = "") -> Result:
    return text, STATUS_OK, message


def _fail(status: str, message: str) -> Result:
    return "", status, message


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return KINDS.get(suffix, suffix.lstrip("."))


def _status(source: str, path: str, kind: str, status: str, message: str) -> Document:
    return Document(source=source, path=path, text="", kind=kind, status=status, message=message)


def _too_large(size: int, limit: int) -> str:
    return MSG_TOO_LARGE.format(size=_size(size), limit=_size(limit))


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB"
    return f"{count / 2**10:.1f} KB" if count >= 2**10 else f"{count} 字节"


def _unsupported(suffix: str) -> str:
    if suffix.lower() == ".doc":
        return MSG_DOC_OLD
    return MSG_UNSUPPORTED.format(suffix=suffix or "无扩展名", allowed=ALLOWED)


def _corrupt_message(kind: str) -> str:
    return {"pdf": MSG_PDF_CORRUPT, "docx": MSG_DOCX_CORRUPT, "html": MSG_HTML_BROKEN}.get(kind, MSG_UNDECODABLE)


def _signature_name(data: bytes) -> str:
    """'(看起来是 PNG 图片)' when the bytes start like a known format, else ''."""
    for magic, what in SIGNATURES:
        if data.startswith(magic):
            return f"(看起来是{what})"
    return ""


# ---------------------------------------------------------------- plain text and decoding

_CONTROL_BYTES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_DELETE = bytes(sorted(_CONTROL_BYTES))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read_txt(data: bytes, suffix: str) -> Result:
    text, failure = _decode(data, suffix)
    if failure:
        return failure
    text = unwrap_lines(normalise_text(text))  # plain text is often copied out of a PDF
    return _ok(text) if text.strip() else _fail(STATUS_EMPTY, MSG_BLANK)


def _decode(data: bytes, suffix: str, declared: str = "") -> tuple[str, Result | None]:
    """(text, None) or ("", failure). UTF-16/32 need their BOM: without it their NULs mean binary."""
    bom = _decode_bom(data)
    if bom is not None:
        return bom, None
    what = _signature_name(data)  # a PDF is mostly ASCII and would decode: its signature says otherwise
    if what or _looks_binary(data):
        return "", _fail(STATUS_BINARY, MSG_NOT_TEXT.format(what=what, suffix=suffix, allowed=ALLOWED))
    for text in _candidates(data, declared):
        if text is not None and not _looks_garbled(text):
            return text, None
    return "", _fail(STATUS_UNREADABLE, MSG_UNDECODABLE)


def _decode_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)  # the utf-16/utf-32 codecs consume the BOM
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    """More than 2% control bytes (NUL included) in the first 64 KB: no text file has those.
    A stray NUL in a good report is not enough (normalisation drops it)."""
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_DELETE))  # counted in C, not per byte
    return controls > 0.02 * len(sample)


def _candidates(data: bytes, declared: str) -> Iterator[str | None]:
    """Decodings to try, most trustworthy first; each is checked for mojibake by the caller."""
    if declared:
        yield _strict(data, declared)
    yield _strict(data, "utf-8-sig")
    yield _utf8_truncated(data)
    yield _mixed_lines(data)
    yield _strict(data, "gb18030")
    yield _mostly(data, "utf-8")
    yield _mostly(data, "gb18030")
    yield _charset_normalizer(data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_truncated(data: bytes) -> str | None:
    """UTF-8 whose last character was cut off (an interrupted download or `head -c`)."""
    for cut in (1, 2, 3):
        text = _strict(data[:-cut], "utf-8-sig")
        if text is not None:
            return text
    return None


def _mixed_lines(data: bytes) -> str | None:
    """Text pasted together from a UTF-8 and a GBK source: each line decoded as UTF-8 when it is
    that, else as GB18030 (a line mixing both, segment by segment). None unless some lines are
    Chinese in UTF-8 and others are not UTF-8 (a pure GBK file is decoded whole, below)."""
    lines = data.split(b"\n")
    decoded = [_strict(line, "utf-8-sig") for line in lines]
    utf8_chinese = any(text is not None and _han_count(text) >= 4 for text in decoded)
    if not utf8_chinese or all(text is not None for text in decoded):
        return None
    texts = (text if text is not None else _gbk_segments(line) for text, line in zip(decoded, lines, strict=True))
    return "\n".join(texts)


def _gbk_segments(line: bytes) -> str:
    """A line as GB18030, or, where that fails, its UTF-8 runs as UTF-8 and the rest as GB18030."""
    whole = _strict(line, "gb18030")
    if whole is not None:
        return whole
    escaped = line.decode("utf-8", "surrogateescape")
    return _ESCAPED_RUN.sub(lambda m: _as_gbk(m.group()), escaped)


def _as_gbk(escaped: str) -> str:
    return escaped.encode("utf-8", "surrogateescape").decode("gb18030", "replace")


_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")


def _mostly(data: bytes, codec: str) -> str | None:
    """Text in `codec` with a handful of damaged bytes (shown as U+FFFD). UTF-8 is tried first:
    GBK read as UTF-8 breaks on nearly every character, so it never passes as "mostly UTF-8"."""
    text = data.decode(codec, errors="replace").lstrip("\ufeff").removesuffix("\ufffd")  # a cut-off last char
    bad = text.count("\ufffd")
    return text if bad <= max(1, len(text) // 1000) else None


def _charset_normalizer(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return None if best is None else str(best)
    except Exception:  # noqa: BLE001 - a detector failure only means this candidate is out
        logger.debug("charset-normalizer failed", exc_info=True)
        return None


# Frequent characters of Chinese prose and of these reports: real text is full of them, while
# UTF-8 bytes misread as GBK ("鍙戝竷") or random bytes read as GB18030 almost never are.
_COMMON = frozenset(
    "的一是不了人在有这为之大来以个中上们到说国和地也子时道出而要于就下得可年生自会那后能对着事其里所去"
    "行过家十用发天如然作方成者多日都三小二无同么经法当起与好看学进种将还分此心前面又定见只主没公从"
    "政府市区县省工建设治执案件依规制度务管理推全面落实开展加强完善坚持机关部门单位合议复审查监督决策"
    "律师调解纠纷共计同比增长总数量万元次项新相关提高组织领导推动体系重点问题"
)


def _looks_garbled(text: str) -> bool:
    """True for mojibake: non-ASCII characters outside the ranges Chinese text uses, or Han
    characters that are almost never the common ones."""
    # Counted by deleting runs with regexes (in C), not by a Python test per character.
    ascii_or_space, expected, not_han, not_common = _garble_patterns()
    foreign = ascii_or_space.sub("", text[:20000])
    if not foreign:
        return False
    if len(expected.sub("", foreign)) > 0.1 * len(foreign):
        return True
    han = not_han.sub("", foreign)
    return len(han) >= 30 and len(not_common.sub("", han)) < 0.08 * len(han)


@cache
def _garble_patterns() -> tuple[re.Pattern[str], ...]:
    """Runs of: ASCII or space, characters expected in Chinese text, non-Han, non-common: the
    same sets as `_expected_in_chinese` and `_is_han`."""
    expected = (
        _HAN
        + r"\u3000-\u303f\uff00-\uffef\u2000-\u206f\u2100-\u218f\u2460-\u27bf\u2e80-\u2fdf\u3200-\u33ff"
        + r"\ufe30-\ufe4f\u2190-\u21ff\u00a0\u00b0\u00b7\u00d7\u00f7\u00b1\u00a7\u00b2\u00b3\u00b9\ufeff\ufffd"
    )
    return (
        re.compile(r"[\x00-\x7f\s]+"),
        re.compile(f"[{expected}]+"),
        re.compile(f"[^{_HAN}]+"),
        re.compile("[^" + "".join(sorted(_COMMON)) + "]+"),
    )


def _expected_in_chinese(char: str) -> bool:
    code = ord(char)
    return (
        _is_han(char)
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
        or 0x2100 <= code <= 0x218F
        or 0x2460 <= code <= 0x27BF
        or 0x2E80 <= code <= 0x2FDF
        or 0x3200 <= code <= 0x33FF
        or 0xFE30 <= code <= 0xFE4F
        or 0x2190 <= code <= 0x21FF
        or char in "\u00a0\u00b0\u00b7\u00d7\u00f7\u00b1\u00a7\u00b2\u00b3\u00b9\ufeff\ufffd"
    )


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
    )


# ---------------------------------------------------------------- normalisation

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Kept out of NFKC: it would turn ① into "1" and ㎡ into "m2", gluing digits onto neighbouring numbers.
_NFKC_EXEMPT = re.compile(r"[\u00b2\u00b3\u00b9\u2070-\u209f\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\u3300-\u33ff]+")
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"), " "
)
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        *range(0x0E, 0x20),
        0x7F,
        *range(0x80, 0xA0),
        0x00AD,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x2060,
        0xFEFF,
    ],
    None,
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_CJK = _HAN + r"\u3001-\u303f"  # Han plus CJK punctuation (。、《》【】…) that NFKC keeps
# Next to Chinese, a space is an artefact (PDF text layers and some web pages space out "2016 年的
# 18% 上升到 42%"): drop it between CJK and CJK, a digit or punctuation. Latin words keep theirs.
_TIGHT = r"0-9%,.;:!?()\[\]\"'"
# The space comes first so the regex engine jumps from space to space instead of trying the
# look-behinds at every character.
_SPACE_IN_CJK = re.compile(rf" (?:(?<=[{_CJK}] )(?=[{_CJK}{_TIGHT}])|(?<=[{_TIGHT}] )(?=[{_CJK}]))")
_SPACE_RUNS = re.compile(r" {2,}")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_RUNS = re.compile(r"\n{3,}")


@cache
def radicals() -> dict[int, str]:
    """codepoint -> replacement from pipeline/rules/radicals.tsv, loaded once."""
    table: dict[int, str] = {}
    for line in RADICALS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, _char, replacement, *_comment = line.split("\t")
            table[int(code.removeprefix("U+"), 16)] = replacement
    return table


@cache
def _format_characters() -> dict[int, None]:
    """Every character of Unicode category Cf (bidi overrides, zero-width marks, tags …): they
    can sit inside a figure ("32<U+202E>0件") and change what it reads as. Worked out once."""
    planes = (*range(0x0000, 0x20000), *range(0xE0000, 0xE1000))
    return {code: None for code in planes if unicodedata.category(chr(code)) == "Cf"}


@cache
def _character_map() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """Radical look-alikes, space variants, invisible and format characters as one table, and a
    character class of its keys: one regex scan replaces the few characters that need it instead
    of four str.translate passes over every character. Where tables share a key, the one that
    was applied first before (radicals, spaces, invisible, format) wins."""
    mapping: dict[int, str | None] = {**_format_characters(), **_INVISIBLE, **_SPACES, **radicals()}
    return mapping, re.compile("[" + _ranges(sorted(mapping)) + "]")


def _ranges(codes: list[int]) -> str:
    """Sorted code points as the inside of a regex character class ("\\x00-\\x08\\u2028…")."""
    parts, start = [], None
    for i, code in enumerate(codes):
        if start is None:
            start = code
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(code)) if code != start else ""))
            start = None
    return "".join(parts)


def normalise_text(text: str) -> str:
    """The one form of text later stages see.

    NFKC (full-width ，：％（）１２ become ASCII , : % ( ) 12; Kangxi radicals become ordinary
    characters), CJK radical look-alikes mapped (pipeline/rules/radicals.tsv), every space
    variant a plain space, invisible and format (Cf: bidi, zero-width) characters removed, newlines
    as "\\n", runs of spaces and tabs collapsed to one space, that space removed between a CJK
    character and another CJK character, a digit or punctuation (spaces between digits, or next
    to Latin words, stay), spaces at line ends and more than one blank line in a row dropped.
    Idempotent.
    """
    text = _NEWLINES.sub("\n", text)
    mapping, pattern = _character_map()
    text = pattern.sub(lambda match: mapping[ord(match.group())] or "", _nfkc(text))
    if "  " in text:  # substring tests (fast, in C) skip scans that would change nothing
        text = _SPACE_RUNS.sub(" ", text)
    if " " in text:
        text = _SPACE_IN_CJK.sub("", text)  # PDF/web text spaces Chinese out ("全 市 共"); Chinese has no spaces
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip(" \n")


def _nfkc(text: str) -> str:
    parts, last = [], 0
    for match in _NFKC_EXEMPT.finditer(text):
        parts += [unicodedata.normalize("NFKC", text[last : match.start()]), match.group()]
        last = match.end()
    parts.append(unicodedata.normalize("NFKC", text[last:]))
    return "".join(parts)


# ---------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "utf8": "utf-8",
    "unicode": "utf-8",
}
_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "iframe",
    "template",
    "svg",
    "button",
    "select",
    "object",
    "embed",
    "canvas",
    "map",
)
_CONTAINER_HINT = re.compile(r"content|article|trs_editor|zoom|main|text", re.I)
_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "hr",
    "figure",
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DATE_META = (
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "firstpublishedtime",
    "article:published_time",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
)
_DATE_PATTERN = r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_DATE = re.compile(_DATE_PATTERN)
_DATE_LABEL = re.compile(r"(?:时间|日期)\s*:\s*" + _DATE_PATTERN)  # in normalised text: ":" is ASCII
_PUBLISHED_LINE = re.compile(r"(?:发布|发文|成文)(?:时间|日期)|(?:时间|日期)\s*[::]\s*(?:19|20)\d\d")
_TITLE_SEPARATORS = re.compile(r"\s*[_|_|]\s*|\s+[-–—]+\s+|—{2,}")  # "报告_XX市人民政府", "报告 - 网站"


def _read_html(data: bytes, suffix: str) -> Result:
    text, failure = _decode(data, suffix, _declared_charset(data))
    if failure:
        return failure
    if not text.strip():
        return _fail(STATUS_EMPTY, MSG_BLANK)
    return html_text(text)


def html_text(text: str) -> Result:
    """The Result of a decoded HTML page: its article, with title and date lines above it."""
    article, title, published = _html_article(text)
    article = normalise_text(article)
    if not article:
        return _fail(STATUS_NO_TEXT, MSG_HTML_NO_TEXT)
    return _ok(normalise_text("\n".join(_html_head_lines(article, title, published) + [article])))


def _declared_charset(data: bytes) -> str:
    """The codec named by <meta charset> / http-equiv in the first 4 KB, '' if none or unknown."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return ""
    return charset_codec(match.group(1).decode("ascii", "ignore"))


def charset_codec(name: str) -> str:
    """The Python codec of a declared charset (gb2312 and gbk read as gb18030), '' if unknown."""
    name = _CHARSET_ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def _html_article(html: str) -> tuple[str, str, str]:
    """(article text with line breaks, page title, publication date 'YYYY-MM-DD' or '').

    Linear in the page: no tree edit that scans a tag's siblings runs once per sibling (bs4's
    insert_before/replace_with/extract do), so a page of 20,000 sibling blocks costs what its
    size says; pages too deep or of more than MAX_HTML_ELEMENTS elements are read as flat text.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    title, published = _html_title(soup), _meta_date(soup)
    if _too_deep(soup) or len(soup.find_all(True, limit=MAX_HTML_ELEMENTS + 1)) > MAX_HTML_ELEMENTS:
        return _flat_text(soup), title, published
    # Scripts, menus and hidden parts are skipped when text is taken, not removed from the tree
    # (each removal would scan its siblings); comments and doctypes are never taken.
    skip = {id(tag) for tag in [*soup.find_all(_DROP_TAGS), *soup.find_all(style=_HIDDEN)]}
    _mark_blocks(soup)
    body = soup.body or soup
    container = _article_container(body, skip)
    text = _block_text(container, skip)
    if not normalise_text(text) and container is not body:
        text = _block_text(body, skip)
    if not published and not _PUBLISHED_LINE.search(text):
        published = _labelled_date(_block_text(body, skip))
    return text, title, published


def _too_deep(soup) -> bool:  # noqa: ANN001 - a BeautifulSoup tree
    """True when elements nest deeper than MAX_HTML_DEPTH (one pass; parents come before children)."""
    depth = {id(soup): 0}
    for tag in soup.find_all(True):
        depth[id(tag)] = depth.get(id(tag.parent), 0) + 1
        if depth[id(tag)] > MAX_HTML_DEPTH:
            return True
    return False


_SCRIPT_PARENTS = frozenset({"script", "style", "noscript", "template"})


def _flat_text(soup) -> str:  # noqa: ANN001 - a BeautifulSoup tree
    """Every text of a page too deep (or too odd) to edit as a tree, one string per line, scripts
    left out: one pass over its strings."""
    from bs4 import CData, NavigableString

    strings = (soup.body or soup).find_all(string=True)
    return "\n".join(
        str(s) for s in strings if type(s) in (NavigableString, CData) and s.parent.name not in _SCRIPT_PARENTS
    )


def _html_title(soup) -> str:  # noqa: ANN001 - a BeautifulSoup tree
    """The first <h1> with text outside the page banner (sites put their logo in an <h1> there),
    else <title> without the site name after it."""
    for h1 in soup.find_all("h1", limit=10):
        text = normalise_text(h1.get_text(" "))
        if text and h1.find_parent(("header", "nav", "footer", "aside")) is None:
            return text
    if soup.title is None:
        return ""
    parts = [part for part in _TITLE_SEPARATORS.split(normalise_text(soup.title.get_text(" "))) if part]
    return parts[0] if parts else ""  # sites append their own name: "报告_XX市人民政府"


def _meta_date(soup) -> str:  # noqa: ANN001 - a BeautifulSoup tree
    for meta in soup.find_all("meta"):
        key = str(meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in _DATE_META:
            date = _iso_date(str(meta.get("content") or ""))
            if date:
                return date
    return ""


def _labelled_date(text: str) -> str:
    """The date of the first "发布时间:…" / "时间:…" line of the page, '' if none."""
    match = _DATE_LABEL.search(normalise_text(text))
    return _iso_date(match.group()) if match else ""


def _iso_date(text: str) -> str:
    match = _DATE.search(text)
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


_LINE_MARK = "\ue000"  # a private-use character: stands for a line break until the text is taken
_WHITESPACE_RUN = re.compile(r"\s+")


def _mark_blocks(soup) -> None:  # noqa: ANN001 - a BeautifulSoup tree
    """Put a line mark at the start and end of every block element (and ' | ' between the cells
    of a table row), so the text keeps the page's paragraphs as lines (`_block_text`). Every edit
    adds a child to a tag: none scans siblings, so this is linear in the page."""
    for br in soup.find_all("br"):
        br.append(_LINE_MARK)
    short = _short_cells(soup)
    for tag in soup.find_all(_BLOCK_TAGS):
        if short and tag.name not in ("table", "tr") and _inside_short_cell(tag, short):
            continue  # "<td><p>出庭应诉率</p></td>": a data cell stays on its row's line
        tag.insert(0, _LINE_MARK)
        tag.append(_LINE_MARK)
    for row in soup.find_all("tr"):
        cells = row.find_all(("td", "th"), recursive=False)
        for cell in cells[:-1]:
            cell.append(" | ")  # the separator DOCX rows get: extract reads tables with year columns


def _block_text(tag, skip: set[int]) -> str:  # noqa: ANN001 - a BeautifulSoup tag
    """The text of `tag` without the elements in `skip`: source whitespace collapsed to one
    space, line marks as line breaks. One pass in document order."""
    from bs4 import CData, NavigableString, Tag

    parts, stack = [], [(tag, tag.name == "pre" or tag.find_parent("pre") is not None)]
    while stack:
        node, in_pre = stack.pop()
        if isinstance(node, Tag):
            if id(node) not in skip:
                in_pre = in_pre or node.name == "pre"
                stack.extend((child, in_pre) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            parts.append(str(node).replace("\n", _LINE_MARK) if in_pre else str(node))  # <pre> keeps its lines
    return _WHITESPACE_RUN.sub(" ", "".join(parts)).replace(_LINE_MARK, "\n")


def _short_cells(soup) -> set[int]:  # noqa: ANN001 - a BeautifulSoup tree
    """ids of the table cells of a few words (a data table's, not a layout table's holding the article)."""
    return {id(cell) for cell in soup.find_all(("td", "th")) if len(cell.get_text()) <= _SHORT_CELL}


def _inside_short_cell(tag, short: set[int]) -> bool:  # noqa: ANN001 - a BeautifulSoup tag
    cell = tag.find_parent(("td", "th"))
    return cell is not None and id(cell) in short


_SHORT_CELL = 60


def _article_container(body, skip: set[int]):  # noqa: ANN001, ANN202 - BeautifulSoup tags
    """The element holding the article: an <article> or an element whose id/class says content,
    article, TRS_Editor, zoom, main or text, with the most Chinese text; then its innermost such
    descendant that still holds 80% of that text (outer "main" wrappers carry leftovers). Else body.
    Chinese characters are counted for every element in one pass, not once per candidate."""
    candidates = [tag for tag in body.find_all(True, limit=200000) if _is_candidate(tag)][:MAX_HTML_CANDIDATES]
    if not candidates:
        return body
    counts = _han_counts(body, skip)
    scored = [(counts.get(id(tag), 0), tag) for tag in candidates]
    scored = [(count, tag) for count, tag in scored if count]
    if not scored:
        return body
    best_count, best = max(scored, key=lambda pair: pair[0])
    inner = [(count, tag) for count, tag in scored if count >= 0.8 * best_count and best in tag.parents]
    return min(inner, key=lambda pair: pair[0])[1] if inner else best


def _han_counts(body, skip: set[int]) -> dict[int, int]:  # noqa: ANN001 - a BeautifulSoup tag
    """id(tag) -> Chinese characters in its text (elements in `skip` count none), for `body` and
    every element in it: children come after their parents in document order, so one pass
    backwards sums each tag once."""
    from bs4 import CData, NavigableString, Tag

    counts: dict[int, int] = {}
    for tag in reversed([body, *body.find_all(True)]):
        if id(tag) in skip:
            counts[id(tag)] = 0
            continue
        total = 0
        for child in tag.contents:
            if isinstance(child, Tag):
                total += counts.get(id(child), 0)
            elif type(child) in (NavigableString, CData):
                total += _han_count(child)
        counts[id(tag)] = total
    return counts


def _is_candidate(tag) -> bool:  # noqa: ANN001 - a BeautifulSoup tag
    if tag.name == "article":
        return True
    hints = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
    return bool(_CONTAINER_HINT.search(hints))


def _han_count(text: str) -> int:
    return len(_garble_patterns()[2].sub("", text))


def _html_head_lines(article: str, title: str, published: str) -> list[str]:
    """Title and "发布时间:YYYY-MM-DD" lines to put above the article, when it lacks them:
    locate reads a document's first lines for its title and date."""
    top = "".join(article.split("\n")[:6]).replace(" ", "")
    lines = []
    if title and title.replace(" ", "") not in top:
        lines.append(title)
    if published and not _PUBLISHED_LINE.search(top):
        lines.append(f"发布时间:{published}")
    return lines


# ---------------------------------------------------------------- PDF


def _read_pdf(data: bytes, suffix: str) -> Result:
    if b"%PDF-" not in data[:1024]:
        return _fail(STATUS_BINARY, _wrong_content(data, suffix, "PDF"))
    from pypdf import PasswordType, PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED  # owner-only passwords open
        except Exception:  # noqa: BLE001 - unknown/unsupported encryption is still "encrypted"
            opened = False
        if not opened:
            return _fail(STATUS_NO_TEXT, MSG_PDF_ENCRYPTED)
    total = len(reader.pages)
    texts, failed = _pdf_page_texts(reader, min(total, MAX_PDF_PAGES))
    if texts and failed == len(texts):
        return _fail(STATUS_UNREADABLE, MSG_PDF_CORRUPT)
    from pipeline import pdf  # tables read cell by cell; pages without a text layer read by OCR

    pages = pdf.complete(data, texts)
    text = unwrap_lines(normalise_text("\n".join(pages.texts)), wrapped=True)
    if len(text.replace(" ", "").replace("\n", "")) < 5 * max(len(texts), 1):  # page numbers at most
        return _fail(STATUS_NO_TEXT, pdf.MSG_OCR_MISSING if pages.missing_engine else MSG_PDF_SCANNED)
    note = MSG_PARTIAL_PDF.format(total=total, limit=MAX_PDF_PAGES) if total > MAX_PDF_PAGES else ""
    extra = {"pages": pdf.page_starts(text, pages.texts, normalise_text), "ocr_pages": tuple(pages.ocr)}
    return text, STATUS_OK, note + pages.note(), extra


def _pdf_page_texts(reader, pages: int) -> tuple[list[str], int]:  # noqa: ANN001 - a PdfReader
    """Each page's text ('' for a page that fails) and how many failed."""
    texts, failed = [], 0
    for number in range(pages):
        try:
            texts.append(reader.pages[number].extract_text() or "")
        except Exception:  # noqa: BLE001 - one broken page must not lose the others
            logger.debug("PDF page %d failed", number + 1, exc_info=True)
            texts.append("")
            failed += 1
    return texts, failed


def _wrong_content(data: bytes, suffix: str, expected: str) -> str:
    what = _signature_name(data)
    if not what and _decode_bom(data) is None and not _looks_binary(data):
        what = "(看起来是网页或文本,可能下载时出错)"
    return MSG_WRONG_CONTENT.format(suffix=suffix, expected=expected, what=what)


# ---------------------------------------------------------------- hard-wrapped text

# Text from a PDF (read here, or copied into a .txt) breaks lines mid-sentence and puts page
# numbers between them. Later stages read sentences, so the breaks are undone here, once.
LINE_END_PUNCTUATION = '。!?;:…"”’』」)】》'
PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-—–]+\s*\d{1,3}\s*[-—–]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3})\s*$")
TOP_HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)")
WRAP_MIN_LINES = 3  # lines broken mid-sentence before a text counts as hard-wrapped
WRAP_SHARE = 0.25  # ... and their share of the lines of at least WRAP_MIN_WIDTH characters
WRAP_MIN_WIDTH = 10
WRAP_FULL = 0.8  # a line this close to the text's width, ending without punctuation, continues
CELL_RUN_LINES = 4  # lines looked at for a table written one cell per line ...
CELL_MAX = 14  # ... each at most this long
VALUE_CELL_RE = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?\s*%?$")  # "214", "98.7%"
YEAR_CELL_RE = re.compile(r"^(?:19|20)\d{2}\s*年?度?$")  # "2021年"


def unwrap_lines(text: str, wrapped: bool = False) -> str:
    """`text` with hard line breaks removed when it is hard-wrapped, else unchanged. `wrapped`
    says it is (a PDF's text layer); otherwise enough lines must end mid-sentence to tell.

    A line nearly as wide as the text's lines that ends without punctuation continues on the
    next line, across a page-number line ("— 3 —") and the blank lines around it; headings,
    short last lines of paragraphs and table rows (" | ") stay lines.
    """
    lines = text.split("\n")
    widths = sorted(len(line.rstrip()) for line in lines if len(line.strip()) >= WRAP_MIN_WIDTH)
    if not widths or (len(widths) < WRAP_MIN_LINES and not wrapped):
        return text
    width = widths[(len(widths) * 3) // 4]
    broken = [i for i, line in enumerate(lines) if _is_broken(line, width)]
    if not wrapped and (len(broken) < WRAP_MIN_LINES or len(broken) < WRAP_SHARE * len(widths)):
        return text
    joins, skipped = _joins(lines, broken)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in skipped:
            continue
        out.append(line.rstrip() if i in joins else line)
        if i not in joins and i < len(lines) - 1:
            out.append("\n")
    return "".join(out)


def _joins(lines: list[str], broken: list[int]) -> tuple[set[int], set[int]]:
    """(lines followed by no line break, page-number and blank lines to leave out)."""
    joins, skipped = set(), set()
    for i in broken:
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or PAGE_NUMBER_RE.match(lines[j])):
            j += 1
        if _opens_cell_run(lines, j):
            continue  # '表1 …数据对比' / '项目' / '2021年' / '214': a table written one cell per line starts there
        # Blank lines alone end a paragraph; with a page number among them they are a page break.
        if j == i + 1 or (j < len(lines) and any(PAGE_NUMBER_RE.match(lines[k]) for k in range(i + 1, j))):
            joins.add(i)
            skipped.update(range(i + 1, j))
    return joins, skipped


def _opens_cell_run(lines: list[str], start: int) -> bool:
    """Lines from `start` on are a table's cells, one per line: the next few are all short, and among them a
    number or a year ('项目' / '2021年' / '2020年' / '行政复议收到申请(件)' / '214'), where a wrapped title's
    last part goes on with longer lines or words ('建设情况的报告' / '某政〔2022〕9号')."""
    cells = [line.strip() for line in lines[start : start + CELL_RUN_LINES] if line.strip()]
    if len(cells) < CELL_RUN_LINES - 1 or any(len(cell) > CELL_MAX for cell in cells):
        return False
    return any(VALUE_CELL_RE.match(cell) or YEAR_CELL_RE.match(cell) for cell in cells[1:])


def _is_broken(line: str, width: int) -> bool:
    body = line.rstrip()
    return (
        len(body) >= max(WRAP_MIN_WIDTH, WRAP_FULL * width)
        and body[-1] not in LINE_END_PUNCTUATION
        and " | " not in body
        and not TOP_HEADING_RE.match(body)
    )


# ---------------------------------------------------------------- DOCX


def _read_docx(data: bytes, suffix: str) -> Result:
    if data.startswith(OLE_SIGNATURE):  # an old .doc renamed .docx
        return READERS["doc"](data, ".doc")
    if not data.startswith(b"PK\x03\x04"):
        return _fail(STATUS_BINARY, _wrong_content(data, suffix, "Word(.docx)"))
    problem = _zip_problem(data)
    if problem:
        return problem
    import docx

    document = docx.Document(io.BytesIO(data))
    text = normalise_text("\n".join(_docx_lines(document)))
    return _ok(text) if text else _fail(STATUS_NO_TEXT, MSG_DOCX_NO_TEXT)


def _zip_problem(data: bytes) -> Result | None:
    """A failure for a corrupt, non-Word or zip-bomb-sized archive, else None (checked before
    python-docx inflates anything)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return _fail(STATUS_UNREADABLE, MSG_DOCX_CORRUPT)
    if len(entries) > MAX_ZIP_ENTRIES or not any(e.filename == "word/document.xml" for e in entries):
        return _fail(STATUS_UNREADABLE, MSG_DOCX_CORRUPT)
    if sum(e.file_size for e in entries) > MAX_DOCX_UNZIPPED:
        return _fail(STATUS_TOO_LARGE, MSG_DOCX_HUGE.format(limit=MAX_DOCX_UNZIPPED // 2**20))
    # python-docx parses every XML part into a tree (~15x its size in memory): the text parts'
    # inflated size is checked here, from the zip's directory, before anything is inflated.
    if sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels"))) > MAX_DOCX_XML:
        return _fail(STATUS_TOO_LARGE, MSG_DOCX_XML_HUGE.format(limit=MAX_DOCX_XML // 2**20))
    return None


def _docx_lines(document) -> Iterator[str]:  # noqa: ANN001 - a python-docx Document
    """Paragraph texts and table rows (cells separated by a tab), in document order."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text


def _table_lines(table) -> Iterator[str]:  # noqa: ANN001 - a python-docx Table
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) not in seen:  # a merged cell repeats once per column it spans
                seen.add(id(cell._tc))
                cells.append(cell.text.replace("\n", " "))
        yield " | ".join(cells)  # a visible separator: a plain space next to Chinese is dropped


def _other(kind: str) -> Callable[[bytes, str], Result]:
    """The reader of pipeline.formats for `kind`, imported on first use (it imports this module)."""

    def read(data: bytes, suffix: str) -> Result:
        from pipeline import formats

        return formats.READERS[kind](data, suffix)

    return read


READERS: dict[str, Callable[[bytes, str], Result]] = {
    "txt": _read_txt,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_docx,
    **{kind: _other(kind) for kind in ("doc", "ofd", "mhtml", "rtf", "image")},
}

# The libraries each kind's reader imports on first use (the OCR engine aside: only scans need it).
READER_MODULES = {
    "html": ("bs4", "lxml"),
    "pdf": ("pypdf", "pdfplumber", "pipeline.pdf"),
    "docx": ("docx",),
    "doc": ("pipeline.formats",),
    "ofd": ("pipeline.formats", "lxml.etree"),
    "mhtml": ("pipeline.formats", "bs4", "lxml"),
    "rtf": ("pipeline.formats", "striprtf.striprtf"),
}


def preload_readers(names: Iterable[str]) -> None:
    """Import the libraries that the readers of these files' kinds use (a PDF's: ~0.3 s), so that
    worker processes forked afterwards share one copy instead of each importing its own. A
    library that is missing is left to the reader, which reports it for the file."""
    kinds = {_kind(name) for name in names}
    for module in dict.fromkeys(m for kind in sorted(kinds) for m in READER_MODULES.get(kind, ())):
        try:
            importlib.import_module(module)
        except ImportError:
            logger.debug("reader library %s not importable", module, exc_info=True)
