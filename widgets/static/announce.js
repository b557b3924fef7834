// The Announcer widget (views/announce.py): a polite live region that is in the page before anything is said
// (a region added together with its text is often not read out), and a focus mover. Each time `count` goes
// up, the region reads `message` and, if `focus` names a CSS selector, the first match inside the same lesson
// view gets the keyboard focus (made focusable with tabindex="-1" if it is not).
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "lesson-sr-only";
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  el.appendChild(region);
  let timer = null;
  const focus = (selector, tries) => {
    const root = el.closest(".lesson-view") || document;
    const target = root.querySelector(selector);
    if (!target) {
      if (tries > 0) requestAnimationFrame(() => focus(selector, tries - 1));
      return;
    }
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  };
  const act = () => {
    region.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => { region.textContent = model.get("message"); }, 100);
    const selector = model.get("focus");
    if (selector) focus(selector, 30);
  };
  model.on("change:count", act);
  return () => { clearTimeout(timer); model.off("change:count", act); };
}
export default { render };
