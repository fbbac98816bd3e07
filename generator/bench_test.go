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
