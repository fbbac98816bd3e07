package markdown

import "github.com/yuin/goldmark/ast"

// KindCodeBlock is the kind of CodeBlock nodes.
var KindCodeBlock = ast.NewNodeKind("CodeBlock")

// CodeBlock stands in for a fenced code block once the generator has
// understood it; Payload carries whatever the code renderer needs.
type CodeBlock struct {
	ast.BaseBlock
	Payload any
}

// Kind implements ast.Node.
func (n *CodeBlock) Kind() ast.NodeKind { return KindCodeBlock }

// Dump implements ast.Node.
func (n *CodeBlock) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// KindHTML is the kind of HTML nodes.
var KindHTML = ast.NewNodeKind("RewrittenHTML")

// HTML is author-written raw HTML whose links the generator rewrote.
type HTML struct {
	ast.BaseInline
	Raw string
}

// Kind implements ast.Node.
func (n *HTML) Kind() ast.NodeKind { return KindHTML }

// Dump implements ast.Node.
func (n *HTML) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Raw": n.Raw}, nil)
}

// KindHTMLBlock is the kind of HTMLBlock nodes.
var KindHTMLBlock = ast.NewNodeKind("RewrittenHTMLBlock")

// HTMLBlock is an author-written HTML block whose links the generator rewrote.
type HTMLBlock struct {
	ast.BaseBlock
	Raw string
}

// Kind implements ast.Node.
func (n *HTMLBlock) Kind() ast.NodeKind { return KindHTMLBlock }

// Dump implements ast.Node.
func (n *HTMLBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Raw": n.Raw}, nil)
}

// ReplaceHTML puts rewritten HTML in place of a raw HTML node, block or inline.
func ReplaceHTML(old ast.Node, text string) {
	var n ast.Node = &HTML{Raw: text}
	if old.Kind() == ast.KindHTMLBlock {
		n = &HTMLBlock{Raw: text}
	}
	old.Parent().ReplaceChild(old.Parent(), old, n)
}

// KindFigure is the kind of Figure nodes.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image alone in its paragraph with a title, shown with the title as caption.
type Figure struct {
	ast.BaseBlock
	Caption string
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Caption": n.Caption}, nil)
}
