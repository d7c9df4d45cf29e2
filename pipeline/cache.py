"""Per-file results kept between builds: a report that did not change is not read again.

Owns: the cache of one processed folder (`out/.cache/`): each raw file's (Document, Location,
Facts) — the document's text left out, the tables do not need it — keyed by the SHA-256 of the
file's bytes and the place/year an editor stated for it, pickled one after another into a pack
file (`results-<version>.pack`) that only grows until it is compacted; an index
(`results-<version>.index`: key -> offset, length and CRC-32 of its bytes in the pack) read at
the start of a build, so a build reads only the results it needs (at 10,000 reports, loading
every result took a second); a stat index (name, size, mtime, inode -> SHA-256) so an unchanged
file is not even hashed again; and the cache's version, which names
everything a result depends on: the pipeline's code and rules (`build.pipeline_version`, which
digests pipeline/*.py and pipeline/rules/*, the gazetteer supplement included) and the versions
of the libraries that read files and places (OpenCC, jieba, the PDF, Word and OCR
readers). Any change of those throws the whole cache away. (pipeline.regions keeps its built
place-name tokenizer in the same folder, under its own names.)

Must never: hold a result of a file that failed for a passing reason (timeout, out of memory, a
crashed worker, a stage error: those are tried again next build), write outside `out/.cache/`,
or let a damaged cache file fail a build (a damaged index is ignored and rewritten; an entry whose
bytes do not match its CRC is read again from the raw file).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import zlib
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import BinaryIO

from pipeline.model import STATUS_ERROR, STATUS_OUT_OF_MEMORY, STATUS_TIMEOUT

logger = logging.getLogger(__name__)

FOLDER = ".cache"
LIBRARIES = ("opencc", "jieba", "pypdf", "pdfplumber", "pypdfium2", "python-docx", "rapidocr-onnxruntime", "striprtf")
NOT_KEPT = frozenset({STATUS_TIMEOUT, STATUS_OUT_OF_MEMORY, STATUS_ERROR})
FORMAT = 2  # of the cache files themselves (2: a pack of results read lazily, and its index)

Key = tuple[str, tuple | None]  # (SHA-256 of the bytes, the stated (jurisdiction, year) or None)
Entry = tuple[int, int, int]  # where a result's pickled bytes sit in the pack: offset, length, CRC-32


@cache
def version() -> str:
    """Everything a per-file result depends on, as one short digest."""
    from importlib import metadata

    from pipeline.build import pipeline_version

    parts = [f"format={FORMAT}", pipeline_version()]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=none")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ResultCache:
    """The cache of one processed folder. Only the small index is read when the build starts; a
    result is read from the pack when asked for. `save` appends what this build read anew and
    writes the index of what it used (removed files drop out; the pack is compacted when most of
    it is no longer used)."""

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / FOLDER
        self.pack = self.folder / f"results-{version()}.pack"
        self.path = self.folder / f"results-{version()}.index"
        self.stats: dict[tuple, str] = {}
        self.entries: dict[Key, Entry] = {}
        self.used_stats: dict[tuple, str] = {}
        self.used: dict[Key, tuple | None] = {}  # a key used by this build -> its new result, or None (in the pack)
        self.hits = 0
        self._pickled: dict[Key, bytes] = {}  # new results as a worker pickled them (see `put`)
        self._handle: BinaryIO | None = None
        self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)  # our own file, written by `save`, in a folder we own
            stats, entries = stored["stats"], stored["entries"]
            if not isinstance(stats, dict) or not isinstance(entries, dict):
                raise TypeError("not a cache index")
            self.stats, self.entries = stats, entries
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a damaged or foreign cache is rebuilt, never trusted
            logger.warning("ignoring an unreadable build cache: %s", self.path)
            self.stats, self.entries = {}, {}

    def key(self, path: Path, placed: tuple | None) -> Key | None:
        """The file's key, hashing it only when its size, mtime or inode changed; None when unreadable."""
        try:
            st = path.stat()
        except OSError:
            return None
        stat_key = (path.name, st.st_size, st.st_mtime_ns, st.st_ino)
        digest = self.stats.get(stat_key)
        if digest is None:
            try:
                digest = _sha256(path)
            except OSError:
                return None
        self.used_stats[stat_key] = digest
        return digest, tuple(placed) if placed else None

    def has(self, key: Key | None) -> bool:
        """Whether a result for `key` is kept (it may still turn out damaged when read)."""
        return key is not None and (key in self.entries or self.used.get(key) is not None)

    def get(self, key: Key | None) -> tuple | None:
        """The kept result of `key`, or None (not kept, or its bytes are damaged)."""
        if key is None:
            return None
        found = self.used.get(key) or self._read(key)
        if found is not None:
            self.hits += 1
            self.used.setdefault(key, None)
        return found

    def keep(self, key: Key | None) -> None:
        """Keep `key`'s result for the next build without reading it (a file this build did not need)."""
        if key is not None and key in self.entries:
            self.used.setdefault(key, None)

    def put(self, key: Key | None, processed: tuple, pickled: bytes = b"") -> None:
        """Keep `processed` under `key`; `pickled` is what a worker sent of it (the same tuple:
        the document without its text, the location, the facts as a list), written as it is."""
        doc, loc, facts = processed
        if key is None or doc.status in NOT_KEPT or loc.status in NOT_KEPT:
            return
        self.used[key] = (replace(doc, text=""), loc, list(facts))
        if pickled:
            self._pickled[key] = pickled

    def _read(self, key: Key) -> tuple | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        offset, length, crc = entry
        try:
            if self._handle is None:
                self._handle = self.pack.open("rb")
            self._handle.seek(offset)
            data = self._handle.read(length)
            if len(data) != length or zlib.crc32(data) != crc:
                raise ValueError("damaged entry")
            found = pickle.loads(data)
            doc, loc, facts = found  # the shape a result has; anything else is not ours
            return doc, loc, list(facts)
        except Exception:  # noqa: BLE001 - a damaged entry is read again from the raw file, never trusted
            logger.warning("ignoring a damaged entry of the build cache: %s", self.pack)
            self.entries.pop(key, None)
            return None

    def save(self) -> None:
        """Append the new results to the pack and write the index of every result this build used
        (temp file, then rename); other versions' files removed. A pack mostly of results no
        longer used is written again with only the used ones."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            kept = {key: self.entries[key] for key, new in self.used.items() if new is None and key in self.entries}
            live = sum(length for _, length, _ in kept.values())
            size = self.pack.stat().st_size if self.pack.exists() else 0
            if size > 2 * live + (1 << 20):
                kept = self._compact(kept)
            with self.pack.open("ab") as handle:
                offset = handle.tell()
                for key, new in self.used.items():
                    if new is None:
                        continue
                    data = self._pickled.get(key) or pickle.dumps(new, protocol=pickle.HIGHEST_PROTOCOL)
                    handle.write(data)
                    kept[key] = (offset, len(data), zlib.crc32(data))
                    offset += len(data)
            self._write_index(kept)
            self._remove_other_versions()
        except OSError:
            logger.warning("could not write the build cache in %s", self.folder, exc_info=True)
        finally:
            self.close()

    def _compact(self, kept: dict[Key, Entry]) -> dict[Key, Entry]:
        """The pack written again with only `kept`'s bytes (the index follows in `save`)."""
        temp = self.folder / f".{self.pack.name}.{os.getpid()}.tmp"
        moved: dict[Key, Entry] = {}
        try:
            with self.pack.open("rb") as source, temp.open("wb") as target:
                for key, (offset, length, crc) in sorted(kept.items(), key=lambda item: item[1][0]):
                    source.seek(offset)
                    moved[key] = (target.tell(), length, crc)
                    target.write(source.read(length))
            self.close()
            os.replace(temp, self.pack)
        finally:
            temp.unlink(missing_ok=True)
        return moved

    def _write_index(self, entries: dict[Key, Entry]) -> None:
        temp = self.folder / f".{self.path.name}.{os.getpid()}.tmp"
        try:
            with temp.open("wb") as handle:
                pickle.dump({"stats": self.used_stats, "entries": entries}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
        finally:
            temp.unlink(missing_ok=True)
        self.entries = entries

    def _remove_other_versions(self) -> None:
        for old in self.folder.glob("results-*"):
            if old not in (self.path, self.pack):
                old.unlink(missing_ok=True)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
