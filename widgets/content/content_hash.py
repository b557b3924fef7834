"""The content hash of a question: what ties a stored attempt to the version of the question it answered."""

from __future__ import annotations

import hashlib
import json
from typing import Any

# Fields that teach but do not change what is asked or what is right: editing them keeps the hash.
_TEACHING_ONLY = frozenset({"explanation", "goal", "hint", "topic", "why_not"})


def _graded_part(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _graded_part(v) for k, v in value.items() if k not in _TEACHING_ONLY and not k.endswith("feedback")}
    if isinstance(value, list):
        return [_graded_part(v) for v in value]
    return value


# question object → (the question, its hash): content models are frozen and loaded once, and a class roll-up asks
# for the same question's hash thousands of times (every learner's every answer); bounded, identity-checked.
_KNOWN: dict[int, tuple[Any, str]] = {}
_KNOWN_MAX = 4096


def question_hash(question: Any) -> str:
    """A short, stable hash of what a question asks and accepts (prompt, type, options, answer, items, limits).

    Feedback, why_not, explanation, hint and topic are left out: rewording them does not make an old attempt stale.
    """
    known = _KNOWN.get(id(question))
    if known is not None and known[0] is question:
        return known[1]
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.clear()
    digest = _hash(question)
    _KNOWN[id(question)] = (question, digest)
    return digest


def _hash(question: Any) -> str:
    canonical = json.dumps(
        _graded_part(question.model_dump(mode="json")), sort_keys=True, ensure_ascii=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()[:16]
