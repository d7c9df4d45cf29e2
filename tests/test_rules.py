"""The rule files are checked when loaded: a mistake stops the pipeline with one line naming the file,
the entry and the key; a tiny hand-made rule set can be put in force for a test."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import mistyped_not_cues

from pipeline import rules
from pipeline.extract import extract_facts

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "pipeline" / "rules"


def _files() -> tuple[dict, dict]:
    indicators = yaml.safe_load((RULES / "indicators.yaml").read_text(encoding="utf-8"))
    grammar = yaml.safe_load((RULES / "grammar.yaml").read_text(encoding="utf-8"))
    return indicators, grammar


def _entry(indicators: dict, indicator_id: str) -> dict:
    return next(e for e in indicators["indicators"] if e["id"] == indicator_id)


def _error(indicators: dict, grammar: dict) -> str:
    with pytest.raises(rules.RulesError) as caught:
        rules.from_data(indicators, grammar)
    return str(caught.value)


def test_the_shipped_rules_load() -> None:
    loaded = rules.load()
    assert "review_accepted" in loaded.indicators
    assert loaded.grammar.year.search("2023年")


def test_the_registry_families_name_families_of_the_catalogue() -> None:
    """grammar.yaml's registry_families (kept in a department's report) must name catalogue families: a typo
    there would quietly drop a registry's figures from every department's report."""
    loaded = rules.load()
    families = {entry["family"] for entry in loaded.entries.values()}
    assert set(loaded.grammar.words["registry_families"]) <= families


def test_a_mistyped_key_is_named_with_a_suggestion() -> None:
    indicators, grammar = _files()
    entry = _entry(indicators, "review_accepted")
    entry["not_cue"] = entry.pop("not_cues")
    message = _error(indicators, grammar)
    assert message == "indicators.yaml: review_accepted: unknown key 'not_cue' (did you mean 'not_cues'?)"


def test_a_missing_key_is_named() -> None:
    indicators, grammar = _files()
    del _entry(indicators, "legal_aid_cases")["cues"]
    assert _error(indicators, grammar) == "indicators.yaml: legal_aid_cases: missing key 'cues'"


def test_a_unit_the_number_reader_never_reads_is_refused() -> None:
    indicators, grammar = _files()
    _entry(indicators, "legal_aid_cases")["units"].append("单")
    message = _error(indicators, grammar)
    assert message.startswith("indicators.yaml: legal_aid_cases: key 'units': the number reader knows no unit '单'")


def test_a_misspelt_derive_id_is_refused() -> None:
    indicators, grammar = _files()
    _entry(indicators, "mediation_success_rate")["derive"] = "mediation_succes / mediation_cases"
    message = _error(indicators, grammar)
    assert message == (
        "indicators.yaml: mediation_success_rate: key 'derive': no indicator 'mediation_succes' "
        "(did you mean 'mediation_success'?)"
    )


def test_a_duplicate_id_is_refused() -> None:
    indicators, grammar = _files()
    indicators["indicators"].append(copy.deepcopy(_entry(indicators, "legal_aid_cases")))
    assert _error(indicators, grammar) == "indicators.yaml: legal_aid_cases: duplicate id 'legal_aid_cases'"


def test_a_wrong_type_names_the_key_and_what_was_found() -> None:
    indicators, grammar = _files()
    _entry(indicators, "legal_aid_cases")["stock"] = "often"
    message = _error(indicators, grammar)
    assert message.startswith("indicators.yaml: legal_aid_cases: key 'stock':") and "'often'" in message


def test_a_pattern_that_does_not_compile_is_named() -> None:
    indicators, grammar = _files()
    grammar["patterns"]["flow"]["regex"] = "(新增"
    assert _error(indicators, grammar).startswith("grammar.yaml: patterns.flow: key 'regex': does not compile")


def test_a_pattern_referring_to_an_unknown_word_list_is_named() -> None:
    indicators, grammar = _files()
    grammar["patterns"]["respectively_word"]["regex"] = "{{respectivly}}"
    message = _error(indicators, grammar)
    assert message == (
        "grammar.yaml: patterns.respectively_word: key 'regex': no word list 'respectivly' "
        "(did you mean 'respectively'?)"
    )


def test_a_pattern_failing_its_own_example_is_refused() -> None:
    indicators, grammar = _files()
    grammar["words"]["flow"] = ["新登记"]  # 新增 removed: the example "新增" no longer matches
    assert _error(indicators, grammar) == "grammar.yaml: patterns.flow: key 'matches': the pattern does not find '新增'"


def test_each_plan_period_needs_its_first_year() -> None:
    indicators, grammar = _files()
    grammar["words"]["plan_period_first_years"] = grammar["words"]["plan_period_first_years"][:-1]
    message = _error(indicators, grammar)
    assert message.startswith("grammar.yaml: words: key 'plan_period_first_years': one four-digit year for each")


def test_a_pattern_the_extractor_needs_cannot_be_left_out() -> None:
    indicators, grammar = _files()
    del grammar["patterns"]["year"]
    assert _error(indicators, grammar) == "grammar.yaml: patterns: missing pattern 'year' (the extractor uses it)"


def test_an_unknown_key_in_the_grammar_is_named() -> None:
    indicators, grammar = _files()
    grammar["patterns"]["flow"]["example"] = ["新增"]
    assert _error(indicators, grammar).startswith("grammar.yaml: patterns.flow: unknown key 'example'")


def test_broken_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    (folder / "grammar.yaml").write_text("words:\n  flow: [新增\n", encoding="utf-8")
    with pytest.raises(rules.RulesError, match=r"^grammar\.yaml: line \d+: not valid YAML"):
        rules.load(folder)


def _broken_rules_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(mistyped_not_cues(text))
    return folder


@pytest.mark.parametrize("command", [["extract", "data/raw"], ["build", "--out", "OUT"]])
def test_a_mistyped_key_stops_the_command_line_with_status_2(tmp_path: Path, command: list[str]) -> None:
    folder = _broken_rules_folder(tmp_path)
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    env = {"FAZHI_RULES_DIR": str(folder), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert "indicators.yaml: review_accepted: unknown key 'not_cue' (did you mean 'not_cues'?)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- a tiny rule set, made here

TINY_INDICATORS = {
    "indicators": [
        {"id": "widgets", "name": "小部件数", "unit": "件", "family": "测试", "units": ["件"], "topic": ["部件"],
         "cues": ["生产"], "not_cues": ["计划"], "range": [0, 1000]},
    ],
    "context": {"plan_markers": ["力争"], "cumulative_markers": ["累计"], "partial_scope_markers": ["本级"],
                "previous_year_markers": ["上年"]},
}  # fmt: skip


def test_a_tiny_rule_set_can_be_put_in_force_for_a_test() -> None:
    _, grammar = _files()
    tiny = rules.from_data(TINY_INDICATORS, grammar)
    with rules.using(tiny):
        facts = extract_facts("2023年,部件车间生产12件。", 2023)
        assert [(f.indicator, f.value) for f in facts] == [("widgets", 12)]
        assert extract_facts("2023年,全年受理行政复议案件120件。", 2023) == []
    assert [f.indicator for f in extract_facts("2023年,全年受理行政复议案件120件。", 2023)] == ["review_accepted"]


def test_a_word_added_to_the_grammar_changes_readings() -> None:
    """Mechanism: a list's words come from the grammar, so a new word teaches every rule that uses it."""
    _, grammar = _files()
    text = "2023年,截止11月底部件车间已生产12件。"
    with rules.using(rules.from_data(TINY_INDICATORS, grammar)):
        assert [(f.value, f.qualifier) for f in extract_facts(text, 2023)] == [(12, "at_least")]
    grammar = copy.deepcopy(grammar)
    grammar["words"]["cutoff"] = ["截至"]  # without 截止, nothing says the count stops before the year's end
    with rules.using(rules.from_data(TINY_INDICATORS, grammar)):
        assert [(f.value, f.qualifier) for f in extract_facts(text, 2023)] == [(12, "exact")]


def test_the_extractor_holds_mechanisms_only() -> None:
    """No Chinese word in pipeline/extract*.py's code: every string literal outside docstrings holds at most
    the mechanism characters listed in extract.MECHANISM_CHARACTERS."""
    import ast
    import re

    from pipeline.extract import MECHANISM_CHARACTERS

    offending = []
    for path in sorted((ROOT / "pipeline").glob("extract*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                text = node.value if node.value != MECHANISM_CHARACTERS else ""
                if re.search(r"[\u3400-\u9fff\uf900-\ufaff]", text):
                    offending.append(f"{path.name}:{node.lineno}: {text[:30]!r}")
    assert offending == []
