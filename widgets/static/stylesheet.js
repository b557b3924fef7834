// The Stylesheet widget brings lessons.css into the page (anywidget adds its _css once) and shows nothing itself.
// Every view root (.lesson-view) carries one, so it is also where the view's kernel is watched (kernel_lifecycle.js).
import { watchKernel } from "./kernel_lifecycle.js";

function render({ model, el }) {
  el.style.display = "none";
  return watchKernel({ model, el });
}
export default { render };
