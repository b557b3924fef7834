""" "Hand in my results": one click puts the learner's results file into the class drop box (classroom/handin.py).

Outside a class hub the click says there is no drop box and to use "Make my results file" instead.
Tests drive it from Python: ``v = hand_in_button(store, environ=...); v.button.click(); v.out.value``.
"""

from __future__ import annotations

import ipywidgets as W

from ..classroom import handin, lrs
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
        learner = self.store.load()["learner"]
        self.name = name or name_field(learner)
        self.button = button(
            description="Hand in my results",
            icon="paper-plane",
            tooltip="Put your quiz results in your teacher's class drop box",
        )
        self.button.on_click(lambda _: self.hand_in())
        self.out = W.HTML()
        self.result: handin.HandIn | None = None
        super().__init__([W.HBox([self.button] if name is not None else [self.name, self.button]), self.out])
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
