/* "What's new" filters: runs in the page, no network. Without JavaScript every change shows.
 *
 * Each item of the news lists carries data-segments and data-personas (space-separated ids,
 * "*" for a change that concerns everyone). An item stays visible when it names the chosen
 * segment and person or concerns everyone; weeks left empty are hidden.
 */
(function () {
  "use strict";

  function concerns(item, field, value) {
    var ids = (item.getAttribute("data-" + field) || "").split(/\s+/);
    return !value || ids.indexOf("*") >= 0 || ids.indexOf(value) >= 0;
  }

  function init() {
    var form = document.getElementById("pb-news-filters");
    if (!form || form.getAttribute("data-pb-ready")) return;
    form.setAttribute("data-pb-ready", "1");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var weeks = Array.prototype.slice.call(document.querySelectorAll(".pb-news-week"));
    var empty = document.getElementById("pb-news-empty");

    function apply() {
      var shown = 0;
      weeks.forEach(function (week) {
        var inWeek = 0;
        Array.prototype.forEach.call(week.querySelectorAll("li[data-segments]"), function (item) {
          var ok = selects.every(function (s) { return concerns(item, s.getAttribute("data-filter"), s.value); });
          item.hidden = !ok;
          if (ok) inWeek += 1;
        });
        week.hidden = inWeek === 0;
        shown += inWeek;
      });
      if (empty) empty.hidden = shown > 0;
    }

    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.hidden = false;
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
