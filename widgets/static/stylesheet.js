// The Stylesheet widget only brings lessons.css into the page (anywidget adds its _css once); it shows nothing.
function render({ el }) {
  el.style.display = "none";
}
export default { render };
