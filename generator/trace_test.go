package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tracedLesson has two traced snippets whose figures are known in advance:
// three goroutines spinning on one P take turns in one lane; two spinning
// with two Ps run in two lanes at once, whatever the machine's cores. The
// first pins its output, the second does not.
const tracedLesson = "---\ntitle: Traced\n---\n\n" +
	"```go engine=go trace=\"Look for: one lane.\"\n" + `package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// init sets one P before main starts, and with it the recording.
func init() { runtime.GOMAXPROCS(1) }

func main() {
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { spin(15 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("done")
	// Output:
	// done
}
` + "```\n\n```go engine=go trace\n" + `package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func init() { runtime.GOMAXPROCS(2) }

func main() {
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { spin(40 * time.Millisecond) })
	}
	wg.Wait()
	fmt.Println("done")
}
` + "```\n"

// TestBuildTrace builds a lesson with traced snippets and checks each
// figure as a reader and a screen reader meet it: inline under the output,
// well-formed SVG with an accessible name, the lanes and goroutines the
// program makes, the lesson's caption and the summary as text.
func TestBuildTrace(t *testing.T) {
	dir := t.TempDir()
	// A snippet cache of the test's own; the go command's build cache stays
	// where it is (moving XDG_CACHE_HOME would move it too, and a cold one
	// compiles the standard library again).
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	writeFile(t, filepath.Join(dir, "content", "01-traced.md"), tracedLesson)
	t.Chdir(dir)
	if code, stderr := generate(t, "-content", "content", "-out", "out"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "traced.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	figures := traceFigures(t, page)
	if len(figures) != 2 {
		t.Fatalf("%d trace figures on the page, want 2", len(figures))
	}
	want := []struct {
		lanes, goroutines int
		caption           string
		varies            bool
	}{
		{1, 4, "Look for: one lane.", false},
		{2, 3, "", true},
	}
	for i, f := range figures {
		w := want[i]
		if got := len(f.lanes); got != w.lanes {
			t.Errorf("figure %d: lanes %v, want %d", i, f.lanes, w.lanes)
		}
		if got := len(f.rows); got != w.goroutines {
			t.Errorf("figure %d: goroutine rows %v, want %d", i, f.rows, w.goroutines)
		}
		for _, s := range []string{plural(w.goroutines, "goroutine") + " ran on " + plural(w.lanes, "processor"), "on a machine with "} {
			if !strings.Contains(f.summary, s) {
				t.Errorf("figure %d: summary %q lacks %q", i, f.summary, s)
			}
		}
		if f.name == "" || !strings.Contains(f.name, f.summary) {
			t.Errorf("figure %d: the SVG's accessible name %q does not carry the summary %q", i, f.name, f.summary)
		}
		if f.caption != w.caption {
			t.Errorf("figure %d: caption %q, want %q", i, f.caption, w.caption)
		}
		if f.varies != w.varies {
			t.Errorf("figure %d: output marked as varying: %v, want %v", i, f.varies, w.varies)
		}
	}
	// Figures inlined in one page must not share an id.
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if seen[m[1]] {
			t.Errorf("id %q appears twice in the page", m[1])
		}
		seen[m[1]] = true
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// traceFigure is what the test reads from one trace figure of a page.
type traceFigure struct {
	lanes, rows []string // the lane labels (P0, ...) and row labels (G1 main.main, ...)
	name        string   // the SVG's accessible name: its title and desc, as aria-labelledby names them
	summary     string   // the summary in the caption
	caption     string   // what to look for, from the lesson
	varies      bool     // the snippet's output is labelled as varying
}

// traceFigures finds the trace figures of page, in order, each under the
// output box of its snippet, and reads them.
func traceFigures(t *testing.T, page string) []traceFigure {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []traceFigure
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figure" && hasClass(n, "trace") {
			out = append(out, readFigure(t, page, n, len(out)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func readFigure(t *testing.T, page string, fig *html.Node, i int) traceFigure {
	t.Helper()
	var f traceFigure
	// The figure follows its snippet's output box, inside the snippet.
	prev := fig.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if prev == nil || !hasClass(prev, "output") || !hasClass(fig.Parent, "snippet") {
		t.Errorf("figure %d is not under its snippet's output", i)
	} else {
		f.varies = strings.Contains(text(prev), "output varies")
	}
	for c := fig.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "figcaption" {
			for s := c.FirstChild; s != nil; s = s.NextSibling {
				switch {
				case hasClass(s, "trace-look"):
					f.caption = text(s)
				case hasClass(s, "trace-summary"):
					f.summary = text(s)
				}
			}
		}
	}
	// The SVG as the page holds it must be well-formed XML on its own.
	var svg string
	if at := indexN(page, `<figure class="trace">`, i); at >= 0 {
		rest := page[at:]
		start, end := strings.Index(rest, "<svg"), strings.Index(rest, "</svg>")
		if start >= 0 && end > start {
			svg = rest[start : end+len("</svg>")]
		}
	}
	if svg == "" {
		t.Fatalf("figure %d has no inline SVG", i)
	}
	type elem struct {
		name  string
		attrs map[string]string
		text  strings.Builder
	}
	var stack []*elem
	byID := map[string]*elem{}
	var root *elem
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("figure %d: the SVG is not well-formed: %v", i, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &elem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if id := e.attrs["id"]; id != "" {
				byID[id] = e
			}
			if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if e.name == "text" {
				label := e.text.String()
				switch {
				case regexp.MustCompile(`^P\d+$`).MatchString(label):
					f.lanes = append(f.lanes, label)
				case regexp.MustCompile(`^G\d+ `).MatchString(label) && e.attrs["class"] == "":
					f.rows = append(f.rows, label)
				}
			}
		case xml.CharData:
			for _, e := range stack {
				e.text.Write(bytes.Clone(tok))
			}
		}
	}
	if root == nil || root.attrs["role"] != "img" {
		t.Fatalf("figure %d: the SVG is not an image to assistive technology", i)
	}
	var name []string
	for _, id := range strings.Fields(root.attrs["aria-labelledby"]) {
		e, ok := byID[id]
		if !ok {
			t.Errorf("figure %d: aria-labelledby names %q, which is not in the figure", i, id)
			continue
		}
		name = append(name, strings.TrimSpace(e.text.String()))
	}
	f.name = strings.Join(name, " ")
	return f
}

// indexN is the index of the nth (from 0) occurrence of sub in s, or -1.
func indexN(s, sub string, n int) int {
	at := -1
	for range n + 1 {
		i := strings.Index(s[at+1:], sub)
		if i < 0 {
			return -1
		}
		at += 1 + i
	}
	return at
}

func hasClass(n *html.Node, class string) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// TestBuildTraceHostile builds traced snippets that spoil their own trace:
// one writes over it, one closes its descriptor. The trace is the program's
// output like any other; the build fails at each snippet's fence, saying
// what is wrong with the trace, and writes no site.
func TestBuildTraceHostile(t *testing.T) {
	dir := t.TempDir()
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	prog := func(body string) string {
		return "```go engine=go trace\npackage main\n\nimport \"os\"\n\nfunc main() {\n\tf := os.NewFile(3, \"trace\")\n\t" + body + "\n}\n```\n\n"
	}
	writeFile(t, filepath.Join(dir, "content", "01-hostile.md"), "# Hostile\n\n"+
		prog(`f.Write([]byte("not a trace, but what the program wrote"))`)+ // fence at line 3
		prog(`f.Close()`)) // fence at line 14
	t.Chdir(dir)
	code, stderr := generate(t, "-content", "content", "-out", "out")
	if code == 0 {
		t.Fatal("a build with spoiled traces succeeded")
	}
	for _, want := range []string{"content/01-hostile.md:3: trace: reading the trace", "content/01-hostile.md:14: trace: the run left no execution trace"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the build's errors lack %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a failed build wrote the site")
	}
}
