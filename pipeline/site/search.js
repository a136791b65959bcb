/* The archive's search (pipeline/site/search.py): loads the index's script files as a query needs them,
   with <script> tags, so it works from any host and from disk. Words are folded as words.py folds them. */
(function () {
  "use strict";
  var LIMIT = 50;
  var me = document.currentScript;
  var here = me.src.replace(/search\.js(\?.*)?$/, "");
  var say = JSON.parse(me.getAttribute("data-words"));
  var data = { meta: null, stories: {}, words: {} };
  var loading = {};
  window.siteSearch = {
    meta: function (meta) { data.meta = meta; },
    stories: function (n, rows) { data.stories[n] = rows; },
    words: function (key, table) { data.words[key] = table; }
  };

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = here + name;
        script.onload = script.onerror = function () { resolve(); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }
  function fold(text) {
    return text.toLowerCase().replace(/['\u2019]/g, "").normalize("NFKD").replace(/\p{M}/gu, "");
  }
  function words(text) { return fold(text).match(/[\p{L}\p{N}_]+/gu) || []; }
  function key(word) {
    return Array.from(word).slice(0, 2).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  /* Stories holding every word typed (each as the start of a word), headlines first, then newest. */
  async function find(query) {
    var terms = Array.from(new Set(words(query)));
    if (!terms.length) return { total: 0, rows: [] };
    await load("meta.js");
    var shards = new Set(data.meta.shards);
    await Promise.all(Array.from(new Set(terms.map(key))).filter(function (k) { return shards.has(k); })
      .map(function (k) { return load("w-" + k + ".js"); }));
    var scores = null;
    terms.forEach(function (term) {
      var table = data.words[key(term)] || {};
      var found = new Map();
      Object.keys(table).forEach(function (word) {
        if (word.lastIndexOf(term, 0) !== 0) return;
        var exact = word === term ? 1 : 0;
        table[word][0].forEach(function (n) { found.set(n, Math.max(found.get(n) || 0, 4 + exact)); });
        table[word][1].forEach(function (n) { found.set(n, Math.max(found.get(n) || 0, 1 + exact)); });
      });
      if (scores === null) { scores = found; return; }
      var both = new Map();
      scores.forEach(function (score, n) { if (found.has(n)) both.set(n, score + found.get(n)); });
      scores = both;
    });
    var ranked = Array.from(scores).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).slice(0, LIMIT);
    var chunk = data.meta.chunk;
    await Promise.all(Array.from(new Set(ranked.map(function (r) { return Math.floor(r[0] / chunk); })))
      .map(function (c) { return load("stories-" + c + ".js"); }));
    return {
      total: scores.size,
      rows: ranked.map(function (r) { return data.stories[Math.floor(r[0] / chunk)][r[0] % chunk]; })
    };
  }
  window.siteSearchFind = find;

  function text(tag, value, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    var isolate = document.createElement("bdi");
    isolate.textContent = value;
    node.appendChild(isolate);
    return node;
  }
  var form = document.getElementById("search");
  var input = document.getElementById("query");
  var status = document.getElementById("status");
  var list = document.getElementById("results");
  var asked = 0;
  async function show() {
    var query = input.value, mine = ++asked;
    var found = await find(query);
    if (mine !== asked) return;
    list.textContent = "";
    found.rows.forEach(function (row) {
      var item = document.createElement("li");
      var link = text("a", row[0]);
      link.href = row[2];
      link.lang = row[3];
      var heading = document.createElement("h2");
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(text("p", row[5] + " · " + row[1], "where"));
      if (row[4]) item.appendChild(text("p", row[4], "first-line"));
      list.appendChild(item);
    });
    status.textContent = !query.trim() ? "" : !found.total ? say.search_none
      : say.search_found.replace("{count}", found.total) + (found.total > found.rows.length
        ? " " + say.search_more.replace("{count}", found.rows.length) : "");
  }
  var timer = 0;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 120); });
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  var asked_for = new URLSearchParams(location.search).get("q");
  if (asked_for) { input.value = asked_for; show(); }
})();
