package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckLimits(t *testing.T) {
	nested := func(n int, prefix func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(prefix(i) + "x\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		line int // 0: within the limits
	}{
		{"plain prose", "# Title\n\nSome *text* with [a link](x.md).\n", 0},
		{"list nested to the limit", nested(MaxDepth, func(i int) string { return strings.Repeat("  ", i) + "- " }), 0},
		{"list nested past the limit", "intro\n\n" + nested(MaxDepth+2, func(i int) string { return strings.Repeat("  ", i) + "- " }), MaxDepth + 3},
		{"quotes past the limit", nested(MaxDepth+1, func(i int) string { return strings.Repeat("> ", i+1) }), MaxDepth + 1},
		{"markers on one line", strings.Repeat("- ", MaxDepth+1) + "x\n", 1},
		{"numbered markers", strings.Repeat("1. ", MaxDepth+1) + "x\n", 1},
		{"deep code in a fence is not nesting", "```go\n" + strings.Repeat("\t", 40) + "x\n```\n", 0},
		{"tilde fence", "~~~\n" + strings.Repeat("> ", 40) + "\n~~~\n", 0},
		{"wide table", "|" + strings.Repeat("a|", MaxColumns+1) + "\n", 1},
		{"long paragraph", "title\n\n" + strings.Repeat("word ", MaxBlock/5+10) + "\n", 3},
		{"unclosed links", "title\n\n" + strings.Repeat("[a](", MaxBrackets+1) + "\n", 3},
		{"many list items with links", strings.Repeat("- [a](b.md)\n", 2*MaxBrackets), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckLimits([]byte(tt.src))
			switch {
			case tt.line == 0 && err != nil:
				t.Errorf("CheckLimits = %v, want nil", err)
			case tt.line != 0 && (err == nil || err.Line != tt.line):
				t.Errorf("CheckLimits = %v, want an error at line %d", err, tt.line)
			}
		})
	}
}

// TestLessonsWithinLimits keeps the limits from refusing real lessons.
func TestLessonsWithinLimits(t *testing.T) {
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no lessons found: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckLimits(src); err != nil {
			t.Errorf("%s:%v", f, err)
		}
	}
}
