package lesson

import (
	"sort"

	"github.com/yuin/goldmark/ast"
)

// lineIndex turns byte offsets of a file into 1-based line numbers.
type lineIndex struct {
	starts []int
}

func newLineIndex(src []byte) *lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{starts: starts}
}

func (x *lineIndex) at(offset int) int {
	return sort.SearchInts(x.starts, offset+1)
}

// blockStart is the offset of the first line of the nearest block holding n.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}
