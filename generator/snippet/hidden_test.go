package snippet

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHiddenLines(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		source     string
		shown      string
		shownLines []int
	}{
		{
			name:       "nothing hidden",
			body:       "a\nb\n",
			source:     "a\nb\n",
			shown:      "a\nb\n",
			shownLines: []int{1, 2},
		},
		{
			name:       "empty",
			body:       "",
			source:     "",
			shown:      "",
			shownLines: nil,
		},
		{
			name:       "hide suffix",
			body:       "a\nsetup() // hide\nb\n",
			source:     "a\nsetup()\nb\n",
			shown:      "a\nb\n",
			shownLines: []int{1, 3},
		},
		{
			name:       "hide suffix with trailing space and tabs before it",
			body:       "a\n\tsetup()\t// hide  \nb\n",
			source:     "a\n\tsetup()\nb\n",
			shown:      "a\nb\n",
			shownLines: []int{1, 3},
		},
		{
			name:       "hide suffix on the last line without newline",
			body:       "a\nb // hide",
			source:     "a\nb\n",
			shown:      "a\n",
			shownLines: []int{1},
		},
		{
			name:       "a line that only says hide",
			body:       "a\n// hide\nb\n",
			source:     "a\n\nb\n",
			shown:      "a\nb\n",
			shownLines: []int{1, 3},
		},
		{
			name:       "hide in the middle of a comment is shown",
			body:       "x := 1 // hide this? no\n",
			source:     "x := 1 // hide this? no\n",
			shown:      "x := 1 // hide this? no\n",
			shownLines: []int{1},
		},
		{
			name:       "hide-start block",
			body:       "a\n// hide-start\nh1\nh2\n// hide-end\nb\n",
			source:     "a\n\nh1\nh2\n\nb\n",
			shown:      "a\nb\n",
			shownLines: []int{1, 6},
		},
		{
			name:       "indented markers",
			body:       "func main() {\n\t// hide-start\n\tx()\n\t// hide-end  \n\ty()\n}\n",
			source:     "func main() {\n\n\tx()\n\n\ty()\n}\n",
			shown:      "func main() {\n\ty()\n}\n",
			shownLines: []int{1, 5, 6},
		},
		{
			name:       "hide suffix inside a hide block",
			body:       "// hide-start\nx() // hide\n// hide-end\ny\n",
			source:     "\nx() // hide\n\ny\n",
			shown:      "y\n",
			shownLines: []int{4},
		},
		{
			name:       "two blocks and a suffix",
			body:       "// hide-start\nh\n// hide-end\na\nb // hide\n// hide-start\nh\n// hide-end\nc\n",
			source:     "\nh\n\na\nb\n\nh\n\nc\n",
			shown:      "a\nc\n",
			shownLines: []int{4, 9},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New("content/x.md", 10, "go", tt.body)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if s.Source != tt.source {
				t.Errorf("Source = %q, want %q", s.Source, tt.source)
			}
			if s.Shown != tt.shown {
				t.Errorf("Shown = %q, want %q", s.Shown, tt.shown)
			}
			if diff := cmp.Diff(tt.shownLines, s.ShownLines); diff != "" {
				t.Errorf("ShownLines mismatch (-want +got):\n%s", diff)
			}
			// The program keeps every line, so errors and outputs map back
			// to the Markdown file.
			if got, want := countLines(s.Source), countLines(tt.body); got != want {
				t.Errorf("Source has %d lines, the block has %d", got, want)
			}
			// Each shown line is the line of Source it claims to be.
			srcLines := strings.Split(s.Source, "\n")
			for i, l := range strings.Split(strings.TrimSuffix(s.Shown, "\n"), "\n") {
				if i >= len(s.ShownLines) {
					break
				}
				if got := srcLines[s.ShownLines[i]-1]; got != l {
					t.Errorf("shown line %d = %q, but Source line %d = %q", i, l, s.ShownLines[i], got)
				}
			}
		})
	}
}

func countLines(s string) int {
	return len(strings.Split(strings.TrimSuffix(s, "\n"), "\n"))
}

// Misplaced markers are reported at their Markdown lines: the fence is on
// line 10, so the block starts on line 11.
func TestHiddenLinesUnbalanced(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"end without start", "a\nb\n// hide-end\n", "line 13: // hide-end without // hide-start"},
		{"start never closed", "a\n// hide-start\nb\n", "line 12: // hide-start is never closed by // hide-end"},
		{"start inside start", "// hide-start\na\n\t// hide-start\n// hide-end\n", "line 13: // hide-start inside the block opened on line 11"},
		{"second end", "// hide-start\n// hide-end\nx\n// hide-end\n", "line 14: // hide-end without // hide-start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New("content/x.md", 10, "go", tt.body)
			if err == nil {
				t.Fatalf("New succeeded, want error %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestMarkdownLine(t *testing.T) {
	// The fence is on line 10, so the block's first line is line 11.
	s, err := New("content/x.md", 10, "go", "a\nb // hide\nc\n")
	if err != nil {
		t.Fatal(err)
	}
	for n, want := range map[int]int{1: 11, 2: 12, 3: 13} {
		if got := s.MarkdownLine(n); got != want {
			t.Errorf("MarkdownLine(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestHighlightPastTheShownCode(t *testing.T) {
	// Three lines, one hidden: hl=3 points past what the reader sees.
	_, err := New("content/x.md", 1, "go hl=3", "a\nb // hide\nc\n")
	if err == nil || !strings.Contains(err.Error(), "line 3 is past the end of the 2 lines shown") {
		t.Errorf("err = %v", err)
	}
	if _, err := New("content/x.md", 1, "go hl=2", "a\nb // hide\nc\n"); err != nil {
		t.Errorf("hl=2 of 2 shown lines: %v", err)
	}
}
