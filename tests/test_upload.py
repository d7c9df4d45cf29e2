"""上传报告: safe names, no overwrite, duplicates recognised, atomic writes, the preview, the size limit,
and one end-to-end run: upload -> confirm -> comparison view -> correction -> corrected value marked.

The AppTest runs use a temporary raw/processed pair (FAZHI_RAW_DIR + FAZHI_DATA_DIR, see app/data.py),
so the app builds there with the real pipeline and never touches data/.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pytest

from app import store

# ---------------------------------------------------------------- app/store.py (pure)


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("黄山市2023.txt", "黄山市2023.txt"),
        ("../../etc/passwd.TXT", "passwd.txt"),
        ("C:\\Users\\张三\\桌面\\报告 2023.docx", "报告 2023.docx"),
        (".hidden.md", "hidden.md"),
        (".txt", "报告.txt"),
        ("..", "报告"),
        ("a\u202etxt.exe.pdf", "atxt.exe.pdf"),  # a bidi override cannot disguise the suffix
        ("bad\x00\x1f\x7fname.html", "badname.html"),
        ('what?<is>:"this"|*.htm', "what_is_this.htm"),
        ("con.txt", "报告_con.txt"),
        ("report.txt. . ", "report.txt"),
    ],
)
def test_safe_name_keeps_only_a_plain_base_name_and_the_suffix(given, safe):
    assert store.safe_name(given) == safe


def test_safe_name_bounds_the_length_and_keeps_the_suffix():
    name = store.safe_name("长" * 200 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= store.MAX_NAME_BYTES


def test_save_writes_once_and_recognises_the_same_content(tmp_path, report_bytes):
    first = store.save(tmp_path, "../黄山.txt", report_bytes)
    again = store.save(tmp_path, "另一个名字.txt", report_bytes)
    assert (first.name, first.duplicate) == ("黄山.txt", False)
    assert (again.name, again.duplicate) == ("黄山.txt", True)
    assert [p.name for p in tmp_path.iterdir()] == ["黄山.txt"]  # no temp file left behind
    assert (tmp_path / "黄山.txt").read_bytes() == report_bytes


def test_save_never_overwrites_a_different_file(tmp_path, report_bytes):
    (tmp_path / "黄山.txt").write_bytes(b"an older, different report")
    (tmp_path / "黄山_2.txt").write_bytes(b"another one")
    stored = store.save(tmp_path, "黄山.txt", report_bytes)
    assert stored.name == "黄山_3.txt" and not stored.duplicate
    assert (tmp_path / "黄山.txt").read_bytes() == b"an older, different report"
    assert (tmp_path / "黄山_2.txt").read_bytes() == b"another one"


def test_save_creates_the_raw_folder(tmp_path, report_bytes):
    stored = store.save(tmp_path / "new" / "raw", "a.txt", report_bytes)
    assert stored.path.read_bytes() == report_bytes


# ---------------------------------------------------------------- the page under AppTest


def texts(at) -> str:
    """Every message shown, entities decoded (names are written as entities so Markdown leaves them alone)."""
    parts = [*at.info, *at.warning, *at.error, *at.success, *at.caption, *at.markdown]
    return html.unescape("\n".join(str(p.value) for p in parts))


def upload(at, name: str, content: bytes):
    at.file_uploader(key="upload.file").set_value((name, content, "text/plain")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_preview_shows_place_year_and_values_before_anything_is_saved(editor_app, editor_dirs, report_bytes):
    raw, _ = editor_dirs
    at = upload(editor_app(), "黄山市2023.txt", report_bytes)
    detected = at.table[0].value
    assert detected.loc["地区", "内容"] == "黄山市" and detected.loc["年份", "内容"] == "2023年"
    assert detected.loc["层级", "内容"] == "地级" and detected.loc["所属省份", "内容"] == "安徽省"
    assert detected.loc["行政区划代码", "内容"] == "341000"
    values = at.dataframe[0].value
    shown = dict(zip(values["指标"], values["数值"], strict=True))
    assert shown["行政复议收到申请数"] == "320件" and shown["行政复议受理数"] == "298件"
    assert values["原文依据"].str.contains("受理298件").any() and values["原文依据"].str.len().gt(0).all()
    assert "已识别地区和年份" in texts(at)
    assert list(raw.iterdir()) == []  # a preview stores nothing


def test_confirm_stores_one_safely_named_file_and_a_second_identical_upload_is_recognised(
    editor_app, editor_dirs, report_bytes
):
    raw, processed = editor_dirs
    at = upload(editor_app(), "../../黄山市\x1f<2023>.txt", report_bytes)
    at.button(key="upload.confirm").click().run()
    assert not at.exception
    assert [p.name for p in raw.iterdir()] == ["黄山市_2023.txt"]
    assert "已保存为“黄山市_2023.txt”" in texts(at)
    assert "黄山市" in (processed / "indicators.csv").read_text(encoding="utf-8")
    upload(at, "copy.txt", report_bytes)
    assert "已有内容完全相同的文件" in texts(at)
    assert not _has_button(at, "upload.confirm")
    assert [p.name for p in raw.iterdir()] == ["黄山市_2023.txt"]


def _has_button(at, key: str) -> bool:
    return any(b.key == key for b in at.button)


def test_a_too_large_upload_is_refused_with_a_message(editor_app, editor_dirs, monkeypatch):
    from app.views import upload as page

    raw, _ = editor_dirs
    monkeypatch.setattr(page, "limits", lambda: (1024, (".txt", ".md", ".html", ".htm", ".pdf", ".docx")))
    at = upload(editor_app(), "big.txt", "黄".encode() * 2000)
    assert at.error and "超过" in at.error[0].value and "未读取也未保存" in at.error[0].value
    assert not _has_button(at, "upload.confirm") and list(raw.iterdir()) == []


def test_the_stated_limit_is_the_pipelines_and_the_server_config_matches():
    from app.views.upload import limits
    from pipeline.ingest import MAX_BYTES

    assert limits()[0] == MAX_BYTES
    config = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"maxUploadSize = {MAX_BYTES // (1024 * 1024)}" in config


def test_an_unreadable_upload_is_explained_and_cannot_be_saved(editor_app, editor_dirs):
    at = upload(editor_app(), "scan.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert at.error and "无法使用此文件" in at.error[0].value
    assert at.button(key="upload.confirm").disabled


def test_without_editor_rights_the_preview_works_but_nothing_can_be_saved(editor_app, report_bytes):
    at = upload(editor_app(password=None), "黄山.txt", report_bytes)
    assert at.table[0].value.loc["地区", "内容"] == "黄山市"
    assert not _has_button(at, "upload.confirm") and "保存需要编辑权限" in texts(at)


# ---------------------------------------------------------------- end to end


def bars(at) -> dict[str, str]:
    """Bar name -> its value label, from the comparison chart's Plotly spec."""
    trace = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    return {name.split(". ", 1)[1]: text for name, text in zip(trace["y"], trace["text"], strict=True)}


def test_end_to_end_upload_compare_correct_compare(editor_app, editor_dirs, report_bytes):
    raw, processed = editor_dirs
    at = upload(editor_app(page="upload"), "黄山市2023年法治政府建设报告.txt", report_bytes)
    at.button(key="upload.confirm").click().run()
    assert not at.exception and [p.name for p in raw.iterdir()] == ["黄山市2023年法治政府建设报告.txt"]

    at.sidebar.radio(key="nav.page").set_value("compare").run()
    at.selectbox(key="compare.indicator").set_value("review_received").run()
    at.selectbox(key="compare.year").set_value(2023).run()
    assert not at.exception and bars(at) == {"黄山市": "320件"}

    at.sidebar.radio(key="nav.page").set_value("correct").run()
    at.selectbox(key="correct.place").set_value("341000").run()
    at.selectbox(key="correct.year").set_value(2023).run()
    at.selectbox(key="correct.indicator").set_value("review_received").run()
    at.number_input(key="correct.value").set_value(330).run()
    at.text_input(key="correct.reason").input("据纸质版核对更正").run()
    at.button(key="correct.save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    log = (raw / "corrections.csv").read_text(encoding="utf-8").splitlines()
    assert len(log) == 2 and log[1].startswith("黄山市,2023,review_received,set,330,据纸质版核对更正,共享密码,")
    history = at.dataframe[-1].value
    assert history.iloc[0]["结果"].startswith("已生效") and history.iloc[0]["数值"] == "330"

    at.sidebar.radio(key="nav.page").set_value("compare").run()
    assert not at.exception and bars(at) == {"黄山市": "330件 ✎"}
    assert (
        hashlib.sha256((raw / "黄山市2023年法治政府建设报告.txt").read_bytes()).digest()
        == hashlib.sha256(report_bytes).digest()
    )  # the report itself was never touched


def test_an_unsupported_format_is_explained_in_chinese_and_nothing_is_read(editor_app, editor_dirs):
    raw, _ = editor_dirs
    at = upload(editor_app(), "报告.xyz", b"whatever")
    shown = texts(at)
    assert "格式(.xyz)不受支持" in shown and "未读取也未保存" in shown
    assert not at.table and list(raw.iterdir()) == []


def test_an_editor_states_place_and_year_when_detection_fails(editor_app, editor_dirs, report_bytes):
    raw, processed = editor_dirs
    anonymous = report_bytes.decode("utf-8").replace("黄山市", "我市").replace("2023年", "本年度").encode("utf-8")
    at = upload(editor_app(), "无名.txt", anonymous)
    assert at.text_input(key="upload.place").value == ""
    at.text_input(key="upload.place").set_value("黄山市")
    at.number_input(key="upload.year").set_value(2023).run()
    at.button(key="upload.confirm").click().run()
    assert not at.exception
    lines = (raw / "report_places.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "source,jurisdiction,year,reason" and lines[1].startswith("无名.txt,黄山市,2023,")
    assert "黄山市" in (processed / "indicators.csv").read_text(encoding="utf-8")


def test_the_uploader_s_own_english_is_overlaid_in_chinese(editor_app):
    from app.views.upload import uploader_css

    css = uploader_css(20 * 1024 * 1024)
    assert '"选择文件"' in css and "每个文件不超过 20 MB" in css and "<script" not in css
    assert any("选择文件" in m.value for m in editor_app().markdown)


# ---------------------------------------------------------------- many files and .zip archives


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_many_files_and_a_zip_get_one_result_each_and_the_chosen_are_saved(editor_app, editor_dirs, report_bytes):
    raw, processed = editor_dirs
    other = report_bytes.replace("黄山市".encode(), "宣城市".encode())
    archive = _zip({"2023/宣城.txt": other, "../escape.txt": b"x", "bad.pdf": b"%PDF-1.4 broken"})
    at = editor_app()
    at.file_uploader(key="upload.file").set_value(
        [("黄山.txt", report_bytes, "text/plain"), ("批量.zip", archive, "application/zip")]
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    results = at.dataframe[0].value.set_index("文件")
    assert list(results.index) == ["黄山.txt", "批量.zip/2023/宣城.txt", "批量.zip/../escape.txt", "批量.zip/bad.pdf"]
    assert results.loc["黄山.txt", "地区"] == "黄山市" and results.loc["黄山.txt", "年份"] == "2023年"
    assert results.loc["批量.zip/2023/宣城.txt", "地区"] == "宣城市" and results.loc["黄山.txt", "数值个数"] > 0
    assert results.loc["批量.zip/../escape.txt", "状态"] == "已拒绝"
    assert list(raw.iterdir()) == []  # previews store nothing
    assert at.multiselect(key="upload.chosen").value == ["黄山.txt", "批量.zip/2023/宣城.txt"]
    at.multiselect(key="upload.chosen").set_value(["批量.zip/2023/宣城.txt"]).run()
    at.button(key="upload.confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [p.name for p in raw.iterdir()] == ["宣城.txt"]
    assert "已保存 1 个文件" in texts(at)
    assert "宣城市" in (processed / "indicators.csv").read_text(encoding="utf-8")
