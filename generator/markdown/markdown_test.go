package markdown

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the out.html sections of testdata/*.txtar")

func render(t *testing.T, m *Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := m.Render(&b, m.Parse([]byte(src))); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.String()
}

// TestRender renders the in.md of each testdata/*.txtar and compares it to
// out.html (rewritten by -update). Every line of the hand-written want
// section must appear in the output, so -update cannot bless a regression
// of the construct the case is about.
func TestRender(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases in testdata: %v", err)
	}
	m := New(nil)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]*txtar.File{}
			for i := range ar.Files {
				sections[ar.Files[i].Name] = &ar.Files[i]
			}
			in, out, want := sections["in.md"], sections["out.html"], sections["want"]
			if in == nil || out == nil || want == nil {
				t.Fatalf("%s: want sections want, in.md and out.html", file)
			}
			got := render(t, m, string(in.Data))
			for _, w := range strings.Split(strings.TrimSpace(string(want.Data)), "\n") {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			if *update {
				out.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(out.Data) {
				t.Errorf("output differs from out.html (go test -update to accept):\n--- got ---\n%s--- want ---\n%s", got, out.Data)
			}
		})
	}
}

type frontMatter struct {
	Title string `yaml:"title"`
	Order int    `yaml:"order"`
}

func TestDecodeFrontMatter(t *testing.T) {
	m := New(nil)
	tests := []struct {
		name     string
		src      string
		present  bool
		want     frontMatter
		wantLine int // of the error; 0 for none
	}{
		{"absent", "# Title\n\nText.\n", false, frontMatter{}, 0},
		{"not at the top", "Text.\n\n---\ntitle: x\n---\n", false, frontMatter{}, 0},
		{"present", "---\ntitle: Channels\norder: 3\n---\n# Title\n", true, frontMatter{Title: "Channels", Order: 3}, 0},
		{"empty", "---\n---\nText.\n", true, frontMatter{}, 0},
		{"unknown key", "---\ntitle: A\n\nauthor: me\n---\n", true, frontMatter{}, 4},
		{"wrong type", "---\norder: third\n---\n", true, frontMatter{}, 2},
		{"bad YAML", "---\ntitle: a: b\n---\n", true, frontMatter{}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got frontMatter
			present, err := m.Parse([]byte(tt.src)).DecodeFrontMatter(&got)
			if present != tt.present {
				t.Errorf("present = %v, want %v", present, tt.present)
			}
			if tt.wantLine == 0 {
				if err != nil {
					t.Fatalf("DecodeFrontMatter: %v", err)
				}
				if got != tt.want {
					t.Errorf("decoded %+v, want %+v", got, tt.want)
				}
				return
			}
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error = %v, want a *LineError", err)
			}
			if le.Line != tt.wantLine {
				t.Errorf("error at line %d, want %d: %v", le.Line, tt.wantLine, err)
			}
			if !strings.HasPrefix(le.Err.Error(), "front matter: ") || strings.Contains(le.Err.Error(), "line ") {
				t.Errorf("message %q: want it to start with \"front matter: \" and hold no yaml line number", le.Err)
			}
		})
	}
}

func TestFrontMatterIsNotRendered(t *testing.T) {
	got := render(t, New(nil), "---\ntitle: Secret\n---\nText.\n")
	if strings.Contains(got, "Secret") || strings.Contains(got, "<hr>") {
		t.Errorf("front matter leaked into the page:\n%s", got)
	}
}

// firstOf returns the first node of a kind in a document.
func firstOf(root ast.Node, kind ast.NodeKind) ast.Node {
	var found ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && found == nil && n.Kind() == kind {
			found = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func TestCodeBlock(t *testing.T) {
	src := []byte("Before.\n\n```go lines\nfmt.Println()\n```\n\nAfter.\n")
	replace := func(m *Markdown) *Document {
		d := m.Parse(src)
		n := firstOf(d.Root, ast.KindFencedCodeBlock)
		n.Parent().ReplaceChild(n.Parent(), n, &CodeBlock{Payload: "payload"})
		return d
	}

	var seen any
	m := New(func(w util.BufWriter, b *CodeBlock) error {
		seen = b.Payload
		_, err := w.WriteString("<div class=\"snippet\"></div>\n")
		return err
	})
	var out bytes.Buffer
	if err := m.Render(&out, replace(m)); err != nil {
		t.Fatalf("Render: %v", err)
	}
	if seen != "payload" {
		t.Errorf("code renderer got payload %v, want the node's", seen)
	}
	if want := "<p>Before.</p>\n<div class=\"snippet\"></div>\n<p>After.</p>\n"; out.String() != want {
		t.Errorf("Render = %q, want %q", out.String(), want)
	}

	// A renderer's error stops the page; so does a missing renderer.
	boom := errors.New("boom")
	m = New(func(util.BufWriter, *CodeBlock) error { return boom })
	if err := m.Render(&out, replace(m)); !errors.Is(err, boom) {
		t.Errorf("Render with a failing code renderer: error = %v, want %v", err, boom)
	}
	m = New(nil)
	if err := m.Render(&out, replace(m)); err == nil {
		t.Error("Render of a code block without a code renderer succeeded")
	}
}

func TestReplaceHTML(t *testing.T) {
	m := New(nil)
	d := m.Parse([]byte("<div><a href=\"a.md\">block</a></div>\n\nSee <a href=\"b.md\">inline</a>.\n"))
	ReplaceHTML(firstOf(d.Root, ast.KindHTMLBlock), `<div><a href="a.html">block</a></div>`+"\n")
	ReplaceHTML(firstOf(d.Root, ast.KindRawHTML), `<a href="b.html">`)
	var b bytes.Buffer
	if err := m.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	want := "<div><a href=\"a.html\">block</a></div>\n<p>See <a href=\"b.html\">inline</a>.</p>\n"
	if b.String() != want {
		t.Errorf("Render = %q, want %q", b.String(), want)
	}
}

func TestRenderInline(t *testing.T) {
	m := New(nil)
	d := m.Parse([]byte("## The `sync` package's *Mutex*\n"))
	got, err := m.RenderInline(d, firstOf(d.Root, ast.KindHeading))
	if err != nil {
		t.Fatal(err)
	}
	if want := "The <code>sync</code> package&rsquo;s <em>Mutex</em>"; got != want {
		t.Errorf("RenderInline = %q, want %q", got, want)
	}
}
