"""Traditional characters are read as simplified by OpenCC, one for one; the exceptions file is short and
every line of it is still needed."""

from __future__ import annotations

import opencc
import pytest

from pipeline import script


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("行政復議案件1,234件,審結率為98.5%", "行政复议案件1,234件,审结率为98.5%"),
        ("臺灣地區群眾調解糾紛", "台湾地区群众调解纠纷"),
        ("法律援助案件2154件", "法律援助案件2154件"),  # simplified text is left alone
        ("", ""),
    ],
)
def test_traditional_is_read_as_simplified(written: str, read: str) -> None:
    assert script.to_simplified(written) == read


def test_offsets_stay_valid() -> None:
    text = "乾縣人民政府關於2023年法治政府建設情況的報告\n受理行政復議案件86件。" * 50
    assert len(script.to_simplified(text)) == len(text)


@pytest.mark.parametrize("word", script.exceptions())
def test_each_exception_is_still_needed_and_kept(word: str) -> None:
    assert opencc.OpenCC("t2s").convert(word) != word, f"OpenCC now keeps {word}: remove the line"
    assert script.to_simplified(f"{word}人民政府關於") == f"{word}人民政府关于"


def test_the_exceptions_file_stays_short() -> None:
    assert 0 < len(script.exceptions()) <= 20
