"""The view's state <-> the URL's query parameters, so a copied link reopens the same chart.

Owns: which filters live in the URL and how they are written (`ViewState`, `parse`, `to_params`,
pure and tested), and the small Streamlit glue that seeds each widget from the URL on its first
render and writes the chosen values back (`seed`, `write`).

URL format (all optional; anything unknown or invalid is ignored, never an error):
    ?page=compare|trend|profile|table|sources|coverage|upload|correct|review
    &indicator=review_accepted &year=2022
    &jurisdictions=220100,320600 (adcodes)  &place=220100 (one jurisdiction: 地区画像, 来源核对)
    &level=prefecture,county &province=吉林省,江苏省 &mode=present
    &years=2021,2022 (数据表与导出) &highlight=220100 (横向对比: places drawn in colour)
    &view=indicator (数据覆盖's heat map, 数据表与导出's wide layout: a page's one display choice)
    &part=2 (数据覆盖: the second page of a province's places)

Why seed-then-write instead of widgets bound to the URL: each page has its own widget keys
(e.g. `compare.indicator`), so switching pages never fights over a half-alive widget; the URL
carries the selection from one page to the next. On entering a page its widgets are seeded from
the URL again (`enter_page`), so a running session shows what a new one opening the same link shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import streamlit as st

from app.labels import LEVELS, PAGES

PRESENT = "present"


@dataclass(frozen=True)
class ViewState:
    """Everything a link has to reproduce."""

    page: str = "compare"
    indicator: str | None = None
    year: int | None = None
    jurisdictions: tuple[str, ...] = ()
    place: str | None = None
    level: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    mode: str = ""
    years: tuple[int, ...] = ()
    highlight: tuple[str, ...] = ()
    view: str = ""
    part: int = 1  # which page of a long list (数据覆盖's places of a province), counted from 1

    @property
    def presentation(self) -> bool:
        return self.mode == PRESENT


DEFAULT = ViewState()


def _first(value: str | Sequence[str] | None) -> str:
    """A query value as one string (Streamlit gives the last of repeated keys; tests may pass lists)."""
    if value is None:
        return ""
    return str(value if isinstance(value, str) else (value[-1] if value else "")).strip()


def _listed(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """ "a,b" or ["a", "b"] or ["a,b"] -> ("a", "b"), without blanks or repeats, order kept."""
    parts = [value] if isinstance(value, str) else list(value or [])
    items = [p.strip() for part in parts for p in str(part).split(",")]
    return tuple(dict.fromkeys(i for i in items if i))


def _year(text: str) -> int | None:
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


def parse(params: Mapping[str, str | Sequence[str]]) -> ViewState:
    """The ViewState a URL asks for; invalid parts fall back to their defaults."""
    page = _first(params.get("page"))
    adcodes = tuple(a for a in _listed(params.get("jurisdictions")) if a.isdigit() and len(a) == 6)
    place = _first(params.get("place"))
    return ViewState(
        page=page if page in PAGES else DEFAULT.page,
        indicator=_first(params.get("indicator")) or None,
        year=_year(_first(params.get("year"))),
        jurisdictions=adcodes,
        place=place if place.isdigit() and len(place) == 6 else None,
        level=tuple(lv for lv in _listed(params.get("level")) if lv in LEVELS),
        province=_listed(params.get("province")),
        mode=PRESENT if _first(params.get("mode")) == PRESENT else "",
        years=tuple(y for y in (_year(t) for t in _listed(params.get("years"))) if y is not None),
        highlight=tuple(a for a in _listed(params.get("highlight")) if a.isdigit() and len(a) == 6),
        view=_first(params.get("view")) if _first(params.get("view")).isidentifier() else "",
        part=int(_first(params.get("part"))) if _first(params.get("part")).isdigit() else 1,
    )


def to_params(state: ViewState) -> dict[str, str]:
    """The query parameters of `state`, leaving out defaults so links stay short."""
    out: dict[str, str] = {}
    for f in fields(ViewState):
        value = getattr(state, f.name)
        if value == getattr(DEFAULT, f.name):
            continue
        out[f.name] = ",".join(str(v) for v in value) if isinstance(value, tuple) else str(value)
    return out


# ---------------------------------------------------------------- Streamlit glue


def current() -> ViewState:
    """The state the URL holds right now."""
    return parse({key: st.query_params.get_all(key) for key in st.query_params})


def write(**changes: Any) -> ViewState:
    """Put `changes` (ViewState field names) into the URL, touching only parameters that differ."""
    new = replace(current(), **changes)
    wanted = to_params(new)
    for key in [k for k in st.query_params if k in {f.name for f in fields(ViewState)} and k not in wanted]:
        del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    return new


def enter_page(page: str) -> None:
    """On arriving at `page` from another page (or first run), forget its widgets' values so they are seeded
    from the URL: the link, not an earlier visit in this session, decides what the page shows."""
    if st.session_state.get("nav.entered") == page:
        return
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{page}.")]:
        if not key.endswith((".images", ".pptx")):  # made images are kept (they are named by their content)
            del st.session_state[key]
    st.session_state["nav.entered"] = page


def seed(key: str, wanted: Any, valid: Callable[[Any], bool], fallback: Any) -> None:
    """Give widget `key` its first value: the URL's if valid, else `fallback`.

    Also repairs a value that stopped being valid (e.g. the year list changed with the
    indicator), because Streamlit rejects a selectbox value that is not among its options.
    """
    if key in st.session_state and valid(st.session_state[key]):
        return
    st.session_state[key] = wanted if valid(wanted) else fallback


def seed_choice(key: str, wanted: Any, options: Sequence[Any], fallback: Any | None = None) -> None:
    """`seed` for a selectbox/radio: valid means one of `options` (fallback: the first option)."""
    seed(key, wanted, lambda v: v in options, options[0] if fallback is None and options else fallback)


def seed_many(key: str, wanted: Sequence[Any], options: Sequence[Any]) -> None:
    """`seed` for a multiselect: the URL's values that are options; later, drops values that
    stopped being options (e.g. after a level filter) instead of discarding the whole choice."""
    allowed = set(options)
    chosen = st.session_state.get(key, wanted)
    kept = [v for v in chosen if v in allowed]
    if key not in st.session_state or kept != list(chosen):
        st.session_state[key] = kept
