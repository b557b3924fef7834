// The motor unit in the page: every step's drawing and words (both modes) were sent once; the mode choice,
// Back and Next are built here, switch at once, then tell the kernel the new `choice` ({mode, step}) without
// waiting for it. A choice set by the kernel (e.g. from Python) is shown too. views/motor_unit.py makes the
// frames and words; compose() and describe() give what Python's figure() and describe() do
// (tests/test_figure_parity.py).
import { actionButton, choiceGroup, fill, liveLine, make, save } from "./page_figure.js";

export function prepare(data) { return data; }

// The choice as the page shows it: a mode it does not know is the first one; the step is kept within its steps.
export function settle(d, state) {
  const mode = d.frames[state.mode] ? state.mode : d.first;
  const last = d.frames[mode].length - 1;
  const step = Number.isInteger(state.step) ? Math.min(Math.max(state.step, 0), last) : 0;
  return { mode, step };
}

export function compose(shared, d, state) {
  const { mode, step } = settle(d, state);
  const f = d.frames[mode][step];
  const out = { data: f.data, layout: f.layout, config: shared.config };  // figure.js draws copies
  return f.narrow ? { ...out, narrow: f.narrow, narrow_below: f.narrow_below } : out;
}

export function describe(d, state) {
  const { mode, step } = settle(d, state);
  const steps = d.steps[mode], here = steps[step], L = d.labels;
  const head = fill(L.step, { n: step + 1, total: steps.length, part: here.part });
  const last = step === steps.length - 1;
  return {
    head, text: here.text, alt: head + " " + here.text, back: step > 0,
    next: last ? L.again : L.next, next_tip: last ? L.again_tip : L.next_tip,
  };
}

export function attach({ model, el, graph, redraw }) {
  const d = prepare(model.get("data"));
  const L = d.labels;
  let choice = model.get("choice");

  const root = make("div", "pagefig-layout pagefig-motor-unit");
  const controls = make("div", "pagefig-controls");
  const modes = choiceGroup({
    label: L.mode, css: "motor-unit-mode", value: settle(d, choice).mode,
    options: d.modes, onChoose: (mode) => choose({ mode, step: 0 }, true),
  });
  const go = (delta) => {
    const { mode, step } = settle(d, choice), n = d.frames[mode].length;
    choose({ mode, step: (step + delta + n) % n }, true);
  };
  const back = actionButton({ text: L.back, css: "motor-unit-back", icon: "back", title: L.back_tip, onClick: () => go(-1) });
  const next = actionButton({ text: L.next, css: "motor-unit-next", icon: "next", title: L.next_tip, onClick: () => go(+1) });
  const actions = make("div", "pagefig-actions");
  actions.append(back, next);
  controls.append(modes.el, actions);
  const line = liveLine("motor-unit-step");
  const main = make("div", "pagefig-main");
  main.append(graph, line);
  root.append(controls, main);
  el.classList.add("pagefig-host");
  el.append(root);

  const show = () => {
    const t = describe(d, choice);
    line.replaceChildren(make("b", "", t.head), " " + t.text);
    modes.set(settle(d, choice).mode);
    if (!t.back && document.activeElement === back) next.focus();  // a switched-off button loses the focus
    back.disabled = !t.back;
    next.querySelector("span").textContent = t.next;
    next.title = t.next_tip;
    return t;
  };
  function choose(state, mine) {
    choice = state;
    const t = show();
    if (mine) save(model, { choice, alt: t.alt });
    redraw();
  }
  const fromKernel = () => { if (model.get("choice") !== choice) choose(model.get("choice"), false); };
  model.on("change:choice", fromKernel);
  show();
  // one drawing per step of each mode (eight in all): every one is drawn ahead while the page is idle, so a
  // click only switches drawings
  const keyOf = (state) => { const { mode, step } = settle(d, state); return mode + "/" + step; };
  const stateOf = (key) => { const [mode, step] = key.split("/"); return { mode, step: Number(step) }; };
  return {
    key: () => keyOf(choice),
    states: () => Object.entries(d.frames).flatMap(([mode, frames]) => frames.map((_, step) => keyOf({ mode, step }))),
    figure: (template, key) => compose(template, d, key === undefined ? choice : stateOf(key)),
    destroy: () => model.off("change:choice", fromKernel),
  };
}
