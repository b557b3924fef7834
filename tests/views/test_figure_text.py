"""The text around the figures and what the motor unit and the foot map show, from Python and from the page's maths.

One visible line per figure (its "What to notice") and its full description kept for screen readers; the motor
unit named as the lesson names it, a misfire unlike an ordered signal, one unit's fibres in a twitch and many in a
cramp, its motion between steps (static/motor_unit.js motion(), run in node); the foot map's parts placed where the
lesson places them and its quiz questions linked to cards the quiz page really has. The browser measures the rest
(tests/browser/test_figure_text.py).
"""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from tests.page.test_figure_parity import node
from tests.page_in_node import PageInNode
from widgets import foot_map, motor_unit, quiz, simulator, twitch_vs_cramp
from widgets.content.figure_model import FigureTexts
from widgets.content.load import CONTENT_DIR, find_question, load_figure_texts, load_regions, related_questions
from widgets.engine import anatomy as A
from widgets.store.progress import ProgressStore
from widgets.views import motor_unit as mu
from widgets.views.palette import GREY, STATIC, VERMILION
from widgets.views.twitch_cramp import TwitchVsCramp

LESSONS = CONTENT_DIR.parents[1] / "lessons" / "text"


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (simulator, "simulator"),
        (twitch_vs_cramp, "twitch_vs_cramp"),
        (motor_unit, "motor_unit"),
        (foot_map, "foot_map"),
    ],
)
def test_each_figure_sends_one_line_to_show_and_its_full_description_and_shows_no_caption_of_its_own(make, key):
    texts = load_figure_texts()
    entry = getattr(texts, key)
    view = make()
    words = view.output.canvas.words
    assert words == {
        "title": entry.title,
        "label": texts.notice_label,
        "notice": entry.notice,
        "description": entry.caption,
    }
    assert texts.notice_label == "What to notice:"
    # no italic caption widget under the figure any more: the figure and its page-side helpers only
    assert [type(c).__name__ for c in view.children if type(c).__name__ not in ("KeyboardGuard", "Stylesheet")] == [
        "PageFigureView"
    ]
    assert len(entry.notice) <= 200 and len(entry.notice) < len(entry.caption) / 2  # one short line, not the caption


def test_a_figure_without_its_notice_line_is_refused():
    raw = load_figure_texts().model_dump()
    del raw["foot_map"]["notice"]
    with pytest.raises(ValidationError, match=r"foot_map\.notice"):
        FigureTexts.model_validate(raw)


def test_lessons_keep_no_what_to_notice_paragraph_of_their_own_beside_a_figure():
    for md in sorted(LESSONS.glob("0*.md")):
        assert "What to notice" not in md.read_text(encoding="utf-8"), md.name  # the figure shows it, once


def test_the_motor_unit_says_motor_neuron_as_the_lesson_does():
    m = motor_unit()
    said = [str(m.frames), str(m.output.canvas.data), str(load_figure_texts().motor_unit)]
    assert not any("lower motor neuron" in s for s in said)
    assert mu.PART_NAMES["motor-neuron"] == "motor neuron"
    assert "motor neuron" in (LESSONS / "01_what_is_a_twitch.md").read_text(encoding="utf-8")


def _traces(frame: dict) -> dict:
    return {t["name"]: t for t in frame["data"]}


def test_a_misfire_twitches_one_units_fibres_and_a_cramp_tightens_many_units():
    m = motor_unit()
    normal, misfire, cramp = (_traces(m.frames[mode][-1]) for mode in ("normal", "misfire", "cramp"))
    assert misfire["muscle fibres"]["line"]["color"] == VERMILION  # the unit followed twitches
    assert misfire["other muscle fibres"]["line"]["color"] == GREY  # the others stay still
    assert cramp["muscle fibres"]["line"]["color"] == cramp["other muscle fibres"]["line"]["color"] == VERMILION
    assert normal["other muscle fibres"]["line"]["color"] == VERMILION  # many units move the foot
    # in a cramp every unit fires: a signal on each nerve fibre; a misfire is one unit's only
    for step in range(1, 4):
        assert sum(n.startswith("signal") for n in _traces(m.frames["cramp"][step])) == len(A.UNIT_AXONS)
        assert sum(n.startswith("signal") for n in _traces(m.frames["misfire"][step])) == 1
    # each fibre belongs to one unit, and the units' fibres lie mixed through the muscle
    assert sorted(A.FIBRE_UNIT) == sorted([0, 1, 2] * 3) and A.FIBRE_UNIT[:3] != A.FIBRE_UNIT[3:3]


def test_a_misfire_looks_unlike_an_ordered_signal_and_the_word_signal_is_never_on_the_fibres():
    m = motor_unit()
    ordered = _traces(m.frames["normal"][1])["signal"]
    stray = _traces(m.frames["misfire"][1])["signal"]
    assert ordered["marker"]["symbol"] != stray["marker"]["symbol"]
    assert ordered["marker"]["color"] != stray["marker"]["color"]
    assert ordered["text"] == ["signal"] and stray["text"] == ["misfire"]  # named, not colour alone
    top_of_fibres = max(y for _, y, _ in A.FIBRES)
    for mode, frames in m.frames.items():
        for n, frame in enumerate(frames):
            for name, t in _traces(frame).items():
                if name.startswith("signal") and t["text"] != [""]:
                    x, y = t["x"][0], t["y"][0]
                    assert not (A.FIBRES[0][0] <= x <= A.FIBRES[0][2] and y <= top_of_fibres), (mode, n, name)


def _motion(cases: list[dict]) -> list[dict]:
    m = motor_unit()
    return node(
        {
            "kind": "motion",
            "module": str(STATIC / "motor_unit.js"),
            "motion": m.output.canvas.data["motion"],
            "cases": cases,
        }
    )


def test_the_page_moves_the_signal_along_the_nerve_fibre_and_ends_where_python_drew_it():
    m = motor_unit()
    frames = [{"mode": "normal", "from": 1, "to": 2, "t": t / 10} for t in range(11)]
    got = _motion(frames)
    start, end = A.point_on_path(0.55), A.point_on_path(0.85)
    assert got[0]["points"][0] == pytest.approx(list(start), abs=0.05)  # it sets off where the last step left it
    drawn = _traces(m.frames["normal"][2])["signal"]
    assert got[-1]["points"][0] == pytest.approx([drawn["x"][0], drawn["y"][0]], abs=0.05)  # and rests on Python's
    assert got[-1]["signals"][0]["scale"] == 1 and got[-1]["fibres"] == 1  # no transform left at the end
    xs = [g["points"][0][0] for g in got]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # forward all the way, a new place every frame
    assert start[0] < xs[5] < end[0]


def test_the_page_sparks_a_misfire_out_of_nothing_and_the_fibres_flick_in_a_twitch_but_stay_short_in_a_cramp():
    spark = _motion([{"mode": "misfire", "from": 0, "to": 1, "t": t / 10} for t in range(11)])
    scales = [g["signals"][0]["scale"] for g in spark]
    assert max(scales) > 1.2 and scales[-1] == 1  # it bursts out, then sits as drawn
    twitch = _motion([{"mode": "misfire", "from": 2, "to": 3, "t": t / 20} for t in range(21)])
    cramp = _motion([{"mode": "cramp", "from": 2, "to": 3, "t": t / 20} for t in range(21)])
    relaxed = (A.FIBRES[0][2] - A.FIBRES[0][0]) / (A.FIBRES[0][2] - mu.SHORTEN - A.FIBRES[0][0])
    tw, cr = [g["fibres"] for g in twitch], [g["fibres"] for g in cramp]
    assert tw[0] == pytest.approx(relaxed) and cr[0] == pytest.approx(relaxed)  # both start relaxed
    # a twitch: short, long again, short again (two flicks); a cramp: once short, it stays short
    assert min(tw[:6]) < relaxed - 0.2 and tw[10] == pytest.approx(relaxed) and min(tw[11:20]) < relaxed - 0.2
    assert all(x == pytest.approx(1) for x in cr[14:]) and tw[-1] == cr[-1] == 1
    many = _motion([{"mode": "cramp", "from": 1, "to": 2, "t": 0.5}])[0]
    assert [s["unit"] for s in many["signals"]] == [0, 1, 2]  # every unit's signal moves in a cramp


def test_foot_map_places_each_part_where_the_lesson_does():
    lesson = " ".join((LESSONS / "03_local_foot_causes.md").read_text(encoding="utf-8").split())
    f = foot_map()
    muscles = load_regions().region("peroneal-muscles")
    assert muscles.where == "outer side of the lower leg" and muscles.where in lesson
    f.choose_region("peroneal-muscles")
    assert f.texts["text"].startswith(f"({muscles.where}).")
    assert "outer side of the foot" not in f.texts["text"] + f.texts["alt"]
    for r in load_regions().regions:
        assert r.where.split()[0] == {"lateral": "outer", "medial": "inner"}[r.view], r.id  # on its view's side


def test_foot_map_questions_link_to_cards_the_quiz_page_has(tmp_path):
    f = foot_map()
    linked = {}
    for r in load_regions().regions:
        f.choose_region(r.id)
        assert len(f.texts["anchors"]) == len(f.texts["questions"]) == len(related_questions(r.id))
        for anchor, (lesson, _, q) in zip(f.texts["anchors"], related_questions(r.id), strict=True):
            find_question(f"{lesson}/{q.id}")  # a question that exists
            linked[anchor] = lesson
    assert linked and set(linked.values()) == {"03-foot"}
    with PageInNode() as page:
        v = page.render(quiz("03-foot", store=ProgressStore(tmp_path)))
        ids = {c["attrs"].get("id") for c in page.query(v, "section.quiz-question")}
    assert set(linked) <= ids, set(linked) - ids  # every link's target is a card of the lesson's quiz
    assert all(re.fullmatch(r"quiz-[A-Za-z0-9_-]+", a) for a in linked)


def test_twitch_vs_cramp_gets_the_shared_line_with_no_change_of_its_own():
    assert TwitchVsCramp.bundle == "twitch_cramp" and twitch_vs_cramp().output.canvas.words["notice"]


def test_every_motor_unit_trace_id_is_a_plain_word_plotly_can_put_into_a_css_selector():
    m = motor_unit()
    uids = {t["uid"] for frames in m.frames.values() for f in frames for t in f["data"]}
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", u) for u in uids), uids  # "signal 2" stopped plotly redrawing
