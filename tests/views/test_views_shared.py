"""Shared layouts and styles (views/shared.py): one model per kind of look within a view, never across views, and
the long views (self-check form, practice stories) use them, so Run All sends the page far fewer widget models."""

import ipywidgets as W

from widgets.views.cases import case_stories
from widgets.views.selfcheck import SelfCheck
from widgets.views.shared import Shared


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_one_model_per_look_within_a_view_none_across_views():
    shared, other = Shared(), Shared()
    a, b = shared.html("a"), shared.html("b")
    assert a.layout is b.layout and a.style is b.style and a.value == "a" and b.value == "b"
    assert shared.layout(width="auto") is shared.layout(width="auto") is not shared.layout()
    assert other.html("c").layout is not a.layout  # another view never gets this view's models
    radio = shared.radio(options=[("Yes", "yes"), ("No", "no")], value=None, description="Q")
    assert radio.layout.width == "auto" and radio.style.description_width == "initial"  # as each view set them
    box = shared.checkbox(value=False, description="t", indent=False)
    assert box.layout is radio.layout and box.layout.width == "auto"


def test_the_self_check_form_shares_the_looks_of_its_questions():
    form = SelfCheck()
    questions = list(form.questions.values())
    # one look per kind of control: the signs' drop-downs, the radio buttons (how long, the mode), the tick boxes
    for kind in (W.Dropdown, W.RadioButtons, W.Checkbox):
        same = [w for w in _walk(form) if type(w) is kind]
        assert len(same) >= 1 and len({id(w.layout) for w in same}) == 1, kind
        assert len({id(w.style) for w in same}) == 1, kind
    drops = [q for q in questions if isinstance(q.input, W.Dropdown)]
    assert len(drops) == len(questions) - 1  # every sign; how long keeps its radio buttons
    assert len({id(q.prompt.layout) for q in drops}) == 1  # the signs' labels: one look
    texts = [q.help for q in questions] + [form.result, form.status, form.alert]
    assert len({id(w.layout) for w in texts}) == 1 and len({id(w.style) for w in texts}) == 1
    layouts = {id(w.layout) for w in _walk(form) if isinstance(w, W.DOMWidget)}
    assert len(layouts) < len(questions)  # one per look (and one per step screen, shown or hidden), not one per control


def test_the_practice_stories_share_the_looks_of_their_cards():
    view = case_stories()
    assert len({id(c.choice.layout) for c in view.cards}) == 1 and len({id(c.choice.style) for c in view.cards}) == 1
    assert len({id(w.layout) for c in view.cards for w in (c.heading, c.text, c.feedback)}) == 1
    assert len({id(c.layout) for c in view.cards}) == 1
