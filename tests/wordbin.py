"""A minimal Word 97 binary (.doc / .wps) writer, for tests only (not a test module).

No office suite runs here, so the old binary format is written by hand from its public
specification ([MS-DOC] and [MS-CFB]): an OLE compound file (512-byte sectors, no mini stream:
every stream is padded past the 4,096-byte cutoff) holding a "WordDocument" stream (the File
Information Block, then the text as UTF-16LE) and a "1Table" stream (the piece table, one piece
covering the whole text). Paragraphs end with "\\r", as Word stores them. That is what
antiword and catdoc need to read the text; styles, fonts and formatting are left out.
"""

from __future__ import annotations

import struct

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096
TEXT_OFFSET = 0x800  # where the text starts in WordDocument, after the FIB


def word97(text: str) -> bytes:
    """The bytes of a .doc holding `text` (one paragraph per line)."""
    body = text.replace("\r\n", "\n").replace("\n", "\r") + "\r"
    encoded = body.encode("utf-16-le")
    characters = len(encoded) // 2
    clx = _clx(characters)
    word_document = _pad(_fib(characters, len(clx)).ljust(TEXT_OFFSET, b"\0") + encoded)
    return _compound({"WordDocument": word_document, "1Table": _pad(clx)})


def _pad(data: bytes) -> bytes:
    size = max(len(data), MINI_CUTOFF)
    return data.ljust(-(-size // SECTOR) * SECTOR, b"\0")


def _clx(characters: int) -> bytes:
    """Clx: one Pcdt (0x02, size, PlcPcd) with CPs [0, n] and one PCD pointing at the
    uncompressed (UTF-16) text at TEXT_OFFSET."""
    plc = struct.pack("<II", 0, characters) + struct.pack("<HIH", 0, TEXT_OFFSET, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _fib(characters: int, clx_size: int) -> bytes:
    base = struct.pack(
        "<HHHHHHHIBBHHII",
        0xA5EC,  # wIdent
        0x00C1,  # nFib: Word 97
        0,
        0x0804,  # lid: Chinese (PRC)
        0,
        0x1200,  # fWhichTblStm (1Table) | fExtChar
        0x00BF,  # nFibBack
        0,
        0,
        0,
        0,
        0,
        TEXT_OFFSET,  # fcMin (a reserved field since Word 97; older readers still look here)
        TEXT_OFFSET + characters * 2,  # fcMac
    )
    rg_w = struct.pack("<H", 14) + bytes(28)
    lw = [0] * 22
    lw[0] = TEXT_OFFSET + characters * 2  # cbMac
    lw[3] = characters  # ccpText
    rg_lw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    pairs = [0] * (93 * 2)
    pairs[33 * 2], pairs[33 * 2 + 1] = 0, clx_size  # fcClx, lcbClx (Clx at the start of 1Table)
    rg_fc = struct.pack("<H", 93) + struct.pack(f"<{len(pairs)}I", *pairs)
    return base + rg_w + rg_lw + rg_fc + struct.pack("<H", 0)


def _compound(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3) with `streams` in the root storage."""
    names = list(streams)
    sectors: list[bytes] = []
    starts = {}
    for name in names:
        starts[name] = len(sectors)
        data = streams[name]
        sectors += [data[i : i + SECTOR] for i in range(0, len(data), SECTOR)]
    directory_sector = len(sectors)
    sectors.append(_directory(names, streams, starts))
    fat_sectors = -(-(len(sectors) + 1) // (SECTOR // 4))
    fat = [FREE] * (fat_sectors * SECTOR // 4)
    for name in names:
        count = len(streams[name]) // SECTOR
        for i in range(count):
            fat[starts[name] + i] = starts[name] + i + 1 if i < count - 1 else END
    fat[directory_sector] = END
    first_fat = len(sectors)
    for i in range(fat_sectors):
        fat[first_fat + i] = FAT_SECTOR
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    sectors += [fat_bytes[i : i + SECTOR] for i in range(0, len(fat_bytes), SECTOR)]
    difat = [first_fat + i for i in range(fat_sectors)] + [FREE] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_sector, 0, MINI_CUTOFF, END, 0, END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)


def _entry(name: str, kind: int, child: int, left: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBBIII", len(encoded), kind, 1, left, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def _directory(names: list[str], streams: dict[str, bytes], starts: dict[str, int]) -> bytes:
    """Root, then the streams as a tree: names compare by length, then upper-cased."""
    ordered = sorted(names, key=lambda n: (len(n), n.upper()))
    ids = {name: i + 1 for i, name in enumerate(ordered)}
    entries = [_entry("Root Entry", 5, ids[ordered[-1]], NO_STREAM, NO_STREAM, END, 0)]
    for i, name in enumerate(ordered):
        # a chain: the largest name is the root's child, each one's left sibling the next smaller
        left = ids[ordered[i - 1]] if i > 0 else NO_STREAM
        entries.append(_entry(name, 2, NO_STREAM, left, NO_STREAM, starts[name], len(streams[name])))
    data = b"".join(entries)
    return data.ljust(SECTOR, b"\0")
