package lesson

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/util"
)

// md builds a content file.
func md(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// paths returns the Path of each lesson, in order.
func paths(ls []*Lesson) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Path)
	}
	return out
}

func find(t *testing.T, ls []*Lesson, path string) *Lesson {
	t.Helper()
	for _, l := range ls {
		if l.Path == path {
			return l
		}
	}
	t.Fatalf("no lesson %s among %v", path, paths(ls))
	return nil
}

// body renders a lesson's Markdown, code blocks as their shown code.
func body(t *testing.T, l *Lesson) string {
	t.Helper()
	m := markdown.New(func(w util.BufWriter, b *markdown.CodeBlock) error {
		_, err := w.WriteString("<pre>" + b.Payload.(*Block).Snippet.Shown + "</pre>\n")
		return err
	})
	var buf bytes.Buffer
	if err := m.Render(&buf, l.Doc); err != nil {
		t.Fatalf("rendering %s: %v", l.File, err)
	}
	return buf.String()
}

// errorLines splits a joined error into its messages, one per problem.
func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		out = append(out, err.Error())
	}
	walk(err)
	return out
}

func TestLoadOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"index.md":          md("# Home\n"),
		"02-b.md":           md("# B\n"),
		"9-nine.md":         md("# Nine\n"),
		"10-ten.md":         md("# Ten\n"),
		"03-c.md":           md("# C\n"),
		"03-a.md":           md("# A\n"),
		"sub/03-sub.md":     md("# Sub\n"),
		"sub/01-first.md":   md("# First\n"),
		"01-late.md":        md("---\norder: 50\n---\n# Late\n"),
		"moved.md":          md("---\norder: 5\n---\n# Moved\n"),
		"zz.md":             md("# ZZ\n"),
		"aa.md":             md("# AA\n"),
		"notes.txt":         md("not a lesson"),
		"fig.png":           md("png"),
		".hidden.md":        md("# Hidden\n"),
		"_drafts/00-wip.md": md("# WIP\n"),
		".git/x.md":         md("# Git\n"),
	}
	ls, err := Load(fsys, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{
		"sub/01-first.md", // order 1, from the file name
		"02-b.md",
		"03-a.md", // same order: by path
		"03-c.md",
		"sub/03-sub.md",
		"moved.md",  // order: 5
		"9-nine.md", // numbers compare as numbers, not text
		"10-ten.md",
		"01-late.md", // order: 50 beats the file name
		"aa.md",      // unnumbered, last, by path
		"index.md",
		"zz.md",
	}
	if diff := cmp.Diff(want, paths(ls)); diff != "" {
		t.Errorf("lesson order mismatch (-want +got):\n%s", diff)
	}
	for _, l := range ls {
		if got, want := l.File, "content/"+l.Path; got != want {
			t.Errorf("%s: File = %q, want %q", l.Path, got, want)
		}
		if got, want := l.Home, l.Path == "index.md"; got != want {
			t.Errorf("%s: Home = %v, want %v", l.Path, got, want)
		}
	}
}

func TestLoadURL(t *testing.T) {
	tests := []struct{ path, url string }{
		{"01-intro.md", "intro.html"},
		{"1-intro.md", "intro.html"},
		{"123-long-name.md", "long-name.html"},
		{"intro.md", "intro.html"},
		{"index.md", "index.html"},
		{"a/02-x.md", "a/x.html"},
		{"a/b/07-deep.md", "a/b/deep.html"},
		{"a/index.md", "a/index.html"},
		{"2024.md", "2024.html"},
		{"01intro.md", "01intro.html"},
		{"01-.md", "01-.html"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			ls, err := Load(fstest.MapFS{tt.path: md("# T\n")}, "content")
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := ls[0].URL; got != tt.url {
				t.Errorf("URL of %s = %q, want %q", tt.path, got, tt.url)
			}
		})
	}
}

func TestLoadURLClash(t *testing.T) {
	_, err := Load(fstest.MapFS{"01-intro.md": md("# A\n"), "intro.md": md("# B\n")}, "content")
	if err == nil || !strings.Contains(err.Error(), "intro.html") || !strings.Contains(err.Error(), "content/01-intro.md") {
		t.Errorf("two lessons with the page intro.html: error = %v, want one naming the page and both files", err)
	}
}

func TestLoadEmpty(t *testing.T) {
	_, err := Load(fstest.MapFS{"img.png": md("png")}, "content")
	if err == nil || !strings.Contains(err.Error(), "content: no lessons") {
		t.Errorf("Load of a folder without lessons: error = %v, want content: no lessons", err)
	}
}

func TestLoadFrontMatter(t *testing.T) {
	ls, err := Load(fstest.MapFS{
		"01-a.md": md("---\ntitle: Channels\nsummary: Send and receive.\norder: 3\ndraft: true\n---\nText.\n"),
	}, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	l := ls[0]
	if l.Title != "Channels" || l.Summary != "Send and receive." || l.Order != 3 || !l.Draft {
		t.Errorf("lesson = {Title %q, Summary %q, Order %d, Draft %v}, want {Channels, Send and receive., 3, true}", l.Title, l.Summary, l.Order, l.Draft)
	}
}

func TestLoadTitle(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		title   string
		h1Kept  bool
		wantErr string
	}{
		{"from the first heading", "# Goroutines\n\nText.\n", "Goroutines", false, ""},
		{"heading with markup", "# The `sync` *package*\n\nText.\n", "The sync package", false, ""},
		{"typographer quotes", "# Don't panic\n\nText.\n", "Don\u2019t panic", false, ""},
		{"after front matter without title", "---\nsummary: S\n---\n# Mutexes\n\nText.\n", "Mutexes", false, ""},
		{"front matter wins, heading kept", "---\ntitle: Other\n---\n# Mutexes\n\nText.\n", "Other", true, ""},
		{"front matter equal to heading", "---\ntitle: Mutexes\n---\n# Mutexes\n\nText.\n", "Mutexes", false, ""},
		{"front matter and no heading", "---\ntitle: Only\n---\nText.\n", "Only", false, ""},
		{"no title at all", "Text.\n\n## Section\n", "", false, "content/x.md:1: no title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls, err := Load(fstest.MapFS{"x.md": md(tt.src)}, "content")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			l := ls[0]
			if l.Title != tt.title {
				t.Errorf("Title = %q, want %q", l.Title, tt.title)
			}
			if got := strings.Contains(body(t, l), "<h1"); got != tt.h1Kept {
				t.Errorf("body has an <h1>: %v, want %v\n%s", got, tt.h1Kept, body(t, l))
			}
			if !strings.Contains(body(t, l), "Text.") {
				t.Errorf("body lost its text:\n%s", body(t, l))
			}
		})
	}
}

func TestLoadHeadings(t *testing.T) {
	ls, err := Load(fstest.MapFS{"x.md": md("# Title\n\n## First part\n\n### Detail\n\n## First part\n")}, "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []Heading
	for _, h := range ls[0].Headings {
		got = append(got, Heading{Level: h.Level, ID: h.ID})
	}
	want := []Heading{{2, "first-part", nil}, {3, "detail", nil}, {2, "first-part-1", nil}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Headings mismatch (-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // each error, as printed: content/x.md:LINE: message
	}{
		{
			name: "unknown front matter key",
			src:  "---\ntitle: A\ntags: [go]\n---\nText.\n",
			want: []string{"content/x.md:3: front matter: ", `front matter: unknown key "tags" (known: title, summary, order, draft)`},
		},
		{
			name: "misspelled front matter key",
			src:  "---\ntitle: A\nsumary: B\n---\nText.\n",
			want: []string{`content/x.md:3: front matter: unknown key "sumary" (known: title, summary, order, draft); did you mean summary?`},
		},
		{
			name: "front matter value of the wrong type",
			src:  "---\ntitle: A\n\norder: first\n---\nText.\n",
			want: []string{"content/x.md:4: front matter: "},
		},
		{
			name: "bad YAML: colon in a plain value",
			src:  "---\ntitle: A\nsummary: Channels: a tour\n---\nText.\n",
			want: []string{"content/x.md:3: front matter: ", "mapping values are not allowed"},
		},
		{
			name: "bad YAML: colon in the title, on the first line",
			src:  "---\ntitle: Channels: a tour\n---\nText.\n",
			want: []string{"content/x.md:2: front matter: ", "mapping values are not allowed"},
		},
		{
			name: "bad YAML: tab indentation",
			src:  "---\ntitle: A\n\tsummary: x\n---\nText.\n",
			want: []string{"content/x.md:3: front matter: "},
		},
		{
			name: "bad YAML: unclosed list",
			src:  "---\ntitle: A\norder: 2\nsummary: [unclosed\n---\nText.\n",
			want: []string{"content/x.md:4: front matter: "},
		},
		{
			name: "bad YAML: list item among keys",
			src:  "---\ntitle: A\nsummary: x\n- item\n---\nText.\n",
			want: []string{"content/x.md:4: front matter: "},
		},
		{
			name: "unknown snippet option names the fence line",
			src:  "# T\n\nText.\n\n```go colour=red\nfunc f() {}\n```\n",
			want: []string{`content/x.md:5: unknown option "colour"`},
		},
		{
			name: "bad option on a tilde fence",
			src:  "# T\n\n```go\nx\n```\n\n~~~sh timeout=2s\nls\n~~~\n",
			want: []string{"content/x.md:7: execution options apply only to go blocks"},
		},
		{
			name: "unbalanced hide marker names its own line",
			src:  "# T\n\n```go\nx\n// hide-end\n```\n",
			want: []string{"content/x.md:5: ", "hide-end without"},
		},
		{
			name: "image without alt text",
			src:  "# T\n\nSome text\nand then ![](fig.png) here.\n",
			want: []string{`content/x.md:4: image "fig.png" has no alt text`},
		},
		{
			name: "image with blank alt text",
			src:  "# T\n\n![ ](fig.png)\n",
			want: []string{`content/x.md:3: image "fig.png" has no alt text`},
		},
		{
			name: "raw img block without alt",
			src:  "# T\n\nText.\n\n<div>\n<p>x</p>\n<img src=\"fig.png\">\n</div>\n",
			want: []string{"content/x.md:7: <img> has no alt text"},
		},
		{
			name: "inline raw img without alt",
			src:  "# T\n\nSee\nthe <img src=\"fig.png\" alt=\"\"> here.\n",
			want: []string{"content/x.md:4: <img> has no alt text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fstest.MapFS{"x.md": md(tt.src)}, "content")
			if err == nil {
				t.Fatalf("Load succeeded, want an error with %q", tt.want)
			}
			lines := errorLines(err)
			first := lines[0]
			for _, w := range tt.want {
				if !strings.Contains(first, w) {
					t.Errorf("error = %q, want it to contain %q (all errors: %q)", first, w, lines)
				}
			}
			if !strings.HasPrefix(first, tt.want[0]) {
				t.Errorf("error = %q, want it to start with %q", first, tt.want[0])
			}
		})
	}
}

func TestLoadCollectsEveryError(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md": md("---\ntitle: A\nbogus: 1\n---\n![](x.png)\n\n```go colour=red\n```\n"),
		"b.md": md("# B\n\n<img src=\"y.png\">\n"),
	}
	_, err := Load(fsys, "content")
	want := []string{
		"content/a.md:3: ",
		"content/a.md:5: ",
		"content/a.md:7: ",
		"content/b.md:3: ",
	}
	got := errorLines(err)
	for _, w := range want {
		n := 0
		for _, g := range got {
			if strings.HasPrefix(g, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d errors start with %q, want 1; errors:\n%s", n, w, strings.Join(got, "\n"))
		}
	}
}

func TestErrorFormat(t *testing.T) {
	inner := errors.New("boom")
	e := &Error{File: "content/x.md", Line: 12, Err: inner}
	if got, want := e.Error(), "content/x.md:12: boom"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e.Col = 3
	if got, want := e.Error(), "content/x.md:12:3: boom"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(e, inner) {
		t.Error("errors.Is does not see the wrapped error")
	}
}

// TestIndexThenOpen checks that Index keeps what the site needs of a lesson
// without its document, and that Open gives back what Load gives.
func TestIndexThenOpen(t *testing.T) {
	fsys := fstest.MapFS{
		"01-a.md": md("# A\n\n## First\n\nSee [b](02-b.md#second).\n\n```go\npackage main\n\nfunc main() {}\n```\n"),
		"02-b.md": md("# B\n\n## Second\n\nText.\n"),
		// Open does not decode front matter again: the first # heading
		// must still go, or stay, as Load decided.
		"03-c.md": md("---\ntitle: C\n---\n# Not C\n\nText.\n"),
		"04-d.md": md("---\ntitle: D\nsummary: About d.\n---\n# D\n\nText.\n"),
	}
	indexed, err := Index(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	a := find(t, indexed, "01-a.md")
	if a.Doc != nil || a.Blocks != nil || a.Refs != nil || a.Runs != 1 || a.Title != "A" || !a.hasHeading("first") {
		t.Fatalf("indexed lesson: doc %v, blocks %d, refs %d, runs %d, title %q, headings %v", a.Doc != nil, len(a.Blocks), len(a.Refs), a.Runs, a.Title, a.Headings)
	}
	rv := NewResolver(indexed, fsys, nil)
	a.Open()
	if _, err := rv.Lesson(a); err != nil {
		t.Fatal(err)
	}
	if _, err := Resolve(loaded, fsys, nil); err != nil {
		t.Fatal(err)
	}
	for _, l := range indexed {
		if l != a {
			l.Open()
		}
		if got, want := body(t, l), body(t, find(t, loaded, l.Path)); got != want {
			t.Errorf("%s: opened lesson renders\n%s\nloaded one\n%s", l.Path, got, want)
		}
	}
	if c := find(t, indexed, "03-c.md"); c.Title != "C" || !strings.Contains(body(t, c), "Not C") {
		t.Errorf("03-c.md: title %q, body %s", c.Title, body(t, c))
	}
	a.Close()
	if a.Doc != nil || a.Headings[0].Node != nil {
		t.Error("Close kept the document")
	}
}
