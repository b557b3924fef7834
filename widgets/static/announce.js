// The Announcer widget (views/announce.py): a polite live region that is in the page before anything is said
// (a region added together with its text is often not read out), and a focus mover. Each time `count` goes
// up, the region reads `message` and, if `focus` names a CSS selector, the first match inside the same lesson
// view gets the keyboard focus (made focusable with tabindex="-1" if it is not).
// It also names the view's radio-button groups: ipywidgets draws a group's description as a plain label
// beside it, so a screen reader heard the answers but not the question; the group gets role="radiogroup" and
// the label's words as its name (also for groups drawn later, such as the next practice story).
const GROUPS = ".widget-radio, .jupyter-widget-radio";
function nameGroups(root) {
  root.querySelectorAll(GROUPS).forEach((group) => {
    const box = group.querySelector(".widget-radio-box, .jupyter-widget-radio-box");
    const label = [...group.children].find((c) => c.matches(".widget-label, .jupyter-widget-label"));
    const name = label ? label.textContent.trim() : "";
    if (box && name && box.getAttribute("aria-label") !== name) {
      box.setAttribute("role", "radiogroup");
      box.setAttribute("aria-label", name);
    }
  });
}
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
  let observer = null;
  const watch = (tries) => {
    const root = el.closest(".lesson-view");
    if (!root) {
      if (tries > 0) requestAnimationFrame(() => watch(tries - 1));
      return;
    }
    nameGroups(root);
    observer = new MutationObserver(() => nameGroups(root));
    observer.observe(root, { childList: true, subtree: true });
  };
  watch(30);
  return () => {
    clearTimeout(timer);
    model.off("change:count", act);
    if (observer) observer.disconnect();
  };
}
export default { render };
