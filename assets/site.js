// Enhancements for readers with JavaScript: a theme switch that remembers
// the choice, copy buttons on code, and the arrow keys for the previous and
// next lesson. Every page reads fine without it.
(function () {
  "use strict";
  var root = document.documentElement;

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function currentTheme() { return root.dataset.theme || systemTheme(); }

  function setupTheme() {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    function label() {
      var next = currentTheme() === "dark" ? "light" : "dark";
      button.textContent = next === "dark" ? "Dark theme" : "Light theme";
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("theme", next); } catch (e) { /* private mode: the choice lasts this page */ }
      label();
    });
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
        }, function () {
          flash(button, "Press Ctrl+C");
          selectText(code);
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
      // file:// pages are not a secure context; fall back to a hidden textarea.
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
      var rel = e.key === "ArrowLeft" ? "prev" : e.key === "ArrowRight" ? "next" : "";
      if (!rel) return;
      var link = document.querySelector('link[rel="' + rel + '"]');
      if (!link) return;
      e.preventDefault();
      window.location.href = link.href;
    });
  }

  setupTheme();
  setupCopy();
  setupKeys();
})();
