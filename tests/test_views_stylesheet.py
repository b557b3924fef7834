"""The one stylesheet: shipped as package data, carried once by every view root, the only home of the look.

No view writes a style into its HTML or a colour of its own; the classes the views use are defined in
static/lessons.css, and the plotly colours of widgets/palette.py are read from it.
"""

import fnmatch
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import ipywidgets as W
import pytest

import widgets
from widgets import palette
from widgets.palette import CSS
from widgets.progress import ProgressStore
from widgets.views.clickbridge import ClickBridge
from widgets.views.figure import FigureCanvas
from widgets.views.keyboard import KeyboardGuard
from widgets.views.quiz import Quiz
from widgets.views.stylesheet import Stylesheet

from .helpers import bank, single

ROOT = Path(__file__).resolve().parent.parent
VIEWS = sorted((ROOT / "widgets" / "views").glob("*.py"))
STATIC_FILES = ("lessons.css", "keyboard.js", "clickbridge.js", "stylesheet.js", "figure.js")
SHEET = palette.STYLESHEET.read_text(encoding="utf-8")


def rules(css: str) -> dict[str, str]:
    """Selector → declarations of every rule (comments dropped; a selector list gives one entry per selector)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for sel in selectors.split(","):
            out[" ".join(sel.split())] = out.get(" ".join(sel.split()), "") + body
    return out


def declares(cls: str, prop: str) -> str:
    """The value the stylesheet gives `prop` for class `cls` (e.g. "quiz-hint" or "lesson-table caption") inside
    a view root; fails if it gives none."""
    for sel, body in rules(SHEET).items():
        if sel.startswith(".lesson-view ") and sel.endswith("." + cls):
            m = re.search(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", body)
            if m:
                return m.group(1).strip()
    raise AssertionError(f"the stylesheet gives .{cls} no {prop}")


def every_widget(w: W.Widget):
    yield w
    for c in getattr(w, "children", ()):
        yield from every_widget(c)


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_no_view_writes_a_style_or_a_colour_into_its_html(path):
    source = path.read_text(encoding="utf-8")
    assert not re.findall(r"""(?<!\w)style\s*=\s*\\?["']""", source), "style attribute in an HTML string"
    assert not re.findall(r"""(?<=[\s"':])#[0-9A-Fa-f]{3,8}\b""", source), "a colour literal outside the stylesheet"
    assert not re.findall(r"""["'](?:white|black|gr[ae]y)["']""", source), "a colour name outside the stylesheet"


@pytest.fixture
def every_view(tmp_path, monkeypatch):
    """Every public one-liner of widgets/__init__.py, built with a private store, an empty results folder and
    no drop box."""
    monkeypatch.setenv("FOOT_LESSONS_DATA_DIR", str(tmp_path / "store"))
    store = ProgressStore(tmp_path / "store")
    args = {
        "quiz": ("01-physiology", store),
        "review_quiz": (store,),
        "progress_overview": (store,),
        "progress_backup": (store,),
        "hand_in": (store,),
        "handins_overview": (tmp_path / "no-box",),
        "class_results": (tmp_path,),
    }
    return {name: getattr(widgets, name)(*args.get(name, ())) for name in widgets.__all__}


def test_every_view_root_carries_the_stylesheet_once(every_view):
    assert set(every_view) == set(widgets.__all__) and {"quiz", "glossary", "class_results"} <= set(every_view)
    for name, view in every_view.items():
        inside = list(every_widget(view))
        assert sum(isinstance(w, Stylesheet) for w in inside) == 1, name
        assert sum(isinstance(w, KeyboardGuard) for w in inside) == 1, name
        assert CSS["view"] in view._dom_classes, name  # the stylesheet's rules apply under this class


def test_stylesheet_widget_sends_the_shipped_css():
    sheet = Stylesheet()
    assert sheet._css == SHEET and ".lesson-view" in sheet._css
    assert CSS["stylesheet"] in sheet._dom_classes


def test_static_files_are_package_data_found_through_importlib_resources():
    static = files("widgets").joinpath("static")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    for name in STATIC_FILES:
        assert static.joinpath(name).is_file(), name
        assert any(fnmatch.fnmatch(f"static/{name}", glob) for glob in declared["widgets"]), name
    read = {name: static.joinpath(name).read_text(encoding="utf-8") for name in STATIC_FILES}
    assert KeyboardGuard()._esm == read["keyboard.js"] and "data-lm-suppress-shortcuts" in read["keyboard.js"]
    assert ClickBridge()._esm == read["clickbridge.js"] and "plotly_click" in read["clickbridge.js"]
    assert FigureCanvas()._esm == read["figure.js"] and "Plotly.react" in read["figure.js"]
    assert Stylesheet()._esm == read["stylesheet.js"] and Stylesheet()._css == read["lessons.css"]


def test_colours_are_defined_once_in_the_stylesheet_and_the_palette_reads_them():
    defs = re.findall(r"--lessons-([a-z-]+)\s*:", SHEET)
    assert len(defs) == len(set(defs)), "a colour is defined twice"
    outside_root = re.sub(r":root\s*\{[^}]*\}", "", re.sub(r"/\*.*?\*/", "", SHEET, flags=re.S))
    assert not re.findall(r"#[0-9A-Fa-f]{3,8}\b", outside_root), "colour literal outside :root"
    used = set(re.findall(r"var\(--lessons-([a-z-]+)\)", SHEET))
    assert used <= set(defs), used - set(defs)
    okabe_ito = {
        "BLUE": "#0072B2",
        "ORANGE": "#E69F00",
        "SKY": "#56B4E9",
        "GREEN": "#009E73",
        "YELLOW": "#F0E442",
        "VERMILION": "#D55E00",
        "PURPLE": "#CC79A7",
        "BLACK": "#000000",
    }
    assert {k: getattr(palette, k) for k in okabe_ito} == okabe_ito


def test_right_wrong_and_notes_are_coloured_by_classes_the_stylesheet_defines(tmp_path):
    colours = palette.stylesheet_colours()
    q = Quiz(bank(single()), ProgressStore(tmp_path))
    card = q.cards[0]
    card.choose("b")
    card.check()
    assert 'class="lesson-wrong"' in card.feedback.value and "Not quite." in card.feedback.value
    card.choose("a")
    card.check()
    assert 'class="lesson-right"' in card.feedback.value and "Right." in card.feedback.value
    card.choose(None)
    card.check()
    assert 'class="lesson-note"' in card.feedback.value
    assert declares("lesson-wrong", "color") == "var(--lessons-wrong-text)"
    assert declares("lesson-right", "color") == "var(--lessons-right-text)"
    assert declares("lesson-note", "color") == "var(--lessons-info-text)"
    assert colours["right-text"] != colours["wrong-text"]
    assert f'class: "{CSS["question"]}"' in (palette.STATIC / "quiz.js").read_text()  # the page draws the card
    assert declares(CSS["question"], "border").startswith("1px solid")
    assert declares(CSS["feedback"], "min-height") == "1.5em"
    assert declares("lesson-table caption", "text-align") == "left"  # the table caption


def test_table_helper_escapes_cells_unless_safe_and_scopes_the_header():
    from widgets.views.html import Safe, table

    out = table(
        "Caption <x>",
        ("A", "B & C"),
        [
            (
                "<b>hi</b>",
                Safe("<code>ok</code>"),
            ),
            (3, 4.5),
        ],
    )
    assert out.startswith('<table class="lesson-table"><caption>Caption &lt;x&gt;</caption>')
    assert '<th scope="col">A</th><th scope="col">B &amp; C</th>' in out
    assert "<td>&lt;b&gt;hi&lt;/b&gt;</td><td><code>ok</code></td>" in out and "<td>3</td><td>4.5</td>" in out


def test_every_public_one_liner_root_carries_the_class_named_after_it(every_view):
    """palette.CSS is keyed by the one-liners' names: the browser harness derives its map from it."""
    from widgets.palette import CSS

    for name, view in every_view.items():
        assert CSS[name] in view._dom_classes, f"{name}(): root lacks its class .{CSS[name]}"
