"use strict";
// Page switching by URL fragment, the sidebar highlight and search. The graphs are in graph.js.
var SITE = JSON.parse(document.getElementById("site-data").textContent);

function showPage(hash) {
  var id = decodeURIComponent((hash || "").replace(/^#/, "")) || "overview";
  var slash = id.indexOf("/");
  var column = null;
  if (slash > 0) { column = id.substring(slash + 1); id = id.substring(0, slash); }
  // Pages are "page-" + fragment so the browser never jumps to them by itself.
  var page = document.getElementById("page-" + id);
  if (!page) { id = "overview"; page = document.getElementById("page-overview"); }
  document.querySelectorAll("[data-page]").forEach(function (p) { p.hidden = p !== page; });
  document.querySelectorAll(".sidebar a").forEach(function (a) {
    a.classList.toggle("current", a.getAttribute("href") === "#" + id);
  });
  if (id === "overview") drawDag(document.getElementById("dag"));
  if (id === "lineage") showLineage(column);
  window.scrollTo(0, 0);
}

function showLineage(column) {
  var input = document.getElementById("lineage-column");
  if (column) input.value = column;
  if (!input.value) input.value = firstLineageColumn();
  drawLineage(document.getElementById("lineage-graph"), input.value, function (key) {
    location.hash = "#lineage/" + encodeURIComponent(key);
  });
}

function firstLineageColumn() {
  var best = "", most = -1;
  Object.keys(SITE.lineage.parents).forEach(function (key) {
    var n = SITE.lineage.parents[key].length;
    if (n > most) { most = n; best = key; }
  });
  return best;
}

function setUpLineagePicker() {
  var list = document.getElementById("lineage-columns");
  Object.keys(allColumns()).sort().forEach(function (key) {
    var option = document.createElement("option");
    option.value = key;
    list.appendChild(option);
  });
  document.getElementById("lineage-column").addEventListener("change", function (e) {
    location.hash = "#lineage/" + encodeURIComponent(e.target.value);
  });
  document.querySelectorAll("a.lineage-link").forEach(function (a) {
    a.setAttribute("href", "#lineage/" + encodeURIComponent(a.getAttribute("data-column")));
  });
}

function allColumns() {
  var keys = {};
  Object.keys(SITE.lineage.parents).forEach(function (key) {
    keys[key] = true;
    SITE.lineage.parents[key].forEach(function (p) { keys[p] = true; });
  });
  return keys;
}

function search(query) {
  var q = query.trim().toLowerCase();
  if (!q) return [];
  var hits = [];
  SITE.search.forEach(function (entry) {
    var score = 0, why = "";
    var name = entry.name.toLowerCase();
    if (name === q) score = 100;
    else if (name.indexOf(q) === 0) score = 50;
    else if (name.indexOf(q) >= 0) score = 30;
    var columns = entry.columns.filter(function (c) { return c.toLowerCase().indexOf(q) >= 0; });
    if (columns.length) { score = Math.max(score, 20); why = "columns: " + columns.slice(0, 4).join(", "); }
    if (!score && entry.description.toLowerCase().indexOf(q) >= 0) { score = 10; why = entry.description; }
    if (score) hits.push({ entry: entry, score: score, why: why });
  });
  hits.sort(function (a, b) { return b.score - a.score || a.entry.name.localeCompare(b.entry.name); });
  return hits.slice(0, 30);
}

function setUpSearch() {
  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  input.addEventListener("input", function () {
    results.textContent = "";
    var hits = search(input.value);
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + hit.entry.anchor;
      var kind = document.createElement("span");
      kind.className = "kind kind-" + hit.entry.kind;
      kind.textContent = hit.entry.kind;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(" " + hit.entry.name));
      if (hit.why) {
        var why = document.createElement("div");
        why.className = "hit";
        why.textContent = hit.why;
        a.appendChild(why);
      }
      li.appendChild(a);
      results.appendChild(li);
    });
    if (!hits.length && input.value.trim()) {
      var none = document.createElement("li");
      none.className = "hit";
      none.style.padding = "6px 12px";
      none.textContent = "No match.";
      results.appendChild(none);
    }
    results.hidden = !input.value.trim();
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = results.querySelector("a");
      if (first) { location.hash = first.getAttribute("href"); results.hidden = true; }
    } else if (e.key === "Escape") {
      results.hidden = true;
    }
  });
  results.addEventListener("click", function () { results.hidden = true; });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
  });
}

window.addEventListener("hashchange", function () { showPage(location.hash); });
document.addEventListener("DOMContentLoaded", function () {
  setUpSearch();
  setUpLineagePicker();
  showPage(location.hash);
});
