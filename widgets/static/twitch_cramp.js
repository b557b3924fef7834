// Twitch vs cramp in the page: both force traces are sent once; a Replay button draws its trace again from
// the start, as it happens (no kernel, no new random numbers). views/twitch_cramp.py builds the template;
// compose() fills it the way Python's figure() does (tests/test_figure_parity.py).
import { actionButton, decode, fill, liveLine, make, save } from "./page_figure.js";

export function prepare(data) {
  return { ...data, twitch: { ...data.twitch, force: decode(data.twitch.force) }, cramp: { ...data.cramp, force: decode(data.cramp.force) } };
}

// `state`: how many samples of each trace are drawn ({twitch, cramp}; missing = all), which one was
// replayed last (`shown`: "both", "twitch" or "cramp", for the sentence), and `narrow` (stacked panels).
export function compose(shared, d, state) {
  const template = structuredClone(shared);  // plotly writes back into what it draws (ranges, uids)
  const upTo = (trace, n) => Array.from(trace.force.subarray(0, n === undefined ? trace.force.length : n));
  const data = template.data.map((t) => ({ ...t }));
  const twitch = upTo(d.twitch, state.twitch), cramp = upTo(d.cramp, state.cramp);
  data[d.traces.twitch].y = twitch;
  data[d.traces.close_up].y = twitch.slice();
  data[d.traces.cramp].y = cramp;
  return { data, layout: state.narrow ? structuredClone(d.narrow.layout) : template.layout, config: template.config };
}

export function describe(d, state) {
  const w = d.words;
  const twitch = fill(w.twitch, { start: d.twitch.start.toFixed(1) });
  const cramp = fill(w.cramp, { start: d.cramp.start.toFixed(1) });
  const status = { twitch, cramp }[state.shown] || twitch + " " + cramp;
  return { status, alt: fill(w.alt, { status }) };
}

const reduced = () => typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

export function attach({ model, el, graph, redraw }) {
  const d = prepare(model.get("data"));
  const w = d.words;
  let choice = model.get("choice");
  const state = { shown: choice.shown };
  let frame = 0;

  const root = make("div", "pagefig-layout pagefig-twitch-cramp");
  const actions = make("div", "pagefig-actions pagefig-controls");
  const replay = (which) => () => start({ shown: which, replays: (choice.replays || 0) + 1 }, true);
  actions.append(
    actionButton({ text: w.replay_twitch, css: "twitch-cramp-replay", icon: "play", title: w.replay_twitch_tip, onClick: replay("twitch") }),
    actionButton({ text: w.replay_cramp, css: "twitch-cramp-replay twitch-cramp-replay-cramp", icon: "play", title: w.replay_cramp_tip, onClick: replay("cramp") }),
  );
  const status = liveLine("twitch-cramp-status");
  const main = make("div", "pagefig-main");
  main.append(graph, status);
  root.append(actions, main);
  el.classList.add("pagefig-host");
  el.append(root);

  const say = () => {
    const t = describe(d, state);
    status.textContent = t.status;
    return t;
  };
  // Draw the replayed trace from its first sample to its last, in real time (at once with reduced motion).
  function animate(which) {
    cancelAnimationFrame(frame);
    const n = d[which].force.length, seconds = n * d.dt, t0 = performance.now();
    const step = (now) => {
      const k = reduced() ? n : Math.min(n, Math.max(1, Math.ceil(((now - t0) / 1000 / seconds) * n)));
      state[which] = k;
      redraw();
      if (k < n) frame = requestAnimationFrame(step);
      else { delete state[which]; el.setAttribute("data-replayed", which + "#" + choice.replays); }
    };
    frame = requestAnimationFrame(step);
  }
  function start(next, mine) {
    choice = { ...choice, ...next };
    state.shown = choice.shown;
    const t = say();
    if (mine) save(model, { choice, alt: t.alt });
    if (choice.shown === "twitch" || choice.shown === "cramp") animate(choice.shown);
    else redraw();
  }
  const fromKernel = () => { if (model.get("choice") !== choice) start(model.get("choice"), false); };
  model.on("change:choice", fromKernel);
  // Below a width the panels stack (titles and labels keep their room); redraw when that flips.
  const fit = () => {
    const narrow = el.clientWidth > 0 && el.clientWidth < d.narrow.below;
    if (narrow !== !!state.narrow) { state.narrow = narrow; redraw(); }
  };
  const watch = new ResizeObserver(fit);
  watch.observe(el);
  say();
  return {
    figure: (template) => { state.narrow = el.clientWidth > 0 && el.clientWidth < d.narrow.below; return compose(template, d, state); },
    destroy: () => { watch.disconnect(); cancelAnimationFrame(frame); model.off("change:choice", fromKernel); },
  };
}
