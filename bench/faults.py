"""Fault injection: build over the sample reports plus many kinds of broken files.

Prints the files tried, the status each broken kind ended with, the values lost from the good
files (must be 0) and the exceptions that escaped (must be 0). Exit code 1 if either is not 0.

    python bench/faults.py [--raw data/raw]
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from pipeline.build import build, process_document  # noqa: E402

HUGE_BYTES = 21 * 1024 * 1024
REPORT = (
    "某某市人民政府关于2023年法治政府建设情况的报告\n2023年,全市共收到行政复议申请300件,受理280件。\n"
    "某某市人民政府\n2024年1月20日\n"
)


def _blank_pdf(encrypt: bool = False) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_without_text() -> bytes:
    from docx import Document as Docx

    buffer = io.BytesIO()
    Docx().save(buffer)
    return buffer.getvalue()


def _utf8(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def _random(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


BROKEN: dict[str, tuple[str, Callable[[], bytes]]] = {
    "empty file": ("empty.txt", lambda: b""),
    "whitespace only": ("blank.txt", lambda: b" \n\t\r\n   \n"),
    "PNG named .txt": ("picture.txt", lambda: b"\x89PNG\r\n\x1a\n" + _random(2000, 1)),
    "random bytes .txt": ("noise.txt", lambda: _random(5000, 2)),
    "undecodable text": ("mojibake.txt", lambda: bytes([0x81, 0x20, 0xFE, 0xFF, 0x80]) * 400),
    "UTF-16 without BOM": ("utf16.txt", lambda: REPORT.encode("utf-16-le")),
    "unsupported suffix": ("table.xls", lambda: b"\xd0\xcf\x11\xe0" + _random(1000, 3)),
    "image-only PDF": ("scan.pdf", lambda: _blank_pdf()),
    "encrypted PDF": ("locked.pdf", lambda: _blank_pdf(encrypt=True)),
    "truncated PDF": ("cut.pdf", lambda: _blank_pdf()[:120]),
    "text named .pdf": ("fake.pdf", lambda: REPORT.encode()),
    "corrupt DOCX": ("broken.docx", lambda: b"PK\x03\x04" + _random(3000, 4)),
    "zip that is not a DOCX": ("other.docx", lambda: _zip({"hello.txt": b"hi"})),
    "DOCX with no text": ("blank.docx", _docx_without_text),
    "HTML with only menus and scripts": (
        "menu.html",
        lambda: (
            "<html><head><script>var a=1;</script></head><body><nav>首页 | 新闻</nav>"
            "<footer>版权所有</footer></body></html>"
        ).encode(),
    ),
    "deeply nested HTML": ("nested.html", lambda: ("<div>" * 5000 + "文字" + "</div>" * 5000).encode()),
    "HTML with script injection": (
        "inject.html",
        lambda: (
            "<html><body><div class='content'><p>"
            + REPORT.replace("\n", "</p><p>")
            + '<script>alert(1)</script>=HYPERLINK("http://x")</p></div></body></html>'
        ).encode(),
    ),
    "huge file": ("huge.txt", lambda: b"a" * HUGE_BYTES),
    "no jurisdiction": ("noplace.txt", lambda: _utf8("关于2023年法治政府建设情况的报告", "全年受理行政复议案件12件。")),
    "no year": ("noyear.txt", lambda: _utf8("黄山市法治政府建设情况", "我市受理行政复议案件12件。")),
    "ambiguous place name": ("ambiguous.txt", lambda: _utf8("朝阳区2022年法治政府建设情况报告", "受理复议案件12件。")),
    "control characters": ("control.txt", lambda: ("\x00\x01\x02\u200b\u202e" * 500).encode()),
    "formula text in a report": ("formula.txt", lambda: ("=cmd|' /C calc'!A0\n" + REPORT).encode("utf-8")),
    "GBK with a broken tail": ("tail.txt", lambda: REPORT.encode("gbk")[:-1]),
}


def write_broken(folder: Path) -> dict[str, str]:
    """Write every broken kind into `folder`; file name -> kind."""
    names = {}
    for kind, (name, make) in BROKEN.items():
        data = make()
        if name == "huge.txt":
            with (folder / name).open("wb") as handle:  # sparse: cheap on disk
                handle.truncate(len(data))
        else:
            (folder / name).write_bytes(data)
        names[name] = kind
    return names


def values(out: Path) -> set[tuple]:
    table = pd.read_csv(out / "indicators.csv", dtype={"adcode": str})
    return set(table[["source", "adcode", "year", "indicator", "value"]].itertuples(index=False, name=None))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", default="data/raw", help="folder of good reports (default data/raw)")
    args = parser.parse_args()
    escaped = 0
    with tempfile.TemporaryDirectory(prefix="fazhi-faults-") as tmp:
        good, mixed = Path(tmp, "good"), Path(tmp, "mixed")
        shutil.copytree(args.raw, good)
        shutil.copytree(args.raw, mixed)
        (good / "corrections.csv").unlink(missing_ok=True)
        (mixed / "corrections.csv").unlink(missing_ok=True)
        kinds = write_broken(mixed)
        for name in kinds:
            try:
                process_document(mixed / name)
            except Exception as err:  # noqa: BLE001 - counting what escapes is the point
                escaped += 1
                print(f"ESCAPED from {name}: {type(err).__name__}: {err}")
        build(good, Path(tmp, "out-good"))
        try:
            build(mixed, Path(tmp, "out-mixed"))
        except Exception as err:  # noqa: BLE001
            escaped += 1
            print(f"ESCAPED from the build: {type(err).__name__}: {err}")
            return 1
        documents = pd.read_csv(Path(tmp, "out-mixed", "documents.csv")).set_index("source")
        lost = values(Path(tmp, "out-good")) - values(Path(tmp, "out-mixed"))
        tried = len(documents)
        print(f"files tried:        {tried} ({tried - len(kinds)} good reports + {len(kinds)} broken kinds)")
        print("status by kind:")
        for name, kind in kinds.items():
            row = documents.loc[name]
            print(f"  {kind:<34} {row['status']:<24} {str(row['message'])[:70]}")
        print(f"values lost from the good files: {len(lost)}")
        print(f"exceptions escaped:              {escaped}")
    return 1 if lost or escaped else 0


if __name__ == "__main__":
    sys.exit(main())
