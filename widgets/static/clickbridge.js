function render({ model, el }) {
  const hint = document.createElement("p");
  hint.textContent = model.get("hint");
  el.appendChild(hint);
  let count = 0;
  const attach = () => {
    const box = el.closest(model.get("container")) || document;
    box.querySelectorAll("." + model.get("target") + " .js-plotly-plot").forEach((gd) => {
      if (gd.__clickBridge || typeof gd.on !== "function") return;
      gd.__clickBridge = true;
      gd.on("plotly_click", (ev) => {
        const p = ev && ev.points && ev.points[0];
        if (!p) return;
        const cd = p.customdata !== undefined ? p.customdata : (p.data && p.data.customdata && p.data.customdata[0]);
        if (!cd) return;
        count += 1;
        model.set("clicked", String(cd) + "#" + count);
        model.save_changes();
      });
    });
  };
  const root = el.closest(model.get("container")) || document.body;
  const observer = new MutationObserver(() => attach());
  observer.observe(root, { childList: true, subtree: true });
  const timer = setInterval(attach, 500);   // plotly attaches .on() after its async first draw
  attach();
  return () => { observer.disconnect(); clearInterval(timer); };
}
export default { render };
