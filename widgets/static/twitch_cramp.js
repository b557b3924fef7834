// Twitch vs cramp in the page: both force traces are sent once; a Replay button draws its trace again from
// the start, as it happens (no kernel, no new random numbers). views/twitch_cramp.py builds the template;
// compose() fills it the way Python's figure() does (tests/page/test_figure_parity.py). In the page the drawing keeps
// every sample and a replay uncovers its trace frame by frame (reveal(): a clip in the drawing, no plotly work),
// so what is seen at each frame is compose()'s drawing of the samples so far.
import { fill, h, liveLine } from "./dom.js";
import { actionButton, decode, mountFigure } from "./page_figure.js";

export function prepare(data) {
  return { ...data, twitch: { ...data.twitch, force: decode(data.twitch.force) }, cramp: { ...data.cramp, force: decode(data.cramp.force) } };
}

// `state`: how many samples of each trace are drawn ({twitch, cramp}; missing = all), which one was
// replayed last (`shown`: "both", "twitch" or "cramp", for the sentence), and `narrow` (stacked panels).
export function compose(shared, d, state) {
  const template = shared;  // figure.js draws copies
  const upTo = (trace, n) => Array.from(trace.force.subarray(0, n === undefined ? trace.force.length : n));
  const data = template.data.map((t) => ({ ...t }));
  const twitch = upTo(d.twitch, state.twitch), cramp = upTo(d.cramp, state.cramp);
  data[d.traces.twitch].y = twitch;
  data[d.traces.close_up].y = twitch.slice();
  data[d.traces.cramp].y = cramp;
  return { data, layout: state.narrow ? d.narrow.layout : template.layout, config: template.config };
}

// Uncover the traces `traces` (indices into the figure's data) of a drawn plotly graph `gd` up to their k-th
// sample (undefined: all of it): a clip rectangle, in the trace's own pixels, whose right edge is that sample.
let clips = 0;
export function reveal(gd, traces, k) {
  const fl = gd && gd._fullLayout;
  if (!fl) return;
  const defs = gd.querySelector("svg.main-svg defs");
  for (const g of gd.querySelectorAll(".scatterlayer .trace")) {
    const cd = g.__data__, trace = cd && cd[0] && cd[0].trace;
    if (!trace || !traces.includes(trace.index)) continue;
    if (k === undefined) { g.removeAttribute("clip-path"); continue; }
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
    rect.setAttribute("width", String(100000 + x));
    g.setAttribute("clip-path", `url(#${id})`);
  }
}

// The live line says what was replayed last (or both); the text alternative always describes everything drawn: both
// graphs, the line and the close-up (views/twitch_cramp.py describe()).
export function describe(d, state) {
  const w = d.words;
  const twitch = fill(w.twitch, { start: d.twitch.start.toFixed(1) });
  const cramp = fill(w.cramp, { start: d.cramp.start.toFixed(1) });
  const status = { twitch, cramp }[state.shown] || twitch + " " + cramp;
  return { status, alt: fill(w.alt, { twitch, cramp, zoom: d.zoom }) };
}

// The width of a label as drawn, in px: measured in the page's own font (a canvas), or where no canvas can measure
// (node), a generous estimate (0.62 em a letter; Arial averages about 0.5).
let ctx;
function textWidth(text, size, family, bold) {
  if (ctx === undefined) {
    try { ctx = document.createElement("canvas").getContext("2d"); } catch (e) { ctx = null; }
  }
  if (!ctx) return text.length * size * 0.62;
  ctx.font = `${bold ? "bold " : ""}${size}px ${family}`;
  return ctx.measureText(text).width;
}
const PAD = 12; // px kept free beside a label in its panel

// Whether the panels must be stacked at `width` px: a title or label that does not fit the width of its own panel
// side by side (each is named "in:<axis>" after that panel's axis) would run into the other panel's. Measured, never
// a guessed breakpoint; `measure(text, size, family, bold)` is the page's font (tests give their own).
export function mustStack(layout, width, measure = textWidth) {
  const m = layout.margin || {}, plot = width - (m.l || 0) - (m.r || 0);
  const font = layout.font || {};
  return (layout.annotations || []).some((a) => {
    const panel = a.name && a.name.startsWith("in:") && layout[a.name.slice(3)];
    if (!panel) return false;
    const room = (panel.domain[1] - panel.domain[0]) * plot;
    const size = (a.font && a.font.size) || font.size || 12;
    const lines = String(a.text).split(/<br\s*\/?>/i).map((line) => line.replace(/<[^>]*>/g, ""));
    const wide = Math.max(...lines.map((line) => measure(line, size, font.family || "Arial, sans-serif", /<b>/.test(a.text))));
    return wide + PAD + Math.abs(a.xshift || 0) > room;
  });
}

const reduced = () => typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

// the choice: {shown: "both", "twitch" or "cramp", replays: how many so far}; a replay animates in the drawing shown
export default mountFigure({
  name: "twitch-cramp",
  build({ data, el, root, graph, plot, drawn, choice, choose }) {
    const d = prepare(data);
    const w = d.words;
    const replaying = { twitch: [d.traces.twitch, d.traces.close_up], cramp: [d.traces.cramp] };
    const replay = (which) => () => choose({ shown: which, replays: (choice().replays || 0) + 1 });
    const status = liveLine("pagefig-visually-hidden twitch-cramp-status"); // heard, not shown: "What to notice" says it
    root.append(
      h("div", { class: "pagefig-actions pagefig-controls" },
        actionButton({ text: w.replay_twitch, css: "twitch-cramp-replay", icon: "play", title: w.replay_twitch_tip, onClick: replay("twitch") }),
        actionButton({ text: w.replay_cramp, css: "twitch-cramp-replay twitch-cramp-replay-cramp", icon: "play", title: w.replay_cramp_tip, onClick: replay("cramp") })),
      h("div", { class: "pagefig-main" }, graph, status));

    // Uncover the replayed trace from its first sample to its last, in real time (at once with reduced motion); the
    // first frame (the trace cleared back to its start) is shown at once, in the click itself.
    let playing = null, frame = 0;
    function animate(which, replays) {
      cancelAnimationFrame(frame);
      if (playing && playing !== which) reveal(plot(), replaying[playing], undefined);
      playing = which;
      const n = d[which].force.length, seconds = n * d.dt, t0 = performance.now();
      const step = (now) => {
        const k = reduced() ? n : Math.min(n, Math.max(1, Math.ceil(((now - t0) / 1000 / seconds) * n)));
        reveal(plot(), replaying[which], k < n ? k : undefined);
        drawn();
        if (k < n) frame = requestAnimationFrame(step);
        else { playing = null; el.setAttribute("data-replayed", which + "#" + replays); }
      };
      step(t0);
    }
    return {
      show(c) {
        const t = describe(d, c);
        status.textContent = t.status;
        return t;
      },
      draw: (c, redraw) => (c.shown === "twitch" || c.shown === "cramp" ? animate(c.shown, c.replays) : redraw()),
      // where a title or label would not fit its panel side by side, the panels stack (a replay under way goes on)
      figure: (template, c, width) => compose(template, d, { narrow: width > 0 && mustStack(template.layout, width) }),
      destroy: () => cancelAnimationFrame(frame),
    };
  },
});
