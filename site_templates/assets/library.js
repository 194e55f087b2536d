/* Asset library filters: runs in the page, no network.
 *
 * Each row of #pb-library-table carries data-type, data-segments, data-personas and
 * data-stages (space-separated ids). A row matches a filter only if it names the chosen
 * value: an asset that names no segment is hidden once a segment is chosen (strict, as the
 * page text says). The chosen filters are kept in the address (?type=deck&segment=dairy) so a
 * filtered view can be bookmarked or shared.
 *
 * Material's instant navigation swaps pages without a reload and announces each new page on
 * its `document$` observable; without Material (or before it) we fall back to DOMContentLoaded.
 */
(function () {
  "use strict";

  function words(value) {
    return value ? value.split(/\s+/).filter(Boolean) : [];
  }

  function init() {
    var form = document.getElementById("pb-library-filters");
    var table = document.getElementById("pb-library-table");
    if (!form || !table || !table.tBodies.length || form.getAttribute("data-pb-ready")) {
      return;
    }
    form.setAttribute("data-pb-ready", "1");

    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("pb-library-count");
    var empty = document.getElementById("pb-library-empty");
    var total = rows.length;

    // Read each row's values once.
    var index = rows.map(function (row) {
      return {
        row: row,
        type: row.getAttribute("data-type") || "",
        segments: words(row.getAttribute("data-segments")),
        personas: words(row.getAttribute("data-personas")),
        stages: words(row.getAttribute("data-stages"))
      };
    });

    function matches(entry, field, value) {
      if (!value) {
        return true;
      }
      if (field === "type") {
        return entry.type === value;
      }
      return entry[field].indexOf(value) !== -1;
    }

    function syncAddress() {
      if (!window.history || !window.history.replaceState || !window.URLSearchParams) {
        return;
      }
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        if (select.value) {
          params.set(select.name, select.value);
        } else {
          params.delete(select.name);
        }
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      try {
        window.history.replaceState(window.history.state, "", url);
      } catch (e) {
        /* file:// pages may refuse; filtering still works */
      }
    }

    function apply() {
      var shown = 0;
      index.forEach(function (entry) {
        var ok = selects.every(function (select) {
          return matches(entry, select.getAttribute("data-filter"), select.value);
        });
        entry.row.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      if (count) {
        count.textContent = shown + " of " + total + (total === 1 ? " asset" : " assets");
      }
      if (empty) {
        empty.hidden = shown !== 0;
      }
      syncAddress();
    }

    function clear() {
      selects.forEach(function (select) {
        select.value = "";
      });
      apply();
      if (selects.length) {
        selects[0].focus();
      }
    }

    // Start from the filters named in the address, when they exist in the page.
    if (window.URLSearchParams) {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (select) {
        var wanted = params.get(select.name);
        if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
          select.value = wanted;
        }
      });
    }

    selects.forEach(function (select) {
      select.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var buttons = document.querySelectorAll("#pb-filter-clear, [data-pb-clear]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", clear);
    });

    form.hidden = false; // the controls only make sense with this script running
    apply();
  }

  if (typeof window.document$ !== "undefined" && window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
