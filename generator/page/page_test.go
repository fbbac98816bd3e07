package page

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func md(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// content is a small site: a home page, three lessons (one in a folder),
// a draft, and an image.
func content() fstest.MapFS {
	return fstest.MapFS{
		"index.md": md(`---
title: Go concurrency, by running it
summary: Lessons whose every output is real.
---
Welcome. Start with [the first lesson](01-goroutines.md).
`),
		"01-goroutines.md": md(`---
summary: The go statement & what it starts.
---
# Goroutines

A goroutine is started by the "go" statement.

## Starting one

![A diagram of two goroutines](img/two.svg "Two goroutines")

` + "```go title=main.go lines hl=4\n" + `package main

import "fmt" // hide

func main() {
	go fmt.Println("<b>hi</b>")
}
` + "```" + `

### A detail

Go on to [channels](02-channels.md#sending).

## Waiting

` + "```sh\ngo run main.go\n```" + `
`),
		"02-channels.md": md(`# Channels <- and select

## Sending

Back to [goroutines](01-goroutines.md).

### Only one section, so no table of contents
`),
		"deeper/03-select.md": md(`---
title: Select
---
See [channels](../02-channels.md), ![Two](../img/two.svg) and the [home page](../index.md).
`),
		"04-draft.md": md("---\ndraft: true\n---\n# Draft\n"),
		"img/two.svg": md("<svg/>"),
	}
}

// site loads and resolves content() as the build does.
func site(t *testing.T, baseURL string) *Site {
	t.Helper()
	fsys := content()
	all, err := lesson.Load(fsys, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	s := &Site{Title: "Default title", BaseURL: baseURL, Verified: true}
	var published []*lesson.Lesson
	for _, l := range all {
		if l.Draft {
			continue
		}
		published = append(published, l)
		if l.Home {
			s.Home, s.Title = l, l.Title
		} else {
			s.Lessons = append(s.Lessons, l)
		}
	}
	if _, err := lesson.Resolve(published, fsys, fstest.MapFS{"favicon.svg": md("<svg/>")}); err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return s
}

func render(t *testing.T, s *Site) map[string][]byte {
	t.Helper()
	r, err := NewRenderer()
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	pages, err := r.Render(s)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	out := map[string][]byte{}
	for p, f := range pages {
		out[p] = f.Data
	}
	return out
}

// withOutput gives the first block of the lesson at path a run's result.
func withOutput(t *testing.T, s *Site, path string, res *engine.Result) {
	t.Helper()
	for _, l := range s.Lessons {
		if l.Path == path {
			l.Blocks[0].Result = res
			l.Blocks[0].Provenance = engine.Provenance{Engine: "yaegi", GoVersion: "go1.26.8", Verified: true}
			return
		}
	}
	t.Fatalf("no lesson %s", path)
}

func TestGolden(t *testing.T) {
	s := site(t, "")
	withOutput(t, s, "01-goroutines.md", &engine.Result{
		Events:  []engine.Event{{Stream: engine.Stdout, Text: "<b>hi</b>\n"}, {Stream: engine.Stderr, Text: "done\n"}},
		Outcome: engine.OK,
	})
	pages := render(t, s)
	for golden, page := range map[string]string{
		"lesson.golden": "goroutines.html",
		"nested.golden": "deeper/select.html",
		"index.golden":  "index.html",
		"404.golden":    "404.html",
	} {
		t.Run(golden, func(t *testing.T) {
			file := filepath.Join("testdata", golden)
			got := pages[page]
			if got == nil {
				t.Fatalf("no page %s", page)
			}
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from %s (-want +got; go test -update to accept):\n%s", page, file, diff)
			}
		})
	}
}

func TestPages(t *testing.T) {
	got := slices.Sorted(maps.Keys(render(t, site(t, ""))))
	want := []string{"404.html", "assets/search-index.js", "assets/toc.js", "channels.html", "deeper/select.html", "goroutines.html", "index.html", "robots.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages mismatch (-want +got):\n%s", diff)
	}
}

var refRe = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// TestLinksAreRelative checks every href and src of every page: relative,
// so the site works from a sub-path and from disk (the 404 page and the
// canonical URL excepted, when the base URL is known), and leading to a page
// or file of the site.
func TestLinksAreRelative(t *testing.T) {
	pages := render(t, site(t, "https://example.github.io/repo/"))
	exists := map[string]bool{
		"assets/style.css": true, "assets/chroma.css": true, "assets/site.js": true, "assets/search.js": true,
		"assets/favicon.svg": true, "assets/playground.css": true, "assets/playground-loader.js": true,
		"img/two.svg": true,
	}
	for p := range pages {
		exists[p] = true
	}
	for _, p := range []string{"goroutines.html", "deeper/select.html", "index.html", "404.html"} {
		refs := refRe.FindAllStringSubmatch(string(pages[p]), -1)
		if len(refs) == 0 {
			t.Fatalf("%s has no links", p)
		}
		for _, m := range refs {
			ref := m[1]
			if strings.HasPrefix(m[0], ` href="https://example.github.io/repo/`) && strings.Contains(string(pages[p]), `<link rel="canonical"`+m[0]+`>`) {
				continue
			}
			if p == "404.html" && !strings.HasPrefix(ref, "#") {
				// GitHub Pages serves 404.html at any depth, so with a known
				// base URL its links are absolute.
				var ok bool
				if ref, ok = strings.CutPrefix(ref, "https://example.github.io/repo/"); !ok {
					t.Errorf("404.html: %q is not under the base URL", m[1])
					continue
				}
			}
			if strings.HasPrefix(ref, "/") || strings.Contains(ref, "://") || strings.HasPrefix(ref, "http") {
				t.Errorf("%s: %q is not a relative URL", p, ref)
				continue
			}
			target, frag, _ := strings.Cut(ref, "#")
			if target == "" {
				if frag == "" {
					t.Errorf("%s: empty link", p)
				}
				continue
			}
			if to := path.Join(path.Dir(p), target); !exists[to] {
				t.Errorf("%s: %q leads to %s, which is not in the site", p, ref, to)
			}
		}
	}
}

func TestDepthOneLinks(t *testing.T) {
	page := string(render(t, site(t, ""))["deeper/select.html"])
	for _, want := range []string{
		`href="../assets/style.css"`, `href="../assets/chroma.css"`, `src="../assets/site.js"`,
		`src="../assets/toc.js"`, `src="../assets/search.js"`,
		`href="../index.html"`, `href="../channels.html"`, `src="../img/two.svg"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("deeper/select.html lacks %s", want)
		}
	}
}

// nav extracts a page's prev and next links, at the top and at the bottom.
func nav(page string) (prev, next, barPrev, barNext string) {
	find := func(class, rel string) string {
		if m := regexp.MustCompile(`<a class="` + class + `" href="([^"]*)" rel="` + rel + `"`).FindStringSubmatch(page); m != nil {
			return m[1]
		}
		return ""
	}
	return find("pager-prev", "prev"), find("pager-next", "next"), find("bar-prev", "prev"), find("bar-next", "next")
}

func TestPrevNext(t *testing.T) {
	pages := render(t, site(t, ""))
	tests := []struct {
		page, prev, next string
		bar              bool // the bar at the top, with the lesson menu
	}{
		{"index.html", "", "goroutines.html", true},
		{"goroutines.html", "", "channels.html", true},
		{"channels.html", "goroutines.html", "deeper/select.html", true},
		{"deeper/select.html", "../channels.html", "", true},
		{"404.html", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			page := string(pages[tt.page])
			prev, next, barPrev, barNext := nav(page)
			if prev != tt.prev || next != tt.next {
				t.Errorf("pager: prev, next = %q, %q; want %q, %q", prev, next, tt.prev, tt.next)
			}
			if got := strings.Contains(page, `<nav class="lesson-bar"`); got != tt.bar {
				t.Fatalf("bar at the top present: %v, want %v", got, tt.bar)
			}
			if tt.bar && (barPrev != tt.prev || barNext != tt.next) {
				t.Errorf("bar at the top: prev, next = %q, %q; want %q, %q", barPrev, barNext, tt.prev, tt.next)
			}
			// The <link rel> in the head agree with the pager.
			if got := strings.Contains(page, `<link rel="prev" href="`+tt.prev+`">`); got != (tt.prev != "") {
				t.Errorf("<link rel=prev href=%q> present: %v", tt.prev, got)
			}
			if got := strings.Contains(page, `<link rel="next" href="`+tt.next+`">`); got != (tt.next != "") {
				t.Errorf("<link rel=next href=%q> present: %v", tt.next, got)
			}
		})
	}
}

// Every page loads one list of lessons, with the site's paths and titles in
// order, instead of holding its own copy.
func TestLessonList(t *testing.T) {
	pages := render(t, site(t, ""))
	js := string(pages[TOCFile])
	body, ok := strings.CutPrefix(js, "window.siteLessons=")
	if !ok || !strings.HasSuffix(body, ";\n") {
		t.Fatalf("%s does not assign window.siteLessons:\n%s", TOCFile, js)
	}
	var got [][2]string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(body, ";\n")), &got); err != nil {
		t.Fatalf("%s: %v", TOCFile, err)
	}
	want := [][2]string{{"goroutines.html", "Goroutines"}, {"channels.html", "Channels <- and select"}, {"deeper/select.html", "Select"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lesson list mismatch (-want +got):\n%s", diff)
	}
	if strings.Contains(js, "<-") {
		t.Errorf("%s has a raw <, which could end an inline script", TOCFile)
	}
	for _, p := range []string{"index.html", "goroutines.html", "deeper/select.html", "404.html"} {
		if strings.Contains(string(pages[p]), ">Select</a>") && p != "index.html" {
			t.Errorf("%s holds its own list of lessons", p)
		}
	}
}

func TestTOC(t *testing.T) {
	pages := render(t, site(t, ""))
	toc := regexp.MustCompile(`(?s)<nav class="toc" aria-label="On this page">.*?</nav>`)

	// Two sections: a table of contents with both and their subsections.
	got := toc.FindString(string(pages["goroutines.html"]))
	for _, want := range []string{
		// Subsections nest in their section's item, so the numbering counts sections only.
		"<li><a href=\"#starting-one\">Starting one</a>\n<ol>\n<li><a href=\"#a-detail\">A detail</a></li>\n</ol>\n</li>",
		`<li><a href="#waiting">Waiting</a></li>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("goroutines.html: table of contents lacks %s:\n%s", want, got)
		}
	}
	// One section, however many subsections: none.
	if got := toc.FindString(string(pages["channels.html"])); got != "" {
		t.Errorf("channels.html has one section but a table of contents:\n%s", got)
	}
	if got := toc.FindString(string(pages["deeper/select.html"])); got != "" {
		t.Errorf("deeper/select.html has no section but a table of contents:\n%s", got)
	}
}

func TestSitemap(t *testing.T) {
	if _, ok := render(t, site(t, ""))["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without a base URL")
	}
	for _, base := range []string{"https://example.github.io/repo", "https://example.github.io/repo/"} {
		b, ok := render(t, site(t, base))["sitemap.xml"]
		if !ok {
			t.Fatalf("base URL %s: no sitemap.xml", base)
		}
		var urlset struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(b, &urlset); err != nil {
			t.Fatalf("sitemap.xml: %v\n%s", err, b)
		}
		var got []string
		for _, u := range urlset.URLs {
			got = append(got, u.Loc)
		}
		want := []string{
			"https://example.github.io/repo/",
			"https://example.github.io/repo/goroutines.html",
			"https://example.github.io/repo/channels.html",
			"https://example.github.io/repo/deeper/select.html",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("base URL %s: sitemap mismatch (-want +got):\n%s", base, diff)
		}
	}
}

func TestEscapedTitles(t *testing.T) {
	pages := render(t, site(t, ""))
	// "Channels <- and select" is a heading: it reaches the home page's
	// list of lessons and its neighbours' prev and next links escaped.
	for _, p := range []string{"index.html", "goroutines.html", "deeper/select.html"} {
		if !strings.Contains(string(pages[p]), "Channels &lt;- and select") {
			t.Errorf("%s: lesson title not escaped", p)
		}
	}
	if !strings.Contains(string(pages["channels.html"]), "<title>Channels &lt;- and select · Go concurrency, by running it</title>") {
		t.Error("channels.html: wrong <title>")
	}
	if !strings.Contains(string(pages["index.html"]), "<title>Go concurrency, by running it</title>") {
		t.Error("index.html: wrong <title>")
	}
	if !strings.Contains(string(pages["goroutines.html"]), `<meta name="description" content="The go statement &amp; what it starts.">`) {
		t.Error("goroutines.html: summary not in the description")
	}
}

func TestUnverifiedFooter(t *testing.T) {
	const warning = "This build skipped verification against go run."
	s := site(t, "")
	if strings.Contains(string(render(t, s)["index.html"]), warning) {
		t.Error("a verified build says it skipped verification")
	}
	s.Verified = false
	for p, b := range render(t, s) {
		if strings.HasSuffix(p, ".html") && !strings.Contains(string(b), warning) {
			t.Errorf("%s: an unverified build does not say so", p)
		}
	}
}
