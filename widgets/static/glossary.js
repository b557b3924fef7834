// The glossary drawn in the page (views/glossary.py sends its terms once): one folding table per group, and for the
// whole-course glossary a search box that keeps the rows whose term, meaning or "say it" holds the typed letters
// (any case), with a status line saying how many. It works with no kernel (the static site); where a kernel is
// live it mirrors the query (state {query}). Every word shown comes from Python (the terms, `labels`).
import { fill, h, kernelState } from "./dom.js";

// Does an entry hold `query`? As Python's glossary.matches: spaces trimmed, any case; an empty query holds all.
export function matches(entry, query) {
  const q = String(query || "").trim().toLowerCase();
  return !q || [entry.term, entry.meaning, entry.say || ""].some((s) => s.toLowerCase().includes(q));
}

// "say: dy-ag-NO-sis": each space-separated part on one line (it never splits at its hyphens)
const wholeWords = (s) => s.split(/\s+/).filter(Boolean).flatMap((w, i) => [...(i ? [" "] : []), h("span", { class: "glossary-nowrap", text: w })]);

const row = (e) => h("tr", {},
  h("th", { scope: "row", class: "glossary-term" }, e.term, ...(e.say ? [h("span", { class: "glossary-say" }, e.labelSay, ...wholeWords(e.say))] : [])),
  h("td", { text: e.meaning }));

// The groups' tables for `query`: a group with no match is left out; while searching, every group is unfolded.
export function tables(data, query) {
  const searching = String(query || "").trim() !== "";
  return data.groups.flatMap((g) => {
    const shown = g.entries.filter((e) => matches(e, query));
    if (!shown.length) return [];
    return [h("details", { class: `glossary-group glossary-${g.kind}`, open: searching || g.open },
      h("summary", { text: `${g.heading} (${shown.length})` }),
      h("table", { class: "glossary-table" }, h("tbody", {}, ...shown.map((e) => row({ ...e, labelSay: data.labels.say + " " })))))];
  });
}

export function count(data, query) {
  return data.groups.reduce((n, g) => n + g.entries.filter((e) => matches(e, query)).length, 0);
}

// The status line: how many words, or how many hold the query, or none.
export function said(data, query) {
  const q = String(query || "").trim(), L = data.labels, total = count(data, ""), n = count(data, q);
  if (!q) return fill(L.count_all, { n });
  return n ? fill(L.count_some, { n, total, query: q }) : fill(L.count_none, { query: q });
}

function render({ model, el }) {
  const D = model.get("data");
  const L = D.labels;
  const kernel = kernelState(model);
  const root = h("div", { class: "glossary-page", "data-kernel": kernel, "data-lm-suppress-shortcuts": "true" });
  const terms = h("div", { class: "glossary-terms" });
  let query = (model.get("state") || {}).query || "";
  let box = null, status = null;
  if (D.search) {
    const id = `glossary-find-${Math.random().toString(36).slice(2, 9)}`;
    box = h("input", { id, type: "search", class: "glossary-search", placeholder: L.placeholder, autocomplete: "off", spellcheck: "false" });
    box.value = query;
    status = h("p", { class: "glossary-count lesson-progress", role: "status", "aria-live": "polite" });
    root.append(h("div", { class: "glossary-find" }, h("label", { for: id, text: L.find }), box), status);
  }
  root.append(terms);
  el.append(root);
  const show = () => {
    terms.replaceChildren(...tables(D, query));
    if (status) status.textContent = said(D, query);
  };
  show();
  if (box) {
    box.addEventListener("input", () => {
      query = box.value;
      show();
      model.set("state", { query });
      try { model.save_changes(); } catch (e) { /* no kernel: the page works on its own */ }
    });
  }
  const fromKernel = () => {
    const q = (model.get("state") || {}).query || "";
    if (q === query) return;
    query = q;
    if (box) box.value = q;
    show();
  };
  model.on("change:state", fromKernel);
  return () => model.off("change:state", fromKernel);
}

export default { render };
