"""The one stylesheet: shipped as package data, carried once by every view root, the only home of the look.

No view writes a style into its HTML or a colour of its own; the classes the views use are defined in
static/lessons.css, and the plotly colours of widgets/views/palette.py are read from it.
"""

import fnmatch
import re
import tomllib
from importlib.resources import files
from pathlib import Path

import ipywidgets as W
import pytest

import widgets
from widgets.store.progress import ProgressStore
from widgets.views import palette
from widgets.views.announce import Announcer
from widgets.views.figure import FigureCanvas
from widgets.views.keyboard import KeyboardGuard
from widgets.views.palette import CSS
from widgets.views.stylesheet import Stylesheet

ROOT = Path(__file__).resolve().parents[2]
VIEWS = sorted(p for p in (ROOT / "widgets" / "views").glob("*.py") if p.name != "palette.py")  # palette: the colours
STATIC_FILES = (
    "lessons.css",
    "keyboard.js",
    "stylesheet.js",
    "dom.js",
    "page_figure.js",
    "figure.js",
    "announce.js",
    "icons.svg",
)
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
    assert Announcer()._esm == read["announce.js"] and "aria-live" in read["announce.js"]
    assert FigureCanvas()._esm == read["figure.js"] and "Plotly.react" in read["figure.js"]
    bundled = static.joinpath("bundles", "stylesheet.js").read_text(encoding="utf-8")
    assert Stylesheet()._esm == bundled and Stylesheet()._css == read["lessons.css"]
    assert "api/kernels" not in bundled  # a lesson's kernel is the course extension's (labextension/)


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


def test_right_wrong_and_notes_are_coloured_by_classes_the_stylesheet_defines():
    colours = palette.stylesheet_colours()
    # the page puts these classes on its verdicts and notes (drawn in node: tests/page/test_quiz_page_node.py)
    page = (palette.STATIC / "quiz.js").read_text()
    for cls in ("lesson-wrong", "lesson-right", "lesson-note", "lesson-info"):
        assert f'"{cls}' in page, cls
    assert declares("lesson-wrong", "color") == "var(--lessons-wrong-text)"
    assert declares("lesson-right", "color") == "var(--lessons-right-text)"
    assert declares("lesson-note", "color") == "var(--lessons-info-text)"
    assert colours["right-text"] != colours["wrong-text"]
    assert f'class: "{CSS["question"]}"' in (palette.STATIC / "quiz.js").read_text()  # the page draws the card
    assert declares(CSS["question"], "border") == "var(--lessons-card-edge)"  # tests/views/test_design_tokens.py
    assert re.search(r"--lessons-card-edge:\s*1px solid", SHEET)
    assert declares(CSS["question"], "border-radius") and declares(CSS["question"], "padding")
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
    from widgets.views.palette import CSS

    for name, view in every_view.items():
        assert CSS[name] in view._dom_classes, f"{name}(): root lacks its class .{CSS[name]}"


# --- one design: type scale, tokens and contrast, verdict boxes, icons (issue 15 items 3 and 4) ------------------
def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0 and contrast("#777777", "#FFFFFF") < 4.5 < contrast(
        "#767676", "#FFFFFF"
    )


def test_every_text_token_reaches_4_5_to_1_on_every_background_token():
    colours = palette.stylesheet_colours()
    texts = {n: c for n, c in colours.items() if n.endswith("-text") or n in ("grey", "black")}
    backgrounds = {n: c for n, c in colours.items() if n.endswith("-bg") or n == "white"}
    solids = {n: c for n, c in colours.items() if n.endswith("-solid")}
    assert len(texts) >= 8 and len(backgrounds) >= 5 and solids
    low = [
        (t, b, round(contrast(tc, bc), 2))
        for t, tc in texts.items()
        for b, bc in backgrounds.items()
        if contrast(tc, bc) < 4.5
    ]
    low += [
        (s, "on-dark", round(contrast(colours["on-dark"], sc), 2))
        for s, sc in solids.items()
        if contrast(colours["on-dark"], sc) < 4.5
    ]
    assert not low, low


def test_text_and_surfaces_only_use_the_checked_tokens():
    """So the pairs checked above are every pair that can appear: each colour is a text token, each background a
    -bg token (any text may sit on it) or a -solid one (with --lessons-on-dark text set in the same rule)."""
    for sel, body in rules(SHEET).items():
        for prop, value in re.findall(r"(?:^|;)\s*(color|background-color|background)\s*:\s*([^;]+)", body):
            token = re.fullmatch(r"var\(--lessons-([a-z-]+)\)", value.strip())
            assert token, f"{sel} {{{prop}: {value}}} is not a --lessons-* token"
            name = token.group(1)
            if prop == "color":
                assert name.endswith("-text") or name in ("on-dark", "grey", "black"), (sel, name)
            else:
                assert name.endswith(("-bg", "-solid")) or name == "white", (sel, name)
                if name.endswith("-solid"):
                    assert re.search(r"(?:^|;)\s*color:\s*var\(--lessons-on-dark\)", body), sel


def test_widget_text_matches_the_lesson_prose_size_with_a_1_5_line_height():
    """Issue 15 item 3: widget text was 13 px with a 28 px line height beside 14 px prose."""
    root = rules(SHEET)[".lesson-view"]
    assert "--jp-widgets-font-size: var(--jp-content-font-size1" in root
    assert re.search(r"(?:^|;)\s*font-size: var\(--jp-content-font-size1", root)
    assert re.search(r"(?:^|;)\s*line-height: 1.5", root)
    assert declares("widget-html-content", "line-height") == "1.5"
    assert declares("jupyter-widget-html-content", "line-height") == "1.5"
    # a long answer wraps below itself instead of under the next one
    assert "height: auto" in rules(SHEET)[".lesson-view .jupyter-widget-radio-box label"]
    px = re.findall(r"font-size:\s*(\d+)px", re.sub(r"var\([^)]*\)", "", SHEET))
    assert not px, "a font size in px outside JupyterLab's variables"


def test_four_verdict_boxes_differ_in_colour_and_the_emergency_box_is_the_largest():
    from widgets.content.vocab import OUTCOMES

    border = {o: declares(f"verdict-{o}", "border-color") for o in OUTCOMES if o != "no_warning_signs"}
    background = {o: declares(f"verdict-{o}", "background-color") for o in OUTCOMES if o != "no_warning_signs"}
    assert len(set(border.values())) == len(border) and len(set(background.values())) == len(background)
    assert declares("lesson-verdict", "background-color") == "var(--lessons-none-bg)"
    assert declares("verdict-emergency .lesson-verdict-title", "font-size") > declares(
        "lesson-verdict-title", "font-size"
    )
    for o in OUTCOMES:
        assert f".lesson-view .verdict-{o} .lesson-verdict-title" in rules(SHEET), o


def test_icons_are_inline_svg_hidden_from_screen_readers_in_the_text_colour():
    from widgets.content.vocab import OUTCOMES
    from widgets.views.icons import icon, symbols

    assert set(OUTCOMES) | {"right", "wrong", "caution", "note", "example"} <= set(symbols())
    svg = icon("emergency")
    assert svg.startswith("<svg ") and 'aria-hidden="true"' in svg and 'stroke="currentColor"' in svg
    assert "<polygon" in svg and "<!--" not in svg
    assert len({symbols()[o] for o in OUTCOMES}) == len(OUTCOMES)  # four different pictures
    assert declares("lesson-icon", "width") == "1.15em"


def test_every_view_shares_one_stylesheet_so_a_saved_lesson_holds_lessons_css_once():
    """Seven view roots in lesson 01 each carried their own copy (27 KB each) and pushed its page past 1 MB."""
    from widgets.views.keyboard import KeyboardSafeBox
    from widgets.views.stylesheet import shared_stylesheet

    first, second = KeyboardSafeBox(), KeyboardSafeBox()
    sheets = [w for box in (first, second) for w in box.children if isinstance(w, Stylesheet)]
    assert len(sheets) == 2 and sheets[0] is sheets[1] is shared_stylesheet()
    sheets[0].close()  # a closed one is never handed out again
    third = KeyboardSafeBox()
    again = next(w for w in third.children if isinstance(w, Stylesheet))
    assert again is not sheets[0] and again.comm is not None
