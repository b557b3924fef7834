"""The input control of each question type, registered under the type's name (the engine half is in
widgets/questions/<type>.py): the widget a card shows, how to read the answer from it and how to set it.

A new type registers its control with ``@control("name", hint="What to do.")`` on a function
``(question, seed, label) -> Input``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..questions import MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse, registry
from ..shuffle import scrambled_items, shuffled_options


@dataclass(frozen=True)
class Input:
    """A built control: the widget, the answer it holds (as `grade` takes it), and how to set that answer."""

    widget: W.Widget
    read: Callable[[], Any]
    set: Callable[[Any], None]


Build = Callable[[Any, str, str], Input]  # (question, learner seed, label such as "Answer 2") -> Input


@dataclass(frozen=True)
class Control:
    """How a question type is answered on the page."""

    hint: str  # the line under the prompt, e.g. "Choose one answer."
    build: Build
    script: Path | None = None  # a page-side script for the control (none yet; the in-page work adds them)


_CONTROLS: dict[str, Control] = {}


def control(name: str, hint: str, script: Path | None = None) -> Callable[[Build], Build]:
    """Register the control of question type `name` (a decorator on its build function)."""

    def add(build: Build) -> Build:
        _CONTROLS[name] = Control(hint, build, script)
        return build

    return add


def control_for(question: QuestionBase) -> Control:
    """The control registered under the question's type name."""
    name = registry.type_name(type(question))
    if name not in _CONTROLS:
        raise TypeError(f"no input control is registered for question type {name!r}")
    return _CONTROLS[name]


def remove_control(name: str) -> None:
    """Forget the control of question type `name`."""
    del _CONTROLS[name]


def names() -> tuple[str, ...]:
    return tuple(_CONTROLS)


def radio(options: list[tuple[str, str]], question: QuestionBase, label: str) -> Input:
    """One of several options, by id (booleans are set as "true"/"false")."""
    w = W.RadioButtons(
        options=options,
        value=None,
        description=label,
        tooltip=question.prompt,
        layout=W.Layout(width="auto"),
        style={"description_width": "initial"},
    )

    def set_(answer: Any) -> None:
        w.value = str(answer).lower() if isinstance(answer, bool) else answer

    return Input(w, lambda: w.value, set_)


@control("single", hint="Choose one answer.")
def _single(q: SingleChoice, seed: str, label: str) -> Input:
    return radio([(o.text, o.id) for o in shuffled_options(q, seed)], q, label)


@control("truefalse", hint="True or false?")
def _truefalse(q: TrueFalse, seed: str, label: str) -> Input:
    return radio([("True", "true"), ("False", "false")], q, label)


@control("multiple", hint="Tick every answer that is right.")
def _multiple(q: MultipleSelect, seed: str, label: str) -> Input:
    opts = shuffled_options(q, seed)
    boxes = {
        o.id: W.Checkbox(value=False, description=o.text, indent=False, layout=W.Layout(width="auto"), tooltip=o.text)
        for o in opts
    }

    def set_(answer: Any) -> None:
        wanted = set(answer)
        for i, box in boxes.items():
            box.value = i in wanted

    # ids in the bank's order, whatever order the boxes are shown in
    return Input(W.VBox(list(boxes.values())), lambda: [o.id for o in q.options if boxes[o.id].value], set_)


@control("numeric", hint="Type a number.")
def _numeric(q: Numeric, seed: str, label: str) -> Input:
    t = W.Text(
        value="",
        description=f"{label} ({q.unit})",
        placeholder="a number",
        style={"description_width": "initial"},
        continuous_update=False,
    )

    def set_(answer: Any) -> None:
        t.value = "" if answer is None else str(answer)

    return Input(t, lambda: t.value, set_)


@control("ordering", hint="Put the steps in order: pick a step for each place.")
def _ordering(q: Ordering, seed: str, label: str) -> Input:
    start = scrambled_items(q, seed)
    choices = [("— choose —", None)] + [(i.text, i.id) for i in start]
    drops = [
        W.Dropdown(
            options=choices,
            index=0,
            description=f"Place {n + 1}",
            style={"description_width": "initial"},
            layout=W.Layout(width="auto"),
        )
        for n in range(len(start))
    ]

    def set_(answer: Any) -> None:
        for drop, item in zip(drops, list(answer), strict=False):
            if item is None:
                drop.index = 0  # show "— choose —", not a blank box
            else:
                drop.value = item

    return Input(W.VBox(drops), lambda: [d.value for d in drops], set_)
