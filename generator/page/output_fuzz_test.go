package page

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"golang.org/x/net/html"
)

// FuzzOutput renders a page whose program printed the fuzzer's text, on
// both streams and in the note, and checks that nothing of it reaches the
// HTML as markup: the page has exactly the elements and attributes it has
// when the program printed a plain word. The kept corpus is in
// testdata/fuzz/FuzzOutput.
func FuzzOutput(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>",
		"</pre><img src=x onerror=alert(1)>",
		"\"'><svg onload=alert(1)>",
		"&lt;b&gt; &amp; &#x3C;",
		"]]><!--",
		"{{.Site.Title}}",
		"\x00\xff\ufeff",
	} {
		f.Add(s)
	}
	r, err := NewRenderer()
	if err != nil {
		f.Fatal(err)
	}
	shape := func(t *testing.T, text string) string {
		s := site(t, "")
		res := &engine.Result{Outcome: engine.Exit, ExitCode: 1, Note: text}
		res.Append(engine.Stdout, text)
		res.Append(engine.Stderr, text)
		withOutput(t, s, "01-goroutines.md", res)
		pages, err := r.Render(s)
		if err != nil {
			t.Fatal(err)
		}
		return markup(pages["goroutines.html"].Data)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if text == "" {
			return // no note at all is a different page, rightly
		}
		if got, want := shape(t, text), shape(t, "word"); got != want {
			t.Fatalf("output %q changed the page's markup:\n%s", text, diffLines(want, got))
		}
	})
}

// markup lists a page's elements and attribute names, one per line,
// leaving out text and attribute values.
func markup(page []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			b.WriteString(tt.String() + " " + string(name))
			for hasAttr {
				var key []byte
				key, _, hasAttr = z.TagAttr()
				b.WriteString(" " + string(key))
			}
			b.WriteByte('\n')
		case html.CommentToken, html.DoctypeToken:
			b.WriteString(tt.String() + "\n")
		}
	}
}

// diffLines shows the first line where two listings differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return "line " + w[i] + "\nbecame " + g[i]
		}
	}
	return "lengths differ"
}
