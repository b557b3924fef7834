// The lessons as one course tab in JupyterLab.
//
// For a notebook the server calls a lesson of the course (widgets/jupyter/course.py answers
// GET <base>foot-twitch-lessons/course?path=...; any other notebook is left alone):
//   - Next, Back and every link to another lesson replace the lesson in the SAME tab; the lesson left behind is
//     saved (the server strips its outputs) and its kernel shut down. Opening a lesson any other way (the file
//     browser, a URL) closes the lesson open before it the same way: one lesson tab, one kernel.
//   - The lesson left behind hands its kernel over to the lesson opened after it (Next, Back, a lesson link, the file
//     browser): the kernel closes the old lesson's widgets and empties its namespace (widgets/jupyter/handover.py),
//     the old tab lets go of its session, and that session moves to the new lesson's path, where its notebook finds
//     it. No kernel start on the way: one kernel all along, already warm (jupyter/warm.py).
//   - A lesson runs its own cells once on each kernel it gets, as soon as that kernel exists (lesson_kernel.js), when
//     every code cell is a widget one-liner (`from widgets import x` then `x(...)` with plain values: SAFE_CELL).
//     Run → Run All Cells still works, once.
//   - When its kernel stops while the tab is open (shut down, culled, the server restarted), each activity is
//     greyed with a note, its controls only point to that note, and a new kernel is started as soon as the learner
//     is on the tab (not while the tab sits unseen: a hub's idle culler is not undone); the lesson then runs again.
//   - A header: "Start here" / "Lesson n of 5", the lesson's title and progress, Back and Next (Finish on the last
//     lesson, which opens the end-of-course page in the same tab), and a skip link to the first activity; Alt+A
//     does the same from anywhere in the lesson. After Run All the focus goes to that skip link, not the last cell.
import { INotebookTracker, NotebookActions } from "@jupyterlab/notebook";
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { ServerConnection } from "@jupyterlab/services";
import { Widget } from "@lumino/widgets";
import { LessonKernel, liveKernel } from "./lesson_kernel";

const ROUTE = "foot-twitch-lessons/course";
const GO_TO_ACTIVITIES = "foot-twitch-lessons:go-to-activities";
// a code cell the lesson may run by itself: the one-liner import, then one call of it with literal arguments
// (strings, numbers, names of keyword arguments, lists), on two lines or joined by ";"; no other call, no
// attribute, no dunder
const SAFE_CELL = /^from widgets import ([a-z_]+)(?:\n|;[ \t]*)\1\(([\w\s"',=\-[\]]|\.(?=\d))*\)\s*$/;
const OFFLINE = ".quiz-page, [data-lessons-offline]"; // page-side parts that keep working with no kernel
const GUARDED = ["click", "mousedown", "keydown", "change", "input", "pointerdown"];
const FOCUSABLE =
  "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";
const settings = () => ServerConnection.makeSettings();
const PLOTLY_MIME = "application/vnd.plotly.v1+json";

// jupyterlab-plotly loads plotly.js (several MB) on the first figure a page draws: the first lesson with figures would
// wait for it after Next. Once a lesson has run and the page is idle, ask it to load now, on a detached node (as the
// lessons' figure code does when it needs plotly: widgets/static/figure.js). Once per page; nothing if it is absent.
let plotlyAsked = false;
function loadPlotlyWhenIdle() {
  if (plotlyAsked) return;
  plotlyAsked = true;
  const load = async () => {
    const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
    if (!container || typeof container.get !== "function") return;
    const mod = (await container.get("./mimeExtension"))();
    const Rendered = mod && mod.RenderedPlotly;
    if (!Rendered || Rendered.Plotly) return;
    const r = new Rendered({ mimeType: PLOTLY_MIME });
    r.createGraph({ data: { [PLOTLY_MIME]: { data: [], layout: {}, config: {} } }, setData() {} }).catch(() => {});
  };
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1000));
  idle(() => load().catch(() => {}), { timeout: 5000 });
}
// run silently in a kernel handed to the next lesson: its widgets closed, a fresh namespace (jupyter/handover.py)
const HANDOVER_CODE = "__import__('widgets.jupyter.handover', fromlist=['next_lesson']).next_lesson()";
const HANDOVER_WAIT = 10000; // ms; a kernel busy longer than that is shut down instead, and the next lesson starts its own

async function moveSession(id, path) {
  const s = settings();
  const url = URLExt.join(s.baseUrl, "api/sessions", encodeURIComponent(id));
  const body = JSON.stringify({ path, name: path.split("/").pop() });
  const r = await ServerConnection.makeRequest(url, { method: "PATCH", body }, s);
  if (!r.ok) throw new Error(`session not moved: ${r.status}`);
}

async function deleteSession(id) {
  const s = settings();
  const url = URLExt.join(s.baseUrl, "api/sessions", encodeURIComponent(id));
  try {
    await ServerConnection.makeRequest(url, { method: "DELETE" }, s);
  } catch (e) { /* the server is away: JupyterLab says so */ }
}

async function courseState(path) {
  const s = settings();
  const url = URLExt.join(s.baseUrl, ROUTE) + URLExt.objectToQueryString({ path });
  try {
    const r = await ServerConnection.makeRequest(url, {}, s);
    return r.ok ? await r.json() : { lesson: false };
  } catch (e) {
    return { lesson: false }; // no server extension: not a course here
  }
}

async function kernelGone(id) {
  const s = settings();
  try {
    const r = await ServerConnection.makeRequest(URLExt.join(s.baseUrl, "api/kernels", encodeURIComponent(id)), {}, s);
    return r.status === 404;
  } catch (e) {
    return false; // the server itself is away: JupyterLab says so
  }
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  el.append(...children.filter((c) => c !== null && c !== undefined));
  return el;
}

function safeToRun(panel) {
  const cells = panel.context.model.cells;
  let code = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== "code") continue;
    code++;
    if (!SAFE_CELL.test(cell.sharedModel.getSource()) || cell.sharedModel.getSource().includes("__")) return false;
  }
  return code > 0;
}

function outerViews(panel) {
  return [...panel.node.querySelectorAll(".lesson-view")].filter((v) => !v.parentElement.closest(".lesson-view"));
}

function firstActivity(panel) {
  for (const view of panel.node.querySelectorAll(".jp-Cell-outputArea .lesson-view")) {
    const target = [...view.querySelectorAll(FOCUSABLE)].find((e) => e.offsetParent !== null);
    if (target) return target;
  }
  return null;
}

const plugin = {
  id: "foot-twitch-lessons-course:plugin",
  description: "The lessons as one course tab: Next and Back in the same tab, one kernel, a header and an end page.",
  autoStart: true,
  requires: [INotebookTracker],
  activate(app, tracker) {
    const lessons = new Map(); // panel -> its course state and helpers
    const handovers = []; // each hand-over: to which path, and "handed over" or why not
    window.__lessonsCourse = { lessons, handovers, version: 1 }; // for tests and the benchmark

    let endPage = null;
    const isCurrent = (panel) => app.shell.currentWidget === panel && document.visibilityState === "visible";

    // ----- leaving a lesson: save it (outputs stripped by the server), shut its kernel, close its tab -----
    function retire(panel) {
      const st = lessons.get(panel) || {};
      if (!st.retiring) st.retiring = shutAndClose(panel, st);
      return st.retiring;
    }

    async function shutAndClose(panel, st) {
      st.leaving = true;
      const handedOver = st.handover ? await st.handover : false;
      if (!handedOver) {
        await save(panel);
        try {
          await panel.sessionContext.shutdown();
        } catch (e) { /* already gone */ }
      }
      panel.dispose();
    }

    async function save(panel) {
      try {
        if (panel.context.model.dirty && !panel.context.isDisposed) await panel.context.save();
      } catch (e) { /* a failed save: JupyterLab said so; the lesson file is the repository's anyway */ }
    }

    // ----- handing the kernel over to the next lesson -----
    // The open lesson whose kernel can go to the notebook at `path` (a lesson of its course) starts handing it over;
    // returns the hand-over's promise (true once the session waits at `path`), or null.
    const pending = new Map(); // path -> a hand-over started before its notebook was made (Next, Back, a link)
    function handoverTo(path) {
      for (const [panel, st] of lessons) {
        if (panel.isDisposed || st.retiring || st.handover || st.stopped) continue;
        if (panel.context.path === path || !st.state.lessons.some((l) => l.path === path)) continue;
        const session = panel.sessionContext.session;
        if (!session || !liveKernel(panel.sessionContext)) continue;
        st.leaving = true; // its kernel leaving this tab is no "stopped lesson"
        const record = { path, result: "pending", session: session.id, at: { start: performance.now() } };
        handovers.push(record);
        st.handover = handOver(panel, session, path, record);
        return st.handover;
      }
      return null;
    }

    async function handOver(panel, session, path, record) {
      const kernel = session.kernel;
      try {
        // 1. the kernel closes the old lesson's widgets (their views here go with them; the next notebook loads none)
        const future = kernel.requestExecute({ code: HANDOVER_CODE, silent: true, store_history: false, stop_on_error: false });
        let timer;
        const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("kernel busy")), HANDOVER_WAIT); });
        try {
          await Promise.race([future.done, late]);
        } finally {
          clearTimeout(timer);
        }
        record.at.cleared = performance.now();
        // 2. the lesson is saved (the server strips its outputs) while this tab still has its kernel
        await save(panel);
      } catch (e) {
        record.result = String(e);
        return false; // a kernel that died or hangs: the lesson is closed the usual way, the next one starts its own
      }
      // 3. this tab lets go of the session (the kernel keeps running): its kernel connection closes, so the next
      //    notebook's is the one that handles the widgets' messages (JupyterLab gives them to one connection only)
      const id = session.id;
      session.dispose();
      try {
        // 4. the session moves to the next lesson's path, where that notebook looks for a session when it starts
        await moveSession(id, path);
        record.at.moved = performance.now();
        record.result = "handed over";
        return true;
      } catch (e) {
        record.result = String(e);
        await deleteSession(id); // not handed over: no kernel is left without a tab
        return false;
      }
    }

    // A notebook JupyterLab just made (before it asks for a kernel): if an open lesson can hand it its kernel, its
    // session context starts only once the hand-over is done, and then finds the session at its path.
    function receive(panel) {
      const path = panel.context.path;
      const handover = pending.get(path) || handoverTo(path);
      pending.delete(path);
      if (!handover) return;
      const sc = panel.sessionContext;
      const initialize = sc.initialize.bind(sc);
      sc.initialize = () => handover.then(initialize, initialize);
    }

    async function openInPlace(panel, path) {
      if (lessons.has(panel)) lessons.get(panel).leaving = true; // its kernel stopping now is no "stopped lesson"
      const other = [...lessons.keys()].find((p) => p !== panel && p.context.path === path && !p.isDisposed);
      if (other) {
        app.shell.activateById(other.id);
        await retire(panel);
        return other;
      }
      const handover = handoverTo(path); // started now: JupyterLab tells of the new notebook only after this opens it
      if (handover) pending.set(path, handover);
      const opened = await app.commands.execute("docmanager:open", {
        path,
        factory: "Notebook",
        options: { ref: panel.id, mode: "tab-after" },
      }).catch(() => null);
      if (!opened && handover && pending.delete(path) && (await handover)) {
        await deleteSession(handovers[handovers.length - 1].session); // nobody took it: no kernel left without a tab
      }
      await retire(panel);
      if (opened) app.shell.activateById(opened.id);
      return opened;
    }

    function showEnd(panel, state) {
      const end = state.end;
      const last = state.lessons[state.lessons.length - 1];
      const page = new Widget();
      page.id = "foot-twitch-lessons-end";
      page.title.label = end.title;
      page.title.closable = true;
      page.addClass("lessons-course-end");
      const go = (path) => async () => {
        const opened = await app.commands.execute("docmanager:open", {
          path,
          factory: "Notebook",
          options: { ref: page.id, mode: "tab-after" },
        });
        page.dispose();
        if (opened) app.shell.activateById(opened.id);
      };
      const heading = h("h1", { tabindex: "-1", text: end.title });
      page.node.append(
        h("main", { class: "lessons-course-end-page" },
          heading,
          h("p", { text: end.intro }),
          h("p", { class: "lessons-course-end-score", text: end.score }),
          h("h2", { text: end.learned_heading }),
          h("ul", {}, ...end.learned.map((t) => h("li", { text: t }))),
          h("h2", { text: end.next_heading }),
          h("ul", {}, ...end.next_steps.map((t) => h("li", { text: t }))),
          h("p", { class: "lessons-course-end-care", text: end.care }),
          h("p", { class: "lessons-course-nav" },
            h("button", { class: "lessons-course-button", type: "button", onclick: go(last.path), text: end.back }),
            h("button", { class: "lessons-course-button", type: "button", onclick: go(state.lessons[0].path), text: end.start }))));
      if (endPage && !endPage.isDisposed) endPage.dispose();
      endPage = page;
      app.shell.add(page, "main", { ref: panel.id, mode: "tab-after" });
      app.shell.activateById(page.id);
      retire(panel);
      heading.focus({ preventScroll: true });
    }

    // ----- the header -----
    function header(panel) {
      const bar = new Widget();
      bar.addClass("lessons-course-header");
      bar.node.setAttribute("role", "navigation");
      return bar;
    }

    function drawHeader(panel) {
      const st = lessons.get(panel);
      if (!st || !st.state.lesson) return;
      const { state } = st;
      const t = state.texts;
      const here = state.lessons[state.index];
      const prev = state.lessons[state.index - 1];
      const next = state.lessons[state.index + 1];
      const link = (target, label, cls) =>
        h("a", {
          class: `lessons-course-button ${cls}`,
          href: URLExt.join(PageConfig.getBaseUrl(), "lab/tree", URLExt.encodeParts(target.path)),
          title: `${target.place}: ${target.title}`,
          onclick: (ev) => { ev.preventDefault(); openInPlace(panel, target.path); },
        }, label);
      const node = st.header.node;
      // the control that has the focus keeps it through the redraw (the skip link after Run All, a Back/Next link)
      const focused = node.contains(document.activeElement)
        ? ["lessons-course-skip", "lessons-course-back", "lessons-course-next"].find((c) => document.activeElement.classList.contains(c))
        : null;
      node.setAttribute("aria-label", t.course);
      node.replaceChildren(...[
        h("a", {
          class: "lessons-course-skip",
          href: "#",
          title: t.skip_hint,
          onclick: (ev) => { ev.preventDefault(); goToActivities(panel); },
        }, t.skip),
        h("span", { class: "lessons-course-place" },
          h("strong", { text: here.place }),
          here.number ? h("span", { class: "lessons-course-title", text: ` · ${here.title}` }) : null),
        here.total
          ? h("span", { class: "lessons-course-progress" },
              h("progress", { max: String(here.total), value: String(here.answered), "aria-hidden": "true" }),
              h("span", { text: here.progress }))
          : null,
        h("span", { class: "lessons-course-status", role: "status" }, st.status || ""),
        h("span", { class: "lessons-course-nav" },
          prev ? link(prev, t.back, "lessons-course-back") : null,
          next
            ? link(next, t.next, "lessons-course-next")
            : h("button", {
                class: "lessons-course-button lessons-course-next",
                type: "button",
                onclick: async () => { const fresh = await courseState(panel.context.path); showEnd(panel, fresh.lesson ? fresh : state); },
              }, t.finish)),
      ].filter(Boolean));
      if (focused && node.querySelector(`.${focused}`)) node.querySelector(`.${focused}`).focus({ preventScroll: true });
      node.style.minHeight = "";
      node.style.maxHeight = "";
      st.headerHeight = null;
      requestAnimationFrame(() => fitHeader(panel));
    }

    // JupyterLab lays the header out at the height it had when added: give it its drawn height whenever that changes
    // (a narrow window wraps it onto two lines), or the notebook would be drawn over its second line
    function fitHeader(panel) {
      const st = lessons.get(panel);
      if (!st || panel.isDisposed) return;
      const node = st.header.node;
      const height = Math.ceil(node.scrollHeight);
      if (st.headerHeight === height) return;
      st.headerHeight = height;
      node.style.minHeight = `${height}px`;
      node.style.maxHeight = `${height}px`;
      panel.contentHeader.fit();
      panel.fit();
    }

    function setStatus(panel, text) {
      const st = lessons.get(panel);
      if (!st) return;
      st.status = text;
      const el = st.header.node.querySelector(".lessons-course-status");
      if (el) el.textContent = text;
    }

    async function refresh(panel) {
      const st = lessons.get(panel);
      if (!st || panel.isDisposed) return;
      const state = await courseState(panel.context.path);
      if (state.lesson && !panel.isDisposed && JSON.stringify(state) !== JSON.stringify(st.state)) {
        st.state = state; // redrawn only when it changed (a screen reader hears the header's status line again)
        drawHeader(panel);
      }
    }

    function goToActivities(panel) {
      const target = firstActivity(panel);
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.focus();
      } else {
        setStatus(panel, lessons.get(panel).state.texts.no_activity);
      }
    }

    // ----- running the lesson, and a kernel that stopped -----
    // On every change of the lesson's kernel, and once when it is adopted: run it once on each kernel it gets, as soon
    // as that kernel exists; grey it when a kernel it had is gone and no other is coming (lesson_kernel.js)
    function update(panel) {
      const st = lessons.get(panel);
      if (!st || st.leaving || panel.isDisposed) return;
      const action = st.kernel.next(panel.sessionContext);
      if (action === "run") {
        clearTimeout(st.stopTimer);
        runLesson(panel);
      } else if (action === "stopped" && !st.stopped && !st.restarting) {
        clearTimeout(st.stopTimer); // still gone half a second later: not a kernel being swapped
        st.stopTimer = setTimeout(() => {
          if (!st.leaving && !panel.isDisposed && st.kernel.next(panel.sessionContext) === "stopped") markStopped(panel);
        }, 500);
      }
    }

    async function runLesson(panel) {
      const st = lessons.get(panel);
      const kernel = liveKernel(panel.sessionContext);
      if (!st || !kernel || st.kernel.ranOn === kernel || panel.isDisposed || st.leaving) return;
      st.stopped = false; // a new kernel's outputs replace the stopped views
      if (!safeToRun(panel)) return;
      st.kernel.ran(kernel);
      st.runs = [...(st.runs || []), { kernel, start: performance.now() }]; // for the benchmark: when it ran
      setStatus(panel, st.state.texts.starting);
      try {
        const wasDirty = panel.context.model.dirty;
        await NotebookActions.runAll(panel.content, panel.sessionContext);
        st.runs[st.runs.length - 1].done = performance.now();
        if (panel.isDisposed) return;
        // the learner starts at the top, and a lesson that only ran itself has nothing to save (outputs never are)
        panel.content.activeCellIndex = 0;
        panel.content.mode = "command";
        const top = () => {
          const scroller = panel.node.querySelector(".jp-WindowedPanel-outer") || panel.content.node;
          scroller.scrollTop = 0;
        };
        top();
        requestAnimationFrame(() => requestAnimationFrame(top)); // after JupyterLab scrolled to the last cell run
        if (!wasDirty) panel.context.model.dirty = false;
        loadPlotlyWhenIdle(); // the next lesson's figures need not wait for it
      } finally {
        if (!panel.isDisposed) setStatus(panel, "");
      }
    }

    function markStopped(panel) {
      const st = lessons.get(panel);
      if (!st || st.stopped || st.leaving || panel.isDisposed) return;
      st.stopped = true;
      const t = st.state.texts;
      for (const view of outerViews(panel)) {
        view.classList.add("lesson-stopped");
        if (view.querySelector(OFFLINE)) {
          view.classList.add("lesson-stopped-offline");
          continue;
        }
        if (view.querySelector(":scope > .lesson-stopped-note")) continue;
        const note = h("div", { class: "lesson-stopped-note", role: "alert", tabindex: "-1" },
          h("strong", { text: t.stopped_title }), " ", t.stopped_text);
        view.prepend(note);
      }
      restartWhenBack(panel);
    }

    function restartWhenBack(panel) {
      const st = lessons.get(panel);
      const tryNow = () => {
        if (!st.stopped || st.restarting || panel.isDisposed || st.leaving) return;
        if (!isCurrent(panel)) return;
        st.restarting = true;
        const sc = panel.sessionContext;
        const name = (st.kernelName || "python3");
        // the old session goes (on the server too, so no kernel-less session is left), and a new one is made
        const old = sc.session;
        (old ? old.shutdown().catch(() => old.dispose()) : Promise.resolve())
          .then(() => sc.changeKernel({ name }))
          .then(() => update(panel))
          .catch(() => {})
          .finally(() => { st.restarting = false; });
      };
      st.tryRestart = tryNow;
      // now if the learner is looking at it; otherwise when they come back to it
      setTimeout(tryNow, 300);
    }

    function guard(panel) {
      return (ev) => {
        const st = lessons.get(panel);
        if (!st || !st.stopped) return;
        const view = ev.target instanceof Element ? ev.target.closest(".lesson-stopped") : null;
        if (!view || view.classList.contains("lesson-stopped-offline")) return;
        if (ev.target.closest(".lesson-stopped-note")) return;
        if (ev.type === "keydown" && ["Tab", "Shift"].includes(ev.key)) return; // moving through the page is fine
        ev.stopPropagation();
        ev.preventDefault();
        const note = view.querySelector(".lesson-stopped-note");
        if (note) { note.focus(); note.scrollIntoView({ block: "nearest" }); }
      };
    }

    function watchKernel(panel) {
      const st = lessons.get(panel);
      const sc = panel.sessionContext;
      // a kernel that died, or a session that went away (not a websocket reconnecting: JupyterLab does that itself),
      // and a kernel that arrived, however late
      sc.statusChanged.connect(() => update(panel));
      sc.kernelChanged.connect((_, change) => {
        if (change.newValue) st.kernelName = change.newValue.name;
        update(panel);
      });
      if (sc.session && sc.session.kernel) st.kernelName = sc.session.kernel.name;
      // JupyterLab hears of a kernel shut down from outside the page (a culler, the REST API) only at its next poll
      st.poll = setInterval(async () => {
        const k = sc.session && sc.session.kernel;
        if (!k || st.stopped || st.leaving || !st.kernel.had || document.visibilityState !== "visible") return;
        if (await kernelGone(k.id)) markStopped(panel);
      }, 3000);
    }

    const adopted = new WeakSet();
    async function adopt(panel) {
      if (adopted.has(panel)) return;
      adopted.add(panel);
      const asked = courseState(panel.context.path); // asked while the notebook loads, not after
      await panel.context.ready;
      const state = await asked;
      if (!state.lesson || panel.isDisposed) return;
      const st = { state, header: header(panel), status: "", stopped: false, kernel: new LessonKernel() };
      lessons.set(panel, st);
      panel.addClass("lessons-course-panel");
      panel.title.className = `${panel.title.className} lessons-course-tab`.trim(); // a tab wide enough for its name
      panel.title.caption = `${state.lessons[state.index].place}: ${state.lessons[state.index].title}`;
      panel.contentHeader.insertWidget(0, st.header);
      drawHeader(panel);
      if (window.ResizeObserver) {
        st.resize = new ResizeObserver(() => requestAnimationFrame(() => fitHeader(panel)));
        st.resize.observe(panel.node);
      }
      const onGuard = guard(panel);
      GUARDED.forEach((type) => panel.node.addEventListener(type, onGuard, true));
      panel.disposed.connect(() => {
        clearInterval(st.poll);
        clearTimeout(st.stopTimer);
        if (st.resize) st.resize.disconnect();
        lessons.delete(panel);
      });
      // one lesson tab: a lesson opened any other way replaces the lessons open before it
      for (const other of [...lessons.keys()]) {
        if (other !== panel) retire(other);
      }
      watchKernel(panel);
      // the learner's own Run All counts as the lesson's run on that kernel
      NotebookActions.executionScheduled.connect((_, { notebook }) => {
        if (notebook === panel.content) st.kernel.ran(liveKernel(panel.sessionContext));
      });
      update(panel); // its kernel may have come while the course state was asked
    }

    tracker.widgetAdded.connect((_, panel) => {
      receive(panel);
      adopt(panel);
    });
    tracker.forEach((panel) => adopt(panel));

    // Where a link in a lesson's text points, as an API path: JupyterLab rewrites a local link's href to the file's
    // download URL (<base>files/<path>); a link it left alone is relative to the notebook's folder.
    function lessonPath(a, panel) {
      const raw = a.getAttribute("href") || "";
      let url;
      try { url = new URL(a.href, location.href); } catch (e) { return null; }
      if (url.origin !== location.origin) return null;
      const base = new URL(PageConfig.getBaseUrl(), location.href).pathname;
      for (const prefix of ["files/", "lab/tree/", "tree/"]) {
        if (url.pathname.startsWith(base + prefix)) {
          return decodeURIComponent(url.pathname.slice((base + prefix).length));
        }
      }
      if (/^[a-z]+:/i.test(raw) || raw.startsWith("/") || raw.startsWith("#")) return null;
      const parts = panel.context.path.split("/").slice(0, -1);
      for (const part of decodeURIComponent(raw.split(/[?#]/)[0]).split("/")) {
        if (part === "..") parts.pop();
        else if (part && part !== ".") parts.push(part);
      }
      return parts.join("/");
    }

    // the Next/Back links in the lessons' text: replace the lesson in the same tab
    document.addEventListener("click", (ev) => {
      if (ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      const a = ev.target instanceof Element ? ev.target.closest(".jp-RenderedMarkdown a[href]") : null;
      const panelNode = a && a.closest(".jp-NotebookPanel");
      const panel = panelNode && [...lessons.keys()].find((p) => p.node === panelNode);
      if (!panel) return;
      const target = lessonPath(a, panel);
      if (!target) return;
      const known = lessons.get(panel).state.lessons.some((l) => l.path === target);
      if (!known) return;
      ev.preventDefault();
      ev.stopPropagation();
      openInPlace(panel, target);
    }, true);

    // the keyboard path into the activities
    app.commands.addCommand(GO_TO_ACTIVITIES, {
      label: "Go to the lesson's activities",
      isEnabled: () => lessons.has(tracker.currentWidget),
      execute: () => { if (lessons.has(tracker.currentWidget)) goToActivities(tracker.currentWidget); },
    });
    app.commands.addKeyBinding({ command: GO_TO_ACTIVITIES, keys: ["Alt A"], selector: ".lessons-course-panel" });

    // after Run All, the focus goes to the top of the lesson (the skip link), not the last cell
    app.commands.commandExecuted.connect((_, { id, result }) => {
      if (!["notebook:run-all-cells", "notebook:restart-run-all", "runmenu:run-all"].includes(id)) return;
      const panel = tracker.currentWidget;
      const st = panel && lessons.get(panel);
      if (!st) return;
      Promise.resolve(result).then(() => {
        if (panel.isDisposed) return;
        panel.content.activeCellIndex = 0;
        panel.content.mode = "command";
        const skip = st.header.node.querySelector(".lessons-course-skip");
        if (skip) skip.focus();
      }).catch(() => {});
    });

    // the header's progress follows the answers; a stopped lesson restarts when the learner is back
    app.shell.currentChanged && app.shell.currentChanged.connect(() => {
      const panel = tracker.currentWidget;
      const st = panel && lessons.get(panel);
      if (!st) return;
      refresh(panel);
      if (st.stopped && st.tryRestart) st.tryRestart();
    });
    const back = () => {
      const panel = tracker.currentWidget;
      const st = panel && lessons.get(panel);
      if (!st || document.visibilityState !== "visible") return;
      if (st.stopped && st.tryRestart) st.tryRestart();
    };
    ["focus", "pointerdown", "keydown"].forEach((t) => window.addEventListener(t, back, true));
    document.addEventListener("visibilitychange", back);
    setInterval(() => {
      const panel = tracker.currentWidget;
      if (panel && lessons.has(panel) && document.visibilityState === "visible") refresh(panel);
    }, 10000);
  },
};

export default plugin;
