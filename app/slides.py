"""Presentation decks: chart images in, a 16:9 PPTX out (python-pptx), one chart per slide.

Owns: the deck's shape — 16:9 slides, a title, the chart image (1920×1080, made by
app.figures.to_image), the source line, and the evidence of each value in the speaker notes —
and its fonts: every run names 微软雅黑 as both its Latin and its East-Asian typeface, so WPS and
PowerPoint show the Chinese text without substituting a font; the document language is zh-CN.
Must never: import streamlit, render figures or read files; callers hand in the image bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from app import labels, numfmt

FONT = "微软雅黑"
WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in: PowerPoint's 16:9
BLANK_LAYOUT = 6
NOTES_LIMIT = 80  # values listed in one slide's notes; a longer list says how many are left out


@dataclass(frozen=True)
class Slide:
    """One chart slide: its title, the PNG, the source line under it and the speaker notes."""

    title: str
    image: bytes
    source: str = labels.SOURCE_NOTE
    notes: str = ""


def evidence_notes(rows: pd.DataFrame, limit: int = NOTES_LIMIT) -> str:
    """The speaker notes of a chart: per value, place, year, value with marks, the sentence and its report."""
    lines = ["各数值的原文依据:"]
    ordered = rows.sort_values(["value", "adcode", "year"], ascending=[False, True, True])
    for row in ordered.head(limit).itertuples(index=False):
        label = numfmt.value_label(row.value, row.unit, row.qualifier, row.method)
        evidence = str(row.evidence or "").strip() or "(无单独的原文句子)"
        source = str(getattr(row, "title", "") or "") or str(row.source)
        lines.append(
            f"{row.jurisdiction} {int(row.year)}年 {row.indicator_name}:{label}。原文:“{evidence}”(来源:{source})"
        )
    if len(ordered) > limit:
        lines.append(f"……另有 {len(ordered) - limit} 个数值未列出,请在看板的来源核对页面查看。")
    return "\n".join(lines)


def deck(slides: Sequence[Slide], title: str = "法治指标看板") -> bytes:
    """A PPTX of `slides` (16:9, one chart each), fonts set for Chinese."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = title
    prs.core_properties.language = "zh-CN"
    for item in slides:
        _add(prs, item)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _add(prs, item: Slide) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
    margin = Emu(300_000)
    title_box = slide.shapes.add_textbox(margin, Emu(150_000), WIDTH - 2 * margin, Emu(600_000))
    _text(title_box.text_frame, [item.title], size=24, bold=True)
    source_top = HEIGHT - Emu(450_000)
    top = Emu(800_000)
    # The image keeps its 16:9 shape in the space between title and source line.
    height = source_top - top - Emu(50_000)
    width = int(height * 16 / 9)
    left = int((WIDTH - width) / 2)
    slide.shapes.add_picture(io.BytesIO(item.image), left, top, width=width, height=height)
    source_box = slide.shapes.add_textbox(margin, source_top, WIDTH - 2 * margin, Emu(350_000))
    _text(source_box.text_frame, [item.source], size=12, colour=RGBColor(0x55, 0x55, 0x55))
    if item.notes:
        _text(slide.notes_slide.notes_text_frame, item.notes.splitlines(), size=12)


def _text(frame, lines: Iterable[str], size: int, bold: bool = False, colour: RGBColor | None = None) -> None:
    """Replace `frame`'s text by `lines`, one paragraph each, every run in FONT (Latin and East-Asian)."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        if colour is not None:
            run.font.color.rgb = colour
        _east_asian(run)


def _east_asian(run) -> None:
    """Name FONT as the run's East-Asian typeface (<a:ea>), which font.name (<a:latin>) does not set."""
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")
    anchor = rpr.find(qn("a:latin"))  # schema order: latin, ea, cs
    for tag in ("a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            if anchor is not None:
                anchor.addnext(element)
            else:
                rpr.append(element)
        element.set("typeface", FONT)
        anchor = element
