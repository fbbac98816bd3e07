// Package search builds the site's search index from the lessons' Markdown
// ASTs: for every section of every lesson (the part before the first
// heading, then each heading), its heading, its prose and the identifiers
// of its code. The index is written as a JavaScript file that assigns one
// global, so a page loads it with a <script> tag, which works from file://
// where fetch() of a JSON file does not.
package search

import (
	"bytes"
	"encoding/json"
	"go/scanner"
	"go/token"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Global is the name of the variable the index file assigns.
const Global = "searchIndex"

// Index is what the reader's browser searches.
type Index struct {
	Lessons []Lesson `json:"l"`
}

// Lesson is one page of the site.
type Lesson struct {
	URL      string    `json:"u"` // path in the site
	Title    string    `json:"t"`
	Sections []Section `json:"s"`
}

// Section is the text under one heading, up to the next heading.
type Section struct {
	ID      string `json:"i,omitempty"` // the heading's id; "" for the top of the page
	Heading string `json:"h,omitempty"`
	Prose   string `json:"p,omitempty"`
	Code    string `json:"c,omitempty"` // identifiers in the section's code, space-separated, each once
}

// Build indexes the lessons, in order.
func Build(lessons []*lesson.Lesson) *Index {
	ix := &Index{Lessons: []Lesson{}}
	for _, l := range lessons {
		ix.Lessons = append(ix.Lessons, Entry(l))
	}
	return ix
}

// WriteJS writes the index as a script that assigns window.searchIndex.
func (ix *Index) WriteJS(w io.Writer) error {
	var b bytes.Buffer
	b.WriteString("window." + Global + "=")
	enc := json.NewEncoder(&b)
	// <, > and & are escaped by default, so no "</script>" can end a
	// script early when the file is inlined or shown.
	if err := enc.Encode(ix); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteString(";\n")
	_, err := w.Write(b.Bytes())
	return err
}

// section collects the text of one section as the walk goes.
type section struct {
	Section
	prose strings.Builder
	ids   []string
}

// Entry indexes one lesson, whose document must be open.
func Entry(l *lesson.Lesson) Lesson {
	out := Lesson{URL: l.URL, Title: l.Title}
	src := l.Doc.Source
	cur := &section{}
	flush := func() {
		cur.Prose = collapse(cur.prose.String())
		cur.Code = strings.Join(cur.ids, " ")
		if cur.ID != "" || cur.Prose != "" || cur.Code != "" {
			out.Sections = append(out.Sections, cur.Section)
		}
	}
	_ = ast.Walk(l.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				cur.prose.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			flush()
			cur = &section{}
			if id, ok := n.AttributeString("id"); ok {
				cur.ID = string(id.([]byte))
			}
			cur.Heading = collapse(markdown.Text(n, src))
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			cur.prose.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				cur.prose.WriteByte(' ')
			}
		case *ast.String:
			cur.prose.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.AutoLink:
			cur.prose.Write(n.Label(src))
		case *markdown.Figure:
			cur.prose.WriteString(" " + n.Caption + " ")
		case *markdown.CodeBlock:
			if b, ok := n.Payload.(*lesson.Block); ok {
				for _, id := range identifiers(b.Snippet.Shown, b.Snippet.Options.Lang) {
					if !slices.Contains(cur.ids, id) {
						cur.ids = append(cur.ids, id)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *markdown.HTML, *markdown.HTMLBlock, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return out
}

// collapse turns every run of ASCII white space (regexp's \s) into one
// space and trims white space from the ends. A loop, not a regexp: it ran over all of a
// site's prose, and the regexp was a tenth of a page's cost.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\f', '\r':
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String()) // and Unicode's white space at the ends
}

var word = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)

// identifiers lists the names in a code block, each once, in order: for Go,
// the identifiers go/scanner finds (not keywords, strings or comments); for
// other languages, every word.
func identifiers(code, lang string) []string {
	var out []string
	add := func(id string) {
		if len(id) > 1 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if lang != "go" {
		for _, id := range word.FindAllString(code, -1) {
			add(id)
		}
		return out
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(code)), []byte(code), func(token.Position, string) {}, 0)
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.IDENT {
			add(lit)
		}
	}
}
