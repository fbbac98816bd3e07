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
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
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

// swap moves the new site into place, keeping the old one until it succeeded.
func swap(tmp, out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		old = tmp + ".old"
		if err := os.Rename(out, old); err != nil {
			return fmt.Errorf("moving the previous site aside: %w", err)
		}
	}
	if err := os.Rename(tmp, out); err != nil {
		if old != "" {
			if rerr := os.Rename(old, out); rerr != nil {
				return errors.Join(fmt.Errorf("putting the new site in place: %w", err),
					fmt.Errorf("restoring the previous site from %s: %w", old, rerr))
			}
		}
		return fmt.Errorf("putting the new site in place: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous site (now at %s): %w", old, err)
		}
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
