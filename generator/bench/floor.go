package main

import (
	"bytes"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gonotes/concurrency/generator/highlight"
	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/yuin/goldmark/ast"
)

// converter turns one lesson's Markdown into HTML in memory.
type converter func(md *markdown.Markdown, out *bytes.Buffer, src []byte) error

// goldmarkOnly is the floor: parse and render, nothing else. The lesson
// dialect (generator/markdown) is goldmark with the extensions every lesson
// needs; fenced code comes out escaped, not highlighted.
func goldmarkOnly(md *markdown.Markdown, out *bytes.Buffer, src []byte) error {
	return md.Render(out, md.Parse(src))
}

// withHighlighting is the floor plus highlighting every fenced block with
// highlight.Code and opts: the cost of colouring code on its own.
func withHighlighting(opts highlight.Options) converter {
	return func(md *markdown.Markdown, out *bytes.Buffer, src []byte) error {
		doc := md.Parse(src)
		if err := md.Render(out, doc); err != nil {
			return err
		}
		var code bytes.Buffer
		return ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			fence, ok := n.(*ast.FencedCodeBlock)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			code.Reset()
			for i := range fence.Lines().Len() {
				seg := fence.Lines().At(i)
				code.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, highlight.Code(out, code.String(), string(fence.Language(src)), opts)
		})
	}
}

// convertAll converts every file with the given number of workers, in memory:
// the files are already read and the HTML is dropped, so no I/O is timed.
func convertAll(files []file, workers int, convert converter) (usage, error) {
	runtime.GC()
	return inProcess(func() error {
		var next atomic.Int64
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for w := range workers {
			wg.Go(func() {
				md := markdown.New(nil)
				var out bytes.Buffer
				for {
					i := int(next.Add(1)) - 1
					if i >= len(files) || errs[w] != nil {
						return
					}
					out.Reset()
					errs[w] = convert(md, &out, files[i].Data)
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	})
}
