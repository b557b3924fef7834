"""Stable per-learner shuffling of options and ordering items."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..questions import MultipleSelect, Option, Ordering, OrderItem, SingleChoice

T = TypeVar("T")


def _rng(seed: str, key: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}\x00{key}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def shuffled(items: Sequence[T], seed: str, key: str, keep_last: Callable[[T], bool] = lambda item: False) -> list[T]:
    """`items` in an order fixed by (seed, key); items for which `keep_last` is true stay at the end in order."""
    movable = [i for i in items if not keep_last(i)]
    last = [i for i in items if keep_last(i)]
    _rng(seed, key).shuffle(movable)
    return movable + last


def shuffled_options(question: SingleChoice | MultipleSelect, seed: str) -> list[Option]:
    """Options of a choice question in this learner's order ('none/all of the above' stays last)."""
    return shuffled(question.options, seed, question.id, keep_last=lambda o: o.keep_last)


def scrambled_items(question: Ordering, seed: str) -> list[OrderItem]:
    """Ordering items in a start order that is never already the right one."""
    items = list(question.items)
    for attempt in range(10):
        out = shuffled(items, seed, f"{question.id}#{attempt}")
        if out != items:
            return out
    return items[1:] + items[:1]
