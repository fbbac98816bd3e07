package markdown

import (
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the generator's own nodes and overrides headings so
// each carries a visible anchor link.
type nodeRenderer struct {
	code      CodeRenderer
	tableCell renderer.NodeRendererFunc // goldmark's own, for every cell but an empty header
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(KindCodeBlock, r.codeBlock)
	reg.Register(KindHTML, r.html)
	reg.Register(KindHTMLBlock, r.html)
	reg.Register(KindFigure, r.figure)
	reg.Register(KindTaskLabel, r.taskLabel)
	reg.Register(east.KindTableCell, r.cell)
}

func (r *nodeRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id, _ := n.AttributeString("id")
	idText, _ := id.([]byte)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			gmhtml.RenderAttributes(w, n, gmhtml.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(idText) > 0 && n.Level > 1 {
		// Hidden from screen readers and the tab order, so the heading reads
		// as its own text; the page's table of contents links to it too.
		fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>`, html.EscapeString(string(idText)))
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) codeBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if r.code == nil {
		return ast.WalkStop, fmt.Errorf("markdown: no renderer for code blocks")
	}
	return ast.WalkSkipChildren, r.code(w, node.(*CodeBlock))
}

func (r *nodeRenderer) html(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		switch n := node.(type) {
		case *HTML:
			_, _ = w.WriteString(n.Raw)
		case *HTMLBlock:
			_, _ = w.WriteString(n.Raw)
		}
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) figure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Figure)
	if entering {
		_, _ = w.WriteString("<figure>\n")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, "\n<figcaption>%s</figcaption>\n</figure>\n", html.EscapeString(n.Caption))
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) taskLabel(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label class="task">`)
	} else {
		_, _ = w.WriteString("</label>")
	}
	return ast.WalkContinue, nil
}

// cell writes an empty header cell, such as the corner of a table whose
// first column names its rows, as a data cell: a header must say something.
func (r *nodeRenderer) cell(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if node.Parent().Kind() == east.KindTableHeader && !node.HasChildren() {
		if entering {
			_, _ = w.WriteString("<td></td>\n")
		}
		return ast.WalkSkipChildren, nil
	}
	return r.tableCell(w, source, node, entering)
}

// funcs records the functions a goldmark NodeRenderer registers.
type funcs map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcs) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }
