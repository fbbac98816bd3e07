package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/serve"
)

// lockedBuffer is the terminal, written by the server and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// buildState is what the server tells an open page after a build.
type buildState struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// pageEvents listens to the server as an open page does.
func pageEvents(t *testing.T, ctx context.Context, base string) <-chan buildState {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/__serve/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan buildState)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var s buildState
			if json.Unmarshal([]byte(data), &s) != nil {
				return
			}
			select {
			case out <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// save writes a file as many editors do, to a hidden file renamed over it,
// so that no build can read it half-written.
func save(t *testing.T, p, s string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".new")
	writeFile(t, tmp, s)
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// TestServe edits a lesson under a running -serve as an author would:
// the open page is told to reload after each build, shown the errors of a
// build that failed, and the last good site is served meanwhile.
func TestServe(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	writeFile(t, "content/index.md", "---\ntitle: Home\n---\n\nWelcome.\n")
	writeFile(t, "content/01-a.md", "---\ntitle: A\n---\n\nFirst words.\n")
	cfg, err := parseFlags([]string{"-serve", "-port", "0", "-playground=false"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := serve.Listen(0)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	var log lockedBuffer
	// A build that never comes must fail the test, not hang it.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	exited := make(chan int)
	go func() { exited <- serveOn(ctx, ln, cfg, &log) }()
	defer func() {
		cancel()
		if code := <-exited; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, log.String())
		}
	}()

	page := pageEvents(t, ctx, base)
	// until reads what the page is told until a state passes check.
	until := func(what string, check func(buildState) bool) buildState {
		t.Helper()
		for s := range page {
			if check(s) {
				return s
			}
		}
		t.Fatalf("the event stream ended before %s; terminal:\n%s", what, log.String())
		return buildState{}
	}
	served := func(s buildState) bool {
		code, body := fetch(t, base+"/a.html")
		return s.Error == "" && code == 200 && strings.Contains(body, `data-build="`+s.ID+`"`)
	}
	first := until("the first build", served)

	save(t, "content/01-a.md", "---\ntitle: A\n---\n\nSecond words.\n")
	second := until("a reload", func(s buildState) bool { return s.ID != first.ID })
	if _, body := fetch(t, base+"/a.html"); second.Error != "" || !strings.Contains(body, "Second words.") {
		t.Fatalf("after the edit: told %+v, served %q", second, body)
	}

	save(t, "content/01-a.md", "---\ntitle: A\n---\n\nSecond words.\n\nSee [B](02-b.md).\n")
	failed := until("the errors", func(s buildState) bool { return s.Error != "" })
	if !strings.Contains(failed.Error, "content/01-a.md:7:") || failed.ID != second.ID {
		t.Errorf("after a broken link the page is told %+v, want the error at content/01-a.md:7 and the last good build", failed)
	}
	if _, body := fetch(t, base+"/a.html"); !strings.Contains(body, "Second words.") {
		t.Errorf("after the failed build a.html is %q, want the last good page", body)
	}
	if l := log.String(); !strings.Contains(l, "content/01-a.md:7:") {
		t.Errorf("the terminal does not show the error:\n%s", l)
	}

	save(t, "content/02-b.md", "---\ntitle: B\n---\n\nWords of B.\n")
	fixed := until("a reload after the fix", func(s buildState) bool { return s.ID != second.ID })
	if code, body := fetch(t, base+"/b.html"); fixed.Error != "" || code != 200 || !strings.Contains(body, "Words of B.") {
		t.Errorf("after the fix: told %+v, b.html is %d %q", fixed, code, body)
	}
}
