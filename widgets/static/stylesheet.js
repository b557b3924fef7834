// The Stylesheet widget brings lessons.css into the page (anywidget adds its _css once) and shows nothing itself.
// (A lesson's kernel and the "Next" links are the course extension's: labextension/ in the repository.)
function render({ el }) {
  el.style.display = "none";
}
export default { render };
