"""The store's notices in a view: things told once stay shown, the "not saved yet" notice until it is written.

No raw path on screen: the store's messages name its folder (a backup kept "in /home/…/.local/share/…"); the view
says "your data folder" instead and puts the path in a closed "Where are my answers kept?" fold for the curious.
"""

from __future__ import annotations

import os

import ipywidgets as W

from ..content.load import load_start_texts
from ..store.progress import ProgressStore
from . import html
from .palette import CSS


def where_fold(store: ProgressStore) -> str:
    """A closed "Where are my answers kept?" fold: the progress file's folder, out of sight until opened."""
    words = load_start_texts().progress
    return (
        f'<details class="lesson-small-print progress-where"><summary>{html.text(words.where_summary)}</summary>'
        f"{html.paragraph(words.where_text.format(file=store.path.name))}"
        f"<p><code>{html.text(str(store.directory))}</code></p></details>"
    )


def without_paths(text: str, store: ProgressStore) -> str:
    """`text` with the store's folder said in words: a file in it by its name, the folder as "your data folder"."""
    folder = str(store.directory)
    return text.replace(folder + os.sep, "").replace(folder, load_start_texts().progress.folder_words)


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
        texts = [*self.extra, *told, *([state] if state else [])]
        folder = str(self.store.directory)
        fold = where_fold(self.store) if any(folder in t for t in texts) else ""
        self.value = "".join(html.notice(without_paths(t, self.store)) for t in texts) + fold

    def say(self, text: str) -> None:
        """Show the view's own message (replacing the last one) along with the store's."""
        self.extra = [text]
        self.refresh()
