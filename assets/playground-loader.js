// The playground's loader: it puts Run, Edit, Reset, Share and Format
// under every snippet that can run in a browser, and loads the rest of the
// playground (playground.js, then the interpreter) only when one is used,
// or when the address is a link to an edited program.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".play[data-source]");
  if (!boxes.length || !document.currentScript) return;
  var base = document.currentScript.src.replace(/[^\/]*$/, "");
  var buttons = [
    ["run", "Run", "Run the program in this browser (Ctrl+Enter while editing)"],
    ["edit", "Edit", "Edit the program in place"],
    ["format", "Format", "Format the program with go/format"],
    ["reset", "Reset", "Back to the original program and its output"],
    ["share", "Share", "Copy a link to the program as edited"]
  ];
  Array.prototype.forEach.call(boxes, function (box) {
    var html = '<div class="play-bar">';
    buttons.forEach(function (b) {
      html += '<button type="button" class="play-button" data-play="' + b[0] + '" title="' + b[2] + '">' + b[1] + "</button>";
    });
    box.innerHTML = html + '</div><p class="play-status" role="status"></p>';
  });
  document.documentElement.classList.add("play-ready");

  var api;
  function load() {
    if (!api) {
      api = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + "playground.js";
        s.onload = function () { resolve(window.gonotesPlayground(base)); };
        s.onerror = function () { reject(new Error("could not load " + s.src)); };
        document.head.appendChild(s);
      });
    }
    return api;
  }
  function status(box, text) {
    var p = box.querySelector(".play-status");
    if (p) p.textContent = text;
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-play]");
    if (!b) return;
    var box = b.closest(".play");
    load().then(function (pg) { pg.act(b.dataset.play, box); }, function (err) { status(box, err.message); });
  });
  // A shared program: #snippet-LINE/CODE.
  var shared = /^#(snippet-\d+)\/(.+)$/.exec(location.hash);
  if (shared) {
    load().then(function (pg) { pg.open(shared[1], shared[2]); });
  }
})();
