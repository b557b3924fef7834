// Figures computed in the page (simulator.js, foot_map.js, twitch_cramp.js, motor_unit.js; views/page_figure.py).
// mountFigure() is the one mounting of them all: it owns the root, the learner's choice (choose → save → redraw),
// the sync with the kernel and the teardown; a figure says only what differs (its controls, its words, its
// drawing). The controls are labelled and keyboard-safe (JupyterLab's shortcuts stay off them).
import { h, icon } from "./dom.js";
import { renderFigure } from "./figure.js";

// A typed-array spec {dtype: "f4" | "f8", bdata: base64} (views/figure.py typed()) as a Float32/64Array.
export function decode(spec) {
  const bytes = Uint8Array.from(atob(spec.bdata), (c) => c.charCodeAt(0));
  return spec.dtype === "f8" ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
}

const SAFE = "data-lm-suppress-shortcuts";

// ids unique on the page: every figure's bundle has its own copy of this module (and of its counters)
const PREFIX = Math.random().toString(36).slice(2, 8);
let ids = 0;
// A row of choice buttons with a visible label that names the group; the chosen one is pressed.
export function choiceGroup({ label, css, options, value, onChoose }) {
  const name = h("span", { class: "pagefig-choice-label", id: `pagefig-label-${PREFIX}-${++ids}`, text: label });
  const row = h("div", { class: "pagefig-choice-buttons" });
  const buttons = options.map(([text, v]) => {
    const b = h("button", { class: "pagefig-button", text, type: "button", [SAFE]: "true" });
    b.addEventListener("click", () => onChoose(v));
    row.append(b);
    return [v, b];
  });
  const group = h("div", { class: "pagefig-choice " + css, role: "group", "aria-labelledby": name.id }, name, row);
  const set = (v) => buttons.forEach(([bv, b]) => {
    b.setAttribute("aria-pressed", String(bv === v));
    b.classList.toggle("mod-active", bv === v);
  });
  set(value);
  return { el: group, set };
}

// A button with an icon (icons.svg) beside its words.
export function actionButton({ text, css, icon: name, title, onClick }) {
  const b = h("button", { class: "pagefig-button pagefig-action " + css, type: "button", [SAFE]: "true", title },
    name ? icon(name, "pagefig-icon") : null, h("span", { text }));
  b.addEventListener("click", onClick);
  return b;
}

// Tell the kernel (when there is one): the page never waits for it, and a page without a kernel
// (the static site) has no channel to send on, which is fine.
export function save(model, values) {
  for (const [k, v] of Object.entries(values)) model.set(k, v);
  try { model.save_changes(); } catch (e) { /* no kernel: the page keeps working on its own */ }
}

// The text around a figure (views/page_figure.py figure_words): one line seen under it ("What to notice: …") and
// the full description, out of sight but in the accessibility tree (the figure's aria-describedby; never a closed
// <details>, which would hide it from screen readers too).
let texts = 0;
export function figureText(words) {
  const w = words || {};
  const notice = w.notice ? h("p", { class: "pagefig-notice" }, h("b", { text: w.label || "" }), " " + w.notice) : null;
  const description = w.description
    ? h("p", { class: "pagefig-description pagefig-visually-hidden", id: `pagefig-description-${PREFIX}-${++texts}`, text: w.description })
    : null;
  return { title: w.title || "", notice, description };
}

// The anywidget module of a figure computed in the page. `name` names its root (class pagefig-<name>);
// build({data, model, el, root, graph, plot, drawn, choice, choose}) puts the figure's controls and lines into `root`
// (the plot is `graph`; choose(next) is a learner's choice, choice() the one shown) and returns:
//   show(choice) → its texts ({alt, …}): the words and controls for a choice;
//   figure(template, choice, width) → the plotly figure of a choice at the width figure.js draws at;
//   accept(choice) → the choice as shown, or null to ignore it (optional: every choice is shown as it is);
//   draw(choice, redraw) → how a new choice is drawn (optional: redraw());
//   key(choice), states(choice) → a name per drawing, and the choices to draw ahead (optional: one drawing);
//   destroy() (optional).
export function mountFigure({ name, build }) {
  const attach = ({ model, el, graph, redraw, plot, drawn }) => {
    let choice = model.get("choice");
    const root = h("div", { class: "pagefig-layout pagefig-" + name });
    const fig = build({ data: model.get("data"), model, el, root, graph, plot, drawn, choice: () => choice,
      choose: (next) => choose(next, true) });
    el.classList.add("pagefig-host");
    el.append(root);
    const text = figureText(model.get("words"));
    if (text.notice) root.append(text.notice);
    if (text.description) {
      root.append(text.description);
      root.setAttribute("role", "figure");
      root.setAttribute("aria-label", text.title);
      root.setAttribute("aria-describedby", text.description.id);
    }
    function choose(next, mine) {
      const shown = fig.accept ? fig.accept(next) : next;
      if (shown === null) return;
      choice = shown;
      const t = fig.show(choice);
      if (mine) save(model, { choice, alt: t.alt });
      if (fig.draw) fig.draw(choice, redraw);
      else redraw();
    }
    const fromKernel = () => { if (model.get("choice") !== choice) choose(model.get("choice"), false); };
    model.on("change:choice", fromKernel);
    fig.show(choice);
    let ahead = new Map(); // key → choice, of the states last asked for
    return {
      key: fig.key && (() => fig.key(choice)),
      states: fig.states && (() => {
        ahead = new Map([choice, ...fig.states(choice)].map((c) => [String(fig.key(c)), c]));
        return [...ahead.keys()];
      }),
      figure: (template, key, width) => fig.figure(template, key === undefined ? choice : ahead.get(key) ?? choice, width),
      destroy: () => {
        model.off("change:choice", fromKernel);
        if (fig.destroy) fig.destroy();
      },
    };
  };
  return { render: (view) => renderFigure(view, attach) };
}
