"""The page decides the self-check and the practice stories as the engine does: static/selfcheck_engine.js, run in
real node over widgets/engine/selfcheck_page.py's JSON, against widgets/engine/triage.py and engine/cases.py.

Inputs: every input of the complete safety proof's decomposition (tests/unit/test_triage_proof.py `walk`: every
single answer, all pairs and triples, every tier x duration x mode x triggers, the blank steps; own and explore
mode), recorded as the proof walks them, for the default region; the distinct results of that walk in every other
region; and every story with every choice (and no choice) in every region. Whole results are compared: the step
asked and its blanks, or the verdict with every text (cautions, reasons, steps), or explore mode's example.
"""

from __future__ import annotations

import functools
import json
import subprocess
from dataclasses import asdict
from typing import Any

import pytest

from tests.page.test_quiz_parity import NODE
from tests.unit.test_triage_proof import Proof, walk
from widgets.content.load import load_care_file, load_triage_rules
from widgets.engine import triage as T
from widgets.engine.cases import ChoiceError, judge, load_cases
from widgets.engine.selfcheck_page import page_rules, page_stories
from widgets.views.palette import STATIC

pytestmark = pytest.mark.slow  # about 100,000 inputs through both engines

QUESTIONS = T.QUESTIONS
ENGINE = STATIC / "selfcheck_engine.js"

# Reads {data, stories, cases, story_cases} on stdin. Each result is put in a table of distinct results (as JSON
# text), and each case answered with its row: the output stays small while every result is compared whole.
RUNNER = """
const E = await import(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const rows = new Map();
const row = (r) => { const k = JSON.stringify(r); if (!rows.has(k)) rows.set(k, rows.size); return rows.get(k); };
const { data, stories, questions } = input;
const cases = input.cases.map(([values, ticked, exploring]) => {
  const choices = {};
  questions.forEach((q, i) => { if (values[i] !== null) choices[q] = values[i]; });
  return row(E.run(choices, ticked, data, exploring));
});
const story_cases = input.story_cases.map(([i, choice]) => {
  try { return row(E.judge(stories, stories.stories[i], choice, data)); }
  catch (e) { return row({ error: e.message }); }
});
process.stdout.write(JSON.stringify({ table: [...rows.keys()], cases, story_cases }));
"""


class Recorder(Proof):
    """Walks the proof's inputs without its checks: each input is kept with the engine's own result."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[tuple[list[str | None], list[str], bool]] = []
        self.results: list[T.Result] = []

    def run(self, form: dict, ticked=(), mode="own"):
        self.inputs.append(([form.get(q) for q in QUESTIONS], list(ticked), mode == "explore"))
        self.results.append(super().run(form, ticked, mode))
        return self.results[-1]

    def check(self, form: dict, ticked=(), mode="own"):
        return self.run(form, ticked, mode)


@functools.cache  # results are frozen dataclasses: the walk's ~100,000 results hold a few hundred distinct ones
def python_result(r: T.Result) -> dict[str, Any]:
    """A result as the page gives it: the dataclass's fields (tuples as lists) and its kind."""
    kind = {T.Ask: "ask", T.Verdict: "verdict", T.Example: "example"}[type(r)]
    out = {"kind": kind, **json.loads(json.dumps(asdict(r)))}
    if kind == "example":
        out["verdict"] = {"kind": "verdict", **out["verdict"]}
    return out


def in_node(data: dict, stories: dict, cases: list, story_cases: list) -> tuple[list[dict], list[dict]]:
    payload = {"data": data, "stories": stories, "questions": list(QUESTIONS), "cases": cases}
    payload["story_cases"] = story_cases
    done = subprocess.run(
        [NODE, "--input-type=commonjs", "-e", f"(async () => {{ {RUNNER} }})()", ENGINE.as_uri()],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout)
    table = [json.loads(k) for k in out["table"]]
    return [table[i] for i in out["cases"]], [table[i] for i in out["story_cases"]]


def python_judge(stories, story, choice) -> dict[str, Any]:
    try:
        return asdict(judge(stories, story, choice))
    except ChoiceError as e:
        return {"error": str(e) if choice in (None, "") else "unknown"}


def page_judge(got: dict[str, Any], choice) -> dict[str, Any]:
    if "error" in got and choice not in (None, ""):
        return {"error": "unknown"}  # both refuse an unknown id; the words of that developer message may differ
    return got


def story_inputs(stories) -> list[tuple[int, str | None]]:
    return [(i, c) for i in range(len(stories.stories)) for c in [*T.SEVERITY, None, "", "call_a_friend"]]


@pytest.fixture(scope="module")
def walked() -> Recorder:
    rec = Recorder()
    walk(rec)
    return rec


def compare_region(region: str, inputs: list, results: list | None = None) -> None:
    """Page and engine on `inputs` in `region` (`results`: the engine's, when already computed), and every story
    with every choice."""
    rules = load_triage_rules(region=region)
    stories = load_cases(region)
    s_inputs = story_inputs(stories)
    page, page_stories_got = in_node(page_rules(rules), page_stories(stories), inputs, s_inputs)
    for n, ((values, ticked, exploring), got) in enumerate(zip(inputs, page, strict=True)):
        choices = {q: v for q, v in zip(QUESTIONS, values, strict=True) if v is not None}
        engine = results[n] if results else T.run(choices, ticked, rules=rules, exploring=exploring)
        assert got == python_result(engine), (region, choices, ticked, exploring)
    for (i, choice), got in zip(s_inputs, page_stories_got, strict=True):
        story = stories.stories[i]
        assert page_judge(got, choice) == python_judge(stories, story, choice), (region, story.id, choice)


def test_the_page_decides_every_input_of_the_safety_proof_as_the_engine_does(walked):
    assert len(walked.inputs) > 100_000  # the whole walk, not a sample
    assert load_triage_rules() == load_triage_rules(region=load_care_file().default_region)  # the walk's rules
    compare_region(load_care_file().default_region, walked.inputs, walked.results)


def test_every_region_decides_in_the_page_as_the_engine_does(walked):
    """Each other region: one input for each distinct result of the walk (the rules are the same; the texts
    carry that region's numbers and services), and every story choice."""
    seen: dict[T.Result, tuple] = {}
    for one, result in zip(walked.inputs, walked.results, strict=True):
        seen.setdefault(result, one)
    assert len(seen) > 50
    care = load_care_file()
    for region in (r.id for r in care.regions if r.id != care.default_region):
        compare_region(region, list(seen.values()))


def test_a_page_engine_that_drifts_from_the_rules_is_caught():
    """The comparison can fail: a page rule moved to a calmer outcome, and a lost caution, both show."""
    rules = load_triage_rules()
    data = page_rules(rules)
    calm = json.loads(json.dumps(data))
    for r in calm["rules"]:
        if r["id"] == "emergency-numbness":
            r["outcome"] = "same_day"
        r["caution"] = None
    form = dict.fromkeys(T.SIGNS, "no") | {"duration": "under_1_week"}
    cases = [
        ([(form | {"sudden_numbness": "yes"}).get(q) for q in QUESTIONS], [], False),
        ([(form | {"face_drooping": "unsure"}).get(q) for q in QUESTIONS], [], False),
    ]
    stories = page_stories(load_cases())
    good, _ = in_node(data, stories, cases, [])
    bad, _ = in_node(calm, stories, cases, [])
    assert good[0]["outcome"] == "emergency" and good[1]["cautions"]
    assert bad[0] != good[0] and bad[1] != good[1]
