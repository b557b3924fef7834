// One anywidget's page code (a bundle of widgets/static/bundles/) in node with a DOM (happy-dom), driven line by line
// over stdin/stdout by tests/widget_in_node.py, which mirrors what the page saves into the real Python widget.
//
// node widget_page.mjs <bundle path>, then one JSON command a line; each gets one JSON line back:
//   {do: "setup", items?: {key: value}, url?}     a fresh tab (no views), its localStorage holding `items`
//   {do: "render", traits: {...}, kernel: "live" | "gone" | "static"}
//   {do: "click", view, selector}                 click the first match in that view
//   {do: "pick", view, selector, value?}          a <select> set to `value`, or a radio / check box ticked (or
//                                                 unticked: value false), with the change event a browser sends
//   {do: "type", view, selector, value}           a text box's words set to `value`, with the input event a browser sends
//   {do: "kernel", view, traits}                  the kernel set these traits (change:<name> fires)
//   {do: "tick", ms}                              let the page's clock run (timers are fake)
//   {do: "query", view, selector}                 every match: {tag, text, attrs, focused, checked, value, hidden}
// Every answer: {saved: [[view, {trait: value}], ...] (since the last answer), found, storage}.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { Window } from "happy-dom";

let window = null;
function fresh(url) {
  window = new Window({ url });
  globalThis.window = window;
  globalThis.document = window.document;
  globalThis.CSS = window.CSS;
  globalThis.CustomEvent = window.CustomEvent;
  globalThis.URLSearchParams = window.URLSearchParams;
  Object.defineProperty(globalThis, "localStorage", { configurable: true, get: () => window.localStorage });
}
fresh("http://127.0.0.1:8888/lab");

let clock = 0, nextId = 1;
const timers = new Map();
globalThis.setTimeout = (fn, ms = 0) => { const id = nextId++; timers.set(id, { at: clock + Math.max(0, ms), fn }); return id; };
globalThis.clearTimeout = (id) => { timers.delete(id); };
globalThis.requestAnimationFrame = (fn) => globalThis.setTimeout(() => fn(clock), 16);
function tick(ms) {
  const end = clock + ms;
  for (;;) {
    let first = null;
    for (const [id, t] of timers) if (t.at <= end && (!first || t.at < first[1].at)) first = [id, t];
    if (!first) break;
    timers.delete(first[0]);
    clock = Math.max(clock, first[1].at);
    first[1].fn();
  }
  clock = end;
}

const widget = (await import(pathToFileURL(process.argv[2]).href)).default;
const views = [];
let saved = [];
let found = null;

function render(traits, kernel) {
  const handlers = {};
  const i = views.length;
  const values = { ...traits };
  const dirty = {};
  const model = {
    get: (k) => values[k],
    set: (k, v) => { values[k] = v; dirty[k] = v; },
    save_changes: () => {
      if (kernel !== "live") throw new Error("no kernel");
      saved.push([i, JSON.parse(JSON.stringify(dirty))]);
      for (const k of Object.keys(dirty)) delete dirty[k];
    },
    on: (ev, cb) => { (handlers[ev] ||= []).push(cb); },
    off: (ev, cb) => { handlers[ev] = (handlers[ev] || []).filter((f) => f !== cb); },
    send: () => {},
    widget_manager: kernel === "static" ? {} : { kernel: kernel === "gone" ? null : { status: "idle" } },
  };
  const el = document.createElement("div");
  document.body.append(el);
  views.push({ el, handlers, values, cleanup: widget.render({ model, el }) });
}

function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }
function describe(e) {
  const attrs = {};
  for (const a of e.attributes) attrs[a.name] = a.value;
  let hidden = false;
  for (let n = e; n; n = n.parentElement) if (n.hidden) hidden = true;
  return { tag: e.tagName.toLowerCase(), text: text(e), attrs, focused: e === document.activeElement,
    checked: "checked" in e ? e.checked : null, value: "value" in e ? String(e.value) : null, hidden };
}
function one(view, selector) {
  const e = views[view].el.querySelector(selector);
  if (!e) throw new Error(`nothing matches ${selector}`);
  return e;
}

const commands = {
  setup({ items = {}, url = "http://127.0.0.1:8888/lab" }) {
    views.length = 0;
    timers.clear();
    fresh(url);
    for (const [k, v] of Object.entries(items)) window.localStorage.setItem(k, v);
  },
  render({ traits, kernel = "live" }) { render(traits, kernel); },
  click({ view, selector }) { one(view, selector).click(); },
  pick({ view, selector, value = true }) {
    const e = one(view, selector);
    if (e.tagName === "SELECT") e.value = String(value);
    else e.checked = value !== false;
    e.dispatchEvent(new window.Event("change", { bubbles: true }));
  },
  type({ view, selector, value }) {
    const e = one(view, selector);
    e.value = String(value);
    e.dispatchEvent(new window.Event("input", { bubbles: true }));
  },
  kernel({ view, traits }) {
    const v = views[view];
    for (const [k, val] of Object.entries(traits)) {
      v.values[k] = val;
      for (const cb of v.handlers[`change:${k}`] || []) cb();
    }
  },
  tick({ ms }) { tick(ms); },
  query({ view, selector }) { found = [...views[view].el.querySelectorAll(selector)].map(describe); },
};

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    const cmd = JSON.parse(line);
    commands[cmd.do](cmd);
    const storage = {};
    for (let i = 0; i < window.localStorage.length; i++) { const k = window.localStorage.key(i); storage[k] = window.localStorage.getItem(k); }
    answer = { saved, found, storage };
  } catch (e) {
    answer = { error: String(e && e.stack || e) };
  }
  saved = [];
  found = null;
  process.stdout.write(JSON.stringify(answer) + "\n");
}
process.exit(0);
