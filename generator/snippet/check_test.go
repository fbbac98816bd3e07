package snippet

import (
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		info string
		body string
		want Check
	}{
		{
			name: "output",
			info: "go",
			body: `package main

import "fmt"

func main() {
	fmt.Println("hello")
	// Output:
	// hello
}
`,
			want: Check{Present: true, Want: "hello", Line: 7},
		},
		{
			name: "output on the same line",
			info: "go",
			body: "package main\n\nfunc main() {\n\tprintln()\n\t// Output: hi\n}\n",
			want: Check{Present: true, Want: "hi", Line: 5},
		},
		{
			name: "several lines, surrounding space trimmed, inner indentation kept",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// Output:\n\t//\n\t// a\n\t//   b\n\t// c  \n\t//\n}\n",
			want: Check{Present: true, Want: "a\n  b\nc", Line: 4},
		},
		{
			name: "unordered output",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// Unordered output:\n\t// 2\n\t// 1\n}\n",
			want: Check{Present: true, Unordered: true, Want: "2\n1", Line: 4},
		},
		{
			name: "case does not matter",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// unordered Output:\n\t// x\n}\n",
			want: Check{Present: true, Unordered: true, Want: "x", Line: 4},
		},
		{
			// go test accepts space before "Output:" (go/doc's outputPrefix).
			name: "block comment, space before Output",
			info: "go",
			body: "package main\n\nfunc main() {\n\t/* Output:\n\tx\n\t*/\n}\n",
			want: Check{Present: true, Want: "x", Line: 4},
		},
		{
			name: "empty output",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// Output:\n}\n",
			want: Check{Present: true, Want: "", Line: 4},
		},
		{
			name: "absent",
			info: "go",
			body: "package main\n\nfunc main() {\n\tprintln(1)\n}\n",
			want: Check{},
		},
		{
			name: "other comment only",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// prints hello\n\tprintln(1)\n}\n",
			want: Check{},
		},
		{
			name: "output is not the last comment",
			info: "go",
			body: "package main\n\nfunc main() {\n\t// Output:\n\t// 1\n\tprintln(1)\n\t// done\n}\n",
			want: Check{},
		},
		{
			name: "output comment outside main",
			info: "go",
			body: "package main\n\nfunc main() {\n\tprintln(1)\n}\n\n// Output:\n// 1\n",
			want: Check{},
		},
		{
			name: "output in another function",
			info: "go",
			body: "package main\n\nfunc f() {\n\t// Output:\n\t// 1\n}\n\nfunc main() {\n\tf()\n}\n",
			want: Check{},
		},
		{
			name: "hidden lines count in Line",
			info: "go",
			body: "package main\n\nimport \"fmt\" // hide\n\nfunc main() {\n\tfmt.Println(1)\n\t// Output: 1\n}\n",
			want: Check{Present: true, Want: "1", Line: 7},
		},
		{
			// The hide-end marker is not part of the program as the author
			// wrote it; it must not join the Output comment below it.
			name: "output right after a hidden block",
			info: "go",
			body: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n\t// hide-start\n\tfmt.Print(\"\")\n\t// hide-end\n\t// Output:\n\t// hi\n}\n",
			want: Check{Present: true, Want: "hi", Line: 10},
		},
		{
			name: "norun blocks are not checked",
			info: "go norun",
			body: "package main\n\nfunc main() {\n\t// Output: 1\n}\n",
			want: Check{},
		},
		{
			name: "not a program",
			info: "go",
			body: "func f() {\n\t// Output: 1\n}\n",
			want: Check{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New("content/x.md", 1, tt.info, tt.body)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			if s.Check != tt.want {
				t.Errorf("Check = %+v, want %+v", s.Check, tt.want)
			}
		})
	}
}

func TestCheckMatches(t *testing.T) {
	tests := []struct {
		name  string
		check Check
		got   string
		want  bool
	}{
		{"equal", Check{Present: true, Want: "a\nb"}, "a\nb\n", true},
		{"surrounding space ignored", Check{Present: true, Want: "a\nb"}, "\n\n  a\nb  \n\n", true},
		{"order matters", Check{Present: true, Want: "a\nb"}, "b\na\n", false},
		{"different text", Check{Present: true, Want: "a"}, "b\n", false},
		{"inner space matters", Check{Present: true, Want: "a b"}, "a  b\n", false},
		{"missing line", Check{Present: true, Want: "a\nb"}, "a\n", false},
		{"empty want, empty output", Check{Present: true, Want: ""}, "\n", true},
		{"empty want, some output", Check{Present: true, Want: ""}, "x\n", false},
		{"unordered in any order", Check{Present: true, Unordered: true, Want: "1\n2\n3"}, "3\n1\n2\n", true},
		{"unordered same order", Check{Present: true, Unordered: true, Want: "1\n2\n3"}, "1\n2\n3\n", true},
		{"unordered counts duplicates", Check{Present: true, Unordered: true, Want: "1\n2"}, "1\n1\n2\n", false},
		{"unordered missing line", Check{Present: true, Unordered: true, Want: "1\n2"}, "2\n", false},
		{"unordered trims", Check{Present: true, Unordered: true, Want: "b\na"}, "\na\nb\n\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.check.Matches(tt.got); got != tt.want {
				t.Errorf("%+v.Matches(%q) = %v, want %v", tt.check, tt.got, got, tt.want)
			}
		})
	}
}

func TestIsProgram(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"program", "package main\n\nfunc main() {}\n", true},
		{"program with imports and comments", "// Command x.\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println() }\n", true},
		{"other package", "package worker\n\nfunc main() {}\n", false},
		{"no main", "package main\n\nfunc run() {}\n", false},
		{"main method", "package main\n\ntype T struct{}\n\nfunc (T) main() {}\n", false},
		{"fragment", "ch := make(chan int)\nch <- 1\n", false},
		{"function only", "func main() {}\n", false},
		{"empty", "", false},
		{"broken program still counts", "package main\n\nfunc main() {\n\tx :=\n}\n", true},
		{"broken program after a comment", "// A deadlock.\npackage main\n\nfunc main() {\n\tgo\n}\n", true},
		{"broken non-program", "package worker\n\nfunc main() {\n\tx :=\n}\n", false},
		{"broken package whose name starts with main", "package mainly\n\nfunc main() {\n\tx :=\n}\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsProgram(tt.src); got != tt.want {
				t.Errorf("IsProgram(%q) = %v, want %v", tt.src, got, tt.want)
			}
		})
	}
}

func TestRunsAndEngine(t *testing.T) {
	const prog = "package main\n\nfunc main() {}\n"
	tests := []struct {
		info   string
		body   string
		runs   bool
		engine Engine
	}{
		{"go", prog, true, Yaegi},
		{"go engine=go", prog, true, Go},
		{"go engine=yaegi", prog, true, Yaegi},
		{"go norun", prog, false, Yaegi},
		{"go", "x := 1\n", false, Yaegi},
		{"text", prog, false, Yaegi},
		{"", prog, false, Yaegi},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			s, err := New("content/x.md", 1, tt.info, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Runs(); got != tt.runs {
				t.Errorf("Runs() = %v, want %v", got, tt.runs)
			}
			if got := s.EngineOrDefault(); got != tt.engine {
				t.Errorf("EngineOrDefault() = %v, want %v", got, tt.engine)
			}
		})
	}
}

// TestVaries checks which outputs a page labels as varying: those the
// lesson says vary, and a traced run's unless an output comment pins it.
func TestVaries(t *testing.T) {
	const (
		plain  = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n"
		pinned = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\")\n\t// Output:\n\t// hi\n}\n"
	)
	tests := []struct {
		info, body string
		varies     bool
	}{
		{"go", plain, false},
		{"go output=varies", plain, true},
		{"go engine=go trace", plain, true},
		{"go engine=go trace", pinned, false},
		{`go engine=go trace="look" output=varies`, pinned, true},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			s, err := New("content/x.md", 1, tt.info, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Varies(); got != tt.varies {
				t.Errorf("Varies() = %v, want %v (pinned by an output comment: %v)", got, tt.varies, s.Check.Present)
			}
		})
	}
}
