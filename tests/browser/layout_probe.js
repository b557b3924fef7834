// Layout probe for tests/browser/test_layout.py: what a learner would see as broken in a notebook's outputs.
// Called with the selector of the visible notebook panel; returns
//   { scrollbars: [...], cutOff: [...], overlaps: [...], figures: [...], pieces: n }
// scrollbars: an output element (or one inside it) that scrolls sideways (scrollWidth > clientWidth);
// cutOff: a piece of text partly hidden by a box that clips it (overflow hidden/clip);
// overlaps: two pieces of text whose boxes overlap (HTML text by line, via Range.getClientRects; plotly's SVG
//   <text> by element); figures: each plotly figure's drawn width next to the width of the box it sits in.
// Invisible, zero-size and fully clipped text (visually hidden descriptions) is left out.
(panel) => {
  const nb = document.querySelector(panel);
  if (!nb) return { error: `no ${panel}` };
  const areas = [...nb.querySelectorAll(".jp-CodeCell")].map((cell, i) => [i, cell.querySelector(".jp-Cell-outputArea")]);
  const MIN = 3; // px: overlaps and cuts smaller than this are rounding, not something a learner sees
  const short = (s) => (s.length > 60 ? s.slice(0, 57) + "..." : s);
  const describe = (el) => {
    const cls = [...el.classList].filter((c) => !c.startsWith("lm-") && !c.startsWith("p-")).slice(0, 3).join(".");
    return `${el.tagName.toLowerCase()}${cls ? "." + cls : ""}`;
  };
  const widgetOf = (el) => {
    const v = el.closest(".lesson-view");
    if (!v) return "";
    return [...v.classList].find((c) => c !== "lesson-view" && !c.startsWith("widget") && !c.startsWith("jupyter") && !c.startsWith("lm-")) || "";
  };
  const shown = (el) =>
    el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : !!el.getClientRects().length;
  // the part of rect r left visible by el and every clipping ancestor inside its output area (the notebook's own
  // scroller is left out: text scrolled out of the window is not cut off), and how much of it a box that hides
  // its overflow (hidden/clip, not a scroller: that one is a scrollbar, reported as such) cuts off
  const clipped = (el, r, area) => {
    let { left, top, right, bottom } = r;
    let cut = 0;
    for (let a = el; a && a !== area.parentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const cx = cs.overflowX !== "visible", cy = cs.overflowY !== "visible";
      const clipRule = cs.clip && cs.clip !== "auto";
      if (!cx && !cy && !clipRule) continue;
      const b = a.getBoundingClientRect();
      if (clipRule && (b.width <= 1 || b.height <= 1)) return null; // visually hidden text
      const box = { l: b.left + a.clientLeft, t: b.top + a.clientTop };
      box.r = box.l + a.clientWidth;
      box.b = box.t + a.clientHeight;
      const hides = (o) => o === "hidden" || o === "clip";
      if (hides(cs.overflowX) || clipRule) cut = Math.max(cut, box.l - left, right - box.r);
      if (hides(cs.overflowY) || clipRule) cut = Math.max(cut, box.t - top, bottom - box.b);
      if (cx || clipRule) { left = Math.max(left, box.l); right = Math.min(right, box.r); }
      if (cy || clipRule) { top = Math.max(top, box.t); bottom = Math.min(bottom, box.b); }
      if (right - left < 1 || bottom - top < 1) return null;
    }
    return { left, top, right, bottom, cut };
  };
  const pieces = [], cutOff = [], scrollbars = [], figures = [];
  let id = 0;
  const add = (text, el, rect, cell, owner, area) => {
    if (rect.width < 1 || rect.height < 1) return;
    const seen = clipped(el, rect, area);
    if (!seen) return;
    if (seen.cut >= MIN) cutOff.push({ cell, widget: widgetOf(el), text: short(text), by: `${Math.round(seen.cut)} px` });
    pieces.push({ text, cell, owner, widget: widgetOf(el), r: seen });
  };
  for (const [cell, area] of areas) {
    if (!area) continue;
    // sideways scrollbars: the area itself and everything in it that scrolls
    for (const el of [area, ...area.querySelectorAll("*")]) {
      if (!(el instanceof HTMLElement) || el.clientWidth < 2 || !shown(el)) continue;
      const ox = getComputedStyle(el).overflowX;
      if ((ox === "auto" || ox === "scroll") && el.scrollWidth > el.clientWidth + 1) {
        scrollbars.push({ cell, widget: widgetOf(el), element: describe(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
      }
    }
    // HTML text, line by line
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest("svg") || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const owner = ++id;
      for (const r of range.getClientRects()) add(text, el, r, cell, owner, area);
    }
    // plotly's SVG text (titles, tick labels, annotations, trace text); hover labels come and go: left out
    for (const t of area.querySelectorAll("svg text")) {
      const text = t.textContent.trim();
      if (!text || t.closest(".hoverlayer") || !shown(t)) continue;
      add(text, t.parentElement, t.getBoundingClientRect(), cell, ++id, area);
    }
    // each figure: it must not stick out past its view (hidden or not), nor leave its own place empty
    for (const gd of area.querySelectorAll(".js-plotly-plot")) {
      const svg = gd.querySelector(".main-svg");
      const room = gd.closest(".lesson-view") || gd.closest(".jp-OutputArea-output") || gd.parentElement;
      if (!svg || !shown(gd)) continue;
      const s = svg.getBoundingClientRect(), r = room.getBoundingClientRect();
      figures.push({
        cell,
        widget: widgetOf(gd),
        drawn: Math.round(s.width),
        room: room.clientWidth, // the view's
        space: gd.parentElement.clientWidth, // the plot's own place (controls may sit beside it)
        over: Math.round(s.right - (r.left + room.clientLeft + room.clientWidth)),
      });
    }
  }
  // every pair of pieces whose boxes overlap by at least MIN px each way (sweep over tops)
  pieces.sort((a, b) => a.r.top - b.r.top);
  const overlaps = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    for (let j = i + 1; j < pieces.length && pieces[j].r.top < p.r.bottom - MIN; j++) {
      const q = pieces[j];
      if (q.owner === p.owner) continue;
      const w = Math.min(p.r.right, q.r.right) - Math.max(p.r.left, q.r.left);
      const h = Math.min(p.r.bottom, q.r.bottom) - Math.max(p.r.top, q.r.top);
      if (w >= MIN && h >= MIN) {
        overlaps.push({ cell: p.cell, widget: p.widget || q.widget, a: short(p.text), b: short(q.text), overlap: `${Math.round(w)}x${Math.round(h)} px` });
      }
    }
  }
  return { scrollbars, cutOff, overlaps, figures, pieces: pieces.length };
}
