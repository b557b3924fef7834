"""What a learner waits for in JupyterLab + Chromium (``--browser``): Check → feedback, control → figure, Run All.

Times are taken inside the page (``performance.now()``) from the click until the new text or figure is in
the DOM and a frame has been painted; Run All is timed from Python, from the menu click until every widget
and figure of the lesson is drawn (so it includes a little Playwright overhead).
"""

from __future__ import annotations

import time

from .common import line

BROWSER = True
MIN_CLICKS = 30  # repetitions of each click measurement
PAGE_LOADS = 5  # page loads per lesson for the Run All measurement

# Click Check on one quiz card; resolve when its feedback text has changed and the next frame is painted.
_CHECK_TO_FEEDBACK = """async ({panel, card}) => {
  const c = document.querySelectorAll(panel + ' .quiz .quiz-question')[card];
  const fb = c.querySelector('.quiz-feedback');
  const before = fb.innerText;
  const t0 = performance.now();
  return await new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => resolve(performance.now() - t0));
    const obs = new MutationObserver(() => {
      if (fb.innerText !== before) { obs.disconnect(); done(); }
    });
    obs.observe(fb, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
    c.querySelector('.quiz-check').click();
  });
}"""


def _quiz_check(browser, lab, clicks: int) -> list[float]:
    from tests.browser.lab import LabPage
    from widgets.load import load_bank

    bank = load_bank("01-physiology")
    n, q = next((i, q) for i, q in enumerate(bank.questions) if q.type == "single")
    right = next(o.text for o in q.options if o.id == q.answer)
    wrong = next(o.text for o in q.options if o.id != q.answer)
    page = LabPage.open(browser.context, lab, "01_what_is_a_twitch.ipynb")
    page.run_all()
    card = page.notebook_panel.locator(".quiz .quiz-question").nth(n)
    card.evaluate("e => e.scrollIntoView({block: 'center'})")
    samples = []
    for i in range(clicks + 2):  # the first two are warm-up
        card.get_by_role("radio", name=right if i % 2 else wrong, exact=True).check()
        time.sleep(0.1)  # the choice reaches the kernel before the click
        ms = page.page.evaluate(_CHECK_TO_FEEDBACK, {"panel": page.NOTEBOOK, "card": n})
        if i >= 2:
            samples.append(ms)
    page.close()
    lab.shutdown_kernels()
    if any(s != s for s in samples):
        raise RuntimeError("quiz feedback did not change within 5 s after a Check click")
    return samples


def _simulator(browser, lab, clicks: int) -> list[float] | None:
    from tests.browser.lab import LabPage, lesson_showing

    from .figures_browser import _CLICK_TO_DRAWN

    notebook = lesson_showing("simulator")
    if notebook is None:
        return None
    page = LabPage.open(browser.context, lab, notebook)
    page.run_all()
    page.notebook_panel.locator(".simulator").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    buttons = [".simulator-caffeine button:nth-child(3)", ".simulator-caffeine button:nth-child(1)"]
    samples = []
    for i in range(clicks + 2):
        ms = page.page.evaluate(
            _CLICK_TO_DRAWN, {"root": ".simulator", "button": buttons[i % 2], "fig": "simulator-figure"}
        )
        if i >= 2:
            samples.append(ms)
        time.sleep(0.05)
    page.close()
    lab.shutdown_kernels()
    if max(samples) >= 5000:
        raise RuntimeError("the simulator figure was not redrawn within 5 s after a click")
    return samples


# The floor under every kernel-driven update: a button that only sets an HTML widget's text.
_BASELINE_CELL = """import ipywidgets as W
button, out, n = W.Button(description="go"), W.HTML("0"), [0]
button.add_class("bench-button"); out.add_class("bench-out")
def bump(_):
    n[0] += 1
    out.value = str(n[0])
button.on_click(bump)
W.VBox([button, out])"""

_BUTTON_TO_TEXT = """async () => {
  const b = document.querySelector('.bench-button'), h = document.querySelector('.bench-out');
  const before = h.innerText, t0 = performance.now();
  return await new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (h.innerText !== before) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
    });
    obs.observe(h, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
    b.click();
  });
}"""


def _baseline(browser, lab, clicks: int) -> list[float]:
    """Kernel round trip with no work: click → HTML text changed (a scratch notebook in the server's root)."""
    import nbformat

    from tests.browser.lab import LabPage

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_BASELINE_CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / "bench_baseline.ipynb")
    page = LabPage.open(browser.context, lab, "bench_baseline.ipynb")
    page.menu("Run", "Run All Cells")
    page.page.locator(".bench-button").wait_for()
    samples = [page.page.evaluate(_BUTTON_TO_TEXT) for _ in range(clicks + 2)][2:]
    page.close()
    lab.shutdown_kernels()
    return samples


def _ratio(name: str, samples: list[float], floor: list[float]) -> str:
    from .common import percentile

    return (
        f"ratio {name} / baseline round trip: p50 {percentile(samples, 50) / percentile(floor, 50):.2f}, "
        f"p95 {percentile(samples, 95) / percentile(floor, 95):.2f}"
    )


def _render(browser, lab, notebook: str, loads: int) -> list[float]:
    from tests.browser.lab import LabPage

    samples = []
    for _ in range(loads):
        page = LabPage.open(browser.context, lab, notebook)
        samples.append(page.run_all())
        problems = page.problems()
        page.close()
        lab.shutdown_kernels()
        if problems:
            raise RuntimeError(f"{notebook}: {problems}")
    return samples


def run(args) -> list[str]:
    from tests.browser.lab import lesson_notebooks, start_browser, start_lab

    clicks = max(MIN_CLICKS, args.runs // 5)
    out = []
    with start_lab() as lab, start_browser() as browser:
        floor = _baseline(browser, lab, clicks)
        out.append(line("browser", "baseline button -> HTML text (kernel round trip, no work)", floor))
        quiz = _quiz_check(browser, lab, clicks)
        out.append(line("browser", "quiz Check -> feedback text shown", quiz))
        out.append(_ratio("quiz Check", quiz, floor))
        sim = _simulator(browser, lab, clicks)
        out.append(
            line("browser", "simulator control -> figure redrawn", sim)
            if sim
            else "browser simulator: no lesson shows the simulator"
        )
        if sim:
            out.append(_ratio("simulator", sim, floor))
        for notebook in lesson_notebooks():
            name = notebook.removesuffix(".ipynb")
            out.append(
                line(
                    "render",
                    f"{name} (Run All -> every widget and figure drawn)",
                    _render(browser, lab, notebook, PAGE_LOADS),
                )
            )
    return out
