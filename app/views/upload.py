"""上传报告: show what the pipeline reads from files, then (editors only) store them in the raw folder and rebuild.

Owns: the upload widget (many files and .zip archives) and its size limit, the preview (status,
detected place and year, each value with its evidence; for many files a progress bar and one
result line per file, with the details of any one), and the confirm step that saves all or the
chosen files through the pipeline's raw store and rebuilds once.
Must never: parse reports itself, write anywhere but through `app.store`, or show document text
other than as escaped text (evidence goes into a dataframe cell or through `common.plain`).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from app import auth, data, frames, labels, store
from app.views import common

DONE_KEY = "upload.done"
FALLBACK_LIMIT = 20 * 1024 * 1024
FALLBACK_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


def limits() -> tuple[int, tuple[str, ...]]:
    """(largest accepted size in bytes, accepted suffixes) as the pipeline's ingest defines them."""
    try:
        from pipeline import api

        return api.limits()
    except Exception:  # ingest not importable (yet): the documented defaults, so the page still works
        return FALLBACK_LIMIT, FALLBACK_SUFFIXES


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


@st.cache_data(show_spinner="正在读取文件…", max_entries=500)
def preview(content: bytes, name: str):  # -> (Document, Location, list[Fact]); cached per content and name
    from pipeline import api

    return api.preview(content, name)


def uploader_css(limit: int) -> str:
    """Chinese for the file uploader's own English ("Upload", "20MB per file"), which Streamlit has no setting for."""
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    hint = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    return (
        f"<style>{button}, {hint} {{font-size: 0 !important;}}"
        f'{button}::after {{content: "选择文件"; font-size: 0.875rem;}}'
        f'{hint}::after {{content: "也可把文件拖放到这里 · 每个文件不超过 {megabytes(limit)} MB";'
        " font-size: 0.875rem;}"
        "</style>"
    )


ZIP = ".zip"
STATUS_LABELS = {"refused": "已拒绝", "duplicate": "已存在"}


def render(dataset: data.Dataset | None, presentation: bool) -> None:
    st.header("上传报告")
    editable = auth.editor_access("upload")
    limit, suffixes = limits()
    raw = data.raw_dir()
    st.caption(
        f"支持 {'、'.join(s.lstrip('.') for s in suffixes)} 格式,单个文件不超过 {megabytes(limit)} MB;"
        "可一次选择多个文件,或上传 .zip 压缩包。"
        f"保存前先显示能读出的内容;确认后文件存入报告文件夹 {raw} 并重新生成数据表。"
        "已有的文件不会被修改或删除。"
    )
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)
    st.markdown(uploader_css(limit), unsafe_allow_html=True)
    # No `type=` filter: Streamlit would refuse other files with an English message; we explain in Chinese.
    uploads = st.file_uploader(
        "选择报告文件(可多选,也可以是 .zip 压缩包)",
        key="upload.file",
        accept_multiple_files=True,
        max_upload_size=max(1, -(-limit // (1024 * 1024))),
    )
    if not uploads:
        _raw_files(raw)
        return
    uploads = _supported(uploads, suffixes)
    if not uploads:
        return
    if len(uploads) == 1 and not uploads[0].name.lower().endswith(ZIP):
        _single(uploads[0], raw, limit, editable, done)
    else:
        _many(uploads, raw, limit, editable)


def _supported(uploads, suffixes: tuple[str, ...]) -> list:  # noqa: ANN001 - UploadedFiles
    """The uploads of a readable format; the others are named with a Chinese explanation and left out."""
    accepted = (*suffixes, ZIP)
    kept, refused = [], []
    for upload in uploads:
        suffix = ("." + upload.name.rsplit(".", 1)[-1].lower()) if "." in upload.name else ""
        (kept if suffix in accepted else refused).append((upload, suffix))
    for upload, suffix in refused:
        st.error(
            f"文件“{common.plain(upload.name)}”的格式({common.plain(suffix or '无扩展名')})不受支持,未读取也未保存。"
            f"请上传 {'、'.join(s.lstrip('.') for s in accepted)} 格式的报告。"
        )
    return [upload for upload, _ in kept]


def _single(upload, raw, limit: int, editable: bool, done) -> None:  # noqa: ANN001 - an UploadedFile
    """One report: its status, place, year and every value with its evidence, then the confirm step."""
    content = upload.getvalue()
    if len(content) > limit:
        st.error(
            f"文件“{common.plain(upload.name)}”有 {megabytes(len(content))} MB,超过 {megabytes(limit)} MB "
            "的上限,未读取也未保存。请确认这是单份报告;如果是合订本或含大量图片,请拆分或导出文字版后再上传。"
        )
        return
    name = store.safe_name(upload.name)
    doc, loc, facts = preview(content, name)
    ok = _status(doc, loc)
    _location(loc)
    _facts(facts)
    same = store.find_same(raw, content)
    if same is not None:
        if done:  # just stored by the confirm button: the success message above already says where
            return
        st.info(f"报告文件夹中已有内容完全相同的文件“{common.plain(same.name)}”,无需再次保存。")
        return
    if not editable:
        st.caption("以上为预览,文件没有保存。保存需要编辑权限。")
        return
    placed = _stated_place(loc) if ok and loc.status != "ok" else None
    _confirm(raw, upload.name, name, content, ok, placed)


def _stated_place(loc) -> tuple[str, int] | None:
    """When place or year was not detected: the editor states them (written to report_places.csv on saving)."""
    st.subheader("指定地区和年份")
    st.caption(
        "系统未能从文中确定地区或年份。请填写后再保存:保存时会记入报告文件夹中的 report_places.csv,"
        "重新生成数据表时按此处理。地区可填名称(如“黄山市”)或 6 位行政区划代码。"
    )
    a, b = st.columns([3, 1])
    detected = loc.place.name if loc.place else ""
    place = a.text_input("地区", value=detected, key="upload.place", placeholder="例如 黄山市 或 341000")
    year = b.number_input(
        "年份",
        min_value=1990,
        max_value=2100,
        value=loc.year or None,
        step=1,
        key="upload.year",
        placeholder="例如 2023",
    )
    if not place.strip() or year is None:
        st.caption("填写地区和年份后即可保存;也可以不填,直接保存(此文件暂不贡献数值)。")
        return None
    return place.strip(), int(year)


# ---------------------------------------------------------------- many files and .zip archives


def _entries(uploads, limit: int) -> list[tuple[str, bytes | None, str]]:  # noqa: ANN001 - UploadedFiles
    """(display name, bytes or None, problem) of every file uploaded, archives expanded."""
    from pipeline import api

    entries = []
    for upload in uploads:
        content = upload.getvalue()
        if upload.name.lower().endswith(ZIP):
            for item in api.archive_items(content, upload.name):
                try:
                    entries.append((item.name, item.load() if item.load else None, item.problem))
                except (OSError, ValueError) as err:
                    entries.append((item.name, None, f"无法从压缩包中读取:{err}"))
        elif len(content) > limit:
            entries.append((upload.name, None, f"超过 {megabytes(limit)} MB 的上限,未读取也未保存。"))
        else:
            entries.append((upload.name, content, ""))
    return entries


def _many(uploads, raw, limit: int, editable: bool) -> None:  # noqa: ANN001 - UploadedFiles
    """Many files: a preview of each with a progress bar, one result line per file, the details of
    any one of them, then saving all or the chosen ones."""
    from pipeline import api

    entries = _entries(uploads, limit)
    index = api.Index(raw)
    bar = st.progress(0.0, text="正在读取文件…")
    results, previews = [], {}
    for done, (name, content, problem) in enumerate(entries, 1):
        bar.progress(done / len(entries), text=f"正在读取 {done}/{len(entries)}:{name[-40:]}")
        if content is None:
            results.append(api.Outcome(name, "refused", problem))
            continue
        doc, loc, facts = preview(content, store.safe_name(name.rsplit("/", 1)[-1]))
        previews[name] = (content, doc, loc, facts)
        result = api.outcome(name, doc, loc, facts)
        same = index.find(content)
        if same is not None:
            result = replace(result, status="duplicate", stored=same.name, message=f"已有相同文件“{same.name}”")
        results.append(result)
    bar.empty()
    _results_table(results)
    readable = [r.name for r in results if r.readable and r.status != "duplicate"]
    _details(previews)
    if not editable:
        st.caption("以上为预览,文件没有保存。保存需要编辑权限。")
        return
    if not readable:
        st.info("没有可以保存的新文件。")
        return
    chosen = st.multiselect("要保存的文件(默认全部可读取的新文件)", readable, default=readable, key="upload.chosen")
    if st.button(f"保存选中的 {len(chosen)} 个文件并重新生成数据表", type="primary", key="upload.confirm"):
        _save_many(raw, [(name, previews[name][0]) for name in chosen], results)


def _results_table(results) -> None:  # noqa: ANN001 - api.Outcome records
    counts = sum(1 for r in results if r.readable)
    st.subheader(f"读取结果(共 {len(results)} 个文件,{counts} 个可以读取)")
    rows = [
        {
            "文件": r.name,  # a dataframe cell is plain text: names from an archive stay inert
            "地区": r.jurisdiction or "未识别",
            "年份": "" if r.year is None else f"{r.year}年",
            "数值个数": r.values,
            "状态": STATUS_LABELS.get(r.status, labels.STATUSES.get(r.status, r.status)),
            "说明": r.message,
        }
        for r in results
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def _details(previews: dict) -> None:
    if not previews:
        return
    name = st.selectbox("查看某个文件读出的内容", list(previews), key="upload.detail")
    if name:
        _, doc, loc, facts = previews[name]
        _status(doc, loc)
        _location(loc)
        _facts(facts)


def _save_many(raw, chosen: list[tuple[str, bytes]], results) -> None:  # noqa: ANN001 - a Path, Outcomes
    from pipeline import api

    index = api.Index(raw)
    saved, same = [], []
    bar = st.progress(0.0, text="正在保存…")
    for done, (name, content) in enumerate(chosen, 1):
        stored = api.save(raw, name.rsplit("/", 1)[-1], content, index)
        (same if stored.duplicate else saved).append(stored.name)
        bar.progress(done / len(chosen), text=f"正在保存 {done}/{len(chosen)}")
    bar.empty()
    built = data.rebuild() if saved else True
    message = f"已保存 {len(saved)} 个文件" + (f",{len(same)} 个已存在未重复保存" if same else "")
    st.session_state[DONE_KEY] = message + (
        ",数据表已重新生成。" if built else ",但重新生成数据表失败(原因见页面上方)。"
    )
    st.rerun()


def _status(doc, loc) -> bool:
    """The preview's verdict; True when the file can be read at all (worth storing)."""
    if doc.status != "ok":
        st.error(f"无法使用此文件({labels.STATUSES.get(doc.status, doc.status)}):{common.plain(doc.message)}")
        return False
    if loc.status != "ok":
        st.warning(
            f"文件可以读取,但{labels.STATUSES.get(loc.status, loc.status)}:{common.plain(loc.message)}"
            "保存后它不会贡献数值,直到问题解决。"
        )
    else:
        st.success("文件可以读取,已识别地区和年份。")
    return True


def _location(loc) -> None:
    place = loc.place
    facts = {
        "地区": place.name if place else "未识别",
        "层级": labels.LEVELS.get(place.level, place.level) if place else "—",
        "所属省份": place.province if place else "—",
        "行政区划代码": place.adcode if place else "—",
        "年份": f"{loc.year}年" if loc.year else "未识别",
        "标题": common.plain(loc.title) if loc.title else "—",  # st.table renders Markdown: the title is the report's
        "发布日期": loc.published or "—",
    }
    st.subheader("识别结果")
    st.table(pd.DataFrame({"项目": list(facts), "内容": [str(v) for v in facts.values()]}).set_index("项目"))


def _facts(facts) -> None:
    st.subheader(f"将抽取的数值({len(facts)} 个)")
    if not facts:
        common.no_data("没有找到目录中的指标数值。")
        return
    from pipeline import api

    entries = common.catalogue_entries()
    rows = []
    for fact in facts:
        name, unit, _ = entries.get(fact.indicator, (fact.indicator, "", ""))
        rows.append(
            {
                "指标": name,
                "数值": frames.fmt_value(fact.value, unit, fact.qualifier, fact.method),
                "年份": "" if fact.year is None else str(fact.year),
                "数值性质": labels.QUALIFIERS.get(fact.qualifier, fact.qualifier),
                "取得方式": labels.METHODS.get(fact.method, fact.method),
                "期间": labels.PERIODS.get(fact.period, fact.period),
                "置信度": labels.CONFIDENCE.get(api.confidence_tier(fact.signals), ""),
                "原文依据": fact.evidence,  # a dataframe cell is plain text: markup in a report stays inert
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True)


def _confirm(
    raw, original: str, name: str, content: bytes, readable: bool, placed: tuple[str, int] | None = None
) -> None:
    if name != original:
        st.caption(f"将保存为“{common.plain(name)}”(文件名中的路径和特殊字符已去掉)。")
    if not st.button("确认保存并重新生成数据表", type="primary", key="upload.confirm", disabled=not readable):
        return
    stored = store.save(raw, original, content)
    if placed is not None:
        who = st.session_state.get("auth.user") or "上传页面"
        store.append_report_place(raw, stored.name, placed[0], placed[1], f"上传时由编辑指定({who})")
    if stored.duplicate and placed is None:
        st.session_state[DONE_KEY] = f"报告文件夹中已有内容完全相同的文件“{common.plain(stored.name)}”,未重复保存。"
    else:
        built = data.rebuild()
        st.session_state[DONE_KEY] = f"已保存为“{common.plain(stored.name)}”" + (
            ",数据表已重新生成。" if built else ",但重新生成数据表失败(原因见页面上方)。"
        )
    st.rerun()


def _raw_files(raw) -> None:
    files = store.listing(raw)
    if files:
        st.caption(
            f"报告文件夹中现有 {len(files)} 个文件:"
            + "、".join(common.plain(p.name) for p in files[:30])
            + ("…" if len(files) > 30 else "")
        )
