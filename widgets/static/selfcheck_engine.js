// The self-check and the practice stories decided in the page: the same rules as widgets/engine/triage.py and
// widgets/engine/cases.py, over the JSON of widgets/engine/selfcheck_page.py (one region's rules, texts filled in).
// Pure functions, no DOM: the page (a widget, or the static site with no kernel) draws what they return.
// tests/page/test_selfcheck_parity.py runs them in node against the Python engine over the safety proof's whole
// decomposition (tests/unit/test_triage_proof.py) and every story choice: a page-side change that disagrees fails.
//
// Shapes (plain objects, as dataclasses.asdict gives the Python ones):
//   answers  {signs: [], earlier: [], unsure: [], duration, triggers: []}   (SelfCheckAnswers)
//   Ask      {kind: "ask", step, missing: []}
//   Verdict  {kind: "verdict", outcome, cautions, title, where, do_now, tell, reasons: [{rule, answer, why}],
//             steps, closing, always}
//   Example  {kind: "example", label, intro, story, verdict_label, verdict, steps_label, steps}

// One answer of `answers` to one question (SelfCheckAnswers.answer).
export function answerOf(answers, question) {
  if (question === "duration") return answers.duration ?? "under_1_week";
  if ((answers.signs ?? []).includes(question)) return "yes";
  if ((answers.earlier ?? []).includes(question)) return "earlier";
  if ((answers.unsure ?? []).includes(question)) return "unsure";
  return "no";
}

// The rules these answers fire, most urgent first, then in file order (triage.fired).
export function fired(answers, data) {
  const sev = data.vocab.severity;
  const hits = [];
  data.rules.forEach((r, i) => {
    if (r.when.includes(answerOf(answers, r.question))) hits.push([-sev[r.outcome], i, r]);
  });
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return hits.map((h) => h[2]);
}

function answerLabel(data, question, answer) {
  if (question === "duration") return `${data.duration.label}: ${data.duration.choices[answer]}`;
  return `${data.labels[question]}: ${data.options[data.vocab.step_of[question]][answer]}`;
}

// The verdict for one person's answers (triage.triage).
export function triage(answers, data) {
  const hits = fired(answers, data);
  const outcome = hits.length ? hits[0].outcome : "no_warning_signs";
  const o = data.outcome_texts[outcome];
  const reasons = hits
    .filter((r) => r.outcome === outcome)
    .map((r) => ({ rule: r.id, answer: answerLabel(data, r.question, answerOf(answers, r.question)), why: r.reason }));
  let steps = [];
  if (outcome === "no_warning_signs") {
    const ticked = answers.triggers ?? [];
    steps = data.triggers.filter((t) => ticked.includes(t.id)).map((t) => t.step);
    if (!steps.length) steps = [data.no_triggers];
  }
  // an emergency verdict already says "call now" in its first line: no cautions above it
  const cautions = outcome === "emergency" ? [] : hits.filter((r) => r.caution).map((r) => r.caution);
  return {
    kind: "verdict", outcome, cautions, title: o.title, where: o.where, do_now: [...o.do_now], tell: o.tell,
    reasons, steps, closing: [...o.closing], always: [...data.always],
  };
}

// Every piece of text of a verdict, in the order it is shown (Verdict.lines).
export function verdictLines(v) {
  const out = [...v.cautions, v.title, v.where, ...v.do_now, v.tell];
  for (const r of v.reasons) out.push(r.answer, r.why);
  return [...out, ...v.steps, ...v.closing, ...v.always];
}

// The answers of the steps up to `upto` (triage.answers_from_choices): every question of those steps answered,
// later ones count as "no". Throws on a blank or an unknown answer.
export function answersFromChoices(choices, ticked, upto, data) {
  const V = data.vocab;
  const asked = V.questions.filter((q) => V.steps.indexOf(V.step_of[q]) <= V.steps.indexOf(upto));
  const blank = asked.filter((q) => choices[q] == null);
  if (blank.length) throw new Error(`questions not answered: ${blank.join(", ")}`);
  for (const q of asked) {
    if (!V.answers[q].includes(choices[q])) throw new Error(`${q} has no answer ${JSON.stringify(choices[q])}`);
  }
  const got = (q) => (asked.includes(q) ? choices[q] : undefined);
  return {
    signs: V.signs.filter((q) => got(q) === "yes"),
    earlier: V.signs.filter((q) => got(q) === "earlier"),
    unsure: V.signs.filter((q) => got(q) === "unsure"),
    duration: got("duration") || "under_1_week",
    triggers: V.triggers.filter((t) => (ticked ?? []).includes(t)),
  };
}

// The "if it is happening now, call ... now" lines of the step-1 answers "not sure" so far (triage.cautions).
export function cautions(choices, data) {
  const out = [];
  for (const q of data.vocab.emergency_signs) {
    if (choices[q] !== "unsure") continue;
    for (const r of data.rules) if (r.question === q && r.when.includes("unsure") && r.caution) out.push(r.caution);
  }
  return out;
}

// Explore mode's result: the worked example and the everyday steps for the triggers ticked (triage.example).
export function example(data, ticked) {
  const e = data.example;
  const steps = data.triggers.filter((t) => (ticked ?? []).includes(t.id)).map((t) => t.step);
  return {
    kind: "example", label: e.label, intro: e.intro, story: e.story, verdict_label: e.verdict_label,
    verdict: triage(e.answers, data), steps_label: e.steps_label, steps,
  };
}

// What follows a press of the button on step `at` (triage.advance).
export function advance(choices, ticked, at, data, exploring = false) {
  const V = data.vocab;
  const i = V.steps.indexOf(at);
  const last = i === V.steps.length - 1;
  if (exploring) return last ? example(data, ticked) : { kind: "ask", step: V.steps[i + 1], missing: [] };
  const now = V.emergency_signs.filter((q) => choices[q] === "yes");
  if (now.length) return triage({ signs: now }, data);
  for (const step of V.steps.slice(0, i + 1)) {
    const missing = V.questions.filter((q) => V.step_of[q] === step && choices[q] == null);
    if (missing.length) return { kind: "ask", step, missing };
  }
  const verdict = triage(answersFromChoices(choices, ticked, at, data), data);
  const ends = V.ends_after[at];
  if (last || (ends !== undefined && V.severity[verdict.outcome] >= V.severity[ends])) return verdict;
  return { kind: "ask", step: V.steps[i + 1], missing: [] };
}

// The whole form at once, as a learner pressing the button on every step (triage.run).
export function run(choices, ticked, data, exploring = false) {
  let at = data.vocab.steps[0];
  for (;;) {
    const r = advance(choices, ticked, at, data, exploring);
    if (r.kind !== "ask" || r.missing.length) return r;
    at = r.step;
  }
}

// A learner's choice for one practice story (cases.judge): right, more cautious (accepted, never wrong), or too
// little. Throws on no choice or an unknown one, with the kernel's words for "nothing chosen".
export function judge(stories, story, choice, data) {
  const sev = data.vocab.severity;
  if (!data.vocab.outcomes.includes(choice)) {
    throw new Error(choice == null || choice === "" ? "Choose one of the steps first." : `unknown choice ${JSON.stringify(choice)}`);
  }
  const correct = choice === story.expected;
  const moreCautious = sev[choice] > sev[story.expected];
  let hint = "";
  if (!correct) hint = moreCautious ? stories.more_cautious[choice] : stories.too_little[story.expected];
  return { chosen: choice, expected: story.expected, correct, more_cautious: moreCautious, hint, reason: story.reason };
}
