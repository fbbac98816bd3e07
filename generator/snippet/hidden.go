package snippet

import (
	"fmt"
	"strings"
)

// Markers for lines that run but are not shown. A line ending in "// hide" is
// hidden; so is every line between a "// hide-start" line and a "// hide-end"
// line (the marker lines become empty lines of the program, so its line
// numbers stay those of the Markdown).
const (
	hideLine  = "// hide"
	hideStart = "// hide-start"
	hideEnd   = "// hide-end"
)

// splitHidden returns the program to run and the code to show. Hidden lines
// stay in the program, so every line of the program keeps its Markdown line.
//
// Misplaced markers are reported at their lines in the Markdown file: the
// body's first line is line first there.
func splitHidden(body string, first int) (source, shown string, shownLines []int, err error) {
	if !strings.Contains(body, hideLine) {
		// Every marker starts with hideLine. Most blocks have none, and
		// splitting them line by line was a tenth of a lesson's parse.
		n := strings.Count(body, "\n")
		if body != "" && !strings.HasSuffix(body, "\n") {
			n++
		}
		if n > 0 {
			shownLines = make([]int, n)
			for i := range shownLines {
				shownLines[i] = i + 1
			}
		}
		return body, body, shownLines, nil
	}
	return splitMarked(body, first)
}

// splitMarked is splitHidden for a body with markers, line by line.
func splitMarked(body string, first int) (source, shown string, shownLines []int, err error) {
	md := func(n int) int { return first + n - 1 }
	lines := strings.SplitAfter(body, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var src, show strings.Builder
	startAt := 0 // line of an open hide-start, 1-based
	for i, l := range lines {
		n := i + 1
		trimmed := strings.TrimSpace(l)
		switch {
		case trimmed == hideStart:
			if startAt != 0 {
				return "", "", nil, &hiddenError{md(n), fmt.Sprintf("%s inside the block opened on line %d", hideStart, md(startAt))}
			}
			startAt = n
			l = "\n" // an empty line keeps the numbering without joining comments around it
		case trimmed == hideEnd:
			if startAt == 0 {
				return "", "", nil, &hiddenError{md(n), fmt.Sprintf("%s without %s", hideEnd, hideStart)}
			}
			startAt = 0
			l = "\n"
		case startAt != 0:
		case strings.HasSuffix(strings.TrimRight(l, " \t\r\n"), hideLine):
			code := strings.TrimRight(l, " \t\r\n")
			l = strings.TrimRight(strings.TrimSuffix(code, hideLine), " \t") + "\n"
		default:
			show.WriteString(l)
			shownLines = append(shownLines, n)
		}
		src.WriteString(l)
	}
	if startAt != 0 {
		return "", "", nil, &hiddenError{md(startAt), fmt.Sprintf("%s is never closed by %s", hideStart, hideEnd)}
	}
	return src.String(), show.String(), shownLines, nil
}

// hiddenError is a misplaced marker at a line of the Markdown file.
type hiddenError struct {
	line int
	msg  string
}

func (e *hiddenError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }
