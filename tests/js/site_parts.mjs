// Page parts without a kernel in node with a DOM (happy-dom): the file picker's button (widgets/static/filepicker.js)
// and the site's progress parts (widgets/static/bundles/site_progress.js, the classic script the site loads).
// argv: what ("filepicker" | "site"), then for "site": the bundle, the data JSON file, the storage mode ("ok" | "blocked").
// Prints what a screen reader and a learner would get, as JSON.
import { readFileSync } from "node:fs";
import { Window } from "happy-dom";

const [what, ...args] = process.argv.slice(2);
const window = new Window({ url: "file:///media/usb/site/00_start_here.html" });
globalThis.window = window;
globalThis.document = window.document;
globalThis.location = window.location;
globalThis.navigator = window.navigator;

// The accessible name of a button made of text: its text, without what is hidden from screen readers (no trimming:
// a browser keeps a leading space it is given there)
function name(el) {
  let out = "";
  for (const n of el.childNodes) {
    if (n.nodeType === 3) out += n.textContent;
    else if (n.getAttribute("aria-hidden") !== "true") out += name(n);
  }
  return out;
}

if (what === "filepicker") {
  const { default: widget } = await import(args[0]);
  const el = document.createElement("div");
  const model = { get: (k) => ({ label: "Choose a progress file", help: "tip", accept: ".json" })[k], send() {} };
  widget.render({ model, el });
  process.stdout.write(JSON.stringify({ name: name(el.querySelector("button")) }));
} else {
  const [bundle, dataFile, mode] = args;
  const data = readFileSync(dataFile, "utf8");
  if (mode === "blocked") {  // storage turned off: even reading window.localStorage throws
    Object.defineProperty(globalThis, "localStorage", { get() { throw new Error("SecurityError"); } });
  } else globalThis.localStorage = window.localStorage;
  document.body.innerHTML = `<div class="site-progress" data-part="table"><script type="application/json" class="site-progress-data">${data}</script></div>`
    + `<div class="site-progress" data-part="backup"><script type="application/json" class="site-progress-data">${data}</script></div>`;
  new Function(readFileSync(bundle, "utf8"))();  // as the page runs it: a classic script, after parsing
  const rows = [...document.querySelectorAll(".site-progress tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent));
  const notes = [...document.querySelectorAll(".site-progress .lesson-note")].map((n) => n.textContent);
  const buttons = [...document.querySelectorAll(".site-progress button")].filter((b) => !b.closest("[hidden]")).map(name);
  process.stdout.write(JSON.stringify({ rows, notes, buttons, ready: [...document.querySelectorAll(".site-progress")].map((p) => p.dataset.ready) }));
}
