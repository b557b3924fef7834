"""Figures in JupyterLab + Chromium (``--browser``): Run All → figures drawn; control click → new figure drawn."""

from __future__ import annotations

import time

from .common import line

BROWSER = True

# Click a control, then wait (in the page) until the figure's new plotly graph has drawn its traces.
# Click a control, then wait (in the page) until the figure is redrawn: in place (the FigureView canvas counts
# its Plotly.react draws in data-draws) or, on the old route, as a new plotly graph with its traces drawn.
_CLICK_TO_DRAWN = """async ({root, button, fig}) => {
  const r = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) ' + root);
  const host = r.querySelector('.' + fig);
  const view = host.querySelector('.figure-view');
  const draws = view && view.getAttribute('data-draws');
  const old = host.querySelector('.js-plotly-plot');
  const t0 = performance.now();
  r.querySelector(button).click();
  return await new Promise((res) => {
    const check = () => {
      const p = host.querySelector('.js-plotly-plot');
      const redrawn = p && (p !== old || (view && view.getAttribute('data-draws') !== draws));
      if (redrawn && p.querySelector('.main-svg .scatterlayer .trace')) res(performance.now() - t0);
      else if (performance.now() - t0 > 5000) res(5000);
      else setTimeout(check, 2);
    };
    check();
  });
}"""
CONTROLS = [  # (notebook, root class, buttons to alternate, figure class)
    (
        "01_what_is_a_twitch.ipynb",
        ".simulator",
        [".simulator-caffeine button:nth-child(3)", ".simulator-caffeine button:nth-child(1)"],
        "simulator-figure",
    ),
    ("01_what_is_a_twitch.ipynb", ".twitch-cramp", [".twitch-cramp-replay"], "twitch-cramp-figure"),
    ("01_what_is_a_twitch.ipynb", ".motor-unit", [".motor-unit-next"], "motor-unit-figure"),
    (
        "03_local_foot_causes.ipynb",
        ".foot-map",
        [".foot-map-region-list button:nth-child(2)", ".foot-map-region-list button:nth-child(4)"],
        "foot-map-figure",
    ),
]


def run(args) -> list[str]:
    from tests.browser.lab import LabPage, start_browser, start_lab

    out = []
    runs = max(3, min(args.runs // 20, 20))
    with start_lab() as lab, start_browser() as browser:
        for notebook in sorted({c[0] for c in CONTROLS}):
            times = []
            for _ in range(3):
                page = LabPage.open(browser.context, lab, notebook)
                times.append(page.run_all())
                page.close()
                lab.shutdown_kernels()
            out.append(line("browser", f"Run All -> every widget and figure drawn, {notebook}", times))
            page = LabPage.open(browser.context, lab, notebook)
            page.run_all()
            for nb, root, buttons, fig in CONTROLS:
                if nb != notebook:
                    continue
                page.page.locator(root).first.scroll_into_view_if_needed()
                samples = []
                for i in range(runs):
                    samples.append(
                        page.page.evaluate(
                            _CLICK_TO_DRAWN, {"root": root, "button": buttons[i % len(buttons)], "fig": fig}
                        )
                    )
                    time.sleep(0.05)
                out.append(line("browser", f"control -> figure redrawn, {root.strip('.')}", samples))
            page.close()
            lab.shutdown_kernels()
    return out
