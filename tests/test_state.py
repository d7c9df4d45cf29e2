"""Specification of the URL state: what a link holds, and how bad links degrade."""

from __future__ import annotations

import pytest

from app.state import DEFAULT, ViewState, parse, to_params


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULT),
        ({"page": "trend"}, ViewState(page="trend")),
        ({"page": "nonsense"}, DEFAULT),
        ({"indicator": "review_accepted", "year": "2022"}, ViewState(indicator="review_accepted", year=2022)),
        ({"year": "20x2"}, DEFAULT),
        ({"year": "1850"}, DEFAULT),
        ({"jurisdictions": "220100,320600"}, ViewState(jurisdictions=("220100", "320600"))),
        ({"jurisdictions": ["220100", "320600,220100"]}, ViewState(jurisdictions=("220100", "320600"))),
        ({"jurisdictions": "220100,abc,12"}, ViewState(jurisdictions=("220100",))),
        ({"place": "370104"}, ViewState(place="370104")),
        ({"place": "槐荫区"}, DEFAULT),
        ({"level": "county,city"}, ViewState(level=("county",))),
        ({"province": "吉林省,江苏省"}, ViewState(province=("吉林省", "江苏省"))),
        ({"mode": "present"}, ViewState(mode="present")),
        ({"mode": "party"}, DEFAULT),
        ({"years": "2022,2021,x,1800"}, ViewState(years=(2022, 2021))),
        ({"highlight": "220100,长春"}, ViewState(highlight=("220100",))),
        ({"view": "indicator"}, ViewState(view="indicator")),
        ({"view": "<script>"}, DEFAULT),
    ],
)
def test_a_url_becomes_a_view_state(params, expected):
    assert parse(params) == expected


def test_a_state_round_trips_through_its_parameters():
    state = ViewState(
        page="compare",
        indicator="review_received",
        year=2021,
        jurisdictions=("220100", "370104"),
        level=("prefecture", "county"),
        province=("吉林省",),
        mode="present",
        years=(2021, 2022),
        highlight=("220100",),
        view="indicator",
    )
    assert parse(to_params(state)) == state


def test_defaults_are_left_out_of_the_url():
    assert to_params(DEFAULT) == {}
    assert to_params(ViewState(page="trend", year=2020)) == {"page": "trend", "year": "2020"}


def test_lists_are_comma_separated():
    assert to_params(ViewState(jurisdictions=("220100", "320600")))["jurisdictions"] == "220100,320600"


def test_presentation_follows_mode():
    assert ViewState(mode="present").presentation and not DEFAULT.presentation
