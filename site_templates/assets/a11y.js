/* Material lets wide Markdown tables scroll sideways, but a keyboard cannot reach a scrolling
   box that holds no link (axe scrollable-region-focusable): make such boxes focusable.
   A file, not an inline script, so the Content-Security-Policy need not allow it. */
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function scrolls(box) {
    return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
  }
  function reachable() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table > table");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.hasAttribute("tabindex") || box.querySelector(FOCUSABLE) || !scrolls(box)) return;
      box.setAttribute("tabindex", "0");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reachable);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reachable);
  } else {
    reachable();
  }
  window.addEventListener("resize", reachable);
})();
