// The twitch simulator computed in the page: the kernel sends the seeded random numbers of a few recordings,
// the page applies the learner's choices to them (the same maths as widgets/simulation.py signal_from(), checked
// by tests/test_figure_parity.py in node) and redraws with Plotly.react. No kernel round trip per click.
import { actionButton, choiceGroup, decode, fill, liveLine, make, save } from "./page_figure.js";

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

// The template (layout and trace styles, built in Python) filled with one recording.
export function compose(shared, signal, p) {
  const template = shared;  // figure.js draws copies (plotly writes back into what it draws)
  const data = template.data.map((t) => ({ ...t }));
  const [line, noticed, hidden, moving] = data;
  line.y = Array.from(signal.values);
  noticed.x = signal.noticed.slice();
  noticed.y = signal.noticed.map(() => p.mark_y);
  hidden.x = signal.hidden.slice();
  hidden.y = signal.hidden.map(() => p.mark_y);
  hidden.showlegend = signal.hidden.length > 0;
  moving.showlegend = signal.busy.length > 0;
  const shapes = signal.busy.map(([a, b]) => ({ ...p.busy_shape, x0: a, x1: b }));
  return { data, layout: { ...template.layout, shapes }, config: template.config };
}

// --- the page view: controls, the expected level, the figure, one recording in words -----------------------
export function decodeDraws(d) {
  return { gaps: decode(d.gaps), sizes: decode(d.sizes), noise: decode(d.noise), move_noise: decode(d.move_noise) };
}

export function attach({ model, el, graph, redraw }) {
  const data = model.get("data");
  const p = data.params, words = data.words;
  const draws = data.draws.map(decodeDraws);
  let choice = model.get("choice");
  let signal = null;
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

  const root = make("div", "pagefig-layout pagefig-simulator");
  const controls = make("div", "pagefig-controls");
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", words.controls_label);
  const groups = {};
  for (const [name, label, options] of data.controls) {
    groups[name] = choiceGroup({
      label, css: "simulator-control simulator-" + name, options, value: choice.settings[name],
      onChoose: (v) => change({ settings: { ...choice.settings, [name]: v } }),
    });
    controls.append(groups[name].el);
  }
  controls.append(actionButton({
    text: words.new_recording, css: "simulator-new", icon: "replay", title: words.new_recording_tip,
    onClick: () => change({ recording: (choice.recording + 1) % draws.length }),
  }));

  const main = make("div", "pagefig-main");
  const headline = make("div", "simulator-headline");
  headline.setAttribute("role", "status");
  headline.setAttribute("aria-live", "polite");
  const lead = make("p", "simulator-expected");
  const meter = make("div", "pagefig-meter");
  const cells = words.levels.map((w) => {  // the same words again, as a scale: seen, not read out twice
    const c = make("span", "pagefig-meter-cell", w);
    c.setAttribute("aria-hidden", "true");
    meter.append(c);
    return c;
  });
  const scale = make("span", "pagefig-meter-note", words.scale);
  meter.append(scale);
  const nerve = make("p", "simulator-nerve");
  headline.append(lead, meter, nerve);
  const count = liveLine("simulator-count");
  main.append(headline, graph, count);
  root.append(controls, main);
  el.classList.add("pagefig-host");
  el.append(root);

  const show = () => {
    signal = signalOf(choice);
    const t = describe(signal, choice.settings, p, words);
    lead.replaceChildren(words.headline + " ", make("b", "", t.level));
    cells.forEach((c) => c.classList.toggle("pagefig-meter-on", c.textContent === t.level));
    nerve.textContent = t.nerve;
    count.textContent = t.sample;
    for (const [name, g] of Object.entries(groups)) g.set(choice.settings[name]);
    return t;
  };
  function change(part) {
    choice = { ...choice, ...part };
    const t = show();
    save(model, { choice, alt: t.alt });
    redraw();
  }
  const fromKernel = () => {
    if (model.get("choice") === choice) return;  // the page's own change, already shown
    choice = model.get("choice");
    show();
    redraw();
  };
  model.on("change:choice", fromKernel);
  show();
  // the choices one click away from `c`: each control's other options, and the next recording
  const nextTo = (c) => [
    ...data.controls.flatMap(([name, , options]) => options.filter(([, v]) => v !== c.settings[name])
      .map(([, v]) => ({ ...c, settings: { ...c.settings, [name]: v } }))),
    { ...c, recording: (c.recording + 1) % draws.length },
  ];
  const byKey = () => new Map([choice, ...nextTo(choice)].map((c) => [key(c), c]));
  return {
    // one drawing per choice shown; the choices one click away are drawn ahead while the page is idle
    key: () => key(choice),
    states: () => [...byKey().keys()],
    figure: (template, k) => {
      const c = k === undefined ? choice : byKey().get(k);
      return compose(template, signalOf(c), p);
    },
    destroy: () => model.off("change:choice", fromKernel),
  };
}
