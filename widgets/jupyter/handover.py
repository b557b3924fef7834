"""The kernel's side of the course tab's hand-over: the lesson left behind gives its kernel to the next lesson.

The course tab (labextension/src/index.js) runs ``next_lesson()`` in the kernel, as a silent request (nothing shown,
nothing in the history), before the next lesson's notebook connects to that kernel. The kernel is then as a new one
would be, only already warm (jupyter/warm.py imported the widget modules when it started): no widget of the old
lesson is left (their models are closed, so the next notebook loads none of them and their views go), the learner's
namespace is empty and the execution count is back at 1. What a lesson keeps in the package's modules (the kernel's
one progress store, its one stylesheet, made again once closed) is the same for every lesson of the course.
"""

from __future__ import annotations

from typing import Any


def next_lesson(shell: Any = None) -> int:
    """Close every widget of this kernel and start a fresh namespace in `shell` (default: the running IPython);
    returns how many widgets were closed."""
    from ipywidgets import Widget
    from ipywidgets.widgets.widget import _instances

    closed = len(_instances)
    Widget.close_all()
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is not None:
        shell.reset(new_session=True)  # also sets the execution count back to 1
    return closed
