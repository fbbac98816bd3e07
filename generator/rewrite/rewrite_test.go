package rewrite

import (
	"strings"
	"testing"
)

// TestRewrite pins down the text of small rewrites: what changes, and
// that everything else stays byte for byte.
func TestRewrite(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"nothing to do", "package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\t_ = i\n\t}\n}\n",
			"package main\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n\t\t_ = i\n\t}\n}\n"},
		{"range over int", "package main\n\nfunc main() {\n\tfor i := range 3 {\n\t\t_ = i\n\t}\n}\n",
			"package main\n\nfunc main() {\n\tfor _gn_i1, _gn_n2 := int(0), int(/*line :4:17*/3); _gn_i1 < _gn_n2; _gn_i1++ /*line :4:19*/{ i := _gn_i1; _ = i;\n\t\t_ = i\n\t}\n}\n"},
		{"captured range variable", "package main\n\nfunc main() {\n\tfor _, v := range []int{1} {\n\t\tgo func() { _ = v }()\n\t}\n}\n",
			"package main\n\nfunc main() {\n\tfor _, v := range []int{1} { v := v;\n\t\tgo func() { _ = v }()\n\t}\n}\n"},
		{"defer argument", "package main\n\nfunc f(int) {}\n\nfunc main() {\n\tx := 1\n\tdefer f(x)\n}\n",
			"package main\n\nfunc f(int) {}\n\nfunc main() {\n\tx := 1\n\t{ _gn_d1 := /*line :7:10*/x; /*line :7:2*/defer f(_gn_d1/*line :7:11*/) }\n}\n"},
		{"closure in a loop passed to a compiled function", "package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor _, t := range []string{\"a\"} {\n\t\twg.Go(func() { _ = t })\n\t}\n}\n",
			"package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor _, t := range []string{\"a\"} { t := t;\n\t\twg.Go(func() /*line :8:9*/func() { return /*line :8:9*/func() { _ = t } }()/*line :8:25*/)\n\t}\n}\n"},
		{"closure in a loop passed to the program's function", "package main\n\nfunc run(f func()) { f() }\n\nfunc main() {\n\tfor _, t := range []string{\"a\"} {\n\t\trun(func() { _ = t })\n\t}\n}\n",
			"package main\n\nfunc run(f func()) { f() }\n\nfunc main() {\n\tfor _, t := range []string{\"a\"} { t := t;\n\t\trun(func() { _ = t })\n\t}\n}\n"},
		{"deferred closure in a loop", "package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor i := 0; i < 2; i++ {\n\t\tdefer func() { use(i) }()\n\t}\n}\n",
			"package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor i := 0; i < 2; i++ { i := i;\n\t\t{ _gn_d1 := i; /*line :7:3*/defer func(i int/*line :7:14*/) { use(i) }(_gn_d1/*line :7:27*/) }\n\t}\n}\n"},
		// A deferred closure gets copies of the variables, so it is left as it
		// is when something assigns them after the defer statement.
		{"deferred closure assigns the variable", "package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor _, x := range []int{1} {\n\t\tdefer func() { x++; use(x) }()\n\t}\n}\n",
			"package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor _, x := range []int{1} { x := x;\n\t\tdefer func() { x++; use(x) }()\n\t}\n}\n"},
		{"variable assigned after the defer", "package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor _, i := range []int{1} {\n\t\tx := i\n\t\tdefer func() { use(x) }()\n\t\tx *= 2\n\t}\n}\n",
			"package main\n\nfunc use(int) {}\n\nfunc main() {\n\tfor _, i := range []int{1} {\n\t\tx := i\n\t\tdefer func() { use(x) }()\n\t\tx *= 2\n\t}\n}\n"},
		{"shadowed builtin", "package main\n\nfunc min(a, b int) int { return a }\n\nfunc main() { _ = min(1, 2) }\n",
			"package main\n\nfunc min(a, b int) int { return a }\n\nfunc main() { _ = min(1, 2) }\n"},
		{"syntax error", "package main\n\nfunc main() { for i := range 3 {\n", "package main\n\nfunc main() { for i := range 3 {\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Rewrite("main.go", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestRewriteKeepsLines checks that a rewrite of every kind adds no line
// and leaves the lines it does not touch alone.
func TestRewriteKeepsLines(t *testing.T) {
	out, err := Rewrite("bench.go", []byte(benchProgram))
	if err != nil {
		t.Fatal(err)
	}
	body, _, _ := strings.Cut(string(out), "\n\n// Added by generator/rewrite")
	got := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	want := strings.Split(strings.TrimSuffix(benchProgram, "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines after the rewrite, %d before", len(got), len(want))
	}
	changed := 0
	for i := range got {
		if got[i] != want[i] {
			changed++
			if !strings.Contains(got[i], namePrefix) && !strings.HasPrefix(got[i], want[i]+" ") {
				t.Errorf("line %d changed without a rewrite:\n%s\n%s", i+1, want[i], got[i])
			}
		}
	}
	if changed == 0 {
		t.Error("nothing was rewritten")
	}
}

func BenchmarkRewrite(b *testing.B) {
	src := []byte(benchProgram)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Rewrite("bench.go", src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPipeline(t *testing.T) {
	conform(t, []conformCase{{"pipeline", benchProgram}})
}
