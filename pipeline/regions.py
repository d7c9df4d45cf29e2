"""The gazetteer: China's administrative divisions by name and code, and place names in text.

Owns: loading cpca's `adcodes.csv` (6-digit codes; the level follows from the code:
XX0000 province, including the four municipalities; XXYY00 prefecture; anything else
county) plus the reviewed `rules/regions_supplement.csv` (adcode,name,level,parent_adcode,
note,valid_from; `valid_from` is a year or an ISO date) for changes cpca does not know;
standard and short names ("长春市"/"长春"); traditional -> simplified characters by
OpenCC (`pipeline.script`); finding place-name mentions in text, confirmed as whole words by a
private jieba tokenizer whose user dictionary holds the place names and the catalogue's
vocabulary.

A supplement entry supersedes a cpca entry of the same province with the same name, or
with the same short name and level (公主岭市 220184 under 长春市 replaces 220381 under
四平市; 梁平区 replaces 梁平县): the old entry keeps answering `by_adcode`, and its full
name is still found when nothing newer bears it, but it is nobody's child any more.

Must never: read report files, decide which place a document is about (`locate` does),
or name particular places in code: every place comes from the two data files.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import script
from pipeline.model import LEVELS, Place

if TYPE_CHECKING:
    import ahocorasick
    import jieba

RULES = Path(__file__).parent / "rules"
SUPPLEMENT = RULES / "regions_supplement.csv"
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Longest first; a suffix is stripped only when at least two characters remain.
SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
)
# jieba part-of-speech tags of proper nouns: a short name jieba tags otherwise is an ordinary word.
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "j"})
COMMON_WORDS = RULES / "common_place_words.txt"  # names that read as ordinary words in report prose
PLACE_FREQ = 2000  # jieba frequency of a full place name: enough to hold together, not to split words
SHORT_FREQ = 500
VOCABULARY_FREQ = 2000
COMMON_FREQ = 1000  # a jieba word this frequent and not tagged a proper noun reads as ordinary prose
TOKEN_MARGIN = 8  # characters of context tokenised on each side of a candidate mention
# "达州市委": jieba cuts 达州/市委, yet the name 达州市 is whole.
COMMITTEES = frozenset({"省委", "市委", "县委", "区委", "州委", "旗委", "盟委"})


@dataclass(frozen=True)
class Mention:
    """A place name found in text: every place it may denote, where, and as written."""

    candidates: tuple[Place, ...]
    start: int
    end: int
    surface: str


@dataclass(frozen=True)
class _Gazetteer:
    places: dict[str, Place]  # adcode -> Place, superseded ones included
    parent_code: dict[str, str]  # adcode -> parent adcode ("" for a province)
    superseded: frozenset[str]
    by_name: dict[str, tuple[Place, ...]]
    by_short: dict[str, tuple[Place, ...]]  # only the highest level bearing each short name
    children: dict[str, tuple[Place, ...]]


# ---------------------------------------------------------------- characters


def to_simplified(text: str) -> str:
    """`text` with traditional characters replaced one for one (offsets stay valid): see pipeline.script."""
    return script.to_simplified(text)


# ---------------------------------------------------------------- names


@cache
def _nations() -> tuple[str, ...]:
    """Ethnic group names with and without 族, longest first ("维吾尔族", "维吾尔", ...)."""
    text = (resources.files("cpca") / "resources" / "56_nations.csv").read_text(encoding="utf-8")
    names = {n.strip() for n in text.splitlines() if n.strip()}
    forms = names | {n[:-1] for n in names if n.endswith("族") and len(n) > 2}
    return tuple(sorted(forms, key=len, reverse=True))


def _strip_nations(stem: str) -> str:
    """ "保亭黎族苗族" -> "保亭": ethnic names at the end removed while two characters remain."""
    changed = True
    while changed:
        changed = False
        for nation in _nations():
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                stem, changed = stem[: -len(nation)], True
                break
    return stem


def short_name(name: str) -> str:
    """ "长春市" -> "长春", "延边朝鲜族自治州" -> "延边"; "" when nothing of two characters remains."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = _strip_nations(name[: -len(suffix)])
            if len(stem) >= 2:
                return stem
    return ""


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


# ---------------------------------------------------------------- loading


def _cpca_rows() -> Iterator[tuple[str, str]]:
    """(6-digit adcode, name) of every real division in cpca's table, first row per code."""
    text = (resources.files("cpca") / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    seen: set[str] = set()
    for row in csv.DictReader(text.splitlines()):
        code, name = row["adcode"][:6], row["name"].strip()
        if name in PLACEHOLDERS or code in seen or not re.fullmatch(r"\d{6}", code):
            continue
        seen.add(code)
        yield code, name


def _supplement_rows() -> list[dict[str, str]]:
    with SUPPLEMENT.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("adcode") or "").strip()]


def _cpca_parent(code: str, names: dict[str, str]) -> str:
    level = _level(code)
    if level == "province":
        return ""
    prefecture = code[:4] + "00"
    if level == "county" and prefecture in names:
        return prefecture
    return code[:2] + "0000"


def _raw_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], list[str]]:
    """(adcode -> name, adcode -> level, adcode -> parent adcode, supplement codes in file order)."""
    names = dict(_cpca_rows())
    levels = {code: _level(code) for code in names}
    parents = {code: _cpca_parent(code, names) for code in names}
    added = []
    for row in _supplement_rows():
        code = row["adcode"].strip()
        names[code], levels[code] = row["name"].strip(), row["level"].strip()
        parents[code] = (row.get("parent_adcode") or "").strip()
        added.append(code)
    return names, levels, parents, added


def _superseded(names: dict[str, str], levels: dict[str, str], added: list[str]) -> frozenset[str]:
    out = set()
    for new in added:
        for code, name in names.items():
            if code == new or code in added or code[:2] != new[:2]:
                continue
            same_short = short_name(name) and short_name(name) == short_name(names[new])
            if name == names[new] or (same_short and levels[code] == levels[new]):
                out.add(code)
    return frozenset(out)


def _sort_key(place: Place) -> tuple[int, str]:
    return LEVELS.index(place.level), place.adcode


def _index(pairs: Iterable[tuple[str, Place]], superseded: frozenset[str]) -> dict[str, tuple[Place, ...]]:
    """key -> places, superseded places dropped where a current one has the same key."""
    groups: dict[str, list[Place]] = defaultdict(list)
    for key, place in pairs:
        groups[key].append(place)
    index = {}
    for key, found in groups.items():
        current = [p for p in found if p.adcode not in superseded]
        index[key] = tuple(sorted(current or found, key=_sort_key))
    return index


def _highest(index: dict[str, tuple[Place, ...]]) -> dict[str, tuple[Place, ...]]:
    """A short name denotes the highest-level places bearing it (吉林 -> 吉林省, 濮阳 -> 濮阳市)."""
    return {key: tuple(p for p in found if p.level == found[0].level) for key, found in index.items()}


@cache
def _gazetteer() -> _Gazetteer:
    names, levels, parents, added = _raw_tables()
    superseded = _superseded(names, levels, added)
    places = {
        code: Place(
            name=name,
            adcode=code,
            level=levels[code],
            province=names.get(code[:2] + "0000", name),
            parent=names.get(parents[code], ""),
        )
        for code, name in names.items()
    }
    current = [p for p in places.values() if p.adcode not in superseded]
    children: dict[str, list[Place]] = defaultdict(list)
    for place in current:
        children[parents[place.adcode]].append(place)
    return _Gazetteer(
        places=places,
        parent_code=parents,
        superseded=superseded,
        by_name=_index(((p.name, p) for p in places.values()), superseded),
        by_short=_highest(_index(((short_name(p.name), p) for p in places.values() if short_name(p.name)), superseded)),
        children={code: tuple(sorted(found, key=_sort_key)) for code, found in children.items()},
    )


# ---------------------------------------------------------------- lookups


def all_places() -> list[Place]:
    """Every current place (superseded codes left out), by code."""
    gazetteer = _gazetteer()
    return sorted(
        (p for p in gazetteer.places.values() if p.adcode not in gazetteer.superseded), key=lambda p: p.adcode
    )


def by_adcode(code: str) -> Place | None:
    """The place with this 6-digit code (a 12-digit code is cut to 6), or None."""
    return _gazetteer().places.get(str(code).strip()[:6])


def lookup(name: str) -> list[Place]:
    """Places a name denotes: the standard name ("朝阳区" -> both), else the short name
    ("长春" -> 长春市), else a parent followed by a child ("长春市朝阳区"). Traditional
    characters are accepted. Highest level first, then by code; [] when unknown."""
    key = to_simplified(name).strip()
    gazetteer = _gazetteer()
    found = gazetteer.by_name.get(key) or gazetteer.by_short.get(key)
    return list(found) if found else _compound(key)


def _compound(key: str) -> list[Place]:
    gazetteer = _gazetteer()
    for cut in range(2, len(key) - 1):
        head, tail = key[:cut], key[cut:]
        heads = gazetteer.by_name.get(head) or gazetteer.by_short.get(head)
        tails = gazetteer.by_name.get(tail) or gazetteer.by_short.get(tail)
        if heads and tails:
            inside = [t for t in tails if any(is_within(t, h) for h in heads)]
            if inside:
                return inside
    return []


def parent(place: Place) -> Place | None:
    """The place directly above, or None for a province."""
    return by_adcode(_gazetteer().parent_code.get(place.adcode, ""))


def ancestors(place: Place) -> list[Place]:
    """Places above `place`, nearest first."""
    out: list[Place] = []
    above = parent(place)
    while above is not None and above not in out:
        out.append(above)
        above = parent(above)
    return out


def is_within(place: Place, other: Place) -> bool:
    """True when `other` is above `place` (not when they are the same place)."""
    return other in ancestors(place)


def children(place: Place) -> list[Place]:
    """Current places directly below `place`, highest level first, then by code."""
    return list(_gazetteer().children.get(place.adcode, ()))


def descendants(place: Place) -> list[Place]:
    """Current places anywhere below `place`."""
    out: list[Place] = []
    stack = children(place)
    while stack:
        below = stack.pop(0)
        out.append(below)
        stack.extend(children(below))
    return out


def resolve(candidates: Iterable[Place], context: Iterable[Place]) -> list[Place]:
    """The candidates lying below a place of `context` (e.g. the places named in the same
    text); all candidates when none does."""
    candidates, context = list(candidates), set(context)
    inside = [c for c in candidates if context.intersection(ancestors(c))]
    return inside or candidates


# ---------------------------------------------------------------- names for other stages


@cache
def _jieba_words() -> dict[str, tuple[int, str]]:
    """jieba's own frequency and part-of-speech tag of every place name and short name it knows."""
    import jieba

    gazetteer = _gazetteer()
    wanted = set(gazetteer.by_short) | set(gazetteer.by_name)
    words = {}
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and parts[0] in wanted:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


@cache
def common_names() -> frozenset[str]:
    """The words of pipeline/rules/common_place_words.txt."""
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip()))


def is_common_word(name: str) -> bool:
    """True when a place name may also be an ordinary word ("和平", "城区", "资源"): it is a
    known one, or jieba knows it under a tag other than a proper noun's. Strict on purpose:
    such names are left out of `sub_place_names`, which other stages match without word
    boundaries."""
    known = _jieba_words().get(name)
    return name in common_names() or (known is not None and known[1] not in PROPER_TAGS)


def _reads_as_word(name: str) -> bool:
    """True for names too common in prose to count as mentions even as whole tokens: the known
    ones, frequent jieba words that are not proper nouns ("资源", "合作"), and full names without
    a stem ("城区", "郊区")."""
    freq, tag = _jieba_words().get(name, (0, "ns"))
    plain = tag not in PROPER_TAGS
    # 城区/郊区/矿区 have no stem and read as words; 冠县/任县 have one-character stems and don't
    stemless = name in _gazetteer().by_name and not short_name(name) and not name.endswith(("县", "旗"))
    return name in common_names() or (plain and (freq >= COMMON_FREQ or stemless))


def sub_place_names(place: Place) -> list[str]:
    """Full and short names of every place below `place`, for dropping figures quoted for a
    sub-jurisdiction. Short names are left out when shorter than two characters, when they
    read as ordinary words, or when they occur in the place's own names (濮阳县's "濮阳"
    under 濮阳市)."""
    own = {place.name, short_name(place.name)} - {""}
    names: set[str] = set()
    for below in descendants(place):
        names.add(below.name)
        short = short_name(below.name)
        if len(short) >= 2 and not is_common_word(short) and not any(short in name for name in own):
            names.add(short)
    return sorted(n for n in names if n not in own and (short_name(n) or not is_common_word(n)))


# ---------------------------------------------------------------- mentions


@cache
def _mention_names() -> dict[str, tuple[Place, ...]]:
    """Surface -> places for every name worth looking for in prose."""
    gazetteer = _gazetteer()
    names = {k: v for k, v in gazetteer.by_short.items() if len(k) >= 2 and not _reads_as_word(k)}
    names.update({k: v for k, v in gazetteer.by_name.items() if len(k) >= 2 and not _reads_as_word(k)})
    return names


@cache
def _automaton() -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over every mention name: one pass over a text finds them all
    (a regex alternation of thousands of names costs far more per character)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for name in _mention_names():
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


@cache
def _tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer knowing every place name and the catalogue's words."""
    import logging

    import jieba

    from pipeline import catalogue

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    gazetteer = _gazetteer()
    for word in catalogue.vocabulary():
        tokenizer.add_word(word, freq=VOCABULARY_FREQ)
    known = _jieba_words()
    for name in _mention_names():
        if name not in known:  # jieba's own frequency of a name it knows is kept: it splits prose well
            tokenizer.add_word(name, freq=PLACE_FREQ if name in gazetteer.by_name else SHORT_FREQ)
    return tokenizer


@lru_cache(maxsize=4096)
def _boundaries(window: str) -> frozenset[int]:
    """Offsets in `window` where jieba puts a token boundary."""
    offsets, at = {0}, 0
    for token in _tokenizer().cut(window, HMM=False):
        at += len(token)
        offsets.add(at)
    return frozenset(offsets)


def _whole_word(text: str, start: int, end: int, after_name: bool = False) -> bool:
    """True when jieba cuts `text` at both ends of the name. A full standard name (长春市,
    山东省) needs only the left cut: jieba keeps words like 山东省人民政府 whole. Right after
    another full name (`after_name`) the left cut is given: jieba keeps 上海市浦东新区 whole."""
    left = max(0, start - TOKEN_MARGIN)
    line_start = text.rfind("\n", 0, start) + 1
    left = max(left, line_start)
    line_end = text.find("\n", end)
    right = min(end + TOKEN_MARGIN, len(text) if line_end < 0 else line_end)
    cuts = _boundaries(text[left:right])
    if start - left not in cuts and not after_name:
        return False
    full_name = text[start:end] in _gazetteer().by_name and len(text[start:end]) >= 3
    party_committee = text[end - 1 : end + 1] in COMMITTEES
    return full_name or party_committee or end - left in cuts


def find_mentions(text: str) -> list[Mention]:
    """Every place name in `text` that jieba confirms as a whole word, in text order.

    A name shared by several places keeps all of them as candidates (see `resolve`).
    Offsets refer to `text` (traditional characters are converted one for one).
    """
    simplified = to_simplified(text)
    names = _mention_names()
    mentions = []
    for last, surface in _automaton().iter_long(simplified):  # leftmost-longest, non-overlapping
        start, end = last + 1 - len(surface), last + 1
        previous = mentions[-1] if mentions else None
        after_name = previous is not None and previous.end == start and previous.surface in _gazetteer().by_name
        if _whole_word(simplified, start, end, after_name):
            mentions.append(Mention(names[surface], start, end, surface))
    return mentions


def warm_up() -> None:
    """Load the gazetteer, the patterns and the tokenizer now rather than on first use."""
    _automaton()
    _tokenizer()
