"""Putting an uploaded report into the raw folder: the pipeline's raw store (safe names, no
duplicates, atomic writes), reached through pipeline.api as the app must.

Must never: hold logic of its own (pipeline/rawstore.py owns it).
"""

from __future__ import annotations

from pipeline.api import MAX_NAME_BYTES, Stored, append_report_place, find_same, listing, safe_name, save

__all__ = ["MAX_NAME_BYTES", "Stored", "append_report_place", "find_same", "listing", "safe_name", "save"]
