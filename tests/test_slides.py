"""Specification of the PPTX deck (app/slides.py): 16:9, one chart per slide, title, source, evidence notes, fonts."""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from app import figures, labels, slides
from tests.test_figures import CITIES

PNG = (  # a 1×1 PNG: the deck only places the image
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def test_the_deck_holds_one_chart_per_slide_with_title_source_and_notes():
    notes = slides.evidence_notes(CITIES)
    data = slides.deck([slides.Slide("行政复议受理数 · 2022年", PNG, notes=notes), slides.Slide("第二张", PNG)])
    prs = _open(data)
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    first, second = prs.slides
    texts = [s.text_frame.text for s in first.shapes if s.has_text_frame]
    assert "行政复议受理数 · 2022年" in texts and labels.SOURCE_NOTE in texts
    assert [s.shape_type for s in first.shapes].count(13) == 1  # one picture
    spoken = first.notes_slide.notes_text_frame.text
    assert "乙市 2022年 行政复议受理数:≥1,686件" in spoken and "受理1686件" in spoken
    assert "110100_2022.txt" in spoken
    assert not second.has_notes_slide or not second.notes_slide.notes_text_frame.text


def test_every_run_names_a_chinese_font_for_east_asian_text():
    prs = _open(slides.deck([slides.Slide("标题", PNG, notes="备注")]))
    runs = [r for s in prs.slides[0].shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        rpr = run._r.find(qn("a:rPr"))
        assert rpr.find(qn("a:latin")).get("typeface") == slides.FONT
        assert rpr.find(qn("a:ea")).get("typeface") == slides.FONT
        assert rpr.get("lang") == "zh-CN"
    assert prs.core_properties.language == "zh-CN"


def test_long_value_lists_are_cut_and_say_so():
    many = pd.concat([CITIES] * 40, ignore_index=True)
    notes = slides.evidence_notes(many, limit=10)
    assert len(notes.splitlines()) == 12 and "另有 110 个数值未列出" in notes


@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs a local Chromium")
def test_a_deck_of_a_real_chart_image_opens():
    image = figures.to_image(figures.compare_bar(CITIES, name="行政复议受理数", unit="件", year=2022, slide=True))
    prs = _open(slides.deck([slides.Slide("行政复议受理数", image, notes=slides.evidence_notes(CITIES))]))
    [picture] = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert picture.image.size == (1920, 1080)
