// Built by tools/bundle.mjs from widgets/static/stylesheet.js and its imports: edit those, then run it.
function render({el}){el.style.display="none"}var stylesheet_default={render};export{stylesheet_default as default};
