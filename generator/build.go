package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"

	"github.com/gonotes/concurrency/assets"
	"github.com/gonotes/concurrency/generator/execute"
	"github.com/gonotes/concurrency/generator/highlight"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/page"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/site"
)

// build is the whole pipeline: load lessons, resolve their links, run their
// snippets, render pages, write the site. Problems from the first three
// stages are reported together; nothing is written unless there are none.
func build(ctx context.Context, cfg config, log io.Writer) error {
	if err := site.CheckOutput(cfg.out, cfg.content, repoRoot(cfg.content)); err != nil {
		return err
	}
	contentFS := os.DirFS(cfg.content)
	lessons, loadErr := lesson.Load(contentFS, filepath.ToSlash(filepath.Clean(cfg.content)))
	published := publishedLessons(lessons)
	files, resolveErr := lesson.Resolve(lessons, contentFS, assets.FS)
	if lessons == nil {
		return loadErr
	}
	runErr := runSnippets(ctx, cfg, published, log)
	if err := errors.Join(loadErr, resolveErr, runErr); err != nil {
		return err
	}
	s := &page.Site{Title: "Go concurrency, by running it", BaseURL: cfg.baseURL, Verified: cfg.verify}
	for _, l := range published {
		if l.Home {
			s.Home = l
			s.Title = l.Title
		} else {
			s.Lessons = append(s.Lessons, l)
		}
	}
	r, err := page.NewRenderer()
	if err != nil {
		return err
	}
	pages, err := r.Render(s)
	if err != nil {
		return err
	}
	tree, err := siteTree(pages, files)
	if err != nil {
		return err
	}
	if cfg.playground {
		pg, err := playgroundFiles(ctx, log)
		if err != nil {
			return err
		}
		maps.Copy(tree, pg)
	}
	return site.Write(cfg.out, tree)
}

// runSnippets runs the snippets of every published lesson, in document order.
func runSnippets(ctx context.Context, cfg config, lessons []*lesson.Lesson, log io.Writer) error {
	var blocks []*lesson.Block
	for _, l := range lessons {
		blocks = append(blocks, l.Blocks...)
	}
	run, err := runner.Start(ctx)
	if err != nil {
		return err
	}
	if ok, why := run.Isolated(); !ok {
		fmt.Fprintf(log, "warning: snippets run without isolation, with the builder's files and network in reach: %s\n", why)
	}
	versions, err := execute.DetectVersions(run.GoVersion())
	if err != nil {
		return err
	}
	ec := execute.Config{Jobs: cfg.jobs, Verify: cfg.verify, Fresh: cfg.fresh, Versions: versions, Run: run.Run}
	if cfg.cache != "" {
		if ec.Cache, err = execute.OpenCache(cfg.cache); err != nil {
			return err
		}
	}
	if isTerminal(log) {
		ec.Progress = log
	}
	return execute.All(ctx, blocks, ec)
}

// isTerminal reports whether w is a terminal, where progress can redraw itself.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func publishedLessons(all []*lesson.Lesson) []*lesson.Lesson {
	var out []*lesson.Lesson
	for _, l := range all {
		if !l.Draft {
			out = append(out, l)
		}
	}
	return out
}

// siteTree gathers every file of the site: pages, the lessons' own files,
// the assets and the generated code stylesheet.
func siteTree(pages map[string][]byte, files []lesson.File) (map[string][]byte, error) {
	tree := map[string][]byte{site.Marker: nil}
	for p, b := range pages {
		tree[p] = b
	}
	for _, f := range files {
		b, err := fs.ReadFile(f.FS, f.From)
		if err != nil {
			return nil, fmt.Errorf("copying %s: %w", f.From, err)
		}
		tree[f.To] = b
	}
	err := fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.FS, p)
		tree[lesson.AssetsDir+"/"+p] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("copying assets: %w", err)
	}
	var css bytes.Buffer
	if err := highlight.CSS(&css); err != nil {
		return nil, err
	}
	tree[lesson.AssetsDir+"/chroma.css"] = css.Bytes()
	return tree, nil
}

// repoRoot is the nearest folder above the content folder holding go.mod or
// .git, which the output must never replace.
func repoRoot(content string) string {
	dir, err := filepath.Abs(content)
	if err != nil {
		return content
	}
	for d := dir; ; d = filepath.Dir(d) {
		for _, marker := range []string{"go.mod", ".git"} {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		if d == filepath.Dir(d) {
			return dir
		}
	}
}
