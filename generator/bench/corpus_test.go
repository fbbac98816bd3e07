package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/assets"
	"github.com/gonotes/concurrency/generator/lesson"
)

var fenceRe = regexp.MustCompile("(?s)```go norun\n(.*?)\n```")

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := corpus(30), corpus(30)
	if len(a) != 31 {
		t.Fatalf("corpus(30) has %d files, want 30 lessons and a home page", len(a))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("two calls differ at %s", a[i].Name)
		}
	}
}

// The corpus must cost what a real lesson costs: ~4 KB, three distinct
// 40-line Go programs that parse, and nothing a cache could reuse.
func TestCorpusLessons(t *testing.T) {
	seen := map[string]string{}
	for _, f := range corpus(200)[1:] {
		if n := len(f.Data); n < 3500 || n > 5000 {
			t.Errorf("%s is %d bytes, want about 4 KB", f.Name, n)
		}
		blocks := fenceRe.FindAllSubmatch(f.Data, -1)
		if len(blocks) != 3 {
			t.Fatalf("%s has %d norun Go blocks, want 3", f.Name, len(blocks))
		}
		for _, m := range blocks {
			code := string(m[1])
			if n := blockLines(code); n != 40 {
				t.Errorf("%s: a block has %d lines, want 40:\n%s", f.Name, n, code)
			}
			if other, dup := seen[code]; dup {
				t.Errorf("%s repeats a block of %s", f.Name, other)
			}
			seen[code] = f.Name
			if _, err := parser.ParseFile(token.NewFileSet(), f.Name, code, parser.AllErrors); err != nil {
				t.Errorf("%s: a block is not valid Go: %v", f.Name, err)
			}
		}
	}
}

// The generator must accept the corpus: every lesson loads, and every link
// resolves to a lesson and heading that exist.
func TestCorpusLoads(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range corpus(50) {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	lessons, err := lesson.Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(lessons) != 51 {
		t.Fatalf("loaded %d lessons, want 51", len(lessons))
	}
	if _, err := lesson.Resolve(lessons, fsys, assets.FS); err != nil {
		t.Fatal(err)
	}
	for _, l := range lessons {
		if len(l.Blocks) != 3 && !l.Home {
			t.Errorf("%s: %d code blocks, want 3", l.Path, len(l.Blocks))
		}
	}
}
