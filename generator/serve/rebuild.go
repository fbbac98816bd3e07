package serve

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// BuildFunc builds the site into the folder being served, leaving the
// previous site in place when it fails. changed lists the files changed
// since the last build started, nil for the first build. It must stop
// soon once ctx ends.
type BuildFunc func(ctx context.Context, changed []string) error

// builds runs one build at a time and tells open pages what came of each.
type builds struct {
	build BuildFunc
	rl    *reloader
	log   io.Writer
	start string // when this server started; part of every build's ID
	n     int    // builds that succeeded
}

type outcome struct {
	changed    []string
	err        error
	superseded bool // cancelled for newer changes; its error means nothing
	took       time.Duration
}

// loop runs a first build, then one for each batch of changes. A batch
// that comes while a build runs cancels it: the author saved again, and
// its changes are built with the new ones.
func (b *builds) loop(ctx context.Context, batches <-chan []string) {
	done := make(chan outcome, 1)
	var (
		cancel  context.CancelFunc // of the running build; nil when none runs
		pending []string
		dirty   bool // a build is wanted once the running one ends
	)
	run := func(changed []string) {
		var bctx context.Context
		bctx, cancel = context.WithCancel(ctx)
		go func() {
			t := time.Now()
			err := b.build(bctx, changed)
			done <- outcome{changed: changed, err: err, superseded: err != nil && bctx.Err() != nil, took: time.Since(t)}
		}()
	}
	run(nil)
	for {
		select {
		case <-ctx.Done():
			if cancel != nil {
				cancel()
				<-done
			}
			return
		case batch := <-batches:
			pending, dirty = union(pending, batch), true
			if cancel == nil {
				run(pending)
				pending, dirty = nil, false
			} else {
				cancel()
			}
		case o := <-done:
			cancel()
			cancel = nil
			if o.superseded {
				pending = union(o.changed, pending)
			} else {
				b.report(o)
			}
			if dirty {
				run(pending)
				pending, dirty = nil, false
			}
		}
	}
}

// report tells the terminal and the open pages how a build went.
func (b *builds) report(o outcome) {
	what := "first build"
	if o.changed != nil {
		what = "after " + describe(o.changed)
	}
	if o.err != nil {
		fmt.Fprintf(b.log, "%v\nbuild failed (%s, %s); still serving the last good site\n", o.err, what, o.took.Round(time.Millisecond))
		b.rl.publish(state{ID: b.rl.current().ID, Error: o.err.Error()})
		return
	}
	b.n++
	b.rl.publish(state{ID: fmt.Sprintf("%s-%d", b.start, b.n)})
	fmt.Fprintf(b.log, "built (%s, %s); open pages reload\n", what, o.took.Round(time.Millisecond))
}

// describe names the changed files for the terminal, relative to the
// working folder where it can.
func describe(changed []string) string {
	wd, _ := os.Getwd()
	var names []string
	for _, p := range changed {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
		names = append(names, p)
	}
	if len(names) > 3 {
		return fmt.Sprintf("%s and %d more changed", strings.Join(names[:3], ", "), len(names)-3)
	}
	return strings.Join(names, ", ") + " changed"
}

// union returns a with the paths of b it lacks appended.
func union(a, b []string) []string {
	for _, p := range b {
		if !slices.Contains(a, p) {
			a = append(a, p)
		}
	}
	return a
}
