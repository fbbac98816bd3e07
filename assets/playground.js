// The playground's page code, loaded by playground-loader.js on first use:
// editing in place, running in a worker (playground-worker.js), Stop, the
// time limit, Reset, Share and Format. What a run printed and how it ended
// come from the worker as an engine.Result, made by the same Go code as the
// build's (see playground/); this file only shows it.
window.gonotesPlayground = function (base) {
  "use strict";
  var maxMemory = 512 << 20; // as the build's sandbox
  var slowdown = 6;
  var manifest = null;
  var module = null;
  var spare = null; // a worker for the next run, loading or ready
  var loading = null; // the state of the snippet waiting for the first load
  var states = new WeakMap();

  // Workers.

  function spawn() {
    var w = { handlers: {}, next: 1 };
    try {
      w.worker = new Worker(base + "playground-worker.js");
    } catch (err) {
      w.ready = Promise.reject(explain(err));
      return w;
    }
    w.call = function (msg, handler) {
      msg.id = w.next++;
      w.handlers[msg.id] = handler;
      w.worker.postMessage(msg);
    };
    w.ready = new Promise(function (resolve, reject) {
      w.worker.onmessage = function (e) {
        var h = w.handlers[e.data.id];
        if (h) h(e.data);
      };
      w.worker.onerror = function (e) {
        e.preventDefault();
        reject(explain(new Error(e.message || "the playground's worker failed to start")));
      };
      w.call({ type: "init", module: module, manifest: manifest }, function (m) {
        if (m.type === "progress" && loading) {
          say(loading, "Loading the Go interpreter (once): " + mb(m.loaded) + " of " + mb(m.total) + " MB");
        } else if (m.type === "ready") {
          module = m.module;
          manifest = m.manifest;
          resolve(w);
        } else if (m.type === "error") {
          reject(explain(new Error(m.error)));
        }
      });
    });
    w.ready.catch(function () { if (spare === w) spare = null; });
    return w;
  }
  // ready returns a promise of the spare worker, starting one if needed.
  function ready() {
    if (!spare) spare = spawn();
    return spare.ready;
  }
  // take hands the spare worker to a run, which ends it; the next is
  // started at once so the next run finds it ready.
  function take() {
    return ready().then(function (w) {
      spare = null;
      ready().catch(function () {});
      return w;
    });
  }
  function end(w) {
    if (w && w.worker) w.worker.terminate();
  }
  function explain(err) {
    if (location.protocol === "file:") {
      return new Error("This browser does not run the playground from a file. Serve the site instead, " +
        "for example with `python3 -m http.server -d _site` in the repository, and open http://localhost:8000/.");
    }
    return err;
  }
  function mb(n) { return (n / 1048576).toFixed(1); }

  // Snippets.

  function state(box) {
    var st = states.get(box);
    if (st) return st;
    var fig = box.closest("figure");
    var source = box.dataset.source;
    var shown = box.dataset.shown ? box.dataset.shown.split(",").map(Number) : null;
    var lines = source.split("\n");
    st = {
      box: box,
      fig: fig,
      code: fig.querySelector(".code"),
      source: source,
      shownLines: shown,
      shown: shown ? shown.map(function (n) { return lines[n - 1] + "\n"; }).join("") : source,
      allow: box.dataset.allow ? box.dataset.allow.split(",") : [],
      timeout: Number(box.dataset.timeout) || 10000,
      unordered: box.hasAttribute("data-unordered"),
      original: fig.querySelector(".output"),
      output: null,
      editor: null,
      run: null
    };
    st.output = st.original;
    states.set(box, st);
    return st;
  }
  function say(st, text) { st.box.querySelector(".play-status").textContent = text; }
  function runButton(st) { return st.box.querySelector('[data-play="run"],[data-play="stop"]'); }

  function edit(st, code) {
    if (!st.editor) {
      var ta = document.createElement("textarea");
      ta.className = "play-editor";
      ta.spellcheck = false;
      ta.setAttribute("autocapitalize", "off");
      ta.setAttribute("autocomplete", "off");
      ta.setAttribute("aria-label", "The program, editable. Tab inserts a tab (Escape, then Tab, leaves); Ctrl+Enter runs.");
      ta.value = st.shown;
      var escaped = false;
      ta.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          run(st);
        } else if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !escaped) {
          e.preventDefault();
          if (!document.execCommand("insertText", false, "\t")) ta.setRangeText("\t", ta.selectionStart, ta.selectionEnd, "end");
        }
        escaped = e.key === "Escape";
      });
      ta.addEventListener("input", function () { fit(ta); });
      var pre = st.code.querySelector("pre");
      if (pre) {
        // Same font, size, spacing and tabs as the code it replaces.
        var font = getComputedStyle(pre.querySelector("code") || pre), box = getComputedStyle(pre);
        ["fontFamily", "fontSize", "lineHeight", "tabSize", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft"].forEach(function (k) {
          ta.style[k] = (k.indexOf("padding") === 0 ? box : font)[k];
        });
        pre.hidden = true;
      }
      st.code.insertBefore(ta, st.code.firstChild);
      st.editor = ta;
      fit(ta);
    }
    if (code !== undefined) {
      st.editor.value = code;
      fit(st.editor);
    }
    st.editor.focus();
  }
  function fit(ta) {
    ta.style.height = "auto";
    ta.style.height = ta.scrollHeight + 2 + "px";
  }

  function reset(st) {
    stop(st, null);
    if (st.editor) {
      st.editor.remove();
      st.editor = null;
      var pre = st.code.querySelector("pre");
      if (pre) pre.hidden = false;
    }
    show(st, st.original);
    if (location.hash.indexOf("#" + st.fig.id + "/") === 0) history.replaceState(null, "", location.pathname + location.search);
    say(st, "Back to the original program and its output.");
  }

  function show(st, node) {
    if (node === st.output) return;
    if (st.output) st.output.replaceWith(node);
    else st.box.after(node);
    st.output = node;
  }

  // Running.

  function run(st) {
    if (st.run) return;
    var edited = st.editor && st.editor.value !== st.shown ? st.editor.value : null;
    // The build's time limit applies, except to a program as the page
    // shows it that finished when the site was built: that one is known to
    // end, and the interpreter runs 10 to 30 times slower in WebAssembly
    // than natively, so it gets slowdown times longer (Stop ends it sooner).
    var limit = st.timeout;
    if (edited === null && st.original && !st.original.classList.contains("failed")) limit *= slowdown;
    var r = { log: [], live: null, worker: null, timer: 0, slow: 0, start: 0, limit: limit, edited: edited !== null };
    st.run = r;
    var b = runButton(st);
    b.textContent = "Stop";
    b.dataset.play = "stop";
    if (!module) loading = st;
    say(st, module ? "Starting…" : "Loading the Go interpreter (once)…");
    take().then(function (w) {
      if (st.run !== r) return end(w);
      r.worker = w;
      if (edited === null) return start(st, r, st.source);
      w.call({ type: "program", source: st.source, shown: st.shownLines || allLines(st.source), edited: edited }, function (m) {
        if (m.type !== "program") return failed(st, r, m.error);
        // Before an edited program runs, the static check names what yaegi
        // would run unlike Go; the warnings go beside its output.
        w.call({ type: "check", source: m.source }, function (c) {
          r.findings = c.findings || [];
          start(st, r, m.source);
        });
      });
    }, function (err) { failed(st, r, err.message); });
  }
  function allLines(src) {
    var n = src.split("\n").length - 1, out = [];
    for (var i = 1; i <= n; i++) out.push(i);
    return out;
  }
  function start(st, r, source) {
    r.worker.call({ type: "run", source: source, allow: st.allow, timeout: r.limit, maxMemory: maxMemory }, function (m) {
      if (st.run !== r) return;
      switch (m.type) {
      case "started":
        r.start = performance.now();
        r.timer = setTimeout(function () { stop(st, "timeout"); }, r.limit);
        r.slow = setTimeout(function () {
          say(st, "Still running: the interpreter is much slower in a browser than in the build. Stop ends it.");
        }, 3000);
        say(st, "Running…");
        r.live = frame(st, r, "running in this browser");
        r.live.classList.add("play-live");
        show(st, r.live);
        break;
      case "output":
        Array.prototype.push.apply(r.log, m.log);
        if (r.live) print(r.live.querySelector(".output-text"), m.live || []);
        break;
      case "done":
        finish(st, r, m.result);
        break;
      case "error":
        failed(st, r, m.error);
        break;
      }
    });
  }
  // stop kills a run: the page ends its worker, and a fresh one turns what
  // the run wrote into its Result. why is "timeout", "stopped" or null (a
  // reset, which shows nothing).
  function stop(st, why) {
    var r = st.run;
    if (!r) return;
    done(st, r);
    end(r.worker);
    if (!why) return;
    say(st, why === "timeout" ? "Time is up: stopping…" : "Stopping…");
    var ending = { killed: why, code: -1, elapsed: r.start ? performance.now() - r.start : 0 };
    ready().then(function (w) {
      w.call({ type: "finish", log: r.log, ending: ending, timeout: r.limit }, function (m) {
        if (m.type === "done") render(st, r, m.result);
        else say(st, "The playground failed: " + m.error);
      });
    }, function (err) { say(st, err.message); });
  }
  function finish(st, r, result) {
    done(st, r);
    end(r.worker);
    if (result.error) return say(st, "The playground failed: " + result.error);
    render(st, r, result);
  }
  function failed(st, r, msg) {
    done(st, r);
    end(r.worker);
    say(st, msg);
  }
  function done(st, r) {
    clearTimeout(r.timer);
    clearTimeout(r.slow);
    if (loading === st) loading = null;
    st.run = null;
    var b = runButton(st);
    b.textContent = "Run";
    b.dataset.play = "run";
  }

  // render shows a Result where the build's output was, as the page's
  // template shows one, labelled as a run in this browser.
  function render(st, r, res) {
    var out = frame(st, r, r.edited ? "edited, run in this browser" : "run in this browser");
    if (res.outcome !== "ok") out.classList.add("failed");
    out.dataset.outcome = res.outcome || "stopped";
    var pre = out.querySelector(".output-text");
    print(pre, res.events || []);
    if (!pre.firstChild) pre.appendChild(el("span", "no-output", "(no output)"));
    if (res.note) out.appendChild(el("p", "output-note", res.note));
    if (res.outcome === "timeout") {
      out.appendChild(el("p", "output-note play-slow", "The interpreter runs programs 10 to 30 times slower in a browser " +
        "than when the site was built: one that Go finishes in a second can take half a minute here."));
    }
    (r.findings || []).forEach(function (f) {
      out.appendChild(el("p", "output-note play-warning", "main.go:" + f.Line + ": " + f.Msg +
        " (yaegi runs this unlike Go, so this output may differ from Go's)"));
    });
    out.appendChild(el("p", "provenance", "Ran in this browser with yaegi (Go interpreter, built with " +
      manifest.go_version + "); not verified against Go."));
    show(st, out);
    var lines = pre.textContent.split("\n").length - 1;
    say(st, (res.note ? res.note + ". " : "") + "Output updated: " + lines + (lines === 1 ? " line" : " lines") +
      (res.exit ? ", exit status " + res.exit : "") + ".");
  }
  // frame makes an output box as the page's template does, labelled.
  function frame(st, r, label) {
    var out = el("div", "output play-output");
    out.setAttribute("role", "group");
    out.setAttribute("aria-label", "Output of the run in this browser");
    var head = el("div", "output-head");
    head.appendChild(el("span", "output-label", "Output"));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "badge play-badge", label));
    if (st.unordered) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "badge varies", "lines come in any order"));
    }
    out.appendChild(head);
    out.appendChild(el("pre", "output-text"));
    return out;
  }
  function print(pre, events) {
    events.forEach(function (e) {
      pre.appendChild(e.s === 2 ? el("span", "stderr", e.t) : document.createTextNode(e.t));
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Format and Share.

  function format(st) {
    edit(st);
    var code = st.editor.value;
    ready().then(function (w) {
      w.call({ type: "format", code: code }, function (m) {
        var res = m.result || { error: m.error };
        if (res.error) return say(st, "Format: " + res.error);
        if (st.editor.value !== code) return;
        st.editor.focus();
        st.editor.select();
        if (!document.execCommand("insertText", false, res.source)) st.editor.value = res.source;
        fit(st.editor);
        say(st, res.source === code ? "Already formatted." : "Formatted.");
      });
    }, function (err) { say(st, err.message); });
  }

  function share(st) {
    var code = st.editor ? st.editor.value : st.shown;
    pack(code).then(function (packed) {
      var url = location.href.replace(/#.*$/, "") + "#" + st.fig.id + "/" + packed;
      history.replaceState(null, "", url);
      return navigator.clipboard.writeText(url).then(function () {
        say(st, "Link copied: it opens this page with the program as it is now in the editor.");
      });
    }).catch(function () {
      say(st, "The address bar now holds the link to this program: copy it from there.");
    });
  }
  // pack compresses text (deflate-raw) into base64url, with a "z" first;
  // where a browser cannot compress, "u" and the text itself.
  function pack(text) {
    var bytes = new TextEncoder().encode(text);
    if (typeof CompressionStream === "undefined") return Promise.resolve("u" + b64(bytes));
    var s = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(s).arrayBuffer().then(function (buf) { return "z" + b64(new Uint8Array(buf)); });
  }
  function unpack(packed) {
    var bytes = unb64(packed.slice(1));
    if (packed[0] === "u") return Promise.resolve(new TextDecoder().decode(bytes));
    var s = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(s).text();
  }
  function b64(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function unb64(s) {
    var bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  return {
    act: function (name, box) {
      var st = state(box);
      switch (name) {
      case "run": return run(st);
      case "stop": return stop(st, "stopped");
      case "edit": return edit(st);
      case "reset": return reset(st);
      case "share": return share(st);
      case "format": return format(st);
      }
    },
    // open puts a shared program into its snippet's editor (not run).
    open: function (id, packed) {
      var fig = document.getElementById(id);
      var box = fig && fig.querySelector(".play[data-source]");
      if (!box) return;
      var st = state(box);
      unpack(packed).then(function (code) {
        edit(st, code);
        fig.scrollIntoView();
        say(st, "This is the program from the link, edited; press Run to run it.");
      }, function () {
        say(st, "The link's program could not be read: it may have been cut short.");
      });
    }
  };
};
