package main

import (
	"context"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/gonotes/concurrency/generator/browsertest"
)

// lessonPages are the site's lesson pages in the order of its list.
func (s *browserSuite) lessonPages(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.dir, "assets", "toc.js"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`\["([^"]+)",`).FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	if len(out) < 3 {
		t.Fatalf("toc.js lists %d lessons", len(out))
	}
	return out
}

// check404 opens a missing address three folders deep, where GitHub Pages
// serves 404.html: it must find its stylesheet, list the lessons and link
// home, with no request failing but the missing page's own.
func (s *browserSuite) check404(t *testing.T) {
	tab := s.tab(t, view{1280, "light"})
	missing := s.srv.URL + "a/b/c/missing.html"
	open(t, tab, missing)
	styled := eval[bool](t, tab, `new Promise(done => {
	  const check = () => getComputedStyle(document.documentElement).getPropertyValue("--bg") !== "" && document.querySelector("ol.lesson-items li");
	  if (check()) return done(true);
	  new MutationObserver((_, o) => { if (check()) { o.disconnect(); done(true); } }).observe(document, {subtree: true, childList: true, attributes: true});
	})`)
	if !styled {
		t.Fatal("the 404 page never found its stylesheet")
	}
	home := eval[string](t, tab, `document.querySelector(".not-found a").href`)
	if want := s.srv.URL + "index.html"; home != want {
		t.Errorf("404 page at a/b/c links home to %s, want %s", home, want)
	}
	for _, ref := range eval[pageFacts](t, tab, factsJS).Refs {
		if strings.HasPrefix(ref, missing+"#") { // the skip link, within the page
			continue
		}
		if err := s.resolves(ref); err != nil {
			t.Errorf("404 page at a/b/c: %v", err)
		}
	}
	for _, pr := range tab.Problems() {
		if !strings.HasSuffix(pr, missing) { // the missing page's own status
			t.Errorf("404 page at a/b/c: %s", pr)
		}
	}
}

// checkCopy clicks a copy button and reads the clipboard. The block has
// line numbers, which must not be copied.
func (s *browserSuite) checkCopy(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(s.dir, "writing-a-lesson.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The first block with line numbers, as text, from the page's HTML.
	m := regexp.MustCompile(`(?s)<div class="code"[^>]*><div class="code-scroll"[^>]*>(<pre class="chroma"><code><span class="line[^"]*"><span class="ln">.*?)</code></pre>`).FindSubmatch(src)
	if m == nil {
		t.Fatal("writing-a-lesson.html has no block with line numbers")
	}
	code := regexp.MustCompile(`<span class="ln">\d+</span>`).ReplaceAllString(string(m[1]), "")
	want := html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(code, ""))

	tab := s.tab(t, view{1280, "light"})
	err = tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, perm := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(tab.Context(), browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: perm}, Setting: browser.PermissionSettingGranted,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	open(t, tab, s.srv.URL+"writing-a-lesson.html")
	eval[bool](t, tab, `(() => { document.querySelector(".snippet:has(.ln) .copy-button").click(); return true })()`)
	got := eval[string](t, tab, `new Promise(done => {
	  const status = () => [...document.querySelectorAll("[role=status]")].map(e => e.textContent).join(" ");
	  const ready = () => /Copied/.test(status());
	  if (ready()) return done(true);
	  new MutationObserver((_, o) => { if (ready()) { o.disconnect(); done(true); } }).observe(document.body, {subtree: true, childList: true, characterData: true});
	}).then(() => navigator.clipboard.readText())`)
	if got != want {
		t.Errorf("copied %q\nwant %q", got, want)
	}
	if label := eval[string](t, tab, `document.querySelector(".snippet:has(.ln) .copy-button").textContent`); label != "Copied" {
		t.Errorf("the copy button says %q after copying", label)
	}
}

// checkTheme switches to dark and reloads: the page stays dark.
func (s *browserSuite) checkTheme(t *testing.T) {
	tab := s.tab(t, view{1280, "light"})
	lesson := s.srv.URL + s.lessonPages(t)[0]
	open(t, tab, lesson)
	const bg = `getComputedStyle(document.body).backgroundColor`
	light := eval[string](t, tab, bg)
	eval[bool](t, tab, `(() => { document.querySelector(".theme-toggle").click(); return true })()`)
	dark := eval[string](t, tab, bg)
	if dark == light {
		t.Fatalf("the theme button left the background %s", light)
	}
	if err := tab.Do(chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tab, bg); got != dark {
		t.Errorf("after a reload the background is %s, want the dark %s", got, dark)
	}
	label := eval[string](t, tab, `document.querySelector(".theme-toggle").getAttribute("aria-label")`)
	if label != "Switch to the light theme" {
		t.Errorf("after a reload the theme button says %q", label)
	}
	eval[bool](t, tab, `(() => { localStorage.clear(); return true })()`)
}

// checkKeys moves to the next lesson with → and back with ←.
func (s *browserSuite) checkKeys(t *testing.T) {
	lessons := s.lessonPages(t)
	tab := s.tab(t, view{1280, "light"})
	open(t, tab, s.srv.URL+lessons[1])
	for _, step := range []struct {
		key, want string
	}{{kb.ArrowRight, lessons[2]}, {kb.ArrowLeft, lessons[1]}, {kb.ArrowLeft, lessons[0]}} {
		_, err := chromedp.Run(tab.Context(), chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(step.key)))
		if err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, tab, `location.href`); got != s.srv.URL+step.want {
			t.Errorf("after a key: at %s, want %s", got, s.srv.URL+step.want)
		}
	}
}

// checkSearch takes a word from the middle of a lesson, types it after /,
// and follows the first result for that lesson to the section holding it;
// a lesson's title finds the lesson first. It searches the served site and
// the site on disk, where the index must load without fetch().
func (s *browserSuite) checkSearch(t *testing.T) {
	lessons := s.lessonPages(t)
	lesson := lessons[len(lessons)/2]
	diskURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(s.dir) + "/"}).String()
	for _, root := range []string{s.srv.URL, diskURL} {
		tab := s.tab(t, view{1280, "light"})
		open(t, tab, root+lesson)
		// The longest word of the middle paragraph, and the id of the
		// nearest heading above it.
		var target struct{ Word, ID, Title string }
		target = eval[struct{ Word, ID, Title string }](t, tab, `(() => {
		  const ps = [...document.querySelectorAll("article > p")];
		  const p = ps[Math.floor(ps.length / 2)];
		  const word = p.textContent.split(/[^A-Za-z]+/).reduce((a, w) => w.length > a.length ? w : a, "");
		  const hs = [...document.querySelectorAll("article :is(h2, h3, h4, h5, h6)[id]")]
		    .filter(h => h.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING);
		  return {Word: word, ID: hs.length ? hs[hs.length - 1].id : "", Title: document.querySelector("h1").textContent};
		})()`)
		want := root + lesson
		if target.ID != "" {
			want += "#" + target.ID
		}
		results := searchFor(t, tab, target.Word)
		found := false
		for _, r := range results {
			found = found || r == want
		}
		if !found {
			t.Errorf("searching %q (from the middle of %s) found %v, not %s", target.Word, lesson, results, want)
		}
		results = searchFor(t, tab, target.Title)
		if len(results) == 0 || results[0] != root+lesson {
			t.Fatalf("searching the title %q: first result %v, want %s", target.Title, results, root+lesson)
		}
		// (axe reads stylesheets with XMLHttpRequest, which file:// refuses.)
		if root == s.srv.URL {
			violations, err := tab.Axe(s.axe)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Errorf("search dialog: axe: %s", v)
			}
		}
		// The keyboard reaches the results and follows one.
		if err := tab.Do(chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
		first := eval[string](t, tab, `document.activeElement.href || ""`)
		if first != results[0] {
			t.Errorf("↓ from the search box focuses %q, want the first result %s", first, results[0])
		}
		follow(t, tab, chromedp.KeyEvent("\r"), first)
		if got := eval[string](t, tab, `location.href`); got != first {
			t.Errorf("Enter on a result: at %s, want %s", got, first)
		}
		for _, pr := range tab.Problems() {
			t.Errorf("search: %s", pr)
		}
	}
}

// search opens the dialog with /, types the query and returns the results' URLs.
func searchFor(t *testing.T, tab *browsertest.Tab, query string) []string {
	t.Helper()
	eval[bool](t, tab, `(() => { document.activeElement && document.activeElement.blur(); return true })()`)
	if err := tab.Do(chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, tab, `(() => {
	  const i = document.getElementById("search-input");
	  i.value = "";
	  i.dispatchEvent(new Event("input"));
	  return document.activeElement === i;
	})()`) {
		t.Fatal("/ did not put the cursor in the search box")
	}
	if err := tab.Do(chromedp.KeyEvent(query)); err != nil {
		t.Fatal(err)
	}
	return eval[[]string](t, tab, `new Promise(done => {
	  const status = document.getElementById("search-status");
	  const ready = () => /result/.test(status.textContent);
	  const read = () => [...document.querySelectorAll("#search-results a")].map(a => a.href);
	  if (ready()) return done(read());
	  new MutationObserver((_, o) => { if (ready()) { o.disconnect(); done(read()); } }).observe(status, {childList: true, characterData: true, subtree: true});
	})`)
}

// follow runs an action that leads to the address to, and waits for the
// navigation: a new document, or a move within this one.
func follow(t *testing.T, tab *browsertest.Tab, action chromedp.Action[chromedp.Void], to string) {
	t.Helper()
	here, _, _ := strings.Cut(eval[string](t, tab, `location.href`), "#")
	there, frag, _ := strings.Cut(to, "#")
	var err error
	if here == there && frag != "" {
		_, err = chromedp.Run(tab.Context(), chromedp.WaitEvent(page.NavigatedWithinDocument, nil, action))
	} else {
		_, err = chromedp.Run(tab.Context(), chromedp.WaitEvent(page.LoadEventFired, nil, action))
	}
	if err != nil {
		t.Fatal(err)
	}
}

// checkPrint prints a page switched to dark: the paper is light, and links
// show where they lead.
func (s *browserSuite) checkPrint(t *testing.T) {
	tab := s.tab(t, view{1280, "dark"})
	open(t, tab, s.srv.URL+s.lessonPages(t)[0])
	eval[bool](t, tab, `(() => { document.documentElement.dataset.theme = "dark"; return true })()`)
	err := tab.Do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := eval[struct{ Background, Text, Keyword, After, Href string }](t, tab, `(() => {
	  const a = document.querySelector("article a[href]:not([href^='#'])");
	  const k = document.querySelector(".chroma .kn, .chroma .k, .chroma .kd");
	  return {Background: getComputedStyle(document.body).backgroundColor, Text: getComputedStyle(document.body).color,
	          Keyword: k ? getComputedStyle(k).color : "", After: a ? getComputedStyle(a, "::after").content : "", Href: a ? a.getAttribute("href") : ""};
	})()`)
	if got.Background != "rgb(255, 255, 255)" || got.Text != "rgb(31, 35, 40)" {
		t.Errorf("printing a dark page: background %s, text %s; want white paper, dark text", got.Background, got.Text)
	}
	if got.Keyword != "rgb(207, 34, 46)" {
		t.Errorf("printing a dark page: keywords in %s, not the light theme's red", got.Keyword)
	}
	if got.Href == "" || !strings.Contains(got.After, got.Href) {
		t.Errorf("printing: a link's ::after is %s, want its target %s", got.After, got.Href)
	}
}

// tokenContrastJS finds the code tokens and line numbers of the page whose
// colour has less than 4.5:1 contrast with the code's background (or a
// highlighted line's).
const tokenContrastJS = `(() => {
  const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = c => c.map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const low = new Set();
  document.querySelectorAll(".snippet").forEach(snippet => {
    const bg = rgb(getComputedStyle(snippet).backgroundColor);
    snippet.querySelectorAll(".chroma code span").forEach(span => {
      if (span.children.length || !span.textContent.trim()) return;
      const line = span.closest(".line");
      const back = line && line.classList.contains("hl") ? rgb(getComputedStyle(line).backgroundColor) : bg;
      const r = ratio(rgb(getComputedStyle(span).color), back);
      if (r < 4.5) low.add(span.className + " " + getComputedStyle(span).color + " on rgb(" + back + "): " + r.toFixed(2) + ":1");
    });
  });
  return [...low];
})()`

// checkCode looks at code in both themes: every token is readable, and,
// with line numbers and highlighted lines, highlighted lines stand out and
// a tab after a line number is as wide as any other tab.
func (s *browserSuite) checkCode(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		tab := s.tab(t, view{1280, scheme})
		for _, p := range s.lessonPages(t) {
			open(t, tab, s.srv.URL+p)
			for _, low := range eval[[]string](t, tab, tokenContrastJS) {
				t.Errorf("%s, %s theme: code token %s", p, scheme, low)
			}
		}
	}
	tab := s.tab(t, view{1280, "dark"})
	open(t, tab, s.srv.URL+"writing-a-lesson.html")
	got := eval[struct {
		Highlighted, Plain  []string
		TabWidth, CharWidth float64
	}](t, tab, `(() => {
	  const bg = e => getComputedStyle(e).backgroundColor;
	  const out = {Highlighted: [...document.querySelectorAll(".chroma .line.hl")].map(bg),
	               Plain: [...document.querySelectorAll(".chroma .line:not(.hl)")].slice(0, 3).map(bg), TabWidth: -1, CharWidth: -1};
	  const cl = [...document.querySelectorAll(".line:has(.ln) .cl")].find(c => /^\t[^\t\s]/.test(c.textContent));
	  if (!cl) return out;
	  const walker = document.createTreeWalker(cl, NodeFilter.SHOW_TEXT);
	  let n, seen = 0, first, second;
	  while ((n = walker.nextNode())) {
	    for (let i = 0; i < n.data.length; i++, seen++) {
	      if (seen === 1) first = [n, i];
	      if (seen === 2) second = [n, i];
	    }
	  }
	  const at = ([node, i]) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
	  out.TabWidth = at(first).left - cl.getBoundingClientRect().left;
	  out.CharWidth = at(first).width;
	  return out;
	})()`)
	if len(got.Highlighted) == 0 {
		t.Fatal("writing-a-lesson.html has no highlighted line")
	}
	for _, bg := range got.Highlighted {
		if bg == "rgba(0, 0, 0, 0)" || len(got.Plain) == 0 || bg == got.Plain[0] {
			t.Errorf("dark theme: a highlighted line has background %s, plain lines %v", bg, got.Plain)
		}
	}
	if got.CharWidth <= 0 {
		t.Fatal("no numbered line starts with a tab")
	}
	if tabs := got.TabWidth / got.CharWidth; tabs < 3.9 || tabs > 4.1 {
		t.Errorf("after a line number, a tab is %.1f characters wide, want 4", tabs)
	}
}
