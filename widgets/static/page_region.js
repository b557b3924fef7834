// What the self-check and the practice stories keep in the browser (static/selfcheck.js, static/case_stories.js): the
// learner's region, on a page with no kernel (the static site), and a teacher's "personal check off" for this
// browser; and every region's page data unpacked from the one region sent whole (engine/selfcheck_page.py regional).
import { h } from "./dom.js";

const KEY = "foot-twitch-lessons:";
export const REGION_KEY = KEY + "region";
export const PERSONAL_KEY = KEY + "personal-check";
const EVENT = "foot-twitch-lessons-region";

function read(key) {
  try { return localStorage.getItem(key); } catch (e) { return null; } // storage off: nothing kept
}
function write(key, value) {
  try { localStorage.setItem(key, value); return true; } catch (e) { return false; }
}

// One region's data: the default region's, with that region's differences put in (paths of keys and indexes).
export function regionData(regional, id) {
  const out = structuredClone(regional.base);
  for (const [path, value] of regional.patches[id] || []) {
    let at = out;
    for (const k of path.slice(0, -1)) at = at[k];
    if (path.length) at[path[path.length - 1]] = value;
    else return structuredClone(value);
  }
  return out;
}

// The region this page uses: the kernel's (the progress store's, chosen in lesson 00) where a kernel is live;
// on the static site the one kept in this browser, else the kernel's as the page was built.
export function pageRegion(kernel, fromKernel, names) {
  if (kernel === "live") return fromKernel;
  const kept = read(REGION_KEY);
  return kept && kept in names ? kept : fromKernel;
}

// A labelled drop-down of the regions (the static site only: in a notebook lesson 00 chooses it); a choice is
// kept in this browser and every self-check and story set on the page follows it.
export function regionPicker({ label, names, value, css }) {
  const id = "region-" + Math.random().toString(36).slice(2, 9);
  const select = h("select", { id, class: "lesson-region-select", "data-lm-suppress-shortcuts": "true" },
    ...Object.entries(names).map(([rid, name]) => h("option", { value: rid, text: name })));
  select.value = value;
  select.addEventListener("change", () => {
    write(REGION_KEY, select.value);
    window.dispatchEvent(new CustomEvent(EVENT, { detail: select.value }));
  });
  return h("p", { class: "lesson-region " + (css || "") }, h("label", { for: id, text: label + " " }), select);
}

// Run `fn(region)` when the region changes on this page (a picker) or in another tab of the site.
export function onRegion(fn) {
  const here = (e) => fn(e.detail);
  const there = (e) => { if (e.key === REGION_KEY && e.newValue) fn(e.newValue); };
  window.addEventListener(EVENT, here);
  window.addEventListener("storage", there);
  return () => { window.removeEventListener(EVENT, here); window.removeEventListener("storage", there); };
}

// The teacher switch on the page: off when the kernel (or the site's build) says off, or when this browser was
// told off (a page opened once with ?personal-check=off; ?personal-check=on takes that back). A browser can only
// turn it off: never on where the build turned it off.
export function personalOn(fromKernel) {
  try {
    const asked = new URLSearchParams(window.location.search).get("personal-check");
    if (asked === "off" || asked === "on") write(PERSONAL_KEY, asked);
  } catch (e) { /* no address to read */ }
  return Boolean(fromKernel) && read(PERSONAL_KEY) !== "off";
}
