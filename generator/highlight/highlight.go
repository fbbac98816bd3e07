// Package highlight colours code with chroma. It is the only package that
// imports chroma: pages get CSS classes, and one stylesheet holds a light and
// a dark theme. Go is tokenised with go/scanner (golexer.go), every other
// language with chroma's lexers; white space gets no <span> of its own.
package highlight

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// The chroma styles of the two themes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
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
	it, err := chroma.Coalesce(lexerFor(lang, opts)).Tokenise(nil, code)
	if err != nil {
		return fmt.Errorf("highlighting %s: %w", lang, err)
	}
	tokens := plainSpace(it.Tokens())
	if opts.Stock {
		err = html.New(formatterOptions(opts)...).Format(w, styles.Get(LightStyle), chroma.Literator(tokens...))
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

// CSS writes the stylesheet for highlighted code: the light theme by
// default, the dark one when the reader's system prefers dark (unless the
// page is switched to light), or when the page is switched to dark. Dark
// rules apply on screens only, so a page always prints light.
func CSS(w io.Writer) error {
	// Line numbers and highlighted lines only add rules, so a formatter with
	// them on covers every block.
	f := html.New(formatterOptions(Options{LineNumbers: true, Highlight: []int{1}})...)
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get(LightStyle)); err != nil {
		return fmt.Errorf("writing %s CSS: %w", LightStyle, err)
	}
	if err := f.WriteCSS(&dark, styles.Get(DarkStyle)); err != nil {
		return fmt.Errorf("writing %s CSS: %w", DarkStyle, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "/* Code colours: chroma styles %s (light) and %s (dark). Generated; do not edit. */\n", LightStyle, DarkStyle)
	b.WriteString(light.String())
	// The dark style does not restyle every token the light one colours;
	// left alone, those would keep light-theme colours on a dark background.
	darkRules := darkOver(light.String(), dark.String())
	b.WriteString("@media screen {\n")
	b.WriteString(scope(darkRules, `:root[data-theme="dark"] `))
	b.WriteString("}\n@media screen and (prefers-color-scheme: dark) {\n")
	b.WriteString(scope(darkRules, `:root:not([data-theme="light"]) `))
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// darkOver returns the dark style's rules, each one first undoing whatever
// the light rule for the same selector set and the dark one does not, so no
// light-theme colour is left on a dark background. It undoes nothing else:
// a reset of a property the light rule never set would override rules
// before it, as a transparent background on .line once hid .hl lines.
func darkOver(light, dark string) string {
	resets := map[string]string{"color": "inherit", "background-color": "transparent", "font-weight": "inherit", "font-style": "inherit"}
	lightDecl, order := rules(light)
	darkDecl, darkOrder := rules(dark)
	for _, sel := range darkOrder {
		if _, ok := lightDecl[sel]; !ok {
			order = append(order, sel)
		}
	}
	var b strings.Builder
	for _, sel := range order {
		var decl []string
		for _, p := range properties(lightDecl[sel]) {
			if v, ok := resets[p]; ok && !slices.Contains(properties(darkDecl[sel]), p) {
				decl = append(decl, p+": "+v)
			}
		}
		if d := darkDecl[sel]; d != "" {
			decl = append(decl, d)
		}
		if len(decl) > 0 {
			b.WriteString(sel + " { " + strings.Join(decl, "; ") + " }\n")
		}
	}
	return b.String()
}

// rules reads chroma's one-rule-per-line CSS: declarations by selector, and
// the selectors in order.
func rules(css string) (map[string]string, []string) {
	decl := map[string]string{}
	var order []string
	for _, line := range strings.Split(css, "\n") {
		sel, d, ok := strings.Cut(line, " { ")
		if !ok {
			continue
		}
		if _, seen := decl[sel]; !seen {
			order = append(order, sel)
		}
		decl[sel] = strings.TrimSpace(strings.TrimSuffix(d, "}"))
	}
	return decl, order
}

// properties lists the property names of a declaration block.
func properties(decl string) []string {
	var out []string
	for _, d := range strings.Split(decl, ";") {
		if name, _, ok := strings.Cut(d, ":"); ok {
			out = append(out, strings.TrimSpace(name))
		}
	}
	return out
}

// scope prefixes the selector of every rule ("sel { ... }" per line).
func scope(css, prefix string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(css))
	for sc.Scan() {
		line := sc.Text()
		sel, rule, ok := strings.Cut(line, " { ")
		if !ok {
			b.WriteString(line + "\n")
			continue
		}
		parts := strings.Split(sel, ",")
		for i, p := range parts {
			parts[i] = prefix + strings.TrimSpace(p)
		}
		b.WriteString(strings.Join(parts, ", ") + " { " + rule + "\n")
	}
	return b.String()
}
