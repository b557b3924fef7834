"""Opening a lesson page to its first control usable, in one Chromium and one run (``--browser``; issue 27):

- the static site (tools/site.py, built into a temporary folder first) from file:// and from a local HTTP server on
  127.0.0.1 (Python's http.server), each cold (a new browser context: nothing cached) and warm (the same context,
  the page opened again), beside the baseline: a bare page of the same site with one button, opened the same way;
- the same lesson in JupyterLab: open the notebook, wait for its kernel, Run All, until its first control is usable
  (the harness's wall clock), and Run All alone (the page's clock, LabPage.run_all), with a new kernel each time.

"First control usable": the first button, input or drop-down of a lesson view (or the baseline's button) is in the
page, shown and enabled, and a frame was painted after it, on the page's own clock from the start of navigation
(a watcher put in by an init script, before any of the page's scripts). Samples are taken in a shuffled order of
variants so a noisy moment of this shared machine hits them all alike; each line gives p50/p95 and the ratio of its
p50 to the baseline's p50 on the same route and cache. Not a timed test: nothing here passes or fails.
``make bench BENCH_ARGS="--browser --only page_open --runs 10"`` (at most 20 samples a variant; 10 if not given).
"""

from __future__ import annotations

import functools
import http.server
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from .common import line, percentile

BROWSER = True
LESSON = "04_red_flags.ipynb"
BASELINE = "bench_baseline.html"
_BASELINE_HTML = (
    '<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head>'
    '<body><button type="button">Go</button></body></html>'
)

# Runs before the page's own scripts: the time (ms from navigation start) of the first painted frame in which a
# control of a lesson view (else, on a page with none, any button) is shown and enabled.
_WATCH = """(() => {
  const SEL = '.lesson-view button, .lesson-view input, .lesson-view select';
  window.__firstControl = null;
  const usable = (e) => !e.disabled && e.getClientRects().length > 0;
  const look = () => {
    if (window.__firstControl !== null || !document.documentElement) return;
    const lesson = document.querySelector('.lesson-view');
    const found = [...document.querySelectorAll(lesson ? SEL : 'button')].some(usable);
    if (!found) return;
    requestAnimationFrame(() => { if (window.__firstControl === null) window.__firstControl = performance.now(); });
  };
  new MutationObserver(look).observe(document, {childList: true, subtree: true, attributes: true});
  document.addEventListener('DOMContentLoaded', look);
})();"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _open(context, url: str) -> float:
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__firstControl !== null", timeout=60_000)
        return float(page.evaluate("() => window.__firstControl"))
    finally:
        page.close()


def _site(browser, out: Path, rounds: int) -> dict[tuple[str, str, str], list[float]]:
    """(route, cache, page) → samples in ms."""
    server, base = _serve(out)
    urls = {"file": out.as_uri(), "http": base}
    warm = {}
    samples: dict[tuple[str, str, str], list[float]] = {}
    keys = [(r, c, p) for r in urls for c in ("cold", "warm") for p in ("baseline", "lesson")]
    try:
        for key in keys:
            if key[1] == "warm":  # one context each, opened once before sampling
                ctx = browser.browser.new_context(viewport={"width": 1280, "height": 900})
                ctx.add_init_script(_WATCH)
                warm[key] = ctx
                _open(ctx, _url(urls[key[0]], key[2]))
        order = [k for k in keys for _ in range(rounds)]
        random.Random(27).shuffle(order)
        for key in order:
            route, cache, page = key
            if cache == "warm":
                got = _open(warm[key], _url(urls[route], page))
            else:
                ctx = browser.browser.new_context(viewport={"width": 1280, "height": 900})
                ctx.add_init_script(_WATCH)
                got = _open(ctx, _url(urls[route], page))
                ctx.close()
            samples.setdefault(key, []).append(got)
    finally:
        for ctx in warm.values():
            ctx.close()
        server.shutdown()
    return samples


def _url(base: str, page: str) -> str:
    from tools import site

    return f"{base}/{BASELINE if page == 'baseline' else site.page_name(LESSON)}"


def _lab(browser, rounds: int) -> tuple[list[float], list[float]]:
    """JupyterLab, a new kernel each time: open → kernel idle → Run All → first control usable (wall ms), and Run All
    alone (the page's clock)."""
    from tests.browser.lab import LabPage, start_lab

    to_control, run_all = [], []
    with start_lab() as lab:
        for _ in range(rounds):
            t = time.perf_counter()
            page = LabPage.open(browser.context, lab, LESSON)
            run_all.append(page.run_all())
            page.notebook_panel.locator(".lesson-view button, .lesson-view input, .lesson-view select").first.wait_for()
            to_control.append((time.perf_counter() - t) * 1000)
            page.close()
            lab.shutdown_kernels()
    return to_control, run_all


def run(args) -> list[str]:
    from tests.browser.lab import start_browser
    from tools import site

    rounds = min(args.runs, 20) if args.runs != 200 else 10  # 200 is the kernel benchmarks' default
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        out = Path(tmp) / "site"
        site.build(out, echo=lambda *_: None)
        (out / BASELINE).write_text(_BASELINE_HTML, encoding="utf-8")
        with start_browser() as browser:
            samples = _site(browser, out, rounds)
            to_control, run_all = _lab(browser, max(3, rounds // 3))
    lines = []
    for (route, cache, page), xs in sorted(samples.items()):
        base = statistics.median(samples[(route, cache, "baseline")])
        name = (
            f"{LESSON} open -> first control, {route}://, {cache}"
            if page == "lesson"
            else (f"baseline page open -> its button, {route}://, {cache}")
        )
        lines.append(f"{line('browser', name, xs)}; p50 {statistics.median(xs) / base:.1f}x the baseline")
    site_p50 = statistics.median(samples[("file", "cold", "lesson")])
    for name, xs in (
        (f"{LESSON} in JupyterLab: open -> kernel idle -> Run All -> first control (wall)", to_control),
        (f"{LESSON} in JupyterLab: Run All -> everything drawn (page clock)", run_all),
    ):
        lines.append(
            f"{line('browser', name, xs)}; p50 {statistics.median(xs) / site_p50:.1f}x the site's file:// cold open"
        )
    spread = percentile(samples[("file", "cold", "lesson")], 95) / site_p50
    lines.append(f"browser p95/p50 spread of the site's file:// cold open: {spread:.2f}")
    return lines
