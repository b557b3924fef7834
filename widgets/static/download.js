// Saves a file the kernel sends ({filename, href: a data: URL}) at once, as if its link had been clicked.
function render({ model, el }) {
  el.style.display = "none";
  const save = (msg) => {
    if (!msg || !msg.href) return;
    const a = document.createElement("a");
    a.href = msg.href;
    a.download = msg.filename || "download.json";
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  model.on("msg:custom", save);
  return () => model.off("msg:custom", save);
}
export default { render };
