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

import sys
import types

from pipeline.build import build, extract, is_stale, process_bytes, process_document

__all__ = ["build", "extract", "is_stale", "process_bytes", "process_document"]

_PUBLIC = {"build": build, "extract": extract}


class _Package(types.ModuleType):
    """Keeps `pipeline.build` and `pipeline.extract` the public functions.

    They share their names with the modules build.py and extract.py, and Python sets a
    package attribute to each submodule it imports, which would replace the function at the
    first `import pipeline.extract`. These properties win over that; the modules stay
    reachable as usual through `from pipeline.extract import ...` (sys.modules).
    """

    def __getattribute__(self, name: str):
        if name in _PUBLIC:
            return _PUBLIC[name]
        return super().__getattribute__(name)


sys.modules[__name__].__class__ = _Package
