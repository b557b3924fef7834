// The motor unit in the page, animated: every step's drawing and words (all modes) were sent once; the mode choice,
// Play/Pause, Replay, Back and Next are built here, switch at once, then tell the kernel the new `choice`
// ({mode, step}) without waiting for it. A choice set by the kernel (e.g. from Python) is shown too.
// views/motor_unit.py makes the drawings and words; compose() and describe() give what Python's figure() and
// describe() do (tests/page/test_figure_parity.py). The motion between two steps is drawn on the step's own drawing
// (motion(): the signal moved back along its path, the fibres stretched, by SVG transforms that end at none), so
// every still frame is Python's drawing; with prefers-reduced-motion the steps come without motion.
import { fill, h, icon, liveLine } from "./dom.js";
import { actionButton, choiceGroup, mountFigure } from "./page_figure.js";

export function prepare(data) { return data; }

// The choice as the page shows it: a mode it does not know is the first one; the step is kept within its steps.
export function settle(d, state) {
  const mode = d.frames[state.mode] ? state.mode : d.first;
  const last = d.frames[mode].length - 1;
  const step = Number.isInteger(state.step) ? Math.min(Math.max(state.step, 0), last) : 0;
  return { mode, step };
}

export function compose(shared, d, state) {
  const { mode, step } = settle(d, state);
  const f = d.frames[mode][step];
  const out = { data: f.data, layout: f.layout, config: shared.config };  // figure.js draws copies
  return f.narrow ? { ...out, narrow: f.narrow, narrow_below: f.narrow_below } : out;
}

export function describe(d, state) {
  const { mode, step } = settle(d, state);
  const steps = d.steps[mode], here = steps[step], L = d.labels;
  const head = fill(L.step, { n: step + 1, total: steps.length, part: here.part });
  const last = step === steps.length - 1;
  return {
    head, text: here.text, alt: head + " " + here.text, back: step > 0,
    next: last ? L.again : L.next, next_tip: last ? L.again_tip : L.next_tip,
  };
}

// The point a fraction `at` (0..1) of the way along a unit's path (sampled evenly in fraction by Python).
export function along(path, at) {
  const k = Math.max(0, Math.min(1, at)) * (path.length - 1), i = Math.min(Math.floor(k), path.length - 2), t = k - i;
  return [path[i][0] + (path[i + 1][0] - path[i][0]) * t, path[i][1] + (path[i + 1][1] - path[i][1]) * t];
}

// What the drawing of step `to` looks like a fraction `t` (0..1) of the way through its motion, coming from step
// `from` (null: no step before, as after a jump): for each signal drawn, where it is along its path (`at`) and how
// big (`scale`: a misfire's spark grows out of nothing), and how long the fibres are (`fibres`: 1 = as drawn).
export function motion(m, mode, from, to, t) {
  const steps = m.steps[mode], here = steps[to], before = from === null ? null : steps[from];
  const ease = (x) => 0.5 - Math.cos(Math.PI * Math.max(0, Math.min(1, x))) / 2;
  const signals = [];
  if (here.at >= 0) {
    const start = before && before.at >= 0 ? before.at : null;
    for (let unit = 0; unit < (here.many ? m.paths.length : 1); unit += 1) {
      if (start === null || (before && !before.many && unit > 0)) {
        // no signal before: it starts here; a stray one bursts out of nothing (again and again in a cramp)
        const pulses = mode === "cramp" ? 3 : 1, p = (t * pulses) % 1;
        signals.push({ unit, at: here.at, scale: t >= 1 ? 1 : mode === "normal" ? 0.4 + 0.6 * ease(t) : 0.2 + 1.3 * Math.sin(Math.PI * p) + 0.5 * p });
      } else signals.push({ unit, at: start + (here.at - start) * ease(t), scale: 1 });
    }
  }
  let fibres = 1;
  if (here.tight && !(before && before.tight)) {
    const relaxed = (m.fibre.relaxed - m.fibre.x0) / (m.fibre.tight - m.fibre.x0);
    // normal and cramp: they shorten and stay short; a misfire: two quick flicks, then as drawn
    const squeeze = mode === "misfire" ? Math.abs(Math.sin(2 * Math.PI * t)) : ease(t * 1.5);
    fibres = t >= 1 ? 1 : relaxed - (relaxed - 1) * squeeze;
  }
  return { signals, fibres };
}

const reduced = () => typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;

// the scatter trace groups of a drawn plotly graph, by trace name
function traceGroups(gd) {
  const out = new Map();
  for (const g of gd ? gd.querySelectorAll(".scatterlayer .trace") : []) {
    const cd = g.__data__, trace = cd && cd[0] && cd[0].trace;
    if (trace) out.set(trace.name, g);
  }
  return out;
}

// the choice: {mode, step}; one drawing per step of each mode, every one drawn ahead while the page is idle, so a
// click only switches drawings; the motion is transforms on the drawing shown (no plotly work)
export default mountFigure({
  name: "motor-unit",
  build({ data, el, root, graph, plot, choice, choose }) {
    const d = prepare(data);
    const L = d.labels, m = d.motion;
    let playing = false, timer = 0, frame = 0, shownBefore = null;
    const modes = choiceGroup({
      label: L.mode, css: "motor-unit-mode", value: settle(d, choice()).mode,
      options: d.modes, onChoose: (mode) => { stop(); choose({ mode, step: 0 }); },
    });
    const go = (delta) => {
      stop();
      const { mode, step } = settle(d, choice()), n = d.frames[mode].length;
      choose({ mode, step: (step + delta + n) % n });
    };
    const playButton = actionButton({ text: L.play, css: "motor-unit-play", icon: "play", title: L.play_tip, onClick: () => (playing ? stop() : play(false)) });
    const replay = actionButton({ text: L.replay, css: "motor-unit-replay", icon: "replay", title: L.replay_tip, onClick: () => play(true) });
    const back = actionButton({ text: L.back, css: "motor-unit-back", icon: "back", title: L.back_tip, onClick: () => go(-1) });
    const next = actionButton({ text: L.next, css: "motor-unit-next", icon: "next", title: L.next_tip, onClick: () => go(+1) });
    const line = liveLine("pagefig-live motor-unit-step");
    root.append(h("div", { class: "pagefig-controls" }, modes.el, h("div", { class: "pagefig-actions" }, playButton, replay, back, next)),
      h("div", { class: "pagefig-main" }, graph, line));

    const setPlaying = (on) => {
      playing = on;
      el.setAttribute("data-playing", String(on));
      playButton.replaceChildren(icon(on ? "pause" : "play", "pagefig-icon"), h("span", { text: on ? L.pause : L.play }));
      playButton.title = on ? L.pause_tip : L.play_tip;
    };
    // the steps one after another, from the first (Replay, or Play at the last step) or from the one shown
    function play(fromStart) {
      clearTimeout(timer);
      setPlaying(true);
      const { mode, step } = settle(d, choice());
      if (fromStart || step === d.frames[mode].length - 1) choose({ mode, step: 0 });
      else later();
    }
    function stop() {
      clearTimeout(timer);
      if (playing) setPlaying(false);
    }
    // after this step's motion and the time to read it, the next step; the last one ends the play
    function later() {
      clearTimeout(timer);
      if (!playing) return;
      const { mode, step } = settle(d, choice());
      if (step >= d.frames[mode].length - 1) { setPlaying(false); return; }
      timer = setTimeout(() => { if (playing) choose({ mode, step: step + 1 }); }, (reduced() ? 0 : m.move_ms) + m.hold_ms);
    }
    // the motion into step `c`, drawn frame by frame on the drawing shown; it ends with no transform (the drawing)
    function animate(from, c, ready) {
      cancelAnimationFrame(frame);
      const clear = () => {
        for (const g of traceGroups(plot()).values()) if (g.hasAttribute("data-moved")) { g.removeAttribute("transform"); g.removeAttribute("data-moved"); }
      };
      clear();
      el.setAttribute("data-motion", "still");
      if (reduced() || el.getAttribute("data-route") === "fallback") return;  // the kernel's drawing: no motion
      let t0 = performance.now();
      const asked = t0;
      const tick = (now) => {
        // the clock starts once the step is drawn (a state not drawn ahead yet takes plotly a moment)
        if (!ready()) { t0 = now; if (now - asked < 5000) frame = requestAnimationFrame(tick); return; }
        const t = Math.min(1, (now - t0) / m.move_ms);
        const gd = plot(), fl = gd && gd._fullLayout;
        if (fl && fl.xaxis && fl.xaxis.c2p) {
          const px = (x) => fl.xaxis.c2p(x), py = (y) => fl.yaxis.c2p(y);
          const groups = traceGroups(gd), now2 = motion(m, c.mode, from, c.step, t);
          const here = m.steps[c.mode][c.step];
          for (const s of now2.signals) {
            const g = groups.get(s.unit === 0 ? "signal" : "signal " + (s.unit + 1));
            if (!g) continue;
            const [x1, y1] = along(m.paths[s.unit], here.at), [x, y] = along(m.paths[s.unit], s.at);
            const cx = px(x1), cy = py(y1), dx = px(x) - cx, dy = py(y) - cy;
            g.setAttribute("transform", `translate(${dx + cx} ${dy + cy}) scale(${s.scale}) translate(${-cx} ${-cy})`);
            g.setAttribute("data-moved", "true");
          }
          if (now2.fibres !== 1) {
            const x0 = px(m.fibre.x0);
            for (const name of here.many ? ["muscle fibres", "other muscle fibres"] : ["muscle fibres"]) {
              const g = groups.get(name);
              if (!g) continue;
              g.setAttribute("transform", `translate(${x0} 0) scale(${now2.fibres} 1) translate(${-x0} 0)`);
              g.setAttribute("data-moved", "true");
            }
          }
          el.setAttribute("data-motion", t < 1 ? "moving" : "still");  // transforms only: nothing is drawn again
        }
        if (t < 1) frame = requestAnimationFrame(tick);
        else { clear(); el.setAttribute("data-motion", "still"); }
      };
      frame = requestAnimationFrame(tick);
    }
    setPlaying(false);
    shownBefore = settle(d, choice());
    return {
      show(c) {
        const t = describe(d, c);
        line.replaceChildren(h("b", { text: t.head }), " " + t.text);
        modes.set(settle(d, c).mode);
        if (!t.back && document.activeElement === back) next.focus();  // a switched-off button loses the focus
        back.disabled = !t.back;
        next.querySelector("span").textContent = t.next;
        next.title = t.next_tip;
        return t;
      },
      draw(c, redraw) {
        const now = settle(d, c), before = shownBefore;
        shownBefore = now;
        const draws = el.getAttribute("data-draws");
        redraw();
        const ready = () => el.getAttribute("data-draws") !== draws;  // figure.js counts a drawing once it is shown
        // moving on by one step in the same mode comes with its motion; anything else starts at the step
        const from = before && before.mode === now.mode && before.step === now.step - 1 ? before.step : null;
        animate(from, now, ready);
        later();
      },
      figure: (template, c) => compose(template, d, c),
      key: (c) => { const { mode, step } = settle(d, c); return mode + "/" + step; },
      states: () => Object.entries(d.frames).flatMap(([mode, frames]) => frames.map((_, step) => ({ mode, step }))),
      destroy: () => { clearTimeout(timer); cancelAnimationFrame(frame); },
    };
  },
});
