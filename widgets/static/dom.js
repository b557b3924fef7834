// The page-side toolkit every widget's page code builds with: an element builder, "{name}" templates, the
// lessons' icons (one source: icons.svg, as views/icons.py reads it) and the line screen readers read out.
// Pure: nothing here runs at import, so node imports it too (tests/page/test_figure_parity.py, tests/js/).

const SVG = "http://www.w3.org/2000/svg";

// "{name}" placeholders of a content template filled with values (the same rule as Python's str.format).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => (key in values ? String(values[key]) : m));
}

// An element: attributes ("class" and "text" are the className and the words; null, undefined and false are left
// out, true is an empty attribute), then its children (strings or elements; null and undefined are left out).
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

// The icons: name → the inner SVG of its <symbol> in icons.svg. A widget's bundle hands the file in (useIcons;
// tools/bundle.mjs); a test in node may too, from the file.
const SYMBOLS = new Map();
export function useIcons(svgText) {
  const text = String(svgText).replace(/<!--[\s\S]*?-->/g, "");
  for (const m of text.matchAll(/<symbol id="([a-z_]+)" viewBox="0 0 24 24">([\s\S]*?)<\/symbol>/g)) {
    SYMBOLS.set(m[1], m[2].split(/\s+/).filter(Boolean).join(" "));
  }
}

// An icon drawn in the colour of the words beside it (the attributes views/icons.py gives it), hidden from screen
// readers: its words say it. `cls`: its class (Python's: "lesson-icon lesson-icon-<name>").
export function icon(name, cls = `lesson-icon lesson-icon-${name}`) {
  const body = SYMBOLS.get(name);
  if (body === undefined) throw new Error(`no icon ${name} in icons.svg (useIcons first)`);
  const svg = document.createElementNS(SVG, "svg");
  const attrs = { class: cls, viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false", fill: "none",
    stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round" };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  svg.innerHTML = body; // from icons.svg, shipped with the package: never learner or kernel text
  return svg;
}

// A line read out by screen readers when it changes (a paragraph with role "status").
// Move the keyboard focus to `target` (a heading or a result: made focusable by script only), and bring it into view
// as little as needed: a learner who pressed a button sees where the focus went.
export function moveFocus(target) {
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  if (typeof target.scrollIntoView === "function") target.scrollIntoView({ block: "nearest" });
}

export function liveLine(cls, tag = "p") {
  return h(tag, { class: cls, role: "status", "aria-live": "polite" });
}

// Whether a kernel is behind a widget's model: "static" (no kernel can exist: the static site's html-manager has no
// `kernel`), "gone" (JupyterLab's kernel is shut down or dead) or "live".
export function kernelState(model) {
  const mgr = model.widget_manager;
  if (!mgr || !("kernel" in mgr)) return "static";
  const k = mgr.kernel;
  return !k || k.status === "dead" || k.isDisposed ? "gone" : "live";
}
