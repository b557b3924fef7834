"""One anywidget's page code (a bundle of widgets/static/bundles/) running in node with a DOM
(tests/js/widget_page.mjs), wired to the real Python widget: what the page saves is set on the widget, as over a
live comm (the kernel mirrors), and what Python sets reaches the page. A "static" view has no kernel at all (the
static site): nothing it does reaches Python.

    with WidgetInNode("selfcheck") as page:
        v = page.render(view.page)             # a view of that widget (kernel "live")
        page.pick(v, 'select[data-question="pain"]', "no"); page.click(v, ".selfcheck-submit")
        page.query(v, ".selfcheck-verdict")    # [{tag, text, attrs, focused, checked, value, hidden}]
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import anywidget

from tests.page_in_node import exchange
from widgets.views.palette import STATIC

NODE = shutil.which("node") or "/usr/bin/node"
HARNESS = Path(__file__).parent / "js" / "widget_page.mjs"


class WidgetInNode:
    """One browser tab's worth of views of one widget kind in node."""

    def __init__(self, bundle: str):
        self.proc = subprocess.Popen(
            [NODE, "--no-warnings", str(HARNESS), str(STATIC / "bundles" / f"{bundle}.js")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=HARNESS.parent,
        )
        self.setup()

    def setup(self, items: dict[str, str] | None = None, url: str = "http://127.0.0.1:8888/lab") -> WidgetInNode:
        """A fresh tab at `url`, its browser storage holding `items`."""
        self.widgets: list[anywidget.AnyWidget | None] = []
        self.storage: dict[str, str] = {}
        self.saves = 0
        self._do({"do": "setup", "items": items or {}, "url": url})
        return self

    def _do(self, cmd: dict[str, Any]) -> dict[str, Any]:
        out = exchange(self.proc, cmd)
        self.storage = out["storage"]
        for view, traits in out["saved"]:
            self.saves += 1
            w = self.widgets[view]
            if w is not None:
                for k, v in traits.items():
                    setattr(w, k, v)
        return out

    def render(self, widget: anywidget.AnyWidget, kernel: str = "live") -> int:
        """A view of `widget`'s data and state; with kernel "live" what it saves is set on `widget`."""
        traits = json.loads(json.dumps({k: getattr(widget, k) for k in ("data", "state")}))
        self.widgets.append(widget if kernel == "live" else None)
        self._do({"do": "render", "traits": traits, "kernel": kernel})
        return len(self.widgets) - 1

    def sync(self, view: int) -> None:
        """What Python set on the view's widget since, sent to the page as the kernel would."""
        w = self.widgets[view]
        assert w is not None
        self._do({"do": "kernel", "view": view, "traits": json.loads(json.dumps({"state": w.state}))})

    def click(self, view: int, selector: str) -> None:
        self._do({"do": "click", "view": view, "selector": selector})

    def pick(self, view: int, selector: str, value: Any = True) -> None:
        self._do({"do": "pick", "view": view, "selector": selector, "value": value})

    def type(self, view: int, selector: str, value: str) -> None:
        self._do({"do": "type", "view": view, "selector": selector, "value": value})

    def tick(self, ms: int) -> None:
        self._do({"do": "tick", "ms": ms})

    def query(self, view: int, selector: str) -> list[dict[str, Any]]:
        return self._do({"do": "query", "view": view, "selector": selector})["found"]

    def text(self, view: int, selector: str) -> str:
        """The words of every shown match, joined."""
        return " ".join(e["text"] for e in self.query(view, selector) if not e["hidden"])

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> WidgetInNode:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Drawn:
    """What the page draws for one Python widget (a SelfCheck's or a story set's ``page``), kept up to date: each
    read first sends the widget's state as the kernel would (the page reads out and moves the focus as for a
    learner's press) and lets 200 ms pass (the live region fills in)."""

    def __init__(self, page: WidgetInNode, widget: anywidget.AnyWidget):
        self.page, self.widget = page, widget
        self.view = page.render(widget)

    def _fresh(self) -> None:
        self.page.sync(self.view)
        self.page.tick(200)

    def text(self, selector: str) -> str:
        self._fresh()
        return self.page.text(self.view, selector)

    def query(self, selector: str) -> list[dict[str, Any]]:
        self._fresh()
        return [e for e in self.page.query(self.view, selector) if not e["hidden"]]

    def live(self) -> str:
        """What the view's live region says now."""
        return self.text('.lesson-sr-only[role="status"]')

    def focused(self) -> dict[str, Any] | None:
        self._fresh()
        found = [e for e in self.page.query(self.view, "*") if e["focused"]]
        return found[0] if found else None


class OnePage:
    """One node page of a widget kind for a test module, for helpers that are not fixtures: a module-scoped autouse
    fixture opens it (``with page_for_module: yield``) and closes it after the module's last test."""

    def __init__(self, bundle: str):
        self.bundle = bundle
        self.page: WidgetInNode | None = None

    def __enter__(self) -> WidgetInNode:
        self.page = WidgetInNode(self.bundle)
        return self.page

    def __exit__(self, *exc: object) -> None:
        if self.page is not None:
            self.page.close()
        self.page = None

    def __call__(self) -> WidgetInNode:
        assert self.page is not None, "the module's fixture opens the page"
        return self.page
