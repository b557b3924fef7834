"""Where a lesson's Run All spends its time in the page (``--browser``): one profiled Run All per lesson.

For each lesson: a fresh tab and kernel, then Run → Run All Cells exactly as ``LabPage.run_all()`` does it, with
the page instrumented (an init script) and Chromium's JS sampling profiler and trace running. Printed per lesson:

- milestones after the Run All click (ms): first ``execute_input`` and last ``execute_reply`` seen by the page
  (the kernel's side, as the page receives it), the last ``comm_open`` (widget models created), the last figure
  draw (``data-draws`` set by figure.js), and when ``run_all()`` returned (what the harness waits for);
- main-thread time in that window by kind (trace: script, style, layout, paint, GC, parse) and the JS self time
  by origin (CPU profile: plotly.js, anywidget ESM modules by file, ipywidgets, JupyterLab, MathJax, ...);
- counts: widget models opened, ESM blob modules created (and how many distinct sources), figure draws per figure.

Tracing and profiling slow the page down: the milestones of the profiled run are larger than page_browser.py's
unprofiled ones; read the shares, not the absolute numbers. ``FOOT_PROFILE_LESSONS=01,class`` limits the lessons
(substrings of the notebook path); ``FOOT_PROFILE_TRACE=path.json`` saves the last trace for chrome://tracing.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter, defaultdict

BROWSER = True

# Installed before any page script: time-stamps kernel messages (by msg_type), blob modules (by source), figure
# draws and the Run All click, in performance.now() ms, on window.__prof.
_INIT = r"""
(() => {
  const P = window.__prof = {msgs: [], blobs: [], draws: [], click: null, roots: []};
  const dec = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (ev) => {
        const t = performance.now();
        let s = typeof ev.data === 'string' ? ev.data : null;
        if (s === null && ev.data instanceof ArrayBuffer) {
          s = dec.decode(new Uint8Array(ev.data, 0, Math.min(ev.data.byteLength, 4000)));
        }
        if (s === null) return;
        const m = s.match(/"msg_type"\s*:\s*"(\w+)"/);
        const st = m && m[1] === 'status' ? (s.match(/"execution_state"\s*:\s*"(\w+)"/) || [])[1] : undefined;
        // the header's date (the first "date" in the message): when the kernel sent it, on the page's clock
        const d = s.match(/"date"\s*:\s*"([^"]+)"/);
        const sent = d ? Date.parse(d[1]) - performance.timeOrigin : null;
        if (m) P.msgs.push([t, m[1], st, typeof ev.data === 'string' ? ev.data.length : ev.data.byteLength, sent]);
      });
    }
  };
  const create = URL.createObjectURL;
  URL.createObjectURL = function (obj) {
    const url = create.call(URL, obj);
    if (obj instanceof Blob && /javascript/.test(obj.type)) {
      const rec = {t: performance.now(), url, size: obj.size, head: ''};
      P.blobs.push(rec);
      obj.text().then((s) => {
        rec.head = s.slice(0, 120);
        rec.hash = s.length + ':' + s.slice(0, 200) + s.slice(-200);
      });
    }
    return url;
  };
  // Lumino menus act on mouseup (the menu is gone before any click event)
  document.addEventListener('pointerup', (e) => {
    const label = e.target && e.target.closest && e.target.closest('.lm-Menu-item');
    if (label && /Run All Cells/.test(label.textContent)) P.click = performance.now();
  }, true);
  let ids = 0;
  new MutationObserver((list) => {
    const t = performance.now();
    for (const r of list) {
      if (r.type === 'attributes' && r.attributeName === 'data-draws') {
        const el = r.target;
        if (!el.__profId) el.__profId = ++ids;
        P.draws.push([t, el.__profId, el.getAttribute('data-draws')]);
      }
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-draws']});
})();
"""

# Trace events of the renderer's main thread, by kind (names from Chromium's devtools.timeline category).
_KINDS = {
    "script": {
        "FunctionCall",
        "EvaluateScript",
        "v8.compile",
        "v8.compileModule",
        "v8.evaluateModule",
        "EventDispatch",
        "TimerFire",
        "FireAnimationFrame",
        "RunMicrotasks",
        "v8.run",
        "V8.Execute",
        "FireIdleCallback",
        "XHRReadyStateChange",
        "v8.produceModuleCache",
        "V8.ScriptCompiler",
    },
    "style": {"UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation", "ParseAuthorStyleSheet"},
    "layout": {
        "Layout",
        "UpdateLayerTree",
        "IntersectionObserverController::computeIntersections",
        "ResizeObserverController::DeliverObservations",
    },
    "paint": {"Paint", "PaintImage", "CompositeLayers", "PrePaint", "Layerize", "Commit", "RasterTask"},
    "gc": {
        "MinorGC",
        "MajorGC",
        "V8.GCScavenger",
        "V8.GCFinalizeMC",
        "BlinkGC.AtomicPhase",
        "V8.GCIncrementalMarking",
        "V8.GC_MC_BACKGROUND_MARKING",
        "ThreadState::performIdleLazySweep",
    },
    "parse": {"ParseHTML"},
}
_KIND_OF = {name: kind for kind, names in _KINDS.items() for name in names}

_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8",
    "v8.execute",
    "blink.user_timing",
    "toplevel",
]


def _origin(url: str, blob_heads: dict[str, str]) -> str:
    """A script URL → a readable origin bucket."""
    if not url:
        return "(native/program)"
    if url.startswith("blob:"):
        head = blob_heads.get(url, "")
        m = re.search(r"//\s*(\w[\w ]*?)(?::|\.|,| —)", head)
        return f"anywidget ESM: {m.group(1) if m else head[:30]!r}" if head else "anywidget ESM (unknown blob)"
    for key, name in (
        ("jupyterlab-plotly", "plotly.js (jupyterlab-plotly)"),
        ("labextensions/anywidget", "anywidget runtime"),
        ("jupyter-widgets", "ipywidgets (jupyterlab_widgets)"),
        ("jupyterlab_widgets", "ipywidgets (jupyterlab_widgets)"),
        ("mathjax", "MathJax"),
        ("/static/lab/", "JupyterLab core"),
        ("labextensions", "other lab extension"),
    ):
        if key in url.lower():
            return name
    return url[:60]


def _cpu_by_origin(profile: dict, t0_us: float, t1_us: float, blob_heads: dict[str, str]) -> Counter:
    """Self time (ms) per origin from a CDP Profiler profile, only samples between t0 and t1 (µs, profile clock)."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    out: Counter = Counter()
    t = profile["startTime"]
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        t += delta
        if not t0_us <= t <= t1_us:
            continue
        frame = nodes[node_id]["callFrame"]
        fn = frame.get("functionName", "")
        if fn in ("(idle)",):
            continue
        key = fn if fn in ("(garbage collector)", "(program)") else _origin(frame.get("url", ""), blob_heads)
        out[key] += delta / 1000
    return out


def _cpu_functions(profile: dict, t0_us: float, t1_us: float, blob_heads: dict[str, str]) -> tuple[Counter, Counter]:
    """(self, total) time in ms per function "name (origin)" between t0 and t1; total counts a function once per
    sample however deep it recurses."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
    label = {}
    for i, n in nodes.items():
        frame = n["callFrame"]
        label[i] = f"{frame.get('functionName') or '(anonymous)'} ({_origin(frame.get('url', ''), blob_heads)})"
    own: Counter = Counter()
    total: Counter = Counter()
    t = profile["startTime"]
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        t += delta
        if not t0_us <= t <= t1_us or nodes[node_id]["callFrame"].get("functionName") == "(idle)":
            continue
        own[label[node_id]] += delta / 1000
        seen, i = set(), node_id
        while i is not None:
            if label[i] not in seen:
                seen.add(label[i])
                total[label[i]] += delta / 1000
            i = parent.get(i)
    return own, total


def _trace_by_kind(events: list[dict], t0_us: float, t1_us: float) -> Counter:
    """Self time (ms) per kind of the renderer main thread's trace events between t0 and t1 (µs, trace clock)."""
    names = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"
    }
    mains = {k for k, v in names.items() if v == "CrRendererMain"}
    spans = []
    for e in events:
        on_main = (e.get("pid"), e.get("tid")) in mains and e.get("ph") == "X" and "dur" in e
        if on_main and e["ts"] + e["dur"] >= t0_us and e["ts"] <= t1_us:
            spans.append((e["ts"], e["ts"] + e["dur"], e["name"]))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: Counter = Counter()
    stack: list[list] = []  # [start, end, name, child time]

    def close(item):
        start, end, name, child = item
        self_ms = (min(end, t1_us) - max(start, t0_us) - child) / 1000
        if name in ("RunTask", "ThreadControllerImpl::RunTask", "ThreadController::Task"):
            out["other (task overhead)"] += max(self_ms, 0)
        else:
            out[_KIND_OF.get(name, f"other: {name}")] += max(self_ms, 0)

    for start, end, name in spans:
        while stack and stack[-1][1] <= start:
            item = stack.pop()
            close(item)
            if stack:
                stack[-1][3] += min(item[1], t1_us) - max(item[0], t0_us)
        stack.append([start, end, name, 0.0])
    while stack:
        item = stack.pop()
        close(item)
        if stack:
            stack[-1][3] += min(item[1], t1_us) - max(item[0], t0_us)
    return out


def _trace_counts(events: list[dict], t0_us: float, t1_us: float, names: tuple[str, ...]) -> str:
    """How often (and how long, ms) each named event ran on the renderer main thread between t0 and t1."""
    count: Counter = Counter()
    total: Counter = Counter()
    for e in events:
        if e.get("name") in names and e.get("ph") == "X" and t0_us <= e["ts"] <= t1_us:
            count[e["name"]] += 1
            total[e["name"]] += e.get("dur", 0) / 1000
    return ", ".join(f"{n} {count[n]}x {total[n]:.0f} ms" for n in names)


def _top(counter: Counter, n: int = 9) -> str:
    return ", ".join(f"{k} {v:.0f}" for k, v in counter.most_common(n) if v >= 1)


def _profile_one(browser, lab, notebook: str) -> list[str]:
    from tests.browser.lab import LabPage

    page = LabPage.open(browser.context, lab, notebook)
    cdp = page.page.context.new_cdp_session(page.page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    browser.browser.start_tracing(page=page.page, categories=_CATEGORIES)
    cdp.send("Profiler.start")
    drawn = page.run_all()
    wall = page.last_wall_ms
    returned = page.page.evaluate("performance.now()")
    page.page.wait_for_timeout(1500)  # late redraws (resize after the first draw) still count in data-draws
    profile = cdp.send("Profiler.stop")["profile"]
    trace = json.loads(browser.browser.stop_tracing())
    prof = page.page.evaluate("window.__prof")
    draws_now = page.page.evaluate(
        "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .figure-view')]"
        ".map((e) => e.getAttribute('data-draws'))"
    )
    # the page clock (performance.now) against the trace clock (µs): the trace's navigationStart marks time 0
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    if os.environ.get("FOOT_PROFILE_TRACE"):
        with open(os.environ["FOOT_PROFILE_TRACE"], "w") as f:
            json.dump(events, f)
    problems = page.problems()
    page.close()
    lab.shutdown_kernels()
    if problems:
        raise RuntimeError(f"{notebook}: {problems}")

    click = prof["click"]
    msgs = prof["msgs"]
    after = [m for m in msgs if m[0] >= click]
    rel = lambda t: t - click  # noqa: E731
    first_input = next((rel(m[0]) for m in after if m[1] == "execute_input"), float("nan"))
    replies = [rel(m[0]) for m in after if m[1] == "execute_reply"]
    opens = [rel(m[0]) for m in after if m[1] == "comm_open"]
    idle = [rel(m[0]) for m in after if m[1] == "status" and m[2] == "idle"]
    draws = [d for d in prof["draws"] if d[0] >= click]
    last_draw = max((rel(d[0]) for d in draws), default=float("nan"))
    first_draws = {}
    for t, fid, _n in draws:
        first_draws.setdefault(fid, rel(t))
    comm_bytes = sum(m[3] for m in after if m[1] == "comm_open")
    blobs = [b for b in prof["blobs"] if b["t"] >= click]
    distinct = len({b.get("hash") or b["url"] for b in blobs})
    blob_heads = {b["url"]: b.get("head", "") for b in prof["blobs"]}
    blob_kinds = Counter(_origin(b["url"], blob_heads) for b in blobs)

    # CPU profile clock: µs, same monotonic base as the trace; the page's performance.now() is relative to
    # navigation start. Anchor on the trace's navigationStart / the profile's first sample instead: use the
    # trace marks we can find (TimeStamp-free): the click is the first "EventDispatch" of type click after load.
    nav = [e for e in events if e.get("name") == "navigationStart"]
    clicks = [
        e
        for e in events
        if e.get("name") == "EventDispatch" and e.get("args", {}).get("data", {}).get("type") == "pointerup"
    ]
    t0_us = clicks[-1]["ts"] if clicks else (nav[-1]["ts"] if nav else profile["startTime"])
    t1_us = t0_us + drawn * 1000  # up to the frame run_all() timed
    cpu = _cpu_by_origin(profile, t0_us, t1_us, blob_heads)
    kinds = _trace_by_kind(events, t0_us, t1_us)
    own, total = _cpu_functions(profile, t0_us, t1_us, blob_heads)
    total = Counter({k: v for k, v in total.items() if not k.startswith(("(root)", "(program)"))})
    window = (t1_us - t0_us) / 1000
    busy = sum(kinds.values())
    per_fig = Counter(str(n) for n in draws_now)
    timeline = []
    for t, kind, _state, _size, sent in after:
        if kind in ("execute_input", "execute_reply"):
            timeline.append(f"{kind.split('_')[1]} {rel(sent):.0f}/{rel(t):.0f}")
    return [
        f"profile {notebook}: run_all() {drawn:.0f} ms on the page clock (everything drawn), "
        f"{wall:.0f} ms harness wall (returned at {rel(returned):.0f} ms after the click on the page clock)",
        f"  milestones (ms after click): first execute_input {first_input:.0f}, last execute_reply "
        f"{max(replies, default=float('nan')):.0f} ({len(replies)} cells), "
        f"last kernel idle {max(idle, default=float('nan')):.0f}, "
        f"comm_open {len(opens)} (last {max(opens, default=float('nan')):.0f}, {comm_bytes / 1024:.0f} KiB), "
        f"figures first drawn {sorted(round(v) for v in first_draws.values())}, last draw {last_draw:.0f}",
        f"  kernel cells (ms after click, sent by the kernel/received by the page): {', '.join(timeline)}",
        f"  main thread click → everything drawn ({window:.0f} ms): busy {busy:.0f} ms = {_top(kinds)}",
        "  events: "
        + _trace_counts(events, t0_us, t1_us, ("ParseAuthorStyleSheet", "UpdateLayoutTree", "Layout", "Paint")),
        f"  JS self time by origin (ms): {_top(cpu, 12)}",
        f"  ESM blob modules created after the click: {len(blobs)} ({distinct} distinct sources): {_top(blob_kinds)}",
        f"  JS functions, self (ms): {_top(own, 15)}",
        f"  JS functions, total (ms): {_top(total, 25)}",
        f"  data-draws per figure 1.5 s after Run All: {dict(per_fig) or 'no figures'}",
    ]


def run(args) -> list[str]:
    from tests.browser.lab import lesson_notebooks, start_browser, start_lab

    wanted = [w for w in os.environ.get("FOOT_PROFILE_LESSONS", "").split(",") if w]
    notebooks = [n for n in lesson_notebooks() if not wanted or any(w in n for w in wanted)]
    out = []
    with start_lab() as lab, start_browser() as browser:
        browser.context.add_init_script(_INIT)
        # a first page loads JupyterLab's and the extensions' bundles into the HTTP cache, as a learner's second lesson
        warm = lesson_notebooks()[0]
        from tests.browser.lab import LabPage

        p = LabPage.open(browser.context, lab, warm)
        p.close()
        lab.shutdown_kernels()
        time.sleep(0.5)
        by_lesson = defaultdict(list)
        for notebook in notebooks:
            by_lesson[notebook] = _profile_one(browser, lab, notebook)
            out += by_lesson[notebook]
    return out
