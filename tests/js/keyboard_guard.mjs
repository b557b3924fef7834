// The KeyboardGuard's page side (widgets/static/keyboard.js) in node with a DOM (happy-dom), over what ipywidgets 8
// draws: a button with an icon, two radio groups, a group of tick boxes; then a button and radios drawn later (the
// next story). Prints one JSON object: what a screen reader and the Tab key would meet. Run by tests/views/test_views_a11y.py:
//   node keyboard_guard.mjs <path of widgets/static/keyboard.js>
import { pathToFileURL } from "node:url";
import { Window } from "happy-dom";

const window = new Window({ url: "http://127.0.0.1:8888/lab" });
for (const k of ["window", "document", "Element", "MutationObserver", "requestAnimationFrame"]) {
  globalThis[k] = k === "window" ? window : window[k] ?? window.window[k];
}
globalThis.requestAnimationFrame = (fn) => setTimeout(fn, 0);
const guard = (await import(pathToFileURL(process.argv[2]).href)).default;

const button = (words, icon) => {
  const b = document.createElement("button");
  b.className = "jupyter-button widget-button";
  const i = document.createElement("i");
  i.className = `fa fa-${icon}`;
  b.append(i, document.createTextNode(words));
  return b;
};
const radios = (question, answers) => {
  const w = document.createElement("div");
  w.className = "widget-radio";
  w.innerHTML = `<label class="widget-label">${question}</label><div class="widget-radio-box"></div>`;
  const box = w.lastChild;
  answers.forEach((a, n) => {
    const l = document.createElement("label");
    l.textContent = a;
    const r = document.createElement("input");
    r.type = "radio"; r.value = String(n);
    l.append(r); box.append(l);
  });
  return w;
};
const output = document.createElement("div");
output.className = "jp-OutputArea-output";
const view = document.createElement("div");
view.className = "lesson-view";
const group = document.createElement("div");
group.className = "lesson-group";
group.innerHTML = '<p class="lesson-group-label"><b>Possible triggers</b></p>'
  + '<div class="widget-checkbox"><label><input type="checkbox">Caffeine</label></div>'
  + '<div class="widget-checkbox"><label><input type="checkbox">Stress</label></div>';
view.append(button("Check", "check"), radios("What should they do?", ["Call now", "Wait"]),
  radios("Where do you live?", ["UK", "US", "Elsewhere"]), group);
const el = document.createElement("div");
view.append(el);
output.append(view);
document.body.append(output);
guard.render({ el, model: null });

// drawn later: ipywidgets re-draws a button's icon and words on a change, a new story brings new radios
const later = button("Next story", "arrow-right");
view.append(later, radios("What should they do?", ["Call now", "Wait"]));
const old = view.querySelector("button");
old.textContent = "";
old.append(Object.assign(document.createElement("i"), { className: "fa fa-refresh" }), document.createTextNode("Again"));
await new Promise((r) => setTimeout(r, 20));

const out = {
  icons: [...document.querySelectorAll("button i")].map((i) => i.getAttribute("aria-hidden")),
  radioNames: [...document.querySelectorAll(".widget-radio-box")].map((b) =>
    [...b.querySelectorAll("input")].map((r) => r.name)),
  group: { role: group.getAttribute("role"), labelledby: group.getAttribute("aria-labelledby"),
    labelId: group.querySelector(".lesson-group-label").id,
    label: document.getElementById(group.getAttribute("aria-labelledby") || "x")?.textContent ?? null },
  suppressed: [...document.querySelectorAll("input, button")].every((c) => c.getAttribute("data-lm-suppress-shortcuts") === "true"),
};
console.log(JSON.stringify(out));
process.exit(0);
