package highlight

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

var (
	lineNumberRe = regexp.MustCompile(`<span class="ln"> *\d+</span>`)
	tagRe        = regexp.MustCompile(`<[^>]*>`)
)

// shownText is the code a reader sees in highlighted HTML.
func shownText(h string) string {
	return html.UnescapeString(tagRe.ReplaceAllString(lineNumberRe.ReplaceAllString(h, ""), ""))
}

// FuzzGoLexer checks that no input, however broken, loses or invents a
// byte: the tokens add up to the text, white space tokens hold nothing but
// white space, neighbours differ in class, the HTML is chroma's formatter's, and the page
// shows exactly the code. The kept corpus is in
// testdata/fuzz/FuzzGoLexer.
func FuzzGoLexer(f *testing.F) {
	f.Add("package main\n\nfunc main() {\n\tprintln(`hi`, 'x', 0x1p-2i)\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		tokens := goTokens(src)
		if got := join(tokens); got != src {
			t.Fatalf("tokens add up to %q, not %q", got, src)
		}
		for i, tok := range tokens {
			if tok.Value == "" {
				t.Errorf("empty %v token in %q", tok.Type, src)
			}
			if i > 0 && tokens[i-1].Type == tok.Type {
				t.Errorf("neighbours %q and %q are both %v: not coalesced", tokens[i-1].Value, tok.Value, tok.Type)
			}
			if tok.Type == chroma.TextWhitespace && strings.TrimSpace(tok.Value) != "" {
				t.Errorf("white space token %q is not white space", tok.Value)
			}
		}
		opts := Options{LineNumbers: true, Highlight: []int{1, 2}}
		if got, want := ourHTML(t, plainSpace(tokens), opts), stockHTML(t, plainSpace(tokens), opts); got != want {
			t.Errorf("HTML differs from chroma's formatter:\nours:   %q\nchroma: %q", got, want)
		}
		var b bytes.Buffer
		if err := Code(&b, src, "go", opts); err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
		if got := shownText(b.String()); got != want {
			t.Errorf("page shows %q, want %q", got, want)
		}
	})
}
