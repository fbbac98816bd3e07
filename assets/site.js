// Enhancements for readers with JavaScript: the list of lessons (from
// toc.js, shared by every page), a theme switch that remembers the choice,
// copy buttons on code, and the arrow keys for the previous and next lesson.
// Every page reads fine without it.
(function () {
  "use strict";
  var root = document.documentElement;
  // The site's root, from this script's own address: pages at any depth,
  // and the 404 page served at any address, share one list of lessons.
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/site\.js(?:[?#].*)?$/, "") : "";

  function reveal(button) { button.classList.add("ready"); }

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function currentTheme() { return root.dataset.theme || systemTheme(); }

  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function label() {
      var next = currentTheme() === "dark" ? "light" : "dark";
      var wide = document.createElement("span");
      wide.className = "wide-only";
      wide.textContent = " theme";
      button.textContent = next === "dark" ? "Dark" : "Light";
      button.appendChild(wide);
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
    }
    label();
    reveal(button);
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
      label();
    });
  }

  // setupLessons fills every list of lessons on the page from toc.js and
  // marks the page being read.
  function setupLessons() {
    var lessons = window.siteLessons;
    if (!lessons) return;
    var here = location.href.split("#")[0].split("?")[0];
    if (/\/$/.test(here)) here += "index.html";
    Array.prototype.forEach.call(document.querySelectorAll("ol.lesson-items"), function (list) {
      var frag = document.createDocumentFragment();
      lessons.forEach(function (l) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = base + l[0];
        a.textContent = l[1];
        if (a.href === here) a.setAttribute("aria-current", "page");
        li.appendChild(a);
        frag.appendChild(li);
      });
      list.appendChild(frag);
    });
  }

  // announce tells screen readers what just happened, once.
  var status;
  function announce(text) {
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function setupCopy() {
    var blocks = document.querySelectorAll(".snippet .code");
    Array.prototype.forEach.call(blocks, function (block) {
      var code = block.querySelector("pre code") || block.querySelector("pre");
      if (!code) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy the code");
      button.addEventListener("click", function () {
        copyText(codeText(code)).then(function () {
          flash(button, "Copied");
          announce("Copied the code");
        }, function () {
          flash(button, "Press Ctrl+C");
          selectText(code);
          announce("Could not copy; the code is selected, press Ctrl+C");
        });
      });
      block.appendChild(button);
    });
  }

  // codeText leaves out line numbers, which are not part of the program.
  function codeText(code) {
    var lines = code.querySelectorAll(".cl");
    if (!lines.length) return code.textContent;
    return Array.prototype.map.call(lines, function (l) { return l.textContent; }).join("");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      // Outside a secure context there is no clipboard API: use a hidden textarea.
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(); }
    });
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function flash(button, text) {
    button.textContent = text;
    setTimeout(function () { button.textContent = "Copy"; }, 1500);
  }

  function setupKeys() {
    document.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      // Arrow keys scroll a focused code block sideways.
      if (t && t.closest && t.closest("pre, dialog")) return;
      var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : "";
      if (!rel) return;
      var link = document.querySelector('link[rel="' + rel + '"]');
      if (!link) return;
      e.preventDefault();
      window.location.href = link.href;
    });
  }

  setupTheme();
  setupLessons();
  setupCopy();
  setupKeys();
})();
