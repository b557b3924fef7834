// The twitch simulator computed in the page: the kernel sends the seeded random numbers of a few recordings,
// the page applies the learner's choices to them (the same maths as widgets/simulation.py signal_from(), checked
// by tests/page/test_figure_parity.py in node) and redraws with Plotly.react. No kernel round trip per click.
import { fill, h, liveLine } from "./dom.js";
import { actionButton, choiceGroup, decode, mountFigure } from "./page_figure.js";

// --- the maths (pure; `p` is the parameter set views/simulator.py page_params() sends) -------------------
export function excitability(settings, p) {
  let points = 0, most = 0;
  for (const [name, options] of p.triggers) {
    const value = name in settings ? settings[name] : options[0][0];
    const chosen = options.find(([label]) => label === value);
    if (!chosen) throw new Error(`unknown choice ${value} for ${name}`);
    points += chosen[1];
    most += Math.max(...options.map((o) => o[1]));
  }
  return points / most;
}

export function firingRate(settings, p) {
  return p.min_rate * Math.pow(p.max_rate / p.min_rate, excitability(settings, p));
}

export function expectedNoticed(settings, p) {
  const seen = settings.activity === "moving" ? 1.0 - p.step_busy : 1.0;
  return firingRate(settings, p) * p.seconds / 60.0 * seen;
}

export function movementBursts(activity, p) {
  if (activity !== "moving") return [];
  const out = [];
  for (let k = 0; k < Math.ceil(p.seconds / p.step_period); k++) {
    const a = k * p.step_period;
    out.push([a, Math.min(a + p.step_busy * p.step_period, p.seconds)]);
  }
  return out;
}

// One recording: `d` holds one seed's random numbers (gaps, sizes, noise, move_noise as typed arrays).
export function muscleSignal(d, settings, p) {
  const n = d.noise.length, dt = 1.0 / p.rate_hz;
  const meanGap = 60.0 / firingRate(settings, p);
  const firings = [];
  let acc = 0;
  for (let k = 0; k < d.gaps.length; k++) {
    acc += d.gaps[k];
    const t = acc * meanGap;
    if (t < p.seconds - 0.05) firings.push(t);
  }
  const values = Float64Array.from(d.noise);
  const busy = movementBursts(settings.activity, p);
  for (const [a, b] of busy) {
    for (let i = 0; i < n; i++) {
      const t = i * dt;
      if (t >= a && t < b) values[i] += d.move_noise[i] * Math.sin(Math.PI * (t - a) / (b - a));
    }
  }
  const w = p.spike_width;
  const shape = Array.from({ length: w }, (_, j) => Math.sin(2 * Math.PI * j / w));
  firings.forEach((when, k) => {
    const i = Math.floor(when * p.rate_hz);
    for (let j = 0; j < w && i + j < n; j++) values[i + j] += d.sizes[k] * shape[j];
  });
  const hiddenBy = (t) => busy.some(([a, b]) => t >= a && t < b);
  return {
    dt,
    values: Float32Array.from(values),
    firings,
    noticed: firings.filter((t) => !hiddenBy(t)),
    hidden: firings.filter(hiddenBy),
    busy,
  };
}

// A number → the first word whose upper bound it does not pass (bounds ascending; past the last: last word).
function band(x, bounds, words, inclusive) {
  const i = bounds.findIndex((b) => (inclusive ? x <= b : x < b));
  return words[i < 0 ? words.length - 1 : i];
}

export function expectedLevel(settings, p, words) {
  return band(expectedNoticed(settings, p), p.level_bounds, words.levels, true);
}

// Every sentence the simulator shows (and its text alternative), from the content templates `words`.
export function describe(signal, settings, p, words) {
  const count = (k) => (k === 0 ? words.twitches.zero : k === 1 ? words.twitches.one : fill(words.twitches.many, { n: k }));
  const level = expectedLevel(settings, p, words);
  let sample = fill(words.sample, { noticed: count(signal.noticed.length) });
  if (signal.hidden.length) sample += " " + fill(words.sample_hidden, { hidden: count(signal.hidden.length) });
  const nerve = fill(words.nerve, { nerve: band(excitability(settings, p), p.nerve_bounds, words.nerve_levels, false) });
  return { level, nerve, sample, alt: fill(words.alt, { level, sample }) };
}

// The row of each twitch mark (0: the lowest), given their times in ascending order: the lowest row whose last mark
// is at least a mark's width away in a plot drawn `width` px wide, so no two marks overlap (views/simulator.py
// mark_rows(), the same rule).
export function markRows(times, width, margin, p) {
  const plot = Math.max(1, (width || p.default_width) - margin.l - margin.r);
  const gap = (p.mark_px + p.mark_gap_px) / plot * p.seconds;
  const last = [];
  return times.map((t) => {
    let row = last.findIndex((was) => t - was >= gap);
    if (row < 0) row = last.length;
    last[row] = t;
    return row;
  });
}

// The template (layout and trace styles, built in Python) filled with one recording drawn `width` px wide.
export function compose(shared, signal, p, width) {
  const template = shared;  // figure.js draws copies (plotly writes back into what it draws)
  const data = template.data.map((t) => ({ ...t }));
  const [line, noticed, hidden, moving] = data;
  line.y = Array.from(signal.values);
  const marks = [...signal.noticed.map((x) => [x, 0]), ...signal.hidden.map((x) => [x, 1])]
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rows = markRows(marks.map(([x]) => x), width, template.layout.margin, p);
  const placed = [0, 1].map((k) => marks.flatMap(([x, kind], i) => (kind === k ? [[x, p.mark_y + rows[i] * p.row_step]] : [])));
  noticed.x = placed[0].map(([x]) => x);
  noticed.y = placed[0].map(([, y]) => y);
  hidden.x = placed[1].map(([x]) => x);
  hidden.y = placed[1].map(([, y]) => y);
  hidden.showlegend = signal.hidden.length > 0;
  moving.showlegend = signal.busy.length > 0;
  const shapes = signal.busy.map(([a, b]) => ({ ...p.busy_shape, x0: a, x1: b }));
  const top = p.mark_y + Math.max(0, ...rows) * p.row_step + 0.45; // room above the highest row of marks
  const yaxis = { ...template.layout.yaxis, range: [-p.y_range, Math.max(p.y_range + 0.3, top)] };
  return { data, layout: { ...template.layout, shapes, yaxis }, config: template.config };
}

// --- the page view: controls, the expected level, the figure, one recording in words -----------------------
export function decodeDraws(d) {
  return { gaps: decode(d.gaps), sizes: decode(d.sizes), noise: decode(d.noise), move_noise: decode(d.move_noise) };
}

// the simulator's choice: {settings, recording}; one drawing per choice shown, and the choices one click away (each
// control's other options, and the next recording) are drawn ahead while the page is idle
export default mountFigure({
  name: "simulator",
  build({ data, root, graph, choice, choose }) {
    const p = data.params, words = data.words;
    const draws = data.draws.map(decodeDraws);
    // each choice's recording, computed once (a drawing made ahead computed it already; a click then reuses it)
    const key = (c) => JSON.stringify([c.recording % draws.length, Object.entries(c.settings).sort()]);
    const computed = new Map();
    const signalOf = (c) => {
      const k = key(c);
      if (!computed.has(k)) {
        if (computed.size >= 64) computed.delete(computed.keys().next().value);
        computed.set(k, muscleSignal(draws[c.recording % draws.length], c.settings, p));
      }
      return computed.get(k);
    };
    const change = (part) => choose({ ...choice(), ...part });

    const controls = h("div", { class: "pagefig-controls", role: "group", "aria-label": words.controls_label });
    const groups = {};
    for (const [name, label, options] of data.controls) {
      groups[name] = choiceGroup({
        label, css: "simulator-control simulator-" + name, options, value: choice().settings[name],
        onChoose: (v) => change({ settings: { ...choice().settings, [name]: v } }),
      });
      controls.append(groups[name].el);
    }
    controls.append(actionButton({
      text: words.new_recording, css: "simulator-new", icon: "replay", title: words.new_recording_tip,
      onClick: () => change({ recording: (choice().recording + 1) % draws.length }),
    }));
    const lead = h("p", { class: "simulator-expected" });
    // the same level as a gauge: a reading, not a control (role meter, never focusable, nothing to press); the words
    // under its bar are drawing (the meter's value text says the level), and so is its note (the meter's name says it)
    const levels = words.levels, cells = levels.map(() => h("span"));
    const marks = levels.map((w) => h("span", { class: "simulator-gauge-word", text: w }));
    const gauge = h("div", {
      class: "simulator-gauge", role: "meter", "aria-valuemin": 1, "aria-valuemax": levels.length,
      "aria-label": `${words.headline.replace(/[:\s]+$/, "")} (${words.scale})`,
    },
    h("span", { class: "simulator-gauge-scale", "aria-hidden": "true" },
      h("span", { class: "simulator-gauge-bar" }, ...cells), h("span", { class: "simulator-gauge-words" }, ...marks)),
    h("span", { class: "simulator-gauge-note", "aria-hidden": "true", text: words.scale }));
    const nerve = h("p", { class: "simulator-nerve" });
    const count = liveLine("pagefig-live simulator-count");
    root.append(controls, h("div", { class: "pagefig-main" },
      h("div", { class: "simulator-headline", role: "status", "aria-live": "polite" }, lead, gauge, nerve), graph, count));

    return {
      show(c) {
        const t = describe(signalOf(c), c.settings, p, words);
        lead.replaceChildren(words.headline + " ", h("b", { text: t.level }));
        const at = levels.indexOf(t.level);
        gauge.setAttribute("aria-valuenow", String(at + 1));
        gauge.setAttribute("aria-valuetext", t.level);
        cells.forEach((cell, i) => cell.classList.toggle("simulator-gauge-filled", i <= at));
        marks.forEach((m, i) => m.classList.toggle("simulator-gauge-on", i === at));
        nerve.textContent = t.nerve;
        count.textContent = t.sample;
        for (const [name, g] of Object.entries(groups)) g.set(c.settings[name]);
        return t;
      },
      figure: (template, c, width) => compose(template, signalOf(c), p, width),
      key,
      states: (c) => [
        ...data.controls.flatMap(([name, , options]) => options.filter(([, v]) => v !== c.settings[name])
          .map(([, v]) => ({ ...c, settings: { ...c.settings, [name]: v } }))),
        { ...c, recording: (c.recording + 1) % draws.length },
      ],
    };
  },
});
