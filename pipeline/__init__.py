"""Fazhi Indicators pipeline: raw rule-of-law reports -> one tidy, evidenced indicator table.

A plain package. Code outside the pipeline uses `pipeline.api` only (`from pipeline import api`);
every other module is a stage's internals:

    ingest -> locate -> extract -> derive -> table -> build (store)

Nothing is imported here, so `import pipeline` is cheap and each stage module keeps its own name.
"""
