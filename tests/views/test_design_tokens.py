"""One design system (issue 26 item 7): the look's tokens are defined once, in static/lessons.css, and the quiz page's
sheet (quiz.css) and the figures' (page_figure.css) use them for their cards, buttons and focus ring, so a quiz, a
story, the self-check, the progress panels and the figures cannot drift apart again. What the browser draws from them
is compared in tests/browser/test_design.py."""

from __future__ import annotations

import re

import pytest

from widgets.views import palette

from .test_views_stylesheet import contrast, rules

SHEETS = {
    name: (palette.STATIC / name).read_text(encoding="utf-8") for name in ("lessons.css", "quiz.css", "page_figure.css")
}
LESSONS = SHEETS["lessons.css"]
ROOT = rules(LESSONS)[":root"]


def tokens() -> dict[str, str]:
    """Every --lessons-* custom property of lessons.css's :root and its value."""
    return {name: value.strip() for name, value in re.findall(r"--lessons-([a-z0-9-]+)\s*:\s*([^;]+);", ROOT)}


def declaration(css: str, selector: str, prop: str) -> str:
    body = rules(css)[selector]
    m = re.search(rf"(?:^|;)\s*{re.escape(prop)}\s*:\s*([^;]+)", body)
    assert m, f"{selector} has no {prop}"
    return m.group(1).strip()


def token_of(value: str) -> str:
    """The token a value reads ("var(--lessons-radius, 6px)" → "radius"); fails for anything else."""
    m = re.fullmatch(r"var\(--lessons-([a-z0-9-]+)(?:,[^)]*)?\)", value)
    assert m, f"{value!r} is not a --lessons-* token"
    return m.group(1)


@pytest.mark.parametrize("sheet", sorted(SHEETS))
def test_every_token_a_sheet_uses_is_defined_once_in_lessons_css(sheet):
    defined = re.findall(r"--lessons-([a-z0-9-]+)\s*:", LESSONS)
    assert len(defined) == len(set(defined)), "a token is defined twice"
    used = set(re.findall(r"var\(--lessons-([a-z0-9-]+)", SHEETS[sheet]))
    assert used and used <= set(defined), used - set(defined)
    if sheet != "lessons.css":
        assert not re.findall(r"--lessons-[a-z0-9-]+\s*:", SHEETS[sheet]), f"{sheet} defines a token of its own"


def test_the_spacing_scale_radii_and_type_sizes_are_tokens():
    t = tokens()
    assert [t[f"space-{n}"] for n in (1, 2, 3, 4)] == ["0.25em", "0.5em", "0.75em", "1em"]
    assert t["radius"].endswith("px") and t["radius-control"].endswith("px")
    assert int(t["radius"][:-2]) > int(t["radius-control"][:-2])  # a card's corners are rounder than a button's
    assert t["font-size"].startswith("var(--jp-content-font-size1")  # the lesson prose's size
    assert t["focus-ring"] == "2px solid var(--lessons-focus)"
    # every corner in lessons.css is a token (the progress marks' 2 px ticks and square rows aside)
    corners = re.findall(r"border-radius:\s*([^;]+);", LESSONS.replace(ROOT, ""))
    assert {c for c in corners if not c.startswith("var(--lessons-radius")} <= {"0", "2px"}, corners


def test_a_control_edge_is_seen_on_every_surface():
    """WCAG 1.4.11: a button's or a field's edge has at least 3:1 against every light surface and white."""
    colours = palette.stylesheet_colours()
    surfaces = {n: c for n, c in colours.items() if n.endswith("-bg") or n == "white"}
    edges = {n: c for n, c in colours.items() if n.endswith("-edge")}
    assert "control-edge" in edges
    low = [
        (e, s, round(contrast(ec, sc), 2))
        for e, ec in edges.items()
        for s, sc in surfaces.items()
        if contrast(ec, sc) < 3
    ]
    assert not low, low


def test_the_quiz_card_and_the_lessons_card_read_the_same_tokens():
    lesson_card = ".lesson-view .case-story"
    quiz_card = ".quiz-page .quiz-question"
    for prop in ("border", "border-radius", "padding"):
        assert token_of(declaration(LESSONS, lesson_card, prop)) == token_of(
            declaration(SHEETS["quiz.css"], quiz_card, prop)
        )
    for card in (
        ".lesson-view .quiz-question",
        ".lesson-view .selfcheck-step",
        ".lesson-view.progress-overview",
        ".lesson-view.progress-backup",
        ".lesson-view.hand-in",
    ):
        for prop in ("border", "border-radius", "padding", "background-color", "margin"):
            assert declaration(LESSONS, card, prop) == declaration(LESSONS, lesson_card, prop), (card, prop)


def test_the_quiz_button_the_widget_button_and_the_figure_action_read_the_same_tokens():
    widget, quiz, figure = ".lesson-view .jupyter-button", ".quiz-page .quiz-button", ".pagefig-action"
    for prop, want in (
        ("border", "button-edge"),
        ("border-radius", "radius-control"),
        ("padding", "button-padding"),
        ("min-height", "button-height"),
    ):
        assert token_of(declaration(LESSONS, widget, prop)) == want
        assert token_of(declaration(SHEETS["quiz.css"], quiz, prop)) == want
        # a figure's action button is a .pagefig-button (its edge) with the button's size and corners
        drawn = ".pagefig-button" if prop == "border" else figure
        assert token_of(declaration(SHEETS["page_figure.css"], drawn, prop)) == want
    # the main action of a card, filled the same way in the quiz and in the ipywidgets views
    main_quiz = ".quiz-page .quiz-check"
    assert token_of(declaration(SHEETS["quiz.css"], main_quiz, "background")) == "primary-solid"
    assert (
        token_of(declaration(LESSONS, ".lesson-view .jupyter-button.mod-primary", "background-color"))
        == "primary-solid"
    )
    assert token_of(declaration(SHEETS["quiz.css"], main_quiz, "color")) == "on-dark"


@pytest.mark.parametrize("sheet", sorted(SHEETS))
def test_every_focus_ring_is_the_token(sheet):
    rings = re.findall(r"(?<![\w-])outline:\s*([^;]+);", SHEETS[sheet])
    drawn = [r.replace("!important", "").strip() for r in rings if r.strip() != "none"]
    assert drawn and all(token_of(r) in ("focus-ring", "focus-ring-strong") for r in drawn), drawn
