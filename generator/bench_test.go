package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchContent writes a site of n lessons, each with a program for yaegi
// and, every fourth, one for the go engine.
func benchContent(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	for i := range n {
		var md strings.Builder
		fmt.Fprintf(&md, "# Lesson %d\n\n```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := range 3 {\n\t\tfmt.Println(%d, i)\n\t}\n}\n```\n", i, i)
		if i%4 == 0 {
			fmt.Fprintf(&md, "\n```go engine=go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(%d)\n}\n```\n", i)
		}
		p := filepath.Join(dir, fmt.Sprintf("%02d-lesson-%d.md", i+1, i+1))
		if err := os.WriteFile(p, []byte(md.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkBuild compares a build that runs every snippet (fresh) with a
// rebuild of the same site from the cache (cached), in one run so their
// ratio holds on a noisy machine.
func BenchmarkBuild(b *testing.B) {
	content := benchContent(b, 8)
	cache := b.TempDir()
	build := func(b *testing.B, extra ...string) {
		var stderr bytes.Buffer
		args := append([]string{"-content", content, "-out", filepath.Join(b.TempDir(), "site"), "-cache", cache}, extra...)
		if code := run(args, &stderr); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			build(b, "-fresh")
		}
	})
	b.Run("cached", func(b *testing.B) {
		build(b) // the cache is warm from fresh, but make sure
		for b.Loop() {
			build(b)
		}
	})
}

// tracePrograms are two lessons' traced programs: a hand-off of 40 ms
// spent asleep, and three CPU-bound goroutines on one P.
var tracePrograms = map[string]string{
	"handoff": "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tch := make(chan string)\n\tgo func() {\n\t\ttime.Sleep(20 * time.Millisecond)\n\t\tch <- \"first\"\n\t\tch <- \"second\"\n\t}()\n\tfmt.Println(<-ch)\n\ttime.Sleep(20 * time.Millisecond)\n\tfmt.Println(<-ch)\n}\n",
	"primes":  "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n\t\"sync\"\n)\n\nfunc countPrimes(lo, hi int) int {\n\tn := 0\n\tfor i := max(lo, 2); i < hi; i++ {\n\t\tprime := true\n\t\tfor d := 2; d*d <= i; d++ {\n\t\t\tif i%d == 0 {\n\t\t\t\tprime = false\n\t\t\t\tbreak\n\t\t\t}\n\t\t}\n\t\tif prime {\n\t\t\tn++\n\t\t}\n\t}\n\treturn n\n}\n\nfunc init() { runtime.GOMAXPROCS(1) }\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tfor _, upTo := range []int{600_000, 200_000, 200_000} {\n\t\twg.Go(func() { countPrimes(0, upTo) })\n\t}\n\twg.Wait()\n\tfmt.Println(\"done\")\n}\n",
}

// BenchmarkTrace measures what the trace option adds to a snippet: the same
// program built and run afresh with engine=go, with and without trace (the
// recorder built in, the trace recorded, then parsed and drawn in the
// generator), side by side so their difference holds on a noisy machine.
func BenchmarkTrace(b *testing.B) {
	for _, prog := range []string{"handoff", "primes"} {
		for _, info := range []string{"engine=go", "engine=go trace"} {
			content := b.TempDir()
			md := "# Traced\n\n```go " + info + "\n" + tracePrograms[prog] + "```\n"
			if err := os.WriteFile(filepath.Join(content, "01-traced.md"), []byte(md), 0o644); err != nil {
				b.Fatal(err)
			}
			b.Run(prog+"/"+strings.ReplaceAll(info, " ", "_"), func(b *testing.B) {
				for b.Loop() {
					var stderr bytes.Buffer
					args := []string{"-content", content, "-out", filepath.Join(b.TempDir(), "site"), "-cache", "", "-fresh"}
					if code := run(args, &stderr); code != 0 {
						b.Fatalf("exit %d: %s", code, stderr.String())
					}
				}
			})
		}
	}
}
