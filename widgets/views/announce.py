"""Say a result out loud and move the focus to it: a live region for screen readers, kept in the page.

A view holds one ``Announcer`` and calls ``say(message, focus=".css-selector")`` after it shows a result
(a verdict, a story's feedback, the next story). The page reads the message in a polite live region that
was there before it changed, and moves the keyboard focus to the first match of ``focus`` inside the view.
"""

from __future__ import annotations

import anywidget
import traitlets

from .palette import CSS, STATIC


class Announcer(anywidget.AnyWidget):
    """Invisible: a live region (``role=status``) and a focus mover for the view it sits in."""

    _esm = STATIC / "announce.js"
    message = traitlets.Unicode("", help="what the live region reads out").tag(sync=True)
    focus = traitlets.Unicode("", help="CSS selector of the element to focus, inside the same lesson view").tag(
        sync=True
    )
    count = traitlets.Int(0, help="goes up by one per announcement").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class(CSS["announcer"])

    def say(self, message: str, focus: str = "") -> None:
        """Read `message` out (plain text) and move the focus to `focus`, if given."""
        with self.hold_sync():
            self.message, self.focus = message, focus
            self.count += 1
