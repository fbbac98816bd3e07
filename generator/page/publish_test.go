package page

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/assets"
	"github.com/gonotes/concurrency/generator/lesson"
)

// meta returns the page's <link rel=canonical> and og: properties.
func meta(page string) map[string]string {
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`<meta property="(og:[a-z_]+)" content="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		out[m[1]] = m[2]
	}
	if m := regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`).FindStringSubmatch(page); m != nil {
		out["canonical"] = m[1]
	}
	return out
}

func TestCanonicalAndOpenGraph(t *testing.T) {
	pages := render(t, site(t, "https://example.github.io/repo"))
	tests := []struct {
		page string
		want map[string]string
	}{
		{"goroutines.html", map[string]string{
			"canonical": "https://example.github.io/repo/goroutines.html", "og:url": "https://example.github.io/repo/goroutines.html",
			"og:type": "article", "og:title": "Goroutines", "og:site_name": "Go concurrency, by running it",
			"og:description": "The go statement &amp; what it starts.",
		}},
		{"deeper/select.html", map[string]string{
			"canonical": "https://example.github.io/repo/deeper/select.html", "og:url": "https://example.github.io/repo/deeper/select.html",
			"og:type": "article", "og:title": "Select", "og:site_name": "Go concurrency, by running it",
		}},
		{"index.html", map[string]string{
			"canonical": "https://example.github.io/repo/", "og:url": "https://example.github.io/repo/",
			"og:type": "website", "og:title": "Go concurrency, by running it", "og:site_name": "Go concurrency, by running it",
			"og:description": "Lessons whose every output is real.",
		}},
		{"404.html", map[string]string{}},
	}
	for _, tt := range tests {
		got := meta(string(pages[tt.page]))
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: canonical and Open Graph tags\n got %v\nwant %v", tt.page, got, tt.want)
		}
	}
	// Without a base URL there is no absolute address to give.
	for p, b := range render(t, site(t, "")) {
		if got := meta(string(b)); len(got) > 0 {
			t.Errorf("%s without a base URL: %v", p, got)
		}
	}
}

func TestRobots(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"", "User-agent: *\nAllow: /\n"},
		{"https://example.github.io/repo/", "User-agent: *\nAllow: /\nSitemap: https://example.github.io/repo/sitemap.xml\n"},
	} {
		if got := string(render(t, site(t, tt.base))["robots.txt"]); got != tt.want {
			t.Errorf("base URL %q: robots.txt = %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestEditLink(t *testing.T) {
	s := site(t, "")
	link := regexp.MustCompile(`<a class="edit-link" href="([^"]*)">Edit this page</a>`)
	for p, b := range render(t, s) {
		if link.Match(b) {
			t.Errorf("%s: edit link without an edit URL", p)
		}
	}
	s.EditURL = "https://github.com/u/r/edit/main/content/"
	pages := render(t, s)
	for p, want := range map[string]string{
		"goroutines.html":    "https://github.com/u/r/edit/main/content/01-goroutines.md",
		"deeper/select.html": "https://github.com/u/r/edit/main/content/deeper/03-select.md",
		"index.html":         "https://github.com/u/r/edit/main/content/index.md",
		"404.html":           "",
	} {
		got := ""
		if m := link.FindSubmatch(pages[p]); m != nil {
			got = string(m[1])
		}
		if got != want {
			t.Errorf("%s: edit link %q, want %q", p, got, want)
		}
	}
}

// The 404 page is served at any depth. With a base URL its links are
// absolute; without one, a script finds the site's root before loading the
// stylesheets, and no relative stylesheet is requested from a wrong place.
func Test404(t *testing.T) {
	without := string(render(t, site(t, ""))["404.html"])
	for _, want := range []string{`createElement("base")`, `fetch(tries[i] + "assets/site.js"`, `<meta name="robots" content="noindex">`, `<style id="fallback-style">`} {
		if !strings.Contains(without, want) {
			t.Errorf("404.html without a base URL lacks %s", want)
		}
	}
	if strings.Contains(without, `<link rel="stylesheet"`) {
		t.Error("404.html without a base URL links a stylesheet relative to an unknown depth")
	}
	// Its icon is inline (or browsers ask for /favicon.ico): the site's own.
	m := regexp.MustCompile(`<link rel="icon" href="data:image/svg\+xml,([^"]*)"`).FindStringSubmatch(without)
	if m == nil {
		t.Fatal("404.html without a base URL has no inline icon")
	}
	icon, err := url.PathUnescape(m[1])
	if err != nil {
		t.Fatal(err)
	}
	favicon, err := fs.ReadFile(assets.FS, "favicon.svg")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(strings.TrimSpace(string(favicon)), `"`, "'"); icon != want {
		t.Errorf("404.html's inline icon is not assets/favicon.svg:\n%s\n%s", icon, want)
	}
	with := string(render(t, site(t, "https://example.github.io/repo/"))["404.html"])
	for _, want := range []string{`<link rel="stylesheet" href="https://example.github.io/repo/assets/style.css">`, `<a href="https://example.github.io/repo/index.html">`} {
		if !strings.Contains(with, want) {
			t.Errorf("404.html with a base URL lacks %s", want)
		}
	}
	if strings.Contains(with, "fetch(") {
		t.Error("404.html with a base URL still searches for the root")
	}
}

// syntheticSite has n lessons of the same shape, titled "Lesson 0001" on.
func syntheticSite(t *testing.T, n int) *Site {
	t.Helper()
	fsys := fstest.MapFS{}
	for i := 1; i <= n; i++ {
		fsys[fmt.Sprintf("%04d-lesson-%04d.md", i, i)] = md(fmt.Sprintf("# Lesson %04d\n\nSome prose.\n\n## A section\n\n```go norun\npackage main\n\nfunc main() {}\n```\n", i))
	}
	all, err := lesson.Load(fsys, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if _, err := lesson.Resolve(all, fsys, fstest.MapFS{}); err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	return &Site{Title: "Synthetic", Lessons: all, Verified: true}
}

// A lesson page's size does not depend on how many lessons the site has:
// only the one shared list grows.
func TestPageSizeDoesNotGrowWithTheSite(t *testing.T) {
	var sizes, lists []int
	for _, n := range []int{10, 100, 1000} {
		pages := render(t, syntheticSite(t, n))
		sizes = append(sizes, len(pages["lesson-0005.html"]), len(pages["404.html"]))
		lists = append(lists, len(pages[TOCFile]))
	}
	for i := 2; i < len(sizes); i++ {
		if sizes[i] != sizes[i%2] {
			t.Errorf("page sizes at 10, 100 and 1000 lessons (lesson 5, 404, ...): %v; want no growth", sizes)
			break
		}
	}
	if sizes[0] == 0 {
		t.Fatal("no page lesson-0005.html")
	}
	if !(lists[0] < lists[1] && lists[1] < lists[2]) {
		t.Errorf("the shared list of lessons does not grow with the site: %v bytes", lists)
	}
}
