/*
 * The site's search (partials/grant-search.html): a dialog over Pagefind's
 * JavaScript API. Pagefind's own "Default UI" is not used because it shows a
 * page's metadata only as "key: value" tags, and we show a lot's status badge
 * and money; and its query hook cannot rewrite what is typed the way the three
 * languages need (below). Everything else (the index, the chunks a query
 * fetches, ranking, excerpts) is Pagefind's.
 *
 * What is typed is rewritten before it is searched:
 * - amounts: "18000000", "18 000 000", "18 000 000 ₸", "18,000,000" and
 *   "18.000.000" all find a lot's "18 000 000 ₸". A lot page gives Pagefind each
 *   of its amounts as one word, its digits (overrides/grants/lot.html,
 *   ``data-amount``), so a typed amount is searched as that word: one small
 *   chunk of the index. (Pagefind indexes the "18 000 000 ₸" a Kazakh or Russian
 *   page shows as the words "18", "000", "000", and "000" is on nearly every
 *   lot: searched as a phrase, it was the largest chunk and the most work.)
 * - Kazakh endings: Pagefind has no Kazakh stemmer, so Kazakh pages are
 *   indexed as written and each typed word loses its case, plural and
 *   possessive endings; Pagefind matches the rest as a prefix, so
 *   "ардагерлерді" finds "ардагерлер", "ардагердің" and "ардагерлерге".
 *   (Russian and English are stemmed by Pagefind itself.)
 */
(function () {
  "use strict";

  // Results shown at first, and then at each "more": each result is a request for its page's
  // fragment (about 1.3 KB gzip at 10,000 lots), and five fill a phone's screen. Ten at first
  // took a second round of requests on a slow connection (a browser opens six at a time).
  var FIRST = 5;
  var MORE = 10;
  // The pause after the last letter typed before searching (ms; benchmarks/bench_search.py).
  var PAUSE = 250;

  // The dialog's words in each language, from macros/strings.py (SEARCH and the plural
  // "results"); {q}, {n} and {c} are filled in below; "group" separates digit groups.
  var WORDS = {}; // written by the build from macros/strings.py SEARCH

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

  // A number as typed: digits, possibly in groups of three separated by spaces, dots or commas;
  // at the end of what is typed, its last group may be unfinished ("18 000 00", on its way to
  // "18 000 000"). Searched joined ("1800000"), it is the beginning of the amount's word, which
  // Pagefind matches as a prefix; searched apart, "00" would need the chunk of "000".
  var NUMBER = /\d{1,3}(?:[ \u00a0\u202f.,]\d{3})*(?:[ \u00a0\u202f.,]\d{1,2}$)?(?!\d)|\d+/g;
  // Typed amounts this long are searched as they are typed, like words (see ``changed``):
  // shorter ones (years, the first digits of an amount) begin too many numbers.
  var AMOUNT_FROM = 5;

  function rewrite(term, lang) {
    var rest = term.replace(/[₸$€]|тг\.?|тенге|теңге|KZT/gi, " ").replace(NUMBER, function (number) {
      return " " + number.replace(/\D/g, "") + " ";
    });
    var words = rest.toLocaleLowerCase(lang).split(/\s+/).filter(Boolean);
    if (lang === "kk") words = words.map(kazakhStem);
    return words.join(" ");
  }

  // Pagefind has no typo tolerance. Each typed word that no indexed word begins
  // with is replaced by the nearest beginning of an indexed word (one letter
  // added, removed, changed, or two swapped), taken from the small list of the
  // words that begin with the same two letters (macros/search.py writes them);
  // the reader is told what was searched instead.
  function distance(a, b, limit) {
    // Optimal string alignment distance, given up past ``limit``.
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i += 1) {
      rows.push([i]);
      var best = i;
      for (var j = 1; j <= b.length; j += 1) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i].push(d);
        best = Math.min(best, d);
      }
      if (i > 0 && best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  function nearest(word, words) {
    // ``words`` are the indexed words beginning with the same two letters, most frequent first.
    var found = null;
    for (var i = 0; i < words.length; i += 1) {
      var candidate = words[i];
      if (candidate.slice(0, word.length) === word) return null; // the word is there: nothing to correct
      if (found) continue;
      for (var length = word.length + 1; length >= word.length - 1; length -= 1) {
        var start = candidate.slice(0, length);
        if (start.length === length && distance(word, start, 1) <= 1) { found = start; break; }
      }
    }
    return found;
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

  // The word of each amount (overrides/grants/lot.html, ``data-amount``) is in Pagefind's text of
  // the page, with a full stop, just before the amount as the page writes it: "2027 18000000.
  // 18 000 000 ₸", "2027 18000000. KZT 18,000,000". (The marks of an excerpt are written here
  // as OPEN and CLOSE.)
  var OPEN = "\ue000";
  var CLOSE = "\ue001";
  var AMOUNT_WORD = /\ue000?(\d{5,})\.\ue001?\s+((?:KZT\s+)?)([\ue000\ue001\d]+(?:[\s,.][\ue000\ue001\d]+)*)/g;

  // An excerpt without the words of the amounts that follow them: the reader sees the amount as
  // the page writes it (its groups of digits kept on one line, as the page's no-break spaces
  // do), marked where its word was found.
  function withoutAmountWords(text) {
    return text.replace(AMOUNT_WORD, function (all, digits, code, written) {
      if (written.replace(/\D/g, "") !== digits) return all; // not the amount's own word
      var found = all[0] === OPEN && written.indexOf(OPEN) < 0;
      written = written.replace(/\s/g, "\u00a0");
      return code + (found ? OPEN + written + CLOSE : written);
    });
  }

  // Pagefind's excerpt is the page's text with <mark> around the matches; keep
  // only those two things (never any other markup) when showing it.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var text = "";
    template.content.childNodes.forEach(function (node) {
      var words = node.textContent.replace(/[\ue000\ue001]/g, "");
      var marked = node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK";
      text += marked ? OPEN + words + CLOSE : words;
    });
    var out = element("p", "grant-search__excerpt");
    withoutAmountWords(text).split(/(\ue000[^\ue001]*\ue001)/).forEach(function (part) {
      if (part[0] === OPEN) out.appendChild(element("mark", "", part.slice(1, -1)));
      else if (part) out.appendChild(document.createTextNode(part));
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
    var timer = null;

    // Pagefind is loaded only for a reader who means to search: from the first press or focus
    // of the search button, or the "/" key (a reader who never searches downloads none of it).
    // Its own loading is a chain of requests, each waiting for the one before: pagefind.js, then
    // pagefind-entry.json, then the WebAssembly and the metadata. On a phone each request costs
    // half a second or more, so the entry, WebAssembly and metadata are requested here at the same
    // time as pagefind.js: when Pagefind asks for them, the browser's cache has them, or they are
    // on their way, and one wait is saved. The same addresses as Pagefind's own requests (its
    // documented ``metaCacheTag`` option gives the entry's ``?ts=``, fresh on each page as its
    // default), so nothing is downloaded twice.
    var cacheTag = String(Date.now());

    function warm(url) {
      return fetch(url).then(function (response) { return response.ok ? response.arrayBuffer() : null; });
    }

    function warmBundle() {
      fetch(new URL("pagefind-entry.json?ts=" + cacheTag, bundle)).then(function (response) {
        return response.json();
      }).then(function (entry) {
        // One language in each bundle: this page's (Pagefind falls back to the first one too).
        var index = entry.languages[lang] || entry.languages[Object.keys(entry.languages)[0]];
        warm(new URL("pagefind." + index.hash + ".pf_meta", bundle));
        warm(new URL("wasm." + (index.wasm || "unknown") + ".pagefind", bundle));
      }).catch(function () { /* Pagefind's own requests will say what is wrong */ });
    }

    function load() {
      if (!pagefind) {
        warmBundle();
        pagefind = import(new URL("pagefind.js", bundle).href).then(function (api) {
          // Result addresses are relative to this language's root, where the bundle is.
          return api.options({
            baseUrl: new URL("..", bundle).pathname,
            excerptLength: 24,
            metaCacheTag: cacheTag
          }).then(function () {
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

    // Pagefind ready to search: its WebAssembly and metadata loaded. (A preload of nothing
    // fetches no index chunk; it returns once Pagefind has started, which ``init`` does not wait for.)
    var started = null;

    function ready() {
      if (!started) {
        started = load().then(function (api) {
          return api.preload("").then(function () { return api; });
        });
        started.catch(function () { started = null; });
      }
      return started;
    }

    function count(n) {
      return fill(words["count." + plural.select(n)] || words["count.other"], { n: String(n).replace(/\B(?=(\d{3})+(?!\d))/g, words.group) });
    }

    // Each search's results replace the last one's; ``shownFor`` tells a late page of results of
    // an earlier search (its fragments still on their way) from the current one's.
    var shownFor = 0;

    function showMore() {
      var mine = shownFor;
      var batch = found.slice(shown, shown + (shown ? MORE : FIRST));
      shown += batch.length;
      more.hidden = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== shownFor) return false;
        pages.forEach(function (page) { list.appendChild(result(page)); });
        more.hidden = shown >= found.length;
        return true;
      });
    }

    var wordLists = {};
    var wordFiles = null;
    var CORRECT_FROM = 4; // shorter words are not corrected (nor listed: macros/search.py, WORD)

    // The names of the word lists there are (words/files.txt), fetched once.
    function wordFileList() {
      if (!wordFiles) {
        wordFiles = fetch(new URL("words/files.txt", bundle)).then(function (response) {
          return response.ok ? response.text() : "";
        }).then(function (text) { return text.split("\n"); }, function () { return []; });
      }
      return wordFiles;
    }

    // The indexed words beginning with ``word``'s first two letters (none when no word does).
    function wordList(word) {
      var name = Array.prototype.map.call(word.slice(0, 2), function (c) { return c.codePointAt(0).toString(16); }).join("-");
      return wordFileList().then(function (files) {
        if (files.indexOf(name) < 0) return [];
        if (!wordLists[name]) {
          wordLists[name] = fetch(new URL("words/" + name + ".txt", bundle)).then(function (response) {
            return response.ok ? response.text() : "";
          }).then(function (text) { return text.split("\n").filter(Boolean); }, function () { return []; });
        }
        return wordLists[name];
      });
    }

    // Every indexed word that a word of the query begins (the words Pagefind finds for it), as one
    // text for Pagefind's ``preload``. Pagefind (1.5.2) fetches, for each word searched, only the
    // index chunk whose alphabetical range holds the word itself; Pagefind finds words beginning
    // with it, and when those run on into the next chunk ("ардагер": "ардагерлері" in one chunk,
    // "ардагерінің" in the next), the pages that have only the words of the next chunk were not
    // found. Preloaded, each of these words fetches its own chunk: every chunk the word's
    // beginnings fall in, none other. Kazakh is searched as typed (its endings stripped above);
    // Russian and English words Pagefind cuts to their stem first, so the words are those that
    // begin with the word without its likely ending (a shorter beginning fetches no fewer chunks).
    var ENDINGS = {
      ru: ["иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "иях", "ях", "ах", "ов", "ев",
        "ей", "ой", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ым", "им", "ом", "ем", "ую", "юю",
        "ых", "их", "ам", "ям", "ию", "ия", "ья", "ью", "ть", "ся", "сь", "а", "я", "о", "е", "у", "ю",
        "ы", "и", "ь", "й", "нно", "ешь", "ете", "йте", "ла", "на", "ли", "ло", "но", "ны", "ет", "ют",
        "н", "л"], // "ветеран" is searched as "ветера"
      en: ["ingly", "edly", "ing", "ies", "ied", "ed", "es", "s", "ly", "y", "e"]
    };

    function bare(word) {
      return word.normalize("NFD").replace(/\p{M}/gu, ""); // as Pagefind compares words: "й" is "и"
    }

    function beginning(word) {
      var endings = ENDINGS[lang] || [];
      for (var i = 0; i < endings.length; i += 1) {
        var ending = endings[i];
        if (word.length - ending.length >= SEARCH_FROM && word.slice(-ending.length) === ending) {
          return word.slice(0, -ending.length);
        }
      }
      return word;
    }

    // The words of a query, each phrase as one; and whether a word has a list of the indexed
    // words beside the index (a word of letters, not a phrase or a number: ``wordList``).
    function queryParts(query) {
      return query.match(/"[^"]*"|\S+/g) || [];
    }

    function listed(part) {
      return part[0] !== '"' && part.length >= CORRECT_FROM && !/\d/.test(part);
    }

    function spanned(query) {
      return Promise.all(queryParts(query).map(function (part) {
        if (!listed(part)) return [];
        var start = beginning(bare(part)); // "приём" is searched as "при"
        return wordList(part).then(function (words) {
          return words.filter(function (word) { return bare(word).slice(0, start.length) === start; });
        });
      })).then(function (found) {
        return [].concat.apply([], found).join(" ");
      });
    }

    // The query with its unknown words replaced by the nearest known ones, or null.
    function corrected(query) {
      return Promise.all(queryParts(query).map(function (part) {
        if (!listed(part)) return part;
        return wordList(part).then(function (words) { return nearest(part, words) || part; });
      })).then(function (fixed) {
        var result = fixed.join(" ");
        return result === query ? null : result;
      });
    }

    // Searching as the reader types. While a word is being typed, the index chunks it needs
    // are fetched (Pagefind's documented ``preload``) and, once they are there, the word so far
    // is searched and its results shown; a letter typed meanwhile is searched next, one search at
    // a time, the latest text only. So when the last letter is typed, its chunk is usually there
    // already and its results come with one more request, for the results' own fragments,
    // without a pause first. Index chunks are cut alphabetically, so a word's first letters
    // usually need the same chunk as the whole word; but one or two letters would need every
    // chunk of the words beginning with them (megabytes), so a word of fewer than SEARCH_FROM
    // letters, and a number of fewer than AMOUNT_FROM digits, are searched only once typing
    // pauses (PAUSE), as before. An amount is one word of the index (see ``rewrite``), searched
    // as it is typed like the others: its first five digits need the chunk of the whole amount.
    var SEARCH_FROM = 3;
    var ripe = null; // the text that may be searched now
    var searched = null; // the text searched last (or being searched)
    var said = null; // what the status said of its results, once they were shown
    var busy = false;

    function lastWord(query) {
      return (query.match(/\S+$/) || [""])[0];
    }

    function changed() {
      var typed = input.value.trim();
      clearTimeout(timer);
      // The text searched last: its results are shown, or on their way. Or a text that searches
      // the same as the one whose results are shown ("18 000 000 ₸" after "18 000 000"): they stay.
      var same = said && searched && rewrite(typed, lang) === rewrite(searched, lang);
      if (typed && (typed === searched || same)) {
        if (said) status.textContent = said;
        return;
      }
      if (!typed) {
        shownFor += 1;
        searched = said = null;
        found = [];
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        return;
      }
      status.textContent = words.searching;
      var last = lastWord(rewrite(typed, lang));
      var letters = /\p{L}/u.test(last) && !/[\d"]/.test(last);
      var amount = /^\d+$/.test(last) && last.length >= AMOUNT_FROM;
      // The typo correction's list for the word (see ``corrected``), while it is being typed.
      if (letters && last.length >= CORRECT_FROM) wordList(last);
      else if (letters) wordFileList();
      if ((letters && last.length >= SEARCH_FROM) || amount) {
        ready().then(function (api) {
          if (input.value.trim() !== typed) return; // the letters typed since have their own
          var go = function () { searchNow(typed); }; // searched even if a chunk did not come
          // With the chunks of the words it begins (``spanned``), all requested at once.
          var query = rewrite(typed, lang);
          return spanned(query).then(function (more) {
            return api.preload(more ? query + " " + more : query);
          }).then(go, go);
        }).catch(function () { /* load() says so when Pagefind cannot be loaded */ });
      } else {
        timer = setTimeout(function () { searchNow(typed); }, PAUSE);
      }
    }

    function searchNow(typed) {
      if (input.value.trim() === typed) ripe = typed;
      next();
    }

    function next() {
      if (busy || !ripe || ripe !== input.value.trim() || ripe === searched) return;
      busy = true;
      searched = ripe;
      run(ripe).then(idle, idle);
    }

    function idle() {
      busy = false;
      next();
    }

    // Searches ``typed``; the promise ends with the search, before its results' fragments come.
    function run(typed) {
      var query = rewrite(typed, lang);
      // A word that no indexed word begins with is corrected before searching: searched as
      // typed, Pagefind's Russian stemmer can cut a mistyped word down to a letter or two
      // that match nearly every page ("ветиран" → "в").
      return Promise.all([load(), corrected(query)]).then(function (loaded) {
        var api = loaded[0];
        var better = loaded[1];
        // Every chunk of the words the query's words begin, before searching (``spanned``).
        var complete = function () {
          return spanned(better || query).then(function (words) {
            return words ? api.preload(words) : null;
          }).catch(function () { /* searched with the chunks there are */ });
        };
        return complete().then(function () {
          return api.search(better || query);
        }).then(function (response) {
          if (input.value.trim() !== typed) { // a newer text is on its way
            searched = null;
            return;
          }
          shownFor += 1;
          said = null;
          found = response.results;
          shown = 0;
          list.replaceChildren();
          showMore().then(function (current) { // the count is announced once the results are there
            if (!current) return;
            said = found.length ? count(found.length) : fill(words.none, { q: typed });
            if (better) said = fill(words.corrected, { q: typed, c: better.replace(/"/g, "") }) + ". " + said;
            if (input.value.trim() === typed) status.textContent = said; // else a newer text is being searched
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
    opener.addEventListener("pointerdown", load);
    opener.addEventListener("focus", load);
    dialog.querySelector(".grant-search__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
    input.addEventListener("input", changed);
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

  // The dialog, made beside the header's button in the page's language (it was written into
  // every page before: 2.4 KB each). The same markup as the stylesheet and tests expect.
  function make(opener) {
    var lang = WORDS[opener.dataset.lang] ? opener.dataset.lang : "en";
    var w = WORDS[lang];
    var icons = opener.dataset.icons;
    function icon(id) {
      return '<svg viewBox="0 0 24 24" aria-hidden="true"><use href="' + icons + "#" + id + '"></use></svg>';
    }
    var dialog = document.createElement("dialog");
    dialog.id = "grant-search";
    dialog.className = "grant-search";
    dialog.setAttribute("aria-label", w.label);
    dialog.dataset.bundle = opener.dataset.bundle;
    dialog.dataset.lang = lang;
    dialog.dataset.words = JSON.stringify(w);
    dialog.innerHTML =
      '<div class="grant-search__bar" role="search">' +
      '<label class="grant-search__icon" for="grant-search-input">' + icon("search") +
      '<span class="grant-search__sr"></span></label>' +
      '<input id="grant-search-input" class="grant-search__input" type="search" name="q" autocomplete="off" ' +
      'spellcheck="false" enterkeyhint="search" aria-describedby="grant-search-status" aria-controls="grant-search-results">' +
      '<button type="button" class="grant-search__close">' + icon("close") + "</button></div>" +
      '<p id="grant-search-status" class="grant-search__status" role="status" aria-live="polite"></p>' +
      '<ol id="grant-search-results" class="grant-search__results"></ol>' +
      '<button type="button" class="grant-search__more md-button" hidden></button>';
    // The words go in as text and attributes, never as markup.
    dialog.querySelector(".grant-search__icon").title = w.label;
    dialog.querySelector(".grant-search__sr").textContent = w.label;
    dialog.querySelector(".grant-search__input").placeholder = w.placeholder;
    var close = dialog.querySelector(".grant-search__close");
    close.setAttribute("aria-label", w.close);
    close.title = w.close;
    dialog.querySelector(".grant-search__results").setAttribute("aria-label", w.results);
    dialog.querySelector(".grant-search__more").textContent = w.more;
    opener.insertAdjacentElement("afterend", dialog);
    return dialog;
  }

  var opener = document.querySelector(".grant-search__open");
  if (opener && typeof HTMLDialogElement === "function" && "showModal" in HTMLDialogElement.prototype) {
    setUp(make(opener));
  }
})();
