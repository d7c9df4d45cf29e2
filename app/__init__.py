"""The Streamlit side of Fazhi Indicators: loading, state, pure figure/export builders, views.

Reads only the processed folder (and asks `pipeline.build` for a new one when it is stale);
never parses reports itself.
"""
