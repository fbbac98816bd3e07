package snippet

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
)

// Snippet is one fenced code block of a lesson.
type Snippet struct {
	File    string  // the lesson's path, as shown in errors (content/x.md)
	Line    int     // line of the opening fence in File
	Options Options // parsed info string
	Source  string  // the whole program, hidden lines included
	Shown   string  // what the reader sees: Source without hidden lines or markers
	// ShownLines maps each line of Shown (0-based) to its line in Source (1-based).
	ShownLines []int
	Check      Check // the // Output: comment, if any
}

// New builds a snippet from a block's info string and body.
// line is the line of the opening fence; the body starts on the next line.
func New(file string, line int, info, body string) (*Snippet, error) {
	opts, err := ParseInfo(info)
	if err != nil {
		return nil, err
	}
	s := &Snippet{File: file, Line: line, Options: opts}
	s.Source, s.Shown, s.ShownLines, err = splitHidden(body, s.MarkdownLine(1))
	var he *hiddenError
	if errors.As(err, &he) {
		return nil, &LineError{Line: he.line, Err: errors.New(he.msg)}
	}
	if err != nil {
		return nil, err
	}
	if n := len(opts.Highlight); n > 0 && opts.Highlight[n-1] > len(s.ShownLines) {
		return nil, fmt.Errorf("option hl: line %d is past the end of the %d lines shown", opts.Highlight[n-1], len(s.ShownLines))
	}
	if s.Runs() {
		s.Check = findCheck(s.Source)
	}
	return s, nil
}

// IsProgram reports whether src is a complete program: package main with func main.
func IsProgram(src string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, parser.SkipObjectResolution)
	if err != nil {
		// A broken program still counts when it says it is one, so that its
		// compile error is reported rather than the block silently not running.
		first, _, _ := strings.Cut(strings.TrimSpace(stripComments(src)), "\n")
		return strings.Join(strings.Fields(first), " ") == "package main" && strings.Contains(src, "func main()")
	}
	if f.Name.Name != "main" {
		return false
	}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" {
			return true
		}
	}
	return false
}

// Runs reports whether the snippet is run at build time.
func (s *Snippet) Runs() bool {
	return s.Options.Lang == "go" && !s.Options.NoRun && IsProgram(s.Source)
}

// Varies reports whether the snippet's output is shown as one that changes
// from run to run: it says output=varies, or it is traced and no // Output:
// comment pins what it prints (see "Traced runs" in the package doc).
func (s *Snippet) Varies() bool {
	return s.Options.Varies || s.Options.Trace && !s.Check.Present
}

// EngineOrDefault returns the engine the snippet runs on.
func (s *Snippet) EngineOrDefault() Engine {
	if s.Options.Engine == "" {
		return Yaegi
	}
	return s.Options.Engine
}

// MarkdownLine returns the line in the Markdown file of line n (1-based) of Source.
func (s *Snippet) MarkdownLine(n int) int {
	return s.Line + n
}

func stripComments(src string) string {
	var b strings.Builder
	for _, l := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "//") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// LineError is a problem at a line of the Markdown file, inside a block.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Errorf returns an error at a line of the snippet's program (1-based), named
// by its line in the Markdown file; line 0 means the opening fence.
func (s *Snippet) Errorf(line int, format string, args ...any) error {
	at := s.Line
	if line > 0 {
		at = s.MarkdownLine(line)
	}
	return fmt.Errorf("%s:%d: %s", s.File, at, fmt.Sprintf(format, args...))
}
