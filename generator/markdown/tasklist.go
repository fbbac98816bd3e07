package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindTaskLabel is the kind of TaskLabel nodes.
var KindTaskLabel = ast.NewNodeKind("TaskLabel")

// TaskLabel wraps a task-list item's checkbox and the text after it, so the
// text is the checkbox's label: screen readers then name each box by its task.
type TaskLabel struct {
	ast.BaseInline
}

// Kind implements ast.Node.
func (n *TaskLabel) Kind() ast.NodeKind { return KindTaskLabel }

// Dump implements ast.Node.
func (n *TaskLabel) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// taskTransformer puts every task checkbox and its siblings in a TaskLabel.
type taskTransformer struct{}

func (taskTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var boxes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindTaskCheckBox {
			boxes = append(boxes, n)
		}
		return ast.WalkContinue, nil
	})
	for _, box := range boxes {
		parent := box.Parent()
		label := &TaskLabel{}
		for c := box; c != nil; {
			next := c.NextSibling()
			parent.RemoveChild(parent, c)
			label.AppendChild(label, c)
			c = next
		}
		parent.AppendChild(parent, label)
	}
}
