package main

import (
	"strings"
	"testing"
)

// hiddenSnippet is a program whose import and helper are hidden, as
// snippet.Snippet holds it: the whole source and the lines shown.
const hiddenSnippet = `package main

import (
	"fmt"
	"strings"
)

func shout(s string) string {
	return strings.ToUpper(s)
}

func main() {
	fmt.Println(shout("hi"))
}
`

// shownOf returns the shown text of source for the 1-based lines.
func shownOf(source string, lines []int) string {
	src := strings.SplitAfter(source, "\n")
	var b strings.Builder
	for _, n := range lines {
		b.WriteString(src[n-1])
	}
	return b.String()
}

func TestProgram(t *testing.T) {
	shown := []int{1, 2, 3, 4, 6, 11, 12, 13, 14} // hides "strings", and shout with the blank line above it
	orig := shownOf(hiddenSnippet, shown)
	tests := []struct {
		name, edited, want string
	}{
		{"unchanged", orig, hiddenSnippet},
		{
			"a line changed",
			strings.Replace(orig, `shout("hi")`, `shout("ho")`, 1),
			strings.Replace(hiddenSnippet, `shout("hi")`, `shout("ho")`, 1),
		},
		{
			"lines added before a hidden block's next line",
			strings.Replace(orig, "func main() {", "const x = 1\n\nfunc main() {", 1),
			strings.Replace(hiddenSnippet, "}\n\nfunc main() {", "}\n\nconst x = 1\n\nfunc main() {", 1),
		},
		{
			// The line after the hidden helper (the blank line) goes: the
			// helper stays before the next line still there.
			"the line after a hidden block deleted",
			strings.Replace(orig, ")\n\nfunc main", ")\nfunc main", 1),
			strings.Replace(hiddenSnippet, "}\n\nfunc main", "}\nfunc main", 1),
		},
		{
			// No line in common: the hidden lines come first, in order.
			"everything replaced",
			"func main() { println(1) }\n",
			"\t\"strings\"\n\nfunc shout(s string) string {\n\treturn strings.ToUpper(s)\n}\nfunc main() { println(1) }\n",
		},
		{
			"no final line feed",
			strings.TrimSuffix(orig, "\n"),
			hiddenSnippet,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := program(hiddenSnippet, shown, tt.edited); got != tt.want {
				t.Errorf("program() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestProgramAllShown: with nothing hidden, the edited code is the program.
func TestProgramAllShown(t *testing.T) {
	src := "package main\n\nfunc main() {}\n"
	edited := "package main\n\nfunc main() { println(1) }\n"
	if got := program(src, []int{1, 2, 3}, edited); got != edited {
		t.Errorf("program() = %q, want the edited code %q", got, edited)
	}
}

// TestAlignLarge: past the alignment's table limit, a changed middle counts
// as replaced, and the common start and end still align.
func TestAlignLarge(t *testing.T) {
	n := 3000
	a, b := make([]string, n), make([]string, n)
	for i := range a {
		a[i], b[i] = "a"+string(rune('0'+i%10)), "b"
	}
	a[0], b[0] = "same", "same"
	a[n-1], b[n-1] = "end", "end"
	at := align(a, b)
	if at[0] != 0 || at[n-1] != n-1 || at[1] != -1 {
		t.Errorf("align: first %d, last %d, second %d; want 0, %d, -1", at[0], at[n-1], at[1], n-1)
	}
}
