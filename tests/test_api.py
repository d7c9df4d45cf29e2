"""The app reaches the pipeline only through `pipeline.api`, a plain module."""

from __future__ import annotations

import ast
import types
from pathlib import Path

import pipeline
from pipeline import api

ROOT = Path(__file__).resolve().parents[1]


def _pipeline_imports(path: Path) -> list[str]:
    """Every `pipeline…` name imported by a file, as written ('pipeline.api', 'pipeline.build', …)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            found += [node.module] if node.module != "pipeline" else [f"pipeline.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "pipeline"]
    return found


def test_the_app_imports_nothing_of_the_pipeline_but_its_api() -> None:
    files = [ROOT / "dashboard.py", *sorted((ROOT / "app").rglob("*.py"))]
    offending = {str(f.relative_to(ROOT)): m for f in files for m in _pipeline_imports(f) if m != "pipeline.api"}
    assert offending == {}


def test_the_package_is_a_plain_module() -> None:
    assert type(pipeline) is types.ModuleType


def test_the_api_names_what_it_exports() -> None:
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == []
    assert callable(api.build) and callable(api.extract) and callable(api.preview)


def test_limits_and_catalogue_come_from_the_pipeline() -> None:
    size, suffixes = api.limits()
    assert size > 0 and ".txt" in suffixes
    assert "review_accepted" in api.catalogue()
