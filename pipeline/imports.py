"""Bulk import: many files, folders and .zip archives -> previews -> the raw folder.

Owns: expanding what a person hands over (files; folders, recursively, hidden files left out;
.zip archives, within limits on members and inflated size, member names outside the archive,
links and archives inside archives refused, GBK-encoded member names read as Chinese), the
per-file result (place, year, values found, status, message) computed by the real stages
before anything is saved, and storing the readable files through `rawstore` (safe names, an
identical file recognised).

Must never: modify or delete anything in the raw folder, write outside it, extract an archive
to disk, or build the tables (the caller decides when to build, once for the whole import).
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import rawstore
from pipeline.model import STATUS_OK, STATUS_TOO_LARGE, Document, Fact, Location

MAX_MEMBERS = 5000  # members of one archive
MAX_INFLATED = 2 * 1024**3  # declared inflated size of one archive's members together
MAX_FILES = 20000  # files of one import
STATUS_REFUSED = "refused"  # not a report file: an archive problem, a link, a nested archive
STATUS_DUPLICATE = "duplicate"

MSG_OUTSIDE = "压缩包中的路径“{name}”指向压缩包之外(含 .. 或绝对路径),已拒绝。请检查压缩包来源。"
MSG_LINK = "压缩包中的“{name}”是链接而不是文件,已跳过。"
MSG_NESTED = "压缩包中的“{name}”本身又是压缩包,请先解压后再导入。"
MSG_ZIP_BROKEN = "压缩包“{name}”已损坏或不是 zip 格式,无法读取。请重新下载或重新压缩后再导入。"
MSG_ZIP_MEMBERS = "压缩包“{name}”中有 {count} 个文件,超过 {limit} 个的上限。请分批压缩后再导入。"
MSG_ZIP_INFLATED = "压缩包“{name}”解压后共 {size} MB,超过 {limit} MB 的上限,未解压。请分批压缩后再导入。"
MSG_MEMBER_LARGE = "“{name}”解压后超过单个文件 {limit} MB 的上限,未读取。"
MSG_TOO_MANY = "一次最多导入 {limit} 个文件,其余文件未处理。请分批导入。"
MSG_DUPLICATE = "报告文件夹中已有内容完全相同的文件“{name}”,未重复保存。"
MSG_NOT_SAVED = "文件无法读取,未保存。"

Loader = Callable[[], bytes]


@dataclass(frozen=True)
class Item:
    """One file offered for import: its display name ("报告.zip/2023/a.pdf") and how to get its
    bytes, or the reason it cannot be imported."""

    name: str
    load: Loader | None = None
    problem: str = ""

    @property
    def base(self) -> str:
        return PurePosixPath(self.name).name


@dataclass(frozen=True)
class Outcome:
    """The result of one file: what the build will make of it, and where it went."""

    name: str
    status: str
    message: str = ""
    jurisdiction: str = ""
    year: int | None = None
    values: int = 0
    stored: str = ""  # the name in the raw folder ("" when not saved)
    readable: bool = False


# ---------------------------------------------------------------- what was handed over


def items(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every file under `paths` (files, folders recursively, .zip archives expanded).
    Raises FileNotFoundError for a path that does not exist."""
    for path in map(Path, paths):
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path))):
                yield from _file_items(file, f"{path.name}/{file.relative_to(path).as_posix()}")
        elif path.is_file():
            yield from _file_items(path, path.name)
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.parts)


def _file_items(path: Path, name: str) -> Iterator[Item]:
    if path.suffix.lower() == ".zip":
        yield from archive_items(path.read_bytes(), name)
    else:
        yield Item(name, path.read_bytes)


def archive_items(data: bytes, name: str) -> Iterator[Item]:
    """The members of the .zip `data` as items, within the limits; problems as refused items."""
    from pipeline.ingest import MAX_BYTES

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        yield Item(name, problem=MSG_ZIP_BROKEN.format(name=name))
        return
    if len(members) > MAX_MEMBERS:
        yield Item(name, problem=MSG_ZIP_MEMBERS.format(name=name, count=len(members), limit=MAX_MEMBERS))
        return
    inflated = sum(info.file_size for info in members)
    if inflated > MAX_INFLATED:
        limit = MAX_INFLATED // 2**20
        yield Item(name, problem=MSG_ZIP_INFLATED.format(name=name, size=inflated // 2**20, limit=limit))
        return
    for info in members:
        member = _member_name(info)
        shown = f"{name}/{member}"
        problem = _member_problem(info, member, MAX_BYTES)
        if not problem and _hidden(Path(member)):
            continue
        yield Item(shown, problem=problem) if problem else Item(shown, _member_loader(archive, info, MAX_BYTES))


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; Chinese Windows writes GBK names without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name.replace("\\", "/")


def _member_problem(info: zipfile.ZipInfo, name: str, max_bytes: int) -> str:
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        return MSG_OUTSIDE.format(name=name)
    if (info.external_attr >> 16) & 0o170000 == 0o120000:
        return MSG_LINK.format(name=name)
    if name.lower().endswith((".zip", ".rar", ".7z", ".tar", ".gz")):
        return MSG_NESTED.format(name=name)
    if info.file_size > max_bytes:
        return MSG_MEMBER_LARGE.format(name=name, limit=max_bytes // 2**20)
    return ""


def _member_loader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int) -> Loader:
    def load() -> bytes:
        with archive.open(info) as member:
            data = member.read(max_bytes + 1)  # a lying header cannot make it inflate more
        if len(data) > max_bytes:
            raise ValueError("member larger than declared")
        return data

    return load


# ---------------------------------------------------------------- previews and storing

Preview = Callable[[bytes, str], tuple[Document, Location, list[Fact]]]


def preview(item: Item, process: Preview | None = None) -> tuple[Outcome, bytes | None]:
    """What the build will make of `item` (never raises), and its bytes when it could be loaded."""
    if item.problem or item.load is None:
        return Outcome(item.name, STATUS_REFUSED, item.problem), None
    try:
        data = item.load()
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as err:
        return Outcome(item.name, STATUS_TOO_LARGE if isinstance(err, ValueError) else STATUS_REFUSED, str(err)), None
    if process is None:
        from pipeline.build import process_bytes as process
    doc, loc, facts = process(data, item.base)
    return outcome(item.name, doc, loc, facts), data


def outcome(name: str, doc: Document, loc: Location, facts: list[Fact]) -> Outcome:
    readable = doc.status == STATUS_OK
    status, message = (loc.status, loc.message) if readable else (doc.status, doc.message)
    if readable and doc.message:
        message = "".join(m for m in (message, doc.message) if m)
    return Outcome(
        name=name,
        status=status,
        message=message,
        jurisdiction=loc.place.name if loc.place else "",
        year=loc.year,
        values=len(facts),
        readable=readable,
    )


def store(raw: Path, result: Outcome, data: bytes, index: rawstore.Index) -> Outcome:
    """`result` after saving `data` to `raw` (readable files only; an identical file is reused)."""
    from dataclasses import replace

    if not result.readable:
        return replace(result, message=result.message or MSG_NOT_SAVED)
    stored = rawstore.save(raw, PurePosixPath(result.name).name, data, index)
    if stored.duplicate:
        return replace(
            result, status=STATUS_DUPLICATE, stored=stored.name, message=MSG_DUPLICATE.format(name=stored.name)
        )
    return replace(result, stored=stored.name)


Progress = Callable[[int, int, str], None]


def import_paths(
    paths: Iterable[str | Path], raw: str | Path, progress: Progress | None = None, save: bool = True
) -> list[Outcome]:
    """Preview every file under `paths` and (with `save`) store the readable ones in `raw`.
    One result per file, in order. Raises FileNotFoundError for a path that does not exist."""
    raw = Path(raw)
    offered = list(items(paths))
    results = []
    index = rawstore.Index(raw)
    for done, item in enumerate(offered[:MAX_FILES], 1):
        result, data = preview(item)
        if save and data is not None:
            result = store(raw, result, data, index)
        results.append(result)
        if progress is not None:
            progress(done, min(len(offered), MAX_FILES), item.name)
    if len(offered) > MAX_FILES:
        results.append(
            Outcome(f"(其余 {len(offered) - MAX_FILES} 个文件)", STATUS_REFUSED, MSG_TOO_MANY.format(limit=MAX_FILES))
        )
    return results
