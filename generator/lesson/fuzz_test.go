package lesson

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// errorAt matches the position every load error must start with.
var errorAt = regexp.MustCompile(`^content/01-x\.md:(\d+)(:\d+)?: `)

// FuzzFrontMatter loads a lesson whose front matter is the fuzzer's, and
// checks that loading never panics and that every error names the file
// and a line inside it. The kept corpus is in testdata/fuzz/FuzzFrontMatter.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"title: A\nsummary: B",
		"title: [unclosed",
		"sumary: typo",
		"order: x",
		"draft: maybe",
		"title: a\ntitle: b",
		"- a\n- b",
		"title: |\n  long\n  text",
		"? complex\n: key",
		"title: &a x\nsummary: *a",
		"\t",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, yaml string) {
		src := "---\n" + yaml + "\n---\n# Title\n\nText.\n"
		lines := strings.Count(src, "\n") + 1
		_, err := Load(fstest.MapFS{"01-x.md": md(src)}, "content")
		for _, msg := range errorLines(err) {
			m := errorAt.FindStringSubmatch(msg)
			if m == nil {
				t.Fatalf("error without the file and line: %q", msg)
			}
			if n, _ := strconv.Atoi(m[1]); n < 1 || n > lines {
				t.Fatalf("error at line %d of a %d-line file: %q", n, lines, msg)
			}
		}
	})
}
