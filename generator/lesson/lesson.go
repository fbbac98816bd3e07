// Package lesson loads the lessons of a site from a content folder: front
// matter, the parsed Markdown, its code blocks as snippets, and the files and
// lessons it refers to.
//
// # Content contract
//
// Every .md file under the content folder is a lesson; index.md at its top is
// the home page. Front matter is YAML between --- lines:
//
//	title:   the page title; defaults to the first heading, which then leaves the body
//	summary: one sentence for the index page
//	order:   position in the site; defaults to the number the file name starts with (01-intro.md)
//	draft:   true leaves the lesson out of the site
//
// A lesson's URL is its path with the leading number and .md dropped:
// 01-intro.md becomes intro.html. Links to other lessons are written to their
// .md files; images and linked files are found beside the lesson or, failing
// that, in the site's assets.
package lesson

import (
	"fmt"
	"sync"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/gonotes/concurrency/generator/snippet"
	"github.com/gonotes/concurrency/generator/timeline"
	"github.com/yuin/goldmark/ast"
)

// Lesson is one Markdown file of the content folder.
type Lesson struct {
	Path     string // slash path inside the content folder: "01-intro.md"
	File     string // the path errors name: "content/01-intro.md"
	URL      string // slash path of the page in the site: "intro.html"
	Title    string
	Summary  string
	Order    int
	Draft    bool
	Home     bool // index.md: the home page, not listed among lessons
	Doc      *markdown.Document
	Headings []Heading
	Blocks   []*Block
	Refs     []*Ref
	// Runs counts the Blocks that run, also while the document is closed.
	Runs int

	htmlFixes []*htmlFix
	src       []byte      // the Markdown, to parse again (Open)
	front     frontMatter // as decoded from src, for Open
	anchors   []string    // the headings' ids, for links from other lessons
	// parsers are the *markdown.Markdown of the lessons read together:
	// one set up is reused by Open, where a new one per lesson spent a
	// tenth of the parse on setting itself up.
	parsers *sync.Pool
}

// Heading is a section heading, for a page's table of contents and for
// checking links to #fragments.
type Heading struct {
	Level int
	ID    string
	Node  *ast.Heading
}

// Block is a code block of a lesson. The run stage fills Result and
// Provenance, and Timeline for a snippet with the trace option.
type Block struct {
	Snippet    *snippet.Snippet
	Result     *engine.Result
	Provenance engine.Provenance
	// Timeline is the figure of what the scheduler did in the run.
	Timeline *timeline.Figure
}

// Error is a problem at a line of a lesson, printed as file:line: message.
type Error struct {
	File string
	Line int
	Col  int
	Err  error
}

func (e *Error) Error() string {
	if e.Col > 0 {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// errorf records an error at a line of the lesson.
func (l *Lesson) errorf(line int, format string, args ...any) error {
	return &Error{File: l.File, Line: line, Err: fmt.Errorf(format, args...)}
}
