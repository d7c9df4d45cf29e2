"""The dashboard run headless under Streamlit's AppTest on the fixture folder (tests/fixtures/processed).

Each page renders without an exception, its main filters change what is drawn (read from the
Plotly spec in the element's proto), a URL with query parameters reopens the same view, and
empty, broken or hostile data is explained in words.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from conftest import mistyped_not_cues

from app.labels import PAGES

ROOT = Path(__file__).resolve().parents[1]


def spec(at, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def title(at, index: int = 0) -> str:
    return spec(at, index)["layout"]["title"]["text"]


def texts(at) -> str:
    """Every message, caption and markdown shown, joined, for 'is this said somewhere' checks."""
    parts = [*at.info, *at.warning, *at.error, *at.caption, *at.markdown, *at.header, *at.subheader]
    return "\n".join(str(p.value) for p in parts)


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_without_exception(app_run, page):
    at = app_run(page=page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.header[0].value == PAGES[page]
    assert at.query_params.get("page", "compare") == page


def test_the_sidebar_switches_pages_and_records_the_page_in_the_url(app_run):
    at = app_run()
    for page in ("trend", "coverage", "compare"):
        at.sidebar.radio(key="nav.page").set_value(page).run()
        assert at.header[0].value == PAGES[page] and not at.exception
    assert "page" not in at.query_params  # the default page keeps links short


def test_compare_filters_change_the_chart_and_the_url(app_run):
    at = app_run()
    assert "行政复议收到申请数" in title(at) and "2023年" in title(at)
    at.selectbox(key="compare.indicator").set_value("court_appearance_rate").run()
    assert "行政机关负责人出庭应诉率" in title(at) and "%" in title(at)
    at.selectbox(key="compare.year").set_value(2021).run()
    assert "2021年" in title(at)
    assert at.query_params["indicator"] == "court_appearance_rate" and at.query_params["year"] == "2021"
    at.multiselect(key="compare.level").set_value(["county"]).run()
    bars = spec(at)["data"][0]["y"]
    assert bars and all(name.split(". ")[1] in {"槐荫区", "万源市"} for name in bars)
    assert at.query_params["level"] == "county"


def test_compare_warns_when_counts_of_different_levels_are_side_by_side(app_run):
    at = app_run(indicator="review_received", year="2022")
    annotations = " ".join(a.get("text", "") for a in spec(at)["layout"]["annotations"])
    assert "不宜直接比" in annotations and "数据来源" in annotations
    assert any("✎" in t for t in spec(at)["data"][0]["text"])  # 南通市 2022 is a manual correction


def test_a_url_reopens_the_same_chart(app_run):
    at = app_run(page="compare", indicator="market_entities", year="2021", jurisdictions="220100,511781")
    assert at.selectbox(key="compare.indicator").value == "market_entities"
    assert at.selectbox(key="compare.year").value == 2021
    assert "市场主体总量" in title(at) and "2021年" in title(at)
    assert sorted(name.split(". ")[1] for name in spec(at)["data"][0]["y"]) == ["万源市", "长春市"]
    assert all(t.startswith("≈") for t in spec(at)["data"][0]["text"])


def test_a_bad_url_falls_back_to_defaults_instead_of_failing(app_run):
    at = app_run(page="compare", indicator="no_such_indicator", year="1999", jurisdictions="999999")
    assert not at.exception and at.get("plotly_chart")


def test_trend_shows_gaps_and_a_year_over_year_table(app_run):
    at = app_run(page="trend", indicator="review_received", jurisdictions="320600")
    line, bridge = spec(at)["data"]
    assert line["x"] == ["2019", "2020", "2021", "2022"] and line["y"][1] is None
    assert bridge["line"]["dash"] == "dot" and bridge["x"] == ["2019", "2021", None]  # across the gap
    assert spec(at)["layout"]["xaxis"]["type"] == "category"
    table = at.dataframe[0].value
    assert list(table.columns) == ["地区", "年份", "数值", "比较年份", "比较年份数值", "增减", "增减(%)"]
    assert table.iloc[1]["比较年份"] == "2019年(中间年份无数据)"
    at.multiselect(key="trend.jurisdictions").set_value(["320600", "220100"]).run()
    names = [t.get("name") for t in spec(at)["data"] if t.get("showlegend") is not False]
    assert len(names) == 2 and at.query_params["jurisdictions"] == "320600,220100"


def test_profile_shows_every_indicator_of_the_place_and_links_to_evidence(app_run):
    at = app_run(page="profile", place="370104")
    assert "槐荫区" in title(at)
    assert len(spec(at)["data"]) == 8
    table = at.dataframe[0].value
    assert "原文依据" in table.columns and table["核对"].str.contains("page=sources&place=370104").all()
    at.selectbox(key="profile.place").set_value("511781").run()
    assert "万源市" in title(at) and at.query_params["place"] == "511781"


def test_sources_shows_script_evidence_as_text_with_the_number_marked(app_run):
    at = app_run(page="sources", place="220100", indicator="review_accepted", year="2021")
    shown = "\n".join(m.value for m in at.markdown)
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown and "<mark>847</mark>" in shown
    facts = at.table[0].value
    # st.table renders Markdown: names are escaped there (entities), and read the same
    assert html.unescape(facts.loc["来源报告", "内容"]) == "长春市2021年法治政府建设情况报告"  # the title, not the file
    assert facts.loc["取得方式", "内容"] == "报告原文"
    assert "原文位置" not in facts.index and "字符" not in facts.to_string()  # no character offsets
    assert "None" not in texts(at)


def test_sources_names_method_and_qualifier_in_chinese(app_run):
    at = app_run(page="sources", place="320600", indicator="review_received", year="2022")
    facts = at.table[0].value
    assert facts.loc["取得方式", "内容"] == "人工校正" and facts.loc["数值性质", "内容"] == "确切数值"
    assert "✎" in texts(at)


def test_table_page_offers_tidy_and_wide_downloads_with_meaningful_names(app_run):
    at = app_run(page="table", indicator="review_received", year="2022")
    table = at.dataframe[0].value
    assert {"地区", "年份", "指标", "数值", "原文依据"} <= set(table.columns) and set(table["年份"]) == {2022}
    labels = [b.proto.label for b in at.download_button]
    assert labels == ["下载 CSV(Excel 可直接打开)", "下载 XLSX", "下载对比表 CSV", "下载对比表 XLSX"]
    assert at.dataframe[1].value.columns.tolist()[:3] == ["行政区划代码", "地区", "2022年"]


def test_coverage_shows_the_heatmap_and_document_statuses(app_run):
    at = app_run(page="coverage")
    assert "数据覆盖" in title(at)
    documents = at.dataframe[0].value
    assert "无法确定地区" in set(documents["状态"]) and documents["说明"].str.contains("regions_extra.csv").any()
    at.radio(key="coverage.by").set_value("indicator").run()
    assert "市场主体总量" in spec(at)["data"][0]["x"]


def test_presentation_mode_collapses_filters_and_enlarges_fonts(app_run):
    normal = app_run()
    at = app_run(mode="present")
    assert at.expander[0].proto.expanded is False and normal.expander[0].proto.expanded is True
    assert spec(at)["layout"]["font"]["size"] > spec(normal)["layout"]["font"]["size"]
    assert at.sidebar.toggle(key="nav.mode").value is True


def test_chart_toolbar_downloads_a_16_by_9_named_png(app_run):
    at = app_run(indicator="review_accepted", year="2022")
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    options = config["toImageButtonOptions"]
    assert (options["width"] * options["scale"], options["height"] * options["scale"]) == (1920, 1080)
    assert config["toImageButtonOptions"]["filename"] == "行政复议受理数_2022年_横向对比"


def test_an_empty_data_folder_is_explained(app_run, tmp_path):
    at = app_run(data=tmp_path / "nothing-here")
    assert not at.exception
    assert "indicators.csv" in texts(at) and "python -m pipeline build" in texts(at)


def test_a_corrupt_indicator_file_is_explained(app_run, processed_copy):
    (processed_copy / "indicators.csv").write_bytes(b"\xff\xfe\x00garbage\x00\x81")
    at = app_run(data=processed_copy)
    assert not at.exception and "无法读取 indicators.csv" in texts(at)


def test_a_table_missing_columns_is_explained(app_run, processed_copy):
    (processed_copy / "indicators.csv").write_text("jurisdiction,year\n长春市,2022\n", encoding="utf-8")
    at = app_run(data=processed_copy)
    assert not at.exception and "缺少必需的列" in texts(at)


def test_an_empty_table_is_explained(app_run, processed_copy):
    header = (processed_copy / "indicators.csv").read_text(encoding="utf-8").splitlines()[0]
    (processed_copy / "indicators.csv").write_text(header + "\n", encoding="utf-8")
    at = app_run(data=processed_copy, page="trend")
    assert not at.exception and "还没有任何指标数值" in texts(at)


def test_parquet_is_preferred_when_newer_and_typed_like_the_csv(processed_copy):
    import os

    import pandas as pd

    from app.data import read

    csv_frame = read(processed_copy).indicators
    pd.read_csv(processed_copy / "indicators.csv", dtype={"adcode": str}).to_parquet(
        processed_copy / "indicators.parquet"
    )
    stat = (processed_copy / "indicators.csv").stat()
    os.utime(processed_copy / "indicators.parquet", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    pd.testing.assert_frame_equal(read(processed_copy).indicators, csv_frame)


def test_the_first_screen_explains_the_board_its_reports_and_how_to_add_more(app_run):
    at = app_run()
    about = at.expander[0]
    assert about.label.startswith("关于本看板") and about.proto.expanded
    shown = texts(at)
    first = (ROOT / "tests" / "fixtures" / "processed" / "documents.csv").read_text(encoding="utf-8").splitlines()[1]
    assert first.split(",")[10] in shown  # a report's title
    assert "上传报告" in shown and "data/raw/" in shown
    assert not app_run(indicator="review_accepted", year="2022").expander[0].proto.expanded


def test_the_app_serves_this_computer_only_by_default():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"


def test_charts_collected_while_browsing_become_one_deck_in_the_sidebar(app_run):
    at = app_run(indicator="review_accepted", year="2022")
    at.button(key="compare.chart.collect").click().run()
    assert "已收集 1 张图" in "\n".join(m.value for m in at.sidebar.markdown)
    assert at.button(key="compare.chart.collected").disabled  # the same chart is not added twice
    at.sidebar.radio(key="nav.page").set_value("trend").run()
    at.button(key="trend.chart.collect").click().run()
    assert "已收集 2 张图" in "\n".join(m.value for m in at.sidebar.markdown)
    items = at.session_state["deck.items"]
    assert [i["title"].split(" · ")[-1] for i in items] == ["各地区横向对比", "年度趋势"]
    assert all("原文" in i["notes"] for i in items)
    at.button(key="deck.clear").click().run()
    assert "已收集" not in "\n".join(m.value for m in at.sidebar.markdown)


def test_national_and_provincial_rates_are_reference_lines_and_the_profile_compares(app_run, processed_dir, tmp_path):
    import shutil

    import pandas as pd

    data = tmp_path / "processed"
    shutil.copytree(processed_dir, data, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    table = pd.read_csv(data / "indicators.csv", dtype={"adcode": str}, keep_default_na=False)
    rates = table[(table["indicator"] == "court_appearance_rate") & table["year"].isin([2022, 2023])]
    national = rates.drop_duplicates("year").assign(
        jurisdiction="中华人民共和国", adcode="100000", level="national", province="", parent="", value=[95.1, 95.5]
    )
    pd.concat([table, national]).to_csv(data / "indicators.csv", index=False)

    at = app_run(data=data, indicator="court_appearance_rate", year="2022", province="浙江省", level="prefecture")
    figure = spec(at)
    assert all("中华人民共和国" not in y for y in figure["data"][0]["y"])  # the country is no bar
    lines = {round(s["x0"], 2) for s in figure["layout"]["shapes"] if s["line"].get("dash") == "dot"}
    assert lines == {95.1, 92.2}  # 全国 and 浙江省
    notes = " ".join(a.get("text", "") for a in figure["layout"]["annotations"])
    assert "全国 95.1%" in notes and "浙江省 92.2%" in notes

    profile = app_run(data=data, page="profile", place="330100")
    shown = html.unescape(texts(profile))
    assert (
        "行政机关负责人出庭应诉率 2023年为 93%,比中华人民共和国(95.5%)低 2.5 个百分点、比浙江省(92.7%)高 0.3 个百分点"
        in shown
    )


def test_a_broken_rule_file_is_explained_in_words_not_a_traceback(tmp_path, monkeypatch) -> None:
    import shutil

    from streamlit.testing.v1 import AppTest

    rules_copy = tmp_path / "rules"
    shutil.copytree(ROOT / "pipeline" / "rules", rules_copy)
    text = (rules_copy / "indicators.yaml").read_text(encoding="utf-8")
    (rules_copy / "indicators.yaml").write_text(mistyped_not_cues(text))
    raw, out = tmp_path / "raw", tmp_path / "processed"
    shutil.copytree(ROOT / "data" / "raw", raw)
    monkeypatch.setenv("FAZHI_RULES_DIR", str(rules_copy))
    monkeypatch.setenv("FAZHI_RAW_DIR", str(raw))
    monkeypatch.setenv("FAZHI_DATA_DIR", str(out))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    import html

    # labels are escaped so that a file name never renders as Markdown: read them as a person sees them
    shown = html.unescape(" ".join(str(e.value) for e in at.error) + " ".join(str(s.label) for s in at.get("status")))
    assert "indicators.yaml: review_accepted: unknown key 'not_cue'" in shown
    assert not at.exception


def test_the_wide_table_on_screen_shows_dashes_not_none(app_run):
    at = app_run(page="table", indicator="review_received")
    wide = at.dataframe[-1].value
    years = [c for c in wide.columns if c.endswith("年")]
    cells = wide[years].to_numpy().ravel().tolist()
    assert "—" in cells and all(isinstance(c, str) and c not in ("None", "nan") for c in cells)
    assert any("," in c for c in cells)  # 千分位


RAW_TOKENS = ("None", "nan", "<NA>", "reported", "exact", "at_least", "(reported", "个字符", "evidence_start")


@pytest.mark.parametrize(
    "query",
    [
        {"page": "compare", "indicator": "market_entities", "year": "2022"},
        {"page": "trend", "indicator": "review_received", "jurisdictions": "320600,220100"},
        {"page": "profile", "place": "320600"},
        {"page": "table", "indicator": "review_received"},
        {"page": "sources", "place": "320600", "indicator": "review_received", "year": "2022"},
        {"page": "coverage"},
    ],
    ids=lambda q: q["page"],
)
def test_no_page_shows_raw_codes_none_or_character_offsets(app_run, query):
    at = app_run(**query)
    assert not at.exception
    parts = [str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success]]
    for frame in [*at.dataframe, *at.table]:
        shown = frame.value.drop(columns=[c for c in ("原文依据", "来源文件") if c in frame.value.columns])
        parts.append(shown.astype(str).to_string())
    text = "\n".join(parts)
    for token in RAW_TOKENS:
        assert token not in text, (token, text[max(0, text.find(token) - 200) : text.find(token) + 100])
