"""How each question type is answered on the page: the line under the prompt ("Choose one answer.").

The controls themselves are drawn by the quiz page (static/quiz.js) from the question data
(widgets/engine/quiz_page.py): options as radio buttons or tick boxes, a number or text box, an ordered list with
move up / move down buttons. A new question type registers its line with ``control("name", hint="...")``;
the page shows it a text box and the kernel grades it (the page grades only the types it knows).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..questions import QuestionBase, registry


@dataclass(frozen=True)
class Control:
    """How a question type is answered on the page."""

    hint: str  # the line under the prompt, e.g. "Choose one answer."


_CONTROLS: dict[str, Control] = {}


def control(name: str, hint: str) -> Control:
    """Register the line shown under the prompt of question type `name`."""
    _CONTROLS[name] = Control(hint)
    return _CONTROLS[name]


def control_for(question: QuestionBase) -> Control:
    """The control registered under the question's type name."""
    name = registry.type_name(type(question))
    if name not in _CONTROLS:
        raise TypeError(f"no input control is registered for question type {name!r}")
    return _CONTROLS[name]


def names() -> tuple[str, ...]:
    return tuple(_CONTROLS)


control("single", hint="Choose one answer.")
control("truefalse", hint="True or false?")
control("multiple", hint="Tick every answer that is right.")
control("numeric", hint="Type a number.")
control("ordering", hint="Put the steps in order: move each one up or down.")
