// FigureView: one plotly figure kept in one element and redrawn in place with Plotly.react.
// Plotly comes from the page: window.Plotly, else jupyterlab-plotly's own module through JupyterLab's
// extension registry (already downloaded at start-up). Never a CDN, never a copy through the widget channel.
// Without either, the element says route "fallback" and the kernel draws the figure the old way (mimebundle).
const MIME = "application/vnd.plotly.v1+json";
let found = null;

async function fromRegistry() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB["jupyterlab-plotly"];
  if (!container || typeof container.get !== "function") return null;
  const mod = (await container.get("./mimeExtension"))();
  const Rendered = mod && mod.RenderedPlotly;
  if (!Rendered) return null;
  if (!Rendered.Plotly) {
    // jupyterlab-plotly loads plotly.js on its first figure; ask it to, on a detached node
    const r = new Rendered({ mimeType: MIME });
    r.createGraph({ data: { [MIME]: { data: [], layout: {}, config: {} } }, setData() {} }).catch(() => {});
    await Rendered.loadingPlotly;
  }
  return Rendered.Plotly || null;
}

function findPlotly() {
  if (!found) {
    found = (async () => {
      if (window.Plotly && typeof window.Plotly.react === "function") return window.Plotly;
      try { return await fromRegistry(); } catch (e) { return null; }
    })();
  }
  return found;
}

// Page-side logic (optional): a canvas whose `logic` holds ES modules ({file name: source}, the entry last;
// "./name.js" imports point at the earlier ones) builds its figure in the page: the entry's
// attach({model, el, graph, redraw}) adds its controls and returns {figure(template), destroy()}.
async function loadLogic(sources) {
  if (!sources || !Object.keys(sources).length) return null;
  const urls = {};
  let entry = null;
  for (const [name, src] of Object.entries(sources)) {
    const code = src.replace(/(from\s*)["']\.\/([\w.-]+)["']/g, (m, from, dep) => from + JSON.stringify(urls[dep]));
    entry = urls[name] = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  }
  return import(entry);
}

function render({ model, el }) {
  el.classList.add("figure-view");
  el.style.position = "relative";  // keeps the visually hidden text alternative inside the figure
  const alt = document.createElement("p");
  alt.className = "figure-alt";
  alt.textContent = model.get("alt");
  alt.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);margin:0";
  const gd = document.createElement("div");
  gd.setAttribute("aria-hidden", "true");
  el.append(alt, gd);
  let Plotly = null, draws = 0, gone = false, page = null;
  const draw = () => {
    if (!Plotly || gone) return;
    let f = model.get("figure");
    if (!f || !f.data) return;
    if (page) f = page.figure(f);
    alt.textContent = model.get("alt");
    Plotly.react(gd, f.data, f.layout, f.config).then(() => {
      draws += 1;
      el.setAttribute("data-draws", String(draws));
    });
  };
  const resize = new ResizeObserver(() => { if (Plotly && gd.data) Plotly.Plots.resize(gd); });
  const logic = loadLogic(model.get("logic")).then((mod) => {
    if (mod && !gone) page = mod.attach({ model, el, graph: gd, redraw: () => draw() });
  }).catch((e) => console.error("figure: page-side logic failed", e));
  Promise.all([findPlotly(), logic]).then(([P]) => {
    if (gone) return;
    Plotly = P;
    const route = P ? "react" : "fallback";
    el.setAttribute("data-route", route);
    if (model.get("route") !== route) { model.set("route", route); model.save_changes(); }
    if (P) { draw(); resize.observe(el); } else { gd.remove(); }
  });
  model.on("change:figure", draw);
  model.on("change:alt", () => { alt.textContent = model.get("alt"); });
  return () => { gone = true; resize.disconnect(); if (page && page.destroy) page.destroy(); model.off("change:figure", draw); if (Plotly) Plotly.purge(gd); };
}
export default { render };
