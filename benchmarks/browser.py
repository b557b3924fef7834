"""The kernel round trip with no work, the floor under every kernel-driven update (``--browser``).

Its notebook cell and page-side timer are shared with page_browser.py, which measures every variant beside it in
one page; this module prints the floor alone, in its own page.
"""

from __future__ import annotations

from .common import line

BROWSER = True
CLICKS = 40

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


def run(args) -> list[str]:
    from tests.browser.lab import start_browser, start_lab

    with start_lab() as lab, start_browser() as browser:
        floor = _baseline(browser, lab, max(CLICKS, args.runs // 5))
    return [line("browser", "baseline button -> HTML text (kernel round trip, no work)", floor)]
