// Keeps the progress table current: answers are saved by the other lessons' kernels, so while the table is on
// screen the kernel is asked to read the progress file again: when the table comes into view (its notebook tab
// chosen again, or scrolled to), when the browser window gets the focus back, and every few seconds while it
// is in view. The kernel redraws only what changed; nothing is asked while the table is out of sight.
function render({ model, el }) {
  el.style.display = "none";
  let visible = false;
  let last = 0;
  let observer = null;
  const ask = () => {
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    model.send({ refresh: true });
  };
  const start = () => {
    const target = el.closest(".lesson-view");
    if (!target) return false;
    observer = new IntersectionObserver((entries) => {
      const now = entries.some((e) => e.isIntersecting);
      if (now && !visible) ask();
      visible = now;
    });
    observer.observe(target);
    return true;
  };
  let tries = 0; // the view is put into the page a moment after this widget is drawn
  const retry = () => { if (!start() && tries++ < 50) setTimeout(retry, 100); };
  retry();
  const onFocus = () => { if (visible && !document.hidden) ask(); };
  window.addEventListener("focus", onFocus);
  document.addEventListener("visibilitychange", onFocus);
  const timer = setInterval(onFocus, Math.max(1, model.get("every")) * 1000);
  return () => {
    if (observer) observer.disconnect();
    window.removeEventListener("focus", onFocus);
    document.removeEventListener("visibilitychange", onFocus);
    clearInterval(timer);
  };
}
export default { render };
