(function () {
  "use strict";
  var root = JSON.parse(document.getElementById("chain-data").textContent);
  var container = document.getElementById("chain");
  var options = root.options;
  options.nodes.font.size = root.fontSize;
  var network = new vis.Network(container, {
    nodes: new vis.DataSet([]), edges: new vis.DataSet([])
  }, options);
  window.insatslogikNetwork = network;

  // The data drawn now: the whole page, its overview, or one group of the overview.
  var data, nodes, down, up, byId, readable;
  function use(d) {
    data = d;
    down = {}; up = {}; byId = {};
    lit = null; focused = null;
    d.links.forEach(function (link) {
      (down[link[0]] = down[link[0]] || []).push(link[1]);
      (up[link[1]] = up[link[1]] || []).push(link[0]);
    });
    Object.keys(d.info).forEach(function (name) { byId[d.info[name][0]] = name; });
    nodes = new vis.DataSet(d.nodes);
    network.setOptions({ nodes: { font: { size: d.fontSize } } });
    network.setData({ nodes: nodes, edges: new vis.DataSet(d.edges) });
    readable = 12 / d.fontSize;  // the scale at which labels are 12 px high
    document.body.setAttribute("data-nodes", String(d.nodes.length));
    document.body.setAttribute("data-layout", d.overview ? "overview" : d.curves.length || d.groups.length ? "graphviz" : "columns");
    document.body.removeAttribute("data-focus");
    document.body.setAttribute("data-lit", "all");
    firstView();
  }

  // A group of the overview, inflated from its compressed block only when it is opened.
  var back = document.getElementById("back");
  function inflate(number) {
    var text = document.getElementById("block-" + number).textContent;
    var bytes = Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  function openBlock(number) {
    return inflate(number).then(function (group) {
      use(group);
      back.hidden = false;
      document.body.setAttribute("data-block", String(number));
      lightPlan();  // a plan chosen before stays lit in the group opened
    });
  }
  function toOverview() {
    back.hidden = true;
    document.body.removeAttribute("data-block");
    use(root);
    lightPlan();
  }
  back.addEventListener("click", toOverview);
  window.insatslogikOpen = openBlock;

  // Whole chains, up and down, walked along the links (contributes to, measured by).
  function walk(start, next, seen) {
    var stack = [start];
    while (stack.length) {
      var name = stack.pop();
      (next[name] || []).forEach(function (other) {
        if (!seen[other]) { seen[other] = true; stack.push(other); }
      });
    }
  }
  function chainOf(name) {
    var seen = {};
    seen[name] = true;
    walk(name, down, seen);
    walk(name, up, seen);
    return seen;
  }

  // What is lit: null (everything) or a set of node names; the rest is dimmed.
  var lit = null;
  var focused = null;
  function light(set) {
    lit = set;
    var changes = Object.keys(data.info).map(function (name) {
      return { id: name, opacity: !set || set[name] ? 1 : 0.15 };
    });
    nodes.update(changes);
    document.body.setAttribute("data-lit", set ? String(Object.keys(set).length) : "all");
    network.redraw();
  }

  function show(name) {
    var box = network.getPositions([name])[name];
    network.moveTo({ position: box, scale: Math.max(network.getScale(), readable) });
  }
  function focus(name) {
    if (!data.info[name]) { return; }
    if (data.overview) { openBlock(data.info[name][4]); return; }
    focused = name;
    light(chainOf(name));
    network.selectNodes([name], false);
    show(name);
    document.body.setAttribute("data-focus", data.info[name][0]);
    var fragment = "#focus=" + encodeURIComponent(data.info[name][0]);
    if (location.hash !== fragment) { history.replaceState(null, "", fragment); }
  }
  function clear() {
    focused = null;
    light(null);
    network.unselectAll();
    document.body.removeAttribute("data-focus");
    if (location.hash) { history.replaceState(null, "", location.pathname + location.search); }
  }
  window.insatslogikFocus = function (id) { focus(byId[id]); };

  network.on("click", function (params) {
    if (params.nodes.length && data.info[params.nodes[0]]) { focus(params.nodes[0]); }
    else if (!params.edges.length) { clear(); }
  });

  // Search: title, id or tag; Enter focuses the first match, the list is reachable with Tab.
  var search = document.getElementById("search");
  var list = document.getElementById("matches");
  var count = document.getElementById("count");
  function matches(text) {
    var needle = text.trim().toLowerCase();
    if (!needle) { return []; }
    return Object.keys(data.info).filter(function (name) {
      var info = data.info[name];
      return (info[0] + "\n" + info[1] + "\n" + info[2]).toLowerCase().indexOf(needle) >= 0;
    });
  }
  search.addEventListener("input", function () {
    var found = matches(search.value);
    list.textContent = "";
    found.slice(0, 50).forEach(function (name) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = data.info[name][1] + " (" + data.info[name][0] + ")";
      button.addEventListener("click", function () { focus(name); });
      item.appendChild(button);
      list.appendChild(item);
    });
    count.textContent = search.value.trim() ? found.length + " " + data.words.matches : "";
    if (search.value.trim()) {
      var set = {};
      found.forEach(function (name) { set[name] = true; });
      light(set);
    } else if (!focused) { light(null); }
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var found = matches(search.value);
      if (found.length) { focus(found[0]); }
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      search.value = "";
      list.textContent = "";
      count.textContent = "";
      var filter = document.getElementById("findings");
      if (filter) { filter.value = ""; }
      var plans = document.getElementById("plans");
      if (plans) { plans.value = ""; }
      clear();
    }
  });

  // Findings: light the boxes one severity or one finding code marks.
  var filter = document.getElementById("findings");
  if (filter) {
    filter.addEventListener("change", function () {
      if (!filter.value) { light(null); return; }
      var parts = filter.value.split(":"), set = {};
      Object.keys(data.info).forEach(function (name) {
        data.info[name][3].forEach(function (found) {
          if ((parts[0] === "code" && found[0] === parts[1]) ||
              (parts[0] === "severity" && found[1] === parts[1])) { set[name] = true; }
        });
      });
      light(set);
    });
  }

  // Plans of a portfolio: light the boxes of one plan. On a page with an overview, the plan's
  // boxes may be in a group that is not open: one group is opened, several are lit on the
  // overview (root.planBlocks names the groups that hold each plan's boxes).
  var planFilter = document.getElementById("plans");
  function blocksOf(value) {
    return root.planBlocks && value ? root.planBlocks[value.slice("plan:".length)] || [] : null;
  }
  function lightPlan() {
    var value = planFilter ? planFilter.value : "";
    if (!value) { return; }
    var set = {};
    if (data.overview) {
      (blocksOf(value) || []).forEach(function (number) { set["g" + number] = true; });
    } else {
      Object.keys(data.plans || {}).forEach(function (name) {
        if ("plan:" + data.plans[name] === value) { set[name] = true; }
      });
    }
    light(set);
  }
  if (planFilter) {
    planFilter.addEventListener("change", function () {
      if (!planFilter.value) { light(null); return; }
      var blocks = blocksOf(planFilter.value);
      if (blocks) {
        var open = document.body.getAttribute("data-block");
        if (open === null || blocks.indexOf(Number(open)) < 0) {
          // The plan's boxes are not in the group drawn now.
          if (blocks.length === 1) { openBlock(blocks[0]); return; }
          if (!data.overview) { toOverview(); return; }
        }
      }
      lightPlan();
    });
  }

  // Group boxes and Graphviz's curves, drawn under the boxes in the network's coordinates.
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.font = "bold " + data.fontSize + "px 'DejaVu Sans', Arial, sans-serif";
    data.groups.forEach(function (group) {
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = "#8899aa";
      ctx.lineWidth = 1;
      ctx.fillStyle = group[5] || "rgba(238, 242, 249, 0.5)";
      ctx.beginPath();
      ctx.rect(group[1], group[2], group[3] - group[1], group[4] - group[2]);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#445566";
      ctx.textAlign = "center";
      ctx.fillText(group[0], (group[1] + group[3]) / 2, group[2] + data.fontSize + 3);
    });
    data.curves.forEach(function (curve) {
      var on = !lit || (lit[curve[0]] && lit[curve[1]]);
      var p = curve[2], a = curve[3];
      ctx.globalAlpha = on ? 1 : 0.12;
      ctx.strokeStyle = curve[4];
      ctx.fillStyle = curve[4];
      ctx.lineWidth = curve[6];
      ctx.setLineDash(curve[5] ? [5, 4] : []);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
      for (var i = 2; i + 5 < p.length; i += 6) {
        ctx.bezierCurveTo(p[i], p[i + 1], p[i + 2], p[i + 3], p[i + 4], p[i + 5]);
      }
      ctx.stroke();
      if (a.length) {
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(a[0], a[1]);
        for (var j = 2; j + 1 < a.length; j += 2) { ctx.lineTo(a[j], a[j + 1]); }
        ctx.closePath();
        ctx.fill();
      }
    });
    ctx.restore();
  });

  // The first view: readable (labels about 12 px); the whole plan if it fits at that size,
  // otherwise its first group (or its top left corner).
  function firstView() {
    var width = container.clientWidth, height = container.clientHeight;
    network.fit({ animation: false });
    if (network.getScale() >= readable) {
      network.moveTo({ scale: Math.min(network.getScale(), 2 * readable) });
      return;
    }
    var area = data.firstArea;
    if (!area && data.bounds) {
      area = [0, 0, Math.min(data.bounds[0], width / readable), Math.min(data.bounds[1], height / readable)];
    }
    if (!area) {
      var ids = Object.keys(data.info);
      var points = network.getPositions(ids.concat(data.nodes.filter(function (n) {
        return !data.info[n.id];
      }).map(function (n) { return n.id; })));
      var left = Infinity, top = Infinity;
      Object.keys(points).forEach(function (id) {
        left = Math.min(left, points[id].x);
        top = Math.min(top, points[id].y);
      });
      area = [left - 90, top - 30, left - 90 + width / readable, top - 30 + height / readable];
    }
    var scale = Math.max(readable, Math.min(width / (area[2] - area[0] + 20), height / (area[3] - area[1] + 20)));
    var x = Math.max(area[0] + width / 2 / scale - 10, (area[0] + area[2]) / 2);
    var y = area[1] + height / 2 / scale - 10;
    if (scale * (area[2] - area[0]) <= width) { x = (area[0] + area[2]) / 2; }
    network.moveTo({ position: { x: x, y: y }, scale: scale });
  }
  use(root);
  var start = /^#focus=(.+)$/.exec(location.hash);
  if (start) {
    var id = decodeURIComponent(start[1]);
    if (!root.overview) {
      if (byId[id]) { focus(byId[id]); }
    } else {
      // The last block says which group holds each box: open it, then focus the box.
      inflate(Object.keys(root.info).length).then(function (where) {
        if (where[id] === undefined) { return; }
        openBlock(where[id]).then(function () { focus(byId[id]); });
      });
    }
  }
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", "1");
  });
})();
