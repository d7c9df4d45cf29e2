"""Specification of the gazetteer: names and codes, levels and parents, the reviewed
supplement, traditional characters, sub-place names and place mentions in prose."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import regions
from pipeline.model import LEVELS

ROOT = Path(__file__).resolve().parents[1]


def codes(places) -> list[str]:
    return [p.adcode for p in places]


@pytest.mark.parametrize(
    ("name", "adcode", "level", "parent", "province"),
    [
        ("北京市", "110000", "province", "", "北京市"),  # a municipality is province level
        ("北京", "110000", "province", "", "北京市"),
        ("吉林省", "220000", "province", "", "吉林省"),
        ("长春市", "220100", "prefecture", "吉林省", "吉林省"),
        ("长春", "220100", "prefecture", "吉林省", "吉林省"),
        ("延边", "222400", "prefecture", "吉林省", "吉林省"),  # 自治州 and ethnic name stripped
        ("万源市", "511781", "county", "达州市", "四川省"),  # county-level city
        ("槐荫区", "370104", "county", "济南市", "山东省"),
        ("槐荫", "370104", "county", "济南市", "山东省"),
        ("海淀区", "110108", "county", "北京市", "北京市"),  # district of a municipality
        ("仙桃市", "429004", "county", "湖北省", "湖北省"),  # directly under the province
        ("濮阳", "410900", "prefecture", "河南省", "河南省"),  # short name: the higher level (not 濮阳县)
        ("長春市", "220100", "prefecture", "吉林省", "吉林省"),  # traditional characters
        ("  南通市 ", "320600", "prefecture", "江苏省", "江苏省"),
    ],
)
def test_lookup_finds_one_place_with_level_parent_and_province(name, adcode, level, parent, province):
    [place] = regions.lookup(name)
    assert (place.adcode, place.level, place.parent, place.province) == (adcode, level, parent, province)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("朝阳区", ["110105", "220104"]),  # shared name: every candidate, by code
        ("长春市朝阳区", ["220104"]),  # parent written before it settles it
        ("北京市朝阳区", ["110105"]),
        ("南通市通州区", ["320612"]),
        ("不存在的地方", []),
        ("", []),
    ],
)
def test_lookup_of_shared_and_compound_names(name, expected):
    assert codes(regions.lookup(name)) == expected


@pytest.mark.parametrize(
    ("name", "adcode", "parent"),
    [
        ("公主岭市", "220184", "长春市"),  # moved from 四平市 to 长春市 in 2020
        ("钢城区", "371117", "济南市"),  # 莱芜市 merged into 济南市 in 2019
        ("莱芜区", "371116", "济南市"),
        ("梁平区", "500155", "重庆市"),
        ("即墨区", "370215", "青岛市"),
    ],
)
def test_changes_since_2016_are_current(name, adcode, parent):
    [place] = regions.lookup(name)
    assert (place.adcode, place.parent) == (adcode, parent)


def test_a_superseded_code_still_answers_but_is_nobodys_child():
    old = regions.by_adcode("220381")
    assert old is not None and old.name == "公主岭市"
    siping, changchun = regions.lookup("四平市")[0], regions.lookup("长春市")[0]
    assert "公主岭市" not in [p.name for p in regions.children(siping)]
    assert "220184" in codes(regions.children(changchun))


@pytest.mark.parametrize(
    ("name", "adcode", "parent"),
    [
        ("深圳市坪山区", "440310", "深圳市"),  # created 2016
        ("光明区", "440311", "深圳市"),  # created 2018
        ("深圳市龙华区", "440309", "深圳市"),  # created 2016; 海口 has a 龙华区 too
        ("信都区", "130503", "邢台市"),  # renamed from 桥西区 in 2020
        ("海门区", "320614", "南通市"),  # 海门市 became a district in 2020
        ("钱塘区", "330114", "杭州市"),
        ("和康县", "653228", "和田地区"),  # created 2024
        ("和安县", "653229", "和田地区"),
    ],
)
def test_the_gazetteer_knows_divisions_created_or_renamed_after_2016(name, adcode, parent):
    [place] = regions.lookup(name)
    assert (place.adcode, place.parent, place.level) == (adcode, parent, "county")


def test_a_former_division_answers_by_code_and_by_name_but_has_no_children():
    old = regions.by_adcode("320684")
    assert old is not None and old.name == "海门市" and old.parent == "南通市"
    assert codes(regions.lookup("海门市")) == ["320684"]  # no current place bears the name
    assert "320684" not in codes(regions.children(regions.lookup("南通市")[0]))
    laiwu = regions.by_adcode("371200")
    assert laiwu is not None and laiwu.level == "prefecture" and regions.children(laiwu) == []


def test_the_nation_is_a_place_of_its_own_level_but_never_a_mention():
    [nation] = regions.lookup("中华人民共和国")
    assert (nation.adcode, nation.level, nation.province, nation.parent) == ("100000", "national", "中华人民共和国", "")
    assert regions.by_adcode("100000") == nation
    assert regions.find_mentions("根据《中华人民共和国行政复议法》的规定") == []


def test_a_malformed_gazetteer_file_stops_with_the_file_line_and_field(tmp_path, monkeypatch):
    bad = tmp_path / "regions_supplement.csv"
    bad.write_text("adcode,name,level,parent_adcode,note,valid_from\n44031,坪山区,district,440300,x,2016\n")
    monkeypatch.setitem(regions.COLUMNS, bad, regions.COLUMNS[regions.SUPPLEMENT])
    with pytest.raises(regions.GazetteerError, match=r"regions_supplement.csv line 2 \(坪山区\): adcode"):
        regions._read_rows(bad)
    bad.write_text("adcode,name,level,parent_adcode,note,valid_from\n440310,坪山区,district,440300,x,2016\n")
    with pytest.raises(regions.GazetteerError, match="level “district”"):
        regions._read_rows(bad)
    bad.write_text("code,name\n440310,坪山区\n")
    with pytest.raises(regions.GazetteerError, match="columns"):
        regions._read_rows(bad)


def test_every_gazetteer_parent_is_a_current_place_of_a_higher_level():
    places = regions.all_places()
    assert len(places) > 3200
    for place in places:
        above = regions.parent(place)
        if place.level in ("national", "province"):
            assert above is None
        else:
            assert above is not None and LEVELS.index(above.level) < LEVELS.index(place.level), place


def test_every_supplement_row_is_complete_and_points_to_a_known_parent():
    with regions.SUPPLEMENT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert row["adcode"].isdigit() and len(row["adcode"]) == 6
        assert row["level"] in LEVELS and row["note"].strip() and row["valid_from"][:4].isdigit()
        assert regions.by_adcode(row["parent_adcode"]) is not None


@pytest.mark.parametrize(
    ("code", "name"),
    [("220100", "长春市"), ("220100000000", "长春市"), ("110000", "北京市"), ("999999", None), ("", None)],
)
def test_by_adcode(code, name):
    place = regions.by_adcode(code)
    assert (place.name if place else None) == name


def test_children_and_ancestors():
    changchun = regions.lookup("长春市")[0]
    below = regions.children(changchun)
    assert "220104" in codes(below) and {p.level for p in below} == {"county"}
    chaoyang = regions.lookup("长春市朝阳区")[0]
    assert [p.name for p in regions.ancestors(chaoyang)] == ["长春市", "吉林省"]
    assert regions.is_within(chaoyang, changchun) and not regions.is_within(changchun, chaoyang)
    assert regions.children(regions.lookup("槐荫区")[0]) == []


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("长春市", "长春"),
        ("延边朝鲜族自治州", "延边"),
        ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"),
        ("保亭黎族苗族自治县", "保亭"),
        ("浦东新区", "浦东"),
        ("神农架林区", "神农架"),
        ("郊区", ""),  # nothing of two characters would remain
    ],
)
def test_short_names(name, short):
    assert regions.short_name(name) == short


def test_sub_place_names_are_full_and_safe_short_names_of_places_below():
    names = regions.sub_place_names(regions.lookup("长春市")[0])
    assert {"朝阳区", "南关区", "农安县", "农安", "公主岭市"} <= set(names)
    assert "长春市" not in names and "长春" not in names and "朝阳" not in names  # 朝阳 is an ordinary word
    puyang = regions.sub_place_names(regions.lookup("濮阳市")[0])
    assert "濮阳县" in puyang and "濮阳" not in puyang  # the city's own short name
    assert regions.sub_place_names(regions.lookup("槐荫区")[0]) == []


def test_province_sub_place_names_reach_counties():
    names = regions.sub_place_names(regions.lookup("吉林省")[0])
    assert {"长春市", "长春", "朝阳区", "延边朝鲜族自治州"} <= set(names)


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        ("長春市人民政府關於2022年法治政府建設情況的報告", "长春市人民政府关于2022年法治政府建设情况的报告"),
        ("濟南市槐蔭區", "济南市槐荫区"),
        ("乾安县依法行政", "乾安县依法行政"),  # a simplified place name is left alone
        ("", ""),
    ],
)
def test_to_simplified_converts_character_for_character(text, simplified):
    assert regions.to_simplified(text) == simplified


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("长春市朝阳区人民政府", ["长春市", "朝阳区"]),
        ("密切结合长春实际", ["长春"]),
        ("南通市通州区知识产权工作", ["南通市", "通州区"]),
        ("在达州市委、市政府的坚强领导下", ["达州市"]),
        ("副市长春节前走访企业", []),  # 长春 across two words
        ("确保社会长治久安", []),  # 长治 inside an idiom
        ("城区道路交通标志", []),  # 城区 is an ordinary word
        ("維護長春市法治環境", ["长春市"]),
    ],
)
def test_find_mentions_keeps_whole_words_only(text, surfaces):
    found = regions.find_mentions(text)
    assert [m.surface for m in found] == surfaces
    assert all(regions.to_simplified(text[m.start : m.end]) == m.surface for m in found)


def test_a_shared_name_keeps_every_candidate_until_resolved():
    [mention] = regions.find_mentions("朝阳区深入推进依法行政")
    assert codes(mention.candidates) == ["110105", "220104"]
    changchun = regions.lookup("长春市")
    assert codes(regions.resolve(mention.candidates, changchun)) == ["220104"]
    assert codes(regions.resolve(mention.candidates, [])) == ["110105", "220104"]


def test_a_district_written_right_after_its_municipality_is_found() -> None:
    # jieba keeps 上海市浦东新区 as one word; the district is still a mention of its own.
    names = [m.surface for m in regions.find_mentions("上海市浦东新区人民政府关于2023年法治政府建设情况的报告")]
    assert names == ["上海市", "浦东新区"]


def test_an_autonomous_prefecture_is_found_as_its_short_name_with_zhou():
    found = regions.find_mentions("据了解,黔东南州司法局和大理州司法局今年共办理复议案件。")
    assert [(m.surface, m.candidates[0].name) for m in found] == [
        ("黔东南州", "黔东南苗族侗族自治州"),
        ("大理州", "大理白族自治州"),
    ]


# ---------------------------------------------------------------- the kept tokenizer


TOKENIZER_TEXT = "长春市人民政府2023年法治政府建设情况,全市行政复议案件受理120件,延边州和槐荫区同比增长。"


def test_a_kept_tokenizer_is_the_one_built(tmp_path, monkeypatch):
    import jieba

    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path)
    built = regions._tokenizer.__wrapped__()  # built and written: no file yet
    kept = list(tmp_path.glob("tokenizer-*.marshal"))
    assert len(kept) == 1

    def no_building(self):
        raise AssertionError("the kept tokenizer should have been loaded")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", no_building)
    loaded = regions._tokenizer.__wrapped__()
    assert loaded.FREQ == built.FREQ and loaded.total == built.total
    assert list(loaded.cut(TOKENIZER_TEXT, HMM=False)) == list(built.cut(TOKENIZER_TEXT, HMM=False))
    assert list(built.cut(TOKENIZER_TEXT, HMM=False)) == list(regions._tokenizer().cut(TOKENIZER_TEXT, HMM=False))


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", b"\xe9\x00\x00\x00", "abc", [1, 2], ({}, "7")],
    ids=["empty", "text", "truncated", "a string", "a list", "wrong types"],
)
def test_a_damaged_kept_tokenizer_is_ignored(tmp_path, content):
    import marshal

    import jieba

    path = tmp_path / "tokenizer-0.marshal"
    path.write_bytes(content if isinstance(content, bytes) else marshal.dumps(content))
    tokenizer = jieba.Tokenizer()
    assert not regions._load_tokenizer(tokenizer, path)
    assert not tokenizer.initialized
    assert not regions._load_tokenizer(tokenizer, tmp_path / "missing.marshal")


def test_the_kept_tokenizer_key_follows_every_word_and_frequency():
    words = [("长春市", regions.PLACE_FREQ), ("长春", regions.SHORT_FREQ)]
    key = regions._tokenizer_key(words)
    assert regions._tokenizer_key(list(words)) == key
    assert regions._tokenizer_key([("长春市", regions.PLACE_FREQ), ("长春", regions.PLACE_FREQ)]) != key
    assert regions._tokenizer_key([*words, ("吉林", regions.SHORT_FREQ)]) != key
    assert regions._tokenizer_key(words[::-1]) != key  # order counts: jieba's total adds each call


def test_keeping_a_tokenizer_replaces_the_older_one(tmp_path):
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = {"甲": 1}, 1
    regions._save_tokenizer(tokenizer, tmp_path / "tokenizer-a.marshal")
    regions._save_tokenizer(tokenizer, tmp_path / "tokenizer-b.marshal")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokenizer-b.marshal"]


def test_the_users_cache_keeps_the_newest_few_tokenizers(tmp_path, monkeypatch):
    # builds with other words (another checkout, draft rules) share it: each keeps its own for a while
    import os

    shared = tmp_path / "shared"
    monkeypatch.setenv(regions.SHARED_CACHE_ENV, str(shared))
    for i in range(regions.SHARED_KEPT + 2):
        regions._write_kept(shared / f"tokenizer-{i}.marshal", ({"甲": i}, i), "tokenizer-*.marshal")
        os.utime(shared / f"tokenizer-{i}.marshal", (1_000_000 + i, 1_000_000 + i))
    kept = sorted(p.name for p in shared.iterdir())
    newest = range(2, regions.SHARED_KEPT + 2)
    assert kept == [f"tokenizer-{i}.marshal" for i in newest]


def test_kept_jieba_words_are_the_ones_read(tmp_path, monkeypatch):
    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path)
    read = regions._jieba_words.__wrapped__()
    assert read == regions._jieba_words() and len(read) > 1000
    kept = list(tmp_path.glob("jieba-words-*.marshal"))
    assert len(kept) == 1

    def no_reading(wanted):
        raise AssertionError("the kept words should have been loaded")

    monkeypatch.setattr(regions, "_read_jieba_words", no_reading)
    assert regions._jieba_words.__wrapped__() == read
    kept[0].write_bytes(b"damaged")
    monkeypatch.undo()
    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path)
    assert regions._jieba_words.__wrapped__() == read  # read again and kept again
    assert regions._read_kept(kept[0]) == read


def test_the_kept_jieba_words_key_follows_the_names_asked_for():
    key = regions._jieba_words_key({"长春", "长春市"})
    assert regions._jieba_words_key({"长春市", "长春"}) == key
    assert regions._jieba_words_key({"长春", "长春市", "吉林"}) != key


def test_a_tokenizer_kept_in_the_shared_cache_serves_an_empty_build_folder(tmp_path, monkeypatch):
    import jieba

    monkeypatch.setenv(regions.SHARED_CACHE_ENV, str(tmp_path / "shared"))
    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path / "first")
    built = regions._tokenizer.__wrapped__()  # written to the build's folder and to the shared cache
    assert len(list((tmp_path / "shared").glob("tokenizer-*.marshal"))) == 1

    def no_building(self):
        raise AssertionError("the shared tokenizer should have been loaded")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", no_building)
    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path / "second")  # a build into an empty folder
    loaded = regions._tokenizer.__wrapped__()
    assert loaded.FREQ == built.FREQ and loaded.total == built.total
    assert len(list((tmp_path / "second").glob("tokenizer-*.marshal"))) == 1  # and copied beside the build


def test_no_shared_cache_is_used_when_no_build_asks_to_keep_anything(tmp_path, monkeypatch):
    monkeypatch.setenv(regions.SHARED_CACHE_ENV, str(tmp_path / "shared"))
    monkeypatch.setattr(regions, "_tokenizer_folder", None)
    assert regions._kept_paths("tokenizer-0.marshal") == []
    monkeypatch.setattr(regions, "_tokenizer_folder", tmp_path / "out")
    assert regions._kept_paths("tokenizer-0.marshal") == [
        tmp_path / "out" / "tokenizer-0.marshal",
        tmp_path / "shared" / "tokenizer-0.marshal",
    ]


def test_jieba_is_imported_without_pkg_resources_and_leaves_it_importable():
    # a fresh interpreter: the test session may have imported jieba already
    code = (
        "import sys\n"
        "from pipeline import regions\n"
        "jieba = regions._jieba()\n"
        "assert 'pkg_resources' not in sys.modules\n"
        "assert jieba.lcut('全市共受理行政复议案件120件', HMM=False)[:2] == ['全市', '共']\n"
        "import pkg_resources\n"
        "assert sys.modules['pkg_resources'] is pkg_resources\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


def test_places_a_text_names_beside_its_own_are_never_its_figures():
    panyu = regions.lookup("番禺区")[0]
    named = [regions.lookup(n)[0].adcode for n in ("博罗县", "广州市", "番禺区", "广东省")]
    names = regions.sub_place_names(panyu, named)
    assert "博罗县" in names and "博罗" in names  # another place: its figures are not 番禺区's
    assert not {"广州市", "广州", "番禺区", "广东省"} & set(names)  # its own, and the places above it
    assert regions.sub_place_names(panyu) == regions.sub_place_names(panyu, [])
