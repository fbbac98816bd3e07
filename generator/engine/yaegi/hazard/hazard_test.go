package hazard

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/snippet"
)

// TestStillWrongCases checks that every case of the engine's list is found
// in its own program, under its own name.
func TestStillWrongCases(t *testing.T) {
	files, err := filepath.Glob("../testdata/stillwrong/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var src string
			for _, f := range ar.Files {
				if f.Name == "main.go" {
					src = string(f.Data)
				}
			}
			findings := Check(src)
			for _, f := range findings {
				if f.Case == name {
					return
				}
			}
			t.Errorf("Check finds no %s in:\n%s\nfindings: %v", name, src, findings)
		})
	}
}

// TestLessons checks that no program the lessons run on yaegi, all of
// which the build verifies against go run, is flagged.
func TestLessons(t *testing.T) {
	lessons, err := lesson.Load(os.DirFS("../../../../content"), "content")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range lessons {
		for _, b := range l.Blocks {
			s := b.Snippet
			if !s.Runs() || s.EngineOrDefault() != snippet.Yaegi {
				continue
			}
			n++
			for _, f := range Check(s.Source) {
				t.Errorf("%s:%d: %v (%s)", s.File, s.Line, f, f.Case)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d yaegi snippets in the lessons", n)
	}
}

// TestNotFlagged lists constructs next to the flagged ones that yaegi
// runs as Go does.
func TestNotFlagged(t *testing.T) {
	for name, body := range map[string]string{
		"swap":                         "a := []int{1, 2}\n\ta[0], a[1] = a[1], a[0]\n\tfmt.Println(a)",
		"struct in an empty interface": "type p struct{ x int }\n\tv := p{1}\n\tvar i any = v\n\tv.x = 2\n\tfmt.Println(i)",
		"%v of a struct":               "type p struct{ x int }\n\tfmt.Printf(\"%v %d\\n\", p{1}, 2)",
		"%T of a builtin type":         "fmt.Printf(\"%T\\n\", 1)",
		"a String method at the top":   "fmt.Println(c(1))\n}\n\ntype c int\n\nfunc (c) String() string { return \"c\" }\n\nfunc f() {",
		"supplied iterator":            "for k := range maps.Keys(map[int]int{1: 1}) {\n\t\tfmt.Println(k)\n\t}\n\t_ = slices.Sorted(maps.Keys(map[int]int{}))",
		"a buffered channel":           "c := make(chan int, 1)\n\tc <- 1\n\tfmt.Println(<-c)",
		"index in range":               "s := []int{1, 2}\n\tfmt.Println(s[1])",
		"deferred func literal":        "for i := range 3 {\n\t\tdefer func() { fmt.Println(i) }()\n\t}",
		"recover printed":              "defer func() { fmt.Println(recover()) }()\n\tpanic(\"x\")",
		"errorf with an error":         "var err error = errors.New(\"x\")\n\tfmt.Println(fmt.Errorf(\"w: %w\", err))",
		"panic of a string":            "panic(fmt.Sprint(\"x\"))",
		"math/rand/v2":                 "fmt.Println(rand.IntN(1) * 0)",
	} {
		t.Run(name, func(t *testing.T) {
			src := "package main\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"maps\"\n\t\"math/rand/v2\"\n\t\"slices\"\n)\n\nvar _ = errors.New\nvar _ = rand.IntN\nvar _ = maps.Keys[map[int]int]\nvar _ = slices.Sorted[int]\n\nfunc main() {\n\t" + body + "\n}\n"
			for _, f := range Check(src) {
				t.Errorf("%v (%s)\n%s", f, f.Case, src)
			}
		})
	}
}
