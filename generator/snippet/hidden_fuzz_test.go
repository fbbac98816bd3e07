package snippet

import (
	"slices"
	"strings"
	"testing"
)

// FuzzHidden checks that splitting a block into what runs and what is shown
// never panics, and that every shown line is a line of the program, in
// order, mapped to where it is. The kept corpus is in
// testdata/fuzz/FuzzHidden.
func FuzzHidden(f *testing.F) {
	for _, s := range []string{
		"",
		"package main\n",
		"a\nb // hide\nc\n",
		"// hide-start\nx\n// hide-end\ny\n",
		"// hide-start\n// hide-start\n",
		"// hide-end\n",
		"x // hide\r\ny\n",
		"\t// hide-start  \n\tz\n\t// hide-end\n",
		"no markers\nno final newline",
		"\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		source, shown, lines, err := splitHidden(body, 1)
		if !strings.Contains(body, hideLine) {
			// The short cut for a body without markers gives what the
			// line-by-line split gives.
			s2, sh2, l2, err2 := splitMarked(body, 1)
			if source != s2 || shown != sh2 || !slices.Equal(lines, l2) || (err == nil) != (err2 == nil) {
				t.Fatalf("without markers: (%q, %q, %v, %v), line by line (%q, %q, %v, %v)", source, shown, lines, err, s2, sh2, l2, err2)
			}
		}
		if err != nil {
			return
		}
		src := strings.Split(source, "\n")
		shownLines := strings.Split(strings.TrimSuffix(shown, "\n"), "\n")
		if shown == "" {
			shownLines = nil
		}
		if len(lines) != len(shownLines) {
			t.Fatalf("%d shown lines but %d mapped", len(shownLines), len(lines))
		}
		for i, n := range lines {
			if n < 1 || n > len(src) || (i > 0 && n <= lines[i-1]) {
				t.Fatalf("shown line %d maps to source line %d of %d (map %v)", i, n, len(src), lines)
			}
			if !strings.HasPrefix(src[n-1], strings.TrimRight(shownLines[i], " \t")) &&
				strings.TrimSpace(shownLines[i]) != "" {
				t.Fatalf("shown line %q is not source line %d %q", shownLines[i], n, src[n-1])
			}
		}
	})
}
