"""The question types by name: `register` a `QuestionBase` subclass and banks accept its `type`.

`widgets.content.model.QuestionBank` builds its discriminated union from `classes()` and is rebuilt when a type is
registered or removed (`on_change`). Names keep their registration order (the built-in five first).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Literal, TypeVar, get_args, get_origin

from .base import QuestionBase

Q = TypeVar("Q", bound=type[QuestionBase])

_TYPES: dict[str, type[QuestionBase]] = {}
_LISTENERS: list[Callable[[], None]] = []


def type_name(cls: type[QuestionBase]) -> str:
    """The name in the class's `type: Literal["name"]` field."""
    field = cls.model_fields.get("type")
    annotation = field.annotation if field is not None else None
    if get_origin(annotation) is not Literal or len(get_args(annotation)) != 1:
        raise TypeError(f'{cls.__name__} needs a field `type: Literal["<name>"]`')
    return str(get_args(annotation)[0])


def register(cls: Q) -> Q:
    """Add a question type (usable as a class decorator). Refused: a name another class has, a method left out."""
    name = type_name(cls)
    if inspect.isabstract(cls):
        missing = ", ".join(sorted(cls.__abstractmethods__))
        raise TypeError(f"question type {name!r} ({cls.__name__}) does not define {missing}")
    if _TYPES.get(name, cls) is not cls:
        raise ValueError(f"question type {name!r} is already registered ({_TYPES[name].__name__})")
    _TYPES[name] = cls
    _changed()
    return cls


def unregister(name: str) -> None:
    """Remove a question type; banks no longer accept it."""
    del _TYPES[name]
    _changed()


def names() -> tuple[str, ...]:
    return tuple(_TYPES)


def classes() -> tuple[type[QuestionBase], ...]:
    return tuple(_TYPES.values())


def on_change(listener: Callable[[], None]) -> None:
    """Call `listener` after every register or unregister (the question bank rebuilds its schema)."""
    _LISTENERS.append(listener)


def _changed() -> None:
    for listener in _LISTENERS:
        listener()
