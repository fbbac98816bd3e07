// Package site writes a built site to its output folder without ever
// leaving a half-built one: the files go to a temporary folder beside the
// target, which replaces the target only once everything is written.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Marker is the file that marks a folder as a site this generator wrote, so
// that it never replaces a folder it did not make.
const Marker = ".nojekyll"

// Writer writes a site into a temporary folder beside its output folder,
// file by file as the build makes them, and puts it in place of the old
// site with Commit. Until then, and after Abort or a build killed on the
// way, the old site stays as it was. Its methods are safe for concurrent
// use.
type Writer struct {
	out, tmp string
	mu       sync.Mutex
	from     map[string]string // path in the site to where it came from
	done     bool              // committed or aborted
}

// Create starts writing a site that will replace the folder out. It
// refuses a folder this generator did not write, and removes what killed
// builds of out left beside it.
func Create(out string) (*Writer, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	if err := removeLeftovers(out); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(out)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("creating a temporary folder beside %s: %w", out, err)
	}
	w := &Writer{out: out, tmp: tmp, from: map[string]string{}}
	// The marker first: a killed build's folder is known by it.
	if err := w.Add(Marker, nil, "the generator"); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// Add writes a file at a slash path of the site; from says where it came
// from, as errors show it. A path two sources claim is an error naming
// both, rather than one silently replacing the other.
func (w *Writer) Add(path string, data []byte, from string) error {
	if !fs.ValidPath(path) || path == "." {
		return fmt.Errorf("writing site: invalid path %q", path)
	}
	w.mu.Lock()
	other, taken := w.from[path]
	if !taken {
		w.from[path] = from
	}
	w.mu.Unlock()
	if taken {
		return fmt.Errorf("%s would write %s, which %s writes too; rename one", from, path, other)
	}
	p := filepath.Join(w.tmp, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("writing site: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing site: %w", err)
	}
	return nil
}

// Count returns how many files of the site have paths ending in suffix.
func (w *Writer) Count(suffix string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for p := range w.from {
		if strings.HasSuffix(p, suffix) {
			n++
		}
	}
	return n
}

// Commit puts the new site in place of the old one.
func (w *Writer) Commit() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return errors.New("writing site: already committed or aborted")
	}
	w.done = true
	// Temp folders are created 0700; a site is meant to be served.
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		os.RemoveAll(w.tmp)
		return fmt.Errorf("writing site: %w", err)
	}
	if err := swap(w.tmp, w.out); err != nil {
		os.RemoveAll(w.tmp)
		return err
	}
	return nil
}

// Abort removes what was written, leaving the old site; after Commit it
// does nothing.
func (w *Writer) Abort() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.done = true
		os.RemoveAll(w.tmp)
	}
}

// Write replaces the folder out with files (slash paths to contents).
// On any error the previous contents of out are left exactly as they were.
func Write(out string, files map[string][]byte) error {
	w, err := Create(out)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if name != Marker {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if err := w.Add(name, files[name], "the files given"); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit()
}

// tempPrefix starts the names of the folders a build of out writes into
// before the swap; the builder's process id follows.
func tempPrefix(out string) string { return "." + filepath.Base(out) + ".new-" }

// removeLeftovers removes what builds of out that were killed left beside
// it: temporary folders carrying the marker whose process is gone.
func removeLeftovers(out string) error {
	parent, prefix := filepath.Dir(out), tempPrefix(out)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("looking for leftovers of earlier builds: %w", err)
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || running(pid) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if _, err := os.Lstat(filepath.Join(dir, Marker)); err != nil {
			continue // not a site this generator wrote, or not begun: leave it
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("removing %s, left by an earlier build: %w", dir, err)
		}
	}
	return nil
}

// swap puts the new site in place of the old in one step (see exchange),
// then removes the old one.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("putting the new site in place: %w", err)
		}
		return nil
	}
	if err := exchange(tmp, out); err != nil {
		return fmt.Errorf("putting the new site in place: %w", err)
	}
	// tmp now holds the previous site.
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("removing the previous site (now at %s): %w", tmp, err)
	}
	return nil
}

// checkReplaceable refuses to replace a folder that holds something other
// than a site this generator wrote.
func checkReplaceable(out string) error {
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("output %s is not empty and was not written by this generator (no %s): refusing to replace it", out, Marker)
	}
	return nil
}

// CheckOutput refuses output folders that would destroy the sources: the
// content folder, the repository root, or a folder holding either.
func CheckOutput(out string, protected ...string) error {
	o, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if o == filepath.Dir(o) {
		return fmt.Errorf("output %s: refusing to use the root of the file system", out)
	}
	for _, p := range protected {
		pa, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		if o == pa || strings.HasPrefix(pa+string(filepath.Separator), o+string(filepath.Separator)) {
			return fmt.Errorf("output %s would replace %s: choose another -out", out, p)
		}
	}
	return nil
}
