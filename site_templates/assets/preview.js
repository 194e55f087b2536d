// Only in `playbook serve`, never part of a built site: reloads the page when the site has been
// rebuilt (MkDocs' live-reload protocol, whose own inline script the Content-Security-Policy
// refuses) and lays the playbook's errors over the page while a save has broken it.
(function () {
  "use strict";
  var script = document.currentScript;
  var folder = script.src.slice(0, script.src.lastIndexOf("/") + 1);
  var epoch = Number(script.dataset.epoch);
  var request = script.dataset.request;
  var pending, timer;

  function showErrors() {
    fetch(folder + "errors.html", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var shown = document.getElementById("pb-preview-errors");
        if (shown) { shown.remove(); }
        if (!html) { return; }
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = folder + "preview.css";
        document.head.appendChild(style);
        var parsed = new DOMParser().parseFromString(html, "text/html");
        document.body.appendChild(document.adoptNode(parsed.getElementById("pb-preview-errors")));
      })
      .catch(function () { /* the server has stopped: nothing to show */ });
  }

  function poll() {
    pending = new AbortController();
    fetch("/livereload/" + epoch + "/" + request, { signal: pending.signal, cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        if (Number(text) > epoch) { location.reload(); } else { timer = setTimeout(poll, 0); }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { timer = setTimeout(poll, 3000); }
      });
  }

  function stop() {
    if (pending) { pending.abort(); }
    clearTimeout(timer);
    pending = timer = undefined;
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("pagehide", stop);
  showErrors();
  if (document.visibilityState === "visible") { poll(); }
})();
