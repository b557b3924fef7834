"""Own words: no lesson text or content file repeats 8 or more words in a row from the source article.

The article sits beside the repository (``../shared/source-article.md``), in CI too. If it is missing the
test fails when ``CI=true`` and is skipped otherwise (a lone clone has nothing to compare with).
Words are compared in lower case with punctuation removed, so a copied phrase cannot hide behind a comma.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.course_text import CONTENT, LESSONS, markdown_cells, yaml_strings

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT.parent / "shared" / "source-article.md"
RUN = 8


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(ws: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def shared(text: str, article_runs: set[tuple[str, ...]], n: int = RUN) -> list[str]:
    return sorted(" ".join(r) for r in runs(words(text), n) & article_runs)


def sources() -> list[tuple[str, str]]:
    """(where, text) for every lesson markdown cell and every string of every content YAML file."""
    out = []
    for nb in sorted(LESSONS.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in nb.parts:
            continue
        out += [(f"{nb.relative_to(ROOT)} cell {i}", s) for i, s in enumerate(markdown_cells(nb))]
    for f in sorted(CONTENT.rglob("*.yaml")):
        out += [(str(f.relative_to(ROOT)), s) for s in yaml_strings(f)]
    return out


def read_article(path: Path, environ) -> set[tuple[str, ...]]:
    """The article's 8-word runs; a missing article fails under CI=true and skips otherwise."""
    if not path.exists():
        if environ.get("CI", "").lower() == "true":
            pytest.fail(f"the source article is missing: {path} (it must sit beside the repository in CI)")
        pytest.skip(f"no source article at {path}; the own-words check needs it (required when CI=true)")
    return runs(words(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def article_runs() -> set[tuple[str, ...]]:
    return read_article(ARTICLE, os.environ)


def test_no_text_shares_8_words_in_a_row_with_the_article(article_runs):
    found = sources()
    assert len(found) > 100  # lessons and content were read
    copied = [f"{where}: “{run}”" for where, text in found for run in shared(text, article_runs)]
    assert not copied, "copied from the article:\n" + "\n".join(copied)


def test_the_check_finds_a_copied_phrase_and_ignores_shorter_ones(article_runs):
    article = words(ARTICLE.read_text(encoding="utf-8"))
    eight = " ".join(article[40:48]).upper() + "!"  # case and punctuation do not hide a copy
    assert shared(f"Some text. {eight} More text.", article_runs)
    seven = " ".join(article[40:47])
    assert not shared(f"Some text, {seven}, and then other words here.", article_runs)


def test_a_missing_article_fails_in_ci_and_skips_elsewhere(tmp_path):
    missing = tmp_path / "source-article.md"
    with pytest.raises(pytest.fail.Exception, match="missing"):
        read_article(missing, {"CI": "true"})
    with pytest.raises(pytest.skip.Exception):
        read_article(missing, {})
