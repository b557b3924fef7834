"""The lessons' one stylesheet (``static/lessons.css``), brought into the page by an invisible anywidget.

anywidget puts a widget class's ``_css`` into the page's head once, however many of its widgets are shown,
and keeps it there; every view root carries one ``Stylesheet`` (views/keyboard.py ``KeyboardSafeBox``).
Its page side (``static/stylesheet.js``, bundled with ``static/kernel_lifecycle.js`` into ``static/bundles/``) also
watches the view's kernel: when it stops, the view says so and its controls do nothing but point to that note; and
it shuts a lesson's kernel when a "Next" link is followed.
"""

from __future__ import annotations

import anywidget
import traitlets

from .palette import CSS, STATIC, STYLESHEET


class Stylesheet(anywidget.AnyWidget):
    """Invisible: loads the lessons' stylesheet into the page."""

    _esm = STATIC / "bundles" / "stylesheet.js"
    _css = STYLESHEET
    # the note a view shows once its kernel stopped (the page still has it when the kernel is gone)
    stopped_title = traitlets.Unicode("This lesson has stopped.").tag(sync=True)
    stopped_text = traitlets.Unicode(
        "The program behind its quizzes and pictures is not running now, so these buttons do nothing. "
        "To start again, choose Run → Run All Cells in the menu at the top. Your saved answers are kept."
    ).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class(CSS["stylesheet"])
