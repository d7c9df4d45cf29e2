"""Optical character recognition of scanned pages and images: pixels -> lines of text.

Owns: the OCR engine (rapidocr-onnxruntime, whose PP-OCR models ship inside the pip package:
nothing is downloaded at run time), the bounds on its work (pages, pixels per page, seconds per
document), turning a page image into text lines in reading order (boxes on one visual line
joined; a wide gap between them, as between table cells, becomes " | ", the row format the
extractor reads tables in), and reading image files (.png/.jpg/.tif, every frame of a
multi-page TIFF).

Must never: decide whether a PDF page needs OCR (pipeline.pdf does: only pages without a text
layer), normalise text or guess anything about its content, or download anything.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from pipeline.model import Document, Fact

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

MAX_OCR_PAGES = 60  # scanned reports run to 5-30 pages; more is a compilation, read in part
MAX_PIXELS = 6_000_000  # per page; an A4 page at 150 dpi is 2.2 million; larger ones are scaled down
MAX_IMAGE_PIXELS = 200_000_000  # PIL refuses to decode more (decompression bombs)
OCR_SECONDS = 600.0  # per document; pages after it are left out (with a note); workers allow it on top
OCR_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # files whose pages OCR may read
RENDER_DPI = 150  # printed text of 10.5-12 pt is 20-25 px tall at 150 dpi, which PP-OCR reads well
MIN_LINE_SCORE = 0.5  # recognition confidence under which a line is dropped (noise, stamps)
CELL_GAP = 2.5  # a gap wider than this many text heights between boxes on a line separates cells
THREADS_ENV = "FAZHI_OCR_THREADS"  # parallel builds give each worker one thread


class OcrUnavailable(RuntimeError):
    """The OCR package is not installed: a broken installation, reported per file in Chinese."""


@dataclass(frozen=True)
class Box:
    """One recognised piece of text and where it sits on the page (pixels)."""

    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Budget:
    """Pages and seconds left for one document's OCR."""

    pages: int = MAX_OCR_PAGES
    seconds: float = OCR_SECONDS
    started: float = 0.0
    done: int = 0
    skipped: int = 0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def allows(self) -> bool:
        return self.done < self.pages and time.monotonic() - self.started < self.seconds

    def spend(self) -> None:
        self.done += 1


@cache
def engine():  # noqa: ANN201 - a rapidocr_onnxruntime.RapidOCR
    """The OCR engine, built once per process. The angle classifier is off: it turns upright
    lines of dense Chinese print upside down now and then, and scans arrive upright."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as err:
        raise OcrUnavailable(str(err)) from err
    threads = int(os.environ.get(THREADS_ENV) or 0) or (os.cpu_count() or 1)
    return RapidOCR(
        use_cls=False,
        text_score=MIN_LINE_SCORE,
        intra_op_num_threads=threads,
        inter_op_num_threads=1,
    )


def may_read(name: str) -> bool:
    """True for a file OCR may have to read (a PDF or an image), by its name."""
    return name.lower().endswith(OCR_SUFFIXES)


def available() -> bool:
    """True when the OCR package can be imported (without building the engine)."""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def page_lines(image: Image.Image) -> list[str]:
    """The text lines of one page image, top to bottom; [] for a page with no text."""
    import numpy as np

    image = bounded(image).convert("RGB")
    result, _ = engine()(np.asarray(image))
    boxes = [_box(points, text) for points, text, _score in result or [] if text.strip()]
    return [_join(line) for line in _visual_lines(boxes)]


def bounded(image: Image.Image) -> Image.Image:
    """The image scaled down to at most MAX_PIXELS."""
    pixels = image.width * image.height
    if pixels <= MAX_PIXELS:
        return image
    ratio = (MAX_PIXELS / pixels) ** 0.5
    return image.resize((max(1, int(image.width * ratio)), max(1, int(image.height * ratio))))


def _box(points: Iterable[Iterable[float]], text: str) -> Box:
    xs, ys = zip(*((float(x), float(y)) for x, y in points), strict=True)
    return Box(min(xs), min(ys), max(xs), max(ys), text.strip())


def _visual_lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines: a box joins the line whose vertical middle lies within it."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.left)):
        if lines and _same_line(lines[-1][-1], box):
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.left) for line in lines]


def _same_line(last: Box, box: Box) -> bool:
    return last.top <= box.middle <= last.bottom or box.top <= last.middle <= box.bottom


def _join(line: list[Box]) -> str:
    parts = [line[0].text]
    for before, box in zip(line, line[1:], strict=False):
        gap = box.left - before.right
        parts.append(" | " if gap > CELL_GAP * min(before.height, box.height) else " ")
        parts.append(box.text)
    return "".join(parts)


# ---------------------------------------------------------------- image files


def image_frames(data: bytes) -> Iterator[Image.Image]:
    """Each frame of an image file (one for PNG/JPEG, every page of a TIFF), bounded in pixels.
    Raises for bytes that are no image or exceed MAX_IMAGE_PIXELS."""
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # larger images raise DecompressionBombError
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image too large")
        for frame in ImageSequence.Iterator(image):
            yield bounded(frame.copy())


# ---------------------------------------------------------------- marking OCR'd values

SIGNAL = "ocr"  # Fact.signals: read from an OCR'd page; the confidence stage weighs it down


def mark(doc: Document, facts: list[Fact]) -> list[Fact]:
    """`facts` of `doc` with those read from OCR'd pages carrying the "ocr" signal and their page
    in the note ("扫描件第3页,文字识别"). A value without a position (derived) in a document
    with OCR'd pages is marked too: it was computed from OCR'd figures."""
    if not doc.ocr_pages:
        return facts
    marked = []
    for fact in facts:
        page = _page(doc, fact.start)
        marked.append(fact if page and page not in doc.ocr_pages else _marked(fact, page))
    return marked


def _page(doc: Document, offset: int) -> int:
    """The 1-based page of `offset` in doc.text; 0 when unknown."""
    if offset < 0 or not doc.pages:
        return 0
    return sum(1 for start in doc.pages if start <= offset)


def _marked(fact: Fact, page: int) -> Fact:
    note = f"扫描件第{page}页,文字识别" if page else "由扫描件文字识别的数值推算"
    return replace(fact, signals=(*fact.signals, SIGNAL), note=f"{fact.note};{note}" if fact.note else note)
