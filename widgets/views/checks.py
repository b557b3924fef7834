"""The "what do you know already / now?" checks (content/checks.yaml): ten choose-one questions, one Save button,
no feedback and no score. Each answer is saved once in the progress store (under the check's own lesson id, with
the question's content hash), apart from every lesson score; a saved check shows its answers, locked.

Tests drive it from Python: ``v = check("check-before", store)``, ``v.choose("b1", "small")``, ``v.save()``
(or ``v.save_button.click()``), then read ``v.status.value``.
"""

from __future__ import annotations

import secrets

import ipywidgets as W

from ..content.check_model import AFTER, BEFORE, Check
from ..content.content_hash import question_hash
from ..store.progress import CHECK_BUDGET, ProgressStore
from . import html
from .controls import button
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS
from .store_notice import StoreNotice


class CheckView(KeyboardSafeBox):
    """One check: its intro ("this is not a test"), its questions as labelled radio buttons, and Save."""

    def __init__(self, check: Check, store: ProgressStore | None = None):
        self.check = check
        self.store = store or default_store()
        self.hashes = {check.full_id(q): question_hash(q) for q in check.questions}
        self.inputs: dict[str, W.RadioButtons] = {}
        rows: list[W.Widget] = [
            W.HTML(f"<h3>{html.text(check.title)}</h3>" + html.paragraph(check.intro, "lesson-info"))
        ]
        for n, q in enumerate(check.questions, 1):
            prompt = W.HTML(
                f'<p class="lesson-group-label {CSS["goal_check_question"]}"><b>{n}. {html.text(q.prompt)}</b></p>'
            )
            radio = W.RadioButtons(
                options=[(o.text, o.id) for o in q.options],
                value=None,
                description=f"{n}. {q.prompt}",  # drawn hidden: the bold question above says it
                tooltip=q.prompt,
                style={"description_width": "initial"},
                layout=W.Layout(width="auto"),
            )
            self.inputs[q.id] = radio
            group = W.VBox([prompt, radio])  # a named group (static/keyboard.js): the question names its buttons
            group.add_class("lesson-group")
            rows.append(group)
        self.save_button = button(description=check.save, icon="save", tooltip=check.save)
        self.save_button.add_class(CSS["goal_check_save"])
        self.save_button.on_click(lambda _: self.save())
        self.status = W.HTML()
        self.status.add_class(CSS["goal_check_status"])
        self.notice = StoreNotice(self.store)
        self._warned = False
        super().__init__([self.notice, *rows, self.save_button, self.status])
        self.add_class(CSS["goal_check"])
        self.add_class(CSS["before_check" if check.lesson == BEFORE else "after_check"])
        self._restore()

    @property
    def saved(self) -> bool:
        """Saved already (in this or an earlier session)."""
        return bool(self.store.question_status(list(self.hashes)))

    def choose(self, question: str, option: str | None) -> None:
        """Pick `option` (its id) for `question` (its id in the check), as a click would."""
        self.inputs[question].value = option

    def _restore(self) -> None:
        status = self.store.question_status(list(self.hashes))
        if not status:
            return
        for q in self.check.questions:
            s = status.get(self.check.full_id(q))
            ids = {o.id for o in q.options}
            if (
                s is not None
                and s.last_hash == self.hashes[self.check.full_id(q)]
                and s.last_chosen[:1] in ([i] for i in ids)
            ):
                self.inputs[q.id].value = s.last_chosen[0]
        self._lock()

    def _lock(self) -> None:
        for radio in self.inputs.values():
            radio.disabled = True
        self.save_button.disabled = True
        self.status.value = f'<p role="status">{html.text(self.check.saved)}</p>'

    def save(self) -> bool:
        """Save every answer once (an unanswered question is asked about first, once); True once saved."""
        if self.saved:
            self._lock()
            return True
        missing = sum(r.value is None for r in self.inputs.values())
        if missing and (not self._warned or missing == len(self.inputs)):
            self._warned = True
            self.status.value = f'<p role="status">{html.text(self.check.missing.replace("{n}", str(missing)))}</p>'
            return False
        with self.store.budget(CHECK_BUDGET):
            for q in self.check.questions:
                value = self.inputs[q.id].value
                if value is None:
                    continue
                full = self.check.full_id(q)
                self.store.record(
                    self.check.lesson,
                    full,
                    [value],
                    value == q.answer,
                    hash=self.hashes[full],
                    attempt_id=f"check-{secrets.token_hex(8)}",
                )
        self.notice.refresh()
        self._lock()
        return True


def check(lesson: str, store: ProgressStore | None = None) -> CheckView:
    """One check by its lesson id (``check-before`` or ``check-after``)."""
    from ..content.load import load_checks

    return CheckView(load_checks().check(lesson), store)


def before_check(store: ProgressStore | None = None) -> CheckView:
    """ "What do you know already?": the check at the start of the course (lesson 00)."""
    return check(BEFORE, store)


def after_check(store: ProgressStore | None = None) -> CheckView:
    """ "What do you know now?": the check at the end of lesson 05."""
    return check(AFTER, store)


__all__ = ["CheckView", "after_check", "before_check", "check"]
