"""The learner's store as the views open it: the kernel's progress store, and its results sent on to a learning
record store when a hub admin set one up (classroom/lrs.py).

The sender is attached here, where the views start, so that the store (store/progress.py) never reaches an
integration; tests/repo/test_layers.py holds that line.
"""

from __future__ import annotations

import weakref

from ..classroom import lrs
from ..store.progress import ProgressStore
from ..store.progress import default_store as kernel_store

_attached: weakref.WeakSet[ProgressStore] = weakref.WeakSet()


def default_store() -> ProgressStore:
    """The kernel's store; the first time a view opens it, the LRS sender is attached (if an admin configured one)."""
    store = kernel_store()
    if store not in _attached:
        _attached.add(store)
        lrs.attach(store)
    return store
