"""A tiny anywidget that forwards plotly clicks on a plain (non-widget) figure back to Python.

Plain figures drawn by the jupyterlab-plotly extension send no events to the kernel, and a ``FigureWidget``
(which does) ships ~5 MB of plotly.js per figure. This bridge is a few lines of JavaScript: it finds the
plotly graph inside the nearest element with the ``target`` CSS class (next to it in the same widget box),
listens to ``plotly_click`` there (again after each redraw), and sets ``clicked`` to
``"<customdata of the clicked trace>#<counter>"``. It also shows a one-line hint. No network, no plotly.js copy.
"""

from __future__ import annotations

import anywidget
import traitlets

_ESM = r"""
function render({ model, el }) {
  const hint = document.createElement("p");
  hint.textContent = model.get("hint");
  hint.style.margin = "0.25em 0";
  el.appendChild(hint);
  let count = 0;
  const attach = () => {
    const box = el.closest(model.get("container")) || document;
    box.querySelectorAll("." + model.get("target") + " .js-plotly-plot").forEach((gd) => {
      if (gd.__clickBridge || typeof gd.on !== "function") return;
      gd.__clickBridge = true;
      gd.on("plotly_click", (ev) => {
        const p = ev && ev.points && ev.points[0];
        if (!p) return;
        const cd = p.customdata !== undefined ? p.customdata : (p.data && p.data.customdata && p.data.customdata[0]);
        if (!cd) return;
        count += 1;
        model.set("clicked", String(cd) + "#" + count);
        model.save_changes();
      });
    });
  };
  const root = el.closest(model.get("container")) || document.body;
  const observer = new MutationObserver(() => attach());
  observer.observe(root, { childList: true, subtree: true });
  const timer = setInterval(attach, 500);   // plotly attaches .on() after its async first draw
  attach();
  return () => { observer.disconnect(); clearInterval(timer); };
}
export default { render };
"""


class ClickBridge(anywidget.AnyWidget):
    """Reports clicks on the plotly figure shown in the Output widget with CSS class ``target``."""

    _esm = _ESM
    target = traitlets.Unicode(help="CSS class of the Output widget that holds the figure").tag(sync=True)
    container = traitlets.Unicode(".widget-vbox", help="CSS selector of the box that holds both").tag(sync=True)
    hint = traitlets.Unicode("Tip: you can also click a coloured part of the drawing.").tag(sync=True)
    clicked = traitlets.Unicode("", help="'<customdata>#<n>' of the last click").tag(sync=True)
