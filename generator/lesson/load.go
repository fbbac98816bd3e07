package lesson

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/gonotes/concurrency/generator/snippet"
	"github.com/yuin/goldmark/ast"
)

// frontMatter is what a lesson may say about itself.
type frontMatter struct {
	Title   string `yaml:"title"`
	Summary string `yaml:"summary"`
	Order   *int   `yaml:"order"`
	Draft   bool   `yaml:"draft"`
}

// Load reads every lesson under fsys. dir is how errors name the folder
// ("content"). Lessons come back in site order, drafts included (marked),
// each with its parsed document. All problems are reported together,
// joined.
func Load(fsys fs.FS, dir string) ([]*Lesson, error) { return load(fsys, dir, false) }

// Index reads every lesson as Load does, reporting the same problems, but
// keeps of each only what the site needs while it works on other lessons
// (title, URL, order, headings, the count of snippets that run): each
// document is closed as soon as it is read, so memory does not grow with
// the site. Open parses a lesson's document again.
func Index(fsys fs.FS, dir string) ([]*Lesson, error) { return load(fsys, dir, true) }

func load(fsys fs.FS, dir string, closed bool) ([]*Lesson, error) {
	var (
		paths []string
		errs  []error
	)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil
		}
		if msg := checkName(p); msg != "" {
			errs = append(errs, &Error{File: path.Join(dir, p), Line: 1, Err: errors.New(msg)})
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	lessons, readErrs := readAll(fsys, dir, paths, closed)
	errs = append(errs, readErrs...)
	if len(lessons) == 0 {
		errs = append(errs, fmt.Errorf("%s: no lessons (.md files) found", dir))
	}
	slices.SortFunc(lessons, func(a, b *Lesson) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.Path, b.Path))
	})
	errs = append(errs, checkURLs(lessons)...)
	return lessons, errors.Join(errs...)
}

// readAll reads and parses the lessons at paths, one worker a core, and
// returns them and their problems in the order of paths.
func readAll(fsys fs.FS, dir string, paths []string, closed bool) ([]*Lesson, []error) {
	read := make([]*Lesson, len(paths))
	problems := make([][]error, len(paths))
	parsers := &sync.Pool{New: func() any { return markdown.New(nil) }}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			md := parsers.Get().(*markdown.Markdown)
			defer parsers.Put(md)
			for i := range next {
				file := path.Join(dir, paths[i])
				src, err := readFile(fsys, paths[i], MaxLessonSize)
				if err != nil {
					problems[i] = []error{&Error{File: file, Line: 1, Err: err}}
					continue
				}
				read[i], problems[i] = parse(md, file, paths[i], src, nil)
				read[i].parsers = parsers
				if closed {
					read[i].Close()
				}
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var (
		lessons []*Lesson
		errs    []error
	)
	for i, l := range read {
		if l != nil {
			lessons = append(lessons, l)
		}
		errs = append(errs, problems[i]...)
	}
	return lessons, errs
}

// Open parses the lesson's document again, after Index or Close dropped
// it: Doc, Headings, Blocks and Refs are as Load left them. Its problems
// were reported when it was first read.
func (l *Lesson) Open() {
	md := l.parsers.Get().(*markdown.Markdown)
	defer l.parsers.Put(md)
	again, _ := parse(md, l.File, l.Path, l.src, &l.front)
	l.Doc, l.Headings, l.Blocks, l.Refs, l.htmlFixes = again.Doc, again.Headings, again.Blocks, again.Refs, again.htmlFixes
}

// Close drops the lesson's document, its snippets and references, keeping
// what Index keeps.
func (l *Lesson) Close() {
	l.Doc, l.Blocks, l.Refs, l.htmlFixes = nil, nil, nil, nil
	for i := range l.Headings {
		l.Headings[i].Node = nil
	}
}

// parse turns one file into a lesson, collecting every problem in it. A
// lesson parsed again passes its front matter, decoded the first time:
// YAML was a tenth of the parse.
func parse(md *markdown.Markdown, file, p string, src []byte, front *frontMatter) (*Lesson, []error) {
	l := &Lesson{Path: p, File: file, URL: pageURL(p), Home: p == "index.md"}
	var errs []error
	if err := markdown.CheckLimits(src); err != nil {
		// goldmark's time grows faster than the input on deep nesting and
		// on some long runs of brackets: such a lesson is not parsed.
		errs = append(errs, l.errorf(err.Line, "%v", err.Err))
		src = nil
	}
	l.src = src
	l.Doc = md.Parse(src)
	var (
		fm    frontMatter
		fmErr error
	)
	if front != nil {
		fm = *front
	} else {
		_, fmErr = l.Doc.DecodeFrontMatter(&fm)
	}
	l.front = fm
	if err := fmErr; err != nil {
		var le *markdown.LineError
		if errors.As(err, &le) {
			errs = append(errs, l.errorf(le.Line, "%v", le.Err))
		} else {
			errs = append(errs, l.errorf(1, "%v", err))
		}
	}
	l.Title, l.Summary, l.Draft = fm.Title, fm.Summary, fm.Draft
	l.Order = orderOf(p, fm.Order)
	lines := newLineIndex(src)
	if h := firstH1(l.Doc.Root); h != nil && (l.Title == "" || l.Title == inlineText(h, src)) {
		l.Title = inlineText(h, src)
		h.Parent().RemoveChild(h.Parent(), h)
	}
	if l.Title == "" && fmErr == nil {
		errs = append(errs, l.errorf(1, "no title: add title: to the front matter or start with a # heading"))
	}
	errs = append(errs, l.collect(lines)...)
	for _, h := range l.Headings {
		l.anchors = append(l.anchors, h.ID)
	}
	for _, b := range l.Blocks {
		if b.Snippet.Runs() {
			l.Runs++
		}
	}
	return l, errs
}

// collect walks the document once: headings, code blocks, links and images.
func (l *Lesson) collect(lines *lineIndex) []error {
	var errs []error
	var fences []ast.Node
	_ = ast.Walk(l.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				l.Headings = append(l.Headings, Heading{Level: n.Level, ID: string(id.([]byte)), Node: n})
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			fences = append(fences, n)
			return ast.WalkSkipChildren, nil
		case *ast.Link, *ast.Image, *ast.HTMLBlock, *ast.RawHTML:
			refs, rerrs := l.refsOf(n, lines)
			l.Refs = append(l.Refs, refs...)
			errs = append(errs, rerrs...)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range fences {
		if err := l.addBlock(n, lines); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// addBlock replaces a code block by a CodeBlock node carrying its snippet.
func (l *Lesson) addBlock(n ast.Node, lines *lineIndex) error {
	src := l.Doc.Source
	var body bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		body.Write(seg.Value(src))
	}
	info, line := "", 0
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
		info = string(f.Info.Segment.Value(src))
		line = lines.at(f.Info.Segment.Start)
	} else if n.Lines().Len() > 0 {
		line = lines.at(n.Lines().At(0).Start) - 1
	} else {
		line = lines.at(blockStart(n))
	}
	s, err := snippet.New(l.File, line, info, body.String())
	var le *snippet.LineError
	if errors.As(err, &le) {
		return l.errorf(le.Line, "%v", le.Err)
	}
	if err != nil {
		return l.errorf(line, "%v", err)
	}
	b := &Block{Snippet: s}
	l.Blocks = append(l.Blocks, b)
	cb := &markdown.CodeBlock{Payload: b}
	n.Parent().ReplaceChild(n.Parent(), n, cb)
	return nil
}

// pageURL maps a content path to its page: "01-intro.md" to "intro.html".
func pageURL(p string) string {
	dir, base := path.Split(strings.TrimSuffix(p, ".md"))
	if trimmed := strings.TrimLeft(base, "0123456789"); trimmed != base && strings.HasPrefix(trimmed, "-") && len(trimmed) > 1 {
		base = trimmed[1:]
	}
	return dir + base + ".html"
}

// orderOf is the front matter's order, else the number the file name starts with.
func orderOf(p string, fm *int) int {
	if fm != nil {
		return *fm
	}
	base := path.Base(p)
	digits := base[:len(base)-len(strings.TrimLeft(base, "0123456789"))]
	if n, err := strconv.Atoi(digits); err == nil {
		return n
	}
	return 1 << 20 // unnumbered lessons come last, by path
}

func checkURLs(lessons []*Lesson) []error {
	var errs []error
	seen := map[string]*Lesson{}
	for _, l := range lessons {
		if other, ok := seen[l.URL]; ok {
			errs = append(errs, l.errorf(1, "page %s would overwrite the page of %s; rename one", l.URL, other.File))
		}
		seen[l.URL] = l
	}
	return errs
}

func firstH1(root ast.Node) *ast.Heading {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			return h
		}
	}
	return nil
}

// inlineText is the plain text of a node's inline content, trimmed.
func inlineText(n ast.Node, src []byte) string { return strings.TrimSpace(markdown.Text(n, src)) }
