"""The quiz page (widgets/static/quiz.js, as its bundle static/bundles/quiz.js ships it) running in node with a DOM
(tests/js/quiz_page.mjs), wired to the real kernel half: what the page sends goes through ``Quiz.handle_attempt``
and its reply back to the page, as over a live comm. A "silent" view's messages reach no kernel (a busy or stopped
one); with `lose_replies` the kernel handles them but its replies never reach the page (a comm closed in between).

    page = PageInNode(storage="full")   # one node process; page.setup(...) starts a fresh tab in it
    v = page.render(quiz)            # a view of that Quiz (another render: a second view, e.g. after Run All)
    page.choose(v, quiz.ids[0], "b"); page.click(v, ".quiz-check"); page.tick(5000)
    page.views[v]["cards"][0]["saved"]   # the words the card shows under its feedback
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from widgets.views.palette import STATIC
from widgets.views.quiz import Quiz

NODE = shutil.which("node") or "/usr/bin/node"
HARNESS = Path(__file__).parent / "js" / "quiz_page.mjs"
TRAITS = ("title", "header", "lesson", "learner", "questions", "saved", "score", "labels")


def page_state(quiz: Quiz) -> dict[str, Any]:
    """What the widget syncs to the page (the QuizPage traits), through JSON as the comm sends it."""
    return json.loads(json.dumps({k: getattr(quiz.page, k) for k in TRAITS}))


def exchange(proc: subprocess.Popen, cmd: dict[str, Any]) -> dict[str, Any]:
    """One command to a node page harness (a JSON line) and its answer (a JSON line); the harness's error, or its
    stopping, raised as one RuntimeError. Shared by the quiz harness here and tests/widget_in_node.py."""
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(cmd) + "\n")
    proc.stdin.flush()
    line = proc.stdout.readline()
    if not line:
        raise RuntimeError(f"the page harness stopped (exit {proc.wait()})")
    out = json.loads(line)
    if "error" in out:
        raise RuntimeError(out["error"])
    return out


class PageInNode:
    """One browser tab's worth of quiz views in node; replies come from each view's Quiz (or none)."""

    def __init__(self, storage: str = "ok", items: dict[str, str] | None = None, quota: int = 5_000_000):
        self.proc = subprocess.Popen(
            [NODE, "--no-warnings", str(HARNESS), str(STATIC / "bundles" / "quiz.js")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=HARNESS.parent,
        )
        self.setup(storage, items, quota)

    def setup(self, storage: str = "ok", items: dict[str, str] | None = None, quota: int = 5_000_000) -> PageInNode:
        """A fresh tab (no views) over a browser storage that is "ok", "full" or "blocked", holding `items`."""
        self.kernels: list[tuple[Quiz | None, bool]] = []  # each view's kernel, and whether its replies arrive
        self.sent: list[tuple[int, dict[str, Any]]] = []  # every message the page sent, in order
        self.replies: list[tuple[int, dict[str, Any]]] = []  # every reply the kernel gave, in order
        self.views: list[dict[str, Any]] = []
        self.storage: dict[str, str] = {}
        self._do({"do": "setup", "storage": storage, "items": items or {}, "quota": quota})
        return self

    def _do(self, cmd: dict[str, Any]) -> dict[str, Any]:
        out = exchange(self.proc, cmd)
        self.views, self.storage = out["views"], out["storage"]
        for view, msg in out["sent"]:
            self.sent.append((view, msg))
            quiz, deliver = self.kernels[view]
            if quiz is not None:  # the kernel's answer, through JSON as the comm sends it
                reply = json.loads(json.dumps(quiz.handle_attempt(msg), allow_nan=False))
                self.replies.append((view, reply))
                if deliver:
                    self._do({"do": "deliver", "view": view, "msg": reply})
        return out

    def render(self, quiz: Quiz, kernel: str = "live", silent: bool = False, lose_replies: bool = False) -> int:
        """Show a view of `quiz` (kernel "live", "gone" or "static"); `silent`: its messages reach no kernel;
        `lose_replies`: the kernel handles them, its replies are lost."""
        self.kernels.append((None if silent or kernel != "live" else quiz, not lose_replies))
        self._do({"do": "render", "state": page_state(quiz), "kernel": kernel})
        return len(self.kernels) - 1

    def choose(self, view: int, question: str, value: Any) -> None:
        self._do({"do": "choose", "view": view, "question": question, "value": value})

    def click(self, view: int, selector: str) -> None:
        self._do({"do": "click", "view": view, "selector": selector})

    def tick(self, ms: int) -> None:
        self._do({"do": "tick", "ms": ms})

    def key(self, view: int, key: str, selector: str | None = None) -> None:
        """Press `key` on the element `selector` matches (else the focused one), as a browser would."""
        self._do({"do": "key", "view": view, "key": key, "selector": selector})

    def query(self, view: int, selector: str) -> list[dict[str, Any]]:
        """Every element of the view `selector` matches: {tag, text, attrs, focused, checked, value}."""
        return self._do({"do": "query", "view": view, "selector": selector})["found"]

    def card(self, view: int, question: str) -> dict[str, Any]:
        return next(c for c in self.views[view]["cards"] if c["id"] == question)

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)

    def __enter__(self) -> PageInNode:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
