"""Small fake stages for orchestration tests (tests/test_build.py, tests/test_corrections.py).

A fake report is lines of `PLACE name adcode level`, `YEAR 2022`, `FACT indicator value` (optionally
followed by the year the value is of, or `cumulative` for a running total);
"EXPLODE" anywhere makes ingest raise; "SLEEP", "HOG" and "DIE" make it hang, allocate without
bound or kill its process (for the worker's budget: tests/test_bounded.py).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

from pipeline.build import Stages
from pipeline.model import STATUS_EMPTY, STATUS_OK, Document, Fact, Location, Place


def fake_read(path: Path) -> Document:
    return fake_bytes(Path(path).read_bytes(), Path(path).name)


def fake_bytes(data: bytes, name: str) -> Document:
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        return Document(name, name, "", "txt", status=STATUS_EMPTY, message="文件是空的")
    if "EXPLODE" in text:
        raise RuntimeError("boom")
    _misbehave(text)
    return Document(name, name, text, "txt")


def _misbehave(text: str) -> None:
    if "SLEEP" in text:
        time.sleep(120)
    if "HOG" in text:
        hoard = []
        while True:
            hoard.append(bytearray(64 * 2**20))
    if "DIE" in text:
        os._exit(3)


def fake_locate(doc: Document) -> Location:
    fields = {line.split()[0]: line.split()[1:] for line in doc.text.splitlines() if line.strip()}
    place = Place(fields["PLACE"][0], fields["PLACE"][1], fields["PLACE"][2], "乙省") if "PLACE" in fields else None
    year = int(fields["YEAR"][0]) if "YEAR" in fields else None
    status = STATUS_OK if place else "no_jurisdiction"
    return Location(place, year, status=status, message="" if place else "没有找到地名")


def fake_extract(text: str, year, place=None, sub_places=(), published: str = "") -> list[Fact]:
    facts = []
    for line in text.splitlines():
        if line.startswith("FACT"):
            _, indicator, value, *more = line.split()
            fact = Fact(indicator, float(value), evidence=line, start=text.index(line))
            if more and more[0] == "cumulative":
                fact = replace(fact, period="cumulative")
            elif more:
                fact = replace(fact, year=int(more[0]))
            facts.append(fact)
    return facts


def fake_override(loc: Location, jurisdiction: str, year: int | None) -> Location:
    return Location(
        Place(jurisdiction, "110300", "prefecture", "乙省") if jurisdiction else loc.place, year or loc.year
    )


FAKES = Stages(
    fake_read,
    fake_bytes,
    fake_locate,
    lambda place, named=(): [],
    fake_extract,
    lambda facts, year: facts,
    fake_override,
)
