const CONTROLS = "input, select, textarea, button, [tabindex]";
function render({ el }) {
  el.style.display = "none";
  let observer = null;
  const mark = (root) => root.querySelectorAll(CONTROLS).forEach((c) => {
    if (!c.hasAttribute("data-lm-suppress-shortcuts")) c.setAttribute("data-lm-suppress-shortcuts", "true");
  });
  const start = () => {
    const root = el.closest(".jp-OutputArea-output") || el.parentElement;
    if (!root) return false;
    mark(root);
    observer = new MutationObserver(() => mark(root));
    observer.observe(root, { childList: true, subtree: true });
    return true;
  };
  if (!start()) requestAnimationFrame(() => { if (!start()) setTimeout(start, 200); });
  return () => { if (observer) observer.disconnect(); };
}
export default { render };
