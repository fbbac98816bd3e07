// Search: the Search button or the / key opens a dialog. The index
// (search-index.js, written when the site is built) is loaded the first time,
// with a <script> tag, so search works from file:// and on any static host.
// Results are sections of lessons, ranked by where the words occur: the
// lesson's title, a heading, the prose, then the identifiers in its code.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
  var button = document.querySelector(".search-button");
  var WEIGHT = { title: 8, heading: 4, prose: 2, code: 1 };
  var dialog, input, results, status, sections, loading;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function build() {
    if (dialog) return;
    dialog = el("dialog", { "class": "search-dialog", "aria-labelledby": "search-label" });
    var box = el("div", { "class": "search-box", role: "search" });
    box.appendChild(el("label", { id: "search-label", "for": "search-input" }, "Search the lessons"));
    input = el("input", {
      id: "search-input", type: "search", autocomplete: "off", spellcheck: "false",
      "aria-controls": "search-results", "aria-describedby": "search-status"
    });
    box.appendChild(input);
    var close = el("button", { type: "button", "class": "search-close" }, "Close");
    close.addEventListener("click", function () { dialog.close(); });
    box.appendChild(close);
    dialog.appendChild(box);
    status = el("p", { id: "search-status", "class": "search-status", role: "status" });
    dialog.appendChild(status);
    results = el("ol", { id: "search-results", "class": "search-results", "aria-label": "Results" });
    dialog.appendChild(results);
    document.body.appendChild(dialog);

    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { move(0); e.preventDefault(); }
      if (e.key === "Enter") {
        var first = results.querySelector("a");
        if (first) { first.click(); e.preventDefault(); }
      }
    });
    results.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(results.querySelectorAll("a"));
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown") { move(i + 1); e.preventDefault(); }
      if (e.key === "ArrowUp") { if (i <= 0) input.focus(); else move(i - 1); e.preventDefault(); }
    });
    // A result on this page only scrolls, so close the dialog to show it.
    results.addEventListener("click", function (e) {
      if (e.target.closest("a")) dialog.close();
    });
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) dialog.close(); // a click on the backdrop
    });
  }

  function move(i) {
    var links = results.querySelectorAll("a");
    if (links.length) links[Math.min(i, links.length - 1)].focus();
  }

  function open() {
    build();
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load();
  }

  function load() {
    if (sections || loading) return;
    loading = true;
    status.textContent = "Loading the index…";
    var s = document.createElement("script");
    s.src = base + "assets/search-index.js";
    s.onload = function () { sections = prepare(window.searchIndex); run(); };
    s.onerror = function () { loading = false; status.textContent = "The search index could not be loaded."; };
    document.head.appendChild(s);
  }

  // prepare flattens the index into sections, with lower-case copies to match.
  function prepare(index) {
    var out = [];
    index.l.forEach(function (lesson) {
      lesson.s.forEach(function (s, i) {
        out.push({
          // A lesson's first section stands for the lesson: its title leads to the top.
          url: lesson.u + (s.i && i > 0 ? "#" + s.i : ""),
          title: lesson.t, heading: s.h || "", prose: s.p || "",
          lower: { title: i === 0 ? lesson.t.toLowerCase() : "", heading: (s.h || "").toLowerCase(),
                   prose: (s.p || "").toLowerCase(), code: (s.c || "").toLowerCase() }
        });
      });
    });
    return out;
  }

  function terms(q) {
    return q.toLowerCase().split(/[^\w.]+/).map(function (t) { return t.replace(/^\.+|\.+$/g, ""); })
      .filter(function (t) { return t.length > 0; });
  }

  // score is the sum, over the query's words, of the best place each occurs;
  // a section that lacks one of them scores 0. A match at the start of a
  // word counts a little more than one inside a word.
  function score(s, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var best = 0;
      for (var field in WEIGHT) {
        var at = s.lower[field].indexOf(words[i]);
        if (at < 0) continue;
        var w = WEIGHT[field] + (at === 0 || /\W/.test(s.lower[field].charAt(at - 1)) ? 0.5 : 0);
        if (w > best) best = w;
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function run() {
    if (!sections) return;
    var words = terms(input.value);
    results.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var found = [];
    sections.forEach(function (s, order) {
      var sc = score(s, words);
      if (sc) found.push({ s: s, score: sc, order: order });
    });
    found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var shown = found.slice(0, 30);
    shown.forEach(function (f) { results.appendChild(result(f.s, words)); });
    status.textContent = found.length === 0 ? "No results." :
      found.length + (found.length === 1 ? " result" : " results") + (found.length > shown.length ? ", the best " + shown.length + " shown." : ".");
  }

  function result(s, words) {
    var li = el("li");
    var a = el("a", { href: base + s.url });
    a.appendChild(el("span", { "class": "result-title" }, s.heading ? s.title + " › " + s.heading : s.title));
    var text = excerpt(s.prose, s.lower.prose, words);
    if (text) a.appendChild(marked(el("span", { "class": "result-text" }), text, words));
    li.appendChild(a);
    return li;
  }

  // excerpt is about 160 characters of prose around the first word found.
  function excerpt(prose, lower, words) {
    var at = -1;
    words.forEach(function (w) { var i = lower.indexOf(w); if (i >= 0 && (at < 0 || i < at)) at = i; });
    if (at < 0) return prose.length > 160 ? prose.slice(0, 160) + "…" : prose;
    var start = Math.max(0, prose.lastIndexOf(" ", Math.max(0, at - 50)));
    var end = Math.min(prose.length, start + 160);
    return (start > 0 ? "…" : "") + prose.slice(start, end).trim() + (end < prose.length ? "…" : "");
  }

  // marked appends text to node with every occurrence of the words in <mark>.
  function marked(node, text, words) {
    var pattern = new RegExp("(" + words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "gi");
    text.split(pattern).forEach(function (part, i) {
      node.appendChild(i % 2 ? el("mark", {}, part) : document.createTextNode(part));
    });
    return node;
  }

  if (button) {
    button.addEventListener("click", open);
    button.classList.add("ready");
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    e.preventDefault();
    open();
  });
})();
