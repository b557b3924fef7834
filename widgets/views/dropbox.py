"""The teacher's live list of hand-ins: who has handed in, under which name, when; a Refresh button.

It reads the drop box through `widgets.classroom.handin.read_handins` (owner = the hub user, never the name typed
in the file). Other views (the class roll-up) can follow each refresh: ``v.on_refresh(callback)`` calls
``callback(docs, refused)`` with the (hub user, document) pairs. Tests: ``v = handins_overview(box);
v.refresh_button.click(); v.table.value``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as W

from ..classroom import handin
from ..classroom.rollup import shown_name
from . import html
from .controls import button
from .keyboard import KeyboardSafeBox
from .palette import CSS

NO_BOX = (
    "No class drop box is set on this hub (FOOT_LESSONS_DROPBOX, see deploy/README.md). "
    "Collect the results files by hand and read them as a folder below."
)


class HandinsOverview(KeyboardSafeBox):
    def __init__(self, root: Path | str | None = None, by: str | None = None):
        self.root, self.by = root, by
        self.refresh_button = button(description="Refresh", icon="refresh", tooltip="Read the drop box again")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.summary = W.HTML()
        self.table = W.HTML()
        self.problems = W.HTML()
        self.docs: list[tuple[str, dict]] = []
        self.refused: list[handin.Refused] = []
        self._followers: list[Callable] = []
        super().__init__([W.HBox([self.refresh_button, self.summary]), self.table, self.problems])
        self.add_class(CSS["handins_overview"])
        self.refresh()

    def on_refresh(self, callback: Callable[[list[tuple[str, dict]], list[handin.Refused]], None]) -> None:
        """Call `callback(docs, refused)` after every refresh (and once now)."""
        self._followers.append(callback)
        callback(self.docs, self.refused)

    def refresh(self) -> None:
        self.docs, self.refused = [], []
        root = self.root if self.root is not None else handin.dropbox_root()
        try:
            if root is None:
                raise LookupError(NO_BOX)
            self.docs, self.refused = handin.read_handins(root, self.by)
        except (OSError, LookupError) as e:
            self.summary.value = html.notice(
                str(e) if isinstance(e, LookupError) else f"The drop box {root} cannot be read ({e.strerror or e})."
            )
            self.table.value = self.problems.value = ""
            return
        n = len(self.docs)
        self.summary.value = html.paragraph(f"{n} hand-in{'s' if n != 1 else ''} in the drop box.")
        rows = [(shown_name(user), shown_name(doc["name"]), doc["exported"]) for user, doc in self.docs]
        self.table.value = html.table("Hand-ins", ("Hub user", "Name typed", "Handed in (UTC)"), rows) if rows else ""
        self.problems.value = (
            (
                html.paragraph("Not counted:")
                + html.bullet_list(
                    [shown_name(f"{r.path.parent.name}/{r.path.name}: {r.reason}") for r in self.refused]
                )
            )
            if self.refused
            else ""
        )
        for follow in self._followers:
            follow(self.docs, self.refused)


def handins_overview(root: Path | str | None = None, by: str | None = None) -> HandinsOverview:
    """The teacher's list of hand-ins (default: the drop box FOOT_LESSONS_DROPBOX names)."""
    return HandinsOverview(root, by)
