// Package highlight colours code with chroma. It is the only package that
// imports chroma: pages get CSS classes, and one stylesheet
// (assets/chroma.css) holds a light and a dark theme. Go is tokenised with
// go/scanner (golexer.go), every other language with chroma's lexers; white
// space gets no <span> of its own.
//
// chroma's themes are not linked into the generator: loading them took 13 ms
// at every start, and the generator starts again for every sandboxed run.
// The stylesheet and the classes whose white space a theme paints
// (paint.go) are derived from them by TestGenerated, which -update rewrites.
package highlight

import (
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
)

// Options change how a block is shown.
type Options struct {
	LineNumbers bool
	Highlight   []int // 1-based line numbers to mark
	// Stock colours with chroma alone: Go with its regular-expression
	// lexer instead of go/scanner, and HTML from its own formatter. The
	// page is the same but for the deliberate differences of the lexers;
	// make bench compares the two.
	Stock bool
}

// Code writes code as highlighted HTML: a <pre class="chroma"> with classes, no inline styles.
// An unknown language is shown as plain text.
func Code(w io.Writer, code, lang string, opts Options) error {
	if strings.Contains(code, "\r") {
		// What chroma's lexers do by default; ours keep every byte.
		code = strings.ReplaceAll(strings.ReplaceAll(code, "\r\n", "\n"), "\r", "\n")
	}
	var tokens []chroma.Token
	if lexer := lexerFor(lang, opts); lexer == (goLexer{}) {
		// Already coalesced; through chroma's iterators the tokens were
		// copied three times more.
		tokens = goTokens(code)
	} else {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
		if err != nil {
			return fmt.Errorf("highlighting %s: %w", lang, err)
		}
		tokens = it.Tokens()
	}
	tokens = plainSpace(tokens)
	var err error
	if opts.Stock {
		err = html.New(formatterOptions(opts)...).Format(w, classesOnly, chroma.Literator(tokens...))
	} else {
		err = writeHTML(w, tokens, opts)
	}
	if err != nil {
		return fmt.Errorf("highlighting %s: %w", lang, err)
	}
	return nil
}

// lexerFor returns the lexer for a fenced block's language.
func lexerFor(lang string, opts Options) chroma.Lexer {
	lexer := lexers.Get(lang)
	switch {
	case lexer == nil || lang == "":
		return lexers.Fallback
	case lexer == lexers.Go && !opts.Stock:
		return goLexer{}
	}
	return lexer
}

// classesOnly is the style given to chroma's formatter, which writes
// classes and so never reads a style's colours.
var classesOnly = chroma.MustNewStyle("classes", chroma.StyleEntries{})

func formatterOptions(opts Options) []html.Option {
	o := []html.Option{html.WithClasses(true), html.WithCSSComments(false), html.TabWidth(4), html.WithLineNumbers(opts.LineNumbers)}
	if len(opts.Highlight) > 0 {
		o = append(o, html.HighlightLines(ranges(opts.Highlight)))
	}
	return o
}

// ranges turns sorted line numbers into chroma's inclusive ranges.
func ranges(lines []int) [][2]int {
	var r [][2]int
	for _, n := range lines {
		if k := len(r); k > 0 && r[k-1][1] == n-1 {
			r[k-1][1] = n
			continue
		}
		r = append(r, [2]int{n, n})
	}
	return r
}
