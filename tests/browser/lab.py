"""A throwaway JupyterLab server and a Chromium to drive it; shared by tests/browser and the browser bench.

    with start_lab() as lab, start_browser() as browser:
        page = LabPage.open(browser.context, lab, "01_what_is_a_twitch.ipynb")
        page.run_all()

Everything runs on 127.0.0.1 with a random token; the server works on a temporary copy of ``lessons/``
with temporary progress, settings and workspace folders, so nothing is written into the repository or
the user's own JupyterLab set-up. Playwright is imported only when a browser is started.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import nbformat

import widgets
from widgets.views.palette import CSS

REPO = Path(__file__).resolve().parents[2]
LESSONS = REPO / "lessons"
CHROMIUM = Path(os.environ.get("FOOT_LESSONS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# A public one-liner (widgets.__all__) → the CSS class on its root element: palette.CSS is keyed by the
# one-liners' own names, so this map is derived, never written out again.
WIDGET_CLASSES = {name: CSS[name] for name in widgets.__all__ if name in CSS}

# JupyterLab settings for the test server: no news/update toast, no autosave of executed notebooks, and
# every cell attached and drawn (the default "contentVisibility" skips off-screen cells, which then count
# as hidden for Playwright and axe-core).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

# Server config (a private JUPYTER_CONFIG_DIR, so the user's own config stays out): no news feed and an
# extension manager that never asks PyPI.
SERVER_CONFIG = {"LabApp": {"news_url": None, "extension_manager": "readonly"}}

# The course tab extension's name (widgets/jupyter/labextension/package.json).
COURSE_EXTENSION = "foot-twitch-lessons-course"

# axe-core looks only at what the notebook's cells output, i.e. our widgets (not menus, side bars, toolbar).
AXE_SCOPE = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea"

# An output that is an error or text on stderr (tracebacks are rendered with this MIME type).
ERROR_OUTPUT = '[data-mime-type="application/vnd.jupyter.stderr"]'

# Text that means a widget did not render.
BROKEN_TEXT = ("Loading widget", "Error displaying widget", "VBox(", "HBox(", "Traceback")


def lesson_notebooks() -> list[str]:
    """Notebook paths (relative to ``lessons/``) of the course map, then ``instructor/*.ipynb`` if any."""
    from widgets.content.load import load_course

    names = [lesson.notebook for lesson in load_course().lessons if (LESSONS / lesson.notebook).exists()]
    names += sorted(str(p.relative_to(LESSONS)) for p in (LESSONS / "instructor").glob("*.ipynb"))
    return names


def widget_cells(notebook: str) -> list[str]:
    """The one-liner each code cell of `notebook` calls, in cell order (``None`` for other code)."""
    nb = nbformat.read(LESSONS / notebook, as_version=4)
    out = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            m = re.match(r"from widgets import (\w+)", cell.source)
            out.append(m.group(1) if m else None)
    return out


def lesson_showing(one_liner: str) -> str | None:
    """The first lesson notebook with a cell that calls `one_liner` (e.g. ``"simulator"``), or None."""
    return next((nb for nb in lesson_notebooks() if one_liner in widget_cells(nb)), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A running ``jupyter lab``: its URL, token, process and temporary folders."""

    url: str
    token: str
    process: subprocess.Popen
    root: Path
    data_dir: Path
    log: Path

    def api(self, method: str, path: str, body: dict | None = None):
        """Call the server's REST API (``path`` like ``/api/kernels``); returns parsed JSON or None."""
        req = urllib.request.Request(
            f"{self.url}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def kernels(self) -> list:
        """The server's kernels; asked again while a stopped kernel is leaving the list (jupyter_server answers 500
        to a list taken mid-shutdown), for up to 20 s."""
        for _ in range(40):
            try:
                return self.api("GET", "/api/kernels")
            except urllib.error.HTTPError as e:
                assert e.code == 500, e
                time.sleep(0.5)
        raise AssertionError("the kernel list kept failing")

    def page_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?reset&token={self.token}"

    def shutdown_kernels(self, notebooks: list[str] | None = None) -> None:
        """Shut down the kernels of these notebooks (paths relative to the root), or of all."""
        if notebooks is None:
            for k in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{k['id']}")
            return
        for s in self.api("GET", "/api/sessions"):
            if s["path"] in notebooks and s.get("kernel"):
                with contextlib.suppress(urllib.error.HTTPError):  # it may have just gone
                    self.api("DELETE", f"/api/kernels/{s['kernel']['id']}")


# The IPython kernel settings the lessons ship (widgets/jupyter/config/etc/ipython): the kernel imports the widget
# modules when it starts (widgets/jupyter/warm.py). Installed into an environment they apply to its every kernel;
# here they go into a temporary IPYTHONDIR's default profile, so the test server's kernels start as a learner's do.
KERNEL_CONFIG = Path(widgets.__file__).parent / "jupyter/config/etc/ipython/ipython_kernel_config.json"


@contextlib.contextmanager
def start_lab(
    timeout: float = 60,
    warm_kernels: bool = True,
    lessons: Path = LESSONS,
    env: dict | None = None,
    shipped: bool = False,
    course_tab: bool = False,
    test_settings: bool | None = None,
    slow_kernels: float = 0,
    labextension: Path | None = None,
):
    """Start ``jupyter lab`` on a free loopback port over a temporary copy of `lessons`; stop it after.
    ``warm_kernels=False`` leaves out the lessons' kernel settings (kernels import the widgets in the first cell);
    `env` adds environment variables for the server and its kernels (a benchmark runs another checkout with it);
    ``shipped=True`` runs on exactly the settings the package ships, installed into a temporary prefix by
    ``python -m widgets.jupyter.lab_server --install`` (tests/integration/test_lab_config.py), not the test ones.
    The course tab extension (labextension/) stays off unless ``course_tab=True``, even where ``make lab`` installed
    it into this environment: the other tests drive the notebooks as plain JupyterLab shows them (with ``shipped``,
    the copy installed in the temporary prefix is the one loaded). `test_settings` (default: not `shipped`) adds the
    test JupyterLab settings (LAB_SETTINGS: every cell drawn, no autosave) over whatever else is installed.
    ``slow_kernels=s`` starts every kernel `s` seconds late and lists the sessions 1 s late
    (tests/browser/slow_kernels.py), as a busy machine does. `labextension` (with ``shipped``): another build of the
    course tab in place of the committed one (the benchmark's "before", benchmarks/course_tab.py)."""
    tmp = Path(tempfile.mkdtemp(prefix="foot-lessons-lab-"))
    root = tmp / "lessons"
    shutil.copytree(lessons, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = tmp / "settings"
    for d in ("workspaces", "progress", "runtime", "config", "ipython/profile_default", "settings"):
        (tmp / d).mkdir(parents=True, exist_ok=True)
    args: list[str] = []
    extra_env: dict[str, str] = {}
    if shipped:
        from widgets.jupyter import lab_server

        prefix = tmp / "prefix"
        lab_server.install(prefix)
        if labextension is not None:
            target = prefix / "share/jupyter/labextensions" / lab_server.labextension_name()
            shutil.rmtree(target)
            shutil.copytree(labextension, target)
        extra_env["JUPYTER_CONFIG_PATH"] = str(prefix / "etc/jupyter")
        extra_env["JUPYTER_PATH"] = str(prefix / "share/jupyter")  # the course tab extension installed there
        args.append(f"--LabApp.app_settings_dir={prefix / 'share/jupyter/lab/settings'}")
    else:
        (tmp / "config" / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG))
    if not shipped if test_settings is None else test_settings:
        for rel, value in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
    if slow_kernels:
        args += [
            "--ServerApp.kernel_manager_class=tests.browser.slow_kernels.SlowStartKernelManager",
            f"--SlowStartKernelManager.delay={slow_kernels}",
            "--ServerApp.session_manager_class=tests.browser.slow_kernels.SlowListSessionManager",
        ]
        extra_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))
    if warm_kernels:
        shutil.copyfile(KERNEL_CONFIG, tmp / "ipython/profile_default" / KERNEL_CONFIG.name)
    if not course_tab:
        (tmp / "config" / "labconfig").mkdir()
        (tmp / "config" / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {COURSE_EXTENSION: True}})
        )
    env = dict(
        os.environ,
        **extra_env,
        FOOT_LESSONS_DATA_DIR=str(tmp / "progress"),
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        IPYTHONDIR=str(tmp / "ipython"),
        **(env or {}),
    )
    port, token = _free_port(), secrets.token_hex(16)
    log = tmp / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={root}",
                *args,
                *(["--allow-root"] if os.geteuid() == 0 else []),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp,
        )
    lab = Lab(f"http://127.0.0.1:{port}", token, proc, root, tmp / "progress", log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            try:
                lab.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab not ready after {timeout} s:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield lab
    finally:
        _stop(lab)
        shutil.rmtree(tmp, ignore_errors=True)


def start_course_lab(**kwargs):
    """``start_lab`` with everything ``python -m widgets.jupyter.lab_server --install`` ships (the server extension,
    the settings, the course tab extension), installed into a temporary prefix as ``make lab`` and Binder install
    them into theirs, plus the test settings (every cell drawn, no autosave)."""
    return start_lab(shipped=True, course_tab=True, test_settings=True, **kwargs)


def _stop(lab: Lab) -> None:
    """Stop the server we started (its kernels first), by its own process id."""
    if lab.process.poll() is None:
        with contextlib.suppress(Exception):
            lab.shutdown_kernels()
        lab.process.terminate()
        try:
            lab.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            lab.process.kill()
            lab.process.wait(timeout=5)


def chromium_available() -> bool:
    import importlib.util

    if importlib.util.find_spec("playwright") is None:
        return False
    return CHROMIUM.exists()


@dataclass
class Browser:
    """Playwright, one Chromium and one context; every request the context sees is recorded."""

    playwright: object
    browser: object
    context: object
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self, lab: Lab, since: int = 0) -> list[str]:
        """Requests (from number `since` on) to any host but the loopback server; data:/blob: are local."""
        ours = urlparse(lab.url).netloc
        return [
            u
            for u in self.requests[since:]
            if urlparse(u).scheme not in ("data", "blob") and urlparse(u).netloc != ours
        ]


@contextlib.contextmanager
def start_browser(headless: bool = True):
    """Debian's Chromium driven by Playwright (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=headless, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        b = Browser(pw, browser, context)
        context.on("request", lambda r: b.requests.append(r.url))
        try:
            yield b
        finally:
            context.close()
            browser.close()
    finally:
        pw.stop()


_FIGURES_DRAWN = """(panel) => {
  const nb = document.querySelector(panel);
  if (!nb) return false;
  // every FigureView (its page-side canvas, class figure-view) drawn, by either route, inside its holder
  const holders = [...nb.querySelectorAll('.figure-view')].map((v) => v.parentElement).filter((h) => h.offsetParent);
  const plots = [...nb.querySelectorAll('.js-plotly-plot')];
  return holders.every((h) => h.querySelector('.js-plotly-plot .main-svg'))
      && plots.every((p) => p.querySelector('.main-svg'));
}"""


# Every plotly figure of the notebook as wide as its own element (give or take a pixel): it followed the window.
_FIGURES_FIT = """(panel) => {
  const nb = document.querySelector(panel);
  return !!nb && [...nb.querySelectorAll('.jp-Cell-outputArea .js-plotly-plot')].every((gd) => {
    const svg = gd.querySelector('.main-svg');
    return !svg || !gd.clientWidth || Math.abs(svg.getBoundingClientRect().width - gd.clientWidth) <= 1;
  });
}"""

LAYOUT_PROBE = Path(__file__).with_name("layout_probe.js")

# The status bar's text once the kernel is ready (the toolbar says "idle" earlier; this text is reliable).
KERNEL_IDLE = "Python 3 (ipykernel) | Idle"

# What LabPage.run_all() times, watched in the page: from the Run All click (Lumino's menu acts on pointerup) to the
# last frame in which the notebook went from "not complete" to "complete": every code cell done as wait_rendered()
# asks (widget root or error in its output, or an output prompt [n]), every figure drawn (_FIGURES_DRAWN) and the
# status bar saying the kernel is idle. Checked once per frame after any change in the page, so nothing polls.
_RUN_ALL_WATCH = (
    """({panel, cells, idleText}) => {
  const w = window.__lessonsRunAll = {click: null, done: null, complete: false};
  const figuresDrawn = """
    + _FIGURES_DRAWN
    + """;
  const complete = () => {
    const nb = document.querySelector(panel);
    if (!nb) return false;
    const code = nb.querySelectorAll('.jp-CodeCell');
    if (code.length < cells.length) return false;
    for (let i = 0; i < cells.length; i++) {
      const want = cells[i];
      if (want === 'ran') {
        const prompts = [...code[i].querySelectorAll('.jp-OutputPrompt')];
        if (!prompts.some((p) => /\\[\\d+\\]/.test(p.textContent))) return false;
      } else if (want && !code[i].querySelector(want)) return false;
    }
    const idle = [...document.querySelectorAll('.jp-StatusBar-Widget')].some((e) => e.textContent.includes(idleText));
    return idle && figuresDrawn(panel);
  };
  let frame = 0;
  const check = () => {
    frame = 0;
    if (w.click === null) return;
    const now = complete();
    if (now && !w.complete) w.done = performance.now();
    w.complete = now;
  };
  const changed = () => { if (!frame) frame = requestAnimationFrame(check); };
  const obs = new MutationObserver(changed);
  // attributes: only the two a check reads (a figure's draw count, a root's class); watching every attribute would
  // make the page record each one plotly sets while drawing, and slow down what is timed
  const attributeFilter = ['data-draws', 'class'];
  obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter});
  const onUp = (e) => {
    const item = e.target && e.target.closest && e.target.closest('.lm-Menu-item');
    if (w.click === null && item && /Run All Cells/.test(item.textContent)) { w.click = performance.now(); changed(); }
  };
  document.addEventListener('pointerup', onUp, true);
  w.stop = () => { obs.disconnect(); document.removeEventListener('pointerup', onUp, true); };
}"""
)


class LabPage:
    """One JupyterLab tab showing one notebook, with the steps a learner takes."""

    KERNEL_IDLE = KERNEL_IDLE

    def __init__(self, page, lab: Lab, notebook: str):
        self.page, self.lab, self.notebook = page, lab, notebook
        self.last_wall_ms: float | None = None

    @classmethod
    def open(cls, context, lab: Lab, notebook: str, timeout: float = 60_000) -> LabPage:
        """Open `notebook` in a new tab (``?reset``: no saved layout) and wait until its kernel is idle."""
        page = context.new_page()
        page.set_default_timeout(timeout)
        self = cls(page, lab, notebook)
        page.goto(lab.page_url(notebook))
        self.wait_kernel_idle(timeout)
        return self

    def wait_kernel_idle(self, timeout: float = 60_000) -> None:
        # The toolbar says "idle" before the kernel is really ready; the status bar text is reliable.
        self.page.locator(".jp-StatusBar-Widget", has_text=self.KERNEL_IDLE).first.wait_for(timeout=timeout)

    NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"

    @property
    def notebook_panel(self):
        return self.page.locator(self.NOTEBOOK)

    def menu(self, top: str, item: str) -> None:
        """Click a main-menu entry, e.g. ``menu("Run", "Run All Cells")``."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
        self.page.locator(
            ".lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")
        ).click()

    def run_all(self, timeout: float = 60_000) -> float:
        """Run → Run All Cells, wait until every cell ran and every widget is drawn (``wait_rendered``); return the
        ms from the click to the frame in which the page last became complete, on the page's own clock (a watcher
        in the page checks after every change; see ``_RUN_ALL_WATCH``). The harness's own wall time, which adds
        Playwright's round trips after that frame, is kept in ``last_wall_ms``."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.page.evaluate(
            _RUN_ALL_WATCH, {"panel": self.NOTEBOOK, "cells": self._expected_selectors(), "idleText": KERNEL_IDLE}
        )
        t = time.perf_counter()
        self.menu("Run", "Run All Cells")
        try:
            self.wait_rendered(timeout)
        except PlaywrightTimeout as e:
            raise AssertionError(
                f"{self.notebook}: not every widget and figure was drawn within "
                f"{timeout / 1000:.0f} s; problems: {self.problems()}"
            ) from e
        self.last_wall_ms = (time.perf_counter() - t) * 1000
        watched = self.page.evaluate("() => { const w = window.__lessonsRunAll; w.stop(); return w; }")
        if watched["click"] is None or watched["done"] is None:  # never seen complete by the page: the harness's time
            return self.last_wall_ms
        return watched["done"] - watched["click"]

    def _expected_selectors(self) -> list[str | None]:
        """Per code cell, what shows that it is done: its widget's root class (or an error output), ``"ran"`` for
        other code (an output prompt ``[n]``), None for a cell with no code."""
        out: list[str | None] = []
        for name in widget_cells(self.notebook):
            if name in WIDGET_CLASSES:
                out.append(f".jp-Cell-outputArea .{WIDGET_CLASSES[name]}, .jp-Cell-outputArea {ERROR_OUTPUT}")
            else:
                out.append(None if name is None else "ran")
        return out

    def code_cells(self):
        return self.notebook_panel.locator(".jp-CodeCell")

    def wait_rendered(self, timeout: float = 60_000) -> None:
        """Wait until every code cell has run and every widget cell shows its widget's root class."""
        expected = widget_cells(self.notebook)
        cells = self.code_cells()
        deadline = time.monotonic() + timeout / 1000
        for i, name in enumerate(expected):
            cell = cells.nth(i)
            left = max(1, (deadline - time.monotonic()) * 1000)
            if name in WIDGET_CLASSES:  # the widget, or an error that means it will never come
                cell.locator(
                    f".jp-Cell-outputArea .{WIDGET_CLASSES[name]}, .jp-Cell-outputArea {ERROR_OUTPUT}"
                ).first.wait_for(state="attached", timeout=left)
            elif name is not None:  # no input prompt on hidden code; the output prompt "[n]:" shows it ran
                cell.locator(".jp-OutputPrompt", has_text=re.compile(r"\[\d+\]")).first.wait_for(
                    state="attached", timeout=left
                )
        # every figure holder (a FigureView) and every plotly output drawn
        self.page.wait_for_function(
            _FIGURES_DRAWN, arg=self.NOTEBOOK, timeout=max(1, (deadline - time.monotonic()) * 1000), polling=20
        )
        self.wait_kernel_idle(max(1, (deadline - time.monotonic()) * 1000))

    def problems(self) -> list[str]:
        """Error outputs, missing widgets and left-over placeholder text, as readable lines."""
        out = []
        expected = widget_cells(self.notebook)
        cells = self.code_cells()
        if cells.count() != len(expected):
            out.append(f"{cells.count()} code cells on the page, {len(expected)} in the file")
        for i, name in enumerate(expected):
            cell = cells.nth(i)
            area = cell.locator(".jp-Cell-outputArea")
            errors = area.locator(ERROR_OUTPUT)
            for n in range(errors.count()):
                out.append(f"cell {i} ({name}): error output: {errors.nth(n).inner_text()[:300]}")
            text = area.inner_text() if area.count() else ""
            for bad in BROKEN_TEXT:
                if bad in text:
                    out.append(f"cell {i} ({name}): shows {bad!r}: {text[:200]!r}")
            if name in WIDGET_CLASSES and area.locator(f".{WIDGET_CLASSES[name]}").count() == 0:
                out.append(f"cell {i} ({name}): no element with class .{WIDGET_CLASSES[name]}")
            elif name not in WIDGET_CLASSES:
                out.append(
                    f"cell {i}: {name or 'code that is not a widget one-liner'!r} has no CSS class in WIDGET_CLASSES"
                )
        return out

    def screenshot(self, path: Path) -> None:
        """The whole notebook in one image: the viewport is stretched to the notebook's height for it."""
        size = self.page.viewport_size
        scroller = self.notebook_panel.locator(".jp-WindowedPanel-outer")
        height = scroller.evaluate("e => e.scrollHeight")
        self.page.set_viewport_size({"width": size["width"], "height": min(int(height) + 200, 16000)})
        try:
            scroller.evaluate("e => { e.scrollTop = 0; }")
            self.page.wait_for_timeout(300)
            self.page.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(size)

    LEFT_PANEL = "#jp-left-stack"
    FILE_BROWSER_TAB = '.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]'

    def left_panel_open(self) -> bool:
        return self.page.locator(self.LEFT_PANEL).evaluate("e => !e.classList.contains('lm-mod-hidden')")

    def set_width(self, width: int, left_panel: bool, height: int = 900) -> None:
        """Resize the window to `width` px with JupyterLab's left side panel (the file browser) open or closed,
        then give the figures a moment to follow (at most 3 s: the layout check says if they did not)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.page.set_viewport_size({"width": width, "height": height})
        if self.left_panel_open() != left_panel:
            self.page.locator(self.FILE_BROWSER_TAB).click()  # the tab opens and closes the panel
        self.page.wait_for_function(
            "([sel, open]) => document.querySelector(sel).classList.contains('lm-mod-hidden') !== open",
            arg=[self.LEFT_PANEL, left_panel],
        )
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function(_FIGURES_FIT, arg=self.NOTEBOOK, timeout=3000, polling=50)
        self.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def layout_report(self) -> dict:
        """tests/browser/layout_probe.js over the notebook's outputs: scrollbars, cut-off and overlapping text,
        and each figure's drawn width next to its box's."""
        return self.page.evaluate(LAYOUT_PROBE.read_text(encoding="utf-8"), self.NOTEBOOK)

    TALLEST = 16000  # px: Chromium draws no taller screenshot

    def screenshots(self, path: Path) -> list[Path]:
        """The whole notebook, as tall as it is: one image (`path`), or for a notebook taller than Chromium can draw
        at once, consecutive parts ``<stem>-1.png``, ``<stem>-2.png``, … scrolled one window apart."""
        size = self.page.viewport_size
        scroller = self.notebook_panel.locator(".jp-WindowedPanel-outer")
        total = int(scroller.evaluate("e => e.scrollHeight"))
        window = min(total + 200, self.TALLEST)
        self.page.set_viewport_size({"width": size["width"], "height": window})
        shown = int(scroller.evaluate("e => e.clientHeight"))
        tops = list(range(0, max(total - shown, 0) + 1, shown)) or [0]
        if tops[-1] < total - shown:
            tops.append(total - shown)
        paths = (
            [path]
            if len(tops) == 1
            else [path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(1, len(tops) + 1)]
        )
        try:
            for top, out in zip(tops, paths, strict=True):
                scroller.evaluate("(e, top) => { e.scrollTop = top; }", top)
                self.page.wait_for_timeout(300)
                self.page.screenshot(path=str(out))
        finally:
            scroller.evaluate("e => { e.scrollTop = 0; }")
            self.page.set_viewport_size(size)
        return paths

    def axe_violations(self, impacts=("serious", "critical")) -> list[str]:
        """axe-core over the notebook's output areas (our widgets); JupyterLab's own chrome is left out."""
        from axe_playwright_python.sync_playwright import Axe

        response = Axe().run(self.page, context={"include": [[AXE_SCOPE]]}).response
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}: {n['html'][:160]}"
            for v in response["violations"]
            if v["impact"] in impacts
            for n in v["nodes"]
        ]

    def close(self) -> None:
        self.page.close()
