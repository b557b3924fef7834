"""The store's notices in a view: things told once stay shown, the "not saved yet" notice until it is written."""

from __future__ import annotations

import ipywidgets as W

from ..store.progress import ProgressStore
from . import html
from .palette import CSS


class StoreNotice(W.HTML):
    """An HTML line under a view's title; refreshed after every change to the store (any view's)."""

    def __init__(self, store: ProgressStore):
        super().__init__("")
        self.add_class(CSS["notice"])
        self.store = store
        self.since = store.told  # one-time notices from here on (and any no view showed yet)
        self.extra: list[str] = []  # the view's own message (e.g. "your progress was reset")
        store.subscribe(self._changed)
        self.refresh()

    def _changed(self) -> None:
        if self.comm is not None:  # a closed view is not redrawn
            self.refresh()

    def refresh(self) -> None:
        self.store.pop_notices_once()  # writes what waits, marks the events as told
        told = list(dict.fromkeys(self.store.events[self.since :]))
        state = self.store.notice()
        self.value = "".join(html.notice(t) for t in [*self.extra, *told, *([state] if state else [])])

    def say(self, text: str) -> None:
        """Show the view's own message (replacing the last one) along with the store's."""
        self.extra = [text]
        self.refresh()
