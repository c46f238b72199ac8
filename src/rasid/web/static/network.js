/* The actor network: a force layout drawn as SVG, redrawn when a filter changes.
 * Data comes from the page (#network-data) and, after a filter change, from the page's
 * JSON twin (/network.json); nothing is loaded from anywhere else. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var box = document.getElementById("network");
  var form = document.getElementById("network-filters");
  var summary = document.getElementById("network-summary");
  if (!box) { return; }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function colour(score) {
    /* mean PLOVER score, -10 (conflict) .. +10 (cooperation); a dark grey for neutral
     * pairs and strong ends, so even a thin edge stands out on the white card */
    var t = Math.max(-1, Math.min(1, (score || 0) / 10));
    var grey = [95, 95, 95], red = [178, 24, 43], green = [27, 120, 55];
    var end = t < 0 ? red : green, a = Math.abs(t);
    var c = grey.map(function (g, i) { return Math.round(g + (end[i] - g) * a); });
    return "rgb(" + c.join(",") + ")";
  }

  function layout(nodes, edges, width, height) {
    /* Fruchterman-Reingold from a deterministic start (a circle), so a page shows the
     * same picture every time it is loaded; then scaled to fit the drawing. */
    var n = nodes.length, index = {}, pos = [];
    nodes.forEach(function (node, i) {
      index[node.id] = i;
      var angle = 2 * Math.PI * i / Math.max(1, n);
      pos.push({x: Math.cos(angle), y: Math.sin(angle)});
    });
    var k = 1.3 / Math.sqrt(Math.max(1, n)), temp = 0.2;
    var links = edges.map(function (e) { return [index[e.source], index[e.target]]; })
      .filter(function (p) { return p[0] !== undefined && p[1] !== undefined; });
    for (var step = 0; step < 300; step++) {
      var disp = pos.map(function () { return {x: 0, y: 0}; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          var d = Math.max(1e-4, Math.sqrt(dx * dx + dy * dy)), f = k * k / d;
          disp[i].x += dx / d * f; disp[i].y += dy / d * f;
          disp[j].x -= dx / d * f; disp[j].y -= dy / d * f;
        }
      }
      links.forEach(function (p) {
        var a = pos[p[0]], b = pos[p[1]], dx = a.x - b.x, dy = a.y - b.y;
        var d = Math.max(1e-4, Math.sqrt(dx * dx + dy * dy)), f = d * d / k;
        disp[p[0]].x -= dx / d * f; disp[p[0]].y -= dy / d * f;
        disp[p[1]].x += dx / d * f; disp[p[1]].y += dy / d * f;
      });
      for (i = 0; i < n; i++) {
        /* gravity keeps unconnected groups near the middle */
        disp[i].x -= pos[i].x * 3 * k; disp[i].y -= pos[i].y * 3 * k;
        var len = Math.max(1e-4, Math.sqrt(disp[i].x * disp[i].x + disp[i].y * disp[i].y));
        pos[i].x += disp[i].x / len * Math.min(len, temp);
        pos[i].y += disp[i].y / len * Math.min(len, temp);
      }
      temp = Math.max(0.002, temp * 0.98);
    }
    var xs = pos.map(function (p) { return p.x; }), ys = pos.map(function (p) { return p.y; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var left = 30, right = 130, top = 25, bottom = 25;
    pos = pos.map(function (p) {
      return {x: left + (maxX > minX ? (p.x - minX) / (maxX - minX) : 0.5) * (width - left - right),
              y: top + (maxY > minY ? (p.y - minY) / (maxY - minY) : 0.5) * (height - top - bottom)};
    });
    return {index: index, pos: pos};
  }

  function bilingual(node) {
    /* "Egypt · مصر": both scripts when the actor has an Arabic name */
    return node.label + (node.ar && node.ar !== node.label ? " · " + node.ar : "");
  }

  function dyadUrl(source, target, level) {
    return "/dyad?actor=" + encodeURIComponent(source) + "&recipient=" +
      encodeURIComponent(target) + (level === "country" ? "&level=country" : "");
  }

  function draw(data) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var level = (data.filters && data.filters.level) || box.getAttribute("data-level");
    box.setAttribute("data-nodes", String(data.nodes.length));
    box.setAttribute("data-edges", String(data.edges.length));
    if (!data.nodes.length) {
      var p = document.createElement("p");
      p.className = "muted empty-network";
      p.textContent = "No pairs match these filters.";
      box.appendChild(p);
      return;
    }
    var width = Math.max(600, box.clientWidth || 900), height = 620;
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, "class": "network-svg",
                         role: "img", "aria-label": "network of actors"}, box);
    var defs = el("defs", {}, svg);
    var marker = el("marker", {id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5",
                               markerUnits: "userSpaceOnUse", markerWidth: "9", markerHeight: "9",
                               orient: "auto"}, defs);
    el("path", {d: "M 0 0 L 10 5 L 0 10 z", "class": "arrow"}, marker);
    var placed = layout(data.nodes, data.edges, width, height);
    var maxEvents = Math.max.apply(null, data.edges.map(function (e) { return e.events; }).concat([1]));
    var maxNode = Math.max.apply(null, data.nodes.map(function (n) { return n.events; }).concat([1]));
    var radius = function (node) { return 4 + 14 * Math.sqrt(node.events / maxNode); };
    var nodeById = data.nodes.reduce(function (m, n) { m[n.id] = n; return m; }, {});
    var edgeLayer = el("g", {"class": "edges"}, svg);
    data.edges.forEach(function (e) {
      var a = placed.pos[placed.index[e.source]], b = placed.pos[placed.index[e.target]];
      if (!a || !b) { return; }
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
      var bend = 0.15; /* curve to the left of the direction, so A->B and B->A part */
      var cx = mx - dy * bend, cy = my + dx * bend;
      /* stop at the target's circle, so the arrow head shows */
      var target = nodeById[e.target], tx = b.x - cx, ty = b.y - cy;
      var tl = Math.max(1e-4, Math.sqrt(tx * tx + ty * ty)), r = radius(target) + 2;
      b = {x: b.x - tx / tl * r, y: b.y - ty / tl * r};
      var width_ = 1.6 + 7 * Math.sqrt(e.events / maxEvents);
      var path = el("path", {d: "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" + cx.toFixed(1) + "," +
                             cy.toFixed(1) + " " + b.x.toFixed(1) + "," + b.y.toFixed(1),
                             "class": "edge", stroke: colour(e.score_mean), "stroke-width": width_.toFixed(2),
                             "marker-end": "url(#arrow)", "data-source": e.source, "data-target": e.target,
                             "data-events": String(e.events)}, edgeLayer);
      var title = el("title", {}, path);
      title.textContent = bilingual(nodeById[e.source]) + " → " + bilingual(nodeById[e.target]) + ": " + e.events +
        " event(s), mean score " + (e.score_mean === null ? "–" : e.score_mean.toFixed(1));
      path.addEventListener("click", function () { window.location.href = dyadUrl(e.source, e.target, level); });
    });
    var nodeLayer = el("g", {"class": "nodes"}, svg);
    data.nodes.forEach(function (node) {
      var p = placed.pos[placed.index[node.id]];
      var link = el("a", {href: "/actor/" + encodeURI(node.id), "class": "node", "data-id": node.id}, nodeLayer);
      el("circle", {cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radius(node).toFixed(1)}, link);
      var x = (p.x + radius(node) + 3).toFixed(1);
      var label = el("text", {x: x, y: (p.y + 4).toFixed(1), "class": "label-en"}, link);
      label.textContent = node.label;
      if (node.ar && node.ar !== node.label) {
        /* the Arabic name under the English one, shown while the node is hovered or focused */
        var ar = el("text", {x: x, y: (p.y + 17).toFixed(1), "class": "label-ar", lang: "ar"}, link);
        ar.textContent = node.ar;
      }
      link.setAttribute("aria-label", bilingual(node));
      var title = el("title", {}, link);
      title.textContent = bilingual(node) + " (" + node.id + "): " + node.events + " event(s)";
    });
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
    return params.toString();
  }

  function refresh() {
    var q = query();
    box.classList.add("loading");
    fetch("/network.json?" + q, {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (result) {
        box.classList.remove("loading");
        if (!result.ok) {
          summary.textContent = result.body.message || "The filters are not valid.";
          return;
        }
        draw(result.body);
        summary.textContent = result.body.nodes.length + " of " + result.body.total_nodes + " actors, " +
          result.body.edges.length + " of " + result.body.total_edges + " pairs.";
        window.history.replaceState(null, "", "/network" + (q ? "?" + q : ""));
      });
  }

  draw(JSON.parse(document.getElementById("network-data").textContent));
  if (form) {
    form.addEventListener("change", refresh);
    form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  }
}());
