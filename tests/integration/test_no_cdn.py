"""Executed lessons load nothing from the internet and stay small with their widget state saved.

Each lesson notebook is run top to bottom (nbclient, the default: widget state stored in the notebook, as
JupyterLab saves it), then every output and the widget state are searched for external script URLs.
"""

import json
import re
from pathlib import Path

import nbformat
import pytest

LESSONS = Path(__file__).parents[2] / "lessons"
NOTEBOOKS = sorted(LESSONS.glob("*.ipynb"))
MAX_BYTES = 1_000_000
EXTERNAL = [
    re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.I),  # any script from another host
    re.compile(r"(https?:)?//cdn\.plot\.ly", re.I),
    re.compile(r"(https?:)?//(unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|esm\.sh)", re.I),
    re.compile(r"mathjax[^\"'\s]*\.js", re.I),
    re.compile(r"require\.config\(\s*\{\s*paths", re.I),  # requirejs loading plotly from a URL
]


def external_refs(text: str) -> list[str]:
    return [m.group(0) for rx in EXTERNAL for m in rx.finditer(text)]


def test_the_detector_finds_cdn_scripts():
    assert external_refs('<script src="https://cdn.plot.ly/plotly-3.0.1.min.js"></script>')
    assert external_refs("<script type='text/javascript' src='//unpkg.com/x'>")
    assert external_refs('<script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js">')
    assert not external_refs('<a href="https://example.org">a link is not a script</a>')


@pytest.fixture(scope="module")
def executed(built_site):
    """Each lesson run once, top to bottom, and saved with its widget state: the run the static site is built from
    (tests/conftest.py, `built_site`: nbclient with its defaults, in a copy of the lessons folder). Returns
    {name: (notebook, saved bytes)}."""
    out = {}
    for path in NOTEBOOKS:
        saved = built_site.executed / path.name
        out[path.name] = (nbformat.read(saved, as_version=4), saved.stat().st_size)
    return out


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_no_output_loads_a_script_from_the_internet(executed, name):
    nb, _ = executed[name]
    found = []
    for i, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{name} cell {i}: {output.get('ename')}"
            found += [(i, ref) for ref in external_refs(json.dumps(output))]
    found += [("widget state", ref) for ref in external_refs(json.dumps(nb.metadata.get("widgets", {})))]
    assert not found, f"{name}: {found}"


@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_executed_lesson_with_widget_state_stays_under_1_mb(executed, name):
    nb, size = executed[name]
    print(f"{name}: {size / 1e6:.3f} MB executed with widget state")
    assert "widgets" in nb.metadata or not any(c.cell_type == "code" for c in nb.cells)  # state was saved
    assert size < MAX_BYTES, f"{name} is {size / 1e6:.2f} MB"


@pytest.mark.timeout(600)
def test_figures_reach_the_page_as_plotly_json_not_html(executed):
    """Plotly figures go as plain JSON, drawn by the page's own plotly.js (no inline bundle, no HTML)."""
    state = json.dumps({n: nb.metadata.get("widgets", {}) for n, (nb, _) in executed.items()})
    assert state.count('"displaylogo": false') >= 5  # 3 in lesson 01, 1 each in 02 and 03
    assert "maplibre" not in state and "_doPlot" not in state  # words of the plotly.js bundle
