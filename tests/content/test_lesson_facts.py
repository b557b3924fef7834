"""Issue 11, lessons 00-03: the facts the accuracy pass fixed stay fixed, and the lessons practise retrieval.

Each test reads the shipped lessons and content files (no copies of their texts), so it fails on the
old wording it guards against (checked against commit 7e13535).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from tests.course_text import CONTENT, LESSONS, bank_strings
from widgets.content.load import load_bank, load_figure_texts, load_glossary, load_regions
from widgets.content.model import Numeric, Ordering
from widgets.engine import simulation as sim
from widgets.views.glossary import glossary, glossary_html

NOTEBOOKS = {
    "00-start": "00_start_here.ipynb",
    "01-physiology": "01_what_is_a_twitch.ipynb",
    "02-triggers": "02_lifestyle_triggers.ipynb",
    "03-foot": "03_local_foot_causes.ipynb",
}
BANKS = ("01-physiology", "02-triggers", "03-foot")
WORDS_TO_KNOW_MAX = 6  # "a handful per lesson"


def cells(lesson: str) -> list:
    return nbformat.read(LESSONS / NOTEBOOKS[lesson], as_version=4).cells


def md(lesson: str) -> str:
    """The lesson's markdown without emphasis marks (so **brain** reads as brain)."""
    return "\n".join(c.source for c in cells(lesson) if c.cell_type == "markdown").replace("*", "")


def flat(text: str) -> str:
    return " ".join(text.split()).lower()


def bank_text(lesson: str) -> str:
    return flat(" ".join(bank_strings(CONTENT / "questions" / f"{lesson}.yaml")))


def every_text() -> str:
    """Lessons 00-03, banks 01-03, the glossary, the foot map and the figure texts, as one lower-case string."""
    parts = [md(l) for l in NOTEBOOKS] + [bank_text(b) for b in BANKS]
    parts += [e.meaning for e in load_glossary().entries]
    parts += [f"{r.name} {r.hover} {r.explanation}" for r in load_regions().regions]
    parts.append((CONTENT / "figures.yaml").read_text(encoding="utf-8"))
    return flat(" ".join(parts))


# --- item 2: weakness -------------------------------------------------------------------------------
def test_weakness_is_what_a_person_cannot_do_and_still_counts_when_it_comes_and_goes():
    meaning = flat(load_glossary().lookup("true weakness").meaning)
    for task in ("lift the front of the foot", "walk on the heels", "stand on tiptoe", "comes and goes"):
        assert task in meaning, task
    text = every_text()
    for wrong in ("does not get better with rest", "rest does not fix it"):
        assert wrong not in text, wrong


# --- item 8: a motor unit is a small part of the muscle, not "a few fibres" -------------------------
def test_a_twitch_is_a_small_part_of_the_muscle_not_a_few_fibres():
    text = every_text()
    assert not re.search(r"(only )?a few (muscle )?fibres", text)
    bank = load_bank("01-physiology")
    assert "small part of the muscle" in flat(bank.question("q1").options[0].feedback)
    assert "small part of the muscle" in flat(bank.question("q2").wrong_feedback)
    assert "small part of the muscle" in flat(bank.question("q5").options[0].feedback)
    assert "hundreds of fibres" in flat(md("01-physiology"))


# --- item 10: signal path, glossary, cramps, trigger counts ------------------------------------------
def test_a_chosen_movement_starts_in_the_brain():
    q3 = load_bank("01-physiology").question("q3")
    assert isinstance(q3, Ordering) and "brain" in q3.items[0].text.lower()
    assert "spinal cord" in q3.items[1].text.lower()
    lesson = flat(md("01-physiology"))
    assert "starts in your brain" in lesson and "the signal starts in the spinal cord" not in lesson
    assert "brain" in load_figure_texts().motor_unit_steps["normal"][0].text


def test_glossary_nerve_is_a_bundle_of_fibres_and_the_spinal_cord_is_nerve_tissue():
    g = load_glossary()
    assert "bundle of nerve fibres" in g.lookup("nerve").meaning
    assert "cord of nerve tissue" in g.lookup("spinal cord").meaning


def test_cramps_last_seconds_to_minutes_and_the_cartoon_never_ends_one_early():
    text = every_text()
    assert "a second or two" not in text
    assert "minutes" in load_glossary().lookup("cramp").meaning
    assert "minutes" in load_figure_texts().twitch_vs_cramp.caption
    for seed in range(10):
        assert sim.cramp_force(seed).end > sim.FORCE_SECONDS


def test_lesson_02_lists_one_trigger_per_simulator_control():
    lesson = md("02-triggers")
    section = lesson.split("## 1.", 1)[1].split("## 2.", 1)[0]
    listed = re.findall(r"^\d+\. (.+)$", section, flags=re.M)
    assert len(listed) == len(sim.TRIGGER_LEVELS)
    names = {
        "hydration": "water",
        "magnesium": "magnesium",
        "potassium": "potassium",
        "caffeine": "caffeine",
        "stress": "stress",
        "exercise": "exercise",
    }
    assert set(names) == set(sim.TRIGGER_LEVELS)
    for control, word in names.items():
        assert sum(word in item for item in listed) == 1, (control, listed)


def test_no_question_asks_how_many_things_a_lesson_listed():
    for lesson in BANKS:
        for q in load_bank(lesson).questions:
            assert not re.search(r"how many .*(this lesson|does the lesson)", q.prompt.lower()), f"{lesson}/{q.id}"
            assert not (isinstance(q, Numeric) and "lesson" in q.prompt.lower()), f"{lesson}/{q.id}"


def test_implausible_distractors_are_gone():
    text = " ".join(bank_text(b) for b in BANKS)
    for silly in ("bone in the foot is broken", "only have nerves", "must be imagined"):
        assert silly not in text, silly


# --- item 9: electrolytes ---------------------------------------------------------------------------
def test_electrolytes_sodium_carries_potassium_resets_low_potassium_means_weakness():
    lesson = flat(md("02-triggers"))
    assert "matter most" not in lesson
    assert "sodium carries the signal" in lesson
    assert "a small drop in potassium often gives no signs. a bigger one can make muscles weak" in lesson
    potassium = flat(load_glossary().lookup("potassium").meaning)
    assert "ready again" in potassium and "weak" in potassium
    q4 = load_bank("02-triggers").question("q4")
    assert q4.answer is False and "sodium carries the signal" in flat(q4.wrong_feedback)


# --- items 6 and 7: the foot ------------------------------------------------------------------------
def test_peroneal_twitch_is_felt_at_the_muscle_belly_and_also_called_fibularis():
    lesson = flat(md("03-foot"))
    for fact in (
        "also called the fibularis",
        "outer side of the lower leg",
        "under the sole",
        "small muscles inside the foot",
        "if it hurts or does not settle, get it checked",
    ):
        assert fact in lesson, fact
    regions = load_regions()
    assert "fibularis" in regions.region("peroneal-muscles").name
    assert "small muscles" in regions.region("peroneal-tendons").explanation
    q3 = load_bank("03-foot").question("q3")
    assert q3.answer is False and "outer lower leg" in flat(q3.wrong_feedback)
    assert "if it hurts or does not settle, get it checked" in flat(load_glossary().lookup("strain").meaning)


def test_tarsal_tunnel_is_taught_with_its_usual_signs_and_the_lateral_plantar_branch():
    lesson = flat(md("03-foot"))
    assert "burning, tingling or numbness in the sole" in lesson
    assert "lateral plantar nerve" in lesson and "outer part of the sole" in lesson
    assert "not a job for self-care" in lesson
    g = load_glossary()
    assert "burning" in g.lookup("tarsal tunnel syndrome").meaning
    assert "outer" in g.lookup("lateral plantar nerve").meaning
    assert "lateral plantar" in load_regions().region("posterior-tibial-nerve").explanation


# --- the youngest learners ----------------------------------------------------------------------------
@pytest.mark.parametrize("lesson", list(NOTEBOOKS))
def test_every_lesson_has_an_under_18_route_and_the_emergency_numbers(lesson):
    text = flat(md(lesson))
    assert "under 18" in text and "parent, carer, school nurse" in text
    assert "999 / 112 / 911" in text
    assert "this is a lesson, not medical advice." in text  # the visible disclaimer stays


@pytest.mark.parametrize("lesson", BANKS)
def test_every_bank_asks_about_pain(lesson):
    def about_pain(q) -> bool:
        texts = [q.prompt, q.explanation] + [o.text for o in getattr(q, "options", [])]
        return any(w in flat(t) for t in texts for w in ("pain", "hurt"))

    assert any(about_pain(q) for q in load_bank(lesson).recap()), lesson


# --- retrieval practice ------------------------------------------------------------------------------
@pytest.mark.parametrize("lesson", BANKS)
def test_recap_quiz_comes_before_key_points_and_glossary(lesson):
    sources = [c.source for c in cells(lesson)]

    def at(pred):
        return next(i for i, s in enumerate(sources) if pred(s))

    recap = at(lambda s: s.strip().endswith(f'quiz("{lesson}")'))
    assert recap < at(lambda s: s.startswith("## Key points")) < at(lambda s: "glossary(" in s)


@pytest.mark.parametrize("lesson", BANKS)
def test_one_or_two_section_checks_inside_the_sections_and_none_in_the_recap(lesson):
    shown = [
        id_ for c in cells(lesson) if c.cell_type == "code" for id_ in re.findall(r'questions=\["([^"]+)"\]', c.source)
    ]
    bank = load_bank(lesson)
    checks = [q.id for q in bank.questions if q.section_check]
    assert 1 <= len(checks) <= 2 and sorted(shown) == sorted(checks)
    assert not set(checks) & {q.id for q in bank.recap()}
    key_points = next(i for i, c in enumerate(cells(lesson)) if c.source.startswith("## Key points"))
    first_check = next(i for i, c in enumerate(cells(lesson)) if "questions=[" in c.source)
    assert first_check < key_points


@pytest.mark.parametrize("lesson", BANKS)
def test_every_question_has_a_hint_that_does_not_give_the_answer(lesson):
    for q in load_bank(lesson).questions:
        assert q.hint, f"{lesson}/{q.id} has no hint"
        right = (
            [o.text for o in getattr(q, "options", []) if o.id in q.correct_ids] if hasattr(q, "correct_ids") else []
        )
        for text in right:
            assert flat(text) not in flat(q.hint), f"{lesson}/{q.id}: the hint gives the answer away"


# --- glossary split -----------------------------------------------------------------------------------
def test_glossary_has_a_handful_of_words_to_know_per_lesson_and_words_doctors_use():
    from widgets.content.model import GLOSSARY_HEADINGS

    g = load_glossary()
    for lesson in (*BANKS, "04-red-flags"):
        groups = g.grouped(lesson)
        assert 1 <= len(groups["know"]) <= WORDS_TO_KNOW_MAX, (lesson, [e.term for e in groups["know"]])
    assert len(g.grouped("01-physiology")["know"]) + len(g.grouped("01-physiology")["doctors"]) <= 10
    page = glossary_html("01-physiology")
    assert page.index(GLOSSARY_HEADINGS["know"]) < page.index(GLOSSARY_HEADINGS["doctors"])
    assert "motor unit" in page.split(GLOSSARY_HEADINGS["doctors"])[0]
    assert "fasciculation" in page.split(GLOSSARY_HEADINGS["doctors"])[1]
    whole = glossary().html()  # lesson 05 shows every term
    assert all(e.term in whole for e in g.entries)


# --- issue 23, item 9: wording that claims no more than its source -----------------------------------
def every_bank_text() -> str:
    return flat(" ".join(bank_text(b) for b in (*BANKS, "04-red-flags", "05-review")))


def test_low_potassium_has_no_main_sign_the_source_does_not_name():
    """MedlinePlus lists weakness among the signs of low potassium; it does not call it the main one."""
    text = every_text() + " " + every_bank_text() + " " + flat(md_of("05_review.ipynb"))
    for claim in ("main sign", "mainly causes weakness", "most often shows up as weak", "mostly brings weak"):
        assert claim not in text, claim
    assert "low potassium can" in flat(md("02-triggers"))


def test_a_flicker_on_the_edge_of_the_foot_is_not_claimed_most_likely_from_one_muscle():
    q9 = load_bank("05-review").question("q9")
    assert "most likely" not in flat(q9.prompt)
    text = every_text() + " " + every_bank_text()
    assert "more often comes from" not in text and "small muscles" in text


def test_a_pressing_shoe_mainly_gives_tingling_or_numbness_not_a_twitch():
    """The nerves just under the skin of the foot mostly carry feeling (NHS, "Pins and needles")."""
    shoes = flat(md("03-foot")).split("## 3. shoes that press", 1)[1].split("## 4.", 1)[0]
    assert "mainly gives tingling (pins and needles) or numbness" in shoes
    assert "misfire, and you feel a twitch" not in every_text()
    assert "mainly" in flat(load_regions().region("shoe-pressure").explanation)
    assert "mainly causes tingling" in flat(load_glossary().lookup("nerve compression").meaning)


def test_weakness_is_what_the_foot_can_no_longer_do_though_it_could_before():
    l04 = flat(md_of("04_red_flags.ipynb"))
    assert "your foot can no longer do, though it could before" in l04
    assert "can no longer do something it could do before" in flat(md("03-foot"))
    q12 = load_bank("05-review").question("q12")
    changed = ("before", "last month", "started")  # each right answer says the foot could do it once
    assert all(any(w in flat(o.text) for w in changed) for o in q12.options if o.id in q12.answer)
    for lesson in ("01-physiology", "02-triggers"):  # the short "see one if" lists say it too
        assert "even weakness that comes and goes" in flat(md(lesson)), lesson


def test_caffeine_amounts_and_the_label_come_from_the_fsa_and_efsa():
    caffeine = flat(md("02-triggers")).split("## 4. caffeine", 1)[1].split("## 5.", 1)[0]
    for fact in ("250 ml can often has about 80 mg", "3 mg of caffeine for each kilogram", "(fsa)", "(efsa)"):
        assert fact in caffeine, fact
    assert '"high caffeine content. not recommended for children' in caffeine
    assert "three cans a day is a lot for a teenager" not in every_bank_text()
    kai = flat(" ".join(o.feedback for o in load_bank("02-triggers").question("q11").options))
    assert "80 mg" in kai and "efsa" in kai


def test_a_prescribed_medicine_is_never_stopped_or_kept_without_asking():
    q = load_bank("04-red-flags").question("q12")
    assert "keep taking it" not in flat(q.explanation) and "do not stop it on your own" in flat(q.explanation)


def test_foot_drop_that_came_on_slowly_is_book_a_visit_not_same_day():
    """NHS, "Foot drop": see a GP. Only new weakness that gets worse over days stays same day (NHS GBS)."""
    steps = flat(md_of("04_red_flags.ipynb")).split("## 3. which sign", 1)[1].split("## 4.", 1)[0]
    today = steps.split("urgent, today", 1)[1].split("book a visit with a doctor", 1)[0]
    book = steps.split("book a visit with a doctor", 1)[1]
    assert "drag" not in today and "slowly started to drag" in book and "see a gp about foot drop" in book
    q3 = load_bank("04-red-flags").question("q3")
    assert "worse each day" in flat(q3.prompt) and "book a visit" in flat(q3.explanation)


def test_helplines_where_stress_or_worry_feels_like_too_much():
    stress = flat(md("02-triggers")).split("## 5. stress", 1)[1].split("## 6.", 1)[0]
    worry = flat(md_of("04_red_flags.ipynb")).split("## 4. a word about worry", 1)[1].split("## 5.", 1)[0]
    for where, text in (("lesson 02 stress", stress), ("lesson 04 worry", worry)):
        assert "feels like too much" in text, where
        for line in ("childline on 0800 1111 (uk)", "988 by call or text (us)", "a helpline in your country"):
            assert line in text, (where, line)


def test_nhs_111_and_a_and_e_sit_beside_international_wording():
    for name in ("04_red_flags.ipynb", "05_review.ipynb"):
        text = flat(md_of(name))
        assert "such as nhs 111 in england" in text or "nhs 111" not in text, name
        assert "a&e in the uk" in text or "a&e" not in text, name
    for bank in ("04-red-flags", "05-review"):
        for m in re.finditer(r"nhs 111", bank_text(bank)):
            assert "in england" in bank_text(bank)[m.start() : m.end() + 15], bank


def md_of(notebook: str) -> str:
    return "\n".join(
        c.source for c in nbformat.read(LESSONS / notebook, as_version=4).cells if c.cell_type == "markdown"
    ).replace("*", "")
