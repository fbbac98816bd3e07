package lesson

import (
	"bytes"
	"strings"

	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// Ref is a link or image of a lesson that points at a file or page of the site.
type Ref struct {
	Line  int
	Dest  string // as written
	Image bool
	// set is called with the resolved URL to write it back into the page.
	set func(url string)
}

// refsOf returns the references held by a link, image or raw HTML node.
// External URLs and pure #fragments are not references to resolve, though
// #fragments are checked against the lesson's own headings.
func (l *Lesson) refsOf(n ast.Node, lines *lineIndex) ([]*Ref, []error) {
	src := l.Doc.Source
	switch n := n.(type) {
	case *ast.Link:
		return l.ref(lines, n, string(n.Destination), false, func(u string) { n.Destination = []byte(u) }), nil
	case *ast.Image:
		line := lines.at(destOffset(n, src, n.Destination))
		var errs []error
		if strings.TrimSpace(inlineText(n, src)) == "" {
			errs = append(errs, l.errorf(line, "image %q has no alt text: write ![what it shows](%s)", n.Destination, n.Destination))
		}
		return l.ref(lines, n, string(n.Destination), true, func(u string) { n.Destination = []byte(u) }), errs
	case *ast.HTMLBlock, *ast.RawHTML:
		return l.htmlRefs(n, lines)
	}
	return nil, nil
}

func (l *Lesson) ref(lines *lineIndex, n ast.Node, dest string, image bool, set func(string)) []*Ref {
	if isExternal(dest) || dest == "" {
		return nil
	}
	line := lines.at(destOffset(n, l.Doc.Source, []byte(dest)))
	return []*Ref{{Line: line, Dest: dest, Image: image, set: set}}
}

// htmlFix holds author-written HTML split into tokens, so that resolved
// URLs can be written into its attributes and the node replaced once.
type htmlFix struct {
	node    ast.Node
	parts   []string
	changed bool
}

func (f *htmlFix) apply() {
	if f.changed {
		markdown.ReplaceHTML(f.node, strings.Join(f.parts, ""))
	}
}

// htmlRefs finds src and href attributes in author-written HTML, and checks
// that every <img> has alt text.
func (l *Lesson) htmlRefs(n ast.Node, lines *lineIndex) ([]*Ref, []error) {
	raw, start := rawHTML(n, l.Doc.Source)
	fix := &htmlFix{node: n}
	var refs []*Ref
	var errs []error
	offset := 0
	z := html.NewTokenizer(strings.NewReader(raw))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		rawTok := string(z.Raw())
		line := lines.at(start) + strings.Count(raw[:offset], "\n")
		offset += len(rawTok)
		fix.parts = append(fix.parts, rawTok)
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if tok.Data == "img" && !hasAlt(tok) {
			errs = append(errs, l.errorf(line, "<img> has no alt text: add alt=\"what it shows\""))
		}
		part := len(fix.parts) - 1
		for i, a := range tok.Attr {
			if (a.Key != "src" && a.Key != "href") || a.Val == "" || isExternal(a.Val) {
				continue
			}
			refs = append(refs, &Ref{Line: line, Dest: a.Val, Image: tok.Data == "img", set: func(u string) {
				tok.Attr[i].Val = u
				fix.parts[part] = tok.String()
				fix.changed = true
			}})
		}
	}
	if len(refs) > 0 {
		l.htmlFixes = append(l.htmlFixes, fix)
	}
	return refs, errs
}

func hasAlt(t html.Token) bool {
	for _, a := range t.Attr {
		if a.Key == "alt" && strings.TrimSpace(a.Val) != "" {
			return true
		}
	}
	return false
}

// rawHTML returns the text of a raw HTML node and the offset it starts at.
func rawHTML(n ast.Node, src []byte) (string, int) {
	var b bytes.Buffer
	start := -1
	add := func(seg text.Segment) {
		if start < 0 {
			start = seg.Start
		}
		b.Write(seg.Value(src))
	}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			add(n.Lines().At(i))
		}
		if n.HasClosure() {
			add(n.ClosureLine)
		}
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			add(n.Segments.At(i))
		}
	}
	return b.String(), max(start, 0)
}

// destOffset finds where a link destination is written, for its line number;
// it falls back to the start of the enclosing block (reference links).
func destOffset(n ast.Node, src []byte, dest []byte) int {
	start := blockStart(n)
	if len(dest) == 0 {
		return start
	}
	// "](dest" is where an inline link's destination is written; a bare
	// mention of the same text earlier in the paragraph is not.
	if i := bytes.Index(src[start:], append([]byte("]("), dest...)); i >= 0 {
		return start + i
	}
	if i := bytes.Index(src[start:], dest); i >= 0 {
		return start + i
	}
	return start
}

// isExternal reports whether a URL leaves the site: it has a scheme
// (https:, mailto:) or is protocol-relative.
func isExternal(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	i := strings.IndexAny(u, ":/?#")
	return i > 0 && u[i] == ':'
}
