"""The teacher's views in the lessons' card style (issue 26 item 7): every part of the class-results page sits in
the lessons' card (lessons.css ``.lesson-card``, the tokens the quiz's question card reads), empty parts draw no
card, and the main action of the page and of the hand-in is the filled blue button, as the quiz's Check."""

from widgets.classroom.demo_results import write_demo
from widgets.views.class_results import CARD, ClassResults
from widgets.views.handin import HandInButton

from .test_design_tokens import LESSONS, declaration


def test_every_part_of_the_class_results_page_is_a_lessons_card(tmp_path):
    view = ClassResults(write_demo(tmp_path, learners=21))
    assert [CARD in card._dom_classes for card in view.cards] == [True] * len(view.cards)
    parts = [
        view.completion,
        view.chart_card,
        view.misconceptions,
        view.goals,
        view.item_stats,
        view.checks,
        view.skipped,
    ]
    assert view.cards[1:] == parts
    view.read()
    assert all(CARD in box._dom_classes for box in view.duplicates.children) and view.duplicates.children
    assert view.read_button.button_style == "primary"
    for prop in ("border", "border-radius", "padding", "background-color", "margin"):
        assert declaration(LESSONS, ".lesson-view .lesson-card", prop) == declaration(
            LESSONS, ".lesson-view .quiz-question", prop
        )


def test_a_part_with_nothing_to_show_draws_no_empty_card(tmp_path):
    view = ClassResults(tmp_path / "not-made-yet")
    hidden = [view.completion, view.misconceptions, view.item_stats, view.checks, view.skipped, view.chart_card]
    assert [w.layout.display for w in hidden] == ["none"] * len(hidden)
    view.read()  # no folder: a message in the first card, nothing else
    assert [w.layout.display for w in hidden] == ["none"] * len(hidden)
    assert view.cards[0].layout.display is None
    view.folder.value = str(write_demo(tmp_path / "class", learners=21))
    view.read()
    assert [w.layout.display for w in hidden[:3] + hidden[4:]] == [None] * 5


def test_the_hand_in_button_is_its_cards_main_action(tmp_path):
    view = HandInButton(environ={"FOOT_LESSONS_DROPBOX": str(tmp_path)})
    assert view.button.button_style == "primary"
    assert "hand-in" in view._dom_classes
