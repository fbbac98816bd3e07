package rewrite

import (
	"bytes"
	"fmt"
	"go/token"
	"slices"
	"sort"
	"strings"
)

// An edit replaces the source bytes [start, end) with text. An insertion
// has start == end. The text is a list of parts: literal code, or a range
// of the original source copied (moved) to the new place.
type edit struct {
	start, end int
	parts      []part
	// Insertions at the same offset are ordered by nesting: those that
	// close a construct (atEnd) come first, inner constructs before outer
	// ones; then those that open one, outer before inner. span is the
	// size of the construct the edit belongs to.
	atEnd bool
	span  int
	seq   int
	// moved marks the replacement of a range whose text an edit copies
	// elsewhere; the copy leaves it out.
	moved bool
}

// A part is either literal text or a copy of src[from:to].
type part struct {
	text     string
	from, to int
	copied   bool
}

func lit(s string) part        { return part{text: s} }
func copyOf(from, to int) part { return part{from: from, to: to, copied: true} }
func litEdit(s string) []part  { return []part{lit(s)} }
func (e edit) isInsert() bool  { return e.start == e.end }
func (e edit) String() string  { return fmt.Sprintf("[%d,%d)", e.start, e.end) }

// apply returns src with the edits made. Before each copied range, and
// after each edit unless only blanks follow it on its line, it writes a
// /*line :L:C*/ directive so that every original byte keeps its original
// line and column: the interpreter then reports errors and panics at the
// positions of the source the author wrote.
//
// An edit that lies inside the range another edit replaces is applied
// where that range is copied to, or dropped with it. Edits that overlap
// without nesting are a bug in a rewrite.
func apply(tf *token.File, src []byte, edits []edit) ([]byte, error) {
	slices.SortStableFunc(edits, compareEdits)
	r := renderer{tf: tf, src: src, edits: edits}
	r.out.Grow(len(src) + 64*len(edits))
	if err := r.render(0, len(src), false); err != nil {
		return nil, err
	}
	return r.out.Bytes(), nil
}

type renderer struct {
	tf    *token.File
	src   []byte
	edits []edit // sorted by compareEdits
	out   bytes.Buffer
}

// render writes src[from:to] with the edits that lie inside it. In a
// copied range (copy set), insertions exactly at from or to belong to the
// enclosing level.
func (r *renderer) render(from, to int, copy bool) error {
	last := from
	first := sort.Search(len(r.edits), func(i int) bool { return r.edits[i].start >= from })
	for _, e := range r.edits[first:] {
		if e.start > to || (e.start == to && (copy || !e.isInsert())) {
			break
		}
		if copy && e.start == from && e.end >= to && !e.isInsert() && !(e.end == to && !e.moved) {
			continue // the edit that makes this copy, or the text moved here
		}
		if e.end > to {
			return fmt.Errorf("internal error: edit %v crosses the end of a copied range", e)
		}
		if e.start < last {
			if e.end > last {
				return fmt.Errorf("internal error: overlapping edits at %v", e)
			}
			continue // inside an edit already made: copied there, or dropped
		}
		if copy && e.isInsert() && e.start == from {
			continue
		}
		r.out.Write(r.src[last:e.start])
		// balance counts newlines written minus newlines of the original
		// replaced; any copy or imbalance leaves later lines misnumbered.
		balance := -bytes.Count(r.src[e.start:e.end], newline)
		copied := false
		for _, p := range e.parts {
			if !p.copied {
				r.out.WriteString(p.text)
				balance += strings.Count(p.text, "\n")
				continue
			}
			directive(&r.out, r.tf, p.from)
			if err := r.render(p.from, p.to, true); err != nil {
				return err
			}
			balance += bytes.Count(r.src[p.from:p.to], newline)
			copied = true
		}
		last = e.end
		if copied || balance != 0 || !restOfLineBlank(r.src[last:]) {
			directive(&r.out, r.tf, last)
		}
	}
	r.out.Write(r.src[last:to])
	return nil
}

var newline = []byte{'\n'}

// directive writes a line directive that gives the next byte written the
// original position of src[offset].
func directive(out *bytes.Buffer, tf *token.File, offset int) {
	pos := tf.PositionFor(tf.Pos(offset), true)
	// A //line directive of the snippet's own without a column leaves
	// columns unknown (0), which a directive cannot say.
	fmt.Fprintf(out, "/*line :%d:%d*/", pos.Line, max(pos.Column, 1))
}

func compareEdits(a, b edit) int {
	if a.start != b.start {
		return a.start - b.start
	}
	if a.isInsert() != b.isInsert() {
		if a.isInsert() { // insertions go before a replacement at the same offset
			return -1
		}
		return 1
	}
	if a.end != b.end && !a.isInsert() {
		return b.end - a.end // the enclosing replacement first
	}
	if a.moved != b.moved {
		if a.moved {
			return -1
		}
		return 1
	}
	if a.atEnd != b.atEnd {
		if a.atEnd {
			return -1
		}
		return 1
	}
	if a.span != b.span {
		if a.atEnd {
			return a.span - b.span
		}
		return b.span - a.span
	}
	return a.seq - b.seq
}

func restOfLineBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}
