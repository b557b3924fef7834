// The motor unit in the page: every step's drawing (both modes) was sent once; the kernel's Back / Next /
// mode buttons only set `choice` ({mode, step}), and the page switches to that drawing (no figure per click).
// views/motor_unit.py makes the frames; compose() picks the one Python's figure() draws (tests/test_figure_parity.py).

export function prepare(data) { return data; }

export function compose(shared, d, state) {
  const frames = d.frames[state.mode] || d.frames[d.first];
  const f = frames[Math.min(Math.max(state.step | 0, 0), frames.length - 1)];
  const out = { data: f.data, layout: f.layout, config: shared.config };  // figure.js draws copies
  return f.narrow ? { ...out, narrow: f.narrow, narrow_below: f.narrow_below } : out;
}

export function describe(d, state) { return { mode: state.mode, step: state.step }; }

export function attach({ model, redraw }) {
  const d = prepare(model.get("data"));
  const fromKernel = () => redraw();
  model.on("change:choice", fromKernel);
  return {
    figure: (template) => compose(template, d, model.get("choice")),
    destroy: () => model.off("change:choice", fromKernel),
  };
}
