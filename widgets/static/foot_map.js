// The foot map in the page: the drawing with no part chosen is the template; for each part the kernel sent,
// once, what changes when it is chosen (a patch of trace and label styles) and its texts. Choosing a part from
// the list or by a click on the drawing switches in the page. views/foot_map.py makes the patches; compose()
// applies them as Python's figure() would draw it (tests/test_figure_parity.py).
import { choiceGroup, make, save } from "./page_figure.js";

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
  if (state.width && state.width < d.fit.small_below) {  // small drawing: smaller labels, so they keep apart
    layout.annotations = layout.annotations.map((a) => ({ ...a, font: { ...a.font, size: d.fit.small_font } }));
  }
  return { data: patched(template.data, p && p.data), layout, config: template.config };
}

export function describe(d, state) {
  const r = state.region ? d.regions.find((x) => x.id === state.region) : null;
  if (!r) return { name: "", text: d.words.prompt, heading: "", questions: [], alt: d.words.alt_none };
  return { name: r.name, text: r.text, heading: r.heading, questions: r.questions, alt: r.alt };
}

export function attach({ model, el, graph, redraw }) {
  const d = prepare(model.get("data"));
  let choice = model.get("choice");
  const ids = new Set(d.regions.map((r) => r.id));

  const root = make("div", "pagefig-layout pagefig-foot-map");
  const list = choiceGroup({
    label: d.words.choose, css: "foot-map-region-list", value: choice.region,
    options: d.regions.map((r) => [r.name, r.id]), onChoose: (id) => choose(id, true),
  });
  list.el.querySelectorAll("button").forEach((b, i) => { b.title = d.regions[i].hover; });
  root.append(list.el);
  if (d.clickable) root.append(make("p", "pagefig-hint foot-map-click", d.words.click_tip));
  const explanation = make("p", "pagefig-live foot-map-explanation");
  explanation.setAttribute("role", "status");
  explanation.setAttribute("aria-live", "polite");
  const related = make("div", "foot-map-questions");
  const main = make("div", "pagefig-main");
  main.append(graph, explanation, related);
  root.append(main);
  el.classList.add("pagefig-host");
  el.append(root);

  const show = () => {
    const t = describe(d, choice);
    explanation.replaceChildren(...(t.name ? [make("b", "", t.name), " " + t.text] : [t.text]));
    related.replaceChildren();
    if (t.heading) related.append(make("p", "", t.heading));
    if (t.questions.length) {
      const ul = make("ul");
      for (const q of t.questions) ul.append(make("li", "", q));
      related.append(ul);
    }
    list.set(choice.region);
    return t;
  };
  function choose(id, mine) {
    if (id !== null && !ids.has(id)) return;
    choice = { region: id };
    const t = show();
    if (mine) save(model, { choice, alt: t.alt });
    redraw();
  }
  const fromKernel = () => { if (model.get("choice") !== choice) choose(model.get("choice").region, false); };
  model.on("change:choice", fromKernel);

  // A click on a coloured part of the drawing, on whichever route drew it (in place, or the kernel's fallback).
  const bind = () => (el.parentElement || el).querySelectorAll(".js-plotly-plot").forEach((gd) => {
    if (gd.__footMap || typeof gd.on !== "function") return;
    gd.__footMap = true;
    gd.on("plotly_click", (ev) => {
      const p = ev && ev.points && ev.points[0];
      const cd = p && (p.customdata !== undefined ? p.customdata : p.data && p.data.customdata && p.data.customdata[0]);
      if (cd && ids.has(cd)) choose(cd, true);
    });
  });
  const timer = d.clickable ? setInterval(bind, 500) : null;  // the fallback route draws its graph later
  // A new width: draw again from the template once the resizing settles (a plain plotly resize keeps the
  // ranges it widened to keep the drawing's shape, and the drawing shrinks a little more each time).
  let width = 0, settle = 0;
  const watch = new ResizeObserver(() => {
    clearTimeout(settle);
    settle = setTimeout(() => { if (graph.clientWidth && graph.clientWidth !== width) redraw(); }, 150);
  });
  watch.observe(el);
  show();
  return {
    // one drawing per part (and none): every one is drawn ahead while the page is idle, a choice only switches
    key: () => choice.region || "",
    states: () => ["", ...d.regions.map((r) => r.id)],
    figure: (template, key) => {
      if (d.clickable) setTimeout(bind, 0);  // plotly attaches .on() to the graph when it first draws
      width = graph.clientWidth;
      return compose(template, d, { region: key === undefined ? choice.region : key || null, width });
    },
    destroy: () => { watch.disconnect(); clearTimeout(settle); clearInterval(timer); model.off("change:choice", fromKernel); },
  };
}
