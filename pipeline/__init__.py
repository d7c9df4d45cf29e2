"""Fazhi Indicators pipeline: raw rule-of-law reports -> one tidy, evidenced indicator table.

The public entry points (everything else is a stage's internals):

- `build(raw, out, progress=None)`: process every file in `raw`, write the tables to `out`.
- `extract(paths)`: the resolved indicator table of files/folders, written nowhere.
- `process_document(path)` / `process_bytes(data, name)`: one report's (Document, Location,
  Facts), never raising for bad input; the app uses these to preview an upload.
- `is_stale(raw, out)`: whether `out` needs a new build.

`pipeline.build` imports pandas and the stages only when first used, so `import pipeline` is cheap.
"""

from __future__ import annotations

# The public functions share names with the modules `build` and `extract`: binding them here
# makes `pipeline.build(...)` the function. Code inside the package therefore imports stage
# modules with `importlib.import_module("pipeline.<name>")` or `from pipeline.<name> import ...`.
from pipeline.build import build, extract, is_stale, process_bytes, process_document

__all__ = ["build", "extract", "is_stale", "process_bytes", "process_document"]
