package highlight

import (
	"bytes"
	"html"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

const goCode = `package main

import "fmt"

func main() {
	fmt.Println("<script>alert(1)</script>")
}
`

func code(t *testing.T, src, lang string, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Code(&b, src, lang, opts); err != nil {
		t.Fatalf("Code: %v", err)
	}
	return b.String()
}

func TestCodeUsesClasses(t *testing.T) {
	for _, opts := range []Options{{}, {LineNumbers: true}, {Highlight: []int{1, 3}}, {LineNumbers: true, Highlight: []int{2}}} {
		for _, lang := range []string{"go", "sh", "", "no-such-language"} {
			got := code(t, goCode, lang, opts)
			if strings.Contains(got, "style=") {
				t.Errorf("Code(%q, %+v) has an inline style:\n%s", lang, opts, got)
			}
			if !strings.HasPrefix(got, `<pre class="chroma">`) {
				t.Errorf("Code(%q, %+v) does not start with <pre class=\"chroma\">:\n%s", lang, opts, got)
			}
			if strings.Contains(got, "<script>") || !strings.Contains(got, "&lt;script&gt;") {
				t.Errorf("Code(%q, %+v) does not escape the code:\n%s", lang, opts, got)
			}
		}
	}
}

func TestCodeColoursGo(t *testing.T) {
	got := code(t, goCode, "go", Options{})
	for _, want := range []string{`<span class="kn">package</span>`, `<span class="kd">func</span>`, `<span class="nf">main</span>`} {
		if !strings.Contains(got, want) {
			t.Errorf("Go code lacks %s:\n%s", want, got)
		}
	}
	// An unknown language is plain text: no token classes.
	plain := code(t, goCode, "no-such-language", Options{})
	if strings.Contains(plain, `class="kn"`) {
		t.Errorf("unknown language was coloured:\n%s", plain)
	}
}

var lineRe = regexp.MustCompile(`<span class="line( hl)?">(?:<span class="ln">(\d+)</span>)?`)

// lines returns, for each line of highlighted code, whether it is marked
// and its number as shown ("" without line numbers).
func lines(html string) (marked []bool, numbers []string) {
	for _, m := range lineRe.FindAllStringSubmatch(html, -1) {
		marked = append(marked, m[1] != "")
		numbers = append(numbers, m[2])
	}
	return marked, numbers
}

func TestCodeHighlightedLines(t *testing.T) {
	tests := []struct {
		opts   Options
		marked []bool
	}{
		{Options{}, []bool{false, false, false, false, false, false, false}},
		{Options{Highlight: []int{3}}, []bool{false, false, true, false, false, false, false}},
		{Options{Highlight: []int{1, 5, 6, 7}}, []bool{true, false, false, false, true, true, true}},
		{Options{Highlight: []int{2, 4}, LineNumbers: true}, []bool{false, true, false, true, false, false, false}},
		{Options{Highlight: []int{99}}, []bool{false, false, false, false, false, false, false}},
	}
	for _, tt := range tests {
		got := code(t, goCode, "go", tt.opts)
		marked, numbers := lines(got)
		if !slices.Equal(marked, tt.marked) {
			t.Errorf("Highlight %v: marked lines %v, want %v\n%s", tt.opts.Highlight, marked, tt.marked, got)
		}
		wantNumbers := []string{"", "", "", "", "", "", ""}
		if tt.opts.LineNumbers {
			wantNumbers = []string{"1", "2", "3", "4", "5", "6", "7"}
		}
		if !slices.Equal(numbers, wantNumbers) {
			t.Errorf("LineNumbers %v: numbers %q, want %q", tt.opts.LineNumbers, numbers, wantNumbers)
		}
	}
}

// rule is one line of the stylesheet: a selector and its declarations.
type rule struct{ sel, decl string }

// parseCSS splits the stylesheet into the rules for every medium, those
// for screens and those for screens whose reader prefers dark.
func parseCSS(t *testing.T, css string) (top, screen, darkMedia []rule) {
	t.Helper()
	inMedia, inScreen := false, false
	for _, line := range strings.Split(css, "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "/*"):
		case line == "@media screen and (prefers-color-scheme: dark) {" || line == "@media screen {":
			if inMedia || inScreen {
				t.Fatal("nested @media block")
			}
			inMedia, inScreen = line != "@media screen {", line == "@media screen {"
		case line == "}":
			if !inMedia && !inScreen {
				t.Fatal("} closes nothing")
			}
			inMedia, inScreen = false, false
		default:
			sel, decl, ok := strings.Cut(line, " { ")
			if !ok || !strings.HasSuffix(decl, "}") {
				t.Fatalf("not a one-line rule: %q", line)
			}
			r := rule{sel, strings.TrimSpace(strings.TrimSuffix(decl, "}"))}
			switch {
			case inMedia:
				darkMedia = append(darkMedia, r)
			case inScreen:
				screen = append(screen, r)
			default:
				top = append(top, r)
			}
		}
	}
	if inMedia || inScreen {
		t.Fatal("@media block never closed")
	}
	return top, screen, darkMedia
}

// colourRe finds a text colour declaration (not background-color).
var colourRe = regexp.MustCompile(`(?:^|[;\s])color:`)

func TestCSSHasBothThemes(t *testing.T) {
	var b bytes.Buffer
	if err := CSS(&b); err != nil {
		t.Fatal(err)
	}
	top, screen, media := parseCSS(t, b.String())

	const darkScope = `:root[data-theme="dark"] `
	const mediaScope = `:root:not([data-theme="light"]) `
	light := map[string]string{}
	dark := map[string]string{}
	for _, r := range top {
		if strings.HasPrefix(r.sel, ":root") {
			t.Errorf("a themed rule applies when printing: %s", r.sel)
		}
		light[r.sel] = r.decl
	}
	for _, r := range screen {
		s, ok := strings.CutPrefix(r.sel, darkScope)
		if !ok {
			t.Errorf("rule for screens not scoped by %q: %s", darkScope, r.sel)
		}
		dark[s] = r.decl
	}
	darkByMedia := map[string]string{}
	for _, r := range media {
		s, ok := strings.CutPrefix(r.sel, mediaScope)
		if !ok {
			t.Errorf("rule in the dark media query not scoped by %q: %s", mediaScope, r.sel)
		}
		darkByMedia[s] = r.decl
	}

	for _, sel := range []string{".chroma", ".chroma .kd", ".chroma .hl", ".chroma .ln"} {
		if light[sel] == "" {
			t.Errorf("light theme has no rule for %s", sel)
		}
		if dark[sel] == "" {
			t.Errorf("dark theme (data-theme=dark) has no rule for %s", sel)
		}
	}
	if light[".chroma"] == dark[".chroma"] {
		t.Errorf("the two themes have the same background: %s", light[".chroma"])
	}
	// Both ways of choosing dark give the same colours.
	for sel, decl := range dark {
		if darkByMedia[sel] != decl {
			t.Errorf("%s: %q under data-theme=dark but %q under prefers-color-scheme: dark", sel, decl, darkByMedia[sel])
		}
	}
	if len(dark) != len(darkByMedia) {
		t.Errorf("%d dark rules under data-theme=dark, %d under prefers-color-scheme", len(dark), len(darkByMedia))
	}
	// A colour the light theme gives a token must be replaced in the dark
	// theme; otherwise dark-on-light text stays dark on a dark background.
	for _, sel := range slices.Sorted(maps.Keys(light)) {
		decl := light[sel]
		if colourRe.MatchString(decl) && !colourRe.MatchString(dark[sel]) {
			t.Errorf("%s has colour %q in the light theme and none in the dark theme", sel, decl)
		}
	}
}

// background returns the background colour the last of rules gives an
// element with all of classes inside .chroma, as the cascade would.
func background(rules []rule, scope string, classes ...string) string {
	bg := ""
	for _, r := range rules {
		for _, sel := range strings.Split(r.sel, ", ") {
			sel = strings.TrimPrefix(sel, scope)
			c, ok := strings.CutPrefix(sel, ".chroma .")
			if !ok || !slices.Contains(classes, c) {
				continue
			}
			for _, d := range strings.Split(r.decl, ";") {
				if v, ok := strings.CutPrefix(strings.TrimSpace(d), "background-color:"); ok {
					bg = strings.TrimSpace(v)
				}
			}
		}
	}
	return bg
}

// A highlighted line (hl=) is <span class="line hl">: it must keep the
// background .hl gives it in both themes, whatever comes after .hl.
func TestCSSHighlightedLinesShowInBothThemes(t *testing.T) {
	var b bytes.Buffer
	if err := CSS(&b); err != nil {
		t.Fatal(err)
	}
	top, screen, media := parseCSS(t, b.String())
	for _, theme := range []struct {
		name  string
		rules []rule
		scope string
	}{
		{"light", top, ""},
		{"dark (data-theme)", append(append([]rule{}, top...), screen...), `:root[data-theme="dark"] `},
		{"dark (system)", append(append([]rule{}, top...), media...), `:root:not([data-theme="light"]) `},
	} {
		bg := background(theme.rules, theme.scope, "line", "hl")
		if bg == "" || bg == "transparent" {
			t.Errorf("%s theme: a highlighted line has background %q", theme.name, bg)
		}
		if plain := background(theme.rules, theme.scope, "line"); plain == bg {
			t.Errorf("%s theme: highlighted and plain lines have the same background %q", theme.name, bg)
		}
	}
}

// spanRe matches a span around text alone (not around other spans).
var spanRe = regexp.MustCompile(`<span class="([^"]+)">([^<]*)</span>`)

// White space gets no span of its own in any language, and the reader
// still sees every character and every line.
func TestCodeLeavesSpaceBare(t *testing.T) {
	samples := map[string]string{
		"go":     goCode,
		"python": "def f(x):\n    return x  # twice\n\n\nprint(f(1))\n",
		"sh":     "for f in *.go; do\n\tgofmt -l \"$f\"\ndone\n",
		"yaml":   "title: x\nitems:\n  - a\n  - b\n",
		"c":      "int main(void) {\n\treturn 0;\n}\n",
		"json":   "{\n  \"a\": [1, 2],\n  \"b\": null\n}\n",
		"":       "plain   text\n\twith tabs\n",
	}
	for _, lang := range slices.Sorted(maps.Keys(samples)) {
		src := samples[lang]
		for _, opts := range []Options{{}, {LineNumbers: true, Highlight: []int{2}}} {
			got := code(t, src, lang, opts)
			for _, m := range spanRe.FindAllStringSubmatch(got, -1) {
				// ln holds a line number, cl a whole line, which may be empty.
				if m[1] != "ln" && m[1] != "cl" && strings.TrimSpace(html.UnescapeString(m[2])) == "" {
					t.Errorf("%q: white space %q has a span of class %q:\n%s", lang, m[2], m[1], got)
				}
			}
			if text := shownText(got); text != src {
				t.Errorf("%q: the page shows %q, want %q", lang, text, src)
			}
			if n, want := strings.Count(got, `<span class="line`), strings.Count(src, "\n"); n != want {
				t.Errorf("%q: %d lines, want %d", lang, n, want)
			}
		}
	}
}

// A theme that paints a class's background shows its white space, so
// those spans stay; any other blank token becomes plain text.
func TestPlainSpace(t *testing.T) {
	in := []chroma.Token{
		{Type: chroma.TextWhitespace, Value: " \n"},
		{Type: chroma.Comment, Value: "\t"},
		{Type: chroma.Error, Value: " "},
		{Type: chroma.GenericInserted, Value: "  "},
		{Type: chroma.NameOther, Value: " x "},
	}
	want := []chroma.TokenType{chroma.Text, chroma.Text, chroma.Error, chroma.GenericInserted, chroma.NameOther}
	var got []chroma.TokenType
	for _, tok := range plainSpace(in) {
		got = append(got, tok.Type)
	}
	if !slices.Equal(got, want) {
		t.Errorf("plainSpace gives %v, want %v", got, want)
	}
}
