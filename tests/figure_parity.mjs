// Runs the page maths of the figures (widgets/static/*.js) in node for tests/page/test_figure_parity.py.
// Reads one JSON task on stdin, writes the page's results as JSON on stdout.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const task = JSON.parse(readFileSync(0, "utf8"));
const mod = await import(pathToFileURL(task.module).href);
const b64 = (arr) => Buffer.from(Float32Array.from(arr).buffer).toString("base64");

function simulator() {
  const draws = task.draws.map(mod.decodeDraws);
  return task.cases.map(({ recording, settings, width }) => {
    const s = mod.muscleSignal(draws[recording], settings, task.params);
    const figure = mod.compose(task.template, s, task.params, width);
    figure.data[0].y = b64(figure.data[0].y);
    return {
      values: b64(s.values),
      firings: s.firings, noticed: s.noticed, hidden: s.hidden, busy: s.busy,
      excitability: mod.excitability(settings, task.params),
      rate: mod.firingRate(settings, task.params),
      expected: mod.expectedNoticed(settings, task.params),
      texts: mod.describe(s, settings, task.params, task.words),
      figure,
    };
  });
}

function states() {  // foot map, twitch-vs-cramp, motor unit: each state the page can show, as it would draw it
  const d = mod.prepare(task.data);
  return task.cases.map((state) => {
    const figure = mod.compose(task.template, d, state);
    for (const t of figure.data) if (ArrayBuffer.isView(t.y)) t.y = Array.from(t.y);
    return { figure, texts: mod.describe(d, state) };
  });
}

function stacks() {  // twitch-vs-cramp: at which widths the page stacks the panels (its estimate: node has no canvas)
  return task.cases.map((width) => mod.mustStack(task.layout, width));
}

function motion() {  // motor unit: the motion between two steps, frame by frame (mod.motion, mod.along)
  return task.cases.map(({ mode, from, to, t }) => {
    const m = mod.motion(task.motion, mode, from, to, t);
    return { ...m, points: m.signals.map((s) => mod.along(task.motion.paths[s.unit], s.at)) };
  });
}

const run = { simulator, states, stacks, motion }[task.kind];
process.stdout.write(JSON.stringify(run()));
