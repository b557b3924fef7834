"""Let arrow keys reach our widgets: JupyterLab otherwise takes them (move between cells).

In command mode, JupyterLab binds ArrowUp/ArrowDown to "select the cell above/below", so inside a
RadioButtons group the arrow keys never change the choice and keyboard users are stuck on the first
option. Lumino skips its shortcuts for any element inside one that has ``data-lm-suppress-shortcuts``.
This invisible anywidget sets that attribute on the output area that holds the widget it is placed in.
"""

from __future__ import annotations

import anywidget

_ESM = r"""
function render({ el }) {
  el.style.display = "none";
  const mark = () => {
    const area = el.closest(".jp-OutputArea-output") || el.closest(".widget-vbox");
    if (area) { area.setAttribute("data-lm-suppress-shortcuts", "true"); return true; }
    return false;
  };
  if (!mark()) { requestAnimationFrame(() => { if (!mark()) setTimeout(mark, 200); }); }
}
export default { render };
"""


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible; put it inside a widget box so arrow keys work in its radio groups and lists."""

    _esm = _ESM


def keyboard_guard() -> KeyboardGuard:
    return KeyboardGuard()
