package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/gonotes/concurrency/generator/runner"
)

// guidePage, the guide for authors, has a snippet with hidden lines.
const guidePage = "writing-a-lesson.html"

// snippetIDs returns the ids of the guide's first runnable snippet without
// hidden lines and of the first with.
func snippetIDs(t *testing.T, b *playBrowser) (plain, hidden string) {
	t.Helper()
	return playEval[string](t, b, 5*time.Second, "pt.first(false)"), playEval[string](t, b, 5*time.Second, "pt.first(true)")
}

// TestPlaygroundEditedPrograms edits a snippet into programs that end in
// every way a program can, runs each in the browser and with the build's
// runner, and compares: a deadlock, a goroutine's panic, os.Exit, a compile
// error, a memory hog and an output flood must read as they would on a page.
func TestPlaygroundEditedPrograms(t *testing.T) {
	b := openBrowser(t)
	ctx := context.Background()
	r, err := runner.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// warn is the start of the static check's warning each program must
	// get beside its output, or "" for none.
	programs := []struct{ name, src, warn string }{
		{"deadlock", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"waiting\")\n\tch := make(chan int)\n\t<-ch\n}\n", "main.go:8: the program deadlocks here"},
		{"goroutine panic", "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tfmt.Println(\"start\")\n\tgo func() {\n\t\tpanic(\"boom\")\n\t}()\n\ttime.Sleep(time.Second)\n}\n", "main.go:11: a panic in a goroutine other than main's"},
		{"panic in main", "package main\n\nfunc main() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}\n", ""},
		{"os.Exit", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tdefer fmt.Println(\"never\")\n\tfmt.Println(\"leaving\")\n\tos.Exit(3)\n}\n", ""},
		{"compile error", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(undefinedName)\n}\n", "main.go:6: the program does not compile"},
		{"memory hog", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"eating\")\n\tvar all [][]byte\n\tfor {\n\t\tall = append(all, make([]byte, 1<<20))\n\t\tall[len(all)-1][0] = 1\n\t}\n}\n", ""},
		{"output flood", "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() {\n\tline := strings.Repeat(\"ab\", 999)\n\tfor {\n\t\tfmt.Println(line)\n\t}\n}\n", ""},
	}
	b.open(t, guidePage)
	plainSnippet, _ := snippetIDs(t, b)
	for _, p := range programs {
		t.Run(p.name, func(t *testing.T) {
			res, err := r.Run(ctx, runner.Request{Source: p.src})
			if err != nil {
				t.Fatal(err)
			}
			var want strings.Builder
			for _, e := range res.Events {
				want.WriteString(e.Text)
			}
			playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, plainSnippet, p.src))
			got := playEval[playOutput](t, b, 60*time.Second, fmt.Sprintf(`pt.run(%q, 50000)`, plainSnippet))
			if got.Text != want.String() || got.Note != res.Note || got.Outcome != string(res.Outcome) {
				t.Errorf("in the browser (%s):\n%s%s\n\nwith the build's runner (%s):\n%s%s", got.Outcome, got.Text, got.Note, res.Outcome, want.String(), res.Note)
			}
			switch {
			case p.warn == "" && len(got.Warnings) > 0:
				t.Errorf("warnings %q, want none", got.Warnings)
			case p.warn != "" && (len(got.Warnings) == 0 || !strings.HasPrefix(got.Warnings[0], p.warn)):
				t.Errorf("warnings %q, want one starting %q", got.Warnings, p.warn)
			}
		})
	}
}

// TestPlaygroundHiddenLines edits the code around hidden lines: they stay
// hidden, and still run.
func TestPlaygroundHiddenLines(t *testing.T) {
	b := openBrowser(t)
	b.open(t, guidePage)
	_, hiddenLines := snippetIDs(t, b)
	code := playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.editor(%q).then((ta) => ta.value)`, hiddenLines))
	if strings.Contains(code, "func shout") || strings.Contains(code, `"strings"`) {
		t.Fatalf("the editor shows hidden lines:\n%s", code)
	}
	edited := strings.Replace(code, `fmt.Println(shout("the rice is ready"))`, `fmt.Println(shout("edited"))`+"\n\tfmt.Println(\"one more line\")", 1)
	playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, hiddenLines, edited))
	got := playEval[playOutput](t, b, 60*time.Second, fmt.Sprintf(`pt.run(%q, 50000)`, hiddenLines))
	if want := "EDITED!\none more line\n"; got.Text != want || !got.Browser {
		t.Errorf("the edited program printed %q (labelled as a browser run: %v), want %q", got.Text, got.Browser, want)
	}
}

// TestPlaygroundStop runs an endless loop, stops it, and runs again in a
// fresh worker.
func TestPlaygroundStop(t *testing.T) {
	b := openBrowser(t)
	b.open(t, guidePage)
	plainSnippet, _ := snippetIDs(t, b)
	spin := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"spinning\")\n\tfor {\n\t}\n}\n"
	playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, plainSnippet, spin))
	// The page shows what the program printed while its loop spins.
	playEval[string](t, b, 60*time.Second, fmt.Sprintf(`pt.click(%q, "run"), pt.printing(%q, "spinning", 50000)`, plainSnippet, plainSnippet))
	stopped := playEval[playOutput](t, b, 30*time.Second, fmt.Sprintf(`(() => { const p = pt.next(%q, 20000); pt.click(%q, "stop"); return p; })()`, plainSnippet, plainSnippet))
	if stopped.Text != "spinning\n" || !regexp.MustCompile(`^stopped after \d+\.\ds$`).MatchString(stopped.Note) {
		t.Errorf("after Stop: %q, note %q; want what it printed and when it was stopped", stopped.Text, stopped.Note)
	}
	hello := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"again\")\n}\n"
	playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, plainSnippet, hello))
	if got := playEval[playOutput](t, b, 60*time.Second, fmt.Sprintf(`pt.run(%q, 50000)`, plainSnippet)); got.Text != "again\n" {
		t.Errorf("the run after Stop printed %q, want \"again\\n\"", got.Text)
	}
}

// TestPlaygroundShare opens a shared link in a new page load: the snippet's
// editor holds the program as it was shared.
func TestPlaygroundShare(t *testing.T) {
	b := openBrowser(t)
	b.open(t, guidePage)
	_, hiddenLines := snippetIDs(t, b)
	code := playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.editor(%q).then((ta) => ta.value)`, hiddenLines))
	edited := strings.Replace(code, "the rice is ready", "shared with a friend ✓", 1)
	playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, hiddenLines, edited))
	url := playEval[string](t, b, 10*time.Second, fmt.Sprintf(`pt.click(%q, "share"), pt.whenStatus(%q, "[Ll]ink", 5000).then(() => location.href)`, hiddenLines, hiddenLines))
	if !strings.Contains(url, "#"+hiddenLines+"/") {
		t.Fatalf("after Share the address is %s", url)
	}
	b.do(t, 30*time.Second, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	got := playEval[string](t, b, 10*time.Second, fmt.Sprintf(`new Promise((resolve) => { const f = () => {
		const ta = document.querySelector("#%s textarea"); ta ? resolve(ta.value) : setTimeout(f, 10); }; f(); })`, hiddenLines))
	if got != edited {
		t.Errorf("the shared link opens\n%s\nwant\n%s", got, edited)
	}
}

// TestPlaygroundKeyboard edits with the keyboard: Tab inserts a tab, the
// Format button formats with go/format, Ctrl+Enter runs.
func TestPlaygroundKeyboard(t *testing.T) {
	b := openBrowser(t)
	b.open(t, guidePage)
	plainSnippet, _ := snippetIDs(t, b)
	messy := "package main\nimport \"fmt\"\nfunc main() {\nfmt.Println(\"formatted\")}\n"
	playEval[string](t, b, 5*time.Second, fmt.Sprintf(`pt.edit(%q, %q)`, plainSnippet, messy))
	sel := "#" + plainSnippet + " textarea"
	b.do(t, 5*time.Second, chromedp.Focus(sel), chromedp.Evaluate[chromedp.Void](`document.querySelector("`+sel+`").setSelectionRange(0, 0)`), chromedp.KeyEvent(kb.Tab))
	if got := playEval[string](t, b, 5*time.Second, `document.querySelector("`+sel+`").value`); got != "\t"+messy {
		t.Errorf("after Tab the code is %q, want a tab before it", got)
	}
	formatted := playEval[string](t, b, 30*time.Second, fmt.Sprintf(`pt.click(%q, "format"), pt.whenStatus(%q, "[Ff]ormat", 20000).then(() => document.querySelector(%q).value)`, plainSnippet, plainSnippet, sel))
	if want := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"formatted\")\n}\n"; formatted != want {
		t.Errorf("Format gave\n%s\nwant\n%s", formatted, want)
	}
	next := fmt.Sprintf(`window.pending = pt.next(%q, 50000); true`, plainSnippet)
	playEval[bool](t, b, 5*time.Second, next)
	b.do(t, 5*time.Second, chromedp.Focus(sel), chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if got := playEval[playOutput](t, b, 60*time.Second, `window.pending`); got.Text != "formatted\n" {
		t.Errorf("Ctrl+Enter ran and printed %q", got.Text)
	}
}

// TestPlaygroundFromFile opens a page from disk, where Chromium refuses to
// start workers: Run says what to do instead.
func TestPlaygroundFromFile(t *testing.T) {
	b := openBrowser(t)
	dir, _ := lessonsSite()
	b.do(t, 30*time.Second, chromedp.Navigate("file://"+dir+"/"+guidePage))
	playEval[bool](t, b, 10*time.Second, helpers+"; true")
	plain, _ := snippetIDs(t, b)
	said := playEval[string](t, b, 20*time.Second, fmt.Sprintf(`pt.click(%q, "run"), pt.whenStatus(%q, "Serve the site", 15000)`, plain, plain))
	if !strings.Contains(said, "python3 -m http.server") {
		t.Errorf("from file://, Run says %q", said)
	}
}

// TestPlaygroundNarrow: at 360 px the controls and the editor fit the
// screen, and a snippet with engine=go says why it cannot run here.
func TestPlaygroundNarrow(t *testing.T) {
	b := openBrowser(t)
	b.do(t, 10*time.Second, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch))
	b.open(t, "race-detector.html")
	plain := playEval[string](t, b, 5*time.Second, "pt.first(false)")
	playEval[string](t, b, 10*time.Second, fmt.Sprintf(`pt.editor(%q).then((ta) => ta.value)`, plain))
	if w := playEval[int](t, b, 5*time.Second, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("at 360 px the page is %d px wide", w)
	}
	bar := playEval[struct{ Right, Buttons int }](t, b, 5*time.Second, fmt.Sprintf(`(() => {
		const bar = pt.fig(%q).querySelector(".play-bar");
		return {right: Math.ceil(bar.getBoundingClientRect().right), buttons: bar.querySelectorAll("button[type=button]").length};
	})()`, plain))
	if bar.Right > 360 || bar.Buttons != 5 {
		t.Errorf("the controls end at %d px with %d buttons; want 5 buttons within 360 px", bar.Right, bar.Buttons)
	}
	why := playEval[[]string](t, b, 5*time.Second, `[...document.querySelectorAll("figure .play-none")].map((p) => p.textContent)`)
	if len(why) == 0 || !strings.Contains(strings.Join(why, "\n"), "race detector") {
		t.Errorf("the race detector's snippets do not say why they cannot run here: %q", why)
	}
	if n := playEval[int](t, b, 5*time.Second, `[...document.querySelectorAll("figure")].filter((f) => f.querySelector(".play-none") && f.querySelector(".play")).length`); n != 0 {
		t.Errorf("%d snippets both run in the browser and say they cannot", n)
	}
}
