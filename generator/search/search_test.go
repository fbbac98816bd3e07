package search

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, files map[string]string) []*lesson.Lesson {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	lessons, err := lesson.Load(fsys, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return lessons
}

const mutexLesson = `---
summary: Locks.
---
# Mutex

A *mutex* guards "shared" state: only one goroutine at a time.

## Lock and Unlock

Call ` + "`mu.Lock()`" + ` before, and [Unlock](https://pkg.go.dev/sync) after.
<span class="raw">raw words</span>

` + "```go\n" + `package main

import "sync"

// counterComment is in a comment
func main() {
	var mu sync.Mutex
	mu.Lock()
	_ = "inStringLiteral"
}
` + "```" + `

| what | why |
|---|---|
| defer | tableWord |

- [x] checklistWord

## Run it

` + "```sh\ngo run -race shellWord.go\n```\n"

func TestBuild(t *testing.T) {
	ix := Build(load(t, map[string]string{"05-mutex.md": mutexLesson}))
	want := &Index{Lessons: []Lesson{{
		URL:   "mutex.html",
		Title: "Mutex",
		Sections: []Section{
			{Prose: "A mutex guards \u201cshared\u201d state: only one goroutine at a time."},
			{
				ID: "lock-and-unlock", Heading: "Lock and Unlock",
				Prose: "Call mu.Lock() before, and Unlock after. raw words what why defer tableWord checklistWord",
				Code:  "main mu sync Mutex Lock",
			},
			{ID: "run-it", Heading: "Run it", Code: "go run race shellWord"},
		},
	}}}
	if diff := cmp.Diff(want, ix); diff != "" {
		t.Errorf("index mismatch (-want +got):\n%s", diff)
	}
}

// The file assigns the global and holds the index as JSON, with nothing a
// browser could take for the end of a script.
func TestWriteJS(t *testing.T) {
	ix := &Index{Lessons: []Lesson{{URL: "a.html", Title: "</script><b>", Sections: []Section{{Prose: "x & y"}}}}}
	var b bytes.Buffer
	if err := ix.WriteJS(&b); err != nil {
		t.Fatal(err)
	}
	js := b.String()
	body, ok := strings.CutPrefix(js, "window."+Global+"=")
	if !ok || !strings.HasSuffix(body, ";\n") {
		t.Fatalf("not an assignment to window.%s: %q", Global, js)
	}
	if strings.Contains(js, "</script") {
		t.Errorf("index can end a script: %s", js)
	}
	var back Index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(body, ";\n")), &back); err != nil {
		t.Fatalf("index is not JSON: %v\n%s", err, js)
	}
	if diff := cmp.Diff(ix, &back); diff != "" {
		t.Errorf("index does not survive the round trip (-want +got):\n%s", diff)
	}
}

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		code, lang string
		want       []string
	}{
		// Not keywords, strings or comments, nor one-letter names.
		{"package main\nfunc f() { xs := `raw y` /* z */; i := 0; xs += \"s\" }", "go", []string{"main", "xs"}},
		{"go test -race ./...", "sh", []string{"go", "test", "race"}},
		{"a b a_b a", "", []string{"a_b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, identifiers(tt.code, tt.lang)); diff != "" {
			t.Errorf("identifiers(%q, %q) mismatch (-want +got):\n%s", tt.code, tt.lang, diff)
		}
	}
}

// TestCollapse holds collapse to what it replaced: regexp's \s+ made one
// space, then the ends trimmed.
func TestCollapse(t *testing.T) {
	spaces := regexp.MustCompile(`\s+`)
	for _, s := range []string{
		"", " ", "a", "  a  ", "a \t\n\f\r b", "a\vb", "x\u00a0\u00a0y", " lead", "trail ", "many   words\n\nhere",
		"ünï cödé  ✓ ", "\u00a0x\v", "\u0085 y \u2003",
	} {
		want := strings.TrimSpace(spaces.ReplaceAllString(s, " "))
		if got := collapse(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
