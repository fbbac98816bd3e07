// Package serve is `make serve`, the author's loop: it serves a built site
// on 127.0.0.1, watches the site's sources, rebuilds the site when they
// change and reloads the pages open in a browser.
//
// The server is a static host and no more: GET and HEAD only, nothing
// outside the site folder (no "..", no encoded slashes or backslashes, no
// symbolic link that leads out), index.html for a folder, the site's own
// 404.html with status 404. Into each HTML page it serves it adds one
// script tag, which listens for server-sent events: after a build that
// succeeded the page reloads; after one that failed it shows the build's
// errors over itself while the server goes on serving the last site that
// built. The files on disk are exactly what the build wrote.
//
// How the site is built is the caller's: see BuildFunc.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// Host is the only address the server listens on: it serves an author's
// drafts, and answers nobody else.
const Host = "127.0.0.1"

// Options say what to serve, what to watch and how to build.
type Options struct {
	Site  string    // the folder the build writes and the server serves
	Watch []string  // folders whose files are the site's sources
	Build BuildFunc // builds Site; run once at the start and after each change
	Log   io.Writer // the terminal: what was built, and every error
}

// Listen opens the server's port on 127.0.0.1; port 0 picks a free one.
func Listen(port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(Host, strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return ln, nil
}

// Run builds the site, serves it on ln and rebuilds it on every change to
// the watched folders, until ctx ends. Failed builds do not stop it.
func Run(ctx context.Context, ln net.Listener, o Options) error {
	w, err := newWatcher(o.Watch, o.Site, o.Log)
	if err != nil {
		ln.Close()
		return err
	}
	start := strconv.FormatInt(time.Now().UnixNano(), 36)
	rl := newReloader(start + "-0")
	b := &builds{build: o.Build, rl: rl, log: o.Log, start: start}
	srv := &http.Server{
		Handler:           newHandler(o.Site, rl),
		ReadHeaderTimeout: 10 * time.Second,
	}
	g, ctx := errgroup.WithContext(ctx)
	// Event streams last as long as their page; they end with ctx, so that
	// Shutdown does not wait for them.
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	events := make(chan string)
	batches := make(chan []string)
	g.Go(func() error { return w.run(ctx, events) })
	g.Go(func() error { debounce(ctx, events, batches, quiet, time.After); return nil })
	g.Go(func() error { b.loop(ctx, batches); return nil })
	g.Go(func() error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}

// newHandler serves the site in dir, with the reloader's own paths beside it.
func newHandler(dir string, rl *reloader) http.Handler {
	site := &siteHandler{dir: dir, inject: rl.inject}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, ownPrefix) {
			rl.ServeHTTP(w, r)
			return
		}
		site.ServeHTTP(w, r)
	})
}
