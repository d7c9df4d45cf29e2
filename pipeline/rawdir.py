"""The raw folder as a list of entries: what may be read, and what is listed with a reason instead.

Owns: listing a folder's entries (sorted, not recursive, hidden names and the editors' files
left out), naming each one in a form that can be written anywhere (a file name that is not
valid UTF-8, e.g. GBK bytes from a Windows zip, is shown decoded as GB18030, else with
backslash escapes), refusing what must not be read — folders, FIFOs, sockets and devices, broken
links, and links pointing out of the raw folder — each with a status and a Chinese message, and
the size/mtime snapshot that tells whether a build is stale.

Must never: open a file (reading is ingest's job, through a descriptor that never blocks), follow
a link out of the raw folder, or raise for an odd entry: every entry ends up listed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.model import STATUS_BROKEN_LINK, STATUS_LINK_OUTSIDE, STATUS_NOT_A_FILE, STATUS_UNREADABLE

MSG_FOLDER = "这是一个文件夹,不是报告文件;文件夹里的文件不会被读取。请把报告直接放在报告文件夹中。"
MSG_SPECIAL = "这不是普通文件({what}),不会被读取。请把报告以普通文件的形式放入报告文件夹。"
MSG_BROKEN_LINK = "这是一个指向不存在文件的链接(快捷方式),无法读取。请放入报告文件本身。"
MSG_LINK_OUTSIDE = "这是一个指向报告文件夹以外位置的链接,出于安全考虑不会被读取。请把报告文件本身复制到报告文件夹中。"
MSG_LIST_FAILED = "无法查看这个条目({reason})。请检查文件权限。"
MSG_NAME_NOT_UTF8 = "注意:文件名不是 UTF-8 编码(已按 GBK 读出为“{shown}”),建议把文件改名。"
MSG_NAME_UNREADABLE = "注意:文件名含有无法识别的字节(已显示为 \\x.. 形式),建议把文件改名。"

_SPECIAL = (
    (stat.S_ISFIFO, "命名管道 FIFO"),
    (stat.S_ISSOCK, "套接字 socket"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
)


@dataclass(frozen=True)
class Entry:
    """One entry of a raw folder (or one file named on the command line)."""

    path: Path
    source: str  # the name shown and written everywhere (always valid UTF-8)
    status: str = ""  # "" when the entry is to be read; else why it is only listed
    message: str = ""  # Chinese: why it is not read, or a note about its name
    target: Path | None = None  # for a link to another file of the raw folder: that file

    @property
    def readable(self) -> bool:
        return not self.status

    @property
    def read_path(self) -> Path:
        return self.target or self.path


def display_name(name: str) -> str:
    """`name` as text that can be written to CSV/JSON: undecodable bytes (surrogate escapes from
    os.listdir) are read as GB18030 when they are that, else shown as \\xNN."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def name_note(name: str) -> str:
    """A note for documents.csv when the file name was not valid UTF-8, else ''."""
    shown = display_name(name)
    if shown == name:
        return ""
    if "\\x" in shown and "\\x" not in name:
        return MSG_NAME_UNREADABLE
    return MSG_NAME_NOT_UTF8.format(shown=shown)


def entries(paths: Iterable[str | Path], skipped: frozenset[str] = frozenset()) -> list[Entry]:
    """Entries of the files named and of the folders named (their visible entries, `skipped`
    names left out). Raises FileNotFoundError for a named path that does not exist."""
    found: list[Entry] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(folder_entries(path, skipped))
        elif path.is_file():
            found.append(Entry(path, display_name(path.name), message=name_note(path.name)))
        else:
            raise FileNotFoundError(f"no such file or folder: {display_name(str(path))}")
    return found


def folder_entries(folder: Path, skipped: frozenset[str] = frozenset()) -> list[Entry]:
    """Every visible entry of `folder` (not recursive), each readable or refused with a reason."""
    root = Path(os.path.realpath(folder))
    # scandir: the entry's type comes with the listing, so a plain file costs one stat, not two
    with os.scandir(folder) as listing:
        found = {d.name: d for d in listing if not d.name.startswith(".") and d.name not in skipped}
    return [_entry(folder / name, root, found[name]) for name in sorted(found)]


def _entry(path: Path, root: Path, listed: os.DirEntry | None = None) -> Entry:
    source, note = display_name(path.name), name_note(path.name)
    try:
        link = listed.is_symlink() if listed is not None else path.is_symlink()
        info = (listed.stat() if listed is not None else path.stat()) if not link else None
    except OSError as err:
        return Entry(path, source, STATUS_UNREADABLE, MSG_LIST_FAILED.format(reason=err.strerror or type(err).__name__))
    if link:
        return _link_entry(path, root, source, note)
    return _kind_entry(path, info.st_mode, source, note)


def _link_entry(path: Path, root: Path, source: str, note: str) -> Entry:
    target = Path(os.path.realpath(path))
    if not target.exists():
        return Entry(path, source, STATUS_BROKEN_LINK, MSG_BROKEN_LINK)
    if root not in target.parents:
        return Entry(path, source, STATUS_LINK_OUTSIDE, MSG_LINK_OUTSIDE)
    # A link to another file of the raw folder is read under its own name (its suffix says how).
    return _kind_entry(path, target.stat().st_mode, source, note)


def _kind_entry(path: Path, mode: int, source: str, note: str, target: Path | None = None) -> Entry:
    if stat.S_ISDIR(mode):
        return Entry(path, source, STATUS_NOT_A_FILE, MSG_FOLDER)
    for test, what in _SPECIAL:
        if test(mode):
            return Entry(path, source, STATUS_NOT_A_FILE, MSG_SPECIAL.format(what=what))
    return Entry(path, source, message=note, target=target)


def snapshot(paths: Iterable[Path]) -> dict[str, dict[str, int]]:
    """Name -> size and mtime (ns) of each entry (a link's target where it has one): a change to
    any makes a build stale. Never opens anything, so a FIFO is harmless here. Names that are not
    UTF-8 are keyed by their bytes escaped (\\xNN), which keeps them distinct."""
    out = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            try:
                info = path.lstat()
            except OSError:
                continue
        key = os.fsencode(path.name).decode("utf-8", "backslashreplace")
        out[key] = {"size": info.st_size, "mtime_ns": info.st_mtime_ns}
    return out
