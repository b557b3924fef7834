"""Learner-facing text of the course, as plain prose: notebook markdown and content-file strings.

Used by the readability and own-words tests. Markdown syntax, tables, HTML comments, code and URLs are
removed; each heading, list item and table-free paragraph becomes sentences that end in punctuation, so a
list of short items is not read as one long sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).parent.parent
LESSONS = ROOT / "lessons"
CONTENT = ROOT / "widgets" / "content"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"```.*?```", re.S)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](target) and ![alt](src) keep their text
_TAG = re.compile(r"<[^>]+>")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_END = (".", "!", "?")


def markdown_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def plain(md: str) -> str:
    """Markdown → prose sentences (no tables, code, comments, URLs or markup)."""
    md = _FENCE.sub(" ", _COMMENT.sub(" ", md))
    units: list[str] = []
    for line in md.splitlines():
        if line.lstrip().startswith("|"):  # table rows carry no sentences
            continue
        raw = line.strip()
        if not raw:
            units.append("")  # paragraph break
            continue
        starts_unit = raw.startswith("#") or bool(_ITEM.match(line))
        text = _ITEM.sub("", line).strip().lstrip("#>").strip()
        text = _ITEM.sub("", text) if raw.startswith("#") else text  # "## 2. Title" → "Title"
        text = _LINK.sub(r"\1", text)
        text = _URL.sub(" ", text)
        text = _TAG.sub(" ", re.sub(r"`[^`]*`", " ", text))
        text = re.sub(r"[*_]{1,3}", "", text).replace("→", ",")
        text = re.sub(r"[^\w\s.,;:!?'\"()\-–—/%]", " ", text)  # emoji and symbols
        text = " ".join(text.split())
        if starts_unit or not units or units[-1] == "":
            units.append(text)
        else:
            units[-1] += " " + text
    return " ".join(_sentence(u) for u in units if u.strip(" .,;:-–—"))


def _sentence(unit: str) -> str:
    unit = unit.strip().rstrip(";:,—–- ").strip()
    return unit if unit.endswith(_END) or unit.endswith(_END + tuple(c + '"' for c in _END)) else unit + "."


def notebook_text(path: Path) -> str:
    return plain("\n\n".join(markdown_cells(path)))


def bank_strings(path: Path) -> list[str]:
    """Every learner-facing string of a question bank file (prompts, hints, options, feedback, explanations)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [data.get("title", "")]
    for q in data.get("questions", []):
        out += [
            q.get("prompt", ""),
            q.get("hint", ""),
            q.get("explanation", ""),
            q.get("wrong_feedback", ""),
            q.get("low_feedback", ""),
            q.get("high_feedback", ""),
        ]
        for o in q.get("options", []) or []:
            out += [o.get("text", ""), o.get("feedback", ""), o.get("why_not", "")]
        out += [i.get("text", "") for i in q.get("items", []) or []]
    return [s for s in out if s]


def yaml_strings(path: Path) -> list[str]:
    """Every string value in a YAML file (ids and vocabulary included; used by the own-words check)."""
    out: list[str] = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def prose(strings: list[str]) -> str:
    """Strings → sentences (each string ends with punctuation so they are not run together)."""
    return " ".join(_sentence(" ".join(_URL.sub(" ", s).split())) for s in strings if s.strip())
