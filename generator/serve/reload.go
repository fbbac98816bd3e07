package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"sync"
)

// The server's own paths. Lesson pages are NAME.html and their files live
// in assets/, so a build never writes anything under this prefix.
const (
	ownPrefix  = "/__serve/"
	eventsPath = ownPrefix + "events"
	scriptPath = ownPrefix + "reload.js"
)

//go:embed reload.js
var reloadJS []byte

// state is what open pages are told after every build.
type state struct {
	ID    string `json:"id"`              // the build being served; a page from another one reloads
	Error string `json:"error,omitempty"` // why the latest build failed, shown over the page
}

// reloader tells open pages, with server-sent events, that the site they
// show was rebuilt or failed to build.
type reloader struct {
	mu   sync.Mutex
	cur  state
	subs map[chan state]struct{}
}

func newReloader(id string) *reloader {
	return &reloader{cur: state{ID: id}, subs: map[chan state]struct{}{}}
}

func (rl *reloader) current() state {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	return rl.cur
}

// publish makes s the current state and sends it to every open page. A page
// that has not read the previous state yet only gets the newest one.
func (rl *reloader) publish(s state) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.cur = s
	for ch := range rl.subs {
		select {
		case <-ch:
		default:
		}
		ch <- s
	}
}

// subscribe returns a channel that holds the current state at once and
// then every state published, until cancel is called.
func (rl *reloader) subscribe() (<-chan state, func()) {
	ch := make(chan state, 1)
	rl.mu.Lock()
	defer rl.mu.Unlock()
	ch <- rl.cur
	rl.subs[ch] = struct{}{}
	return ch, func() {
		rl.mu.Lock()
		defer rl.mu.Unlock()
		delete(rl.subs, ch)
	}
}

// ServeHTTP serves the script that pages load and the event stream it
// listens to.
func (rl *reloader) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
	case eventsPath:
		rl.stream(w, r)
	default:
		http.NotFound(w, r)
	}
}

// stream sends the current state, then each new one, until the page goes
// away or the server stops (the request's context ends with it).
func (rl *reloader) stream(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	ch, cancel := rl.subscribe()
	defer cancel()
	// A restarted server is back within a second; the browser's default
	// wait before reconnecting is three.
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case s := <-ch:
			b, err := json.Marshal(s) // no newlines: one data line
			if err != nil {
				return
			}
			if _, err := fmt.Fprintf(w, "event: build\ndata: %s\n\n", b); err != nil {
				return
			}
			if err := rc.Flush(); err != nil {
				return
			}
		}
	}
}

// inject adds the reload script to a page, just before </body>, tagged
// with the build the page comes from.
func (rl *reloader) inject(page []byte) []byte {
	tag := `<script src="` + scriptPath + `" data-build="` + html.EscapeString(rl.current().ID) + `"></script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
