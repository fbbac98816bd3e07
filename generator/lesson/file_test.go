package lesson

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadRefusesWhatIsNotALesson builds a content folder with things a
// stranger's pull request could hold, and checks each is refused at its
// file, without hanging, reading outside the folder or running out of memory.
func TestLoadRefusesWhatIsNotALesson(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(content, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	write("01-fine.md", "# Fine\n\nSee [the other](02-linked.md).\n")
	os.WriteFile(filepath.Join(dir, "secret.md"), []byte("# Secret\n"), 0o644)
	symlinks := map[string]string{
		"02-linked.md":  "01-fine.md",                    // inside: fine
		"03-escape.md":  filepath.Join(dir, "secret.md"), // leaves the folder
		"04-zero.md":    "/dev/zero",                     // a device
		"05-environ.md": "/proc/self/environ",            // the builder's environment
		"06-up.md":      "../secret.md",                  // relative, leaving
		"07-loop.md":    "07-loop.md",                    // a loop
		"08-passwd.md":  "/etc/passwd",                   // a host file
	}
	for name, target := range symlinks {
		if err := os.Symlink(target, filepath.Join(content, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(content, "09-fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("10-huge.md", "# Huge\n\n"+strings.Repeat("x", MaxLessonSize))
	write("11-bad#name.md", "# Bad name\n")

	root, err := os.OpenRoot(content)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	lessons, err := Load(root.FS(), "content")
	got := map[string]bool{}
	for _, line := range errorLines(err) {
		file, _, _ := strings.Cut(line, ":")
		got[file] = true
	}
	for _, name := range []string{"03-escape.md", "04-zero.md", "05-environ.md", "06-up.md", "07-loop.md", "08-passwd.md", "09-fifo.md", "10-huge.md", "11-bad#name.md"} {
		if !got["content/"+name] {
			t.Errorf("no error for content/%s; errors:\n%v", name, err)
		}
	}
	for _, name := range []string{"01-fine.md", "02-linked.md"} {
		if got["content/"+name] {
			t.Errorf("an error for content/%s, which is fine:\n%v", name, err)
		}
	}
	if len(lessons) != 2 {
		t.Errorf("loaded %v, want the two good lessons", paths(lessons))
	}
}
