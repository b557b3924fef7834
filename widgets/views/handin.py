""" "Hand in my results": one click puts the learner's results file into the class drop box (classroom/handin.py).

Offered only where a drop box exists (a class hub whose admin set FOOT_LESSONS_DROPBOX): elsewhere the view shows
what to do instead ("Make my results file" on the start page, and give the file to the teacher), and no button.
Tests drive it from Python: ``v = HandInButton(store, environ=...); v.button.click(); v.out.value``; ``v.offered``
says whether the button is shown (a click from code outside a hub still answers with the same advice).
"""

from __future__ import annotations

import ipywidgets as W

from ..classroom import handin, lrs
from ..content.load import load_start_texts
from ..store.progress import ProgressStore
from . import html
from .controls import button, name_field
from .icons import icon
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS


class HandInButton(KeyboardSafeBox):
    """The button and its message; `name` may be an existing name field (the start notebook's backup view
    shows this button beside "Make my results file", sharing its name field)."""

    def __init__(self, store: ProgressStore | None = None, name: W.Text | None = None, environ: dict | None = None):
        self.store = store or default_store()
        self.environ = environ
        words = load_start_texts().results
        self.offered = handin.dropbox_root(environ) is not None  # a drop box to hand in to
        self.name = name or name_field()
        self.button = button(
            description=words.hand_in,
            icon="paper-plane",
            tooltip=words.hand_in_tip,
            button_style="primary",  # the card's main action, as the quiz's Check
        )
        self.button.on_click(lambda _: self.hand_in())
        self.out = W.HTML()
        self.result: handin.HandIn | None = None
        if self.offered:
            shown: list[W.Widget] = [W.HBox([self.button] if name is not None else [self.name, self.button])]
        else:  # nothing to click: say what to do instead (the start page's name box is not repeated here)
            self.out.value = html.paragraph(words.no_box) if name is None else ""
            shown = []
        super().__init__([*shown, self.out])
        self.add_class(CSS["hand_in"])

    def hand_in(self) -> handin.HandIn:
        self.result = handin.hand_in(self.store.load(), self.name.value, environ=self.environ)
        if self.result.document is not None:
            lrs.handed_in(self.store, self.result.document)
        self.out.value = (
            f"<p>{icon('right')}{html.text(self.result.message)}</p>"
            if self.result.ok
            else html.notice(self.result.message)
        )
        return self.result


def hand_in_button(store: ProgressStore | None = None, name: W.Text | None = None) -> HandInButton:
    """The "Hand in my results" button, e.g. at the end of lesson 05: ``from widgets import hand_in; hand_in()``."""
    return HandInButton(store, name)
