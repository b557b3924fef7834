"""Issue 11 items 1, 3, 4 and 5 (and the under-18 route, explore mode, and issue 23's who-calls line), driven
through the widgets a learner uses.

Each test uses only the driving API the views have had since explore mode came (``choose_mode``, ``answer``,
``tick``, ``submit``, ``choose``, ``check``) and finds questions by their words (label, text on screen, or the
full question in the tooltip: step 1 shows short labels), so it runs against older versions too and fails
there on the defect itself. ``submit()`` presses the button on every step until a result shows.
Expected steps are named from the sources: CDC "Signs and symptoms of stroke"
("sudden numbness or weakness in the face, arm, or leg, especially on one side"), NHS "Twitching eyes and
muscles" (see a GP if more than 2 weeks, more than one place, stiff, a prescribed medicine), NHS "when and
where to get care" pattern.
"""

import pytest

from tests.widget_in_node import OnePage
from widgets.engine.cases import load_cases
from widgets.views.cases import case_stories
from widgets.views.selfcheck import selfcheck

CALL = "Call 999 / 112 / 911 now"


def _question(v, *words, avoid=()):
    """The id of the first question whose label and text contain all `words` (lower case) and none of `avoid`."""
    for qid, q in v.questions.items():
        said = " ".join((q["label"], q["text"])).lower()
        if all(w in said for w in words) and not any(a in said for a in avoid):
            return qid
    return None


def _own():
    v = selfcheck()
    v.choose_mode("own")
    return v


def _calm(v):
    """Every yes / no / not sure question "no"; every other question its first (shortest-time) choice."""
    for qid, q in v.questions.items():
        values = [value for _, value in q["options"]]
        v.answer(qid, "no" if "no" in values else values[0])
    return v


_NODE = {"selfcheck": OnePage("selfcheck"), "case_stories": OnePage("case_stories")}  # one node page each


@pytest.fixture(scope="module", autouse=True)
def _node_pages():
    with _NODE["selfcheck"], _NODE["case_stories"]:
        yield


def _drawn(widget, selector: str) -> str:
    """The words the page draws (static/selfcheck.js, static/case_stories.js in node) in `selector`."""
    node = _NODE["selfcheck" if "selfcheck" in type(widget).__name__.lower() else "case_stories"]()
    return node.text(node.render(widget), selector)


def _verdict_text(v) -> str:
    v.submit()
    return _drawn(v.page, ".selfcheck-result")


def _most_urgent(view) -> str:
    return next(value for value, label in view.page.data["regions"]["base"]["choices"] if label.lower().endswith("now"))


def test_item1_sudden_numbness_without_sudden_weakness_is_call_999_112_911_now():
    v = _calm(_own())
    weakness = _question(v, "sudden", "weak", avoid=("spread",)) or _question(v, "sudden", "weak")
    numbness = _question(v, "sudden", "numb") or _question(v, "numb")  # the form's numbness question
    v.answer(weakness, "no")
    v.answer(numbness, "yes")
    out = _verdict_text(v)
    assert CALL in out, f"sudden weakness = no, numbness = yes gave: {v.verdict.title!r}"
    assert out.index(CALL) < out.index("Why:")


def test_item1_face_drooping_and_sudden_trouble_seeing_are_asked():
    v = selfcheck()
    assert _question(v, "face", "droop") and _question(v, "suddenly", "seeing"), list(v.questions)


def test_item3_a_more_cautious_choice_on_priya_is_not_marked_wrong():
    view = case_stories()
    view.show(next(i for i, s in enumerate(view.stories.stories) if s.id == "priya-weakness"))
    view.choose(_most_urgent(view))
    view.check()
    fb = _drawn(view.page, ".case-feedback")
    assert "Not quite" not in fb and "More cautious than needed, and that is OK" in fb, fb[:160]


def test_item3_no_story_marks_the_most_cautious_choice_wrong():
    view = case_stories()
    wrong = []
    for i, story in enumerate(view.stories.stories):
        view.show(i)
        view.choose(_most_urgent(view))
        view.check()
        if "Not quite" in _drawn(view.page, ".case-feedback"):
            wrong.append(story.id)
    assert not wrong, f"marked wrong for the most cautious step: {wrong}"


def test_item3_no_net_growth_in_stories():
    assert len(load_cases().stories) <= 9


def test_item4_the_nhs_questions_are_asked():
    v = selfcheck()
    missing = [
        what
        for what, words in (
            ("more than one place", ("more than one",)),
            ("stiffness", ("stiff",)),
            ("a medicine", ("medicine",)),
        )
        if not _question(v, *words)
    ]
    assert not missing, f"not asked: {missing}"


def test_item4_duration_choices_have_one_obvious_answer_for_3_weeks():
    v = selfcheck()
    texts = [label for label, _ in v.questions["duration"]["options"]]
    assert texts == ["Less than 1 week", "1 to 2 weeks", "More than 2 weeks", "Not sure"], texts


def test_item4_more_than_2_weeks_alone_books_a_visit():
    v = _calm(_own())
    over = [value for label, value in v.questions["duration"]["options"] if label == "More than 2 weeks"]
    assert over, "no 'More than 2 weeks' choice"
    v.answer("duration", over[0])
    out = _verdict_text(v)
    assert "Book a visit" in out, v.verdict.title


def test_item4_a_medicine_verdict_says_do_not_stop_it_without_asking():
    v = _calm(_own())
    medicine = _question(v, "medicine")
    assert medicine, "no question about a medicine"
    v.answer(medicine, "yes")
    out = _verdict_text(v)
    assert "Do not stop a medicine on your own: ask the person who prescribed it" in out, v.verdict.title


def test_item5_emergency_verdict_has_no_if_it_lasts_line_and_says_where_what_now_who_to_tell():
    v = _calm(_own())
    v.answer(_question(v, "breath"), "yes")
    out = _verdict_text(v)
    assert "lasts" not in out, "the emergency verdict prints the 'if it lasts' line"
    for part in ("Where and when:", "What to do now:", "Who to tell:"):
        assert part in out, part


def test_under_18_route_on_every_verdict_and_calling_comes_first():
    v = _calm(_own())
    assert "under 18" in _verdict_text(v)
    v.answer(_question(v, "breath"), "yes")
    out = _verdict_text(v)
    assert out.index(CALL) < out.index("under 18")
    # issue 23 item 7: who calls, never circular: an adult calls, else the pupil; a parent is told after
    shout = "Shout for the nearest adult and ask them to call 999 / 112 / 911."
    yourself = "If no adult is right there, call 999 / 112 / 911 yourself."
    assert shout in out and yourself in out and out.index(yourself) < out.index("Then tell a parent or carer")
    assert "call yourself" not in out and "call first" not in out.lower()


def test_explore_mode_shows_an_example_not_about_you():
    v = selfcheck()
    v.choose_mode("explore")
    out = _verdict_text(v)
    assert "Example, not about you" in out and v.verdict is None
