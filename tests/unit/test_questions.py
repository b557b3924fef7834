"""The question-type registry: a new type is one module (here, this file) and no package file changes."""

import random
from typing import Any, Literal

import pytest
from pydantic import Field

from tests.helpers import bank, multiple, numeric, ordering, remove_control, single, truefalse
from tools import answer_key
from widgets.classroom.demo_results import write_demo
from widgets.classroom.rollup import rollup_folder
from widgets.content.load import ContentError, all_banks
from widgets.content.model import QUESTION_TYPES, QuestionBank
from widgets.engine import grading
from widgets.questions import BUILT_IN, AnswerError, QuestionBase, Result, registry
from widgets.store.progress import ProgressStore
from widgets.views import inputs
from widgets.views.quiz import LABELS, Quiz

# -- a sixth type, written as a lesson author would: model, grading, texts, and its input control ----------


class OneWord(QuestionBase):
    """Type one word; any of `answer` is right (capitals and spaces around it do not count)."""

    KIND = "one word"
    ONE_VALUE = True

    type: Literal["word"]
    answer: list[str] = Field(min_length=1)
    wrong_feedback: str

    def grade(self, answer: Any) -> Result:
        if not isinstance(answer, str) or not answer.strip():
            raise AnswerError("Type one word first.")
        word = answer.strip()
        ok = word.lower() in {a.lower() for a in self.answer}
        return Result(ok, [word], ["Right." if ok else self.wrong_feedback], self.explanation)

    def correct_answer_text(self) -> str:
        return " or ".join(self.answer)

    def misconceptions(self) -> list[tuple[str, str]]:
        return [("Another word", self.wrong_feedback)]

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        return [(f"typed: {c}", self.wrong_feedback) for c in chosen]

    def right_answer(self) -> str:
        return self.answer[0]

    def wrong_answer(self, rng: random.Random) -> str:
        return rng.choice(["toe", "arch"])


def word(qid="w1") -> dict:
    return {
        "id": qid,
        "type": "word",
        "prompt": "Which part of the foot touches the ground first when you walk?",
        "explanation": "The heel lands first.",
        "hint": "Walk slowly.",
        "answer": ["heel"],
        "wrong_feedback": "Watch your own step.",
    }


@pytest.fixture
def one_word_type():
    registry.register(OneWord)
    inputs.control("word", hint="Type one word.")  # the page shows a text box; the kernel grades it
    yield OneWord
    registry.unregister("word")
    remove_control("word")


def test_a_new_type_loads_grades_and_renders_in_the_quiz(one_word_type, tmp_path, quiz_tab):
    b = bank(single(), word())
    q = b.question("w1")
    assert isinstance(q, OneWord)
    assert grading.grade(q, " Heel ").correct
    assert not grading.grade(q, "toe").correct
    assert grading.grade(q, "").feedback == ["Type one word first."] and not grading.grade(q, "").valid

    store = ProgressStore(tmp_path)
    quiz = Quiz(b, store)
    data = quiz.page.questions[1]
    assert data["how"] == "Type one word." and not data["graded_in_page"]
    page = quiz_tab.setup()
    # the page (static/quiz.js in node) sends each try; the kernel grades it
    v = page.render(quiz)
    box = 'section[data-question="99-test/w1"] .quiz-number'
    assert [e["tag"] for e in page.query(v, box)] == ["input"]
    shown = []
    for typed in ("toe", "toe", "heel"):
        page.choose(v, "99-test/w1", typed)
        page.click(v, 'section[data-question="99-test/w1"] .quiz-check')
        assert page.card(v, "99-test/w1")["feedback"] == LABELS["checking"]  # no verdict of its own
        page.tick(200)
        shown.append(page.card(v, "99-test/w1")["feedback"])  # the kernel's verdict, drawn
    assert "Walk slowly." in shown[0] and "Watch your own step." in shown[1] and shown[2].startswith("Right.")
    assert [r["response"]["stage"] for _, r in page.replies] == ["hint", "answer", "right"]
    assert page.replies[0][1]["response"]["lines"] == ["Walk slowly."]  # a first wrong try: the hint
    assert "Watch your own step." in page.replies[1][1]["response"]["lines"]
    assert [a["chosen"] for a in store.load()["attempts"]] == [["toe"], ["toe"], ["heel"]]

    again = page.render(Quiz(b, store))  # the saved answer comes back through the type's own methods
    assert [e["value"] for e in page.query(again, box)] == ["heel"]
    assert page.card(again, "99-test/w1")["saved"] == "Saved from before: 3 tries, first try wrong."


def test_a_new_type_goes_through_made_up_results_and_the_class_roll_up(one_word_type, tmp_path):
    b = bank(single(), word())
    folder = write_demo(tmp_path / "class", learners=30, banks=[b], review=[], bad_files=False)
    result = rollup_folder(folder, [b], review=[])
    stat = next(s for s in result.questions if s.question == "99-test/w1")
    assert stat.answer == "heel" and 0 < stat.first_correct < stat.answered
    picked = {m.picked: m for m in result.misconceptions if m.question == "99-test/w1"}
    assert set(picked) <= {"typed: toe", "typed: arch"} and picked
    assert sum(m.count for m in picked.values()) == stat.answered - stat.first_correct
    assert all(m.feedback == "Watch your own step." for m in picked.values())


def test_a_type_is_refused_once_unregistered_and_the_message_lists_the_others():
    registry.register(OneWord)
    try:
        bank(word())  # accepted while registered
    finally:
        registry.unregister("word")
    with pytest.raises(ContentError) as err:
        bank(word())
    assert "unknown question type" in str(err.value) and "'word'" not in str(err.value).split("expected")[1]
    assert registry.names() == QUESTION_TYPES


def test_a_taken_name_an_unnamed_type_and_a_missing_method_are_refused():
    class Impostor(OneWord):
        type: Literal["single"]

    class Unnamed(OneWord):
        type: str

    class Lazy(QuestionBase):
        type: Literal["lazy"]

    with pytest.raises(ValueError, match="'single' is already registered"):
        registry.register(Impostor)
    with pytest.raises(TypeError, match="Literal"):
        registry.register(Unnamed)
    with pytest.raises(TypeError, match=r"does not define .*grade"):
        registry.register(Lazy)
    assert registry.names() == QUESTION_TYPES


def test_the_built_in_types_are_registered_in_order_each_with_a_control_and_a_key_word():
    assert registry.names() == ("single", "multiple", "truefalse", "numeric", "ordering")
    assert registry.classes() == BUILT_IN
    assert set(inputs.names()) == set(registry.names())
    assert all(cls.KIND for cls in BUILT_IN) and len({cls.KIND for cls in BUILT_IN}) == len(BUILT_IN)


def test_the_bank_schema_follows_the_registry(one_word_type):
    tags = QuestionBank.model_json_schema()["$defs"]
    assert "OneWord" in tags and all(cls.__name__ in tags for cls in BUILT_IN)


def test_each_built_in_type_gives_its_key_word_misconceptions_and_made_up_answers():
    b = bank(single(), multiple(), truefalse(), numeric(), ordering())
    assert [q.KIND for q in b.questions] == [
        "choose one",
        "tick all that fit",
        "true or false",
        "number",
        "put in order",
    ]
    rng = random.Random(3)
    for q in [q for bk in [b, *all_banks()] for q in bk.questions]:
        assert q.misconceptions() == answer_key.misconceptions(q)
        right, wrong = grading.grade(q, q.right_answer()), grading.grade(q, q.wrong_answer(rng))
        assert right.valid and right.correct and wrong.valid and not wrong.correct, q.id
        assert grading.grade(q, q.answer_from_saved(right.chosen)).correct, q.id  # saved ids grade the same
        assert q.wrong_picks(wrong.chosen), q.id
