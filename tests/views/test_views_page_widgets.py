"""The self-check and the practice stories are drawn in the page: one widget model each, however many questions."""

import anywidget
import ipywidgets as W

from widgets.views.cases import case_stories
from widgets.views.selfcheck import SelfCheck


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_the_self_check_and_the_stories_are_one_page_widget_each():
    """Run All sends one model for each (beside the view's box, keyboard guard and the shared stylesheet), where the
    ipywidgets form sent one per control and the static site could not click any of them."""
    for view in (SelfCheck(), case_stories()):
        assert [type(w).__name__ for w in view.children][1:] == ["KeyboardGuard", "Stylesheet"]
        assert all(isinstance(w, (anywidget.AnyWidget, W.Box)) for w in _walk(view))
