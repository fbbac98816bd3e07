package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	start := time.Now()
	var stats execute.Stats
	if err := site.CheckOutput(cfg.out, cfg.content, repoRoot(cfg.content)); err != nil {
		return err
	}
	// Through an os.Root, no path and no symbolic link leads outside the
	// content folder.
	root, err := os.OpenRoot(cfg.content)
	if err != nil {
		return fmt.Errorf("content folder: %w", err)
	}
	defer root.Close()
	contentFS := root.FS()
	lessons, loadErr := lesson.Load(contentFS, filepath.ToSlash(filepath.Clean(cfg.content)))
	published := publishedLessons(lessons)
	files, resolveErr := lesson.Resolve(lessons, contentFS, assets.FS)
	if lessons == nil {
		return loadErr
	}
	runErr := runSnippets(ctx, cfg, published, log, &stats)
	if err := errors.Join(loadErr, resolveErr, runErr); err != nil {
		return err
	}
	s := &page.Site{Title: "Go concurrency, by running it", BaseURL: cfg.baseURL, Verified: cfg.verify, EditURL: cfg.editURL}
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
		for p, b := range pg {
			tree[p] = b
		}
	}
	if err := site.Write(cfg.out, tree); err != nil {
		return err
	}
	html := 0
	for p := range pages {
		if strings.HasSuffix(p, ".html") {
			html++
		}
	}
	fmt.Fprintf(log, "built %d pages in %v: %s; site in %s\n", html,
		time.Since(start).Round(10*time.Millisecond), summary(&stats), cfg.out)
	return nil
}

// summary says what happened to the snippets, for the line a build ends with.
func summary(st *execute.Stats) string {
	ran, cached := st.Ran.Load(), st.Cached.Load()
	s := fmt.Sprintf("%d snippets (%d run, %d cached), %d verified against go run", ran+cached, ran, cached, st.Verified.Load())
	if n := st.FromGo.Load(); n > 0 {
		s += fmt.Sprintf(", %d shown from go run", n)
	}
	return s
}

// runSnippets runs the snippets of every published lesson, in document order.
func runSnippets(ctx context.Context, cfg config, lessons []*lesson.Lesson, log io.Writer, stats *execute.Stats) error {
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
	versions, err := execute.DetectVersions(ctx, run.GoVersion())
	if err != nil {
		return err
	}
	defer run.Close()
	versions.Cores = run.Cores()
	ec := execute.Config{Jobs: cfg.jobs, Verify: cfg.verify, Fresh: cfg.fresh, Versions: versions, Run: run.Run, Stats: stats}
	if cfg.verbose {
		ec.Notes = log
	}
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
// the assets and the generated code stylesheet. A path two of them claim
// is an error naming both.
func siteTree(pages map[string]page.File, files []lesson.File) (map[string][]byte, error) {
	tree := site.NewTree()
	var errs []error
	for p, f := range pages {
		errs = append(errs, tree.Add(p, f.Data, f.From))
	}
	for _, f := range files {
		b, err := lesson.ReadFile(f)
		if err != nil {
			errs = append(errs, fmt.Errorf("copying %s: %w", f.From, err))
			continue
		}
		errs = append(errs, tree.Add(f.To, b, "content/"+f.From))
	}
	err := fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.FS, p)
		errs = append(errs, tree.Add(lesson.AssetsDir+"/"+p, b, "the generator's assets"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("copying assets: %w", err)
	}
	var css bytes.Buffer
	if err := highlight.CSS(&css); err != nil {
		return nil, err
	}
	errs = append(errs, tree.Add(lesson.AssetsDir+"/chroma.css", css.Bytes(), "the generator's code stylesheet"))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tree.Files(), nil
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
