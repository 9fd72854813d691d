/*
 * The site's search (partials/grant-search.html): a dialog over Pagefind's
 * JavaScript API. Pagefind's own "Default UI" is not used because it shows a
 * page's metadata only as "key: value" tags, and we show a lot's status badge
 * and money; and its query hook cannot rewrite what is typed the way the three
 * languages need (below). Everything else (the index, the chunks a query
 * fetches, ranking, excerpts) is Pagefind's.
 *
 * What is typed is rewritten before it is searched:
 * - amounts: "18000000", "18 000 000" and "18 000 000 ₸" all find a lot's
 *   "18 000 000 ₸". Kazakh and Russian pages write amounts with spaces, which
 *   Pagefind indexes as separate words, so the digits become the exact phrase
 *   "18 000 000"; English pages write "18,000,000", which Pagefind also indexes
 *   joined, so there the digits are searched joined.
 * - Kazakh endings: Pagefind has no Kazakh stemmer, so Kazakh pages are
 *   indexed as written and each typed word loses its case, plural and
 *   possessive endings; Pagefind matches the rest as a prefix, so
 *   "ардагерлерді" finds "ардагерлер", "ардагердің" and "ардагерлерге".
 *   (Russian and English are stemmed by Pagefind itself.)
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;

  // Kazakh inflectional endings (plural, the six cases, possessive), longest
  // first. Derivational suffixes (-лық, -шы …) are kept: they change the word.
  var KK_ENDINGS = [
    "ларының", "лерінің", "ларына", "леріне", "ларын", "лерін", "лары", "лері",
    "ның", "нің", "дың", "дің", "тың", "тің",
    "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен",
    "мен", "бен", "пен", "лар", "лер", "дар", "дер", "тар", "тер",
    "мыз", "міз", "ңыз", "ңіз",
    "ға", "ге", "қа", "ке", "на", "не", "да", "де", "та", "те",
    "ны", "ні", "ды", "ді", "ты", "ті", "сы", "сі", "ым", "ім", "ың", "ің",
    "ы", "і"
  ];
  var KK_MIN_STEM = 4;

  function kazakhStem(word) {
    for (var round = 0; round < 3; round += 1) {
      var stripped = false;
      for (var i = 0; i < KK_ENDINGS.length; i += 1) {
        var ending = KK_ENDINGS[i];
        if (word.length - ending.length >= KK_MIN_STEM && word.slice(-ending.length) === ending) {
          word = word.slice(0, -ending.length);
          stripped = true;
          break;
        }
      }
      if (!stripped) break;
    }
    return word;
  }

  // A number as typed: digits, possibly in groups of three separated by spaces, dots or commas.
  var NUMBER = /\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)|\d+/g;

  function rewrite(term, lang) {
    var phrases = [];
    var rest = term.replace(/[₸$€]|тг\.?|тенге|теңге|KZT/gi, " ").replace(NUMBER, function (number) {
      var digits = number.replace(/\D/g, "");
      if (digits.length < 5) return " " + digits + " "; // years, counts: as written
      if (lang === "en") return " " + digits + " ";
      phrases.push('"' + digits.replace(/\B(?=(\d{3})+(?!\d))/g, " ") + '"');
      return " ";
    });
    var words = rest.toLocaleLowerCase(lang).split(/\s+/).filter(Boolean);
    if (lang === "kk") words = words.map(kazakhStem);
    return phrases.concat(words).join(" ").trim();
  }

  function fill(text, values) {
    return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is the page's text with <mark> around the matches; keep
  // only those two things (never any other markup) when showing it.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = element("p", "grant-search__excerpt");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        out.appendChild(element("mark", "", node.textContent));
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function result(data) {
    var item = element("li", "grant-search__result");
    var link = element("a", "grant-search__link", data.meta.title || data.url);
    link.href = data.url;
    item.appendChild(link);
    var meta = data.meta;
    if (meta.status || meta.money) {
      var facts = element("p", "grant-search__facts");
      if (meta.status) {
        var badge = element("span", "grant-badge", meta.status);
        if (/^[a-z_-]+$/.test(meta.status_code || "")) badge.classList.add("grant-badge--" + meta.status_code);
        facts.appendChild(badge);
      }
      if (meta.money) {
        var money = element("span", "grant-search__money");
        if (meta.money_label) money.appendChild(document.createTextNode(meta.money_label + ": "));
        money.appendChild(element("strong", "grant-num", meta.money));
        facts.appendChild(money);
      }
      item.appendChild(facts);
    }
    if (data.excerpt) item.appendChild(excerpt(data.excerpt));
    return item;
  }

  function setUp(dialog) {
    var words = JSON.parse(dialog.dataset.words);
    var lang = dialog.dataset.lang;
    var bundle = new URL(dialog.dataset.bundle, document.baseURI);
    var input = dialog.querySelector(".grant-search__input");
    var status = dialog.querySelector(".grant-search__status");
    var list = dialog.querySelector(".grant-search__results");
    var more = dialog.querySelector(".grant-search__more");
    var opener = document.querySelector(".grant-search__open");
    var plural = new Intl.PluralRules(lang);
    var pagefind = null;
    var found = [];
    var shown = 0;

    function load() {
      if (!pagefind) {
        pagefind = import(new URL("pagefind.js", bundle).href).then(function (api) {
          // Result addresses are relative to this language's root, where the bundle is.
          return api.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 24 }).then(function () {
            api.init();
            return api;
          });
        });
        pagefind.catch(function () {
          status.textContent = words.error;
          pagefind = null;
        });
      }
      return pagefind;
    }

    function count(n) {
      return fill(words["count." + plural.select(n)] || words["count.other"], { n: n.toLocaleString(lang) });
    }

    function showMore() {
      var batch = found.slice(shown, shown + PAGE_SIZE);
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        pages.forEach(function (page) { list.appendChild(result(page)); });
        more.hidden = shown >= found.length;
      });
    }

    function search() {
      var typed = input.value.trim();
      if (!typed) {
        found = [];
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        return;
      }
      status.textContent = words.searching;
      load().then(function (api) {
        return api.debouncedSearch(rewrite(typed, lang), {}, 250).then(function (response) {
          if (response === null || input.value.trim() !== typed) return; // a newer query is running
          found = response.results;
          shown = 0;
          list.replaceChildren();
          return showMore().then(function () { // the count is announced once the results are there
            status.textContent = found.length ? count(found.length) : fill(words.none, { q: typed });
          });
        });
      });
    }

    function open() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      load();
    }

    opener.addEventListener("click", open);
    dialog.querySelector(".grant-search__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    input.addEventListener("input", search);
    more.addEventListener("click", showMore);
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        open();
      }
    });
  }

  var dialog = document.getElementById("grant-search");
  if (dialog && typeof dialog.showModal === "function") setUp(dialog);
})();
