// The self-check of lesson 04 drawn and decided in the page (views/selfcheck.py sends the words and rules once):
// one step at a time, the verdict (or explore mode's example) from static/selfcheck_engine.js at the press of the
// button, with no kernel. The whole form is one state {mode, choices, ticked, step, at, note} (at: the step the
// button was last pressed on, null once an answer changed; note: "choose_mode" | "changed" | "cleared" | ""):
// what shows is derived from it (derive), every control makes the next state (press, edit, back, clear, skip),
// and the kernel, where there is one, mirrors it (views/selfcheck.py computes the same with engine/triage.py).
// Nothing is kept: answers live in this page only.
import { h, icon, kernelState, liveLine, moveFocus } from "./dom.js";
import { advance, cautions } from "./selfcheck_engine.js";
import { onRegion, pageRegion, personalOn, regionData, regionPicker } from "./page_region.js";

// -- the state and what follows each control (views/selfcheck.py mirrors these) --------------------------------
export function blank(d, personal) {
  return { mode: personal ? null : "explore", choices: Object.fromEntries(d.vocab.questions.map((q) => [q, null])),
    ticked: [], step: d.vocab.steps[0], at: null, note: "" };
}

// What the state shows: the result of the last press (an Ask, a Verdict or an Example; null before one), and the
// "call now if it is happening now" lines above the steps past the first (the personal check, no result yet).
export function derive(d, s) {
  const result = s.at === null || s.mode === null ? null : advance(s.choices, s.ticked, s.at, d, s.mode === "explore");
  const done = result !== null && result.kind !== "ask";
  const alert = s.mode === "own" && !done && d.vocab.steps.indexOf(s.step) > 0 ? cautions(s.choices, d) : [];
  return { result, alert, missing: result && result.kind === "ask" ? result.missing : [] };
}

export function press(d, s) {
  if (s.mode === null) return { ...s, at: null, note: "choose_mode" };
  const r = advance(s.choices, s.ticked, s.step, d, s.mode === "explore");
  return { ...s, step: r.kind === "ask" ? r.step : s.step, at: s.step, note: "" };
}

// An answer, a tick or the mode changed: a result on screen never describes answers that have since changed.
export function edit(d, s, changes) {
  const { result } = derive(d, s);
  const withdrawn = result !== null && result.kind !== "ask";
  return { ...s, ...changes, at: null, note: withdrawn ? "changed" : "" };
}

export function back(d, s) {
  const i = d.vocab.steps.indexOf(s.step);
  return i ? { ...s, step: d.vocab.steps[i - 1], at: null, note: "" } : s;
}

export function clear(d, s, personal) { return { ...blank(d, personal), note: "cleared" }; }

// Explore mode: past every question to the example at once (the answers change nothing but the ticked steps).
export function skip(d, s) {
  const last = d.vocab.steps[d.vocab.steps.length - 1];
  return { ...s, mode: "explore", step: last, at: last, note: "" };
}

// -- drawing -------------------------------------------------------------------------------------------------
let made = 0;
const uid = (kind) => `selfcheck-${kind}-${Math.random().toString(36).slice(2, 7)}-${(made += 1)}`;
const para = (text, cls) => h("p", { class: cls, text });
const bullets = (lines) => h("ul", {}, ...lines.map((t) => h("li", { text: t })));
const section = (label, body) => [h("p", { class: "selfcheck-section", text: label }), body];

function button(text, css, iconName, attrs = {}) {
  return h("button", { class: `jupyter-button lesson-button ${css}`, type: "button", ...attrs },
    iconName ? icon(iconName) : null, h("span", { text }));
}

export function cautionsBox(lines, heading) {
  return h("div", { class: "lesson-caution" }, icon("caution"),
    h("div", {}, h("p", { text: heading }), bullets(lines)));
}

// The answer panel, in the order of Verdict.lines(): the cautions (one box), the verdict box and the lines always
// shown. An example's verdict has the same look but not the learner's verdict class.
export function verdictParts(v, d, L, example = false) {
  const out = [];
  if (v.cautions.length) out.push(cautionsBox(v.cautions, d.form.cautions_heading));
  const box = h("section", { class: `lesson-verdict verdict-${v.outcome} ` +
    (example ? "example-verdict" : `selfcheck-verdict selfcheck-${v.outcome}`) },
    para(d.outcome_texts[v.outcome].kind, "lesson-verdict-kind"),
    h("h4", { class: "lesson-verdict-title selfcheck-title" }, icon(v.outcome), h("span", { text: v.title })),
    ...section(L.where, para(v.where)));
  if (v.do_now.length) box.append(...section(L.do_now, bullets(v.do_now)));
  box.append(...section(L.tell, para(v.tell)));
  if (v.reasons.length) {
    box.append(h("details", { class: "selfcheck-why", open: true },
      h("summary", { class: "selfcheck-section", text: `${d.form.reasons_heading} (${v.reasons.length})` }),
      h("ul", {}, ...v.reasons.map((r) => h("li", {}, h("b", { text: r.answer }), ": " + r.why)))));
  }
  if (v.steps.length) box.append(...section(L.try, bullets(v.steps)));
  box.append(...section(L.remember, bullets(v.closing)));
  out.push(box, h("div", { class: "selfcheck-always" }, bullets(v.always)));
  return out;
}

export function exampleBox(e, d, L) {
  return h("div", { class: "selfcheck-example" },
    h("p", {}, h("b", {}, icon("example"), e.label)), para(e.intro), para(e.story),
    para(e.verdict_label, "selfcheck-example-label"), ...verdictParts(e.verdict, d, L, true),
    ...(e.steps.length ? [para(e.steps_label, "selfcheck-example-label"), bullets(e.steps)] : []));
}

// What the live region reads when a verdict appears: any "call now" caution first, then the step.
export function spoken(v, d, L) {
  return [...v.cautions, `${L.your_step} ${d.outcome_texts[v.outcome].kind}: ${v.title}.`].join(" ");
}

function radios(name, labelledby, options, css, onPick) {
  const inputs = [];
  const group = h("div", { class: "selfcheck-options " + css, role: "radiogroup", "aria-labelledby": labelledby },
    ...options.map(([text, value]) => {
      const input = h("input", { type: "radio", name, value });
      input.addEventListener("change", () => { if (input.checked) onPick(value); });
      inputs.push(input);
      return h("label", { class: "selfcheck-option" }, input, " " + text);
    }));
  return { el: group, set: (v) => inputs.forEach((i) => { i.checked = i.value === v; }) };
}

// One step's card. Steps with a list of signs: one row per sign, its short label beside a drop-down, the meanings
// folded below (a whole step fits a small screen); otherwise the question, its answers in a row and its help.
function stepCard(step, d, L, last, act) {
  const setters = {};
  const card = h("section", { class: `selfcheck-step selfcheck-step-${step.id}`, "data-step": step.id },
    h("h3", { class: "selfcheck-heading", text: step.heading }), para(step.lead, "selfcheck-lead"),
    step.note ? para(step.note, "selfcheck-note") : null);
  const compact = step.help !== null && step.help !== undefined;
  const list = compact ? h("div", { class: "selfcheck-signs" }) : card;
  for (const q of step.questions) {
    if (compact) {
      const id = uid("q");
      const select = h("select", { id, class: "selfcheck-select", "data-question": q.id, title: q.text },
        h("option", { value: "", text: "" }), ...q.options.map(([text, value]) => h("option", { value, text })));
      select.addEventListener("change", () => act((s) => edit(d, s, { choices: { ...s.choices, [q.id]: select.value || null } })));
      setters[q.id] = (v) => { select.value = v ?? ""; };
      list.append(h("div", { class: "selfcheck-item selfcheck-item-compact", "data-question": q.id },
        h("label", { class: "selfcheck-question", for: id }, h("b", { text: q.label })), select));
    } else {
      const id = uid("q");
      const group = radios(uid("r"), id, q.options, "selfcheck-radios",
        (v) => act((s) => edit(d, s, { choices: { ...s.choices, [q.id]: v } })));
      group.el.dataset.question = q.id;
      setters[q.id] = group.set;
      card.append(h("div", { class: "selfcheck-item", "data-question": q.id },
        h("p", { class: "selfcheck-question", id }, h("b", { text: q.text })), group.el,
        h("details", { class: "selfcheck-help lesson-info" }, h("summary", { text: L.what }), para(q.help))));
    }
  }
  if (compact) {
    card.append(list, h("details", { class: "selfcheck-help selfcheck-meanings lesson-info" },
      h("summary", { text: step.help }),
      h("ul", {}, ...step.questions.map((q) => h("li", {}, h("b", { text: q.label }), `: ${q.text} ${q.help}`)))));
  }
  if (last) {
    const labelId = uid("t");
    const boxes = d.trigger_texts.map((t) => {
      const box = h("input", { type: "checkbox", class: "selfcheck-trigger-box", value: t.id });
      box.addEventListener("change", () => act((s) => edit(d, s, {
        ticked: box.checked ? [...s.ticked.filter((x) => x !== t.id), t.id] : s.ticked.filter((x) => x !== t.id) })));
      return [t.id, box, h("label", { class: "selfcheck-trigger" }, box, " " + t.text)];
    });
    setters.__ticked = (ticked) => boxes.forEach(([tid, box]) => { box.checked = ticked.includes(tid); });
    card.append(h("div", { class: "lesson-group selfcheck-triggers", role: "group", "aria-labelledby": labelId },
      h("p", { class: "lesson-group-label selfcheck-triggers-label", id: labelId }, h("b", { text: d.form.triggers_label })),
      ...boxes.map((b) => b[2])));
  }
  return { card, setters };
}

// The whole form for one region's data `d`, inside `root`; returns show(state, said) that brings it up to date.
export function drawForm(root, d, L, personal, act) {
  const form = d.form;
  const live = h("div", { class: "lesson-sr-only", role: "status", "aria-live": "polite" });
  const modeId = uid("m");
  const mode = radios(uid("mode"), modeId, [[form.mode_own, "own"], [form.mode_explore, "explore"]], "selfcheck-mode",
    (v) => act((s) => edit(d, s, { mode: v })));
  const skipButton = button(L.skip, "selfcheck-skip", "next", { title: L.skip_tip });
  skipButton.addEventListener("click", () => act((s) => skip(d, s)));
  const choice = personal
    ? h("div", { class: "selfcheck-mode-row" }, h("p", { class: "selfcheck-question", id: modeId }, h("b", { text: form.mode_question })), mode.el)
    : h("p", { class: "selfcheck-off lesson-info" }, icon("note"), personal === false && L.problem ? `${form.personal_off} (${L.problem})` : form.personal_off);
  const alert = h("div", { class: "selfcheck-alert" });
  const steps = d.steps.map((st, i) => stepCard(st, d, L, i === d.steps.length - 1, act));
  const backButton = button(form.back, "selfcheck-back", "back", { title: L.back_tip });
  const nextButton = button(form.next, "mod-primary selfcheck-submit", "next");
  const clearButton = button(L.clear, "selfcheck-clear", null, { title: L.clear_tip });
  backButton.addEventListener("click", () => act((s) => back(d, s)));
  nextButton.addEventListener("click", () => act((s) => press(d, s)));
  clearButton.addEventListener("click", () => act((s) => clear(d, s, personal)));
  const status = h("div", { class: "lesson-status selfcheck-status" });
  const result = h("div", { class: "selfcheck-result" });
  const sources = h("details", { class: "lesson-small-print" }, h("summary", { text: form.sources_note }),
    ...d.sources.flatMap((src, i) => [i ? " · " : "",
      src.url ? h("a", { href: src.url, target: "_blank", rel: "noopener", text: src.name }) : src.name]));
  root.append(
    h("div", { class: "selfcheck-intro" }, para(form.intro),
      h("p", { class: "lesson-caution" }, icon("emergency"), h("span", { text: form.emergency_first }))),
    choice, h("div", { class: "lesson-actions selfcheck-skip-row" }, skipButton), alert, ...steps.map((x) => x.card),
    h("div", { class: "lesson-actions" }, backButton, nextButton, clearButton), status, result, live, sources);

  const labelOf = (q) => (q === "duration" ? d.duration.label : d.labels[q]);
  let speakTimer = null;
  const say = (text, target) => {
    live.textContent = "";
    clearTimeout(speakTimer);
    speakTimer = setTimeout(() => { live.textContent = text; }, 100);
    if (target) moveFocus(target);
  };
  // `said`: whether this state comes from a control of this page (then it is read out and the focus moves)
  return function show(s, said) {
    const { result: r, alert: first } = derive(d, s);
    const last = s.step === d.vocab.steps[d.vocab.steps.length - 1];
    mode.set(s.mode);
    skipButton.hidden = s.mode !== "explore";
    steps.forEach(({ card, setters }, i) => {
      card.hidden = d.vocab.steps[i] !== s.step;
      for (const [q, set] of Object.entries(setters)) set(q === "__ticked" ? s.ticked : s.choices[q]);
    });
    backButton.disabled = s.step === d.vocab.steps[0];
    nextButton.querySelector("span").textContent = last ? (s.mode === "explore" ? form.show_example : form.show) : form.next;
    alert.replaceChildren(...(first.length ? [cautionsBox(first, form.cautions_heading)] : []));
    status.replaceChildren();
    result.replaceChildren();
    let words = "", target = null;
    if (s.note === "choose_mode") {
      status.append(h("p", { class: "selfcheck-first" }, icon("note"), form.choose_mode));
      [words, target] = [form.choose_mode, status.firstChild];
    } else if (s.note === "cleared") {
      result.append(para(L.cleared));
      words = L.cleared;
    } else if (s.note === "changed") {
      result.append(h("p", { class: "lesson-note", role: "note" }, icon("note"), L.changed));
    }
    if (r && r.kind === "ask" && r.missing.length) {
      const text = `${form.missing} ${r.missing.map(labelOf).join("; ")}.`;
      status.append(h("p", { class: "selfcheck-missing" }, icon("note"), text));
      [words, target] = [text, status.firstChild];
    } else if (r && r.kind === "ask") {
      const card = steps[d.vocab.steps.indexOf(r.step)].card;
      [words, target] = [[...first, card.querySelector("h3").textContent].join(" "), card.querySelector("h3")];
    } else if (r && r.kind === "example") {
      result.append(exampleBox(r, d, L));
      [words, target] = [`${r.label}. ${r.intro}`, result.querySelector(".selfcheck-example")];
    } else if (r) {
      result.append(...verdictParts(r, d, L));
      [words, target] = [spoken(r, d, L), result.querySelector(".lesson-caution, .lesson-verdict")];
    }
    if (said && words) say(words, target);
    return r;
  };
}

function render({ model, el }) {
  const kernel = kernelState(model);
  const D = model.get("data");
  const L = D.labels;
  const personal = personalOn(D.personal.on);
  L.problem = D.personal.problem || "";
  const root = h("div", { class: "selfcheck-page", "data-kernel": kernel, "data-lm-suppress-shortcuts": "true" });
  el.append(root);
  let region = pageRegion(kernel, D.region, D.names);
  let d = regionData(D.regions, region);
  let state = model.get("state");
  if (!personal && state.mode !== "explore") state = { ...state, mode: "explore" };
  let show = null;
  const act = (next) => {
    const s = next(state);
    if (s === state) return;
    state = s;
    show(state, true);
    model.set("state", state);
    try { model.save_changes(); } catch (e) { /* no kernel: the page works on its own */ }
  };
  const draw = () => {
    root.replaceChildren();
    if (kernel !== "live") root.append(regionPicker({ label: L.region, names: D.names, value: region, css: "selfcheck-region" }));
    show = drawForm(root, d, L, personal, act);
    show(state, false);
  };
  draw();
  const fromKernel = () => {
    const s = model.get("state");
    if (JSON.stringify(s) === JSON.stringify(state)) return;
    state = personal || s.mode === "explore" ? s : { ...s, mode: "explore" };
    show(state, true);
  };
  model.on("change:state", fromKernel);
  const stop = onRegion((r) => {
    if (r === region || !(r in D.names) || kernel === "live") return;
    region = r;
    d = regionData(D.regions, region);
    draw();
  });
  return () => { model.off("change:state", fromKernel); stop(); };
}

export default { render };
