"""The lessons' kernel start-up: import every widget module before the first cell runs.

The shipped IPython kernel settings (``config/etc/ipython/ipython_kernel_config.json`` beside it, installed with the
other settings by ``python -m widgets.jupyter.lab_server --install``) load this module as an IPython extension when a
kernel starts, while the learner reads the lesson's first text. Run → Run All then no longer waits for ipywidgets,
anywidget, numpy and the content models to be imported and validated in its first widget cell (0.4–1 s on a
2-core machine, most of the kernel's share of Run All). Nothing is shown, saved or added to the learner's
namespace. A failure is only logged: a kernel without these settings, or where this fails, works as before and
pays the imports in its first widget cell.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from .. import _API

log = logging.getLogger(__name__)


def warm() -> list[str]:
    """Import the module behind every one-liner and read the content files they use; returns what failed."""
    failed = []
    for target in sorted({t.partition(":")[0] for t in _API.values()}):
        try:
            import_module(f".{target}", "widgets")
        except Exception as e:  # a broken module shows its error in the cell that uses it, as without warming
            failed.append(f"{target}: {e}")
    try:
        from ..content.load import all_banks, load_course, load_glossary

        load_course(), all_banks(), load_glossary()
    except Exception as e:  # bad content is reported by the cell that reads it
        failed.append(f"content: {e}")
    return failed


def load_ipython_extension(ipython: Any) -> None:
    """IPython's hook (``IPKernelApp.extensions``): warm the kernel, log what could not be imported."""
    for problem in warm():
        log.warning("foot-twitch-lessons: not imported ahead: %s", problem)
