// FigureView: one plotly figure kept in one element and redrawn in place with Plotly.react.
// Plotly comes from the page: window.Plotly, else jupyterlab-plotly's own module through JupyterLab's
// extension registry (already downloaded at start-up). Never a CDN, never a copy through the widget channel.
// Without either, the element says route "fallback" and the kernel draws the figure the old way (mimebundle).
//
// Sizing: the figure is always drawn at the width of its element (measured here, never guessed in Python) and
// drawn again whenever that width changes (a ResizeObserver: window resized, side panel opened). Below
// `figure.narrow_below` px the layout overrides in `figure.narrow` are merged in (e.g. side-by-side panels
// stacked). A visually hidden text alternative says in words what the figure shows now (the view's own
// description, else the figure's title and notes) and follows every redraw. A canvas may carry page-side logic
// (views/page_figure.py): it composes the figure in the page; sizing applies to what it composes.
const MIME = "application/vnd.plotly.v1+json";
let found = null;

async function fromRegistry() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
  if (!container || typeof container.get !== "function") return null;
  const mod = (await container.get("./mimeExtension"))();
  const Rendered = mod && mod.RenderedPlotly;
  if (!Rendered) return null;
  if (!Rendered.Plotly) {
    // jupyterlab-plotly loads plotly.js on its first figure; ask it to, on a detached node
    const r = new Rendered({ mimeType: MIME });
    r.createGraph({ data: { [MIME]: { data: [], layout: {}, config: {} } }, setData() {} }).catch(() => {});
    await Rendered.loadingPlotly;
  }
  return Rendered.Plotly || null;
}

function findPlotly() {
  if (!found) {
    found = (async () => {
      if (window.Plotly && typeof window.Plotly.react === "function") return window.Plotly;
      try { return await fromRegistry(); } catch (e) { return null; }
    })();
  }
  return found;
}

const isObject = (v) => v && typeof v === "object" && !Array.isArray(v);

// `base` with `over` merged in, objects key by key (arrays, such as annotations, are replaced whole)
function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over || {})) out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  return out;
}

// the layout for a given width: narrow overrides below the figure's breakpoint, the width itself, autosize off
// (the width is ours: plotly's own autosize would measure a container that is still being laid out)
export function layoutFor(figure, width) {
  let layout = figure.layout || {};
  if (figure.narrow && width && width < (figure.narrow_below || 0)) layout = merge(layout, figure.narrow);
  if (!width) return { ...layout, autosize: true };
  return wrapTitle({ ...layout, autosize: false, width }, width);
}

// markup → words (a <template> is inert: nothing in it loads or runs); arrows and triangles are drawing, not words
const plain = (html) => {
  const t = document.createElement("template");
  t.innerHTML = String(html || "").replace(/<br\s*\/?>/gi, " ");
  return t.content.textContent.replace(/[\u2190-\u21ff\u25a0-\u25ff]/g, "").replace(/\s+/g, " ").trim();
};

// a title too long for the width gets line breaks between words (plotly never wraps text by itself); the top
// margin and the height grow by the added lines, so the plot keeps its size and nothing moves onto it
const LINE = 1.3; // plotly's line spacing, in font sizes
function wrapTitle(layout, width) {
  const title = layout.title;
  if (!title) return layout;
  const t = typeof title === "string" ? { text: title } : title;
  const size = (t.font && t.font.size) || 16;
  const perLine = Math.max(12, Math.floor((width - 30) / (size * 0.6))); // Arial: about 0.5 em a letter, kept safe
  const given = String(t.text || "").split(/<br\s*\/?>/i);
  const lines = [];
  for (const part of given) {
    lines.push("");
    for (const w of part.split(" ")) {
      const last = lines[lines.length - 1];
      if (last && plain(last + " " + w).length > perLine) lines.push(w);
      else lines[lines.length - 1] = last ? last + " " + w : w;
    }
  }
  if (lines.length === 1) return layout;
  const added = Math.ceil((lines.length - given.length) * size * LINE);
  const pad = { ...(t.pad || {}) };
  // plotly shifts a title of several lines up by about 3/4 of a font size per extra line (measured): pushed back down
  if ((t.yanchor || "top") === "top") pad.t = (pad.t || 0) + Math.ceil((lines.length - 1) * size * 0.8);
  const margin = { ...(layout.margin || {}) };
  margin.t = (margin.t ?? 100) + added;
  return { ...layout, title: { ...t, text: lines.join("<br>"), pad }, margin, height: (layout.height || 450) + added };
}

// the figure in words: the view's own description of what it shows now, where it gives one (as a described
// simulation does); else the figure's title and every note drawn on it, which change with the figure
export function describe(layout, description) {
  const title = plain(layout.title && (layout.title.text ?? layout.title));
  const said = plain(description);
  if (said && said !== title) return said;
  const notes = (layout.annotations || []).map((a) => plain(a.text)).filter(Boolean);
  const parts = [title, notes.length ? `Labels: ${notes.join("; ")}` : ""].filter(Boolean);
  return parts.map((p) => (/[.:!?]$/.test(p) ? p : p + ".")).join(" ");
}

// Page-side logic (optional): a canvas whose `logic` holds ES modules ({file name: source}, the entry last;
// "./name.js" imports point at the earlier ones) builds its figure in the page: the entry's
// attach({model, el, graph, redraw}) adds its controls and returns {figure(template), destroy()}.
// One blob URL per distinct source in the whole page (shared by every copy of this file: anywidget imports one per
// figure), so a module several figures use is compiled and run once; keep per-figure state inside attach().
const MODULE_URLS = (globalThis.__lessonsModuleUrls = globalThis.__lessonsModuleUrls || new Map());
function moduleUrl(code) {
  if (!MODULE_URLS.has(code)) MODULE_URLS.set(code, URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
  return MODULE_URLS.get(code);
}

async function loadLogic(sources) {
  if (!sources || !Object.keys(sources).length) return null;
  const urls = {};
  let entry = null;
  for (const [name, src] of Object.entries(sources)) {
    const code = src.replace(/(from\s*)["']\.\/([\w.-]+)["']/g, (m, from, dep) => from + JSON.stringify(urls[dep]));
    entry = urls[name] = moduleUrl(code);
  }
  return import(entry);
}

function render({ model, el }) {
  el.classList.add("figure-view");
  el.style.position = "relative"; // keeps the visually hidden text alternative inside the figure
  el.style.minWidth = "0";
  const alt = document.createElement("p");
  alt.className = "figure-alt"; // visually hidden, read by screen readers
  alt.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap";
  const gd = document.createElement("div");
  gd.className = "figure-plot";
  gd.setAttribute("aria-hidden", "true");
  el.append(alt, gd);
  let Plotly = null, draws = 0, gone = false, page = null, drawnWidth = 0, frame = 0;
  // the width there is for the plot: its own element's (page-side logic may have moved it next to controls)
  const width = () => Math.floor(gd.clientWidth || el.clientWidth);
  // what is drawn at a width: the figure as sent (or as the page-side logic composes it), sized for that width
  const sized = (w) => {
    const sent = model.get("figure");
    if (!sent || !sent.data) return null;
    const f = page ? page.figure(sent) : sent;
    // narrow overrides: the composed state's own (motor unit: per step), else the template's
    const narrow = f.narrow ? f : sent;
    return { ...f, layout: layoutFor({ ...f, narrow: narrow.narrow, narrow_below: narrow.narrow_below }, w) };
  };
  const draw = () => {
    if (!Plotly || gone) return;
    drawnWidth = width();
    const f = sized(drawnWidth);
    if (!f) return;
    alt.textContent = describe(f.layout, model.get("alt"));
    // copies: plotly writes computed values (e.g. ranges widened to keep a drawing's aspect) back into what it is
    // given, and the next width must start from the figure as sent, not from the last drawing
    Plotly.react(gd, structuredClone(f.data), structuredClone(f.layout), f.config).then(() => {
      draws += 1;
      el.setAttribute("data-draws", String(draws));
      el.setAttribute("data-width", String(drawnWidth));
    });
  };
  // redraw at the new width once per frame, only when the width really changed (height follows the layout)
  const resize = new ResizeObserver(() => {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; if (width() && width() !== drawnWidth) draw(); });
  });
  const logic = loadLogic(model.get("logic")).then((mod) => {
    if (mod && !gone) page = mod.attach({ model, el, graph: gd, redraw: () => draw() });
  }).catch((e) => console.error("figure: page-side logic failed", e));
  Promise.all([findPlotly(), logic]).then(([P]) => {
    if (gone) return;
    Plotly = P;
    const route = P ? "react" : "fallback";
    el.setAttribute("data-route", route);
    if (model.get("route") !== route) { model.set("route", route); model.save_changes(); }
    if (P) { draw(); resize.observe(gd); resize.observe(el); } else { gd.remove(); }
  });
  const described = () => {
    const f = sized(drawnWidth);
    alt.textContent = describe(f ? f.layout : {}, model.get("alt"));
  };
  model.on("change:figure", draw);
  model.on("change:alt", described);
  return () => {
    gone = true;
    resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
    if (page && page.destroy) page.destroy();
    model.off("change:figure", draw);
    model.off("change:alt", described);
    if (Plotly) Plotly.purge(gd);
  };
}
export default { render };
