"""The before/after checks' answers of a results file, regraded against content/checks.yaml (classroom/rollup.py
keeps them on each file, apart from every score; classroom/goals.py rolls them up)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def grade_checks(doc: Mapping[str, Any]) -> dict[str, bool]:
    """A results document's check answers, regraded: full id → right. Answers to a question no longer in the
    checks, or to another version of it (content hash), are left out."""
    entries = doc.get("checks") or {}
    if not entries:
        return {}
    from ..content.load import check_hashes, check_questions

    known, hashes = check_questions(), check_hashes()
    out = {}
    for qid, entry in entries.items():
        if qid in known and entry.get("hash") == hashes[qid]:
            out[qid] = list(entry.get("chosen", ())) == [known[qid][1].answer]
    return out
