// FigureView: one plotly figure kept in one element and redrawn in place with Plotly.react.
// Plotly comes from the page: window.Plotly, else jupyterlab-plotly's own module through JupyterLab's
// extension registry (already downloaded at start-up). Never a CDN, never a copy through the widget channel.
// Without either, the element says route "fallback" and the kernel draws the figure the old way (mimebundle).
//
// Sizing: the figure is always drawn at the width of its element (measured here, never guessed in Python) and
// drawn again whenever that width changes (a ResizeObserver: window resized, side panel opened). Below
// `figure.narrow_below` px the layout overrides in `figure.narrow` are merged in (e.g. side-by-side panels
// stacked). A visually hidden text alternative says in words what the figure shows now (the view's own
// description, else the figure's title and notes) and follows every redraw. A figure computed in the page
// (page_figure.js mountFigure, views/page_figure.py) hands renderFigure its page-side logic: attach({model, el, graph,
// redraw, plot, drawn}) adds its controls and returns {figure(template, key, width), key(), states(), destroy()};
// it is given the width to compose for, never measures one itself. Sizing applies to what it composes.
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

// Drawings kept per state. Page-side logic that names its states (`key()`) gets one plotly drawing per state it
// showed, up to KEEP: going back to one only switches which drawing is shown (no plotly work at all), and the
// states it lists in `states()` (e.g. everything one click away) are drawn ahead while the page is idle. A state
// not drawn yet is drawn with Plotly.react into the drawing least recently shown.
const KEEP = 16; // at least; a logic that wants more states ahead gets room for twice as many
const ROOM = 30; // ms of idle time a drawing ahead needs (a plotly drawing is one task, never split)
// a page that is never idle that long (an animation running, a busy machine) still gets one drawing ahead a second
const WAIT = 1000;
const whenIdle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: WAIT }) : setTimeout(() => f(null), 150));
const notIdle = (h) => (window.cancelIdleCallback ? cancelIdleCallback(h) : clearTimeout(h));

// copies of the traces that share their data arrays: plotly writes into trace and layout objects (uids, ranges
// widened to keep a drawing's aspect) but never into a data array, and Plotly.react computes again only the arrays
// it has not seen (it compares them by identity), so an unchanged polygon or recording costs nothing
const isPlain = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
function copyTrace(t) {
  const out = {};
  for (const [k, v] of Object.entries(t)) out[k] = isPlain(v) ? copyTrace(v) : v;
  return out;
}

export function renderFigure({ model, el }, attach = null) {
  el.classList.add("figure-view");
  el.style.position = "relative"; // keeps the visually hidden text alternative inside the figure
  el.style.minWidth = "0";
  const alt = document.createElement("p");
  alt.className = "figure-alt"; // visually hidden, read by screen readers
  alt.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap";
  const holder = document.createElement("div"); // holds the drawings; the one shown has the class figure-shown
  holder.className = "figure-plot";
  holder.setAttribute("aria-hidden", "true");
  holder.style.position = "relative";
  el.append(alt, holder);
  let Plotly = null, draws = 0, gone = false, page = null, drawnWidth = 0, frame = 0, idle = 0, near = false;
  const kept = new Map(); // state key → {key, div, width, layout}, the most recently shown last
  let current = null; // the entry shown
  // the width there is for the plot: its own element's (page-side logic may have moved it next to controls), as the
  // ResizeObserver last saw it (reading clientWidth in a click would force a layout of the whole page first)
  let seenWidth = 0;
  const width = () => seenWidth || Math.floor(holder.clientWidth || el.clientWidth);
  const keyOf = () => (page && page.key ? String(page.key()) : undefined); // undefined: one drawing, redrawn
  // what is drawn at a width: the figure as sent (or as the page-side logic composes it for a state), sized
  const sized = (w, key) => {
    const sent = model.get("figure");
    if (!sent || !sent.data) return null;
    const f = page ? page.figure(sent, key, w) : sent;
    // narrow overrides: the composed state's own (motor unit: per step), else the template's
    const narrow = f.narrow ? f : sent;
    return { ...f, layout: layoutFor({ ...f, narrow: narrow.narrow, narrow_below: narrow.narrow_below }, w) };
  };
  const counted = () => {
    draws += 1;
    el.setAttribute("data-draws", String(draws));
    el.setAttribute("data-width", String(drawnWidth));
  };
  const plot = (div, f) => Plotly.react(div, f.data.map(copyTrace), structuredClone(f.layout), f.config);
  const drawing = () => {
    const div = document.createElement("div");
    div.className = "figure-drawing";
    holder.append(div);
    return div;
  };
  // a drawing not shown takes no room and is not seen; content-visibility:hidden keeps its styles and layout while it
  // is skipped, so showing it again costs about a paint, not the style and layout of a whole plot (display:none) nor
  // a layout of every hidden drawing whenever something near it moves (visibility:hidden alone). While it is being
  // drawn ahead it is laid out (`drawing`): plotly measures its text.
  const put = (entry, drawing) => {
    entry.div.style.cssText = `visibility:hidden;position:absolute;left:0;top:0;width:${entry.width}px` +
      (drawing ? "" : ";content-visibility:hidden");
  };
  const show = (entry) => {
    if (current && current !== entry) {
      put(current);
      current.div.classList.remove("figure-shown");
    }
    entry.div.style.cssText = "";
    entry.div.classList.add("figure-shown");
    current = entry;
    if (entry.key === undefined) return;
    kept.delete(entry.key);
    kept.set(entry.key, entry);
  };
  const drop = (entry) => {
    kept.delete(entry.key);
    Plotly.purge(entry.div);
    entry.div.remove();
  };
  const forget = () => { for (const e of [...kept.values()]) if (e !== current) drop(e); };
  // the least recently shown drawing that is not shown and not wanted ahead (`keep`), if any
  const spare = (keep) => [...kept.values()].find((e) => e !== current && !keep.has(e.key));
  const draw = () => {
    if (!Plotly || gone) return;
    const w = width();
    if (w !== drawnWidth) forget(); // drawings made at another width are of no use any more
    drawnWidth = w;
    const key = keyOf();
    const had = key === undefined ? undefined : kept.get(key);
    if (had && had.width === w) {
      alt.textContent = describe(had.layout, model.get("alt"));
      show(had);
      counted();
      ahead();
      return;
    }
    const f = sized(w);
    if (!f) return;
    // a state not drawn yet: into the least recently shown drawing (or the one shown), re-keyed
    const entry = had || (key !== undefined && spare(new Set())) || current || { div: drawing() };
    if (entry.key !== undefined) kept.delete(entry.key);
    Object.assign(entry, { key, width: w, layout: f.layout });
    alt.textContent = describe(f.layout, model.get("alt"));
    show(entry);
    plot(entry.div, f).then(() => { counted(); ahead(); });
  };
  // the states the page-side logic wants ready: one at a time, only while the page is idle and the figure is on or
  // near the screen (a lesson's Run All and the figures far down the page never pay for them)
  const ahead = () => {
    notIdle(idle);
    if (!page || !page.states || gone || !near || keyOf() === undefined) return;
    const wanted = page.states().map(String);
    const keep = new Set([...wanted, keyOf()]);
    const room = Math.max(KEEP, 2 * keep.size + 2);
    const next = (deadline) => {
      if (gone || !Plotly || !near) return;
      if (deadline && !deadline.didTimeout && deadline.timeRemaining() < ROOM) { idle = whenIdle(next); return; }
      const key = wanted.find((k) => !kept.has(k));
      if (key === undefined) return;
      const entry = kept.size >= room ? spare(keep) : { div: drawing() };
      if (!entry) return;
      if (entry.key !== undefined) kept.delete(entry.key);
      const w = drawnWidth;
      const f = sized(w, key);
      if (!f) return;
      // drawn where it takes no room and is not seen, yet laid out (plotly measures its text)
      const d = entry.div;
      d.classList.remove("figure-shown");
      Object.assign(entry, { key, width: w, layout: f.layout });
      put(entry, true);
      kept.set(key, entry);
      plot(d, f).then(() => { if (current !== entry) put(entry); });
      idle = whenIdle(next);
    };
    idle = whenIdle(next);
  };
  // redraw at the new width once per frame, only when the width really changed (height follows the layout)
  const resize = new ResizeObserver((entries) => {
    for (const e of entries) if (e.target === holder) seenWidth = Math.floor(e.contentRect.width);
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; if (width() && width() !== drawnWidth) draw(); });
  });
  const seen = new IntersectionObserver((entries) => {
    near = entries.some((e) => e.isIntersecting);
    if (near) ahead(); else notIdle(idle);
  }, { rootMargin: "300px" });
  seen.observe(el);
  if (attach) {
    page = attach({
      model, el, graph: holder, redraw: () => draw(),
      plot: () => current && current.div, // the drawing shown (page-side logic may animate parts of it)
      drawn: () => counted(), // page-side logic changed what the drawing shows by itself
    });
  }
  findPlotly().then((P) => {
    if (gone) return;
    Plotly = P;
    const route = P ? "react" : "fallback";
    el.setAttribute("data-route", route);
    if (model.get("route") !== route) { model.set("route", route); model.save_changes(); }
    if (P) { draw(); resize.observe(holder); resize.observe(el); } else { holder.remove(); }
  });
  const described = () => { alt.textContent = describe(current ? current.layout : {}, model.get("alt")); };
  // a new figure from the kernel: every kept drawing is out of date
  const sent = () => {
    if (Plotly) for (const e of [...kept.values()]) if (e !== current) drop(e);
    if (current) { kept.delete(current.key); current.key = undefined; }
    draw();
  };
  model.on("change:figure", sent);
  model.on("change:alt", described);
  return () => {
    gone = true;
    notIdle(idle);
    seen.disconnect();
    resize.disconnect();
    if (frame) cancelAnimationFrame(frame);
    if (page && page.destroy) page.destroy();
    model.off("change:figure", sent);
    model.off("change:alt", described);
    if (Plotly) for (const e of kept.values()) Plotly.purge(e.div);
  };
}
export default { render: (view) => renderFigure(view) };
