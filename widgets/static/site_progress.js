// The start page's progress parts on the static site, where no kernel runs: tools/site.py puts, in place of the
// notebook's progress table and "keep your progress" widgets, an empty <div class="site-progress" data-part="table">
// (or "backup") holding the course's data and words as JSON; this script (one classic file,
// assets/site_progress.js: file:// refuses ES modules) fills them from the answers this browser kept
// (site_store.js). The table reads them again whenever the page comes back into view or another tab changes them.
// "Make my results file" and "Download my progress file" save the kernel's documents, made here; "Restore from a
// file" checks a download with the store's checks and words, and asks before replacing. Nothing says "kept" or
// "restored" when the browser refused to keep it.

import { fill, h, icon, liveLine } from "./dom.js";
import {
  FormatError, SiteStore, buildExport, exportFileName, exportText, lessonScores, progressFileName, progressText,
  readProgressUpload,
} from "./site_store.js";

function browserStorage() {
  try { return globalThis.localStorage || null; } catch (e) { return null; }
}

// A data: URL of UTF-8 text (works with no server and from file://)
function dataUrl(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return "data:application/json;base64," + btoa(bin);
}

function saveNow(text, file) {  // as views/backup.py's Download: saved at once, a link stays as a fallback
  const a = h("a", { href: dataUrl(text), download: file, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
}

const link = (text, file, label) => h("a", { class: "backup-link", href: dataUrl(text), download: file, text: label });
const button = (label, tip, cls = "") => h("button", { type: "button", class: `jupyter-button site-button ${cls}`.trim(), title: tip },
  h("span", { text: label }));
const note = (text) => h("p", { class: "lesson-note" }, icon("note"), h("span", { text }));  // in a live line

function table(data, store) {
  const words = data.start.progress, W = data.site.progress;
  const el = h("div", { class: "lesson-view progress-overview site-progress-view" });
  const lessons = data.course.lessons.slice(1);  // the course map starts with the start page, which has no score
  const names = Object.fromEntries(lessons.map((l, i) => [l.id, fill(words.row, { n: i + 1, total: lessons.length, title: l.title })]));
  function draw() {
    const none = store.learner() === null;
    const scores = lessonScores(data.course, store.load().attempts);
    const body = scores.map((s) => h("tr", {}, ...[names[s.lesson], `${s.answered}/${s.total}`, s.first_try, s.now_correct]
      .map((c) => h("td", { text: String(c) }))));
    const tableEl = h("table", { class: "lesson-table" }, h("caption", { text: words.caption }),
      h("thead", {}, h("tr", {}, ...words.headers.map((t) => h("th", { scope: "col", text: t })))), h("tbody", {}, ...body));
    el.replaceChildren(...(none ? [note(W.not_kept)] : []), tableEl, h("p", { class: "lesson-small-print site-progress-where", text: W.where }));
  }
  draw();
  const again = () => { if (document.visibilityState !== "hidden") draw(); };
  document.addEventListener("visibilitychange", again);
  window.addEventListener("focus", again);
  window.addEventListener("pageshow", again);
  window.addEventListener("storage", again);  // another tab of the site kept an answer
  return { el, draw };
}

function backup(data, store, redraw) {
  const S = data.start, W = data.site.progress;
  const el = h("div", { class: "lesson-view progress-backup site-progress-view" });
  const uid = "site-progress-" + Math.random().toString(36).slice(2, 8);
  const name = h("input", { type: "text", id: `${uid}-name`, class: "site-name", placeholder: S.name_box.placeholder, maxlength: "60" });
  const makeResults = button(W.make_results, W.make_results_tip, "backup-export");
  const resultsOut = liveLine("backup-export-out", "div");
  const download = button(W.download, W.download_tip, "backup-download");
  const downloadOut = liveLine("backup-download-out", "div");
  const input = h("input", { type: "file", accept: ".json", hidden: true, id: `${uid}-file` });
  const choose = button(W.choose, W.choose_tip, "backup-upload");
  const restoreOut = liveLine("backup-restore-out", "div");
  const confirm = button(W.confirm, W.confirm_tip, "backup-confirm mod-warning");
  const cancel = button(W.cancel, W.cancel_tip, "backup-cancel");
  const confirmBox = h("div", { class: "lesson-actions site-confirm", hidden: true }, confirm, cancel);
  el.append(
    h("h3", { text: S.results.heading }),
    h("p", { text: `${S.results.without_box} ${S.results.not_in_it}` }),
    h("p", { class: "lesson-info", text: S.name_box.empty_means }),
    h("div", { class: "lesson-actions" }, h("label", { for: `${uid}-name`, text: S.name_box.label }), name, makeResults),
    resultsOut,
    h("h3", { text: W.keep_heading }), h("div", { class: "lesson-actions" }, download), downloadOut,
    h("h3", { text: W.restore_heading }), h("div", { class: "lesson-actions" }, choose, input), restoreOut, confirmBox,
  );

  makeResults.addEventListener("click", () => {
    const doc = buildExport(store.load(), data.course, name.value);
    const file = exportFileName(doc), text = exportText(doc);
    const n = Object.keys(doc.questions).length;
    if (!n) {  // nothing to hand in: say so, and save nothing unless asked
      resultsOut.replaceChildren(note(W.results_empty), h("p", {}, `${W.results_empty_link} `, link(text, file, fill(W.save_empty_link, { file }))));
      return;
    }
    saveNow(text, file);
    const said = doc.name === doc.learner ? S.results.saved_no_name : S.results.saved;
    resultsOut.replaceChildren(h("p", { text: fill(said, { file, n, questions: n === 1 ? W.question_one : W.question_many, name: doc.name }) }),
      link(text, file, fill(W.save_link, { file })));
  });

  download.addEventListener("click", () => {
    const doc = store.load();
    const file = progressFileName(name.value), text = progressText(doc), n = doc.attempts.length;
    saveNow(text, file);
    downloadOut.replaceChildren(h("p", { text: fill(W.download_saved, { file, n, answers: n === 1 ? W.answer_one : W.answer_many }) + " " }),
      link(text, file, fill(W.save_link, { file })));
  });

  let pending = null;
  choose.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const f = input.files && input.files[0];
    if (!f) return;
    f.arrayBuffer().then((buffer) => { input.value = ""; check(new Uint8Array(buffer), f.name); });
  });
  function check(bytes, file) {
    pending = null;
    confirmBox.hidden = true;
    try {
      pending = readProgressUpload(bytes, "the file");
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      restoreOut.replaceChildren(note(fill(W.restore_bad, { file, why: e.message })));
      return;
    }
    const current = store.load().attempts.length;
    restoreOut.replaceChildren(h("p", { text: fill(W.restore_good, { file, n: pending.attempts.length, current }) }));
    confirmBox.hidden = false;
  }
  confirm.addEventListener("click", () => {
    if (!pending) return;
    const ok = store.replace(pending);
    restoreOut.replaceChildren(note(ok ? fill(W.restored, { n: pending.attempts.length }) : W.restore_not_kept));
    pending = null;
    confirmBox.hidden = true;
    redraw();
  });
  cancel.addEventListener("click", () => {
    pending = null;
    confirmBox.hidden = true;
    restoreOut.replaceChildren(note(W.restore_cancelled));
  });
  return { el, check };
}

export function mountAll(doc = document, href = location.href) {
  const store = new SiteStore(browserStorage(), href);
  const tables = [];
  const parts = [...doc.querySelectorAll(".site-progress[data-part]")];
  for (const part of parts) {
    const data = JSON.parse(part.querySelector("script.site-progress-data").textContent);
    if (part.dataset.part === "table") {
      const t = table(data, store);
      tables.push(t);
      part.replaceChildren(t.el);
    } else {
      part.replaceChildren(backup(data, store, () => tables.forEach((t) => t.draw())).el);
    }
    part.dataset.ready = "true";
  }
  return parts.length;
}

export default { mountAll };
