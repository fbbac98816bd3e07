// Live reload for `make serve`. It is not part of the built site: the
// server adds it to each page it serves. A page reloads when the site was
// rebuilt since it was loaded, and shows the errors of a failed build over
// itself (as text, never as HTML) until a build succeeds.
(function () {
  "use strict";
  var build = document.currentScript.dataset.build;
  var overlay = null;

  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("pre");
      overlay.id = "serve-errors";
      overlay.setAttribute("role", "alert");
      overlay.title = "Click to hide until the next build";
      // all:initial first, so that no rule of the site's stylesheet applies.
      overlay.style.cssText =
        "all:initial;display:block;position:fixed;inset:0;z-index:2147483647;margin:0;" +
        "padding:1.5rem;overflow:auto;background:#181818;color:#f5f5f5;cursor:pointer;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere";
      overlay.addEventListener("click", hide);
      document.body.appendChild(overlay);
    }
    overlay.textContent =
      "The site failed to build. This page is from the last build that worked.\n\n" + errors;
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  new EventSource("/__serve/events").addEventListener("build", function (e) {
    var s = JSON.parse(e.data);
    if (s.error) {
      show(s.error);
    } else if (s.id !== build) {
      location.reload();
    } else {
      hide();
    }
  });
})();
