// The lesson's kernel, watched from every view root (.lesson-view; stylesheet.js runs this for each), the page-wide
// mechanism for a lesson whose kernel stopped (shut down, restarted, or its server gone):
//   - the view root gets the class "lesson-stopped" and a note (role "alert") at its top saying to run the
//     lesson again; lessons.css greys the view out and shows the lesson's "Run → Run All Cells" line again;
//   - a click, key press or change inside a stopped view does nothing but show (and focus) that note, so no
//     button "silently does nothing";
//   - the view root fires a bubbling "lessons-kernel-stopped" event once, for widgets with their own page-side
//     state to react to (listen on el.closest(".lesson-view"), or test el.closest(".lesson-stopped"));
//   - a view holding a part that works without a kernel (OFFLINE below) keeps its controls and gets no note.
// When a kernel stopped while its notebook is open (and not because the learner left by a "Next" link), a new
// kernel is started for the notebook at once, so that the next Run → Run All Cells runs every cell: JupyterLab
// runs a notebook's cells side by side, and with no kernel each cell starts one of its own, so only one of
// them ends up running (JupyterLab 4.6).
// Once per page it also makes "Next" links behave like a course: following a link from a lesson notebook to
// another lesson notebook (NN_name.ipynb) shuts the kernel of the lesson being left.
const STOPPED = "lesson-stopped";
const NOTE = "lesson-stopped-note";
const ENDED = ["dead", "restarting", "autorestarting"];
const GUARDED = ["click", "mousedown", "keydown", "change", "input", "pointerdown"];
const LESSON_FILE = /^\d\d_[\w-]+\.ipynb$/;
// Page-side parts that keep working with no kernel (the quiz grades in the page and says itself that an answer
// is not saved): their view is marked stopped (class lesson-stopped-offline too) but keeps its controls, no note.
const OFFLINE = ".quiz-page, [data-lessons-offline]";

function isEnded(kernel, manager) {
  if (!kernel) return false;
  if (GONE.has(kernel.id) || kernel.isDisposed || ENDED.includes(kernel.status) || kernel.connectionStatus === "disconnected") return true;
  return manager && manager.kernel && manager.kernel !== kernel; // the notebook has another kernel now
}

function findRoot(el, then) {
  let tries = 0; // the view is put into the page a moment after this widget is drawn
  const tryFind = () => {
    const root = el.closest(".lesson-view");
    if (root) then(root);
    else if (tries++ < 50) setTimeout(tryFind, 100);
  };
  tryFind();
}

// Shared by every copy of this module in the page (anywidget may load one per widget):
window.__lessonsLifecycle = window.__lessonsLifecycle || {
  left: new Set(), // ids of kernels shut down because the learner followed a "Next" link
  gone: new Set(), // ids of kernels the server no longer has (shut down from outside the page)
  watched: new Map(), // kernel id → kernel, asked about every few seconds, once per page
};
const { left: LEFT, gone: GONE, watched: WATCHED } = window.__lessonsLifecycle;

// JupyterLab notices a kernel shut down from outside the page (the REST API, a hub's idle culler) only at its next
// poll, up to about 10 s later; the server itself is asked here every 3 s, once per kernel however many views.
function watch(kernel) {
  if (!WATCHED.size) {
    setInterval(() => WATCHED.forEach((k, id) => {
      if (GONE.has(id) || k.isDisposed) return;
      const settings = k.serverSettings || {};
      const headers = settings.token ? { Authorization: `token ${settings.token}` } : {};
      fetch(`${settings.baseUrl || "/"}api/kernels/${encodeURIComponent(id)}`, { headers, credentials: "same-origin" })
        .then((r) => { if (r.status === 404) GONE.add(id); })
        .catch(() => {});
    }), 3000);
  }
  WATCHED.set(kernel.id, kernel);
}

function isGone(kernel) {
  return GONE.has(kernel.id) || kernel.isDisposed || kernel.status === "dead" || kernel.connectionStatus === "disconnected";
}

function startAnother(manager, kernel) {
  const sc = manager && manager.context && manager.context.sessionContext;
  if (!sc || sc.isDisposed || LEFT.has(kernel.id) || sc.__lessonsStarting || !isGone(kernel)) return; // not on a restart
  const current = sc.session && sc.session.kernel;
  if (current && !isGone(current)) return; // it has a kernel again
  sc.__lessonsStarting = true; // one start per notebook, however many of its views saw the stop
  if (sc.session) sc.session.dispose(); // the server forgot this session with its kernel: a new one is made
  sc.changeKernel({ name: kernel.name })
    .catch(() => {})
    .finally(() => { sc.__lessonsStarting = false; });
}

function installNextLinks() {
  if (window.__lessonsNextLinks) return;
  window.__lessonsNextLinks = true;
  document.addEventListener("click", (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest(".jp-RenderedMarkdown a[href]") : null;
    const panel = a && a.closest(".jp-NotebookPanel");
    if (!panel) return;
    let file = "";
    try { file = decodeURIComponent(new URL(a.href, location.href).pathname.split("/").pop()); } catch (e) { return; }
    if (!LESSON_FILE.test(file)) return;
    const root = panel.querySelector(".lesson-view");
    const kernel = root && root.__lessonsKernel;
    if (!kernel || kernel.isDisposed) return;
    // JupyterLab opens the next lesson from the same click; the kernel of this one is shut down just after.
    LEFT.add(kernel.id);
    setTimeout(() => { kernel.shutdown().catch(() => {}); }, 300);
  }, true);
}

export function watchKernel({ model, el }) {
  installNextLinks();
  const manager = model.widget_manager;
  const kernel = manager && manager.kernel; // the kernel this view's widgets live in
  if (!kernel) return undefined; // no live kernel behind this page (e.g. a static page): nothing to watch
  let root = null;
  let stopped = false;
  const stop = () => {
    if (stopped || !root) return;
    stopped = true;
    root.classList.add(STOPPED);
    if (root.querySelector(OFFLINE)) {
      root.classList.add(STOPPED + "-offline");
    } else {
      addNote();
    }
    root.dispatchEvent(new CustomEvent("lessons-kernel-stopped", { bubbles: true }));
    startAnother(manager, kernel);
  };
  const addNote = () => {
    const note = document.createElement("div");
    note.className = NOTE;
    note.setAttribute("role", "alert");
    note.tabIndex = -1;
    const title = document.createElement("strong");
    title.textContent = model.get("stopped_title");
    note.append(title, " ", model.get("stopped_text"));
    root.prepend(note);
  };
  const check = () => {
    if (!stopped && isEnded(kernel, manager)) stop();
    return stopped;
  };
  const guard = (ev) => {
    if (!check() || root.classList.contains(STOPPED + "-offline")) return;
    if (ev.target instanceof Element && ev.target.closest("." + NOTE)) return;
    if (ev.type === "keydown" && ["Tab", "Shift"].includes(ev.key)) return; // moving through the page is fine
    ev.stopPropagation();
    ev.preventDefault();
    const note = root.querySelector("." + NOTE);
    if (note) { note.focus(); note.scrollIntoView({ block: "nearest" }); }
  };
  const signals = [kernel.statusChanged, kernel.connectionStatusChanged, kernel.disposed].filter(Boolean);
  signals.forEach((s) => s.connect(check));
  const timer = setInterval(check, 1000);
  watch(kernel);
  findRoot(el, (found) => {
    if (found.parentElement && found.parentElement.closest(".lesson-view")) return; // a view inside a view: the outer one watches
    root = found;
    root.__lessonsKernel = kernel;
    GUARDED.forEach((type) => root.addEventListener(type, guard, true));
    check();
  });
  return () => {
    clearInterval(timer);
    signals.forEach((s) => s.disconnect(check));
    if (root) GUARDED.forEach((type) => root.removeEventListener(type, guard, true));
  };
}
