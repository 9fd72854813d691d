/*
 * The site's only script. Two jobs:
 *
 * 1. Name Material's search dialog for assistive technology (Material's
 *    partial gives role="dialog" but no name); the name is the search field's
 *    own, already in the page's language.
 *
 * 2. Filters for the lot index. The table is complete without JavaScript; this
 * shows the filter form, hides rows that do not match, and keeps the filter
 * state in the address (?sector=…&year=…&type=…&territory=…&q=…) so a
 * filtered view can be shared. No other script or host is involved.
 */
(function () {
  "use strict";
  var FIELDS = ["q", "sector", "year", "type", "territory"];

  function normalise(text) {
    return (text || "").toLocaleLowerCase("kk").replace(/\s+/g, " ").trim();
  }

  function init() {
    var form = document.querySelector("form.grant-filters");
    var table = document.querySelector("table.grant-lots");
    if (!form || !table || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var none = document.querySelector(".grant-filters__none");
    var shown = form.querySelector("output[name=shown]");
    rows.forEach(function (row) { row.dataset.text = normalise(row.textContent); });

    function state() {
      var s = {};
      FIELDS.forEach(function (name) { s[name] = form.elements[name].value; });
      return s;
    }

    function apply(updateUrl) {
      var s = state();
      var words = normalise(s.q).split(" ").filter(Boolean);
      var count = 0;
      rows.forEach(function (row) {
        var ok = (!s.sector || row.dataset.sector === s.sector) &&
          (!s.year || row.dataset.years.split(" ").indexOf(s.year) >= 0) &&
          (!s.type || row.dataset.type === s.type) &&
          (!s.territory || row.dataset.territory === s.territory) &&
          words.every(function (w) { return row.dataset.text.indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) count += 1;
      });
      shown.value = String(count);
      shown.textContent = String(count);
      if (none) none.hidden = count > 0;
      if (updateUrl) {
        var params = new URLSearchParams();
        FIELDS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name);
      if (value === null) return;
      if (field.tagName === "SELECT" &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) return;
      field.value = value;
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var input = document.querySelector(".md-search__input");
    if (dialog && input && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder || "Search");
    }
  }

  function start() {
    nameSearchDialog();
    init();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);  // Material's instant navigation, if enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
