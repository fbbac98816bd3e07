package main

import "strings"

// maxAlign bounds the table the line alignment fills (lines of the original
// shown code times lines of the edited code, after their common start and
// end are set aside); past it, the changed middle counts as replaced whole.
const maxAlign = 1 << 22

// program returns the program to run when the reader edited the shown code
// of a snippet: the edited lines with the snippet's hidden lines put back
// where they were, next to the shown lines they were next to. source is the
// whole original program and shown maps each shown line (0-based) to its
// line in source (1-based), as snippet.Snippet holds them.
//
// A hidden block stays just before the shown line that followed it; when
// the reader deleted that line, before the next one still there, so blocks
// keep their order and a program keeps the helpers and imports it hides.
func program(source string, shown []int, edited string) string {
	src := splitLines(source)
	isShown := make([]bool, len(src)+1)
	orig := make([]string, 0, len(shown))
	for _, n := range shown {
		if n >= 1 && n <= len(src) {
			isShown[n] = true
			orig = append(orig, src[n-1])
		}
	}
	// before[k] holds the hidden lines just before the k-th shown line;
	// before[len(orig)] those after the last.
	before := make([][]string, len(orig)+1)
	k := 0
	for i, l := range src {
		if isShown[i+1] {
			k++
			continue
		}
		before[k] = append(before[k], l)
	}
	if len(orig) == 0 {
		return joinLines(append(before[0], splitLines(edited)...))
	}
	lines := splitLines(edited)
	at := align(orig, lines)
	var out []string
	next := 0 // the next edited line to copy
	for k := range orig {
		if at[k] < 0 {
			out = append(out, before[k]...)
			continue
		}
		out = append(out, lines[next:at[k]]...)
		out = append(out, before[k]...)
		out = append(out, lines[at[k]])
		next = at[k] + 1
	}
	out = append(out, lines[next:]...)
	out = append(out, before[len(orig)]...)
	return joinLines(out)
}

// align matches the lines of a to the lines of b, keeping their order: at[i]
// is the index in b of line i of a, or -1 when it is gone. It keeps a
// longest common subsequence of whole lines.
func align(a, b []string) []int {
	at := make([]int, len(a))
	for i := range at {
		at[i] = -1
	}
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		at[pre] = pre
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		at[len(a)-1-suf] = len(b) - 1 - suf
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma) == 0 || len(mb) == 0 || len(ma)*len(mb) > maxAlign {
		return at
	}
	// lcs[i][j] is the length of a longest common subsequence of ma[i:] and mb[j:].
	w := len(mb) + 1
	lcs := make([]int32, (len(ma)+1)*w)
	for i := len(ma) - 1; i >= 0; i-- {
		for j := len(mb) - 1; j >= 0; j-- {
			switch {
			case ma[i] == mb[j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	for i, j := 0, 0; i < len(ma) && j < len(mb); {
		switch {
		case ma[i] == mb[j]:
			at[pre+i] = pre + j
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return at
}

// splitLines splits text into lines without their line feeds; a final line
// feed ends the last line rather than starting an empty one.
func splitLines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
