"""The per-character work of ingest done by regex scans (normalise_text, _looks_garbled,
_looks_binary) gives exactly what the character-by-character definitions give."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import ingest

SAMPLES = "全市共收到行政复议申请126件,依法受理118件。⼀⼆⺠\u3000\u00a0\u2003\t\u200b\u202e\ufeff\u00ad１２％（）"
ALPHABET = st.one_of(
    st.sampled_from(list(SAMPLES + " \n\r\x0b\x0c\u2028ab1.,;:%|")),
    st.characters(min_codepoint=0x2E80, max_codepoint=0x2FDF),  # radicals
    st.characters(categories=("Cf", "Zs", "Cc")),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x4E50),
)


def reference_normalise(text: str) -> str:
    """normalise_text as it was written before: four str.translate passes over every character."""
    text = ingest._NEWLINES.sub("\n", text)
    text = ingest._nfkc(text).translate(ingest.radicals()).translate(ingest._SPACES)
    text = text.translate(ingest._INVISIBLE).translate(ingest._format_characters())
    text = re.sub(r" {2,}", " ", text)
    cjk, tight = ingest._CJK, ingest._TIGHT
    text = re.sub(rf"(?<=[{cjk}]) (?=[{cjk}{tight}])|(?<=[{tight}]) (?=[{cjk}])", "", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip(" \n")


def reference_garbled(text: str) -> bool:
    sample = text[:20000]
    foreign = [c for c in sample if ord(c) > 0x7F and not c.isspace()]
    if not foreign:
        return False
    if sum(1 for c in foreign if not ingest._expected_in_chinese(c)) > 0.1 * len(foreign):
        return True
    han = [c for c in foreign if ingest._is_han(c)]
    return len(han) >= 30 and sum(1 for c in han if c in ingest._COMMON) < 0.08 * len(han)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=200))
def test_normalise_text_is_the_character_by_character_definition(text: str):
    assert ingest.normalise_text(text) == reference_normalise(text)


@settings(max_examples=200, deadline=None)
@given(st.text(st.one_of(ALPHABET, st.characters(min_codepoint=0x80, max_codepoint=0x2000)), max_size=300))
def test_the_mojibake_check_is_the_character_by_character_definition(text: str):
    assert ingest._looks_garbled(text) == reference_garbled(text)


def test_the_regex_classes_hold_the_same_characters_as_the_predicates():
    everything = "".join(chr(code) for code in range(0x80, 0x30000) if not 0xD800 <= code <= 0xDFFF)
    ascii_or_space, expected, not_han, _ = ingest._garble_patterns()
    foreign = ascii_or_space.sub("", everything)
    assert foreign == "".join(c for c in everything if not c.isspace())
    assert expected.sub("", foreign) == "".join(c for c in foreign if not ingest._expected_in_chinese(c))
    assert not_han.sub("", foreign) == "".join(c for c in foreign if ingest._is_han(c))


@given(st.binary(max_size=3000))
def test_control_bytes_are_counted_as_before(data: bytes):
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte in ingest._CONTROL_BYTES)
    assert ingest._looks_binary(data) == (controls > 0.02 * len(sample))


def test_the_samples_normalise_as_before():
    from pathlib import Path

    for path in sorted((Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        assert ingest.normalise_text(text) == reference_normalise(text)
