// KeyboardGuard (views/keyboard.py): keeps JupyterLab's command-mode shortcuts off our controls, and puts right
// what ipywidgets draws for a keyboard or screen-reader user, on every control of its output, also those drawn later:
//  - a button's icon (an <i> whose icon-font glyph is a private-use character) is hidden from the button's name,
//    which was "\uf00c Check"; now it is "Check";
//  - a radio group's buttons share one `name`, so the group is one Tab stop and the arrow keys move inside it
//    (ipywidgets gives them none: every option was a Tab stop of its own);
//  - a box of ours with class lesson-group is a group (role="group") named by its child of class lesson-group-label.
const CONTROLS = "input, select, textarea, button, [tabindex]";
const SAFE = "data-lm-suppress-shortcuts";
const RADIO_BOX = ".widget-radio-box, .jupyter-widget-radio-box";
const GROUP = ".lesson-group";
let made = 0;
const newId = (kind) => `lesson-${kind}-${Date.now().toString(36)}-${(made += 1)}`;
const markOne = (c) => { if (!c.hasAttribute(SAFE)) c.setAttribute(SAFE, "true"); };
const hideIcons = (button) => {
  for (const i of button.querySelectorAll("i")) if (i.getAttribute("aria-hidden") !== "true") i.setAttribute("aria-hidden", "true");
};
const groupRadios = (box) => {
  if (!box.dataset.lessonRadioName) box.dataset.lessonRadioName = newId("radio");
  const name = box.dataset.lessonRadioName;
  for (const r of box.querySelectorAll('input[type="radio"]')) if (r.name !== name) r.name = name;
};
const nameGroup = (group) => {
  const label = group.querySelector(".lesson-group-label");
  if (!label) return;
  if (!label.id) label.id = newId("group-label");
  if (group.getAttribute("role") !== "group") group.setAttribute("role", "group");
  if (group.getAttribute("aria-labelledby") !== label.id) group.setAttribute("aria-labelledby", label.id);
};
const fixOne = (c) => {
  markOne(c);
  if (c.tagName === "BUTTON") hideIcons(c);
  else if (c.type === "radio") { const box = c.closest(RADIO_BOX); if (box) groupRadios(box); }
};
// a node and every control inside it. Only what was added (or given a tabindex) is looked at: a view of hundreds of
// widgets is drawn one widget at a time, and searching the whole view after each one made its drawing quadratic.
const mark = (node) => {
  if (!(node instanceof Element)) return;
  if (node.tagName === "I") { const b = node.closest("button"); if (b) hideIcons(b); }
  if (node.matches(CONTROLS)) fixOne(node);
  node.querySelectorAll(CONTROLS).forEach(fixOne);
  const group = node.closest(GROUP);
  if (group) nameGroup(group);
  node.querySelectorAll(GROUP).forEach(nameGroup);
};
function render({ el }) {
  el.style.display = "none";
  let observer = null;
  const start = () => {
    const root = el.closest(".jp-OutputArea-output") || el.parentElement;
    if (!root) return false;
    mark(root);
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
