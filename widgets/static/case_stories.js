// The practice stories of lesson 04 drawn and judged in the page (views/cases.py sends the stories once): one story
// at a time, a step to choose, Check, and why (static/selfcheck_engine.js judge), with no kernel. State
// {index, choices: {story: step}, checked: {story: the step checked, "" for a Check with none}, first: {story: right
// or more cautious on the first try}}; the kernel, where there is one, mirrors it (views/cases.py). Not saved.
import { fill, h, icon, kernelState, moveFocus } from "./dom.js";
import { judge } from "./selfcheck_engine.js";
import { onRegion, pageRegion, regionData, regionPicker } from "./page_region.js";

export function blank() { return { index: 0, choices: {}, checked: {}, first: {} }; }

export function choose(s, story, outcome) { return { ...s, choices: { ...s.choices, [story]: outcome } }; }

// A Check of the story shown: the judgement (or the "choose first" words), and the first try counted once.
export function check(d, s) {
  const story = d.stories[s.index];
  const chosen = s.choices[story.id] ?? "";
  const out = { ...s, checked: { ...s.checked, [story.id]: chosen } };
  if (chosen && !(story.id in s.first)) {
    const j = judge(d, story, chosen, d);
    out.first = { ...s.first, [story.id]: j.correct || j.more_cautious };
  }
  return out;
}

export function go(d, s, index) { return index >= 0 && index < d.stories.length ? { ...s, index } : s; }

// What a story's Check shows: {judgement} or {error} (nothing chosen), or null before a Check.
export function feedbackOf(d, s, story) {
  if (!(story.id in s.checked)) return null;
  try {
    return { judgement: judge(d, story, s.checked[story.id] || null, d) };
  } catch (e) {
    return { error: e.message };
  }
}

export function headline(j, L) { return j.correct ? L.right : j.more_cautious ? L.safe_side : L.not_quite; }

function stepLabel(d, outcome) {
  const label = Object.fromEntries(d.choices)[outcome];
  return h("span", { class: `lesson-step verdict-${outcome}` }, icon(outcome), label);
}

export function feedbackParts(j, d, L) {
  const kind = j.correct ? ["lesson-right", "right"] : j.more_cautious ? ["lesson-info", "safe_side"] : ["lesson-wrong", "wrong"];
  const head = h("p", { class: kind[0] }, h("b", {}, icon(kind[1]), headline(j, L)), " ",
    ...(j.correct ? [] : [L.answer + " "]), stepLabel(d, j.expected));
  return [head, ...(j.hint ? [h("p", { text: j.hint })] : []), h("p", {}, h("b", { text: L.why }), " " + j.reason)];
}

export function spokenFeedback(j, d, L) {
  const label = Object.fromEntries(d.choices)[j.expected];
  return [headline(j, L), L.answer, label + ".", j.hint].filter(Boolean).join(" ") + ` ${L.why} ${j.reason}`;
}

export function tally(d, s, L) {
  const n = d.stories.length, done = Object.keys(s.first).length, ok = Object.values(s.first).filter(Boolean).length;
  return done === n ? fill(L.tally_all, { n, ok }) : fill(L.tally, { done, n, ok });
}

function drawStories(root, d, L, act) {
  const live = h("div", { class: "lesson-sr-only", role: "status", "aria-live": "polite" });
  const where = h("p", { class: "lesson-progress" }, h("b"));
  const marks = h("ol", { class: "lesson-progress-marks", "aria-hidden": "true" }, ...d.stories.map(() => h("li")));
  const stage = h("div", { class: "case-stage" });
  const backButton = h("button", { class: "jupyter-button lesson-button case-back", type: "button", title: L.back_tip },
    icon("back"), h("span", { text: L.back }));
  const nextButton = h("button", { class: "jupyter-button lesson-button case-next", type: "button", title: L.next_tip },
    icon("next"), h("span", { text: L.next }));
  backButton.addEventListener("click", () => act((s) => go(d, s, s.index - 1), "story"));
  nextButton.addEventListener("click", () => act((s) => go(d, s, s.index + 1), "story"));
  const tallyLine = h("p", { class: "lesson-progress case-tally" });
  root.append(h("p", { class: "case-intro", text: L.intro }), h("div", { class: "case-progress" }, where, marks), stage,
    h("div", { class: "lesson-actions" }, backButton, nextButton), tallyLine, live);
  let shownStory = -1, card = null;
  const cardFor = (i) => {
    const story = d.stories[i];
    const headId = `case-${story.id}-${Math.random().toString(36).slice(2, 7)}`;
    const inputs = [];
    const group = h("div", { class: "case-choice", role: "radiogroup", "aria-labelledby": headId + "-q" },
      ...d.choices.map(([value, text]) => {
        const input = h("input", { type: "radio", name: headId + "-r", value });
        input.addEventListener("change", () => { if (input.checked) act((s) => choose(s, story.id, value)); });
        inputs.push(input);
        return h("label", { class: "case-option" }, input, " " + text);
      }));
    const checkButton = h("button", { class: "jupyter-button mod-primary lesson-button case-check", type: "button",
      title: fill(L.check_tip, { n: i + 1, total: d.stories.length }) }, icon("tick"), h("span", { text: L.check }));
    checkButton.addEventListener("click", () => act((s) => check(d, s), "check"));
    const feedback = h("div", { class: "case-feedback" });
    const drink = story.drinks && d.drink_label ? [h("p", {}, h("b", { text: L.on_can })),
      h("blockquote", {}, h("p", { text: `“${d.drink_label.words}”` })), h("p", { text: d.drink_label.note }),
      h("p", { class: "lesson-small-print" }, L.source + " ", h("a", { href: d.drink_label.url, target: "_blank", rel: "noopener", text: d.drink_label.source }))] : [];
    const el = h("section", { class: "case-story", "data-story": story.id },
      h("h3", { class: "case-heading", id: headId, text: story.title }), h("p", { text: story.story }), ...drink,
      h("p", { class: "case-question", id: headId + "-q" }, h("b", { text: L.question })), group, checkButton, feedback);
    return { el, inputs, feedback, story };
  };
  const say = (text, target) => {
    live.textContent = "";
    setTimeout(() => { live.textContent = text; }, 100);
    if (target) moveFocus(target);
  };
  return function show(s, said) {
    if (s.index !== shownStory) {
      card = cardFor(s.index);
      stage.replaceChildren(card.el);
      shownStory = s.index;
    }
    const n = d.stories.length;
    where.firstChild.textContent = fill(L.where, { n: s.index + 1, total: n });
    [...marks.children].forEach((li, i) => {
      li.classList.toggle("lesson-done", d.stories[i].id in s.first);
      li.classList.toggle("lesson-current", i === s.index);
    });
    backButton.disabled = s.index === 0;
    nextButton.disabled = s.index === n - 1;
    tallyLine.textContent = tally(d, s, L);
    const chosen = s.choices[card.story.id] ?? null;
    card.inputs.forEach((i) => { i.checked = i.value === chosen; });
    const f = feedbackOf(d, s, card.story);
    card.feedback.replaceChildren(...(!f ? [] : f.error ? [h("p", { class: "lesson-note", role: "note" }, icon("note"), f.error)]
      : feedbackParts(f.judgement, d, L)));
    if (said === "story") say(`${fill(L.where, { n: s.index + 1, total: n })}: ${card.story.title}`, card.el.querySelector("h3"));
    else if (said === "check" && f) say(f.error || spokenFeedback(f.judgement, d, L), null);
    return f;
  };
}

function render({ model, el }) {
  const kernel = kernelState(model);
  const D = model.get("data");
  const L = D.labels;
  const root = h("div", { class: "case-page", "data-kernel": kernel, "data-lm-suppress-shortcuts": "true" });
  el.append(root);
  let region = pageRegion(kernel, D.region, D.names);
  let state = model.get("state");
  let show = null;
  const act = (next, said) => {
    const s = next(state);
    if (s === state) return;
    state = s;
    show(state, said);
    model.set("state", state);
    try { model.save_changes(); } catch (e) { /* no kernel: the page works on its own */ }
  };
  const draw = () => {
    root.replaceChildren();
    if (kernel !== "live") root.append(regionPicker({ label: L.region, names: D.names, value: region, css: "case-region" }));
    show = drawStories(root, regionData(D.regions, region), L, act);
    show(state, null);
  };
  draw();
  const fromKernel = () => {
    const s = model.get("state");
    if (JSON.stringify(s) === JSON.stringify(state)) return;
    const said = s.index !== state.index ? "story" : "check";
    state = s;
    show(state, said);
  };
  model.on("change:state", fromKernel);
  const stop = onRegion((r) => {
    if (r === region || !(r in D.names) || kernel === "live") return;
    region = r;
    draw();
  });
  return () => { model.off("change:state", fromKernel); stop(); };
}

export default { render };
