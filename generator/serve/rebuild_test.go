package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// events connects to the server's event stream as a page does and returns
// the states it is sent, in order.
func events(t *testing.T, ctx context.Context, base string) <-chan state {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", base+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream served as %q", ct)
	}
	out := make(chan state)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "build":
				var s state
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &s); err != nil {
					t.Errorf("bad event data %q: %v", line, err)
					return
				}
				select {
				case out <- s:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

func next(t *testing.T, ch <-chan state) state {
	t.Helper()
	s, ok := <-ch
	if !ok {
		t.Fatal("the event stream ended")
	}
	return s
}

// get returns the body of a page as the server sends it.
func get(t *testing.T, url string) string {
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
	return string(b)
}

// syncBuffer is the terminal, written by the build loop and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestBuildsReloadPages runs the build loop with a build that writes the
// home page and fails on request, and checks what an open page is told and
// what the server serves.
func TestBuildsReloadPages(t *testing.T) {
	site := testSite(t)
	rl := newReloader("s-0")
	srv := httptest.NewServer(newHandler(site, rl))
	defer srv.Close()
	// Cancelled first: it ends the event streams, which Close waits for.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log syncBuffer
	const broken = `content/01-a.md:3: link to "02-b.md": no such lesson <script>`
	build := func(ctx context.Context, changed []string) error {
		if slices.Contains(changed, "broken") {
			return errors.New(broken)
		}
		page := "<html><body>built after " + strings.Join(changed, ",") + "</body></html>"
		return os.WriteFile(filepath.Join(site, "index.html"), []byte(page), 0o644)
	}
	b := &builds{build: build, rl: rl, log: &log, start: "s"}
	page := events(t, ctx, srv.URL)
	if s := next(t, page); s != (state{ID: "s-0"}) {
		t.Fatalf("on connecting: %+v, want the current build s-0", s)
	}
	batches := make(chan []string)
	go b.loop(ctx, batches)

	if s := next(t, page); s != (state{ID: "s-1"}) {
		t.Fatalf("after the first build: %+v, want a reload to s-1", s)
	}
	batches <- []string{"a.md"}
	if s := next(t, page); s != (state{ID: "s-2"}) {
		t.Fatalf("after a change: %+v, want a reload to s-2", s)
	}
	if got := get(t, srv.URL+"/"); !strings.Contains(got, "built after a.md") || !strings.Contains(got, `data-build="s-2"`) {
		t.Errorf("after the rebuild / is %q", got)
	}

	batches <- []string{"broken"}
	s := next(t, page)
	if s.ID != "s-2" || s.Error != broken {
		t.Fatalf("after a failed build: %+v, want the errors and the last good build s-2", s)
	}
	if got := get(t, srv.URL+"/"); !strings.Contains(got, "built after a.md") || !strings.Contains(got, `data-build="s-2"`) {
		t.Errorf("after the failed build / is %q, want the last good site", got)
	}
	if l := log.String(); !strings.Contains(l, broken) || !strings.Contains(l, "still serving the last good site") {
		t.Errorf("the terminal shows:\n%s\nwant the errors and that the last good site is served", l)
	}
	// A page opened now is shown the errors at once.
	ctx2, cancel2 := context.WithCancel(ctx)
	defer cancel2()
	if s := next(t, events(t, ctx2, srv.URL)); s.Error != broken {
		t.Errorf("a newly opened page is told %+v, want the errors", s)
	}

	batches <- []string{"b.md"}
	if s := next(t, page); s != (state{ID: "s-3"}) {
		t.Fatalf("after fixing the error: %+v, want a reload to s-3", s)
	}
}

// TestBuildCancelledBySave checks that a save during a build cancels it and
// that the next build covers the changes of both.
func TestBuildCancelledBySave(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rl := newReloader("s-0")
	updates, stop := rl.subscribe()
	defer stop()
	<-updates // the current state
	calls := make(chan []string)
	build := func(bctx context.Context, changed []string) error {
		calls <- changed
		if slices.Equal(changed, []string{"a.md"}) {
			<-bctx.Done() // a long build, which only a cancel ends
			return bctx.Err()
		}
		return nil
	}
	b := &builds{build: build, rl: rl, log: io.Discard, start: "s"}
	batches := make(chan []string)
	go b.loop(ctx, batches)

	if got := <-calls; got != nil {
		t.Fatalf("first build given %q, want nil", got)
	}
	if s := <-updates; s.ID != "s-1" {
		t.Fatalf("after the first build %+v", s)
	}
	batches <- []string{"a.md"}
	<-calls // the long build is running
	batches <- []string{"b.md", "a.md"}
	if got, want := <-calls, []string{"a.md", "b.md"}; !slices.Equal(got, want) {
		t.Errorf("the build after the cancelled one was given %q, want %q", got, want)
	}
	if s := <-updates; s != (state{ID: "s-2"}) {
		t.Errorf("pages were told %+v, want a reload to s-2 and nothing of the cancelled build", s)
	}
}
