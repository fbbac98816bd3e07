package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher reports the files that change under a few folders. inotify
// watches one folder at a time, so every folder under them is added, and
// each folder created later is added as it appears.
type watcher struct {
	fsw    *fsnotify.Watcher
	roots  []string // absolute
	ignore string   // absolute; the site folder, which every build replaces
	log    io.Writer
}

// newWatcher starts watching every folder under roots, except ignore.
func newWatcher(roots []string, ignore string, log io.Writer) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching for changes: %w", err)
	}
	w := &watcher{fsw: fsw, log: log}
	if w.ignore, err = filepath.Abs(ignore); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err == nil {
			err = w.addTree(abs, nil)
		}
		if err != nil {
			fsw.Close()
			return nil, fmt.Errorf("watching %s: %w", r, err)
		}
		w.roots = append(w.roots, abs)
	}
	return w, nil
}

// addTree watches dir and every folder under it. found, when set, is given
// the files already there: a folder made by a program (git checkout, tar,
// cp -r) may be full before we start watching it.
func (w *watcher) addTree(dir string, found func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && w.skip(p) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return w.fsw.Add(p)
		}
		if found != nil {
			found(p)
		}
		return nil
	})
}

// skip tells the files no build reads: the site itself, hidden files and
// the temporary files editors write beside the one being saved.
func (w *watcher) skip(p string) bool {
	if p == w.ignore || strings.HasPrefix(p, w.ignore+string(filepath.Separator)) {
		return true
	}
	base := filepath.Base(p)
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") || base == "4913" {
		return true
	}
	switch filepath.Ext(base) {
	case ".swp", ".swx", ".swo", ".tmp":
		return true
	}
	return false
}

// run sends the absolute path of every file created, written, removed or
// renamed on out, until ctx ends. A change of mode alone is not sent.
func (w *watcher) run(ctx context.Context, out chan<- string) error {
	defer w.fsw.Close()
	send := func(p string) bool {
		select {
		case out <- p:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if w.skip(ev.Name) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					var found []string
					err := w.addTree(ev.Name, func(p string) { found = append(found, p) })
					if err != nil && !errors.Is(err, fs.ErrNotExist) {
						fmt.Fprintf(w.log, "watching %s: %v\n", ev.Name, err)
					}
					for _, p := range found {
						if !send(p) {
							return nil
						}
					}
				}
			}
			if !send(ev.Name) {
				return nil
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(w.log, "watching for changes: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Some changes were lost: rebuild as if every folder changed.
				for _, r := range w.roots {
					if !send(r) {
						return nil
					}
				}
			}
		}
	}
}
