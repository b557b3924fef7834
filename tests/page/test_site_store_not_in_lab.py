"""In JupyterLab the kernel's store is the one that saves: a quiz with a kernel (live, or gone) never writes the
static site's store, and a quiz without one writes only there (tests/page_in_node.py, the real quiz page in node)."""

from __future__ import annotations

import pytest

from tests.helpers import bank, single
from widgets.store.progress import ProgressStore
from widgets.views.quiz import Quiz


@pytest.mark.parametrize("kernel", ["live", "gone", "static"])
def test_only_a_page_without_a_kernel_keeps_answers_in_the_sites_store(quiz_tab, tmp_path, kernel):
    quiz = Quiz(bank(single()), ProgressStore(tmp_path))
    page = quiz_tab.setup()
    v = page.render(quiz, kernel=kernel)
    page.choose(v, quiz.ids[0], "a")
    page.click(v, ".quiz-check")
    page.tick(5000)
    site = [k for k in page.storage if k.startswith("foot-twitch-lessons:site:")]
    saved = quiz.store.load()["attempts"]
    if kernel == "static":
        assert any("progress:learner-" in k for k in site) and saved == []
    else:
        assert site == [] and len(saved) == (1 if kernel == "live" else 0)
