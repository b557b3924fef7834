// The quiz page (widgets/static/quiz.js) in node with a DOM (happy-dom), driven line by line over stdin/stdout
// by tests/page_in_node.py, which answers the page's messages with the real kernel (Quiz.handle_attempt).
//
// node quiz_page.mjs <path of the quiz's bundle, widgets/static/bundles/quiz.js (dom.js and the icons in it)>, then
// one JSON command a line; each gets one JSON line back:
//   {do: "setup", storage: "ok" | "full" | "blocked", quota?, items?: {key: value}}   a fresh tab, and the
//                                               browser's localStorage
//   {do: "render", state: {title, lesson, learner, questions, saved, score, labels, ...}, kernel: "live" | ...}
//   {do: "choose", view, question, value}       set the control of a question (an option id, ids, text)
//   {do: "click", view, selector}               click the element (the first match in that view)
//   {do: "deliver", view, msg}                  a message from the kernel to that view's model
//   {do: "tick", ms}                            let the page's clock run (timers and frames are fake)
//   {do: "key", view, selector?, key}           a key pressed on the element (the one with focus if no selector)
//                                               as a browser delivers it: keydown, then Enter or Space on a
//                                               button clicks it
//   {do: "query", view, selector}               every match: {tag, text, attrs, focused} (answered as `found`)
// Every answer: {sent: [[view, msg], ...] (since the last answer), views: [what each view shows], storage}.
// The storage "full" is a Storage with a quota (QuotaExceededError past it, as a browser's), "blocked" a
// window whose localStorage getter throws SecurityError (cookies and site data blocked).
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { Window } from "happy-dom";

const window = new Window({ url: "http://127.0.0.1:8888/lab" });
globalThis.window = window;
globalThis.document = window.document;
globalThis.CSS = window.CSS;

// -- a fake clock: timers and animation frames run only when the test lets time pass -----------------------
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

// -- the browser's storage ---------------------------------------------------------------------------------
class QuotaStorage {  // the Web Storage API over a Map, with a quota counted as browsers do (UTF-16 units)
  constructor(quota) { this.map = new Map(); this.quota = quota; }
  get length() { return this.map.size; }
  key(i) { return [...this.map.keys()][i] ?? null; }
  getItem(k) { k = String(k); return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) {
    k = String(k); v = String(v);
    let used = k.length + v.length;
    for (const [k2, v2] of this.map) if (k2 !== k) used += k2.length + v2.length;
    if (used > this.quota) throw new window.DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.map.set(k, v);
  }
  removeItem(k) { this.map.delete(String(k)); }
  clear() { this.map.clear(); }
}
let storage = new QuotaStorage(5_000_000);
let blocked = false;
Object.defineProperty(globalThis, "localStorage", {
  configurable: true,
  get() {
    if (blocked) throw new window.DOMException("Access is denied for this document.", "SecurityError");
    return storage;
  },
});

// -- the page ----------------------------------------------------------------------------------------------
const quiz = (await import(pathToFileURL(process.argv[2]).href)).default;
const views = [];
let sent = [];
let found = null;  // what the last "query" matched

function render(state, kernel) {
  const handlers = {};
  const i = views.length;
  const model = {
    get: (k) => state[k],
    on: (ev, cb) => { (handlers[ev] ||= []).push(cb); },
    send: (msg) => { sent.push([i, JSON.parse(JSON.stringify(msg))]); },
    widget_manager: kernel === "static" ? {} : { kernel: kernel === "gone" ? null : { status: "idle" } },
  };
  const el = document.createElement("div");
  document.body.append(el);
  views.push({ el, handlers });
  quiz.render({ model, el });
}

function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }

function show(v) {
  const cards = [...v.el.querySelectorAll("section.quiz-question")].map((s) => ({
    id: s.getAttribute("data-question"),
    feedback: text(s.querySelector(".quiz-feedback")),
    saved: text(s.querySelector(".quiz-saved")),
    state: s.querySelector(".quiz-saved").getAttribute("data-state"),
  }));
  const buttons = [...v.el.querySelectorAll(".quiz-save button")].map(text);
  return {
    cards, save_line: text(v.el.querySelector(".quiz-save")), save_buttons: buttons,
    score: text(v.el.querySelector(".quiz-score")), live: text(v.el.querySelector('.quiz-visually-hidden[role="status"]')),
  };
}

function describe(e) {
  const attrs = {};
  for (const a of e.attributes) attrs[a.name] = a.value;
  return { tag: e.tagName.toLowerCase(), text: text(e), attrs, focused: e === document.activeElement,
    checked: "checked" in e ? e.checked : null, value: "value" in e ? String(e.value) : null };
}

function dump() {
  const out = {};
  for (const [k, v] of storage.map) out[k] = v;
  return out;
}

function choose(v, question, value) {
  const s = v.el.querySelector(`section[data-question="${CSS.escape(question)}"]`);
  const box = s.querySelector(".quiz-number");
  if (box) { box.value = String(value); return; }
  const wanted = [].concat(value).map(String);
  s.querySelectorAll("input").forEach((inp) => { inp.checked = wanted.includes(inp.value); });
}

const commands = {
  setup({ storage: kind = "ok", quota = 5_000_000, items = {} }) {  // a fresh tab: no views, no timers
    views.length = 0;
    document.body.replaceChildren();
    timers.clear();
    storage = new QuotaStorage(Number.MAX_SAFE_INTEGER);
    for (const [k, v] of Object.entries(items)) storage.setItem(k, v);
    storage.quota = kind === "full" ? 0 : quota;  // "full": what is there stays, nothing more fits
    blocked = kind === "blocked";
  },
  render({ state, kernel = "live" }) { render(state, kernel); },
  choose({ view, question, value }) { choose(views[view], question, value); },
  click({ view, selector }) {
    const e = views[view].el.querySelector(selector);
    if (!e) throw new Error(`nothing matches ${selector}`);
    e.click();
  },
  key({ view, selector, key }) {
    const e = selector ? views[view].el.querySelector(selector) : document.activeElement;
    if (!e || !views[view].el.contains(e)) throw new Error(`no element of view ${view} for the key ${key}`);
    const down = new window.KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
    const go = e.dispatchEvent(down);
    if (go && e.tagName === "BUTTON" && (key === "Enter" || key === " ")) e.click();  // a button's default action
  },
  query({ view, selector }) { found = [...views[view].el.querySelectorAll(selector)].map(describe); },
  deliver({ view, msg }) { for (const cb of views[view].handlers["msg:custom"] || []) cb(msg); },
  tick({ ms }) { tick(ms); },
};

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    const cmd = JSON.parse(line);
    commands[cmd.do](cmd);
    answer = { sent, views: views.map(show), storage: dump(), found };
  } catch (e) {
    answer = { error: String(e && e.stack || e) };
  }
  sent = [];
  found = null;
  process.stdout.write(JSON.stringify(answer) + "\n");
}
process.exit(0);
