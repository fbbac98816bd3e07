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
)

// Marker is the file that marks a folder as a site this generator wrote, so
// that it never replaces a folder it did not make.
const Marker = ".nojekyll"

// Write replaces the folder out with files (slash paths to contents).
// On any error the previous contents of out are left exactly as they were.
func Write(out string, files map[string][]byte) (err error) {
	out, err = filepath.Abs(out)
	if err != nil {
		return err
	}
	if err := checkReplaceable(out); err != nil {
		return err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	if err := removeLeftovers(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(out)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder beside %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeAll(tmp, files); err != nil {
		return err
	}
	return swap(tmp, out)
}

func writeAll(dir string, files map[string][]byte) error {
	if _, ok := files[Marker]; !ok {
		if err := os.WriteFile(filepath.Join(dir, Marker), nil, 0o644); err != nil {
			return fmt.Errorf("writing site: %w", err)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !fs.ValidPath(name) || name == "." {
			return fmt.Errorf("writing site: invalid path %q", name)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing site: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("writing site: %w", err)
		}
	}
	// Temp folders are created 0700; a site is meant to be served.
	if err := os.Chmod(dir, 0o755); err != nil {
		return fmt.Errorf("writing site: %w", err)
	}
	return nil
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
