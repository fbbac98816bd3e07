package page

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/highlight"
	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/yuin/goldmark/util"
)

// snippetData is what the snippet template sees.
type snippetData struct {
	ID         string
	Title      string
	Lang       string
	Code       template.HTML // chroma's output
	Runs       bool
	Result     *engine.Result
	Varies     bool
	Expect     string
	Provenance string
	Vet        bool
	Trace      *traceData

	// The browser playground's: what it needs to run the snippet, or why
	// it cannot.
	Play   *playData
	NoPlay string
}

// traceData is what the trace template sees: the figure of a traced
// snippet's run. SVG is trusted as HTML because package timeline drew it
// in this build, escaping every name the program gave; it is never read
// from the cache (see package execute).
type traceData struct {
	SVG     template.HTML
	Summary string // the figure's text alternative
	Caption string // what to look for, from the lesson's trace="..."
}

// OutputLabel names the box under the code.
func (d *snippetData) OutputLabel() string {
	if d.Vet {
		return "go vet"
	}
	return "Output"
}

// CodeLabel names the code for screen readers, which reach it with the tab
// key: it is focusable so the keyboard can scroll it sideways.
func (d *snippetData) CodeLabel() string {
	switch {
	case d.Title != "":
		return "Code: " + d.Title
	case d.Lang == "go":
		return "Go code"
	case d.Lang != "":
		return "Code (" + d.Lang + ")"
	}
	return "Code"
}

// Failed reports whether the run ended other than by main returning.
func (d *snippetData) Failed() bool {
	return d.Result != nil && d.Result.Outcome != engine.OK
}

func codeRenderer(t *template.Template) markdown.CodeRenderer {
	return func(w util.BufWriter, n *markdown.CodeBlock) error {
		b := n.Payload.(*lesson.Block)
		s := b.Snippet
		var code bytes.Buffer
		opts := highlight.Options{LineNumbers: s.Options.Lines, Highlight: s.Options.Highlight}
		if err := highlight.Code(&code, s.Shown, s.Options.Lang, opts); err != nil {
			return fmt.Errorf("%s:%d: %w", s.File, s.Line, err)
		}
		d := &snippetData{
			ID:     fmt.Sprintf("snippet-%d", s.Line),
			Title:  s.Options.Title,
			Lang:   s.Options.Lang,
			Code:   template.HTML(code.String()),
			Runs:   s.Runs(),
			Result: b.Result,
			Varies: s.Varies(),
			Expect: s.Options.Expect.String(),
			Vet:    s.Options.Vet,
			Play:   play(s),
			NoPlay: noPlay(s),
		}
		if b.Result != nil {
			d.Provenance = provenance(b.Provenance)
			if b.Result.HasReport() {
				d.Provenance += " " + cutNote
			}
		}
		if f := b.Timeline; f != nil && b.Result != nil {
			d.Trace = &traceData{SVG: template.HTML(f.SVG), Summary: f.Summary, Caption: s.Options.TraceCaption}
		}
		return t.ExecuteTemplate(w, "snippet", d)
	}
}

// cutNote explains the stack traces pages show (see engine.CutReport).
const cutNote = "The stack trace shows the program's own frames; (...) stands for their arguments."

// provenance says where an output came from, in one line under it.
func provenance(p engine.Provenance) string {
	switch {
	case p.Engine == "go" && p.Reason != "":
		return fmt.Sprintf("Ran with go (%s) when the site was built: %s.", p.GoVersion, p.Reason)
	case p.Engine == "go":
		return fmt.Sprintf("Ran with go (%s) when the site was built.", p.GoVersion)
	case p.Verified:
		return fmt.Sprintf("Ran with yaegi (Go interpreter, %s) when the site was built; verified against go run.", p.GoVersion)
	default:
		return fmt.Sprintf("Ran with yaegi (Go interpreter, %s) when the site was built; not verified against go run.", p.GoVersion)
	}
}
