"""Putting an uploaded report into the raw folder: a safe name, no duplicates, an atomic write.

Owns: turning a browser-supplied file name into a safe base name (no path parts, no control or
invisible characters, no leading dot, the suffix kept), recognising content that is already in
the folder (same SHA-256), choosing a free name instead of overwriting, and writing through a
hidden temp file moved into place, so the build never sees half a file.

Also appends an editor's statement of a report's place and year to report_places.csv (columns
source, jurisdiction, year, reason) when detection failed; the build reads it.

Must never: import streamlit, modify, rename or delete an existing file in the raw folder (the
places file is only appended to), or write anywhere but the raw folder it is given.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
import tempfile
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


def save(raw: Path, name: str, data: bytes) -> Stored:
    """Store `data` in `raw` under a safe, free name; an identical file already there is reused."""
    raw.mkdir(parents=True, exist_ok=True)
    same = find_same(raw, data)
    if same is not None:
        return Stored(same.name, same, duplicate=True)
    wanted = safe_name(name)
    handle, temp_name = tempfile.mkstemp(dir=raw, prefix=".upload.", suffix=".tmp")  # hidden: the build skips it
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        target = _place(temp, raw, wanted)
    finally:
        temp.unlink(missing_ok=True)
    return Stored(target.name, target, duplicate=False)


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


PLACES_FILE = "report_places.csv"  # pipeline.api.PLACES_FILE (the app reads that name through the API)
PLACES_COLUMNS = ("source", "jurisdiction", "year", "reason")


def append_report_place(raw: Path, source: str, jurisdiction: str, year: int | None, reason: str) -> Path:
    """Append "this report is of `jurisdiction`, `year`" to raw/report_places.csv (created with its header)."""
    path = Path(raw) / PLACES_FILE
    new = not path.is_file() or path.stat().st_size == 0
    needs_newline = not new and not path.read_bytes().endswith((b"\n", b"\r"))
    with path.open("a", encoding="utf-8", newline="") as handle:
        if needs_newline:
            handle.write("\n")
        writer = csv.writer(handle)
        if new:
            writer.writerow(PLACES_COLUMNS)
        writer.writerow([source, jurisdiction, "" if year is None else str(int(year)), reason])
        handle.flush()
        os.fsync(handle.fileno())
    return path
