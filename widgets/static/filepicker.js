// A "choose a file" button (a real <button> with its label, nothing else on it) over a hidden <input type=file>.
// The chosen file goes to the kernel as one message: content {name}, one buffer with the bytes.
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = model.get("accept");
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button widget-button";
  button.title = model.get("help");
  button.style.width = "max-content"; // ipywidgets' buttons are a fixed 148 px: the label would be cut
  const icon = document.createElement("i");
  icon.className = "fa fa-upload";
  icon.setAttribute("aria-hidden", "true");
  icon.style.marginRight = "0.4em"; // the gap a space gave, without a space at the start of the button's name
  const label = document.createElement("span");
  label.textContent = model.get("label");
  button.append(icon, label);
  // the whole widget is the target (a click on it, e.g. by a test, opens the chooser as the button does)
  el.addEventListener("click", (ev) => { if (ev.target !== input) input.click(); });
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (!file) return;
    file.arrayBuffer().then((bytes) => {
      model.send({ name: file.name }, undefined, [bytes]);
      input.value = ""; // the same file can be chosen again
    });
  });
  el.append(button, input);
}
export default { render };
