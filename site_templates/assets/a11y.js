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
  // Stacked tables on phones label each cell with its column's header (playbook.css).
  function label() {
    var tables = document.querySelectorAll(".md-typeset table:not(.pb-matrix):not(.pb-journey):not(.pb-library)");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead th");
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (heads[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", heads[i].textContent.trim());
        });
      });
    });
  }
  function ready() { reachable(); label(); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(ready);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
  window.addEventListener("resize", reachable);
})();
