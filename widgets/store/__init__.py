"""The learner's progress file: the SQLite store (progress.py), the portable download (progress_doc.py) and the safe
JSON reader both use. No ipywidgets.
"""
