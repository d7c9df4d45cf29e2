"""Loading the processed tables for the app, and building them first when they are missing or stale.

Owns: where the data lives (FAZHI_DATA_DIR / FAZHI_RAW_DIR, defaults data/processed and data/raw
beside this repository), reading and type-checking the processed files into a `Dataset`
(cached with st.cache_resource, keyed on the files' modification times so a rebuild is picked up
at once and an unchanged folder is read once; every rerun and session then shares that one
immutable Dataset instead of unpickling a copy of it; every file is read from the one output
set current when reading began, `api.current_set`), asking on every rerun whether a build is
needed through `api.needs_build` (a few file stats; the full comparison only after the raw
folder or the processed set changed), and calling the pipeline's public `ensure_built` (one
build for all sessions and processes; the others wait and read its result; a failed build is
not retried by every visitor) or `build` (after an edit) with a progress bar. Every failure
becomes a Chinese message with the next step and, where it helps, a 重新生成 button — never a
traceback.

Must never: parse reports or import anything of `pipeline` but its public API, `pipeline.api`.

When the app may build (`buildable`):
  - neither variable set: data/raw -> data/processed, built when missing or stale;
  - FAZHI_DATA_DIR alone: the folder is a read-only copy, taken as given and never built
    (the editor pages are then read-only too: there is no raw folder to add to);
  - FAZHI_DATA_DIR and FAZHI_RAW_DIR together: an explicit raw -> processed pair, built like the
    defaults. This is how tests (and a second installation) run uploads and corrections end to
    end on temporary copies without touching the repository's data.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st

from app.frames import TableIndex
from pipeline import api

ROOT = Path(__file__).resolve().parents[1]
FILES = api.OUTPUT_FILES  # what a build writes (pipeline.build owns the list)
REQUIRED = ("jurisdiction", "adcode", "level", "province", "year", "indicator", "indicator_name", "value", "unit")
TEXT_COLUMNS = api.INDICATOR_TEXT_COLUMNS  # indicators.csv's text columns (pipeline.table owns the list)

Signature = tuple[tuple[str, int, int], ...]


class DataError(Exception):
    """The processed data cannot be used; str() is a Chinese sentence saying why and what to do."""


@dataclass(frozen=True)
class Dataset:
    """The processed tables, typed: indicators (tidy), documents, conflicts, cumulative, build.json.

    Shared by every rerun and session (st.cache_resource): treat it as read-only. Views select
    and `assign`, which under pandas copy-on-write never write into these frames.
    """

    indicators: pd.DataFrame
    documents: pd.DataFrame
    conflicts: pd.DataFrame
    cumulative: pd.DataFrame
    meta: dict = field(default_factory=dict)
    folder: str = ""
    problems: tuple[str, ...] = ()
    corrections: pd.DataFrame = field(default_factory=pd.DataFrame)  # corrections_applied.csv: one row per line

    @cached_property
    def titles(self) -> dict[str, str]:
        """Report file name -> its title (documents.csv), for showing titles instead of stored file names."""
        docs = self.documents
        if docs.empty or not {"source", "title"} <= set(docs.columns):
            return {}
        known = docs[docs["title"].fillna("").astype(str).str.strip() != ""]
        return dict(zip(known["source"].astype(str), known["title"].astype(str), strict=True))

    @cached_property
    def index(self) -> TableIndex:
        """Menus, place names and indicator × year rows of `indicators`, each worked out once."""
        return TableIndex(self.indicators)


def data_dir() -> Path:
    return Path(os.environ.get("FAZHI_DATA_DIR") or ROOT / "data" / "processed")


def raw_dir() -> Path:
    return Path(os.environ.get("FAZHI_RAW_DIR") or ROOT / "data" / "raw")


def pinned() -> bool:
    """True when the data folder was given explicitly (FAZHI_DATA_DIR)."""
    return bool(os.environ.get("FAZHI_DATA_DIR"))


def buildable() -> bool:
    """True when the app may build into the data folder: the defaults, or an explicit raw/data pair."""
    return not pinned() or bool(os.environ.get("FAZHI_RAW_DIR"))


def signature(folder: Path, names: tuple[str, ...] = FILES) -> Signature:
    """(name, mtime_ns, size) of the files present: the cache key that changes with any rewrite."""
    out = []
    for name in names:
        try:
            st_ = (folder / name).stat()
        except OSError:
            continue
        out.append((name, st_.st_mtime_ns, st_.st_size))
    return tuple(out)


# ---------------------------------------------------------------- reading (pure but for the cache)


@st.cache_resource(show_spinner="正在读取数据…", max_entries=4)
def _cached(folder: str, key: Signature) -> Dataset:
    """`read(folder)`, once per distinct set of file modification times (`key`).

    A resource, not st.cache_data: the Dataset is never modified, so all reruns share it rather
    than each unpickling a fresh copy of every table (~60 ms for 480,000 rows).
    """
    dataset = read(Path(folder))
    dataset.index.warm()  # the lookups every page needs are worked out here, under the spinner
    return dataset


def read(folder: Path) -> Dataset:
    """All processed tables of `folder`; raises DataError when indicators cannot be used."""
    indicators, problems, rows = _indicators(folder)
    meta = _meta(folder / "build.json")
    recorded = meta.get("counts", {}).get("rows") if isinstance(meta.get("counts"), dict) else None
    if isinstance(recorded, int) and recorded != rows:  # a hand edit or a partial copy: usable, but say so
        problems += (
            f"indicators.csv 有 {rows} 行,而生成记录(build.json)为 {recorded} 行:文件可能被改动过或不完整。"
            "如有疑问,请点击“重新生成”。",
        )
    return Dataset(
        indicators=indicators,
        documents=_optional_csv(folder / "documents.csv"),
        conflicts=_optional_csv(folder / "conflicts.csv"),
        cumulative=_optional_csv(folder / "cumulative.csv"),
        corrections=_optional_csv(folder / "corrections_applied.csv"),
        meta=meta,
        folder=str(folder),
        problems=problems,
    )


def _indicators(folder: Path) -> tuple[pd.DataFrame, tuple[str, ...], int]:
    """(the typed table, problems to show, rows in the file before unusable ones were dropped)."""
    csv_path, parquet = folder / "indicators.csv", folder / "indicators.parquet"
    if not csv_path.is_file() and not parquet.is_file():
        raise DataError(f"数据目录 {folder} 中还没有 indicators.csv。")
    frame = None
    # Parquet is typed and quicker; it is used only when at least as new as the CSV.
    if parquet.is_file() and (not csv_path.is_file() or parquet.stat().st_mtime_ns >= csv_path.stat().st_mtime_ns):
        try:
            frame = pd.read_parquet(parquet)
        except Exception:  # a broken parquet is not fatal while the CSV is readable
            frame = None
    if frame is None:
        frame = _read_csv(csv_path)
    try:
        return (*typed(frame, csv_path.name), len(frame))
    except DataError:
        raise
    except Exception as exc:  # hand-edited cells pandas cannot type: a message, never a traceback
        raise DataError(f"{csv_path.name} 的内容已损坏,无法使用({type(exc).__name__})。请重新生成数据表。") from None


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype={"adcode": str}, encoding="utf-8", keep_default_na=False, na_values=[""])
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise DataError(f"无法读取 {path.name}(文件可能损坏或不是 UTF-8 编码的 CSV):{exc}") from None
    # pandas reads a file cut off mid-row without complaint; the build always ends it with a line break.
    if not _ends_with_newline(path):
        raise DataError(f"{path.name} 不完整(文件末尾被截断,可能是复制或保存时中断)。请重新生成数据表。")
    return _restored(frame)


def _restored(frame: pd.DataFrame) -> pd.DataFrame:
    """Texts as the build had them (it writes formula-like text with a leading ')."""
    try:
        from pipeline import api

        return api.restore_csv_text(frame)
    except ImportError:
        return frame


def _ends_with_newline(path: Path) -> bool:
    """The build always ends a CSV with a line break; a file cut short does not (empty files pass here)."""
    try:
        with path.open("rb") as handle:
            if handle.seek(0, os.SEEK_END) == 0:
                return True
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) in (b"\n", b"\r")
    except OSError:
        return True  # let the reader report it


def typed(frame: pd.DataFrame, name: str = "indicators.csv") -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The indicator table with the app's dtypes; rows without a usable year/value are dropped and counted."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(f"{name} 缺少必需的列:{', '.join(missing)}。请重新生成数据表。")
    out = frame.copy()
    for column in TEXT_COLUMNS:
        out[column] = out[column].astype(object).fillna("").astype(str) if column in out.columns else ""
    out["adcode"] = out["adcode"].str.replace(r"\.0$", "", regex=True).str.zfill(6)
    out["qualifier"] = out["qualifier"].replace("", "exact")
    out["method"] = out["method"].replace("", "reported")
    out["review_state"] = out["review_state"].replace("", "unverified")  # tables built before reviews existed
    out["year"] = pd.to_numeric(out["year"], errors="coerce")
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    for column in ("evidence_start", "evidence_end"):
        out[column] = pd.to_numeric(out.get(column, -1), errors="coerce").fillna(-1).astype(int)
    # A year outside any plausible range is as unusable as a missing one (and would overflow int).
    bad = ~out["year"].between(1949, 2100) | out["value"].isna() | ~out["value"].abs().lt(float("inf"))
    out = out[~bad].astype({"year": int, "value": float}).reset_index(drop=True)
    problems = (f"{name} 中有 {int(bad.sum())} 行缺少年份或数值,已略去。",) if bad.any() else ()
    return out, problems


def _optional_csv(path: Path) -> pd.DataFrame:
    """A side table; missing or unreadable gives an empty frame (the views say so)."""
    if not path.is_file():
        return pd.DataFrame()
    try:
        frame = pd.read_csv(path, dtype={"adcode": str, "sha256": str}, keep_default_na=False, na_values=[""])
    except Exception:
        return pd.DataFrame()
    if "adcode" in frame.columns:
        frame["adcode"] = frame["adcode"].fillna("").astype(str)
    return _restored(frame)


def _meta(path: Path) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


# ---------------------------------------------------------------- Streamlit: build-if-stale and messages


def prepare() -> Dataset | None:
    """The dataset to show, building it first if needed; None (after explaining why) when there is none."""
    folder = data_dir()
    if buildable():
        _build_if_needed(raw_dir(), folder)
    try:
        dataset = _load(folder)
    except DataError as exc:
        _explain(str(exc), folder)
        return None
    for problem in dataset.problems:
        st.warning(problem)
    if dataset.problems and not dataset.indicators.empty:
        rebuild_button("problems")
    if dataset.indicators.empty:
        _explain("数据表中还没有任何指标数值。", folder)
        return None
    return dataset


def current_set(folder: Path) -> Path:
    """The folder of the processed set to read now: a build switches sets with one rename, so all
    files are read from the one set resolved here, never half from the next."""
    try:
        from pipeline import api

        return api.current_set(folder)
    except Exception:  # an unusable pipeline: read the folder as it is
        return folder


def _load(folder: Path) -> Dataset:
    """The cached Dataset of the current set; once more if that set was removed while being read
    (two builds finished meanwhile)."""
    for attempt in (1, 2):
        resolved = current_set(folder)
        try:
            return _cached(str(resolved), signature(resolved))
        except (FileNotFoundError, DataError):
            if attempt == 2 or current_set(folder) == resolved:
                raise
    raise AssertionError("not reached")


def _explain(reason: str, folder: Path) -> None:
    if not buildable():
        st.info(
            f"{reason}\n\n数据目录由环境变量 FAZHI_DATA_DIR 指定为 {folder}:请先运行 "
            "`python -m pipeline build` 生成数据,或去掉 FAZHI_DATA_DIR 让看板从 data/raw/ 自动生成。"
        )
        return
    st.info(f"{reason}\n\n下一步:把各地法治政府建设情况报告(txt/html/pdf/docx)放入 {raw_dir()},然后点击“重新生成”。")
    rebuild_button("explain")


def corrections_path() -> Path:
    """raw/corrections.csv: the append-only log the build applies (pipeline.corrections owns its format)."""
    from pipeline import api

    return raw_dir() / api.CORRECTIONS_FILE


def rebuild_button(where: str) -> None:
    """ "重新生成" (only where the app may build): build now and show the result."""
    if not buildable():
        return
    if st.button("重新生成", key=f"data.rebuild.{where}", type="primary"):
        rebuild()
        st.rerun()


def rebuild() -> bool:
    """Build now (after an upload, a correction or the 重新生成 button), waiting for a build that
    is already running; forgets the cached tables."""
    ok = run_build(raw_dir(), data_dir(), force=True)
    _cached.clear()  # the signature would notice too; clearing frees the old tables at once
    return ok


def _build_if_needed(raw: Path, folder: Path) -> None:
    """Build when the folder is missing or stale — once for all sessions and processes: the
    others wait for that build and then read its result. When the last build of these very raw
    files failed, say so (with 重新生成) instead of failing again for every visitor."""
    if not _stale(raw, folder):
        return
    failure = _last_failure(raw, folder)
    if failure:
        st.error(f"上次生成数据表失败:{_plain(failure)}")
        rebuild_button("failed")
        return
    run_build(raw, folder)


def _stale(raw: Path, folder: Path) -> bool:
    try:
        from pipeline import api

        # asked on every rerun: the cached check repeats the full one only after a change of either folder
        return not (folder / "indicators.csv").is_file() or api.needs_build(raw, folder)
    except Exception:  # an unusable pipeline cannot tell: keep showing what exists
        return not (folder / "indicators.csv").is_file()


def _last_failure(raw: Path, folder: Path) -> str:
    try:
        from pipeline import api

        return api.last_failure(raw, folder)
    except Exception:
        return ""


def run_build(raw: Path, folder: Path, force: bool = False) -> bool:
    """Build with st.status + st.progress: `force` always builds (after waiting for a running
    build); otherwise only when still stale once any running build is done. Failures in words."""
    with st.status(f"正在根据 {raw} 中的报告生成数据表…", expanded=True) as status:
        bar = st.progress(0.0, text="准备中…")

        def waiting() -> None:
            bar.progress(0.0, text="另一个会话正在生成数据表,完成后将直接使用它的结果,请稍候…")

        try:
            from pipeline import api

            if force:
                result = api.build(raw, folder, progress=_progress(bar), on_wait=waiting)
            else:
                result = api.ensure_built(raw, folder, progress=_progress(bar), on_wait=waiting)
        except Exception as exc:  # any failure is shown in words; the traceback goes to the log
            message = _plain(_failure_text(exc, raw))  # may quote a file name: never Markdown
            status.update(label=f"生成数据表失败:{message}", state="error", expanded=True)
            return False
        if result is None:
            status.update(label="数据表已由另一个会话生成,已直接使用。", state="complete", expanded=False)
            return True
        status.update(
            label=f"数据表已生成:{result.total} 份报告,{result.rows} 个数值,用时 {result.seconds:.1f} 秒",
            state="complete",
            expanded=False,
        )
    return True


def _progress(bar) -> Callable[[int, int, str], None]:
    def report(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"已处理 {done}/{total}:{name}")

    return report


def _plain(text: str) -> str:
    from app.views.common import plain

    return plain(text)


def _failure_text(exc: Exception, raw: Path) -> str:
    from pipeline import api

    if type(exc).__name__ == "BuildFailed":  # another session's build of the same files failed
        return str(exc)
    if type(exc).__name__ == "LockTimeout":
        return "另一个会话的数据生成时间过长,请稍后刷新页面。"
    if isinstance(exc, FileNotFoundError):
        return f"找不到报告文件夹 {raw}。请创建它并放入报告。"
    if isinstance(exc, ImportError):
        return f"数据处理程序不完整({exc})。请更新程序后重试。"
    if isinstance(exc, api.RulesError):
        return f"规则文件有误,已停止生成:{exc}。请改正 pipeline/rules/ 中的这一处后点击“重新生成”。"
    return f"{type(exc).__name__}: {exc}"
