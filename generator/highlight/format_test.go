package highlight

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
)

// formatOptions are the ways pages show a block.
var formatOptions = []Options{
	{},
	{LineNumbers: true},
	{Highlight: []int{3}},
	{LineNumbers: true, Highlight: []int{1, 2, 5, 6, 7, 12, 40}},
	{Highlight: []int{5, 1, 5}}, // unsorted and repeated, as an author may write them
}

// stockHTML is what chroma's own HTML formatter writes for tokens.
func stockHTML(t testing.TB, tokens []chroma.Token, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := html.New(formatterOptions(opts)...).Format(&b, classesOnly, chroma.Literator(tokens...)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// ourHTML is what writeHTML writes for tokens.
func ourHTML(t testing.TB, tokens []chroma.Token, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := writeHTML(&b, tokens, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFormatMatchesChroma holds writeHTML to chroma's formatter, byte for
// byte: over a sample of the standard library with both Go lexers, over
// the other languages lessons use, and over the edges of line splitting.
func TestFormatMatchesChroma(t *testing.T) {
	type input struct {
		name   string
		tokens []chroma.Token
	}
	var inputs []input
	for _, p := range append(goSample(t), filepath.Join("testdata", "edges.txt")) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{p + " (go/scanner)", plainSpace(goTokens(string(b)))})
		it, err := chroma.Coalesce(lexers.Go).Tokenise(nil, string(b))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{p + " (chroma)", plainSpace(it.Tokens())})
	}
	for lang, src := range map[string]string{
		"sh":      "#!/bin/sh\nfor f in *.md; do\n  echo \"$f\" > /dev/null & # 'quoted'\ndone\n",
		"console": "$ go run -race .\n==================\nWARNING: DATA RACE\n",
		"json":    `{"a": [1, 2.5, true, null], "b<": "&"}` + "\n",
		"text":    "plain <text> & more\n\n\n",
	} {
		it, err := chroma.Coalesce(lexerFor(lang, Options{})).Tokenise(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{lang, plainSpace(it.Tokens())})
	}
	tok := func(tt chroma.TokenType, v string) chroma.Token { return chroma.Token{Type: tt, Value: v} }
	for name, tokens := range map[string][]chroma.Token{
		"nothing":                 nil,
		"one newline":             {tok(chroma.Text, "\n")},
		"no final newline":        {tok(chroma.Keyword, "go"), tok(chroma.Text, " "), tok(chroma.Name, "f")},
		"empty token mid-line":    {tok(chroma.Keyword, "a"), tok(chroma.String, ""), tok(chroma.Text, "b\n")},
		"empty token at the end":  {tok(chroma.Keyword, "a\n"), tok(chroma.String, "")},
		"empty token after break": {tok(chroma.Comment, "x\n"), tok(chroma.Text, ""), tok(chroma.Name, "y\n")},
		"blank lines in a token":  {tok(chroma.LiteralStringBacktick, "`a\n\n\nb`"), tok(chroma.Text, "\n\n")},
		"escapes":                 {tok(chroma.Operator, "<&'\">"), tok(chroma.Text, "\n")},
		"a type with no class":    {tok(chroma.TokenType(9999), "z"), tok(chroma.NameBuiltinPseudo, "iota\n")},
	} {
		inputs = append(inputs, input{name, tokens})
	}
	for _, in := range inputs {
		for _, opts := range formatOptions {
			want, got := stockHTML(t, in.tokens, opts), ourHTML(t, in.tokens, opts)
			if got != want {
				t.Errorf("%s, %+v: differs from chroma's formatter at byte %d:\nours:   %.200q\nchroma: %.200q",
					in.name, opts, firstDifference(got, want), got[min(firstDifference(got, want), len(got)):], want[min(firstDifference(got, want), len(want)):])
			}
		}
	}
}

// firstDifference is the index of the first byte where a and b differ.
func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}
