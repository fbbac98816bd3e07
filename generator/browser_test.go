package main

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gonotes/concurrency/generator/browsertest"
)

// browserSuite is what every browser check shares: one build of content/,
// one Chromium, one server that serves the site under /REPO/ as GitHub
// Pages serves a project site.
type browserSuite struct {
	dir   string   // the built site
	pages []string // its .html pages, slash paths
	srv   *browsertest.Server
	b     *browsertest.Browser
	axe   string // axe-core's source

	mu  sync.Mutex
	ids map[string]map[string]bool // page → the ids in its HTML
}

// checkInBrowser checks every page of a built site in a real browser:
// light and dark, desktop and phone widths, served and from disk; then what
// readers do: copy, switch theme, use the keys, search, print. TestLessons
// calls it on the one build of content/ that make test does.
func checkInBrowser(t *testing.T, dir string) {
	chrome := browsertest.Require(t)
	s := &browserSuite{dir: dir, ids: map[string]map[string]bool{}}
	err := filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(s.dir, p)
			s.pages = append(s.pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil || len(s.pages) < 3 {
		t.Fatalf("pages of the site: %v, %v", s.pages, err)
	}
	// axe-core is installed into the repository's ignored .cache folder.
	cache, err := filepath.Abs(filepath.Join("..", ".cache"))
	if err != nil {
		t.Fatal(err)
	}
	if s.axe, err = browsertest.InstallAxe(cache); err != nil {
		t.Fatal(err)
	}
	if s.srv, err = browsertest.Serve(s.dir, "/REPO/"); err != nil {
		t.Fatal(err)
	}
	defer s.srv.Close()
	if s.b, err = browsertest.Start(chrome); err != nil {
		t.Fatal(err)
	}
	defer s.b.Close()

	t.Run("pages", func(t *testing.T) {
		for _, v := range []view{{1280, "light"}, {1280, "dark"}, {360, "light"}, {360, "dark"}} {
			t.Run(v.String(), func(t *testing.T) {
				t.Parallel()
				s.checkPages(t, v)
			})
		}
		t.Run("file", func(t *testing.T) {
			t.Parallel()
			s.checkFiles(t)
		})
	})
	t.Run("404", s.check404)
	t.Run("copy", s.checkCopy)
	t.Run("theme", s.checkTheme)
	t.Run("keys", s.checkKeys)
	t.Run("search", s.checkSearch)
	t.Run("print", s.checkPrint)
	t.Run("code", s.checkCode)
}

// view is a window the pages are checked in.
type view struct {
	width  int64
	scheme string // prefers-color-scheme
}

func (v view) String() string { return fmt.Sprintf("%dpx-%s", v.width, v.scheme) }
func (v view) phone() bool    { return v.width < 600 }

// tab opens a tab in the view, closed when the test ends.
func (s *browserSuite) tab(t *testing.T, v view) *browsertest.Tab {
	t.Helper()
	tab, err := s.b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tab.Close)
	if err := tab.Viewport(v.width, 800, v.phone()); err != nil {
		t.Fatal(err)
	}
	if err := tab.ColorScheme(v.scheme); err != nil {
		t.Fatal(err)
	}
	return tab
}

// open opens a page of the site and fails the test if it cannot.
func open(t *testing.T, tab *browsertest.Tab, u string) {
	t.Helper()
	if err := tab.Open(u); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates JavaScript in the tab and fails the test on an error.
func eval[T any](t *testing.T, tab *browsertest.Tab, js string) T {
	t.Helper()
	v, err := browsertest.Eval[T](tab, js)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// pageFacts is what one look at a loaded page finds.
type pageFacts struct {
	Refs         []string // every link, stylesheet, script and image, resolved
	BrokenImages []string
	Overflow     int     // pixels the page is wider than the window
	Layout       string  // where the header, the title and the first code block are
	Lessons      int     // entries in the visible list of lessons
	NavTop       float64 // where the list of lessons (or its menu) starts, from the top of the page
	KeyHint      bool    // the keyboard tip is shown
}

const factsJS = `(() => {
  const refs = [...document.querySelectorAll("a[href], link[href], img[src], script[src]")].map(e => e.href || e.src);
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);
  const box = sel => { const e = document.querySelector(sel); if (!e) return "-"; const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round).join(","); };
  const visible = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const nav = [...document.querySelectorAll(".lesson-bar, .lesson-list")].find(visible);
  const hint = document.querySelector(".key-hint");
  return {
    Refs: refs, BrokenImages: broken,
    Overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    Layout: ["header", "main h1", ".snippet", "footer"].map(s => s + " " + box(s)).join("; "),
    Lessons: nav ? nav.querySelectorAll("ol.lesson-items li").length : 0,
    NavTop: nav ? nav.getBoundingClientRect().top + scrollY : -1,
    KeyHint: visible(hint),
  };
})()`

// checkPages opens every page served under /REPO/ in the view.
func (s *browserSuite) checkPages(t *testing.T, v view) {
	tab := s.tab(t, v)
	for _, p := range s.pages {
		// The page as it is before its scripts run, to compare.
		if err := tab.Scripts(false); err != nil {
			t.Fatal(err)
		}
		open(t, tab, s.srv.URL+p)
		before := eval[pageFacts](t, tab, factsJS)
		if err := tab.Scripts(true); err != nil {
			t.Fatal(err)
		}
		open(t, tab, s.srv.URL+p)
		f := eval[pageFacts](t, tab, factsJS)
		if f.Layout != before.Layout && p != "404.html" {
			t.Errorf("%s: the layout moves when the scripts run:\nwithout %s\n   with %s", p, before.Layout, f.Layout)
		}
		// Code tokens are thousands of elements that take axe seconds a page
		// and that it cannot judge over the scroll shadows; checkCode checks
		// their contrast instead.
		violations, err := tab.Axe(s.axe, ".chroma code")
		if err != nil {
			t.Fatalf("%s: axe: %v", p, err)
		}
		for _, vi := range violations {
			t.Errorf("%s: axe: %s", p, vi)
		}
		s.checkFacts(t, p, f, v)
		for _, pr := range tab.Problems() {
			t.Errorf("%s: %s", p, pr)
		}
	}
}

// checkFiles opens every page from disk, as a reader who double-clicks
// index.html does.
func (s *browserSuite) checkFiles(t *testing.T) {
	v := view{1280, "light"}
	tab := s.tab(t, v)
	for _, p := range s.pages {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(s.dir, p))}
		open(t, tab, u.String())
		s.checkFacts(t, p, eval[pageFacts](t, tab, factsJS), v)
		for _, pr := range tab.Problems() {
			t.Errorf("%s from disk: %s", p, pr)
		}
	}
}

// checkFacts holds a page to what a reader needs of it.
func (s *browserSuite) checkFacts(t *testing.T, p string, f pageFacts, v view) {
	t.Helper()
	for _, ref := range f.Refs {
		if err := s.resolves(ref); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, img := range f.BrokenImages {
		t.Errorf("%s: image %s did not load", p, img)
	}
	if f.Overflow > 0 {
		t.Errorf("%s: the page scrolls sideways by %dpx", p, f.Overflow)
	}
	if p == "404.html" {
		return
	}
	if want := len(s.pages) - 2; f.Lessons != want { // every page but the home page and 404
		t.Errorf("%s: the list of lessons has %d entries, want %d", p, f.Lessons, want)
	}
	if f.NavTop < 0 || f.NavTop > 200 {
		t.Errorf("%s: the list of lessons starts %.0fpx down the page, not at its top", p, f.NavTop)
	}
	if isLesson := p != "index.html"; isLesson && f.KeyHint == v.phone() {
		t.Errorf("%s: keyboard tip shown: %v on a %s", p, f.KeyHint, map[bool]string{true: "phone", false: "desktop"}[v.phone()])
	}
}

// resolves reports whether a URL on a page leads to a file of the site (and
// to an element with the fragment's id); URLs of other hosts are not checked.
func (s *browserSuite) resolves(ref string) error {
	u, err := url.Parse(ref)
	if err != nil {
		return err
	}
	var rel string
	switch {
	case u.Scheme == "file":
		r, err := filepath.Rel(s.dir, filepath.FromSlash(u.Path))
		if err != nil || strings.HasPrefix(r, "..") {
			return fmt.Errorf("%s leads out of the site", ref)
		}
		rel = filepath.ToSlash(r)
	case strings.HasPrefix(ref, strings.TrimSuffix(s.srv.URL, "REPO/")):
		r, ok := strings.CutPrefix(u.Path, "/REPO/")
		if !ok {
			return fmt.Errorf("%s is outside /REPO/", ref)
		}
		rel = r
	default:
		return nil
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	rel = path.Clean(rel)
	if _, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil {
		return fmt.Errorf("%s: no such file in the site", ref)
	}
	if u.Fragment != "" && !s.hasID(rel, u.Fragment) {
		return fmt.Errorf("%s: %s has no element with id %q", ref, rel, u.Fragment)
	}
	return nil
}

var idAttr = regexp.MustCompile(`\sid="([^"]+)"`)

func (s *browserSuite) hasID(page, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids, ok := s.ids[page]
	if !ok {
		ids = map[string]bool{}
		b, _ := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(page)))
		for _, m := range idAttr.FindAllSubmatch(b, -1) {
			ids[string(m[1])] = true
		}
		s.ids[page] = ids
	}
	return ids[id]
}
