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
	"runtime"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gonotes/concurrency/assets"
	"github.com/gonotes/concurrency/generator/execute"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/page"
	"github.com/gonotes/concurrency/generator/runner"
	"github.com/gonotes/concurrency/generator/search"
	"github.com/gonotes/concurrency/generator/site"
)

// build is the whole pipeline. It indexes the lessons (read, checked,
// their documents dropped); then, a few lessons at a time, opens each,
// resolves its links, runs its snippets, renders its page and writes it,
// and closes it again, so memory stays flat however many lessons there
// are; then writes the files every site has. The new site replaces the
// old only when all of it succeeded, and every problem is reported
// together.
func build(ctx context.Context, cfg config, log io.Writer) error {
	start := time.Now()
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
	lessons, loadErr := lesson.Index(contentFS, filepath.ToSlash(filepath.Clean(cfg.content)))
	if lessons == nil {
		return loadErr
	}
	s := newSite(cfg, publishedLessons(lessons))
	var stats execute.Stats
	ex, err := startExecutor(ctx, cfg, s, log, &stats)
	if err != nil {
		return err
	}
	defer ex.Close()
	w, err := site.Create(cfg.out)
	if err != nil {
		return err
	}
	defer w.Abort()
	r, err := page.NewRenderer()
	if err != nil {
		return err
	}
	index, pagesErr := writePages(ctx, cfg, s, lesson.NewResolver(lessons, contentFS, assets.FS), ex.Executor, r, w)
	if err := errors.Join(loadErr, pagesErr); err != nil {
		return err
	}
	if err := writeShared(ctx, cfg, s, index, r, w, log); err != nil {
		return err
	}
	if err := w.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(log, "built %d pages in %v: %s; site in %s\n", w.Count(".html"),
		time.Since(start).Round(10*time.Millisecond), summary(&stats), cfg.out)
	return nil
}

// newSite is what every page knows of the site: its lessons in order.
func newSite(cfg config, published []*lesson.Lesson) *page.Site {
	s := &page.Site{Title: "Go concurrency, by running it", BaseURL: cfg.baseURL, Verified: cfg.verify, EditURL: cfg.editURL}
	for _, l := range published {
		if l.Home {
			s.Home, s.Title = l, l.Title
		} else {
			s.Lessons = append(s.Lessons, l)
		}
	}
	return s
}

// writePages opens, resolves, runs, renders and writes the page of every
// lesson of s, as many at once as the machine has cores plus twice the
// programs that may run at once (a lesson waiting for a snippet uses no
// core, and the more lessons wait, the more of their programs share one go
// build: 5% off the lesson site's cold build against once), and returns
// the search index. A failure of the generator itself stops it.
func writePages(ctx context.Context, cfg config, s *page.Site, rv *lesson.Resolver, ex *execute.Executor, r *page.Renderer, w *site.Writer) (*search.Index, error) {
	order := s.Lessons
	if s.Home != nil {
		order = append([]*lesson.Lesson{s.Home}, s.Lessons...)
	}
	// neighbours are a page's previous and next lessons.
	neighbours := func(i int) (prev, next *lesson.Lesson) {
		if s.Home != nil {
			i-- // the home page comes before the first lesson
		}
		if i > 0 {
			prev = s.Lessons[i-1]
		}
		if i+1 < len(s.Lessons) {
			next = s.Lessons[i+1]
		}
		return prev, next
	}
	entries := make([]search.Lesson, len(order))
	var (
		mu     sync.Mutex
		errs   []error
		copied = map[string]bool{}
	)
	fail := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	buffers := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0) + 2*cfg.jobs)
	for _, i := range mostRunsFirst(order) {
		l := order[i]
		g.Go(func() error {
			l.Open()
			defer l.Close()
			files, resolveErr := rv.Lesson(l)
			runErr := ex.Run(gctx, l.Blocks)
			if execute.IsInternal(runErr) {
				return runErr
			}
			for _, f := range files {
				mu.Lock()
				first := !copied[f.To]
				copied[f.To] = true
				mu.Unlock()
				if first {
					fail(copyFile(w, f))
				}
			}
			if err := errors.Join(resolveErr, runErr); err != nil {
				fail(err)
				return nil
			}
			prev, next := neighbours(i)
			buf := buffers.Get().(*bytes.Buffer)
			buf.Reset()
			path, err := r.PageTo(buf, s, l, prev, next)
			if err == nil {
				err = w.Add(path, buf.Bytes(), l.File)
			}
			buffers.Put(buf) // Add has written the page
			fail(err)
			entries[i] = search.Entry(l)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return &search.Index{Lessons: entries}, errors.Join(errs...)
}

// mostRunsFirst returns the indexes of lessons, those with the most
// snippets to run first: a long lesson started last would finish alone,
// with the machine's other cores idle.
func mostRunsFirst(lessons []*lesson.Lesson) []int {
	idx := make([]int, len(lessons))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return lessons[b].Runs - lessons[a].Runs })
	return idx
}

// copyFile writes a file a lesson refers to into the site.
func copyFile(w *site.Writer, f lesson.File) error {
	b, err := lesson.ReadFile(f)
	if err != nil {
		return fmt.Errorf("copying %s: %w", f.From, err)
	}
	return w.Add(f.To, b, "content/"+f.From)
}

// writeShared writes the files every site has: the generated pages and
// scripts, the assets (the code stylesheet among them) and the playground.
func writeShared(ctx context.Context, cfg config, s *page.Site, index *search.Index, r *page.Renderer, w *site.Writer, log io.Writer) error {
	generated, err := r.Generated(s, index)
	if err != nil {
		return err
	}
	var errs []error
	for p, f := range generated {
		errs = append(errs, w.Add(p, f.Data, f.From))
	}
	err = fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.FS, p)
		errs = append(errs, w.Add(lesson.AssetsDir+"/"+p, b, "the generator's assets"))
		return err
	})
	if err != nil {
		return fmt.Errorf("copying assets: %w", err)
	}
	if cfg.playground {
		pg, err := playgroundFiles(ctx, log)
		if err != nil {
			return err
		}
		for p, b := range pg {
			errs = append(errs, w.Add(p, b, "the generator's playground"))
		}
	}
	return errors.Join(errs...)
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

// executor runs a build's snippets; it owns the Runner it runs them with.
type executor struct {
	*execute.Executor
	run *runner.Runner
}

// Close ends the progress line and removes what the Runner kept.
func (x executor) Close() {
	x.Executor.Close()
	if x.run != nil {
		x.run.Close()
	}
}

// startExecutor prepares to run the snippets of the site's lessons. A site
// with none to run (all prose, or every block norun) starts no Runner: its
// sandbox probe and go commands were most of a small site's build.
func startExecutor(ctx context.Context, cfg config, s *page.Site, log io.Writer, stats *execute.Stats) (executor, error) {
	total := 0
	for _, l := range append([]*lesson.Lesson{s.Home}, s.Lessons...) {
		if l != nil {
			total += l.Runs
		}
	}
	if total == 0 {
		x, err := execute.New(execute.Config{Jobs: cfg.jobs, Verify: cfg.verify, Stats: stats}, 0)
		return executor{Executor: x}, err
	}
	run, err := runner.Start(ctx)
	if err != nil {
		return executor{}, err
	}
	if ok, why := run.Isolated(); !ok {
		fmt.Fprintf(log, "warning: snippets run without isolation, with the builder's files and network in reach: %s\n", why)
	}
	versions, err := execute.DetectVersions(ctx, run.GoVersion())
	if err != nil {
		run.Close()
		return executor{}, err
	}
	versions.Cores = run.Cores()
	ec := execute.Config{Jobs: cfg.jobs, Verify: cfg.verify, Fresh: cfg.fresh, Versions: versions,
		Run: run.Run, Prepare: run.Prepare, Stats: stats}
	if cfg.verbose {
		ec.Notes = log
	}
	if cfg.cache != "" {
		if ec.Cache, err = execute.OpenCache(cfg.cache); err != nil {
			run.Close()
			return executor{}, err
		}
	}
	if isTerminal(log) {
		ec.Progress = log
	}
	x, err := execute.New(ec, total)
	if err != nil {
		run.Close()
		return executor{}, err
	}
	return executor{Executor: x, run: run}, nil
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
