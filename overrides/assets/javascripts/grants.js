/*
 * The site's own script (the search dialog has its own). Three jobs:
 *
 * 1. Name Material's search dialog for assistive technology (Material's
 *    partial gives role="dialog" but no name); the name is the search field's
 *    own, already in the page's language.
 *
 * 2. Filters for the lot index. The page carries one page of lot cards and
 *    the totals of all lots; without JavaScript the reader goes through the
 *    static pages (lots/page/2/, ...). With it, a change of filter fetches
 *    lots/filters.json once (each lot's kind: sector, type, status, funded
 *    years; each kind's count and money: no text), counts and totals the
 *    matching lots, and fetches only the card blocks (lots/cards/K.json, 20
 *    cards each) of the page of matches shown. A territory typed fetches, per
 *    word, the index of the words that begin with its letter
 *    (lots/places/<hex>.json) and, for the totals, the money of the blocks of
 *    lots found (lots/amounts/K.json). The filters live in the address (?sector=…&year=…&type=…&status=…
 *    &territory=…&page=…), so a filtered list can be shared, and the language
 *    links carry them to the other language's same page. Nothing but this
 *    site's own files is fetched.
 *
 * 3. Days left to apply, counted from the reader's today (the page was built
 *    on another day: its figure, marked "as of the build date", is what shows
 *    without JavaScript).
 *
 * 4. Keep Material's language-selector script from fetching sitemaps it does
 *    not need (see hideAlternatesFromMaterial).
 */
(function () {
  "use strict";
  var FIELDS = ["sector", "year", "type", "status", "territory"];

  function words(text) {  // as macros/views.py place_words: lower case, split at white space
    return (text || "").toLowerCase().split(/\s+/).filter(Boolean);
  }

  function letterKey(word) {  // the file of the words beginning with this letter
    return word.codePointAt(0).toString(16);
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function lotIndex() {
    var root = document.querySelector(".grant-index[data-config]");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var config = JSON.parse(root.dataset.config);
    var form = root.querySelector("form.grant-filters");
    var list = root.querySelector("ol.grant-lot-cards");
    var shown = root.querySelector("output[name=shown]");
    var totals = root.querySelector(".grant-index-totals");
    var none = root.querySelector(".grant-filters__none");
    var failed = root.querySelector(".grant-filters__failed");
    var range = root.querySelector(".grant-index__range");
    var pager = root.querySelector(".grant-pager");
    var files = new URL(root.dataset.files, location.href);
    var original = {
      list: list.innerHTML,
      shown: shown.textContent,
      totals: totals.innerHTML,
      range: range && range.textContent,
      pager: pager && pager.innerHTML
    };
    var data = null;      // lots/filters.json, once fetched
    var places = {};      // letter key -> promise of lots/places/<key>.json
    var amounts = {};     // amount block number -> promise of lots/amounts/K.json
    var blocks = {};      // card block number -> promise of its cards
    var run = 0;          // the latest request wins

    function money(amount) {
      var digits = String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, config.money.group);
      return config.money.pattern.replace("{n}", digits);
    }

    function number(n) {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, config.money.group);
    }

    function state() {
      var s = {};
      FIELDS.forEach(function (name) { s[name] = form.elements[name].value.trim(); });
      return s;
    }

    function filtered(s) {
      return FIELDS.some(function (name) { return s[name]; });
    }

    function query(s, page) {
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
      if (page > 1) params.set("page", String(page));
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function cards(block) {
      if (!blocks[block]) {
        var url = new URL("cards/" + block + ".json", files);
        blocks[block] = getJSON(url).then(function (data) {
          var doc = new DOMParser().parseFromString(data.html, "text/html");
          var items = Array.prototype.slice.call(doc.querySelectorAll("li.grant-lot-card"));
          items.forEach(function (item) {
            Array.prototype.forEach.call(item.querySelectorAll("a[href]"), function (a) {
              a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
            });
          });
          return items;
        });
      }
      return blocks[block];
    }

    function load(s) {
      var first = data ? Promise.resolve(data) : getJSON(new URL("filters.json", files)).then(function (d) {
        data = d;
        return d;
      });
      return first.then(function () {
        return Promise.all(words(s.territory).map(function (word) {
          var key = letterKey(word);
          if (data.places.indexOf(key) < 0) return {};  // no territory has a word with this letter
          if (!places[key]) {
            places[key] = getJSON(new URL("places/" + key + ".json", files)).catch(function (error) {
              delete places[key];  // tried again on the next change
              throw error;
            });
          }
          return places[key];
        }));
      });
    }

    // The lots whose territory has a word beginning with each word typed (a set of lot
    // numbers), or null with no territory typed; indexes: each typed word's letter file.
    function placeLots(s, indexes) {
      var typed = words(s.territory);
      if (!typed.length) return null;
      var found = null;
      typed.forEach(function (word, k) {
        var these = {};
        Object.keys(indexes[k]).forEach(function (known) {
          if (known.lastIndexOf(word, 0) !== 0) return;
          var lot = 0;
          indexes[k][known].forEach(function (gap, g) {
            lot = g ? lot + gap : gap;
            these[lot] = true;
          });
        });
        if (found) Object.keys(found).forEach(function (lot) { if (!these[lot]) delete found[lot]; });
        else found = these;
      });
      return found;
    }

    function matching(s, place) {
      var year = data.years.indexOf(Number(s.year));
      var kinds = data.groups.map(function (g) {
        return (!s.sector || data.sectors[g[0]] === s.sector) &&
          (!s.type || data.types[g[1]] === s.type) &&
          (!s.status || data.statuses[g[2]] === s.status) &&
          (!s.year || (year >= 0 && (g[3] & (1 << year)) !== 0));
      });
      var matches = [];
      data.lots.forEach(function (kind, i) {
        if (kinds[kind] && (!place || place[i])) matches.push(i);
      });
      return { lots: matches, kinds: kinds, place: place };
    }

    function sums(result) {  // money per year of the lots found
      var out = data.years.map(function () { return 0; });
      if (!result.place) {  // the sum of the kinds chosen
        data.groups.forEach(function (g, k) {
          if (!result.kinds[k]) return;
          for (var y = 0; y < out.length; y += 1) out[y] += g[5 + y];
        });
        return Promise.resolve(out);
      }
      var needed = [];
      result.lots.forEach(function (i) {
        var block = Math.floor(i / config.amountBlock);
        if (needed.indexOf(block) < 0) needed.push(block);
      });
      return Promise.all(needed.map(function (block) {
        if (!amounts[block]) amounts[block] = getJSON(new URL("amounts/" + block + ".json", files));
        return amounts[block];
      })).then(function (loaded) {
        var byBlock = {};
        needed.forEach(function (block, k) { byBlock[block] = loaded[k]; });
        result.lots.forEach(function (i) {
          var money = byBlock[Math.floor(i / config.amountBlock)][i % config.amountBlock];
          var mask = data.groups[data.lots[i]][3];
          for (var y = 0; y < out.length; y += 1) {
            if (Array.isArray(money)) out[y] += money[y];
            else if (mask & (1 << y)) out[y] += money;
          }
        });
        return out;
      });
    }

    function showTotals(result) {
      shown.textContent = number(result.lots.length);
      var all = 0;
      data.years.forEach(function (year, y) {
        var cell = totals.querySelector('[data-year="' + year + '"] dd');
        if (cell) cell.textContent = money(result.sums[y]);
        all += result.sums[y];
      });
      totals.querySelector('[data-year="total"] dd').textContent = money(all);
    }

    function showPager(s, page, pages) {
      if (!pager) return;
      pager.textContent = "";
      pager.hidden = pages <= 1;
      function link(text, to, rel) {
        var a = document.createElement("a");
        a.className = "md-button";
        a.rel = rel;
        a.href = location.pathname + query(s, to);
        a.textContent = text;
        a.addEventListener("click", function (event) {
          event.preventDefault();
          apply(true, to);
          root.scrollIntoView();
        });
        pager.appendChild(a);
      }
      var strings = JSON.parse(pager.dataset.strings);
      if (page > 1) link(strings.previous, page - 1, "prev");
      var where = document.createElement("span");
      where.className = "grant-pager__where";
      where.textContent = strings.where.replace("{page}", number(page)).replace("{pages}", number(pages));
      pager.appendChild(where);
      if (page < pages) link(strings.next, page + 1, "next");
    }

    function restore() {
      list.innerHTML = original.list;
      shown.textContent = original.shown;
      totals.innerHTML = original.totals;
      if (range) { range.textContent = original.range; range.hidden = false; }
      if (pager) { pager.innerHTML = original.pager; pager.hidden = false; }
      none.hidden = true;
    }

    function apply(updateUrl, page) {
      var s = state();
      page = page || 1;
      if (updateUrl) history.replaceState(null, "", location.pathname + query(s, page) + location.hash);
      if (config.page > 1) {  // a static page after the first: filter from the first
        if (filtered(s)) location.href = new URL(root.dataset.index, location.href).pathname + query(s, 1);
        return;
      }
      var mine = ++run;
      if (!filtered(s) && page === 1) { restore(); return; }
      list.setAttribute("aria-busy", "true");
      load(s).then(function (indexes) {
        if (mine !== run) return null;
        var result = matching(s, placeLots(s, indexes));
        var pages = Math.max(1, Math.ceil(result.lots.length / config.perPage));
        page = Math.min(page, pages);
        var slice = result.lots.slice((page - 1) * config.perPage, page * config.perPage);
        var needed = [];
        slice.forEach(function (i) {
          var block = Math.floor(i / config.block);
          if (needed.indexOf(block) < 0) needed.push(block);
        });
        return Promise.all([Promise.all(needed.map(cards)), sums(result)]).then(function (both) {
          if (mine !== run) return;
          var loaded = both[0];
          result.sums = both[1];
          var byBlock = {};
          needed.forEach(function (block, k) { byBlock[block] = loaded[k]; });
          var fragment = document.createDocumentFragment();
          slice.forEach(function (i) {
            var card = byBlock[Math.floor(i / config.block)][i % config.block];
            fragment.appendChild(document.importNode(card, true));
          });
          list.textContent = "";
          list.appendChild(fragment);
          showTotals(result);
          if (range) range.hidden = true;
          showPager(s, page, pages);
          none.hidden = result.lots.length > 0;
          failed.hidden = true;
        });
      }).catch(function () {
        failed.hidden = false;
      }).then(function () {
        if (mine === run) list.removeAttribute("aria-busy");
      });
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
    var typing = null;
    form.addEventListener("input", function (event) {
      if (event.target.tagName !== "INPUT") return;
      clearTimeout(typing);
      typing = setTimeout(function () { apply(true, 1); }, 250);
    });
    form.addEventListener("change", function (event) {
      if (event.target.tagName === "SELECT") apply(true, 1);
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true, 1); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true, 1); });
    var startPage = parseInt(params.get("page") || "1", 10) || 1;
    if (filtered(state())) apply(false, startPage);
  }

  function daysLeft() {
    var spans = document.querySelectorAll(".grant-days-left[data-closes]");
    if (!spans.length) return;
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    Array.prototype.forEach.call(spans, function (span) {
      var strings = JSON.parse(span.dataset.strings);
      var opens = Date.parse(span.dataset.opens);   // "YYYY-MM-DD": midnight UTC, as today is
      var left = Math.round((Date.parse(span.dataset.closes) - today) / 86400000);
      span.textContent = "";
      if (today < opens) {
        span.textContent = strings.not_yet;
      } else if (left < 0) {
        span.textContent = strings.closed;
      } else if (left === 0) {
        span.textContent = strings.last;
      } else {
        var figure = document.createElement("strong");
        figure.textContent = String(left);
        span.appendChild(document.createTextNode(strings.left + ": "));
        span.appendChild(figure);
      }
      var note = span.nextElementSibling;
      if (note && note.classList.contains("grant-as-of")) note.hidden = true;
    });
  }

  function carryFilters() {
    var links = document.querySelectorAll(
      ".grant-languages a[hreflang], .grant-unofficial a[hreflang], .md-select__link[hreflang]"
    );
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function () {
        // The same page in the other language, with the same filters (they are language-neutral).
        var target = new URL(link.href);
        target.search = location.search;
        link.href = target.href;
      });
    });
  }

  // Material's script (its setupAlternate) takes every link[rel=alternate] it finds when the
  // page is ready (DOMContentLoaded) for a language's home, and fetches the sitemap.xml beside
  // it to find this page in that language. Here those links are this very page in each
  // language (hreflang, for search engines: overrides/main.html) and the Atom feed, and the
  // language selector already links to this page in each language: the fetches would be
  // lots/<id>/sitemap.xml and the like, which do not exist (404), or of no use. So the links
  // lose their rel while Material's handler runs, and get it back at once after it: the
  // handlers of one event run in the order they were added, and Material's bundle is loaded
  // before this script. tests/test_discovery.py checks that no sitemap is fetched and that
  // the links are in place once the page has loaded.
  function hideAlternatesFromMaterial() {
    if (document.readyState !== "loading") return;
    var links = Array.prototype.slice.call(document.querySelectorAll("link[rel=alternate]"));
    if (!links.length) return;
    links.forEach(function (link) { link.removeAttribute("rel"); });
    document.addEventListener("DOMContentLoaded", function () {
      links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
    }, { once: true });
  }

  hideAlternatesFromMaterial();

  function start() {
    carryFilters();
    lotIndex();
    daysLeft();
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(start);  // Material's instant navigation, if enabled
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
