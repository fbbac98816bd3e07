package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// watching starts a watcher on the given roots of dir and returns the
// paths it reports.
func watching(t *testing.T, ctx context.Context, dir string, roots ...string) <-chan string {
	t.Helper()
	var abs []string
	for _, r := range roots {
		abs = append(abs, filepath.Join(dir, r))
	}
	w, err := newWatcher(abs, filepath.Join(dir, "content", "_site"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan string)
	go w.run(ctx, out)
	return out
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitFor reads reported paths until want comes, and returns those before it.
func waitFor(t *testing.T, changes <-chan string, want string) []string {
	t.Helper()
	var before []string
	for p := range changes {
		if p == want {
			return before
		}
		before = append(before, p)
	}
	t.Fatalf("the watcher stopped before reporting %s", want)
	return nil
}

func TestWatcherNewSubfolder(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	mkdir(t, content)
	mkdir(t, filepath.Join(dir, "assets"))
	changes := watching(t, ctx, dir, "content", "assets")
	plot := filepath.Join(content, "part-2", "figures", "plot.svg")
	// inotify reports in order, so a file written after plot.svg in a
	// folder watched from the start shows whether plot.svg was seen.
	seenBefore := func(marker string) {
		t.Helper()
		write(t, marker, "x")
		if !slices.Contains(waitFor(t, changes, marker), plot) {
			t.Errorf("%s was not reported", plot)
		}
	}

	// Made in one go, as cp -r or git checkout would: the file may be
	// there before the watcher has seen its folders.
	mkdir(t, filepath.Dir(plot))
	write(t, plot, "<svg/>")
	seenBefore(filepath.Join(content, "marker-1"))

	// The new folder is watched from now on.
	write(t, plot, "<svg></svg>")
	seenBefore(filepath.Join(content, "marker-2"))

	write(t, filepath.Join(dir, "assets", "style.css"), "body{}")
	waitFor(t, changes, filepath.Join(dir, "assets", "style.css"))
}

func TestWatcherSkips(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	mkdir(t, filepath.Join(content, "_site"))
	changes := watching(t, ctx, dir, "content")

	// Written before the lesson, in the same folders: inotify reports in order.
	skipped := []string{
		filepath.Join(content, "_site", "index.html"), // the site being served
		filepath.Join(content, ".01-a.md.swp"),
		filepath.Join(content, "01-a.md~"),
		filepath.Join(content, "4913"),
		filepath.Join(content, "#01-a.md#"),
	}
	for _, p := range skipped {
		write(t, p, "x")
	}
	lesson := filepath.Join(content, "01-a.md")
	write(t, lesson, "# A")
	for _, p := range waitFor(t, changes, lesson) {
		t.Errorf("reported %s, which no build reads", p)
	}
}
