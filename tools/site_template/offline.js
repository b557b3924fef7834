// The static site's offline cache (tools/site.py writes sw.js beside the pages): registered only where a browser
// allows a service worker, a secure context (https, or http://localhost). From file:// or plain http there is none,
// and the pages work as they are. No request leaves the site: sw.js caches the site's own files only.
(function () {
  if (!("serviceWorker" in navigator) || !window.isSecureContext || location.protocol === "file:") return;
  navigator.serviceWorker.register("sw.js", { scope: "./" }).catch(function () {
    /* no offline copy: the site still works online */
  });
})();
