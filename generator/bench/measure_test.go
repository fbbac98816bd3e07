package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPageWeight(t *testing.T) {
	dir := t.TempDir()
	for name, size := range map[string]int{"index.html": 5000, "404.html": 5000, "a.html": 100, "b.html": 300, "style.css": 9000} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat("x", size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := pageWeight(dir, "*.html")
	if err != nil {
		t.Fatal(err)
	}
	if w.raw != 200 {
		t.Errorf("average page is %d bytes, want 200 (a.html and b.html only)", w.raw)
	}
	if w.gzip <= 0 || w.gzip >= w.raw {
		t.Errorf("gzipped %d bytes of repeated x's from %d", w.gzip, w.raw)
	}
	if _, err := pageWeight(t.TempDir(), "*.html"); err == nil {
		t.Error("no pages gave no error")
	}
}

func TestRunMeasuresTheChild(t *testing.T) {
	u, err := run(context.Background(), ".", nil, "go", "version")
	if err != nil {
		t.Fatal(err)
	}
	if u.wall <= 0 || u.rss < 1<<20 {
		t.Errorf("go version took %v and at most %d bytes of memory", u.wall, u.rss)
	}
	if _, err := run(context.Background(), ".", nil, "go", "no-such-command"); err == nil || !strings.Contains(err.Error(), "no-such-command") {
		t.Errorf("a failing command gave %v", err)
	}
}

func TestFigure(t *testing.T) {
	for x, want := range map[float64]string{1234.5: "1234", 42.42: "42.4", 4.2424: "4.24", 0.04242: "0.042"} {
		if got := figure(x); got != want {
			t.Errorf("figure(%v) = %q, want %q", x, got, want)
		}
	}
}
