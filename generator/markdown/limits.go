package markdown

import (
	"bytes"
	"fmt"
)

// Limits on the shape of a lesson's Markdown. goldmark's time grows faster
// than its input on deeply nested lists and quotes (5,000 levels took
// minutes), on tables with thousands of columns and on paragraphs with
// thousands of opening brackets (a paragraph of "[a](" repeated, 32 KiB
// long, took 2 s); within these limits it stays linear in the size of a
// lesson: about 3 s for the worst MiB found.
const (
	MaxDepth    = 32       // lists and block quotes inside each other
	MaxColumns  = 100      // cells in a table row
	MaxBlock    = 32 << 10 // bytes of a paragraph, list item or table row
	MaxBrackets = 256      // opening brackets in one of those
)

// CheckLimits reports the first place where src breaks a limit, by a scan
// linear in its size that overestimates rather than misses: it counts the
// container markers (>, -, +, *, 1.) starting a line, plus one level per
// two columns of indentation, and skips fenced code blocks. A run of text
// parsed together ends at a blank line, a fence, or a line that starts a
// list item, a quote or a table row.
func CheckLimits(src []byte) *LineError {
	var fence []byte // the fence that opened the code block we are in
	runStart, runSize, runBrackets := 0, 0, 0
	for n, line := range bytes.Split(src, []byte("\n")) {
		lineNo := n + 1
		trimmed := bytes.TrimLeft(line, " \t")
		if fence != nil {
			if bytes.HasPrefix(trimmed, fence) && len(bytes.TrimSpace(trimmed[len(fence):])) == 0 {
				fence = nil
			}
			continue
		}
		if f := fenceOf(trimmed); f != nil {
			fence, runSize = f, 0
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			runSize = 0
			continue
		}
		d, markers := depth(line)
		if d > MaxDepth {
			return &LineError{Line: lineNo, Err: fmt.Errorf(
				"lists and quotes nest deeper than %d levels here (indentation counts one level per two columns)", MaxDepth)}
		}
		if bytes.Count(line, []byte("|")) > MaxColumns {
			return &LineError{Line: lineNo, Err: fmt.Errorf("a table row with more than %d cells", MaxColumns)}
		}
		if runSize == 0 || markers > 0 || trimmed[0] == '|' {
			runStart, runSize, runBrackets = lineNo, 0, 0
		}
		runSize += len(line) + 1
		runBrackets += bytes.Count(line, []byte("["))
		switch {
		case runSize > MaxBlock:
			return &LineError{Line: runStart, Err: fmt.Errorf(
				"this paragraph runs over %d KiB without a blank line; split it", MaxBlock>>10)}
		case runBrackets > MaxBrackets:
			return &LineError{Line: runStart, Err: fmt.Errorf(
				"this paragraph has more than %d opening brackets; split it", MaxBrackets)}
		}
	}
	return nil
}

// fenceOf returns the fence a line opens (``` or ~~~, three or more), or nil.
func fenceOf(trimmed []byte) []byte {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(trimmed) && trimmed[n] == c {
			n++
		}
		if n >= 3 {
			return trimmed[:n]
		}
	}
	return nil
}

// depth overestimates how many lists and quotes are open at a line, and
// counts the container markers that start it.
func depth(line []byte) (depth, markers int) {
	cols := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			markers++
			i++
			if i < len(line) && line[i] == ' ' {
				i++ // the space a quote marker may have is part of it
			}
		case (c == '-' || c == '+' || c == '*') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			markers++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				markers++
				i = j + 2
				continue
			}
			return markers + cols/2, markers
		default:
			return markers + cols/2, markers
		}
	}
	return markers + cols/2, markers
}
