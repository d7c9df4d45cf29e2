"""Per-file results kept between builds: a report that did not change is not read again.

Owns: the cache of one processed folder (`out/.cache/`): each raw file's (Document, Location,
Facts) — the document's text left out, the tables do not need it — keyed by the SHA-256 of the
file's bytes and the place/year an editor stated for it; a stat index (name, size, mtime, inode
-> SHA-256) so an unchanged file is not even hashed again; and the cache's version, which names
everything a result depends on: the pipeline's code and rules (`build.pipeline_version`, which
digests pipeline/*.py and pipeline/rules/*, the gazetteer supplement included) and the versions
of the libraries that read files and places (OpenCC, jieba, the PDF, Word and OCR
readers). Any change of those throws the whole cache away. (pipeline.regions keeps its built
place-name tokenizer in the same folder, under its own names.)

Must never: hold a result of a file that failed for a passing reason (timeout, out of memory, a
crashed worker, a stage error: those are tried again next build), write outside `out/.cache/`,
or let a damaged cache file fail a build (it is then ignored and rewritten).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
from dataclasses import replace
from functools import cache
from pathlib import Path

from pipeline.model import STATUS_ERROR, STATUS_OUT_OF_MEMORY, STATUS_TIMEOUT

logger = logging.getLogger(__name__)

FOLDER = ".cache"
LIBRARIES = ("opencc", "jieba", "pypdf", "pdfplumber", "pypdfium2", "python-docx", "rapidocr-onnxruntime", "striprtf")
NOT_KEPT = frozenset({STATUS_TIMEOUT, STATUS_OUT_OF_MEMORY, STATUS_ERROR})
FORMAT = 1  # of the cache file itself

Key = tuple[str, tuple | None]  # (SHA-256 of the bytes, the stated (jurisdiction, year) or None)


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
    """The cache of one processed folder; `save` writes what this build used (removed files drop out)."""

    def __init__(self, out: Path) -> None:
        self.folder = Path(out) / FOLDER
        self.path = self.folder / f"results-{version()}.pickle"
        self.stats: dict[tuple, str] = {}
        self.results: dict[Key, tuple] = {}
        self.used_stats: dict[tuple, str] = {}
        self.used: dict[Key, tuple] = {}
        self.hits = 0
        self._load()

    def _load(self) -> None:
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)  # our own file, written by `save`, in a folder we own
            self.stats, self.results = stored["stats"], stored["results"]
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a damaged or foreign cache is rebuilt, never trusted
            logger.warning("ignoring an unreadable build cache: %s", self.path)
            self.stats, self.results = {}, {}

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

    def get(self, key: Key | None) -> tuple | None:
        found = self.results.get(key) if key is not None else None
        if found is not None:
            self.hits += 1
            self.used[key] = found
        return found

    def put(self, key: Key | None, processed: tuple) -> None:
        doc, loc, facts = processed
        if key is None or doc.status in NOT_KEPT or loc.status in NOT_KEPT:
            return
        self.used[key] = (replace(doc, text=""), loc, list(facts))

    def save(self) -> None:
        """Write the results this build used (temp file, then rename); old versions removed."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp = self.folder / f".{self.path.name}.{os.getpid()}.tmp"
            with temp.open("wb") as handle:
                pickle.dump({"stats": self.used_stats, "results": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.path)
            for old in self.folder.glob("results-*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            logger.warning("could not write the build cache in %s", self.folder, exc_info=True)
            with contextlib.suppress(OSError, UnboundLocalError):
                temp.unlink(missing_ok=True)
