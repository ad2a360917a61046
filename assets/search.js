// The search page's form, on Pagefind's JavaScript API (pagefind/pagefind.js, served by this site):
// results as the reader types (after a pause), filters by region, month and status, the count read
// out by a live region. Every word shown comes from the page (templates/strings.yaml).
"use strict";
(function () {
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var PAUSE_MS = 100, SHOWN = 10;
  var noScript = document.querySelector("[data-search-no-script]");
  var fromDisk = document.querySelector("[data-search-from-disk]");
  var form = root.querySelector("form"), input = root.querySelector("input[type=search]");
  var count = root.querySelector(".search-count"), list = root.querySelector(".search-results");
  var selects = Array.prototype.slice.call(root.querySelectorAll("select[data-filter]"));
  var pagefind = null, timer = 0, asked = 0;

  function unavailable() {
    if (noScript) noScript.hidden = true;
    if (fromDisk) fromDisk.hidden = false;
  }

  function counted(n, shown) {
    var d = root.dataset;
    if (n === 0) return d.countNone;
    if (n === 1) return d.countOne;
    if (shown < n) return d.countShown.replace("{n}", n).replace("{shown}", shown);
    return d.countMany.replace("{n}", n);
  }

  function fillFilters(filters) {
    selects.forEach(function (select) {
      if (select.options.length > 1) return;  // the page offers its own choices, in the order a reader expects
      var values = Object.keys(filters[select.dataset.filter] || {}).sort();
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
    });
  }

  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) { if (select.value) chosen[select.dataset.filter] = select.value; });
    return chosen;
  }

  function show(results, total, ticket) {
    if (ticket !== asked) return;  // a later query has been asked since
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li"), link = document.createElement("a"), excerpt = document.createElement("p");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      excerpt.innerHTML = data.excerpt;  // Pagefind's excerpt: the page's own text, with <mark> around the words found
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
    count.textContent = counted(total, results.length);
  }

  function run() {
    var query = input.value.trim(), filters = chosenFilters(), ticket = ++asked;
    if (!query && Object.keys(filters).length === 0) {
      list.textContent = "";
      list.hidden = true;
      count.textContent = "";
      return;
    }
    pagefind.search(query || null, { filters: filters }).then(function (found) {
      var first = found.results.slice(0, SHOWN);
      return Promise.all(first.map(function (result) { return result.data(); })).then(function (data) {
        show(data, found.results.length, ticket);
      });
    });
  }

  function later() {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query) pagefind.preload(query);  // the index's chunks for these words load while the reader types
    timer = setTimeout(run, PAUSE_MS);
  }

  if (location.protocol === "file:") { unavailable(); return; }
  import(root.dataset.bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    return pagefind.init().then(function () { return pagefind.filters(); });
  }).then(function (filters) {
    fillFilters(filters);
    form.hidden = false;
    if (noScript) noScript.hidden = true;
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
    input.addEventListener("input", later);
    selects.forEach(function (select) { select.addEventListener("change", run); });
    var asked_for = new URLSearchParams(location.search).get("q");
    if (asked_for) { input.value = asked_for; run(); }
  }).catch(unavailable);
})();
