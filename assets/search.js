// The search page's form, on Pagefind's JavaScript API (pagefind/pagefind.js, served by this site): results as
// the reader types (after a pause), ten at a time with a button for the next ten; filters by place, time and
// month; activities in date order (what is on or coming first; the index's `order`) or by best match. The query,
// the filters and the order are kept in the address (?q=…&region=…), and the number of results shown and the
// scroll in the history entry, so that Back from a result, a reload or a shared link gives the same results.
// Every word shown comes from the page (templates/strings.yaml).
"use strict";
(function () {
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var PAUSE_MS = 100, STEP = 10;
  var HAN = /\p{Script=Han}/u, HAN_RUN = /\p{Script=Han}{2,}/u, SEGMENTED = /^(zh|ja|th)\b/i;
  var CHINESE_SPACE = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu;
  var CHINESE_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]\s*$/u, CHINESE_START = /^\s*[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
  var noScript = document.querySelector("[data-search-no-script]");
  var fromDisk = document.querySelector("[data-search-from-disk]");
  var form = root.querySelector("form"), input = root.querySelector("input[type=search]");
  var count = root.querySelector(".search-count"), list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more"), options = root.querySelector("details");
  var chosenLine = root.querySelector("[data-search-chosen]"), order = root.querySelector("select[data-order]");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var lang = document.documentElement.lang || "en", text = root.dataset;
  var pagefind = null, timer = 0, asked = 0, current = null, known = new Map();

  function unavailable() {
    if (noScript) noScript.hidden = true;
    if (fromDisk) fromDisk.hidden = false;
  }

  function counted(n, shown) {
    if (n === 0) return text.countNone;
    if (n === 1) return text.countOne;
    if (shown < n) return text.countShown.replace("{n}", n).replace("{shown}", shown);
    return text.countMany.replace("{n}", n);
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.dataset.filter] = select.value; });
    return chosen;
  }

  function showChosen() {
    var names = selects.filter(function (select) { return select.value; })
      .map(function (select) { return select.options[select.selectedIndex].textContent; });
    chosenLine.textContent = names.length ? text.chosen.replace("{chosen}", names.join(text.separator)) : options.dataset.title;
  }

  // The address says what is asked; the history entry (not the address) how far the reader has read.
  function remember(extra) {
    var params = new URLSearchParams(), query = input.value.trim();
    if (query) params.set("q", query);
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    if (order.value !== order.options[0].value) params.set("order", order.value);
    var address = location.pathname + (params.toString() ? "?" + params : "") + location.hash;
    history.replaceState(Object.assign({}, history.state || {}, extra), "", address);
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.concat([order]).forEach(function (select) {
      var value = params.get(select.name);
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
    });
    return input.value.trim() !== "" || Object.keys(chosenFilters()).length > 0;
  }

  // Pagefind cuts a Chinese query into words (as the browser's segmenter does) and drops a word found nowhere,
  // then answers with the rest: 演唱会 would give every page with 会. A query with two Chinese characters or
  // more gives no result when one of its Chinese words is on no page; the first such word, to be said.
  function missingWord(query) {
    if (!HAN_RUN.test(query)) return Promise.resolve(null);
    var words = SEGMENTED.test(lang) && typeof Intl.Segmenter === "function"  // as Pagefind cuts (else at spaces)
      ? Array.from(new Intl.Segmenter(lang, { granularity: "word" }).segment(query))
        .filter(function (part) { return part.isWordLike; }).map(function (part) { return part.segment; })
      : query.split(/\s+/);
    words = words.filter(function (word) { return HAN.test(word); });
    return Promise.all(words.map(found)).then(function (counts) {
      var missing = words.filter(function (word, i) { return counts[i] === 0; });
      return missing.length ? missing[0] : null;
    });
  }

  function found(word) {
    if (!known.has(word)) known.set(word, pagefind.search(word).then(function (answer) { return answer.results.length; }));
    return known.get(word);
  }

  // Pagefind puts a space after every block of the page; Chinese sets its sentences side by side (also where a
  // <mark> begins or ends between them).
  function closeUp(element) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT), nodes = [], node;
    while ((node = walker.nextNode())) nodes.push(node);
    nodes.forEach(function (each, i) {
      var value = each.nodeValue.replace(CHINESE_SPACE, ""), before = nodes[i - 1], after = nodes[i + 1];
      if (after && CHINESE_END.test(value) && CHINESE_START.test(after.nodeValue)) value = value.replace(/\s+$/, "");
      if (before && CHINESE_END.test(before.nodeValue) && CHINESE_START.test(value)) value = value.replace(/^\s+/, "");
      each.nodeValue = value;
    });
  }

  function item(data) {
    var entry = document.createElement("li"), link = document.createElement("a"), excerpt = document.createElement("p");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt: the page's own text, with <mark> around the words found
    if (SEGMENTED.test(lang)) closeUp(excerpt);
    entry.appendChild(link);
    entry.appendChild(excerpt);
    return entry;
  }

  function showNext(asking, n, focus) {
    var next = asking.results.slice(asking.shown, asking.shown + n);
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (data) {
      if (asking !== current) return;  // a later query has been asked since
      var first = null;
      data.forEach(function (each) {
        var entry = item(each);
        first = first || entry.querySelector("a");
        list.appendChild(entry);
      });
      asking.shown += data.length;
      var left = asking.results.length - asking.shown;
      list.hidden = asking.shown === 0;
      more.hidden = left <= 0;
      more.textContent = text.more.replace("{n}", Math.min(STEP, left));
      count.textContent = asking.missing ? text.countMissing.replace("{word}", asking.missing)
        : counted(asking.results.length, asking.shown);
      remember({ shown: asking.shown });
      if (focus && first) first.focus();
    });
  }

  function run(shown) {
    var query = input.value.trim(), filters = chosenFilters(), ticket = ++asked;
    showChosen();
    remember({ shown: 0, scroll: 0 });
    if (!query && Object.keys(filters).length === 0) {
      current = null;
      list.textContent = "";
      list.hidden = more.hidden = true;
      count.textContent = "";
      return Promise.resolve();
    }
    var asking = { filters: filters };
    if (order.value === "date") asking.sort = { order: "asc" };
    return Promise.all([pagefind.search(query || null, asking), missingWord(query)]).then(function (answers) {
      if (ticket !== asked) return;
      current = { results: answers[1] ? [] : answers[0].results, missing: answers[1], shown: 0 };
      list.textContent = "";
      return showNext(current, Math.max(STEP, shown || 0), false);
    });
  }

  function later() {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query) pagefind.preload(query);  // the index's chunks for these words load while the reader types
    timer = setTimeout(run, PAUSE_MS);
  }

  function start() {
    form.hidden = false;
    if (noScript) noScript.hidden = true;
    options.dataset.title = chosenLine.textContent;
    if (window.matchMedia("(min-width: 48em)").matches) options.open = true;  // a phone keeps them folded
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", later);
    selects.concat([order]).forEach(function (select) { select.addEventListener("change", function () { run(); }); });
    more.addEventListener("click", function () { if (current) showNext(current, STEP, true); });
    list.addEventListener("click", function () { remember({ scroll: window.scrollY }); });  // Back returns here
    var state = history.state || {};
    if (restore()) {
      run(state.shown).then(function () { if (state.scroll) window.scrollTo(0, state.scroll); });
    } else {
      showChosen();
    }
  }

  if (location.protocol === "file:") { unavailable(); return; }
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";  // the results come after the load
  import(root.dataset.bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.init();
  }).then(start).catch(unavailable);
})();
