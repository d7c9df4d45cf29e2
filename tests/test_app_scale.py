"""The pages at a size no person reads row by row: 数据覆盖 sums thousands of places up per province
and draws a chosen province's places a page at a time; the other pages show what they show for a
small table. (How long they take is bench/bench_dashboard.py's business, never a test's.)"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.test_app import spec, title

PROVINCES = {"甲省": 70, "乙省": 12}  # 82 places: more than one page; 甲省 alone needs two


@pytest.fixture
def many_places(tmp_path: Path, processed_frame: pd.DataFrame) -> Path:
    """A processed folder whose one place's rows are repeated for 82 made-up counties of two provinces."""
    one = processed_frame[processed_frame["adcode"] == processed_frame["adcode"].iloc[0]]
    parts = []
    code = 900000
    for province, count in PROVINCES.items():
        for i in range(count):
            code += 1
            parts.append(
                one.assign(adcode=str(code), jurisdiction=f"{province[0]}{i:02d}县", province=province, level="county")
            )
    table = pd.concat(parts, ignore_index=True)
    folder = tmp_path / "processed"
    folder.mkdir()
    table.to_csv(folder / "indicators.csv", index=False, encoding="utf-8")
    (folder / "build.json").write_text(json.dumps({"counts": {"rows": len(table)}}), encoding="utf-8")
    return folder


def rows_of(at) -> list[str]:
    return list(spec(at)["data"][0]["y"])


def test_coverage_of_many_places_is_summed_up_per_province(app_run, many_places):
    at = app_run(data=many_places, page="coverage")
    assert not at.exception
    assert "各省份有数据的地区数" in spec(at)["layout"]["title"]["text"]
    assert rows_of(at) == list(PROVINCES)
    text = spec(at)["data"][0]["text"]
    assert all(cell.endswith("/70") for cell in text[0]) and all(cell.endswith("/12") for cell in text[1])
    assert "82 个地区" in " ".join(str(c.value) for c in at.caption)


def test_choosing_a_province_draws_its_places_a_page_at_a_time(app_run, many_places):
    at = app_run(data=many_places, page="coverage")
    at.multiselect(key="coverage.province").set_value(["甲省"]).run()
    first = rows_of(at)
    assert len(first) == 50 and all(name.startswith("甲") for name in first)
    assert "各地区各年度已有指标个数" in spec(at)["layout"]["title"]["text"]
    at.selectbox(key="coverage.part").set_value(2).run()
    second = rows_of(at)
    assert len(second) == 20 and not set(first) & set(second)
    assert at.query_params["province"] == "甲省" and at.query_params["part"] == "2"


def test_a_link_to_a_page_of_a_province_reopens_it(app_run, many_places):
    at = app_run(data=many_places, page="coverage", province="甲省", part="2", view="indicator")
    assert len(rows_of(at)) == 20 and "各地区各指标已有年份数" in spec(at)["layout"]["title"]["text"]


def test_a_province_with_few_places_is_drawn_whole_without_pages(app_run, many_places):
    at = app_run(data=many_places, page="coverage", province="乙省")
    assert len(rows_of(at)) == 12 and not at.selectbox


def test_with_many_places_the_profile_asks_for_the_province_first(app_run, many_places):
    at = app_run(data=many_places, page="profile")
    assert at.selectbox(key="profile.province").options == list(PROVINCES)
    assert len(at.selectbox(key="profile.place").options) == 70  # 甲省's places only, not all 82
    at.selectbox(key="profile.province").set_value("乙省").run()
    place = at.selectbox(key="profile.place")
    assert len(place.options) == 12 and place.value == "900071"  # the first of 乙省, not a place of 甲省
    assert not at.exception and "乙00县" in title(at)


def test_a_link_to_a_place_opens_its_province(app_run, many_places):
    for page in ("profile", "sources"):
        at = app_run(data=many_places, page=page, place="900075")
        assert at.selectbox(key=f"{page}.province").value == "乙省"
        assert at.selectbox(key=f"{page}.place").value == "900075" and not at.exception


def test_with_many_places_the_compare_menus_hold_what_is_drawn_until_a_province_is_chosen(app_run, many_places):
    at = app_run(data=many_places, page="compare", jurisdictions="900075")
    drawn = set(spec(at)["data"][0]["y"])
    assert len(drawn) == 1 and not at.exception  # the place of the link, chosen
    assert at.multiselect(key="compare.jurisdictions").value == ["900075"]
    at.multiselect(key="compare.jurisdictions").set_value([]).run()
    places = at.multiselect(key="compare.jurisdictions").options
    assert 30 <= len(places) <= 31 and len(spec(at)["data"][0]["y"]) == 30  # the 30 drawn (and the one chosen)
    assert len(at.multiselect(key="compare.highlight").options) == 30  # only bars can be highlighted
    at.multiselect(key="compare.province").set_value(["乙省"]).run()
    assert len(at.multiselect(key="compare.jurisdictions").options) == 12  # every place of 乙省


def test_with_many_places_the_trend_asks_for_the_province_first(app_run, many_places):
    at = app_run(data=many_places, page="trend", jurisdictions="900075")
    assert at.multiselect(key="trend.province").options == list(PROVINCES)
    assert at.multiselect(key="trend.jurisdictions").options == ["乙04县(县级·乙省)"]  # the chosen, not 82
    at.multiselect(key="trend.province").set_value(["甲省"]).run()
    assert len(at.multiselect(key="trend.jurisdictions").options) == 71  # 甲省's 70 and the chosen 乙省 place
    at.multiselect(key="trend.jurisdictions").set_value(["900075", "900001"]).run()
    assert at.query_params["province"] == "甲省" and at.query_params["jurisdictions"] == "900075,900001"
    assert len(spec(at)["data"]) >= 2 and not at.exception


@pytest.fixture
def many_conflicts(tmp_path: Path, processed_dir: Path) -> Path:
    """The fixture folder with 23 conflicting (place, year, indicator) keys, each with two values."""
    import shutil

    folder = tmp_path / "processed"
    shutil.copytree(processed_dir, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    pair = pd.read_csv(folder / "conflicts.csv", dtype={"adcode": str}).head(2)
    parts = [pair.assign(year=1990 + i, report_year=1990 + i) for i in range(23)]
    pd.concat(parts, ignore_index=True).to_csv(folder / "conflicts.csv", index=False, encoding="utf-8")
    return folder


def headings(at) -> list[str]:
    return [str(m.value) for m in at.markdown if str(m.value).startswith("####")]


def test_conflicts_are_shown_ten_at_a_time(app_run, many_conflicts):
    at = app_run(data=many_conflicts, page="review")
    assert not at.exception
    first = headings(at)
    assert len(first) == 10 and "1990年" in first[0]
    at.selectbox(key="review.part").set_value(3).run()
    last = headings(at)
    assert len(last) == 3 and "2012年" in last[-1] and at.query_params["part"] == "3"


def test_the_per_dataset_lookups_answer_like_a_scan_and_compute_once(processed_frame):
    from app import frames

    df = processed_frame.sample(frac=1, random_state=11)  # row order must not matter
    index = frames.TableIndex(df)
    for adcode in [*df["adcode"].unique(), "999999"]:
        pd.testing.assert_frame_equal(index.place_rows(adcode), frames.select(df, adcodes=[adcode]))
    calls = []

    def make() -> pd.DataFrame:
        calls.append(1)
        return df.head(3)

    first = index.memo(("k",), make)
    first["value"] = -1.0  # a caller's edit stays its own
    again = index.memo(("k",), make)
    assert len(calls) == 1 and (again["value"] >= 0).all()


@pytest.mark.parametrize("mode", [{}, {"presentation": True}, {"slide": True}], ids=["screen", "present", "slide"])
def test_figures_set_without_plotly_checks_pass_them(processed_frame, mode):
    """figures sets its own layout (and the template) with Plotly's checks off, for speed: every
    property it writes must still be one Plotly accepts."""
    import plotly.graph_objects as go

    from app import figures, frames

    df = processed_frame
    one = df[(df["indicator"] == "review_received") & (df["year"] == 2022)]
    made = [
        figures.compare_bar(one, name="行政复议收到申请数", unit="件", year=2022, **mode),
        figures.trend_lines(df[df["indicator"] == "review_received"], name="x", unit="件", **mode),
        figures.profile_grid(df[df["adcode"] == df["adcode"].iloc[0]], jurisdiction="x", **mode),
    ]
    if not mode.get("slide"):
        counts = frames.coverage_counts(df)
        made += [
            figures.coverage_heatmap(df, **mode),
            figures.coverage_provinces(frames.coverage_by_province(counts), **mode),
        ]
    for fig in made:
        checked = go.Figure(fig.to_dict())  # raises on any property Plotly does not know
        assert checked.layout.template.layout.plot_bgcolor == "white"
