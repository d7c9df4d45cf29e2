"""The incremental table stage's memory: what a change of a few reports needs from the last build.

Owns: the table state a build leaves in `out/.cache/table-<cache version>.pickle` — for every raw
entry its identity (cache key, entry status and note), its place and its documents.csv status;
for every output CSV where each place's rows (by adcode; each source's line in documents.csv)
sit in that output set's file, with the file's SHA-256; beside it the last indicator table as
Arrow IPC (`table-<cache version>.arrow`, also checked by SHA-256: its rows are taken without
decoding the parquet file) — and the splicing of a new file from the previous set's unchanged
bytes and the touched places' new rows (CSV and parquet).

Why splicing is exact (build.py relies on it): every row of indicators.csv, conflicts.csv and
cumulative.csv depends only on the candidate rows of its own place — the conflict rule, the
conflict and outlier signals, corrections and reviews all work per (adcode, year, indicator) or
(adcode, indicator) — and every one of these tables is sorted by adcode first; a source's
`values` in documents.csv counts rows that all sit at the source's place. So when the tables
of the touched places are made again by the same functions as a full build, over all of their
candidate rows, the new files are the old files with those places' blocks replaced.

Must never: decide rows or values (table does), write the output set (build does, through
outputs.publish), or trust a state or a previous file that does not match exactly: a missing,
damaged or foreign state, or a file whose SHA-256 differs, raises Unusable and the build makes
the tables in full instead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import pickle
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline import outputs

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

logger = logging.getLogger(__name__)

FORMAT = 2  # of the state file
PARTED_BY = {
    "indicators.csv": "adcode",
    "conflicts.csv": "adcode",
    "cumulative.csv": "adcode",
    "documents.csv": "source",
}
PARQUET = "indicators.parquet"  # its rows are laid out as indicators.csv's (same table, same order)
TABLE = "table"  # what Previous calls the kept Arrow IPC copy of the indicator table

Block = tuple[int, int, int, int]  # byte start, byte end, first row, end row of one part
Pieces = list  # of bytes-like pieces a file is written from, in order (never joined: 40 MB copies)


class Unusable(Exception):
    """The previous output set cannot be spliced (changed, damaged or missing): build in full."""


@dataclass(frozen=True)
class Layout:
    """Where each part's rows sit in one output CSV."""

    sha256: str
    header: bytes
    blocks: dict[str, Block]


class Source(NamedTuple):
    """One raw entry as the last build saw it (a tuple: 10,000 of them load in a few ms)."""

    ident: tuple  # (readable, entry status, entry note, cache key): equal means the same result
    kept: bool  # its result is kept in the cache (a timeout or stage error is tried again)
    adcode: str  # the place its rows sit at, "" for none
    place: tuple[str, ...] | None  # (jurisdiction, adcode, level, province, parent) when it has single-year rows
    status: str  # its documents.csv status


@dataclass(frozen=True)
class State:
    """What the incremental table stage needs of the output set `set_name`."""

    set_name: str
    sources: dict[str, Source]
    layouts: dict[str, Layout]
    table_sha256: str  # of the indicator table kept beside the state as Arrow IPC (decoded for free)
    correction_places: frozenset[str]  # adcodes that a line of corrections.csv named
    chosen: dict[str, int]  # per adcode: conflicts.csv rows with chosen True (the build's summary)


# ---------------------------------------------------------------- the state file


def state_path(out: Path, version: str) -> Path:
    return Path(out) / ".cache" / f"table-{version}.pickle"


def table_path(out: Path, version: str) -> Path:
    """The last indicator table as Arrow IPC: the parquet file's rows without decoding parquet."""
    return Path(out) / ".cache" / f"table-{version}.arrow"


def load(out: Path, version: str) -> State | None:
    """The state of `out`'s current output set, or None (none kept, another version, another set,
    or unreadable: the build then makes its tables in full)."""
    path = state_path(out, version)
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)  # our own file, written by `save`, in a folder we own
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            raise TypeError("not a table state")
        state = State(**{**stored["state"], "sources": {s: Source._make(r) for s, r in stored["sources"].items()}})
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign state is never trusted
        logger.warning("ignoring an unreadable table state: %s", path)
        return None
    return state if outputs.current(out).name == state.set_name else None


def save(out: Path, version: str, state: State, table: bytes | memoryview) -> None:
    """Write the indicator table (Arrow IPC) and `state` (each a temp file, then a rename; the
    state last); other versions' files removed. Best effort: a build without a state is only
    slower next time."""
    path, arrow = state_path(out, version), table_path(out, version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(arrow, table)
        fields = {f.name: getattr(state, f.name) for f in dataclasses.fields(state) if f.name != "sources"}
        sources = {s: tuple(r) for s, r in state.sources.items()}  # plain tuples pickle fastest
        stored = {"format": FORMAT, "state": fields, "sources": sources}
        _replace(path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob("table-*"):
            if old not in (path, arrow):
                old.unlink(missing_ok=True)
    except OSError:
        logger.warning("could not write the table state in %s", path.parent, exc_info=True)


def _replace(path: Path, data: bytes | memoryview) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


# ---------------------------------------------------------------- CSV bytes and their layout


def csv_lines(frame: pd.DataFrame) -> tuple[bytes, list[bytes]]:
    """(the header line, one line per row) of `frame` exactly as the build writes it: pandas'
    CSV with formula-safe text. A row whose text holds a line break is one quoted line."""
    inert = outputs.inert_frame(frame)
    return _quick_csv_lines(inert) or _pandas_csv_lines(inert)


def _pandas_csv_lines(inert: pd.DataFrame) -> tuple[bytes, list[bytes]]:
    """`csv_lines` of a formula-safe frame by pandas' own to_csv, split into rows."""
    data = inert.to_csv(index=False).encode("utf-8")
    lines: list[bytes] = []
    pending = b""
    for piece in data.split(b"\n")[:-1]:  # the text ends with a line break
        line = pending + piece + b"\n"
        if line.count(b'"') % 2:  # inside a quoted cell: the break belongs to it
            pending = line
            continue
        lines.append(line)
        pending = b""
    if pending or not lines:
        raise Unusable("the CSV text could not be split into rows")
    return lines[0], lines[1:]


def _quick_csv_lines(inert: pd.DataFrame) -> tuple[bytes, list[bytes]] | None:
    """`csv_lines` of a formula-safe frame made column by column in Arrow, the same bytes as pandas'
    to_csv (which formats each column's cells, then hands every row to the csv module's writer):
    each cell formatted as pandas formats its dtype, the cells holding a character the writer
    quotes quoted as it quotes them, the rows joined in Arrow. pandas' writer was ~0.25 s of a
    2,000-report build's indicators.csv; this is about a quarter of that. None (pandas writes it)
    for a dtype the tables do not use, a single column (an empty cell alone on a line is quoted),
    or a csv module that quotes otherwise than this assumes (`_csv_quoting`)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    special = _csv_quoting()
    if special is None or len(inert.columns) < 2:
        return None
    columns = []
    for name in inert.columns:
        cells = _csv_cells(inert[name], special)
        if cells is None:
            return None
        columns.append(cells)
    text = pa.large_string()
    rows = pc.binary_join_element_wise(*columns, pa.scalar(",", text))
    rows = pc.binary_join_element_wise(rows, pa.scalar(os.linesep, text), pa.scalar("", text))
    data = rows.buffers()[2]
    data = data.to_pybytes() if data is not None else b""
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64)[rows.offset : rows.offset + len(rows) + 1].tolist()
    header = [_quoted(str(name)) if special.search(str(name)) else str(name) for name in inert.columns]
    lines = [data[start:end] for start, end in zip(offsets[:-1], offsets[1:], strict=True)]
    return (",".join(header) + os.linesep).encode("utf-8"), lines


def _csv_cells(column: pd.Series, special: re.Pattern[str]) -> pa.Array | None:
    """A column's cells as pandas' to_csv writes them (missing: empty), as an Arrow array of text;
    None for a dtype the tables do not use."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    text, empty = pa.large_string(), pa.scalar("", pa.large_string())
    kind = str(column.dtype)
    if kind in ("float64", "int64", "bool"):  # numpy's str of each value, as pandas does (values.astype(str))
        values = column.to_numpy()
        cells = pa.array(values.astype(str), text)
        missing = np.isnan(values) if kind == "float64" else None
        return pc.if_else(pa.array(missing), empty, cells) if missing is not None and missing.any() else cells
    if kind == "Int64":  # pandas: the values as Python ints, str() of each in the writer
        missing = column.isna().to_numpy()
        cells = pc.cast(pa.array(column.to_numpy(dtype="int64", na_value=0)), text)
        return pc.if_else(pa.array(missing), empty, cells) if missing.any() else cells
    if kind != "str":
        return None
    cells = pa.array(column.array)
    cells = pc.fill_null((cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells).cast(text), empty)
    quote = pa.scalar('"', text)
    need = pc.match_substring_regex(cells, special.pattern)
    if not pc.any(need).as_py():
        return cells
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(cells, '"', '""'), quote, empty)
    return pc.if_else(need, quoted, cells)


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


@cache
def _csv_quoting() -> re.Pattern[str] | None:
    """The characters that make the csv module's writer, called as pandas' to_csv calls it, quote
    a cell (a comma, a double quote, line breaks), found by asking the writer; None when it quotes
    a cell in any other way than wrapping it in double quotes and doubling those inside, or quotes
    a cell for anything but such a character (the quick path then stands aside)."""
    import csv
    import io

    def written(row: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator=os.linesep, delimiter=",", quotechar='"', doublequote=True).writerow(row)
        return out.getvalue()

    special = []
    for code in range(128):  # the delimiter, quote character and line terminator are ASCII
        cell = f"x{chr(code)}y"
        found = written(["a", cell])
        if found == f"a,{cell}{os.linesep}":
            continue
        if found != f"a,{_quoted(cell)}{os.linesep}":
            return None
        special.append(f"\\x{code:02x}")  # one escape Python's and Arrow's regular expressions read alike
    if not special or written(["a", " x", "x ", "", "\u00e9", "1.5"]) != f"a, x,x ,,\u00e9,1.5{os.linesep}":
        return None
    return re.compile(f"[{''.join(special)}]")


def layout(header: bytes, lines: Sequence[bytes], parts: Sequence[str]) -> tuple[Pieces, Layout | None]:
    """(the file's bytes in pieces, where each part sits) for rows `lines` whose parts are `parts`.
    The layout is None when a part's rows are not together (the file cannot be spliced by part)."""
    blocks: dict[str, Block] = {}
    pieces = [header, *lines]
    position, start, first, current = len(header), len(header), 0, None
    for row, (line, part) in enumerate(zip(lines, parts, strict=True)):
        if part != current:
            if current is not None:
                blocks[current] = (start, position, first, row)
            if part in blocks:
                return pieces, None
            start, first, current = position, row, part
        position += len(line)
    if current is not None:
        blocks[current] = (start, position, first, len(lines))
    return pieces, Layout(sha256(pieces), header, blocks)


def sha256(pieces: Pieces) -> str:
    """The SHA-256 of the file the pieces make (without joining them)."""
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece)
    return digest.hexdigest()


class Previous:
    """The previous set's files, read and checked in a thread (while the changed files are read:
    reading and hashing release the GIL); `bytes(name)` waits for them.

    `guard` is the lock every fork of a worker takes: the thread holds it around each slice it
    hashes, so no worker is forked while a hash is half done (the child could inherit a lock of
    the hashing library held) and a fork waits a few milliseconds at most."""

    SLICE = 4 << 20

    def __init__(self, folder: Path, table: Path, state: State, guard: threading.Lock) -> None:
        wanted = {name: (folder / name, layout.sha256) for name, layout in state.layouts.items()}
        wanted[TABLE] = (table, state.table_sha256)
        self._guard = guard
        self._found: dict[str, bytes | Unusable] = {}
        self._thread = threading.Thread(target=self._read, args=(wanted,), name="fazhi-previous", daemon=True)
        self._thread.start()

    def _read(self, wanted: dict[str, tuple[Path, str]]) -> None:
        for name, (path, sha256) in wanted.items():
            try:
                data = path.read_bytes()
            except OSError as err:
                self._found[name] = Unusable(f"{path.name}: {err}")
                continue
            ok = self._sha256(data) == sha256
            self._found[name] = data if ok else Unusable(f"{path.name} is not the file the last build wrote")

    def _sha256(self, data: bytes) -> str:
        view = memoryview(data)
        with self._guard:
            digest = hashlib.sha256()
        for start in range(0, len(data), self.SLICE):
            with self._guard:
                digest.update(view[start : start + self.SLICE])
        with self._guard:
            return digest.hexdigest()

    def bytes(self, name: str) -> bytes:
        self._thread.join()
        found = self._found.get(name)
        if found is None:
            raise Unusable(f"{name} was not kept")
        if isinstance(found, Unusable):
            raise found
        return found


def splice(
    old: bytes, before: Layout, header: bytes, new: Mapping[str, list[bytes]], redone: set[str], order: list[str]
) -> tuple[Pieces, Layout]:
    """A CSV of the parts `order` (in pieces): a part in `redone` from its `new` lines (left out
    when it has none), every other one copied from `old` (laid out as `before`)."""
    if header != before.header:
        raise Unusable("the header changed")
    view = memoryview(old)
    pieces: list[bytes | memoryview] = [header]
    blocks: dict[str, Block] = {}
    position, row = len(header), 0
    copied: tuple[int, int] | None = None  # the previous file's bytes to copy next, grown while adjacent
    for part in order:
        if part in redone:
            lines = new.get(part)
            if not lines:
                continue
            size, count = sum(map(len, lines)), len(lines)
            if copied:
                pieces.append(view[copied[0] : copied[1]])
                copied = None
            pieces.extend(lines)
        else:
            found = before.blocks.get(part)
            if found is None:
                raise Unusable(f"part {part!r} is not in the previous file")
            start, end, first, stop = found
            size, count = end - start, stop - first
            if copied and copied[1] == start:
                copied = (copied[0], end)
            else:
                if copied:
                    pieces.append(view[copied[0] : copied[1]])
                copied = (start, end)
        blocks[part] = (position, position + size, row, row + count)
        position, row = position + size, row + count
    if copied:
        pieces.append(view[copied[0] : copied[1]])
    return pieces, Layout(sha256(pieces), header, blocks)


def lines_by_part(lines: Sequence[bytes], parts: Sequence[str]) -> dict[str, list[bytes]]:
    grouped: dict[str, list[bytes]] = {}
    for line, part in zip(lines, parts, strict=True):
        grouped.setdefault(part, []).append(line)
    return grouped


# ---------------------------------------------------------------- parquet


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """`frame` as the Arrow table the parquet file holds (what pandas' to_parquet writes)."""
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False)


def encoded(table: pa.Table) -> tuple[bytes, pa.Buffer]:
    """(the parquet file's bytes, the table as Arrow IPC). One chunk per column and pandas'
    default compression: the same table gives the same parquet bytes however it was put together."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = table.combine_chunks()
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="snappy")
    return sink.getvalue().to_pybytes(), _ipc(table)


def _ipc(table: pa.Table) -> pa.Buffer:
    """`table` as an Arrow IPC file in memory, in a buffer of the right size (a growing buffer
    copied 40 MB again and again: 0.2 s at 10,000 reports)."""
    import pyarrow as pa

    size = pa.MockOutputStream()
    with pa.ipc.new_file(size, table.schema) as writer:
        writer.write_table(table)
    buffer = pa.allocate_buffer(size.size())
    with pa.ipc.new_file(pa.FixedSizeBufferWriter(buffer), table.schema) as writer:
        writer.write_table(table)
    return buffer


def splice_parquet(
    old: bytes,
    before: Layout,
    new: pa.Table,
    new_rows: Mapping[str, tuple[int, int]],
    redone: set[str],
    order: list[str],
) -> pa.Table:
    """The table of `order`'s parts: a redone part's rows from `new`, every other one's from the
    previous table `old` (Arrow IPC; its rows laid out as the previous indicators.csv's, `before`)."""
    import pyarrow as pa

    try:
        previous = pa.ipc.open_file(pa.BufferReader(old)).read_all()
    except pa.ArrowException as err:
        raise Unusable(f"the kept table cannot be read: {err}") from None
    if not previous.schema.equals(new.schema, check_metadata=True):
        raise Unusable("the parquet schema changed")
    pieces, copied = [], None  # copied: the previous rows to take next, grown while adjacent
    for part in order:
        if part in redone:
            if part in new_rows:
                if copied:
                    pieces.append(previous.slice(copied[0], copied[1] - copied[0]))
                    copied = None
                first, stop = new_rows[part]
                pieces.append(new.slice(first, stop - first))
            continue
        _, _, first, stop = before.blocks[part]
        if copied and copied[1] == first:
            copied = (copied[0], stop)
        else:
            if copied:
                pieces.append(previous.slice(copied[0], copied[1] - copied[0]))
            copied = (first, stop)
    if copied:
        pieces.append(previous.slice(copied[0], copied[1] - copied[0]))
    return pa.concat_tables(pieces) if pieces else new.slice(0, 0)


def row_ranges(parts: Sequence[str]) -> dict[str, tuple[int, int]]:
    """part -> (first row, end row) of rows grouped by part."""
    ranges: dict[str, tuple[int, int]] = {}
    for row, part in enumerate(parts):
        first, _ = ranges.get(part, (row, row))
        ranges[part] = (first, row + 1)
    return ranges
