"""Putting a report into the raw folder: a safe name, no duplicates, an atomic write.

Owns: turning a browser-supplied file name into a safe base name (no path parts, no control or
invisible characters, no leading dot, the suffix kept), recognising content that is already in
the folder (same SHA-256), choosing a free name instead of overwriting, and writing through a
hidden temp file moved into place, so the build never sees half a file.

Used by the app's upload page (through pipeline.api) and by `python -m pipeline import`.

Must never: import streamlit, modify, rename or delete an existing file in the raw folder, or
write anywhere but the raw folder it is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

MAX_NAME_BYTES = 180  # well under the 255-byte limit of common file systems, with room for "_12"
FALLBACK_STEM = "报告"
_UNSAFE = re.compile(r'[<>:"|?*]+')  # rejected by Windows, confusing in shells and URLs
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@dataclass(frozen=True)
class Stored:
    """Where the upload is now, and whether it was there already (same content, not written again)."""

    name: str
    path: Path
    duplicate: bool


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """A base name safe to create in the raw folder: "../../etc/x.TXT" -> "x.txt"."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name)))[-1]
    # Category C = control, format (incl. bidi overrides that disguise a suffix), surrogates, private use.
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = _UNSAFE.sub("_", base).strip().rstrip(". ")  # Windows drops trailing dots and spaces
    stem, suffix = _split(base)
    stem = stem.strip(" ._") or FALLBACK_STEM
    if stem.upper().split(".")[0] in _RESERVED:
        stem = f"{FALLBACK_STEM}_{stem}"
    return _shorten(stem, suffix) + suffix


def _split(base: str) -> tuple[str, str]:
    stem, dot, suffix = base.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", suffix):
        return base, ""
    return stem, "." + suffix.lower()


def _shorten(stem: str, suffix: str) -> str:
    while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return stem


class Index:
    """The raw folder's files by size, read once for an import of many files: finding a file with
    the same content hashes only the files of the same size, each at most once."""

    def __init__(self, raw: Path) -> None:
        self.by_size: dict[int, list[Path]] = {}
        self.digests: dict[Path, str] = {}
        with contextlib.suppress(OSError):
            for path in sorted(raw.iterdir()) if raw.is_dir() else []:
                with contextlib.suppress(OSError):
                    if not path.name.startswith(".") and path.is_file():
                        self.by_size.setdefault(path.stat().st_size, []).append(path)

    def find(self, data: bytes) -> Path | None:
        digest = sha256(data)
        for path in self.by_size.get(len(data), []):
            if path not in self.digests:
                try:
                    self.digests[path] = sha256(path.read_bytes())
                except OSError:  # unreadable files are the build's business
                    self.digests[path] = ""
            if self.digests[path] == digest:
                return path
        return None

    def add(self, path: Path, data: bytes) -> None:
        self.by_size.setdefault(len(data), []).append(path)
        self.digests[path] = sha256(data)


def find_same(raw: Path, data: bytes) -> Path | None:
    """A visible file in `raw` with exactly this content, if any (sizes compared first: cheap)."""
    if not raw.is_dir():
        return None
    digest = sha256(data)
    for path in sorted(raw.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            if path.stat().st_size == len(data) and sha256(path.read_bytes()) == digest:
                return path
        except OSError:  # unreadable files are the build's business, not a reason to refuse an upload
            continue
    return None


def free_name(raw: Path, name: str) -> str:
    """`name`, or "stem_2.suffix", "stem_3.suffix", … — the first that does not exist in `raw`."""
    stem, suffix = _split(name)
    candidate, number = name, 1
    while (raw / candidate).exists():
        number += 1
        candidate = f"{stem}_{number}{suffix}"
    return candidate


def save(raw: Path, name: str, data: bytes, index: Index | None = None) -> Stored:
    """Store `data` in `raw` under a safe, free name; an identical file already there is reused.
    `index` (kept up to date here) saves reading the folder once per file of a bulk import."""
    raw.mkdir(parents=True, exist_ok=True)
    same = index.find(data) if index is not None else find_same(raw, data)
    if same is not None:
        return Stored(same.name, same, duplicate=True)
    wanted = safe_name(name)
    temp, handle = _hidden_temp(raw)  # hidden: the build skips it
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        target = _place(temp, raw, wanted)
    finally:
        temp.unlink(missing_ok=True)
    if index is not None:
        index.add(target, data)
    return Stored(target.name, target, duplicate=False)


def _hidden_temp(raw: Path) -> tuple[Path, int]:
    """A new hidden file in `raw`, opened for writing, created with the process umask (mkstemp
    would make it 0600, and the stored report would stay unreadable to the server's other users)."""
    for _ in range(100):
        temp = raw / f".upload.{secrets.token_hex(8)}.tmp"
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"找不到可用的临时文件名:{raw}")


def _place(temp: Path, raw: Path, wanted: str) -> Path:
    """Move `temp` to a free name. os.link fails instead of overwriting, so a file appearing in
    the meantime is never replaced; where hard links are unsupported, os.replace after the check."""
    for _ in range(1000):
        target = raw / free_name(raw, wanted)
        try:
            os.link(temp, target)
            return target
        except FileExistsError:
            continue
        except OSError:
            if not target.exists():
                os.replace(temp, target)
                return target
    raise FileExistsError(f"找不到可用的文件名:{wanted}")


def listing(raw: Path) -> list[Path]:
    """The visible files of the raw folder, by name (for the upload page's list)."""
    with contextlib.suppress(OSError):
        return sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith("."))
    return []
