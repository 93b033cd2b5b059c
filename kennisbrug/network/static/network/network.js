/* Network page: highlight a node's neighbours on click or focus and show its details.
   The page works without this script (every node is a link that the server answers with the
   same highlighting); the script only makes it instant. No dependencies. */
(function () {
  "use strict";
  var svg = document.querySelector("[data-network]");
  var dataElement = document.getElementById("netwerk-gegevens");
  var panel = document.getElementById("netwerk-details");
  var filter = document.getElementById("netwerk-thema");
  if (!svg || !dataElement || !panel) return;
  var data = JSON.parse(dataElement.textContent);
  var text = data.text;
  var notes = {};
  // Neighbours both ways, from the edges (sent once to keep the page light).
  Object.keys(data.nodes).forEach(function (id) { data.nodes[id].n = []; });
  data.edges.forEach(function (edge) {
    data.nodes[edge[0]].n.push(edge[1]);
    data.nodes[edge[1]].n.push(edge[0]);
    notes[edge[0] + "|" + edge[1]] = edge[2];
  });
  var nodeElements = svg.querySelectorAll("[data-id]");
  var edgeElements = svg.querySelectorAll(".edge");
  var current = null;

  function element(tag, attributes, content) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    if (content !== undefined) el.textContent = content;
    return el;
  }

  function byLabel(a, b) {
    return data.nodes[a].l.localeCompare(data.nodes[b].l, "nl");
  }

  function noteFor(id, other) {
    var node = data.nodes[id];
    var key = node.k === "werkplaats" ? id + "|" + other : other + "|" + id;
    return notes[key] || "";
  }

  function section(id, kind, title) {
    var ids = data.nodes[id].n.filter(function (n) { return data.nodes[n].k === kind; });
    if (!ids.length) return null;
    var fragment = document.createDocumentFragment();
    fragment.appendChild(element("h4", {}, title + " (" + ids.length + ")"));
    var list = element("ul");
    ids.sort(byLabel).forEach(function (other) {
      var item = element("li");
      var node = data.nodes[other];
      // Names are Dutch on the English site too (a theme's may be English, then "g" says so):
      // marked as the server's rendering marks them.
      if (kind === "partner") {
        item.appendChild(element("span", { lang: "nl" }, node.l));
        item.appendChild(document.createTextNode(" "));
      } else {
        item.appendChild(element("a", { lang: node.g || "nl", href: "?knoop=" + other + "#netwerk", "data-select": other }, node.l));
        item.appendChild(document.createTextNode(" "));
      }
      var note = noteFor(id, other);
      var meta = kind === "partner" ? node.c + (note ? ", " + note : "") : note;
      if (meta) item.appendChild(element("span", { "class": "meta" }, meta));
      list.appendChild(item);
    });
    fragment.appendChild(list);
    return fragment;
  }

  function renderDetails(id) {
    panel.textContent = "";
    if (!id) {
      panel.appendChild(element("p", { "class": "hint" }, text.hint));
      return;
    }
    var node = data.nodes[id];
    panel.appendChild(element("h3", { "class": "details-title", lang: node.g || "nl" }, node.l));
    var kind = element("p", { "class": "meta" });
    if (node.k === "werkplaats") {
      kind.textContent = text.werkplaats + (node.s !== node.l ? ": " : "");
      if (node.s !== node.l) kind.appendChild(element("span", { lang: "nl" }, node.s));
    } else {
      kind.textContent = node.k === "theme" ? text.theme : text.partner + " (" + node.c + ")";
    }
    panel.appendChild(kind);
    if (node.u) {
      var link = element("p");
      link.appendChild(element("a", { href: node.u }, text.toPage));
      panel.appendChild(link);
    }
    [["werkplaats", text.werkplaatsen], ["theme", text.themes], ["partner", text.partners]].forEach(function (pair) {
      var part = section(id, pair[0], pair[1]);
      if (part) panel.appendChild(part);
    });
    var all = element("p");
    all.appendChild(element("a", { href: window.location.pathname + "#netwerk", "class": "clear-selection" }, text.all));
    panel.appendChild(all);
  }

  function select(id, fromFocus) {
    if (id && !data.nodes[id]) id = null;
    // Keep the address shareable: it is the same page the server renders for this selection.
    // (Not on focus alone: tabbing through the graph should not rewrite the address.)
    if (!fromFocus) {
      var url = window.location.pathname + (id ? "?knoop=" + encodeURIComponent(id) : "") + "#netwerk";
      window.history.replaceState(null, "", url);
    }
    if (id === current) return;
    current = id;
    var neighbours = {};
    if (id) data.nodes[id].n.forEach(function (n) { neighbours[n] = true; });
    svg.classList.toggle("has-selection", !!id);
    nodeElements.forEach(function (el) {
      var nodeId = el.getAttribute("data-id");
      el.classList.remove("is-selected", "is-neighbour", "is-dimmed");
      if (!id) return;
      el.classList.add(nodeId === id ? "is-selected" : neighbours[nodeId] ? "is-neighbour" : "is-dimmed");
    });
    edgeElements.forEach(function (el) {
      el.classList.remove("is-neighbour", "is-dimmed");
      if (!id) return;
      var touches = el.getAttribute("data-a") === id || el.getAttribute("data-b") === id;
      el.classList.add(touches ? "is-neighbour" : "is-dimmed");
    });
    if (filter) filter.value = id && data.nodes[id].k === "theme" ? id : "";
    renderDetails(id);
  }

  function nodeOf(target) {
    var el = target.closest ? target.closest("[data-id]") : null;
    return el && svg.contains(el) ? el : null;
  }

  svg.addEventListener("click", function (event) {
    var el = nodeOf(event.target);
    if (!el) return;
    event.preventDefault();
    select(el.getAttribute("data-id"));
  });
  svg.addEventListener("focusin", function (event) {
    var el = nodeOf(event.target);
    if (el) select(el.getAttribute("data-id"), true);
  });
  svg.addEventListener("keydown", function (event) {
    if (event.key === "Escape") select(null);
  });
  panel.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    var target = link.getAttribute("data-select");
    if (link.classList.contains("clear-selection")) target = "";
    if (target === null) return;
    event.preventDefault();
    select(target || null);
  });
  if (filter) {
    filter.addEventListener("change", function () { select(filter.value || null); });
    filter.form.addEventListener("submit", function (event) {
      event.preventDefault();
      select(filter.value || null);
    });
  }
  var initial = new URLSearchParams(window.location.search).get("knoop");
  current = initial && data.nodes[initial] ? initial : null;
})();
