// The DAG and the column lineage graph: layered by depth (longest path from a root), drawn as SVG.
var SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(name, attrs, parent) {
  var el = document.createElementNS(SVG_NS, name);
  Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
  if (parent) parent.appendChild(el);
  return el;
}

function fitLabel(text, maxChars) {
  return text.length <= maxChars ? text : text.substring(0, maxChars - 1) + "\u2026";
}

/** Longest-path depth of every id; parentsOf(id) lists the parents inside the graph. Cycles are cut. */
function depths(ids, parentsOf) {
  var depth = {}, visiting = {};
  function walk(id) {
    if (depth[id] !== undefined) return depth[id];
    if (visiting[id]) return 0;
    visiting[id] = true;
    var d = 0;
    parentsOf(id).forEach(function (p) { d = Math.max(d, walk(p) + 1); });
    visiting[id] = false;
    depth[id] = d;
    return d;
  }
  ids.forEach(walk);
  return depth;
}

/** Ids grouped by depth, each layer ordered by the mean position of its parents (one barycentre sweep). */
function layers(ids, parentsOf, depth, tieBreak) {
  var byDepth = [];
  ids.forEach(function (id) { (byDepth[depth[id]] = byDepth[depth[id]] || []).push(id); });
  var position = {};
  byDepth.forEach(function (layer) {
    layer.sort(function (a, b) {
      return centre(a) - centre(b) || tieBreak(a, b);
    });
    layer.forEach(function (id, i) { position[id] = i; });
  });
  function centre(id) {
    var ps = parentsOf(id).filter(function (p) { return position[p] !== undefined; });
    if (!ps.length) return -1;
    return ps.reduce(function (s, p) { return s + position[p]; }, 0) / ps.length;
  }
  return byDepth.map(function (l) { return l || []; });
}

function edgePath(x1, y1, x2, y2) {
  var mid = (x1 + x2) / 2;
  return "M" + x1 + "," + y1 + " C" + mid + "," + y1 + " " + mid + "," + y2 + " " + x2 + "," + y2;
}

function drawDag(container) {
  if (container.dataset.drawn) return;
  container.dataset.drawn = "1";
  var nodes = {}, ids = [];
  SITE.dag.forEach(function (n) { nodes[n.id] = n; ids.push(n.id); });
  function parentsOf(id) { return nodes[id].parents.filter(function (p) { return nodes[p]; }); }
  var depth = depths(ids, parentsOf);
  var byLayer = layers(ids, parentsOf, depth, function (a, b) { return nodes[a].name.localeCompare(nodes[b].name); });
  var colW = 210, nodeW = 180, nodeH = 28, gap = 12, pad = 12;
  var rows = Math.max.apply(null, byLayer.map(function (l) { return l.length; }).concat([1]));
  var width = byLayer.length * colW - (colW - nodeW) + 2 * pad, height = rows * (nodeH + gap) - gap + 2 * pad;
  var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "DAG" }, container);
  svg.style.maxWidth = width + "px";
  var at = {};
  byLayer.forEach(function (layer, d) {
    var offset = (rows - layer.length) * (nodeH + gap) / 2;
    layer.forEach(function (id, i) { at[id] = { x: pad + d * colW, y: pad + offset + i * (nodeH + gap) }; });
  });
  var edges = svgEl("g", {}, svg), edgeEls = [];
  ids.forEach(function (id) {
    parentsOf(id).forEach(function (p) {
      var path = svgEl("path", { "class": "edge", d: edgePath(at[p].x + nodeW, at[p].y + nodeH / 2, at[id].x, at[id].y + nodeH / 2) }, edges);
      edgeEls.push({ from: p, to: id, el: path });
    });
  });
  ids.forEach(function (id) {
    var n = nodes[id];
    var g = svgEl("g", { "class": "node", transform: "translate(" + at[id].x + "," + at[id].y + ")", tabindex: "0" }, svg);
    svgEl("title", {}, g).textContent = n.kind + " " + n.name;
    svgEl("rect", { width: nodeW, height: nodeH, stroke: "var(--" + n.kind + ")" }, g);
    svgEl("rect", { width: 5, height: nodeH, fill: "var(--" + n.kind + ")", stroke: "none" }, g);
    svgEl("text", { x: 12, y: nodeH / 2 + 4 }, g).textContent = fitLabel(n.name, 24);
    g.addEventListener("click", function () { location.hash = "#" + n.anchor; });
    g.addEventListener("keydown", function (e) { if (e.key === "Enter") location.hash = "#" + n.anchor; });
    g.addEventListener("mouseenter", function () { highlight(id, true); });
    g.addEventListener("mouseleave", function () { highlight(id, false); });
  });
  function highlight(id, on) {
    edgeEls.forEach(function (e) { if (e.from === id || e.to === id) e.el.classList.toggle("hot", on); });
  }
}

function relationOf(key) { return key.substring(0, key.lastIndexOf(".")); }

function drawLineage(container, selected, onSelect) {
  container.textContent = "";
  var parents = SITE.lineage.parents, children = {};
  Object.keys(parents).forEach(function (k) {
    parents[k].forEach(function (p) { (children[p] = children[p] || []).push(k); });
  });
  var known = parents[selected] || children[selected];
  if (!selected || !known) {
    var empty = document.createElement("div");
    empty.className = "empty";
    empty.textContent = selected ? "No lineage recorded for " + selected + "." : "No column lineage in this project.";
    container.appendChild(empty);
    return;
  }
  var keep = {};
  function collect(key, next) {
    if (keep[key] && key !== selected) return;
    keep[key] = true;
    (next[key] || []).forEach(function (k) { collect(k, next); });
  }
  collect(selected, parents);
  collect(selected, children);
  var keys = Object.keys(keep);
  var relations = {}, relIds = [];
  keys.forEach(function (k) {
    var r = relationOf(k);
    if (!relations[r]) { relations[r] = []; relIds.push(r); }
    relations[r].push(k);
  });
  var relParents = {};
  relIds.forEach(function (r) { relParents[r] = {}; });
  keys.forEach(function (k) {
    (parents[k] || []).forEach(function (p) { if (keep[p] && relationOf(p) !== relationOf(k)) relParents[relationOf(k)][relationOf(p)] = true; });
  });
  function relParentsOf(r) { return Object.keys(relParents[r]); }
  var depth = depths(relIds, relParentsOf);
  var byLayer = layers(relIds, relParentsOf, depth, function (a, b) { return a.localeCompare(b); });
  var colW = 260, boxW = 210, rowH = 22, titleH = 26, gap = 18, pad = 12;
  var at = {}, colY = {}, height = 0;
  byLayer.forEach(function (layer, d) {
    var y = pad;
    layer.forEach(function (r) {
      relations[r].sort();
      at[r] = { x: pad + d * colW, y: y };
      relations[r].forEach(function (k, i) { colY[k] = y + titleH + i * rowH + rowH / 2; });
      y += titleH + relations[r].length * rowH + 6 + gap;
    });
    height = Math.max(height, y - gap + pad);
  });
  var width = byLayer.length * colW - (colW - boxW) + 2 * pad;
  var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Column lineage of " + selected }, container);
  svg.style.maxWidth = width + "px";
  var edges = svgEl("g", {}, svg);
  keys.forEach(function (k) {
    (parents[k] || []).forEach(function (p) {
      if (!keep[p] || colY[p] === undefined) return;
      var hot = k === selected || p === selected;
      svgEl("path", { "class": "edge" + (hot ? " hot" : ""),
        d: edgePath(at[relationOf(p)].x + boxW - 4, colY[p], at[relationOf(k)].x + 4, colY[k]) }, edges);
    });
  });
  relIds.forEach(function (r) {
    var box = svgEl("g", { "class": "box", transform: "translate(" + at[r].x + "," + at[r].y + ")" }, svg);
    svgEl("rect", { "class": "frame", width: boxW, height: titleH + relations[r].length * rowH + 6, rx: 6 }, box);
    var anchor = SITE.lineage.relations[r.toLowerCase()];
    var title = svgEl("text", { "class": "title", x: 8, y: 17 }, box);
    title.textContent = fitLabel(r, 30);
    svgEl("title", {}, title).textContent = r;
    if (anchor) {
      title.style.cursor = "pointer";
      title.style.fill = "var(--accent)";
      title.addEventListener("click", function () { location.hash = "#" + SITE.anchors[anchor]; });
    }
    relations[r].forEach(function (k, i) {
      var g = svgEl("g", { "class": "col" + (k === selected ? " selected" : ""),
        transform: "translate(4," + (titleH + i * rowH) + ")", tabindex: "0" }, box);
      svgEl("title", {}, g).textContent = k;
      svgEl("rect", { width: boxW - 8, height: rowH - 3, rx: 4 }, g);
      svgEl("text", { x: 6, y: 14 }, g).textContent = fitLabel(k.substring(r.length + 1), 30);
      g.addEventListener("click", function () { onSelect(k); });
      g.addEventListener("keydown", function (e) { if (e.key === "Enter") onSelect(k); });
    });
  });
}
