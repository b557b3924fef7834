// The motor unit in the page: every step's drawing and words (both modes) were sent once; the mode choice,
// Back and Next are built here, switch at once, then tell the kernel the new `choice` ({mode, step}) without
// waiting for it. A choice set by the kernel (e.g. from Python) is shown too. views/motor_unit.py makes the
// frames and words; compose() and describe() give what Python's figure() and describe() do
// (tests/page/test_figure_parity.py).
import { fill, h, liveLine } from "./dom.js";
import { actionButton, choiceGroup, mountFigure } from "./page_figure.js";

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

// the choice: {mode, step}; one drawing per step of each mode (eight in all), every one drawn ahead while the page
// is idle, so a click only switches drawings
export default mountFigure({
  name: "motor-unit",
  build({ data, root, graph, choice, choose }) {
    const d = prepare(data);
    const L = d.labels;
    const modes = choiceGroup({
      label: L.mode, css: "motor-unit-mode", value: settle(d, choice()).mode,
      options: d.modes, onChoose: (mode) => choose({ mode, step: 0 }),
    });
    const go = (delta) => {
      const { mode, step } = settle(d, choice()), n = d.frames[mode].length;
      choose({ mode, step: (step + delta + n) % n });
    };
    const back = actionButton({ text: L.back, css: "motor-unit-back", icon: "back", title: L.back_tip, onClick: () => go(-1) });
    const next = actionButton({ text: L.next, css: "motor-unit-next", icon: "next", title: L.next_tip, onClick: () => go(+1) });
    const line = liveLine("pagefig-live motor-unit-step");
    root.append(h("div", { class: "pagefig-controls" }, modes.el, h("div", { class: "pagefig-actions" }, back, next)),
      h("div", { class: "pagefig-main" }, graph, line));
    return {
      show(c) {
        const t = describe(d, c);
        line.replaceChildren(h("b", { text: t.head }), " " + t.text);
        modes.set(settle(d, c).mode);
        if (!t.back && document.activeElement === back) next.focus();  // a switched-off button loses the focus
        back.disabled = !t.back;
        next.querySelector("span").textContent = t.next;
        next.title = t.next_tip;
        return t;
      },
      figure: (template, c) => compose(template, d, c),
      key: (c) => { const { mode, step } = settle(d, c); return mode + "/" + step; },
      states: () => Object.entries(d.frames).flatMap(([mode, frames]) => frames.map((_, step) => ({ mode, step }))),
    };
  },
});
