// Built by tools/bundle.mjs from widgets/static/twitch_cramp.js and its imports: edit those, then run it.

// widgets/static/icons.svg
var icons_default = `<svg xmlns="http://www.w3.org/2000/svg">
  <!-- The lessons' icons (24 x 24, drawn in the text colour: stroke="currentColor"). Each <symbol> is read by
       widgets/views/icons.py and put inline next to its words: an icon never stands alone. Plain shapes drawn
       for this project; emoji are not used because many computers have no emoji font and show a box. -->
  <symbol id="emergency" viewBox="0 0 24 24"><!-- an octagon (stop sign) with "!" -->
    <polygon points="7.9 2 16.1 2 22 7.9 22 16.1 16.1 22 7.9 22 2 16.1 2 7.9"/>
    <line x1="12" y1="7" x2="12" y2="13"/><line x1="12" y1="17" x2="12.01" y2="17"/>
  </symbol>
  <symbol id="urgent_care" viewBox="0 0 24 24"><!-- a first-aid box: an injury, urgent care now --><rect x="3" y="7" width="18" height="13" rx="2"/><path d="M9 7V4h6v3M12 10.5v6M9 13.5h6"/></symbol>
  <symbol id="same_day" viewBox="0 0 24 24"><!-- a clock: today -->
    <circle cx="12" cy="12" r="10"/><polyline points="12 6 12 12 16 14"/>
  </symbol>
  <symbol id="book_visit" viewBox="0 0 24 24"><!-- a calendar page: book a visit -->
    <rect x="3" y="4" width="18" height="18" rx="2"/>
    <line x1="16" y1="2" x2="16" y2="6"/><line x1="8" y1="2" x2="8" y2="6"/><line x1="3" y1="10" x2="21" y2="10"/>
  </symbol>
  <symbol id="no_warning_signs" viewBox="0 0 24 24"><!-- "i" in a circle: read on -->
    <circle cx="12" cy="12" r="10"/><line x1="12" y1="16" x2="12" y2="11"/><line x1="12" y1="8" x2="12.01" y2="8"/>
  </symbol>
  <symbol id="caution" viewBox="0 0 24 24"><!-- a triangle with "!" -->
    <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/>
    <line x1="12" y1="9" x2="12" y2="13"/><line x1="12" y1="17" x2="12.01" y2="17"/>
  </symbol>
  <symbol id="right" viewBox="0 0 24 24"><!-- a tick -->
    <polyline points="20 6 9 17 4 12"/>
  </symbol>
  <symbol id="wrong" viewBox="0 0 24 24"><!-- a cross -->
    <line x1="18" y1="6" x2="6" y2="18"/><line x1="6" y1="6" x2="18" y2="18"/>
  </symbol>
  <symbol id="safe_side" viewBox="0 0 24 24"><!-- a shield with a tick: on the safe side -->
    <path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/><polyline points="8.5 12 11 14.5 15.5 10"/>
  </symbol>
  <symbol id="example" viewBox="0 0 24 24"><!-- an open book: a worked example -->
    <path d="M2 4h6a4 4 0 0 1 4 4v13a3 3 0 0 0-3-3H2z"/><path d="M22 4h-6a4 4 0 0 0-4 4v13a3 3 0 0 1 3-3h7z"/>
  </symbol>
  <symbol id="note" viewBox="0 0 24 24"><!-- "i" in a circle -->
    <circle cx="12" cy="12" r="10"/><line x1="12" y1="16" x2="12" y2="11"/><line x1="12" y1="8" x2="12.01" y2="8"/>
  </symbol>
  <symbol id="link" viewBox="0 0 24 24"><!-- a page with an arrow out: opens a web page -->
    <path d="M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"/>
    <polyline points="15 3 21 3 21 9"/><line x1="10" y1="14" x2="21" y2="3"/>
  </symbol>
  <!-- The figures' buttons (static/page_figure.js): solid shapes, filled in the text colour. -->
  <symbol id="replay" viewBox="0 0 24 24"><!-- a circling arrow: record again -->
    <path fill="currentColor" stroke="none" d="M12 5V1L7 6l5 5V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z"/>
  </symbol>
  <symbol id="play" viewBox="0 0 24 24"><!-- a triangle pointing right: play -->
    <path fill="currentColor" stroke="none" d="M8 5v14l11-7z"/>
  </symbol>
  <symbol id="back" viewBox="0 0 24 24"><!-- an arrow pointing left: back -->
    <path fill="currentColor" stroke="none" d="M20 11H7.83l5.59-5.59L12 4l-8 8 8 8 1.41-1.41L7.83 13H20z"/>
  </symbol>
  <symbol id="next" viewBox="0 0 24 24"><!-- an arrow pointing right: next -->
    <path fill="currentColor" stroke="none" d="M12 4l-1.41 1.41L16.17 11H4v2h12.17l-5.58 5.59L12 20l8-8z"/>
  </symbol>
</svg>
`;

// widgets/static/dom.js
var SVG = "http://www.w3.org/2000/svg";
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, key) => key in values ? String(values[key]) : m);
}
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === void 0 || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  e.append(...children.filter((c) => c !== null && c !== void 0));
  return e;
}
var SYMBOLS = /* @__PURE__ */ new Map();
function useIcons(svgText) {
  const text = String(svgText).replace(/<!--[\s\S]*?-->/g, "");
  for (const m of text.matchAll(/<symbol id="([a-z_]+)" viewBox="0 0 24 24">([\s\S]*?)<\/symbol>/g)) {
    SYMBOLS.set(m[1], m[2].split(/\s+/).filter(Boolean).join(" "));
  }
}
function icon(name, cls = `lesson-icon lesson-icon-${name}`) {
  const body = SYMBOLS.get(name);
  if (body === void 0) throw new Error(`no icon ${name} in icons.svg (useIcons first)`);
  const svg = document.createElementNS(SVG, "svg");
  const attrs = {
    class: cls,
    viewBox: "0 0 24 24",
    "aria-hidden": "true",
    focusable: "false",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": "2",
    "stroke-linecap": "round",
    "stroke-linejoin": "round"
  };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  svg.innerHTML = body;
  return svg;
}
function liveLine(cls, tag = "p") {
  return h(tag, { class: cls, role: "status", "aria-live": "polite" });
}

// widgets/static/figure.js
var MIME = "application/vnd.plotly.v1+json";
var found = null;
async function fromRegistry() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
  if (!container || typeof container.get !== "function") return null;
  const mod = (await container.get("./mimeExtension"))();
  const Rendered = mod && mod.RenderedPlotly;
  if (!Rendered) return null;
  if (!Rendered.Plotly) {
    const r = new Rendered({ mimeType: MIME });
    r.createGraph({ data: { [MIME]: { data: [], layout: {}, config: {} } }, setData() {
    } }).catch(() => {
    });
    await Rendered.loadingPlotly;
  }
  return Rendered.Plotly || null;
}
function findPlotly() {
  if (!found) {
    found = (async () => {
      if (window.Plotly && typeof window.Plotly.react === "function") return window.Plotly;
      try {
        return await fromRegistry();
      } catch (e) {
        return null;
      }
    })();
  }
  return found;
}
var isObject = (v) => v && typeof v === "object" && !Array.isArray(v);
function merge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over || {})) out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  return out;
}
function layoutFor(figure, width) {
  let layout = figure.layout || {};
  if (figure.narrow && width && width < (figure.narrow_below || 0)) layout = merge(layout, figure.narrow);
  if (!width) return { ...layout, autosize: true };
  return wrapTitle({ ...layout, autosize: false, width }, width);
}
var plain = (html) => {
  const t = document.createElement("template");
  t.innerHTML = String(html || "").replace(/<br\s*\/?>/gi, " ");
  return t.content.textContent.replace(/[\u2190-\u21ff\u25a0-\u25ff]/g, "").replace(/\s+/g, " ").trim();
};
var LINE = 1.3;
function wrapTitle(layout, width) {
  const title = layout.title;
  if (!title) return layout;
  const t = typeof title === "string" ? { text: title } : title;
  const size = t.font && t.font.size || 16;
  const perLine = Math.max(12, Math.floor((width - 30) / (size * 0.6)));
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
  const pad = { ...t.pad || {} };
  if ((t.yanchor || "top") === "top") pad.t = (pad.t || 0) + Math.ceil((lines.length - 1) * size * 0.8);
  const margin = { ...layout.margin || {} };
  margin.t = (margin.t ?? 100) + added;
  return { ...layout, title: { ...t, text: lines.join("<br>"), pad }, margin, height: (layout.height || 450) + added };
}
function describe(layout, description) {
  const title = plain(layout.title && (layout.title.text ?? layout.title));
  const said = plain(description);
  if (said && said !== title) return said;
  const notes = (layout.annotations || []).map((a) => plain(a.text)).filter(Boolean);
  const parts = [title, notes.length ? `Labels: ${notes.join("; ")}` : ""].filter(Boolean);
  return parts.map((p) => /[.:!?]$/.test(p) ? p : p + ".").join(" ");
}
var KEEP = 16;
var ROOM = 30;
var whenIdle = (f) => window.requestIdleCallback ? requestIdleCallback(f) : setTimeout(() => f(null), 150);
var notIdle = (h2) => window.cancelIdleCallback ? cancelIdleCallback(h2) : clearTimeout(h2);
var isPlain = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
function copyTrace(t) {
  const out = {};
  for (const [k, v] of Object.entries(t)) out[k] = isPlain(v) ? copyTrace(v) : v;
  return out;
}
function renderFigure({ model, el }, attach = null) {
  el.classList.add("figure-view");
  el.style.position = "relative";
  el.style.minWidth = "0";
  const alt = document.createElement("p");
  alt.className = "figure-alt";
  alt.style.cssText = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap";
  const holder = document.createElement("div");
  holder.className = "figure-plot";
  holder.setAttribute("aria-hidden", "true");
  holder.style.position = "relative";
  el.append(alt, holder);
  let Plotly = null, draws = 0, gone = false, page = null, drawnWidth = 0, frame = 0, idle = 0, near = false;
  const kept = /* @__PURE__ */ new Map();
  let current = null;
  let seenWidth = 0;
  const width = () => seenWidth || Math.floor(holder.clientWidth || el.clientWidth);
  const keyOf = () => page && page.key ? String(page.key()) : void 0;
  const sized = (w, key) => {
    const sent2 = model.get("figure");
    if (!sent2 || !sent2.data) return null;
    const f = page ? page.figure(sent2, key, w) : sent2;
    const narrow = f.narrow ? f : sent2;
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
  const put = (entry, drawing2) => {
    entry.div.style.cssText = `visibility:hidden;position:absolute;left:0;top:0;width:${entry.width}px` + (drawing2 ? "" : ";content-visibility:hidden");
  };
  const show = (entry) => {
    if (current && current !== entry) {
      put(current);
      current.div.classList.remove("figure-shown");
    }
    entry.div.style.cssText = "";
    entry.div.classList.add("figure-shown");
    current = entry;
    if (entry.key === void 0) return;
    kept.delete(entry.key);
    kept.set(entry.key, entry);
  };
  const drop = (entry) => {
    kept.delete(entry.key);
    Plotly.purge(entry.div);
    entry.div.remove();
  };
  const forget = () => {
    for (const e of [...kept.values()]) if (e !== current) drop(e);
  };
  const spare = (keep) => [...kept.values()].find((e) => e !== current && !keep.has(e.key));
  const draw = () => {
    if (!Plotly || gone) return;
    const w = width();
    if (w !== drawnWidth) forget();
    drawnWidth = w;
    const key = keyOf();
    const had = key === void 0 ? void 0 : kept.get(key);
    if (had && had.width === w) {
      alt.textContent = describe(had.layout, model.get("alt"));
      show(had);
      counted();
      ahead();
      return;
    }
    const f = sized(w);
    if (!f) return;
    const entry = had || key !== void 0 && spare(/* @__PURE__ */ new Set()) || current || { div: drawing() };
    if (entry.key !== void 0) kept.delete(entry.key);
    Object.assign(entry, { key, width: w, layout: f.layout });
    alt.textContent = describe(f.layout, model.get("alt"));
    show(entry);
    plot(entry.div, f).then(() => {
      counted();
      ahead();
    });
  };
  const ahead = () => {
    notIdle(idle);
    if (!page || !page.states || gone || !near || keyOf() === void 0) return;
    const wanted = page.states().map(String);
    const keep = /* @__PURE__ */ new Set([...wanted, keyOf()]);
    const room = Math.max(KEEP, 2 * keep.size + 2);
    const next = (deadline) => {
      if (gone || !Plotly || !near) return;
      if (deadline && deadline.timeRemaining() < ROOM) {
        idle = whenIdle(next);
        return;
      }
      const key = wanted.find((k) => !kept.has(k));
      if (key === void 0) return;
      const entry = kept.size >= room ? spare(keep) : { div: drawing() };
      if (!entry) return;
      if (entry.key !== void 0) kept.delete(entry.key);
      const w = drawnWidth;
      const f = sized(w, key);
      if (!f) return;
      const d = entry.div;
      d.classList.remove("figure-shown");
      Object.assign(entry, { key, width: w, layout: f.layout });
      put(entry, true);
      kept.set(key, entry);
      plot(d, f).then(() => {
        if (current !== entry) put(entry);
      });
      idle = whenIdle(next);
    };
    idle = whenIdle(next);
  };
  const resize = new ResizeObserver((entries) => {
    for (const e of entries) if (e.target === holder) seenWidth = Math.floor(e.contentRect.width);
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (width() && width() !== drawnWidth) draw();
    });
  });
  const seen = new IntersectionObserver((entries) => {
    near = entries.some((e) => e.isIntersecting);
    if (near) ahead();
    else notIdle(idle);
  }, { rootMargin: "300px" });
  seen.observe(el);
  if (attach) {
    page = attach({
      model,
      el,
      graph: holder,
      redraw: () => draw(),
      plot: () => current && current.div,
      // the drawing shown (page-side logic may animate parts of it)
      drawn: () => counted()
      // page-side logic changed what the drawing shows by itself
    });
  }
  findPlotly().then((P) => {
    if (gone) return;
    Plotly = P;
    const route = P ? "react" : "fallback";
    el.setAttribute("data-route", route);
    if (model.get("route") !== route) {
      model.set("route", route);
      model.save_changes();
    }
    if (P) {
      draw();
      resize.observe(holder);
      resize.observe(el);
    } else {
      holder.remove();
    }
  });
  const described = () => {
    alt.textContent = describe(current ? current.layout : {}, model.get("alt"));
  };
  const sent = () => {
    if (Plotly) {
      for (const e of [...kept.values()]) if (e !== current) drop(e);
    }
    if (current) {
      kept.delete(current.key);
      current.key = void 0;
    }
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

// widgets/static/page_figure.js
function decode(spec) {
  const bytes = Uint8Array.from(atob(spec.bdata), (c) => c.charCodeAt(0));
  return spec.dtype === "f8" ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
}
var SAFE = "data-lm-suppress-shortcuts";
function actionButton({ text, css, icon: name, title, onClick }) {
  const b = h(
    "button",
    { class: "pagefig-button pagefig-action " + css, type: "button", [SAFE]: "true", title },
    name ? icon(name, "pagefig-icon") : null,
    h("span", { text })
  );
  b.addEventListener("click", onClick);
  return b;
}
function save(model, values) {
  for (const [k, v] of Object.entries(values)) model.set(k, v);
  try {
    model.save_changes();
  } catch (e) {
  }
}
function mountFigure({ name, build }) {
  const attach = ({ model, el, graph, redraw, plot, drawn }) => {
    let choice = model.get("choice");
    const root = h("div", { class: "pagefig-layout pagefig-" + name });
    const fig = build({
      data: model.get("data"),
      model,
      el,
      root,
      graph,
      plot,
      drawn,
      choice: () => choice,
      choose: (next) => choose(next, true)
    });
    el.classList.add("pagefig-host");
    el.append(root);
    function choose(next, mine) {
      const shown = fig.accept ? fig.accept(next) : next;
      if (shown === null) return;
      choice = shown;
      const t = fig.show(choice);
      if (mine) save(model, { choice, alt: t.alt });
      if (fig.draw) fig.draw(choice, redraw);
      else redraw();
    }
    const fromKernel = () => {
      if (model.get("choice") !== choice) choose(model.get("choice"), false);
    };
    model.on("change:choice", fromKernel);
    fig.show(choice);
    let ahead = /* @__PURE__ */ new Map();
    return {
      key: fig.key && (() => fig.key(choice)),
      states: fig.states && (() => {
        ahead = new Map([choice, ...fig.states(choice)].map((c) => [String(fig.key(c)), c]));
        return [...ahead.keys()];
      }),
      figure: (template, key, width) => fig.figure(template, key === void 0 ? choice : ahead.get(key) ?? choice, width),
      destroy: () => {
        model.off("change:choice", fromKernel);
        if (fig.destroy) fig.destroy();
      }
    };
  };
  return { render: (view) => renderFigure(view, attach) };
}

// widgets/static/twitch_cramp.js
function prepare(data) {
  return { ...data, twitch: { ...data.twitch, force: decode(data.twitch.force) }, cramp: { ...data.cramp, force: decode(data.cramp.force) } };
}
function compose(shared, d, state) {
  const template = shared;
  const upTo = (trace, n) => Array.from(trace.force.subarray(0, n === void 0 ? trace.force.length : n));
  const data = template.data.map((t) => ({ ...t }));
  const twitch = upTo(d.twitch, state.twitch), cramp = upTo(d.cramp, state.cramp);
  data[d.traces.twitch].y = twitch;
  data[d.traces.close_up].y = twitch.slice();
  data[d.traces.cramp].y = cramp;
  return { data, layout: state.narrow ? d.narrow.layout : template.layout, config: template.config };
}
var clips = 0;
function reveal(gd, traces, k) {
  const fl = gd && gd._fullLayout;
  if (!fl) return;
  const defs = gd.querySelector("svg.main-svg defs");
  for (const g of gd.querySelectorAll(".scatterlayer .trace")) {
    const cd = g.__data__, trace = cd && cd[0] && cd[0].trace;
    if (!trace || !traces.includes(trace.index)) continue;
    if (k === void 0) {
      g.removeAttribute("clip-path");
      continue;
    }
    const x = fl["xaxis" + trace.xaxis.slice(1)].c2p(cd[Math.max(1, Math.min(k, cd.length)) - 1].x);
    let id = g.getAttribute("data-reveal");
    let rect = id && defs.querySelector(`[id="${id}"] rect`);
    if (!rect) {
      id = "twitch-reveal-" + ++clips;
      const clip = document.createElementNS("http://www.w3.org/2000/svg", "clipPath");
      clip.id = id;
      clip.setAttribute("clipPathUnits", "userSpaceOnUse");
      rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("x", "-100000");
      rect.setAttribute("y", "-100000");
      rect.setAttribute("height", "200000");
      clip.append(rect);
      defs.append(clip);
      g.setAttribute("data-reveal", id);
    }
    rect.setAttribute("width", String(1e5 + x));
    g.setAttribute("clip-path", `url(#${id})`);
  }
}
function describe2(d, state) {
  const w = d.words;
  const twitch = fill(w.twitch, { start: d.twitch.start.toFixed(1) });
  const cramp = fill(w.cramp, { start: d.cramp.start.toFixed(1) });
  const status = { twitch, cramp }[state.shown] || twitch + " " + cramp;
  return { status, alt: fill(w.alt, { status }) };
}
var reduced = () => typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
var twitch_cramp_default = mountFigure({
  name: "twitch-cramp",
  build({ data, el, root, graph, plot, drawn, choice, choose }) {
    const d = prepare(data);
    const w = d.words;
    const replaying = { twitch: [d.traces.twitch, d.traces.close_up], cramp: [d.traces.cramp] };
    const replay = (which) => () => choose({ shown: which, replays: (choice().replays || 0) + 1 });
    const status = liveLine("pagefig-live twitch-cramp-status");
    root.append(
      h(
        "div",
        { class: "pagefig-actions pagefig-controls" },
        actionButton({ text: w.replay_twitch, css: "twitch-cramp-replay", icon: "play", title: w.replay_twitch_tip, onClick: replay("twitch") }),
        actionButton({ text: w.replay_cramp, css: "twitch-cramp-replay twitch-cramp-replay-cramp", icon: "play", title: w.replay_cramp_tip, onClick: replay("cramp") })
      ),
      h("div", { class: "pagefig-main" }, graph, status)
    );
    let playing = null, frame = 0;
    function animate(which, replays) {
      cancelAnimationFrame(frame);
      if (playing && playing !== which) reveal(plot(), replaying[playing], void 0);
      playing = which;
      const n = d[which].force.length, seconds = n * d.dt, t0 = performance.now();
      const step = (now) => {
        const k = reduced() ? n : Math.min(n, Math.max(1, Math.ceil((now - t0) / 1e3 / seconds * n)));
        reveal(plot(), replaying[which], k < n ? k : void 0);
        drawn();
        if (k < n) frame = requestAnimationFrame(step);
        else {
          playing = null;
          el.setAttribute("data-replayed", which + "#" + replays);
        }
      };
      step(t0);
    }
    return {
      show(c) {
        const t = describe2(d, c);
        status.textContent = t.status;
        return t;
      },
      draw: (c, redraw) => c.shown === "twitch" || c.shown === "cramp" ? animate(c.shown, c.replays) : redraw(),
      // below a width the panels stack, so titles and labels keep their room (a replay under way goes on in it)
      figure: (template, c, width) => compose(template, d, { narrow: width > 0 && width < d.narrow.below }),
      destroy: () => cancelAnimationFrame(frame)
    };
  }
});

// widgets/static/twitch_cramp.bundle.js
useIcons(icons_default);
export {
  twitch_cramp_default as default
};
