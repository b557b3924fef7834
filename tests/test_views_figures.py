"""Figure views: each control redraws its figure in place, replay and next step on, the foot map explains."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets import foot_map, motor_unit, simulator, twitch_vs_cramp
from widgets import simulation as sim
from widgets.figure_model import REGION_IDS
from widgets.load import load_regions
from widgets.palette import CSS
from widgets.views.figure import MIME, FigureView
from widgets.views.simulator import LEVELS, noticed_level


def shown(view) -> dict:
    """The one figure the view's page-side canvas holds, as the front end receives it."""
    fig = view.output.canvas.figure
    assert set(fig) <= {"data", "layout", "config", "narrow", "narrow_below"}  # plain plotly JSON: no HTML, no script
    assert {"data", "layout", "config"} <= set(fig)
    assert not view.output.fallback.outputs  # the page has not asked for the old route
    return json.loads(json.dumps(fig))


def decoded(trace) -> np.ndarray:
    """The y values of a trace, decoding a typed array the way plotly.js does."""
    import base64

    y = trace["y"]
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype={"f4": np.float32, "f8": np.float64}[y["dtype"]])
    return np.asarray(y, dtype=float)


def test_figures_are_valid_plotly_and_small():
    for view in (simulator(), twitch_vs_cramp(), motor_unit(), foot_map()):
        fig = shown(view)
        go.Figure({"data": fig["data"], "layout": fig["layout"]})  # raises if any attribute is wrong
        assert len(json.dumps(fig)) < 40_000
        assert "template" not in fig["layout"]


def test_simulator_control_changes_the_figure_and_count_in_place():
    s = simulator()
    before, text_before = shown(s), s.count.value
    s.set("caffeine", "a lot")
    s.set("stress", "high")
    s.set("magnesium", "low")
    after = shown(s)
    assert s.output.children == (s.output.canvas, s.output.fallback)  # the same canvas holds the new figure
    assert not np.array_equal(decoded(before["data"][0]), decoded(after["data"][0]))
    assert s.settings["caffeine"] == "a lot" and s.controls["caffeine"].value == "a lot"
    assert s.signal.per_minute > sim.muscle_signal(sim.CALM, seed=0).per_minute
    level = noticed_level(s.signal)
    assert f"Twitching you would notice: {level}" in s.count.value and s.count.value != text_before
    assert f"twitching you would notice: {level} (pretend scale)" in json.dumps(after["layout"])


def test_simulator_shows_a_level_in_words_never_a_rate_as_if_measured():
    """Issue 11, item 10: the calmest setting showed '6 noticed twitches per minute' as if measured."""
    s = simulator()
    calm_text = s.count.value + json.dumps(shown(s)["layout"])
    assert "per minute" not in calm_text
    assert "hardly any" in s.count.value and "pretend" in s.count.value
    words = [
        noticed_level(sim.muscle_signal(dict(sim.CALM, **{n: sim.choices(n)[-1] for n in names}), seed=0))
        for names in ((), ("caffeine",), ("caffeine", "stress", "magnesium"), tuple(sim.TRIGGER_LEVELS))
    ]
    order = [w for _, w in LEVELS]
    assert [order.index(w) for w in words] == sorted(order.index(w) for w in words)  # never falls
    assert words[0] == "hardly any" and words[-1] == "a lot"


def test_simulator_figure_marks_every_noticed_twitch_in_text():
    s = simulator()
    for name in sim.TRIGGER_LEVELS:
        s.set(name, sim.choices(name)[-1])
    fig = shown(s)
    marks = [t for t in fig["data"] if t.get("name") == "twitch you notice"]
    assert len(marks) == 1 and len(marks[0]["x"]) == len(s.signal.noticed) > 0
    assert set(marks[0]["text"]) == {"twitch"}
    assert noticed_level(s.signal) == "a lot" and len(marks[0]["x"]) > LEVELS[-2][0]


def test_simulator_moving_hides_twitches_and_shades_the_movement():
    s = simulator()
    for name in sim.TRIGGER_LEVELS:
        s.set(name, sim.choices(name)[-1])
    s.set("activity", "moving")
    fig = shown(s)
    assert fig["layout"]["shapes"] and "moving" in s.count.value
    assert any(t.get("name") == "twitch hidden by movement" for t in fig["data"])


def test_simulator_new_recording_and_lesson_presets():
    s = simulator()
    s.set("caffeine", "a lot")
    before = decoded(shown(s)["data"][0])
    s.new_button.click()
    assert not np.array_equal(before, decoded(shown(s)["data"][0]))
    assert list(simulator("01-physiology").controls) == ["activity", "caffeine", "stress"]
    assert set(simulator("02-triggers").controls) == set(sim.SETTINGS)
    with pytest.raises(KeyError):
        simulator("01-physiology").set("magnesium", "low")
    with pytest.raises(ValueError):
        simulator("07")


def test_simulator_controls_are_labelled_choice_buttons_not_sliders():
    import ipywidgets as W

    s = simulator()
    for w in s.controls.values():
        assert isinstance(w, W.ToggleButtons) and w.description
        assert CSS["simulator_control"] in w._dom_classes
    assert not any(isinstance(c, (W.FloatSlider, W.IntSlider)) for c in s.children)
    assert {CSS["simulator"]} <= set(s._dom_classes) and CSS["simulator_figure"] in s.output._dom_classes


def test_twitch_vs_cramp_replay_redraws_each_side():
    v = twitch_vs_cramp()
    fig = shown(v)
    twitch0, cramp0 = decoded(fig["data"][0]), decoded(fig["data"][2])
    line = [t for t in fig["data"] if t["name"] == "force needed to move the foot"]
    assert len(line) == 2 and line[0]["y"] == [sim.MOVE_THRESHOLD] * 2
    assert twitch0.max() < sim.MOVE_THRESHOLD < cramp0.max()
    v.replay_button.click()
    fig = shown(v)
    assert not np.array_equal(twitch0, decoded(fig["data"][0]))
    np.testing.assert_array_equal(cramp0, decoded(fig["data"][2]))
    assert "twitch" in v.status.value and "far below" in v.status.value
    # issue 11, item 10: no invented numbers (no "10% needed to move the foot", no count of units)
    text = json.dumps(fig) + v.status.value
    assert "%" not in text.replace("%{x", "").replace("%{y", "") and "60" not in v.status.value
    assert fig["layout"]["yaxis"]["showticklabels"] is False
    v.replay_cramp_button.click()
    assert not np.array_equal(cramp0, decoded(shown(v)["data"][2]))
    assert "cramp" in v.status.value.lower()
    assert "seconds to several minutes" in v.status.value  # not "a second or two"


@pytest.mark.parametrize("bad", ["cramp", "Misfire", ""])
def test_motor_unit_refuses_an_unknown_mode_by_name(bad):
    """The one clear message of `set_mode`, also when the walk-through is made (was a bare TraitError)."""
    with pytest.raises(ValueError, match=r"unknown mode .*expected one of \('normal', 'misfire'\)"):
        motor_unit(bad)
    m = motor_unit("misfire")
    with pytest.raises(ValueError, match="unknown mode"):
        m.set_mode(bad)
    assert m.mode == "misfire"  # a refused mode changes nothing


def test_motor_unit_next_back_and_misfire():
    m = motor_unit()
    assert m.back_button.disabled and "Step 1 of 4" in m.text.value
    first = shown(m)
    m.next_button.click()
    assert m.step == 1 and "Step 2 of 4" in m.text.value and shown(m) != first
    stars = [t for t in shown(m)["data"] if t["name"] == "signal"]
    assert len(stars) == 1
    m.back_button.click()
    assert m.step == 0
    m.mode_buttons.value = "misfire"
    assert m.mode == "misfire" and m.step == 0
    assert not any(t["name"] == "signal" for t in shown(m)["data"])  # no order: no signal yet
    assert "no order to move" in json.dumps(shown(m)["layout"])
    for _ in range(3):
        m.next_button.click()
    assert m.step == 3 and m.next_button.description == "Start again"
    assert "twitch" in m.text.value
    m.next_button.click()
    assert m.step == 0


def test_foot_map_choose_region_shows_explanation_questions_and_highlight():
    f = foot_map()
    assert "Choose a part" in f.explanation.value and f.related.value == ""
    f.choose_region("tarsal-tunnel")
    region = load_regions().region("tarsal-tunnel")
    assert region.name in f.explanation.value and region.explanation[:40] in f.explanation.value
    assert "Quiz questions about this part" in f.related.value
    assert f.region_list.value == "tarsal-tunnel"
    hatched = [t["name"] for t in shown(f)["data"] if "fillpattern" in t]
    assert hatched == [region.name]
    f.region_list.value = "shoe-pressure"  # the keyboard path
    assert f.chosen == "shoe-pressure" and "shoe" in f.explanation.value.lower()
    f.click("peroneal-muscles")  # the click path
    assert f.chosen == "peroneal-muscles" and f.region_list.value == "peroneal-muscles"
    f.bridge.clicked = "not-a-region#3"  # ignored
    assert f.chosen == "peroneal-muscles"
    f.choose_region(None)
    assert f.region_list.value is None and "Choose a part" in f.explanation.value and f.related.value == ""
    assert not any("fillpattern" in t for t in shown(f)["data"])
    with pytest.raises(KeyError):
        f.choose_region("big-toe")


def test_foot_map_list_is_buttons_not_radio_buttons():
    import ipywidgets as W

    f = foot_map()
    # JupyterLab takes the arrow keys a radio group needs; buttons work with Tab and Enter/Space
    assert isinstance(f.region_list, W.ToggleButtons) and f.region_list.description
    assert [v for _, v in f.region_list.options] == list(REGION_IDS)
    assert CSS["foot_map_region_list"] in f.region_list._dom_classes


def test_foot_map_every_region_is_drawn_hoverable_and_clickable():
    fig = shown(foot_map())
    by_name = {t["name"]: t for t in fig["data"]}
    for r in load_regions().regions:
        t = by_name[r.name]
        assert set(t["customdata"]) == {r.id}  # what a click reports
        assert r.name in t["hovertemplate"]
        assert r.name in json.dumps(fig["layout"]["annotations"])  # labelled in text, not only colour
    assert len({by_name[r.name]["fillcolor"] for r in load_regions().regions}) == len(REGION_IDS)


def test_figure_view_holds_the_figure_in_its_trait_and_redraws_the_same_canvas():
    view = FigureView("some-figure", 200, "a test line")
    canvas = view.canvas
    first = {"data": [{"type": "scatter", "y": [1, 2]}], "layout": {"height": 200}}
    view.show(first)
    assert canvas.figure["data"] == first["data"] and canvas.figure["config"]["displaylogo"] is False
    assert canvas.alt == "a test line" and "some-figure" in view._dom_classes
    second = {"data": [{"type": "scatter", "y": [3, 1]}], "layout": {"height": 200}}
    view.show(second)
    assert view.canvas is canvas and canvas.figure["data"] == second["data"]
    assert view.fallback.outputs == ()  # the page draws it: nothing sent the old way


def test_figure_view_falls_back_to_the_mimebundle_when_the_page_has_no_plotly():
    view = FigureView("some-figure", 200, "a test line")
    view.show({"data": [{"type": "bar", "y": [1]}], "layout": {}})
    view.canvas.route = "fallback"  # what the page reports when it finds no plotly.js
    (out,) = view.fallback.outputs
    assert set(out["data"]) == {MIME, "text/plain"} and out["data"][MIME]["data"] == [{"type": "bar", "y": [1]}]
    view.show({"data": [{"type": "bar", "y": [2]}], "layout": {}})
    (out,) = view.fallback.outputs  # replaced, not appended
    assert out["data"][MIME]["data"] == [{"type": "bar", "y": [2]}]
    assert out["data"]["text/plain"] == "[figure: a test line]"
