// The foot map in the page: the drawing with no part chosen is the template; for each part the kernel sent,
// once, what changes when it is chosen (a patch of trace and label styles) and its texts. Choosing a part from
// the list or by a click on the drawing switches in the page. views/foot_map.py makes the patches; compose()
// applies them as Python's figure() would draw it (tests/page/test_figure_parity.py).
import { h, liveLine } from "./dom.js";
import { choiceGroup, mountFigure } from "./page_figure.js";

export function prepare(data) { return data; }

function patched(list, patches) {
  return list.map((item, i) => {
    const p = patches && patches[String(i)];
    if (!p) return item;
    const out = { ...item, ...p.set };
    for (const k of p.unset) delete out[k];
    return out;
  });
}

// The height that fits the drawing's shape at a given width (the template's height when there is room).
export function fitHeight(fit, width) {
  const m = fit.margin;
  return Math.round(Math.min(fit.max, Math.max(fit.min, (width - m.l - m.r) * fit.aspect + m.t + m.b)));
}

// `state.region`: the chosen part's id, or null; `state.width`: the figure's width in pixels, if known.
export function compose(shared, d, state) {
  const template = shared;  // figure.js draws copies (plotly writes back into what it draws)
  const p = state.region ? d.patches[state.region] : null;
  const layout = { ...template.layout, annotations: patched(template.layout.annotations, p && p.annotations) };
  if (state.width) layout.height = fitHeight(d.fit, state.width);
  if (state.width && state.width < d.fit.small_below) {
    // small drawing: names on short lines beside their view (never over the outline), every one at 12 px
    const small = d.fit.small_labels || {};
    layout.annotations = layout.annotations.map((a, i) => {
      const s = small[String(i)], out = { ...a, font: { ...a.font, size: d.fit.small_font } };
      if (!s) return out;
      const bold = String(a.text).startsWith("<b>");
      return { ...out, text: bold ? "<b>" + s.text + "</b>" : s.text, ax: s.ax, ay: s.ay };
    });
  }
  return { data: patched(template.data, p && p.data), layout, config: template.config };
}

export function describe(d, state) {
  const r = state.region ? d.regions.find((x) => x.id === state.region) : null;
  if (!r) return { name: "", text: d.words.prompt, heading: "", questions: [], anchors: [], alt: d.words.alt_none };
  return { name: r.name, text: r.text, heading: r.heading, questions: r.questions, anchors: r.anchors, alt: r.alt };
}

// A related question as a link to its card in the lesson's quiz (static/quiz.js gives each card the id
// quiz-<lesson>-<question> and shows it on "lm-show-question"); where that quiz is not on the page the link's own way.
export function questionLink(text, anchor, tip) {
  const a = h("a", { class: "pagefig-link foot-map-question-link", href: "#" + anchor, title: tip, text });
  a.addEventListener("click", (e) => {
    const card = document.getElementById(anchor);
    if (!card) return;
    e.preventDefault();
    card.dispatchEvent(new CustomEvent("lm-show-question"));
    const smooth = !(typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches);
    card.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    const prompt = card.querySelector(".quiz-prompt");
    if (prompt) prompt.focus({ preventScroll: true });
  });
  return a;
}

// the foot map's choice: {region: a part's id, or null}; one drawing per part (and none), every one drawn ahead while
// the page is idle, so a choice only switches drawings
export default mountFigure({
  name: "foot-map",
  build({ data, el, root, graph, choose }) {
    const d = prepare(data);
    const ids = new Set(d.regions.map((r) => r.id));
    const list = choiceGroup({
      label: d.words.choose, css: "foot-map-region-list", value: null,
      options: d.regions.map((r) => [r.name, r.id]), onChoose: (id) => choose({ region: id }),
    });
    list.el.querySelectorAll("button").forEach((b, i) => { b.title = d.regions[i].hover; });
    const explanation = liveLine("pagefig-live foot-map-explanation");
    const related = h("div", { class: "foot-map-questions" });
    root.append(list.el, d.clickable ? h("p", { class: "pagefig-hint foot-map-click", text: d.words.click_tip }) : null,
      h("div", { class: "pagefig-main" }, graph, explanation, related));

    // A click on a coloured part of the drawing, on whichever route drew it (in place, or the kernel's fallback).
    const bind = () => (el.parentElement || el).querySelectorAll(".js-plotly-plot").forEach((gd) => {
      if (gd.__footMap || typeof gd.on !== "function") return;
      gd.__footMap = true;
      gd.on("plotly_click", (ev) => {
        const p = ev && ev.points && ev.points[0];
        const cd = p && (p.customdata !== undefined ? p.customdata : p.data && p.data.customdata && p.data.customdata[0]);
        if (cd && ids.has(cd)) choose({ region: cd });
      });
    });
    const timer = d.clickable ? setInterval(bind, 500) : null;  // the fallback route draws its graph later
    return {
      accept: (c) => { const id = c.region ?? null; return id === null || ids.has(id) ? { region: id } : null; },
      show(c) {
        const t = describe(d, c);
        explanation.replaceChildren(...(t.name ? [h("b", { text: t.name }), " " + t.text] : [t.text]));
        related.replaceChildren();
        if (t.heading) related.append(h("p", { text: t.heading }));
        if (t.questions.length) related.append(h("ul", {}, ...t.questions.map((q, i) => h("li", {}, questionLink(q, t.anchors[i], d.words.question_link)))));
        list.set(c.region);
        return t;
      },
      // drawn from the template at the width figure.js draws at (its height follows the drawing's shape)
      figure: (template, c, width) => {
        if (d.clickable) setTimeout(bind, 0);  // plotly attaches .on() to the graph when it first draws
        return compose(template, d, { region: c.region, width });
      },
      key: (c) => c.region || "",
      states: () => [{ region: null }, ...d.regions.map((r) => ({ region: r.id }))],
      destroy: () => clearInterval(timer),
    };
  },
});
