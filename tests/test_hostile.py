"""Hostile and broken input in the app: document text is shown as text everywhere (never as HTML),
and a corrupt or hand-damaged processed folder gives a Chinese message and 重新生成, not a traceback.
"""

from __future__ import annotations

import os

import pytest

from app.labels import PAGES
from tests.conftest import HUANGSHAN_2023

SCRIPT = "<script>alert(1)</script>"
HOSTILE_2023 = HUANGSHAN_2023.replace("全年共收到", f"{SCRIPT}<b>全年</b>共收到")
HOSTILE_2024 = """黄山市人民政府关于2024年法治政府建设情况的报告

一、行政复议工作
2024年全市共收到行政复议申请350件。<img src=x onerror=alert(2)>2023年全市共收到行政复议申请330件。

黄山市人民政府
2025年1月20日
"""
TAGS = ("<script", "<b>", "<img")  # escaped, "onerror=…" is harmless text


def assert_no_live_markup(at) -> None:
    """No element renders document markup: Markdown (HTML allowed or not) holds only escaped tags."""
    assert not at.exception, [e.value for e in at.exception]
    # the only raw HTML allowed is the app's own fixed lang="zh-CN" script (dashboard.LANG_SCRIPT)
    assert all("document.documentElement.lang" in h.proto.body and "<b>" not in h.proto.body for h in at.get("html"))
    for element in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]:
        assert not any(tag in str(element.value) for tag in TAGS), element.value


def markdown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


@pytest.fixture
def hostile_raw(editor_dirs):
    raw, processed = editor_dirs
    (raw / "黄山2023.txt").write_text(HOSTILE_2023, encoding="utf-8")
    (raw / "黄山2024.txt").write_text(HOSTILE_2024, encoding="utf-8")
    return raw, processed


def test_an_uploaded_report_with_markup_is_previewed_as_text(editor_app, editor_dirs):
    at = editor_app(page="upload")
    at.file_uploader(key="upload.file").set_value(("<b>黄山</b>.txt", HOSTILE_2023.encode(), "text/plain")).run()
    assert_no_live_markup(at)
    evidence = at.dataframe[0].value["原文依据"]
    assert evidence.str.contains(SCRIPT, regex=False).any()  # literally, in a plain-text cell
    assert evidence.str.contains("<b>全年</b>", regex=False).any()
    at.button(key="upload.confirm").click().run()
    assert_no_live_markup(at)


def test_the_correction_page_shows_hostile_evidence_escaped(editor_app, hostile_raw):
    at = editor_app(page="correct", place="341000", year="2023", indicator="review_received")
    assert_no_live_markup(at)
    shown = markdown_text(at)
    assert "&lt;script&gt;alert" in shown and "&lt;b&gt;全年&lt;/b&gt;" in shown and "<mark>320</mark>" in shown


def test_the_conflict_review_shows_hostile_evidence_escaped(editor_app, hostile_raw):
    at = editor_app(page="review")
    assert_no_live_markup(at)
    assert "&lt;img src=x onerror=alert" in markdown_text(at).replace("&#40;", "(")


def test_hostile_reasons_in_the_correction_log_are_shown_as_text(editor_app, hostile_raw):
    from pipeline.corrections import Correction, append

    raw, _ = hostile_raw
    append(
        raw / "corrections.csv",
        Correction("黄山市", 2023, "review_received", "set", 321.0, f"{SCRIPT}核对", "<b>某人</b>"),
    )
    at = editor_app(page="correct", place="341000", year="2023", indicator="review_received")
    assert_no_live_markup(at)
    history = at.dataframe[-1].value
    assert history.iloc[0]["理由"] == f"{SCRIPT}核对" and history.iloc[0]["校正人"] == "<b>某人</b>"


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_over_hostile_reports_shows_no_live_markup(editor_app, hostile_raw, page):
    assert_no_live_markup(editor_app(page=page, place="341000", indicator="review_received", year="2023"))


# ---------------------------------------------------------------- damaged processed folder


def _garbage(path):
    path.write_bytes(b"\xff\xfe\x00garbage\x00\x81\n\x00")


def _no_columns(path):
    path.write_text("jurisdiction,year\n黄山市,2023\n", encoding="utf-8")


def _truncated(path):
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2] + '"unterminated,', encoding="utf-8")


def _nonsense_cells(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    path.write_text(header + "\n" + ",".join(["=cmd"] * len(header.split(","))) + "\n", encoding="utf-8")


def _empty(path):
    path.write_bytes(b"")


DAMAGE = {
    "garbage": _garbage,
    "missing_columns": _no_columns,
    "truncated": _truncated,
    "nonsense_cells": _nonsense_cells,
    "empty": _empty,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_indicator_file_gives_a_message_and_a_rebuild_button(editor_app, hostile_raw, damage):
    raw, processed = hostile_raw
    assert not editor_app(page="compare", login=False).exception  # the first run builds
    (processed / "indicators.parquet").unlink()
    DAMAGE[damage](processed / "indicators.csv")
    at = editor_app(page="compare", login=False)
    assert not at.exception, [e.value for e in at.exception]
    assert any(b.key and b.key.startswith("data.rebuild") for b in at.button), damage
    at.button(key=next(b.key for b in at.button if b.key.startswith("data.rebuild"))).click().run()
    assert not at.exception and at.get("plotly_chart")  # rebuilt from the raw folder


def test_a_broken_parquet_falls_back_to_the_csv(editor_app, hostile_raw):
    raw, processed = hostile_raw
    editor_app(page="compare", login=False)
    parquet = processed / "indicators.parquet"
    parquet.write_bytes(b"PAR1 not really")
    stat = (processed / "indicators.csv").stat()
    os.utime(parquet, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    at = editor_app(page="compare", login=False)
    assert not at.exception and at.get("plotly_chart")


@pytest.mark.parametrize("name", ["conflicts.csv", "documents.csv", "corrections_applied.csv", "build.json"])
def test_damaged_side_tables_never_raise(editor_app, hostile_raw, name):
    raw, processed = hostile_raw
    editor_app(page="compare", login=False)
    _garbage(processed / name)
    for page in ("coverage", "review", "correct", "sources"):
        at = editor_app(page=page, login=False)
        assert not at.exception, (name, page, [e.value for e in at.exception])


def test_a_page_that_fails_on_odd_data_says_so_in_chinese(app_run, monkeypatch):
    from app.views import trend

    def broken(*_):
        raise KeyError("level")

    monkeypatch.setattr(trend, "render", broken)
    at = app_run(page="trend")
    assert not at.exception and "此页面无法显示" in at.error[0].value


# ---------------------------------------------------------------- builds shared by sessions


def test_a_failed_build_is_not_rerun_by_every_new_session(editor_app, editor_dirs, report_bytes, monkeypatch):
    from pipeline import build as build_module

    raw, _ = editor_dirs
    (raw / "黄山2023.txt").write_bytes(report_bytes)
    calls, real = [], build_module._output_set

    def failing(*args):
        calls.append(1)
        raise OSError("磁盘已满")

    monkeypatch.setattr(build_module, "_output_set", failing)
    first = editor_app(page="compare", login=False)
    second = editor_app(page="compare", login=False)
    assert len(calls) == 1  # the second visitor is told, not made to wait for the same failure
    assert any("磁盘已满" in str(e.value) for e in second.error)
    monkeypatch.setattr(build_module, "_output_set", real)
    assert not first.exception and not second.exception


# ---------------------------------------------------------------- Markdown in titles and file names

MARKDOWN_TITLE = "**黄山市**人民政府关于[2023年](http://evil.example):red[法治政府]建设情况的报告"
MARKDOWN_NAME = "[点此](mailto:x@evil.example) **黄山**.txt"  # a file name has no "/"


def assert_inert(cell: str) -> None:
    """No Markdown syntax left raw in a table cell (st.table renders Markdown)."""
    assert not any(mark in cell for mark in ("**", "](", ":red[", "http://")), cell


def test_markdown_in_a_report_title_is_inert_in_the_upload_preview(editor_app, report_bytes):
    text = report_bytes.decode().replace("黄山市人民政府关于2023年法治政府建设情况的报告", MARKDOWN_TITLE, 1)
    at = editor_app(page="upload")
    at.file_uploader(key="upload.file").set_value(("x.txt", text.encode(), "text/plain")).run()
    assert not at.exception
    title = at.table[0].value.loc["标题", "内容"]
    assert "evil" in title and "报告" in title  # the title is shown, escaped
    assert_inert(title)


def test_a_file_name_with_markdown_is_inert_in_the_source_check(editor_app, editor_dirs, report_bytes):
    raw, _ = editor_dirs
    (raw / MARKDOWN_NAME).write_bytes(report_bytes)
    at = editor_app(page="sources", login=False, place="341000", year="2023", indicator="review_received")
    assert not at.exception
    # the page names the report by its title; a file name shown anywhere (no title) stays inert too
    source = at.table[0].value.loc["来源报告", "内容"]
    assert "黄山市" in source
    assert_inert(source)
    assert_no_live_markup(at)
