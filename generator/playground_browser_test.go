package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gonotes/concurrency/generator/browsertest"
)

// The browser tests of the playground build the real lessons with the
// playground, serve them under a sub-path as GitHub Pages does, and drive
// Debian's headless Chromium with chromedp.

var playSite = flag.String("playground.site", "", "test the lessons and the playground on this already built site instead of building one")

// playBrowser is one Chromium tab on the site, recording what the page
// reports going wrong.
type playBrowser struct {
	ctx      context.Context
	base     string // the site's address, ending in /repo/
	mu       sync.Mutex
	problems []string
}

// openBrowser serves the site under /repo/ and starts a browser on it.
func openBrowser(t *testing.T) *playBrowser {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the site and drives a browser; skipped with -short")
	}
	exe := browsertest.Require(t)
	dir, err := lessonsSite()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix("/repo", http.FileServer(http.Dir(dir))))
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &playBrowser{ctx: ctx, base: srv.URL + "/repo/"}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, p := range b.problems {
			t.Errorf("the page reported: %s", p)
		}
	})
	return b
}

// record runs on chromedp's reading goroutine: it must be quick.
func (b *playBrowser) record(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + d.Exception.Description
		}
		b.problems = append(b.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			b.problems = append(b.problems, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			b.problems = append(b.problems, fmt.Sprintf("console (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

// open loads a page of the site (the loader runs before the load event) and
// adds the tests' helpers.
func (b *playBrowser) open(t *testing.T, page string) {
	t.Helper()
	b.do(t, 30*time.Second, chromedp.Navigate(b.base+page))
	playEval[bool](t, b, 10*time.Second, helpers+"; true")
}

func (b *playBrowser) do(t *testing.T, limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting a promise.
func playEval[T any](t *testing.T, b *playBrowser, limit time.Duration, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", js, err)
	}
	return v
}

// helpers are the tests' functions in the page, as a reader would use the
// controls: click a button, wait for the output that replaces the last one.
const helpers = `window.pt = {
  fig: (id) => document.getElementById(id),
  click: (id, name) => pt.fig(id).querySelector('[data-play="' + name + '"]').click(),
  output: (out) => ({
    text: out.querySelector(".output-text").textContent,
    note: (out.querySelector(".output-note:not(.play-warning)") || {}).textContent || "",
    warnings: Array.from(out.querySelectorAll(".play-warning"), (p) => p.textContent),
    browser: out.classList.contains("play-output"),
    outcome: out.dataset.outcome || "",
  }),
  // next resolves with the next output of the snippet to replace the current one.
  next: (id, limit) => new Promise((resolve, reject) => {
    const before = pt.fig(id).querySelector(".output"), t0 = performance.now();
    const poll = () => {
      const out = pt.fig(id).querySelector(".output");
      if (out !== before && !out.classList.contains("play-live")) return resolve(Object.assign(pt.output(out), {ms: performance.now() - t0}));
      if (performance.now() - t0 > limit) return reject(new Error(id + ": no output after " + limit + " ms; the status says: " + pt.status(id)));
      setTimeout(poll, 10);
    };
    poll();
  }),
  run: (id, limit) => { const p = pt.next(id, limit); pt.click(id, "run"); return p; },
  // printing resolves once the output of the running program shows text.
  printing: (id, text, limit) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => {
      const live = pt.fig(id).querySelector(".play-live .output-text");
      if (live && live.textContent.includes(text)) return resolve(live.textContent);
      if (performance.now() - t0 > limit) return reject(new Error(id + ": the running program never showed " + text));
      setTimeout(poll, 10);
    };
    poll();
  }),
  status: (id) => pt.fig(id).querySelector(".play-status").textContent,
  // editor clicks Edit and resolves with the snippet's editor once it is there.
  editor: (id) => new Promise((resolve) => {
    pt.click(id, "edit");
    const poll = () => { const ta = pt.fig(id).querySelector("textarea"); ta ? resolve(ta) : setTimeout(poll, 10); };
    poll();
  }),
  edit: (id, code) => pt.editor(id).then((ta) => { ta.value = code; ta.dispatchEvent(new Event("input")); return ta.value; }),
  // first returns the id of the page's first runnable snippet with (or without) hidden lines.
  first: (hidden) => [...document.querySelectorAll(".play[data-source]")]
    .find((p) => p.hasAttribute("data-shown") === hidden).closest("figure").id,
  // whenStatus resolves once the snippet's status matches re.
  whenStatus: (id, re, limit) => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const poll = () => {
      if (new RegExp(re).test(pt.status(id))) return resolve(pt.status(id));
      if (performance.now() - t0 > limit) return reject(new Error(id + ": status " + JSON.stringify(pt.status(id)) + " never matched " + re));
      setTimeout(poll, 10);
    };
    poll();
  }),
};`

type playOutput struct {
	Text, Note string
	Warnings   []string // the static check's, beside an edited program's output
	Browser    bool
	Outcome    string // of a run in the browser
	MS         float64
}

// TestPlaygroundRunsEverySnippet runs, unedited, every snippet on the site
// that can run in a browser and whose output does not vary, and compares
// what the browser printed with the output on the page.
func TestPlaygroundRunsEverySnippet(t *testing.T) {
	b := openBrowser(t)
	dir, _ := lessonsSite()
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, p := range pages {
		page := filepath.Base(p)
		b.open(t, page)
		snippets := playEval[[]struct {
			ID        string
			Unordered bool
		}](t, b, 5*time.Second, `[...document.querySelectorAll("figure .play[data-source]")]
			.filter((p) => !p.closest("figure").querySelector(".badge.varies"))
			.map((p) => ({id: p.closest("figure").id, unordered: p.hasAttribute("data-unordered")}))`)
		for _, sn := range snippets {
			id := sn.ID
			want := playEval[playOutput](t, b, 5*time.Second, fmt.Sprintf(`pt.output(pt.fig(%q).querySelector(".output"))`, id))
			got := playEval[playOutput](t, b, 60*time.Second, fmt.Sprintf(`pt.run(%q, 50000)`, id))
			ran++
			if !got.Browser {
				t.Errorf("%s#%s: the output after Run is not labelled as a run in this browser", page, id)
			}
			if sn.Unordered {
				// "Unordered output:" fixes the lines, not their order,
				// which a browser's one thread changes.
				got.Text, want.Text = sortedLines(got.Text), sortedLines(want.Text)
			}
			if got.Text != want.Text || got.Note != want.Note {
				t.Errorf("%s#%s: in the browser:\n%s%s\n\non the page:\n%s%s", page, id, got.Text, got.Note, want.Text, want.Note)
			}
		}
	}
	if ran < 20 {
		t.Errorf("only %d snippets ran in the browser; the lessons have more deterministic yaegi snippets", ran)
	}
}

func sortedLines(s string) string {
	lines := strings.Split(s, "\n")
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestPlaygroundWeight: reading a page loads nothing of the playground but
// its loader, which stays small, and what the first Run downloads stays
// under 3 MB on a host that compresses nothing.
func TestPlaygroundWeight(t *testing.T) {
	b := openBrowser(t)
	dir, _ := lessonsSite()
	manifest, err := os.ReadFile(filepath.Join(dir, playgroundDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m playgroundManifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	wasm, err := os.Stat(filepath.Join(dir, playgroundDir, m.Wasm))
	if err != nil {
		t.Fatal(err)
	}
	if wasm.Size() != int64(m.WasmSize) {
		t.Errorf("the manifest says the module has %d bytes; it has %d", m.WasmSize, wasm.Size())
	}
	firstRun := wasm.Size()
	for _, f := range []string{"playground.js", "playground-worker.js", "fzstd.js", "playground/" + m.WasmExec} {
		info, err := os.Stat(filepath.Join(dir, "assets", f))
		if err != nil {
			t.Fatal(err)
		}
		firstRun += info.Size()
	}
	if firstRun > 3_000_000 {
		t.Errorf("the first Run downloads %d bytes uncompressed (the module %d); the limit is 3 MB", firstRun, wasm.Size())
	}
	loader, err := os.ReadFile(filepath.Join(dir, "assets", "playground-loader.js"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(loader)
	w.Close()
	if gz.Len() > 3000 {
		t.Errorf("the loader every page loads is %d bytes gzip; the limit is 3 KB", gz.Len())
	}
	t.Logf("the loader: %d bytes, %d gzip; the first Run: %d bytes, the module %d (%d decompressed)", len(loader), gz.Len(), firstRun, m.WasmSize, m.RawSize)

	b.open(t, "race-detector.html")
	loaded := playEval[[]string](t, b, 5*time.Second, `performance.getEntriesByType("resource").map((r) => r.name)`)
	for _, u := range loaded {
		if strings.Contains(u, "playground") && !strings.HasSuffix(u, "/playground-loader.js") && !strings.HasSuffix(u, "/playground.css") {
			t.Errorf("reading a page loaded %s", u)
		}
	}
}
