"""The answer key is generated from the banks: the committed copy is current and covers every question."""

import re

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from tools.answer_key import KEY_PATH, main, md, misconceptions, render
from widgets.content.load import all_banks
from widgets.engine.grading import correct_answer_text


def test_committed_key_is_up_to_date():
    assert KEY_PATH.read_text(encoding="utf-8") == render(all_banks()), (
        "run: python -m tools.answer_key --output lessons/instructor/answer_key.md"
    )


def test_key_covers_every_question_of_every_bank_with_answer_and_misconceptions():
    text = KEY_PATH.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.M)[1:]
    by_id = {re.search(r"`([^`]+)`", s).group(1): s for s in sections}
    expected = [b.full_id(q) for b in all_banks() for q in b.questions]
    assert list(by_id) == expected
    for b in all_banks():
        for q in b.questions:
            section = by_id[b.full_id(q)]
            assert f"**Answer:** {md(correct_answer_text(q))}" in section
            assert f"**Question:** {md(q.prompt)}" in section
            for wrong, feedback in misconceptions(q):
                assert f"- *{md(wrong)}* — {md(feedback)}" in section


def test_misconceptions_quote_the_why_not_of_each_wrong_option_and_the_feedback_of_other_types():
    b = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), ordering("q5"))
    q1, q2, q3, q4, q5 = b.questions
    assert misconceptions(q1) == [("B", "wb"), ("None of the above", "wc")]  # what a first wrong try shows
    assert misconceptions(q2) == [("B", "wb"), ("D", "wd")]
    assert misconceptions(q3) == [("Answering True", "No, it is false.")]
    assert [f for _, f in misconceptions(q4)] == ["too low", "too high"]
    assert misconceptions(q5) == [("A wrong order", "Not in order.")]


def test_markup_in_content_is_escaped():
    assert md("a <b>x</b> | *y*\nz") == r"a \<b\>x\</b\> \| \*y\* z"
    text = render([bank(single("q1", prompt="Pick <script>"))])
    assert "<script>" not in text and r"\<script\>" in text


def test_check_mode_reports_up_to_date(capsys):
    assert main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out
