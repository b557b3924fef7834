// Built by tools/bundle.mjs from widgets/static/stylesheet.js and its imports: edit those, then run it.

// widgets/static/kernel_lifecycle.js
var STOPPED = "lesson-stopped";
var NOTE = "lesson-stopped-note";
var ENDED = ["dead", "restarting", "autorestarting"];
var GUARDED = ["click", "mousedown", "keydown", "change", "input", "pointerdown"];
var LESSON_FILE = /^\d\d_[\w-]+\.ipynb$/;
var OFFLINE = ".quiz-page, [data-lessons-offline]";
function isEnded(kernel, manager) {
  if (!kernel) return false;
  if (GONE.has(kernel.id) || kernel.isDisposed || ENDED.includes(kernel.status) || kernel.connectionStatus === "disconnected") return true;
  return manager && manager.kernel && manager.kernel !== kernel;
}
function findRoot(el, then) {
  let tries = 0;
  const tryFind = () => {
    const root = el.closest(".lesson-view");
    if (root) then(root);
    else if (tries++ < 50) setTimeout(tryFind, 100);
  };
  tryFind();
}
window.__lessonsLifecycle = window.__lessonsLifecycle || {
  left: /* @__PURE__ */ new Set(),
  // ids of kernels shut down because the learner followed a "Next" link
  gone: /* @__PURE__ */ new Set(),
  // ids of kernels the server no longer has (shut down from outside the page)
  watched: /* @__PURE__ */ new Map()
  // kernel id → kernel, asked about every few seconds, once per page
};
var { left: LEFT, gone: GONE, watched: WATCHED } = window.__lessonsLifecycle;
function watch(kernel) {
  if (!WATCHED.size) {
    setInterval(() => WATCHED.forEach((k, id) => {
      if (GONE.has(id) || k.isDisposed) return;
      const settings = k.serverSettings || {};
      const headers = settings.token ? { Authorization: `token ${settings.token}` } : {};
      fetch(`${settings.baseUrl || "/"}api/kernels/${encodeURIComponent(id)}`, { headers, credentials: "same-origin" }).then((r) => {
        if (r.status === 404) GONE.add(id);
      }).catch(() => {
      });
    }), 3e3);
  }
  WATCHED.set(kernel.id, kernel);
}
function isGone(kernel) {
  return GONE.has(kernel.id) || kernel.isDisposed || kernel.status === "dead" || kernel.connectionStatus === "disconnected";
}
function startAnother(manager, kernel) {
  const sc = manager && manager.context && manager.context.sessionContext;
  if (!sc || sc.isDisposed || LEFT.has(kernel.id) || sc.__lessonsStarting || !isGone(kernel)) return;
  const current = sc.session && sc.session.kernel;
  if (current && !isGone(current)) return;
  sc.__lessonsStarting = true;
  if (sc.session) sc.session.dispose();
  sc.changeKernel({ name: kernel.name }).catch(() => {
  }).finally(() => {
    sc.__lessonsStarting = false;
  });
}
function installNextLinks() {
  if (window.__lessonsNextLinks) return;
  window.__lessonsNextLinks = true;
  document.addEventListener("click", (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest(".jp-RenderedMarkdown a[href]") : null;
    const panel = a && a.closest(".jp-NotebookPanel");
    if (!panel) return;
    let file = "";
    try {
      file = decodeURIComponent(new URL(a.href, location.href).pathname.split("/").pop());
    } catch (e) {
      return;
    }
    if (!LESSON_FILE.test(file)) return;
    const root = panel.querySelector(".lesson-view");
    const kernel = root && root.__lessonsKernel;
    if (!kernel || kernel.isDisposed) return;
    LEFT.add(kernel.id);
    setTimeout(() => {
      kernel.shutdown().catch(() => {
      });
    }, 300);
  }, true);
}
function watchKernel({ model, el }) {
  installNextLinks();
  const manager = model.widget_manager;
  const kernel = manager && manager.kernel;
  if (!kernel) return void 0;
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
    if (ev.type === "keydown" && ["Tab", "Shift"].includes(ev.key)) return;
    ev.stopPropagation();
    ev.preventDefault();
    const note = root.querySelector("." + NOTE);
    if (note) {
      note.focus();
      note.scrollIntoView({ block: "nearest" });
    }
  };
  const signals = [kernel.statusChanged, kernel.connectionStatusChanged, kernel.disposed].filter(Boolean);
  signals.forEach((s) => s.connect(check));
  const timer = setInterval(check, 1e3);
  watch(kernel);
  findRoot(el, (found) => {
    if (found.parentElement && found.parentElement.closest(".lesson-view")) return;
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

// widgets/static/stylesheet.js
function render({ model, el }) {
  el.style.display = "none";
  return watchKernel({ model, el });
}
var stylesheet_default = { render };
export {
  stylesheet_default as default
};
