"""Figure views: each control redraws its figure in place, replay and next step on, the foot map explains."""

import json

import ipywidgets as W
import numpy as np
import plotly.graph_objects as go
import pytest
import traitlets

from tests.helpers import muscle_signal
from widgets import foot_map, motor_unit, simulator, twitch_vs_cramp
from widgets.content.figure_model import REGION_IDS
from widgets.content.load import load_regions
from widgets.engine import simulation as sim
from widgets.views import twitch_cramp as tc
from widgets.views.figure import MIME, FigureView
from widgets.views.page_figure import PageFigureView
from widgets.views.palette import CSS, STATIC
from widgets.views.simulator import RECORDINGS, expected_level


def shown(view) -> dict:
    """The one figure the view shows now, as plain plotly JSON (for page-computed figures: Python's copy)."""
    fig = view.output.figure if isinstance(view.output, PageFigureView) else view.output.canvas.figure
    # plain plotly JSON, no HTML, no script; and a layout for narrow outputs, if any (figure.responsive)
    assert {"data", "layout"} <= set(fig) <= {"data", "layout", "config", "narrow", "narrow_below"}
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


def test_page_figures_send_their_data_once_and_a_choice_sends_nothing_else():
    """The page computes every state: after a choice only the small ``choice`` (and the text alternative) moves."""
    for view, act in (
        (simulator(), lambda v: v.set("caffeine", "a lot")),
        (twitch_vs_cramp(), lambda v: v.replay("cramp")),
        (foot_map(), lambda v: v.choose_region("tarsal-tunnel")),
        (motor_unit(), lambda v: v.next()),
    ):
        canvas = view.output.canvas
        sent: list[str] = []
        canvas.observe(lambda c, sent=sent: sent.append(c["name"]), names=traitlets.All)
        before = (canvas.figure, canvas.data, canvas._esm)
        act(view)
        assert set(sent) <= {"choice", "alt"} and "choice" in sent, sent
        assert (canvas.figure, canvas.data, canvas._esm) == before
        assert canvas._esm == (STATIC / "bundles" / f"{view.bundle}.js").read_text(encoding="utf-8")  # one file
        assert len(json.dumps(canvas.data)) < 200_000, type(view)  # executed lesson stays small


def test_simulator_choice_changes_the_figure_the_level_and_the_sample_line():
    s = simulator()
    before, texts_before = shown(s), dict(s.texts)
    s.set("caffeine", "a lot")
    s.set("stress", "high")
    s.set("magnesium", "low")
    after = shown(s)
    assert not np.array_equal(decoded(before["data"][0]), decoded(after["data"][0]))
    assert s.settings["caffeine"] == "a lot" and s.output.canvas.choice["settings"]["caffeine"] == "a lot"
    assert s.signal.per_minute > muscle_signal(sim.CALM, seed=0).per_minute
    assert s.texts["level"] == expected_level(s.settings, s.words) and s.texts != texts_before
    assert s.texts["sample"] in s.output.canvas.alt and s.texts["level"] in s.output.canvas.alt  # alt follows


def test_simulator_headline_is_the_expected_level_in_words_never_a_rate():
    """Issue 15 item 6: the headline is what to expect (a pretend scale); one random recording only illustrates."""
    s = simulator()
    words = s.words
    assert s.texts["level"] == words.levels[0] and "pretend" in words.scale
    text = json.dumps(s.texts) + json.dumps(shown(s)["layout"]) + words.model_dump_json()
    assert "per minute" not in text and "/min" not in text
    steps = [
        expected_level(dict(sim.CALM, **{n: sim.choices(n)[-1] for n in names}), words)
        for names in (
            (),
            ("caffeine",),
            ("caffeine", "stress"),
            ("caffeine", "stress", "magnesium"),
            tuple(sim.TRIGGER_LEVELS),
        )
    ]
    order = [words.levels.index(w) for w in steps]
    assert order == sorted(order) and steps[0] == words.levels[0] and steps[-1] == words.levels[-1]
    # the same choices give the same headline on every recording; only the example changes
    s.set("caffeine", "a lot")
    s.set("stress", "high")
    seen = set()
    for _ in range(RECORDINGS):
        s.new_recording()
        seen.add(s.texts["sample"])
        assert s.texts["level"] == expected_level(s.settings, words)
    assert len(seen) > 1 and s.recording == 0  # back to the first after the last


def test_simulator_moving_lowers_the_expectation_and_says_how_many_this_recording_hid():
    s = simulator()
    for name in sim.TRIGGER_LEVELS:
        s.set(name, sim.choices(name)[-1])
    at_rest = s.texts["level"]
    s.set("activity", "moving")
    fig = shown(s)
    assert fig["layout"]["shapes"] and s.words.levels.index(s.texts["level"]) < s.words.levels.index(at_rest)
    hidden = len(s.signal.firings) - len(s.signal.noticed)
    assert hidden > 0 and s.words.twitches.many.format(n=hidden) in s.texts["sample"]
    marks = {t["name"]: t for t in fig["data"]}
    assert len(marks["twitch hidden by movement"]["x"]) == hidden and marks["twitch hidden by movement"]["showlegend"]
    assert marks["foot moving (shaded)"]["showlegend"]


def test_simulator_marks_twitches_without_text_labels_that_could_overlap():
    """Issue 15 item 6: "twitwitch" — one word per mark piled up; the marks are explained once, in the legend."""
    s = simulator()
    for name in sim.TRIGGER_LEVELS:
        s.set(name, sim.choices(name)[-1])
    fig = shown(s)
    marks = [t for t in fig["data"] if t.get("name") == "twitch you would notice"]
    assert len(marks) == 1 and len(marks[0]["x"]) == len(s.signal.noticed) > 3
    assert "text" not in marks[0] and "text" not in marks[0]["mode"] and marks[0]["showlegend"]
    assert not fig["layout"].get("annotations")
    assert fig["layout"]["legend"]["y"] < 0  # below the plot, away from the title


def test_simulator_lesson_presets_and_bad_choices():
    assert simulator("01-physiology").controls == ("activity", "caffeine", "stress")
    assert set(simulator("02-triggers").controls) == set(sim.SETTINGS)
    data = simulator("01-physiology").output.canvas.data
    assert [c[0] for c in data["controls"]] == ["activity", "caffeine", "stress"]  # the page shows these only
    with pytest.raises(KeyError):
        simulator("01-physiology").set("magnesium", "low")
    with pytest.raises(ValueError, match="lots"):
        simulator().set("caffeine", "lots")
    with pytest.raises(ValueError):
        simulator("07")


def test_simulator_controls_are_labelled_buttons_in_the_page_not_sliders():
    s = simulator()
    assert not any(isinstance(c, (W.FloatSlider, W.IntSlider, W.ToggleButtons)) for c in s.children)
    for name, label, options in s.output.canvas.data["controls"]:
        assert label and [v for _, v in options] == list(sim.choices(name))
    assert {CSS["simulator"]} <= set(s._dom_classes) and CSS["simulator_figure"] in s.output._dom_classes


def test_twitch_vs_cramp_replay_keeps_the_numbers_and_shows_the_twitch_up_close():
    v = twitch_vs_cramp()
    fig = shown(v)
    twitch0, cramp0 = decoded(fig["data"][0]), decoded(fig["data"][2])
    line = [t for t in fig["data"] if t["name"] == "force needed to move the foot"]
    assert len(line) == 2 and line[0]["y"] == [sim.MOVE_THRESHOLD] * 2
    assert twitch0.max() < sim.MOVE_THRESHOLD < cramp0.max()
    # issue 15 item 7: on the shared axis the twitch is a sliver; the close-up's own scale shows it clearly
    close = fig["data"][4]
    np.testing.assert_array_equal(decoded(close), twitch0)
    y3 = fig["layout"]["yaxis3"]["range"]
    assert twitch0.max() / (y3[1] - y3[0]) > 0.3 > 20 * twitch0.max() / tc.Y_MAX
    assert v.words.close_up.format(zoom=tc.ZOOM) in json.dumps(fig["layout"]["annotations"])
    v.replay("twitch")
    fig = shown(v)
    np.testing.assert_array_equal(twitch0, decoded(fig["data"][0]))  # a replay, not new random numbers
    assert "far below" in v.texts["status"] and v.texts["status"] in v.output.canvas.alt
    text = json.dumps(fig) + v.texts["status"]
    assert "%" not in text.replace("%{x", "").replace("%{y", "") and "60" not in v.texts["status"]
    assert fig["layout"]["yaxis"]["showticklabels"] is False
    v.replay("cramp")
    np.testing.assert_array_equal(cramp0, decoded(shown(v)["data"][2]))
    assert v.texts["status"].startswith("The cramp") and "seconds to several minutes" in v.texts["status"]
    assert v.output.canvas.choice == {"shown": "cramp", "replays": 2}  # the page animates each replay
    with pytest.raises(ValueError):
        v.replay("both")


@pytest.mark.parametrize("bad", ["twitch", "Misfire", ""])
def test_motor_unit_refuses_an_unknown_mode_by_name(bad):
    """The one clear message of `set_mode`, also when the walk-through is made (was a bare TraitError)."""
    with pytest.raises(ValueError, match=r"unknown mode .*expected one of \('normal', 'misfire', 'cramp'\)"):
        motor_unit(bad)
    m = motor_unit("misfire")
    with pytest.raises(ValueError, match="unknown mode"):
        m.set_mode(bad)
    assert m.mode == "misfire"  # a refused mode changes nothing


def test_motor_unit_next_back_and_misfire():
    m = motor_unit()
    assert not m.texts["back"] and m.texts["head"].startswith("Step 1 of 4")
    first = shown(m)
    m.next()
    assert m.step == 1 and m.texts["head"].startswith("Step 2 of 4") and shown(m) != first
    assert m.output.canvas.choice == {"mode": "normal", "step": 1} and m.texts["back"]
    assert m.output.canvas.alt == m.texts["alt"] == f"{m.texts['head']} {m.texts['text']}"  # the alt follows
    stars = [t for t in shown(m)["data"] if t["name"] == "signal"]
    assert len(stars) == 1
    m.back()
    assert m.step == 0
    m.back()  # switched off at the first step: nothing happens
    assert m.step == 0
    m.set_mode("misfire")
    assert m.mode == "misfire" and m.step == 0
    assert not any(t["name"] == "signal" for t in shown(m)["data"])  # no order: no signal yet
    assert "no order to move" in json.dumps(shown(m)["layout"])
    for _ in range(3):
        m.next()
    assert m.step == 3 and m.texts["next"] == "Start again"
    assert "twitch" in m.texts["text"]
    m.next()
    assert m.step == 0 and m.texts["next"] == "Next"


def test_motor_unit_follows_a_choice_set_from_the_page_and_shows_a_tampered_one_safely():
    m = motor_unit()

    def draws(mode: str, step: int) -> bool:
        frame = m.frames[mode][step]
        return m.figure == {"data": frame["data"], "layout": frame["layout"]}

    m.output.canvas.choice = {"mode": "misfire", "step": 2}  # what a click in the page sends
    assert (m.mode, m.step) == ("misfire", 2) and draws("misfire", 2)
    assert m.texts["head"].startswith("Step 3 of 4 (neuromuscular junction)")
    for bad, want in (
        ({"mode": "panic", "step": 1}, ("normal", 1)),
        ({"mode": "misfire", "step": 99}, ("misfire", 3)),
        ({"mode": "misfire", "step": -4}, ("misfire", 0)),
        ({"mode": "normal", "step": "2"}, ("normal", 0)),
        ({}, ("normal", 0)),
    ):
        m.output.canvas.choice = bad
        assert (m.mode, m.step) == want and draws(*want), bad


def test_foot_map_choose_region_shows_explanation_questions_and_highlight():
    f = foot_map()
    assert f.texts["text"] == f.words.prompt and f.texts["questions"] == []
    f.choose_region("tarsal-tunnel")
    region = load_regions().region("tarsal-tunnel")
    assert f.texts["name"] == region.name and region.explanation in f.texts["text"]
    assert "inner side" in f.texts["text"] and f.texts["heading"] == f.words.questions and f.texts["questions"]
    assert f.output.canvas.choice == {"region": "tarsal-tunnel"} and region.name in f.output.canvas.alt
    hatched = [t["name"] for t in shown(f)["data"] if "fillpattern" in t]
    assert hatched == [region.name]
    f.click("peroneal-muscles")  # the click path
    assert f.chosen == "peroneal-muscles"
    f.click("not-a-region")  # ignored
    assert f.chosen == "peroneal-muscles"
    f.output.canvas.choice = {"region": "big-toe"}  # a tampered page: shown as nothing chosen
    assert f.texts["text"] == f.words.prompt
    f.choose_region(None)
    assert f.texts["text"] == f.words.prompt and f.texts["heading"] == ""
    assert not any("fillpattern" in t for t in shown(f)["data"])
    with pytest.raises(KeyError):
        f.choose_region("big-toe")


def test_foot_map_sends_each_part_once_with_its_texts_and_a_patch_of_styles():
    f = foot_map()
    data = f.output.canvas.data
    assert [r["id"] for r in data["regions"]] == list(REGION_IDS) and set(data["patches"]) == set(REGION_IDS)
    for r in data["regions"]:
        p = data["patches"][r["id"]]
        assert len(p["data"]) == 1 and len(p["annotations"]) == 1  # one part and its label change, nothing else
        assert r["hover"] and r["alt"] != f.words.alt_none
    assert foot_map(clickable=False).output.canvas.data["clickable"] is False


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


def test_page_figure_falls_back_to_pythons_figure_and_follows_the_pages_choice():
    """No plotly.js in the page: the page still runs its controls; the kernel draws each choice the old way."""
    f = foot_map()
    assert f.output.fallback.outputs == ()
    f.output.canvas.route = "fallback"
    (out,) = f.output.fallback.outputs
    assert out["data"][MIME]["data"] == f.figure["data"] and f.words.alt_none in out["data"]["text/plain"]
    f.output.canvas.choice = {"region": "shoe-pressure"}  # what the page sends when a part is chosen
    (out,) = f.output.fallback.outputs
    assert [t["name"] for t in out["data"][MIME]["data"] if "fillpattern" in t] == [
        load_regions().region("shoe-pressure").name
    ]
    s = simulator()
    s.output.canvas.route = "fallback"
    s.output.canvas.choice = {"settings": dict(sim.CALM, activity="moving"), "recording": 2}
    (out,) = s.output.fallback.outputs
    assert out["data"][MIME]["layout"]["shapes"] and s.seed == 2
