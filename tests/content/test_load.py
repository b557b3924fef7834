"""The loader: shipped content validates; each broken fixture gives one clear, named error."""

from pathlib import Path

import pytest

from widgets.content.load import ContentError, all_banks, lesson_ids, load_bank, load_course, load_file, load_glossary
from widgets.content.model import QUESTION_TYPES, QuestionBank

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken_banks"

# fixture file -> (entry, field, words the problem must contain)
EXPECTED = {
    "missing-field.yaml": ("q1", "options[1].feedback", "missing"),
    "wrong-type.yaml": ("q1", "answer", "valid boolean"),
    "duplicate-id.yaml": ("q1", "id", "duplicate question id 'q1'"),
    "unknown-answer.yaml": ("q7", "answer", "answer 'z' is not among the option ids"),
    "yaml-syntax.yaml": (None, None, "YAML syntax error at line"),
    "unknown-type.yaml": ("q2", None, "unknown question type"),
    "typo-field.yaml": ("q3", "wrong_feedbak", "unknown field"),
    # issue 26: a wrong option's why_not is shown on a first try, so it must never give the answer
    "why-not-gives-answer.yaml": (
        "s1",
        "options[1].why_not",
        "the why_not of option 'cord' gives the answer away: it contains the right option 'brain' ('In your brain')",
    ),
    "why-not-missing.yaml": ("q2", "options[2].why_not", "wrong option 'c' needs a why_not"),
    "why-not-on-right-option.yaml": ("q3", "options[0].why_not", "option 'a' is a right answer"),
}


def test_every_fixture_is_listed():
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_bank_gives_named_error(name):
    entry, field, words = EXPECTED[name]
    with pytest.raises(ContentError) as info:
        load_file(QuestionBank, BROKEN / name)
    err = info.value
    assert err.path.endswith(name) and name in str(err)
    assert err.entry == entry
    assert err.field == field
    assert words in err.problem, err.problem
    assert "\n" not in str(err)  # one clear line, not a pydantic dump


def test_missing_lesson_names_known_ones():
    with pytest.raises(ContentError, match=r"no question bank for lesson 'nope'.*01-physiology"):
        load_bank("nope")


def test_shipped_banks_and_glossary_validate():
    banks = all_banks()
    assert banks and [b.lesson for b in banks] == lesson_ids()
    assert load_glossary().entries
    course_ids = [l.id for l in load_course().lessons]
    assert set(lesson_ids()) <= set(course_ids)


def test_each_lesson_quiz_has_five_questions_of_three_types():
    for b in all_banks():
        if b.lesson == "05-review":
            continue
        assert len(b.questions) >= 5, b.lesson
        assert len({q.type for q in b.questions}) >= 3, b.lesson


def test_course_uses_all_five_question_types():
    used = {q.type for b in all_banks() for q in b.questions}
    assert used == set(QUESTION_TYPES)


def test_topics_name_glossary_terms_or_regions():
    terms = {e.term.lower() for e in load_glossary().entries}
    for b in all_banks():
        for q in b.questions:
            if q.topic and not q.topic.startswith("region:"):
                assert q.topic.lower() in terms, f"{b.lesson}/{q.id} topic {q.topic!r} is not in the glossary"


def test_a_content_file_that_is_not_utf8_or_nested_too_deeply_gives_one_clear_error(tmp_path):
    """Issue 12: every parse turns a decoding or depth failure into the one ContentError path."""
    from widgets.content.model import Glossary

    utf16 = tmp_path / "glossary.yaml"
    utf16.write_bytes("entries: []\n".encode("utf-16"))
    with pytest.raises(ContentError, match="not UTF-8 text"):
        load_file(Glossary, utf16)
    deep = tmp_path / "deep.yaml"
    deep.write_text("entries: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_file(Glossary, deep)
    assert "deep.yaml" in str(e.value)


def test_a_key_given_twice_in_a_content_file_is_refused_not_silently_overwritten(tmp_path):
    """Issue 24 item 19: `answer: brain` then `answer: toes` loaded as "toes" (YAML keeps the last key without a
    word), so the export marked the wrong option right. The loader names the file, the entry and the field."""
    import yaml

    from widgets.content import load

    shipped = (load.QUESTIONS_DIR / "01-physiology.yaml").read_text(encoding="utf-8")
    assert shipped.count("    answer: brain\n") == 1
    bank = tmp_path / "01-physiology.yaml"
    bank.write_text(shipped.replace("    answer: brain\n", "    answer: brain\n    answer: toes\n"), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_file(QuestionBank, bank)
    line = shipped[: shipped.index("    answer: brain\n")].count("\n") + 1
    assert (e.value.entry, e.value.field) == ("s1", "answer")
    assert e.value.problem == f"the key 'answer' is given twice (lines {line} and {line + 1}); keep only one"
    assert str(e.value).startswith(f"{bank}: entry 's1', field 'answer': ") and "\n" not in str(e.value)
    spine = "        text: In your spinal cord\n"
    option = shipped.replace(spine, spine + "        text: x\n")
    bank.write_text(option, encoding="utf-8")
    with pytest.raises(ContentError, match="given twice") as e:
        load_file(QuestionBank, bank)
    assert (e.value.entry, e.value.field) == ("s1", "options[1].text")
    assert issubclass(load._ContentLoader, yaml.CSafeLoader)  # libyaml's parser still does the reading
    bank.write_text("base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  x: 3\n", encoding="utf-8")
    assert load._read_yaml(bank) == {"base": {"x": 1, "y": 2}, "merged": {"x": 3, "y": 2}}  # a merge key overrides


def test_every_question_names_a_course_goal_and_every_goal_is_checked(tmp_path, monkeypatch):
    """Issue 28: each question names the learning goal it checks. The loader refuses a question with no goal, a
    goal that course.yaml does not list, and a goal of course.yaml that no question checks."""
    from widgets.content import load

    by_goal = load.goal_questions()
    assert list(by_goal) == [g.id for g in load_course().goals] and len(by_goal) == 5
    assert all(by_goal.values())  # every goal is checked by at least one question
    assert sum(map(len, by_goal.values())) == sum(len(b.questions) for b in all_banks())
    assert "01-physiology/q1" in by_goal["what-a-twitch-is"] and "04-red-flags/q9" in by_goal["warning-signs"]

    shipped = (load.QUESTIONS_DIR / "01-physiology.yaml").read_text(encoding="utf-8")
    first = "    goal: twitch-or-cramp\n"  # s1, the first question
    assert shipped.index(first) < shipped.index("  - id: s2")
    monkeypatch.setattr(load, "QUESTIONS_DIR", tmp_path)
    bank = tmp_path / "01-physiology.yaml"

    def refused(text: str) -> ContentError:
        bank.write_text(text, encoding="utf-8")
        load.load_bank.cache_clear()
        try:
            with pytest.raises(ContentError) as e:
                load.load_bank("01-physiology")
        finally:
            load.load_bank.cache_clear()
        return e.value

    err = refused(shipped.replace(first, "", 1))
    assert (err.entry, err.field, err.problem) == (
        "s1",
        "goal",
        "name the learning goal this question checks (one of course.yaml's goals)",
    )
    err = refused(shipped.replace(first, "    goal: spelling\n", 1))
    assert (err.entry, err.field) == ("s1", "goal")
    assert err.problem.startswith("goal 'spelling' is not one of course.yaml's goals (what-a-twitch-is, ")

    # every question of one goal (lessons 01 and 05 hold them) moved to another: no question checks that goal
    assert {i.split("/")[0] for i in by_goal["what-a-twitch-is"]} == {"01-physiology", "05-review"}
    for path in (Path(load.__file__).parent / "questions").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "01-physiology":
            text = text.replace("goal: what-a-twitch-is", "goal: warning-signs")
        if path.stem == "05-review":
            text = text.replace("goal: what-a-twitch-is", "goal: warning-signs")
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    load.load_bank.cache_clear()
    try:
        with pytest.raises(ContentError) as e:
            load.all_banks()
    finally:
        load.load_bank.cache_clear()
    assert (e.value.entry, e.value.field, e.value.problem) == (
        "what-a-twitch-is",
        "goals",
        "no question checks this goal",
    )
