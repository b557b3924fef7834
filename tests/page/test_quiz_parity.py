"""The page grades as the engine does: static/quiz.js's `grade` and `respond`, run in real node, against
widgets/engine/grading.py over every question of every bank (the final review's bank included) and over generated
answers: the right one, each wrong option, subsets, permutations, numeric edges and tolerance, bad input,
for a first try, a later try and "Show the answer". They must agree on right/wrong, the stage, the feedback
keys and their texts, the answer as saved, and the summary line.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from widgets.content.load import all_banks
from widgets.engine import grading
from widgets.engine.quiz_page import page_question
from widgets.questions import MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse
from widgets.views.palette import STATIC

NODE = shutil.which("node") or "/usr/bin/node"
BAD = [None, "", "   ", "zzz", 3, True, [], ["zzz"], {"a": 1}, [None], [1, 2]]

RUNNER = """
const { grade, respond } = await import(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map(([q, answer, wrongBefore, show]) => ({
  grade: show ? null : grade(q, answer),
  respond: respond(q, answer, wrongBefore, show),
}));
process.stdout.write(JSON.stringify(out));
"""


def answers(q: QuestionBase) -> list[Any]:
    """Generated answers for one question: right, wrong, partial, reordered, edge and invalid ones."""
    out: list[Any] = list(BAD)
    if isinstance(q, SingleChoice):
        out += [o.id for o in q.options] + [q.answer.upper(), " " + q.answer]
    elif isinstance(q, TrueFalse):
        out += [True, False, "true", "false", "TRUE", "False", "yes", 0, 1]
    elif isinstance(q, MultipleSelect):
        ids = [o.id for o in q.options]
        for n in range(len(ids) + 1):
            out += [list(c) for c in itertools.combinations(ids, n)]
        out += [list(p) for p in itertools.permutations(q.answer)][:24]
        out += [[*q.answer, q.answer[0]], [*q.answer, "zzz"], q.answer[0]]
    elif isinstance(q, Numeric):
        a, t = q.answer, q.tolerance
        for v in (a, a + t, a - t, a + t + 0.001, a - t - 0.001, a + t + 1e-10, a - t - 1e-8, a + 1, a - 1, 0, -0.0):
            out += [v, repr(v), f"{v:g}".replace(".", ",")]
        out += [f" {a:g} ", f"\t{a:g}\n", f"{a:g}.", f"+{a:g}", f"{a:g}e0", "1e3", "1e999", "-1e999", "1e-7"]
        out += ["inf", "nan", "1_000", "0x10", "3.5.1", "1,5", ".5", "5.", "e5", "--3", "1 000", "١", "3 weeks"]
        out += [1234567, 0.0001, 0.00001234, 999999.5, 123456789.0, -2.5]
        # numbers typed as words (issue 26): zero to twenty in any case and with spaces; other words refused
        out += ["one", "One", " THREE ", "zero", "twenty", "twenty-one", "one.", "a", "won", "İ", "ｏｎｅ", "one two"]
    elif isinstance(q, Ordering):
        ids = q.right_answer()
        out += [list(p) for p in itertools.permutations(ids)][:130]
        out += [ids[:-1], [*ids, ids[0]], [ids[0], *ids[:-1]], [*ids[:-1], None], [*ids[:-1], ""], [*ids[:-1], "zzz"]]
        out += [ids[0], [*ids[:-1], 7]]
    return out


def _cases() -> list[tuple[QuestionBase, dict[str, Any], Any, int, bool]]:
    made = bank(single(), multiple(), truefalse(), numeric(), numeric("q6", tolerance=0, answer=0), ordering())
    cases = []
    for b in [*all_banks(), made]:
        for q in b.questions:
            data = page_question(q, "learner-parity", b.full_id(q))
            for answer in answers(q):
                answer = json.loads(json.dumps(answer))  # both sides get the same JSON value
                for wrong_before in (0, 1, 2):
                    cases.append((q, data, answer, wrong_before, False))
            cases.append((q, data, None, 0, True))
    return cases


def run_node(script: str, tmp: Path, stdin: str = "") -> Any:
    """Run `script` in node with quiz.js importable as an ES module (its path is process.argv[1])."""
    if not Path(NODE).exists():
        pytest.fail(f"node not found at {NODE}: the parity test needs it (apt-get install nodejs)")
    done = subprocess.run(  # the source itself: it imports ./dom.js beside it
        [NODE, "--input-type=commonjs", "-e", f"(async () => {{ {script} }})()", (STATIC / "quiz.js").as_uri()],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_page_grades_every_question_and_answer_as_the_engine_does(tmp_path):
    cases = _cases()
    results = run_node(RUNNER, tmp_path, json.dumps([[data, answer, wb, show] for _, data, answer, wb, show in cases]))
    assert len(results) == len(cases) > 5000
    mismatches = []
    stages = set()
    for (q, data, answer, wb, show), page in zip(cases, results, strict=True):
        want = asdict(grading.respond(q, answer, wb, show))
        stages.add(want["stage"])
        if page["respond"] != want:
            mismatches.append((q.id, answer, wb, show, page["respond"], want))
        if not show:
            r = grading.grade(q, answer)
            g = page["grade"]
            mine = {k: g[k] for k in ("valid", "correct", "chosen", "keys", "summary")}
            theirs = {"valid": r.valid, "correct": r.correct, "chosen": r.chosen, "keys": r.keys, "summary": r.summary}
            if mine != theirs or [data["texts"][k] for k in r.keys] != r.feedback:
                mismatches.append((q.id, answer, "grade", mine, theirs))
    assert not mismatches, f"{len(mismatches)} disagreements, first: {mismatches[:3]}"
    assert stages == {"invalid", "right", "hint", "answer", "shown"}  # every stage was reached


def test_a_first_wrong_try_gives_a_hint_never_the_answer():
    for b in all_banks():
        for q in b.questions:
            wrong = q.wrong_answer(__import__("random").Random(1))
            first = grading.respond(q, json.loads(json.dumps(wrong)), 0)
            assert first.stage == "hint" and first.lines[-1] == q.hint, q.id
            assert q.correct_answer_text() not in first.lines, q.id
            assert not any(k.startswith(("missed:", "option:")) or k in ("wrong", "low", "high") for k in first.keys)
            second = grading.respond(q, json.loads(json.dumps(wrong)), 1)
            assert second.stage == "answer" and second.lines[-1] == q.correct_answer_text(), q.id


def test_numbers_are_shown_as_python_shows_them():
    values = [0, -0.0, 1, 1.5, 100000, 999999, 1000000, 123456789, 0.0001, 0.00001, 2.5e-7, 1 / 3, 12345.678]
    script = f"""
    const {{ formatG }} = await import(process.argv[1]);
    process.stdout.write(JSON.stringify({json.dumps(values)}.map(formatG)));
    """
    if not Path(NODE).exists():
        pytest.fail(f"node not found at {NODE}")
    done = subprocess.run(
        [NODE, "--input-type=commonjs", "-e", f"(async () => {{ {script} }})()", (STATIC / "quiz.js").as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout) == [f"{v:g}" for v in values]
