package lesson

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Limits on what a content folder may hold, so that any input builds or
// fails in bounded time and memory.
const (
	MaxLessonSize = 1 << 20  // bytes of Markdown in one lesson
	MaxFileSize   = 32 << 20 // bytes of an image or other file a lesson links to
)

// readFile reads a file of the content folder: a regular file, or a
// symbolic link to one inside the folder (fsys refuses links that leave
// it), of at most limit bytes. FIFOs, devices and sockets are refused
// before they are opened, so none can hang or flood the build.
func readFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", name, describeMode(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s has %d bytes, more than the %d a file may have", name, info.Size(), limit)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s has more than the %d bytes a file may have", name, limit)
	}
	return b, nil
}

// ReadFile reads a file a lesson refers to, with the checks of the content
// folder's files.
func ReadFile(f File) ([]byte, error) { return readFile(f.FS, f.From, MaxFileSize) }

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// urlSafe is what a content path may be made of: characters that mean
// themselves in a URL and on every file system a site is served from.
func urlSafe(p string) bool {
	return strings.IndexFunc(p, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_./", r))
	}) < 0
}

// checkName explains why a content path cannot name a page or file of the
// site, or returns "".
func checkName(p string) string {
	if urlSafe(p) {
		return ""
	}
	return fmt.Sprintf("the name %q has characters a URL must escape; use letters, digits, '-', '_' and '.'", p)
}
