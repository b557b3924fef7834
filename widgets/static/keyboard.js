const CONTROLS = "input, select, textarea, button, [tabindex]";
const SAFE = "data-lm-suppress-shortcuts";
const markOne = (c) => { if (!c.hasAttribute(SAFE)) c.setAttribute(SAFE, "true"); };
// a node and every control inside it. Only what was added (or given a tabindex) is looked at: a view of hundreds of
// widgets is drawn one widget at a time, and searching the whole view after each one made its drawing quadratic.
const mark = (node) => {
  if (!(node instanceof Element)) return;
  if (node.matches(CONTROLS)) markOne(node);
  node.querySelectorAll(CONTROLS).forEach(markOne);
};
function render({ el }) {
  el.style.display = "none";
  let observer = null;
  const start = () => {
    const root = el.closest(".jp-OutputArea-output") || el.parentElement;
    if (!root) return false;
    root.querySelectorAll(CONTROLS).forEach(markOne);
    observer = new MutationObserver((records) => records.forEach((r) => {
      if (r.type === "attributes") mark(r.target);
      else r.addedNodes.forEach(mark);
    }));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex"] });
    return true;
  };
  if (!start()) requestAnimationFrame(() => { if (!start()) setTimeout(start, 200); });
  return () => { if (observer) observer.disconnect(); };
}
export default { render };
