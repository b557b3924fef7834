// Shared pieces of the figures computed in the page (simulator.js, twitch_cramp.js, foot_map.js, motor_unit.js).
// Pure helpers (decode, fill) are imported by node in the parity test; the DOM helpers build labelled,
// keyboard-safe controls (JupyterLab's shortcuts stay off them: data-lm-suppress-shortcuts).

// A typed-array spec {dtype: "f4" | "f8", bdata: base64} (views/figure.py typed()) as a Float32/64Array.
export function decode(spec) {
  const bytes = Uint8Array.from(atob(spec.bdata), (c) => c.charCodeAt(0));
  return spec.dtype === "f8" ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
}

// "{name}" placeholders of a content template filled with values (the same rule as Python's str.format).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
}

const SAFE = "data-lm-suppress-shortcuts";

function make(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
export { make };

let ids = 0;
// A row of choice buttons with a visible label that names the group; the chosen one is pressed.
export function choiceGroup({ label, css, options, value, onChoose }) {
  const group = make("div", "pagefig-choice " + css);
  group.setAttribute("role", "group");
  const name = make("span", "pagefig-choice-label", label);
  name.id = "pagefig-label-" + ++ids;
  group.setAttribute("aria-labelledby", name.id);
  const row = make("div", "pagefig-choice-buttons");
  const buttons = options.map(([text, v]) => {
    const b = make("button", "pagefig-button", text);
    b.type = "button";
    b.setAttribute(SAFE, "true");
    b.addEventListener("click", () => onChoose(v));
    row.append(b);
    return [v, b];
  });
  group.append(name, row);
  const set = (v) => buttons.forEach(([bv, b]) => {
    b.setAttribute("aria-pressed", String(bv === v));
    b.classList.toggle("mod-active", bv === v);
  });
  set(value);
  return { el: group, set };
}

const ICONS = {  // small inline SVG paths (24 x 24), drawn in the text colour, beside the button's words
  replay: "M12 5V1L7 6l5 5V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z",
  play: "M8 5v14l11-7z",
  back: "M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20z",
  next: "M12 4l-1.41 1.41L16.17 11H4v2h12.17l-5.58 5.59L12 20l8-8z",
};

export function actionButton({ text, css, icon, title, onClick }) {
  const b = make("button", "pagefig-button pagefig-action " + css);
  b.type = "button";
  b.setAttribute(SAFE, "true");
  if (title) b.title = title;
  if (icon && ICONS[icon]) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "pagefig-icon");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[icon]);
    svg.append(path);
    b.append(svg);
  }
  b.append(make("span", "", text));
  b.addEventListener("click", onClick);
  return b;
}

// A line read out by screen readers when it changes.
export function liveLine(css) {
  const p = make("p", "pagefig-live " + css);
  p.setAttribute("role", "status");
  p.setAttribute("aria-live", "polite");
  return p;
}

// Tell the kernel (when there is one): the page never waits for it, and a page without a kernel
// (the static site) has no channel to send on, which is fine.
export function save(model, values) {
  for (const [k, v] of Object.entries(values)) model.set(k, v);
  try { model.save_changes(); } catch (e) { /* no kernel: the page keeps working on its own */ }
}
