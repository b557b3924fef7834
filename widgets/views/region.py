"""Where you live (lesson 00): the region whose emergency number and services every verdict and story names.

Chosen once and kept in the progress store's meta table (`ProgressStore.setting("region")`, never in the results
file); the default region of content/care.yaml (international wording) until the learner chooses. Tests drive it
from Python: ``v = RegionChooser(store); v.choose("uk"); v.status.value``.
"""

from __future__ import annotations

import ipywidgets as W

from ..content.load import load_care_file
from ..store.progress import ProgressStore
from . import html
from .announce import Announcer
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS


def current_region(store: ProgressStore | None = None) -> str:
    """The learner's region, or the default one when none was chosen (or the one kept is no longer known)."""
    care = load_care_file()
    kept = (store or default_store()).setting("region")
    return kept if kept in [r.id for r in care.regions] else care.default_region


class RegionChooser(KeyboardSafeBox):
    """A labelled choice of region; the choice is kept at once and read back to the learner."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or default_store()
        care = load_care_file()
        self.input = W.RadioButtons(
            options=[(r.name, r.id) for r in care.regions],
            value=current_region(self.store),
            description="Where do you live?",
            style={"description_width": "initial"},
        )
        self.status = W.HTML(self._said(self.input.value, kept=None))
        self.announcer = Announcer()
        self.input.observe(lambda ch: self.choose(ch["new"]), names="value")
        super().__init__([self.input, self.status, self.announcer])
        self.add_class(CSS["region_chooser"])

    def choose(self, region: str) -> None:
        """Choose and keep a region (an unknown id is refused with the known ones)."""
        load_care_file().region(region)  # KeyError names the known regions
        if self.input.value != region:
            self.input.value = region  # observed: comes back here once
            return
        kept = self.store.set_setting("region", region)
        self.status.value = self._said(region, kept)
        self.announcer.say(self._line(region, kept))

    @staticmethod
    def _line(region: str, kept: bool | None) -> str:
        r = load_care_file().region(region)
        line = f"Emergency number: {r.emergency_numbers}. An injury that may be broken: {r.urgent_care}."
        if kept is False:
            line += " Your choice could not be saved in your progress folder: it lasts until you close this lesson."
        return line

    def _said(self, region: str, kept: bool | None) -> str:
        return html.paragraph(self._line(region, kept))


def region_chooser(store: ProgressStore | None = None) -> RegionChooser:
    """Lesson 00's "where do you live?" choice: ``from widgets import region_chooser; region_chooser()``."""
    return RegionChooser(store)
