// The quiz page: one anywidget per quiz. It grades each try at once (the same rules as widgets/grading.py and
// widgets/questions/<type>.py; tests/page/test_quiz_parity.py runs `grade` and `respond` below in node against
// the engine), shows the feedback, then (once that frame is painted) sends the try to the kernel, which
// grades it again, saves ITS verdict and replies "saved". No reply within SAVE_WAIT_MS (or no kernel): the
// quiz says the answer is not saved yet and keeps it in localStorage (keyed by learner code and lesson) until
// a run of the cell resends it. When this browser cannot keep it either (storage full or turned off) the quiz
// says so, never that it is kept. Answers kept under another learner code (the code changed, e.g. a progress
// file was loaded) are shown with a choice: save them as this learner's, or delete them. A reply of any other
// outcome than "waiting" takes the answer off the list: "refused" (and why) and "invalid" are final, except a
// refusal because the kernel already holds too many unsaved answers ("waiting_full").
//
// No kernel at all (a static HTML page): the widget manager there (@jupyter-widgets/html-manager) has no
// `kernel` property, while JupyterLab's has one (null once the kernel is gone). Then answers are graded and
// kept in this browser only (site_store.js: per site and learner code, each with its question's hash, as the
// kernel's store keeps them), and the quiz says so; what was kept is shown again as the kernel's saved state is.
// The browser is asked once to keep them for good (navigator.storage.persist(), where it exists).
//
// Every text a learner reads comes from the kernel (the bank's texts and the view's labels): none is written here.
// It builds with the page toolkit (dom.js) and ships as one file with it, static/bundles/quiz.js (tools/bundle.mjs).

import { fill, h, icon, kernelState, liveLine } from "./dom.js";
import { SiteStore, pageStatus, siteAttempt } from "./site_store.js";

export const SAVE_WAIT_MS = 4000;
const STRIP = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// -- pure grading (no DOM): the page's half of the parity test ---------------------------------------------
export function parseNumber(text, words = {}) {
  // widgets/questions/numeric.py: strip, comma → point, a plain decimal number or a number word ("three", from
  // the question's number_words); null if it is neither
  const t = String(text).replace(STRIP, "").replace(/,/g, ".");
  const word = t.toLowerCase();
  if (Object.prototype.hasOwnProperty.call(words, word)) return words[word];
  if (!NUMBER.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export function formatG(x) {
  // Python's f"{x:g}": 6 significant digits, no trailing zeros, exponent below 1e-4 and from 1e6 on
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const [mant, expText] = x.toExponential(5).split("e");
  const exp = Number(expText);
  const trim = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : String(Math.abs(exp));
    return trim(mant) + "e" + (exp < 0 ? "-" : "+") + e;
  }
  return trim(x.toFixed(5 - exp));
}

function invalid(key) {
  return { valid: false, correct: false, chosen: [], keys: ["invalid:" + key], summary: "" };
}

const isStr = (x) => typeof x === "string";
const isList = (x) => Array.isArray(x);

const GRADERS = {
  single(q, a) {
    if (a === null || a === undefined || a === "") return invalid("empty");
    if (!isStr(a) || !q.options.some((o) => o.id === a)) return invalid("unknown");
    return { valid: true, correct: a === q.right, chosen: [a], keys: ["option:" + a], summary: "" };
  },
  multiple(q, a) {
    if (!isList(a)) return invalid("empty");
    const chosen = [...new Set(a)];
    if (!chosen.length) return invalid("empty");
    if (chosen.some((c) => !isStr(c) || !q.bank_order.includes(c))) return invalid("unknown");
    const right = new Set(q.right), picked = new Set(chosen);
    const keys = chosen.map((c) => "option:" + c)
      .concat(q.bank_order.filter((id) => right.has(id) && !picked.has(id)).map((id) => "missed:" + id));
    const hits = chosen.filter((c) => right.has(c)).length, wrong = chosen.length - hits;
    const summary = fill(q.summary, { hits, total: right.size }) + (wrong ? fill(q.summary_wrong, { wrong }) : "");
    const correct = hits === right.size && wrong === 0;
    return { valid: true, correct, chosen: q.bank_order.filter((id) => picked.has(id)), keys, summary };
  },
  truefalse(q, a) {
    if (isStr(a) && ["true", "false"].includes(a.toLowerCase())) a = a.toLowerCase() === "true";
    if (typeof a !== "boolean") return invalid("empty");
    const ok = a === q.right;
    return { valid: true, correct: ok, chosen: [String(a)], keys: [ok ? "right" : "wrong"], summary: "" };
  },
  numeric(q, a) {
    if (typeof a === "boolean" || a === null || a === undefined || (isStr(a) && !a.replace(STRIP, ""))) {
      return invalid("empty");
    }
    const v = isStr(a) ? parseNumber(a, q.number_words) : typeof a === "number" && Number.isFinite(a) ? a : null;
    if (v === null) return invalid("nan");
    const diff = v - q.right;
    const ok = Math.abs(diff) <= q.tolerance + 1e-9;
    const shown = formatG(v);
    const key = ok ? "right" : diff < 0 ? "low" : "high";
    const unit = v === 1 ? q.unit_one : q.unit;  // "1 nerve cell", "2 nerve cells"
    return { valid: true, correct: ok, chosen: [shown], keys: [key], summary: fill(q.summary, { value: shown, unit }) };
  },
  ordering(q, a) {
    if (!isList(a)) return invalid("empty");
    const chosen = [...a];
    if (chosen.some((c) => c === null || c === undefined || c === "") || chosen.length !== q.right.length) {
      return invalid("empty");
    }
    const sorted = (xs) => [...xs].sort().join("\u0000");
    if (chosen.some((c) => !isStr(c)) || sorted(chosen) !== sorted(q.right)) return invalid("repeated");
    const inPlace = chosen.filter((c, i) => c === q.right[i]).length;
    const ok = inPlace === q.right.length;
    const summary = fill(q.summary, { right: inPlace, total: q.right.length });
    return { valid: true, correct: ok, chosen, keys: [ok ? "right" : "wrong"], summary };
  },
};

export function grade(q, answer) {
  // one try → {valid, correct, chosen, keys, summary}, as grading.grade (Result.keys) gives it
  return GRADERS[q.type](q, answer);
}

export function respond(q, answer, wrongBefore = 0, show = false) {
  // what a try shows, as grading.respond: the stage, the feedback keys, their texts and the summary
  const lines = (keys) => keys.filter((k) => k in q.texts).map((k) => q.texts[k]);
  if (show) return { valid: true, correct: false, stage: "shown", keys: ["answer"], chosen: [], summary: "", lines: lines(["answer"]) };
  const r = grade(q, answer);
  let stage, keys;
  if (!r.valid) [stage, keys] = ["invalid", r.keys];
  else if (r.correct) [stage, keys] = ["right", []];  // one short confirmation, then "Why" once
  else if (wrongBefore < 1) {  // why THIS choice is wrong (a choice's why_not), then the hint: never the answer
    const hints = q.hint_keys || {};
    [stage, keys] = ["hint", r.keys.filter((k) => k in hints).map((k) => hints[k]).concat(["hint"])];
  } else [stage, keys] = ["answer", r.keys.concat(["answer"])];
  const summary = stage === "hint" || stage === "answer" ? r.summary : "";
  return { valid: r.valid, correct: r.correct, stage, keys, chosen: r.chosen, summary, lines: lines(keys) };
}

export const gradedInPage = (q) => q.graded_in_page && q.type in GRADERS;

// -- the page ---------------------------------------------------------------------------------------------
// the quiz's icons: its name → the symbol in icons.svg (its tick and chevrons are not the figures' "right",
// "back" and "next"); the class keeps the quiz's name (quiz.css draws them)
const SYMBOLS = { right: "tick", back: "chevron_back", next: "chevron_next" };
const quizIcon = (name) => icon(SYMBOLS[name] || name, `quiz-icon quiz-icon-${name}`);

function button(label, cls, iconName, attrs = {}) {
  const b = h("button", { type: "button", class: "quiz-button " + cls, ...attrs });
  if (iconName) b.append(quizIcon(iconName));
  b.append(h("span", { text: label }));
  return b;
}

function uuid() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  return "a" + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

// localStorage, keyed by learner code and lesson, so two learners on one browser never mix
const KEY_START = "foot-twitch-lessons:";
function storeKey(model, kind) {
  return `${KEY_START}${kind}:${model.get("learner")}:${model.get("lesson")}`;
}
// a kept try as this page wrote it; anything else found under the key (a hand edit, another version) is dropped
const isTry = (a) => a !== null && typeof a === "object" && !Array.isArray(a) && isStr(a.attempt_id) && isStr(a.question);
function readList(key) {
  try {
    const list = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(list) ? list.filter(isTry) : [];
  } catch (e) { return []; }
}
function writeList(key, list) {  // true when the browser kept it; false when its storage is full or off
  try {
    if (list.length) localStorage.setItem(key, JSON.stringify(list)); else localStorage.removeItem(key);
    return true;
  } catch (e) { return false; }
}
function otherKeys(model, kind) {  // this lesson's keys of `kind` under learner codes other than this one
  const start = `${KEY_START}${kind}:`, end = `:${model.get("lesson")}`, mine = storeKey(model, kind);
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(start) && k.endsWith(end) && k !== mine) out.push(k);
    }
  } catch (e) { /* storage off: nothing kept under any code */ }
  return out;
}

function browserStorage() {  // localStorage, or null where even reading it is refused (storage turned off)
  try { return globalThis.localStorage || null; } catch (e) { return null; }
}

function render({ model, el }) {
  const L = model.get("labels");
  const questions = model.get("questions");
  const ids = new Set(questions.map((q) => q.id));
  const mode = kernelState(model);
  const root = h("div", { class: "quiz-page", "data-lm-suppress-shortcuts": "true", "data-kernel": mode });
  el.append(root);
  const pendingKey = storeKey(model, "pending");
  const site = mode === "static" ? new SiteStore(browserStorage(), (globalThis.location && globalThis.location.href) || "") : null;
  const waits = new Map();  // attempt id → timer
  const uid = "quiz-" + Math.random().toString(36).slice(2, 10);  // ids unique to this view of the quiz
  const post = (msg) => {  // to the kernel; a closed or dead channel throws or drops it: the timer tells
    if (kernelState(model) !== "live") return;
    try { model.send(msg); } catch (e) { /* the warning comes when the timer runs out */ }
  };
  const cards = [];
  let current = 0;

  root.append(h("h3", { class: "quiz-title", text: model.get("title") }));
  const header = model.get("header");
  if (header) root.append(h("p", { class: "quiz-header", text: header }));
  const score = h("p", { class: "quiz-score" });
  const saveLine = liveLine("quiz-save");
  const progress = h("p", { class: "quiz-progress" });
  const bar = h("progress", { class: "quiz-bar", max: questions.length, value: 1, "aria-hidden": "true" });
  const progressRow = h("div", { class: "quiz-progress-row", hidden: questions.length < 2 }, progress, bar);
  const announce = liveLine("quiz-visually-hidden");  // moves
  root.append(score, saveLine, progressRow, announce);

  // -- one card per question, one shown at a time ---------------------------------------------------------
  const deck = h("div", { class: "quiz-deck" });
  root.append(deck);
  questions.forEach((q, i) => cards.push(makeCard(q, i)));
  const back = button(L.back, "quiz-back", "back");
  const next = button(L.next, "quiz-next", "next");
  const summaryButton = button(L.to_summary, "quiz-to-summary", "next");
  const nav = h("div", { class: "quiz-nav", role: "group", "aria-label": L.nav, hidden: questions.length < 2 },
    back, next, summaryButton);  // a one-question check needs no way between questions
  const summary = h("section", { class: "quiz-summary", tabindex: "-1", hidden: true, "aria-label": L.summary_title });
  root.append(nav, summary);
  back.addEventListener("click", () => show(current - 1));
  next.addEventListener("click", () => show(current + 1));
  summaryButton.addEventListener("click", () => show(questions.length));

  function show(i) {
    current = Math.max(0, Math.min(i, questions.length));
    cards.forEach((c, n) => { c.el.hidden = n !== current; });
    summary.hidden = current !== questions.length;
    back.disabled = current === 0;
    next.hidden = current >= questions.length - 1;
    summaryButton.hidden = current !== questions.length - 1;
    const n = Math.min(current + 1, questions.length);
    progress.textContent = current === questions.length ? L.at_summary : fill(L.progress, { n, total: questions.length });
    bar.value = n;
    if (current === questions.length) { drawSummary(); summary.focus(); }
    else if (document.activeElement && root.contains(document.activeElement)) cards[current].heading.focus();
  }

  function makeCard(q, i) {
    // a stable id (quiz-<lesson>-<question>): other widgets link to a card (the foot map); "lm-show-question" shows it
    const el = h("section", { class: "quiz-question", id: "quiz-" + q.id.replace(/[^A-Za-z0-9_-]/g, "-"), "data-question": q.id, "aria-labelledby": `${uid}-${i}-h` });
    el.addEventListener("lm-show-question", () => show(i));
    const heading = h("p", { class: "quiz-prompt", id: `${uid}-${i}-h`, tabindex: "-1" });
    // the number is in the progress line above ("Question 2 of 6"); screen readers get it with the prompt
    heading.append(h("span", { class: "quiz-visually-hidden", text: fill(L.number, { n: i + 1, total: questions.length }) + " " }));
    if (q.note) heading.append(h("i", { class: "quiz-note", text: `(${q.note}) ` }));
    heading.append(document.createTextNode(q.prompt));
    const how = h("p", { class: "quiz-how", text: q.how });
    el.append(heading, how);
    const card = { q, el, heading, wrong: 0, attempts: 0, last: null, input: makeInput(q, i) };
    el.append(card.input.el);
    const check = button(L.check, "quiz-check", "right", { "aria-label": fill(L.check_name, { n: i + 1 }) });
    const reveal = button(L.show, "quiz-show", "info", { "aria-label": fill(L.show_name, { n: i + 1 }) });
    el.append(h("div", { class: "quiz-actions" }, check, reveal));
    card.feedback = liveLine("quiz-feedback", "div");
    card.feedback.tabIndex = -1;
    card.saved = h("p", { class: "quiz-saved" });
    el.append(card.feedback, card.saved);
    check.addEventListener("click", () => attempt(card, false));
    reveal.addEventListener("click", () => attempt(card, true));
    deck.append(el);
    return card;
  }

  // -- the controls of each type -------------------------------------------------------------------------
  function makeInput(q, i) {
    if (q.type === "numeric" || !q.options && !q.items) {
      const id = `${uid}-${i}-in`;
      const box = h("input", { type: "text", id, class: "quiz-number", inputmode: q.type === "numeric" ? "decimal" : null, autocomplete: "off" });
      const label = h("label", { for: id, text: q.unit ? fill(L.number_label, { unit: q.unit }) : L.text_label });
      box.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); attempt(cards[i], false); } });
      return { el: h("div", { class: "quiz-input" }, label, box), read: () => box.value, set: (v) => { box.value = v ?? ""; }, mark() {} };
    }
    if (q.items) return orderList(q);
    const many = q.type === "multiple";
    const fs = h("fieldset", { class: "quiz-options" }, h("legend", { class: "quiz-legend", text: q.prompt }));
    const inputs = q.options.map((o, n) => {
      const id = `${uid}-${i}-o${n}`;
      // one name per question: a radio group is one Tab stop, the arrow keys move inside it
      const input = h("input", { type: many ? "checkbox" : "radio", name: `${uid}-${i}`, id, value: o.id });
      const mark = h("span", { class: "quiz-mark", id: `${id}-mark` });
      fs.append(h("div", { class: "quiz-option", "data-option": o.id }, input, h("label", { for: id, text: o.text }), mark));
      return { o, input, mark, row: input.parentElement };
    });
    return {
      el: fs,
      read: () => (many ? inputs.filter((x) => x.input.checked).map((x) => x.o.id).sort((a, b) => q.bank_order.indexOf(a) - q.bank_order.indexOf(b))
        : (inputs.find((x) => x.input.checked) || { o: { id: null } }).o.id),
      set: (v) => inputs.forEach((x) => { x.input.checked = many ? (v || []).includes(x.o.id) : x.o.id === v; }),
      mark(res, stage) {  // options marked right / wrong in words and an icon, never colour alone
        const right = new Set(q.type === "truefalse" ? [String(q.right)] : [].concat(q.right));
        const chosen = new Set(res && res.chosen || []);
        const reveal = stage === "right" || stage === "answer" || stage === "shown";
        inputs.forEach(({ o, input, mark, row }) => {
          let kind = "";
          if (chosen.has(o.id)) kind = right.has(o.id) ? (reveal || !many ? "ok" : "") : (reveal || !many ? "bad" : "");
          else if (reveal && right.has(o.id)) kind = many || stage !== "right" ? "missed" : "";
          row.dataset.mark = kind;
          mark.replaceChildren();
          // the mark is part of the option's accessible description: a screen reader hears it with the option
          if (kind) {
            mark.append(quizIcon(kind === "bad" ? "wrong" : "right"), h("span", { text: L["mark_" + kind] }));
            input.setAttribute("aria-describedby", mark.id);
          } else input.removeAttribute("aria-describedby");
        });
      },
    };
  }

  function orderList(q) {
    let order = q.items.map((it) => it.id);
    const text = Object.fromEntries(q.items.map((it) => [it.id, it.text]));
    const list = h("ol", { class: "quiz-order", "aria-label": L.order_name });
    const draw = (focus) => {
      list.replaceChildren();
      order.forEach((id, n) => {
        const up = button(L.up, "quiz-up", "up", { "aria-label": fill(L.up_name, { text: text[id] }), disabled: n === 0 });
        const down = button(L.down, "quiz-down", "down", { "aria-label": fill(L.down_name, { text: text[id] }), disabled: n === order.length - 1 });
        up.addEventListener("click", () => move(n, -1, "up"));
        down.addEventListener("click", () => move(n, 1, "down"));
        list.append(h("li", { class: "quiz-item", "data-item": id },
          h("span", { class: "quiz-item-number", "aria-hidden": "true", text: `${n + 1}.` }),
          h("span", { class: "quiz-item-text", text: text[id] }), up, down));
      });
      if (focus) {
        const [id, dir] = focus;
        const li = list.querySelector(`[data-item="${CSS.escape(id)}"]`);
        const b = li && (li.querySelector(`.quiz-${dir}:not([disabled])`) || li.querySelector("button:not([disabled])"));
        if (b) b.focus();
      }
    };
    const move = (n, by, dir) => {
      const m = n + by;
      if (m < 0 || m >= order.length) return;
      const id = order[n];
      [order[n], order[m]] = [order[m], order[n]];
      draw([id, dir]);
      announce.textContent = fill(L.moved, { text: text[id], n: m + 1, total: order.length });
    };
    draw();
    return {
      el: list,
      read: () => [...order],
      set: (v) => { if (Array.isArray(v) && v.length === order.length && v.every((x) => x in text)) { order = [...v]; draw(); } },
      mark() {},
    };
  }

  // -- a try: grade here, show at once, then save through the kernel ----------------------------------------
  // Only the feedback is drawn in the click: everything else (the kernel message, localStorage, the status
  // line) waits until that frame is painted, so a kernel's reply or a slow storage write cannot hold it back.
  const later = [];  // jobs for after the next paint, run in the order queued (answers are sent in order)
  function afterPaint(job) {
    later.push(job);
    if (later.length > 1) return;  // already scheduled
    const fallback = setTimeout(runLater, 100);  // no frames in a hidden tab: do not wait for one
    requestAnimationFrame(() => { clearTimeout(fallback); setTimeout(runLater, 0); });  // after the paint
  }
  function runLater() {
    while (later.length) {
      const job = later.shift();
      try { job(); } catch (e) { console.error(e); }  // one failing job must not keep the next ones back
    }
  }

  function attempt(card, reveal) {
    const q = card.q;
    const answer = card.input.read();
    if (!gradedInPage(q)) {  // a question type this page cannot grade: the kernel's verdict only
      if (mode === "static") { paint(card, { valid: false, stage: "invalid", lines: [L.needs_kernel], keys: [] }); return; }
      const msg = { kind: "attempt", attempt_id: uuid(), question: q.id, hash: q.hash, answer, show: reveal, wrong_before: card.wrong };
      card.feedback.replaceChildren(h("p", { text: L.checking }));
      afterPaint(() => send(card, msg, null));
      return;
    }
    const res = respond(q, answer, card.wrong, reveal);
    paint(card, res);
    card.feedback.focus();  // its style and layout pass is the one the frame needs anyway (nothing else changed)
    if (!res.valid) {  // not a try: an earlier try's "Saved." would read as if this entry was saved
      const st = card.saved.dataset.state;
      if (st !== "unsaved" && st !== "waiting") { card.saved.replaceChildren(); delete card.saved.dataset.state; }
      return;
    }
    const msg = { kind: "attempt", attempt_id: uuid(), question: q.id, hash: q.hash, answer: reveal ? null : answer, show: reveal, wrong_before: card.wrong };
    card.attempts += 1;
    if (!res.correct) card.wrong += 1;
    if (card.firstCorrect === undefined) card.firstCorrect = res.correct;
    card.now = res.correct;
    if (mode === "static") {
      afterPaint(() => {
        const a = siteAttempt(q, model.get("lesson"), res, msg.attempt_id, reveal, site.load().attempts);
        const r = a === null ? { ok: true } : site.record(a);  // "show" after a try adds nothing, as in the kernel
        const words = { question_full: L.refused_question_full, file_full: L.browser_full, storage: L.browser_none };
        card.saved.replaceChildren(quizIcon(r.ok ? "info" : "warn"), h("span", { text: r.ok ? L.browser_only : words[r.why] }));
        if (r.ok && a !== null && site.askPersist()) saveLine.replaceChildren(quizIcon("info"), h("span", { text: `${L.static} ${L.persist}` }));
        updateScore();
      });
      return;
    }
    afterPaint(() => send(card, msg, res));
  }

  function send(card, msg, res) {
    const kept = writeList(pendingKey, readList(pendingKey).concat([msg]));  // kept until the kernel replies
    card.pending = { id: msg.attempt_id, res, msg, kept };
    card.saved.replaceChildren(h("span", { text: L.saving }));
    post(msg);
    clearTimeout(waits.get(msg.attempt_id));
    waits.set(msg.attempt_id, setTimeout(() => notSaved(card), kernelState(model) === "live" ? SAVE_WAIT_MS : 0));
  }

  function notSaved(card) {  // no reply in time: say where the answer is now, never more than the truth
    const kept = card.pending.kept;
    card.saved.replaceChildren(quizIcon("warn"), h("span", { text: kept ? L.not_saved : L.not_kept }));
    card.saved.dataset.state = "unsaved";
    card.saved.dataset.kept = String(kept);
    saveLine.dataset.state = "unsaved";
    const lost = !!root.querySelector('.quiz-saved[data-state="unsaved"][data-kept="false"]');
    saveLine.replaceChildren(quizIcon("warn"), h("span", { text: lost ? L.not_kept_all : L.not_saved_all }));
    updateScore(true);
  }

  const adopted = new Map();  // attempt id → the key (another learner code) it was kept under
  function dropPending(id) {
    writeList(pendingKey, readList(pendingKey).filter((a) => a.attempt_id !== id));
    const from = adopted.get(id);
    if (from) { writeList(from, readList(from).filter((a) => a.attempt_id !== id)); adopted.delete(id); }
  }

  function resend(list) {  // kept tries, sent again in the order they were given; each waits for its reply
    for (const msg of list) {
      const card = cards.find((c) => c.q.id === msg.question);
      card.pending = { id: msg.attempt_id, res: null, msg, resent: true, kept: true };
      post(msg);
      clearTimeout(waits.get(msg.attempt_id));
      waits.set(msg.attempt_id, setTimeout(() => notSaved(card), kernelState(model) === "live" ? SAVE_WAIT_MS : 0));
    }
  }

  function paint(card, res) {
    const q = card.q;
    const fb = card.feedback;
    fb.replaceChildren();
    fb.dataset.stage = res.stage;
    if (res.stage === "invalid") {
      fb.append(h("p", { class: "lesson-note" }, quizIcon("info"), h("span", { text: res.lines.join(" ") })));
      return;
    }
    const verdict = { right: ["lesson-right", "right", L.right], hint: ["lesson-wrong", "wrong", L.wrong_hint],
      answer: ["lesson-wrong", "wrong", L.wrong_answer], shown: ["lesson-info", "info", L.shown] }[res.stage];
    fb.append(h("p", { class: "quiz-verdict " + verdict[0] }, quizIcon(verdict[1]), h("b", { text: verdict[2] })));
    if (res.summary) fb.append(h("p", { class: "quiz-summary-line", text: res.summary }));
    const items = [];
    const known = res.keys.filter((k) => k in q.texts);
    (res.lines || []).slice(0, res.lines.length - known.length).forEach((t) => items.push(h("li", { class: "quiz-line", text: t })));
    res.keys.forEach((k) => {
      if (!(k in q.texts)) return;
      const label = k === "hint" ? L.hint : k === "answer" ? L.answer : "";
      const li = h("li", { class: "quiz-line quiz-line-" + k.split(":")[0] });
      if (label) li.append(h("b", { text: label + " " }));
      li.append(document.createTextNode(q.texts[k]));
      items.push(li);
    });
    if (items.length) fb.append(h("ul", { class: "quiz-lines" }, ...items));
    if (res.stage !== "hint") fb.append(h("p", { class: "quiz-why" }, h("b", { text: L.why + " " }), document.createTextNode(q.explanation)));
    card.input.mark(res, res.stage);
  }

  // -- the kernel's replies ----------------------------------------------------------------------------------
  model.on("msg:custom", (msg) => {
    if (!msg || msg.kind !== "saved") return;
    clearTimeout(waits.get(msg.attempt_id));
    waits.delete(msg.attempt_id);
    // saved, or never will be: off the list (the kernel's queue full is no verdict: sent again at the next run)
    if (msg.outcome !== "waiting" && msg.reason !== "waiting_full") dropPending(msg.attempt_id);
    const card = cards.find((c) => c.pending && c.pending.id === msg.attempt_id);
    if (!card) return;
    const refused = { question_full: L.refused_question_full, store_full: L.refused_store_full, waiting_full: L.refused_waiting_full };
    const words = { saved: L.saved, duplicate: L.saved, waiting: L.waiting, stale: L.stale,
      refused: refused[msg.reason] || L.refused, retired: L.retired, invalid: L.invalid };
    const ok = msg.outcome === "saved" || msg.outcome === "duplicate";
    card.saved.dataset.state = msg.outcome;
    delete card.saved.dataset.kept;
    card.saved.replaceChildren(quizIcon(ok ? "right" : msg.outcome === "waiting" ? "info" : "warn"),
      h("span", { text: words[msg.outcome] || L.not_saved_other }));
    const mine = card.pending.res;
    const theirs = msg.response;
    if (theirs && (!mine || mine.correct !== theirs.correct || mine.valid !== theirs.valid)) {
      paint(card, theirs);  // the kernel's verdict is the one saved: show it
      if (mine) card.saved.append(h("span", { class: "quiz-differs", text: " " + L.differs }));
    }
    const s = msg.status;  // the kernel's count of this question's saved tries
    if (s) { card.attempts = s.attempts; card.firstCorrect = s.first_correct; card.now = s.now_correct; card.wrong = s.wrong_tries; }
    if (!root.querySelector('.quiz-saved[data-state="unsaved"]')) idleLine();
  });

  // Answers an older site kept under one key per lesson for everyone ("…:answers:<code>:<lesson>", the build's
  // code), before answers were kept per site and learner code: moved once into this site's store, each graded
  // again and keeping the hash it was given with (a changed question shows it as an answer to an older version).
  function importOldSite() {
    const key = storeKey(model, "answers");
    const old = readList(key);
    if (!old.length) return;
    for (const a of old) {
      const q = questions.find((x) => x.id === a.question);
      const res = q && gradedInPage(q) && !a.show ? grade(q, a.answer) : null;
      if (!q || (!a.show && !(res && res.valid))) continue;
      const kept = site.load().attempts;
      if (kept.some((b) => b.attempt_id === a.attempt_id)) continue;
      const tried = siteAttempt(q, model.get("lesson"), res, a.attempt_id, !!a.show, kept);
      if (tried && !site.record({ ...tried, hash: typeof a.hash === "string" ? a.hash : q.hash }).ok) return;  // kept for later
    }
    writeList(key, []);
  }

  let otherLine = null;  // the question about answers kept under another learner code, until it is answered
  function idleLine() {  // the save line when nothing waits for the kernel
    delete saveLine.dataset.state;
    if (otherLine) saveLine.replaceChildren(...otherLine); else saveLine.replaceChildren();
  }

  model.on("change:score", () => { score.textContent = model.get("score"); });

  function updateScore(local = mode === "static") {  // the kernel sends the score; without one, count here
    if (local) {
      const done = cards.filter((c) => c.attempts);
      score.textContent = fill(L.score, { first: done.filter((c) => c.firstCorrect).length, total: cards.length });
    }
  }

  function drawSummary() {
    const done = cards.filter((c) => c.attempts);
    const first = done.filter((c) => c.firstCorrect).length;
    const list = h("ul", { class: "quiz-summary-list" });
    cards.forEach((c, n) => {
      const state = !c.attempts ? L.sum_open : c.firstCorrect ? L.sum_first : c.now ? L.sum_later : L.sum_wrong;
      const li = h("li", {}, h("span", { text: fill(L.sum_item, { n: n + 1, prompt: c.q.short }) + " " }),
        h("b", { class: "quiz-sum-state", text: state }), " ");
      if (!c.now) {  // a way back to what is still open or not right yet
        const go = button(fill(L.go_to, { n: n + 1 }), "quiz-go", "back");
        go.addEventListener("click", () => show(n));
        li.append(go);
      }
      list.append(li);
    });
    summary.replaceChildren(h("h4", { text: L.summary_title }),
      h("p", { class: "quiz-summary-score", text: fill(L.score, { first, total: cards.length }) }),
      h("p", { text: fill(L.summary_line, { answered: done.length, total: cards.length }) }), list);
  }

  // -- what was saved before, then what this browser still keeps ---------------------------------------------
  // on the site, what this browser kept, as the kernel sends what it saved
  if (site) importOldSite();
  const keptHere = site ? site.load().attempts : [];
  const saved = site ? Object.fromEntries(questions.map((q) => [q.id, pageStatus(q, keptHere)]).filter(([, s]) => s)) : model.get("saved") || {};
  cards.forEach((card) => {
    const s = saved[card.q.id];
    if (!s) return;
    card.attempts = s.attempts; card.firstCorrect = s.first_correct; card.now = s.now_correct; card.wrong = s.wrong_tries;
    const tries = s.attempts === 1 ? L.one_try : fill(L.tries, { n: s.attempts });
    if (s.stale) {
      card.saved.append(h("span", { text: fill(L.older, { tries }) }));
      return;
    }
    if (s.answer !== null && s.answer !== undefined) {
      card.input.set(s.answer);
      if (gradedInPage(card.q)) paint(card, respond(card.q, s.answer, s.wrong_before_last, false));
    } else if (gradedInPage(card.q)) paint(card, respond(card.q, null, 1, true));
    const first = s.first_correct ? L.first_right : L.first_wrong;
    card.saved.append(h("span", { text: fill(site ? L.browser_before : L.saved_before, { tries, first }) }));
  });
  if (mode === "static") {
    const none = site.learner() === null;  // this browser keeps nothing for the site: say so once, at the top
    saveLine.replaceChildren(quizIcon(none ? "warn" : "info"), h("span", { text: none ? L.site_not_kept : L.static }));
    updateScore();
  } else {
    score.textContent = model.get("score");
    // answers this browser kept because no kernel answered: resent in the order they were given
    const kept = readList(pendingKey).filter((a) => ids.has(a.question));
    if (kept.length) {
      saveLine.replaceChildren(quizIcon("info"), h("span", { text: fill(L.resending, { n: kept.length }) }));
      resend(kept);
    }
    // kept under another learner code (the code changed since): never resent unasked, never left unseen
    const others = otherKeys(model, "pending").map((k) => [k, readList(k).filter((a) => ids.has(a.question))])
      .filter(([, list]) => list.length);
    if (others.length) {
      const n = others.reduce((sum, [, list]) => sum + list.length, 0);
      const adopt = button(L.adopt, "quiz-adopt", "right"), forget = button(L.forget, "quiz-forget", "wrong");
      otherLine = [quizIcon("warn"), h("span", { text: fill(L.other_code, { n }) + " " }), adopt, forget];
      saveLine.replaceChildren(...otherLine);
      adopt.addEventListener("click", () => {
        otherLine = null;
        const list = others.flatMap(([k, l]) => { l.forEach((a) => adopted.set(a.attempt_id, k)); return l; });
        saveLine.replaceChildren(quizIcon("info"), h("span", { text: fill(L.resending, { n: list.length }) }));
        for (const a of list) {  // kept under this code now; under the old one until the kernel replies
          const mine = readList(pendingKey);
          if (!mine.some((b) => b.attempt_id === a.attempt_id) && writeList(pendingKey, mine.concat([a]))) {
            writeList(adopted.get(a.attempt_id), readList(adopted.get(a.attempt_id)).filter((b) => b.attempt_id !== a.attempt_id));
            adopted.delete(a.attempt_id);
          }
        }
        resend(list);
      });
      forget.addEventListener("click", () => {
        otherLine = null;
        for (const [k, list] of others) {
          const gone = new Set(list.map((a) => a.attempt_id));
          writeList(k, readList(k).filter((a) => !gone.has(a.attempt_id)));
        }
        idleLine();
      });
    }
  }
  show(0);
  el.dataset.ready = "true";
  return () => { runLater(); waits.forEach((t) => clearTimeout(t)); };  // a try clicked just before: still kept
}

export default { render };
