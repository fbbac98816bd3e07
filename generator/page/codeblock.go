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

	// The browser playground's: what it needs to run the snippet, or why
	// it cannot.
	Play   *playData
	NoPlay string
}

// OutputLabel names the box under the code.
func (d *snippetData) OutputLabel() string {
	if d.Vet {
		return "go vet"
	}
	return "Output"
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
			Varies: s.Options.Varies,
			Expect: s.Options.Expect.String(),
			Vet:    s.Options.Vet,
			Play:   play(s),
			NoPlay: noPlay(s),
		}
		if b.Result != nil {
			d.Provenance = provenance(b.Provenance)
		}
		return t.ExecuteTemplate(w, "snippet", d)
	}
}

// provenance says where an output came from, in one line under it.
func provenance(p engine.Provenance) string {
	switch {
	case p.Engine == "go":
		return fmt.Sprintf("Ran with go (%s) when the site was built.", p.GoVersion)
	case p.Verified:
		return fmt.Sprintf("Ran with yaegi (Go interpreter, %s) when the site was built; verified against go run.", p.GoVersion)
	default:
		return fmt.Sprintf("Ran with yaegi (Go interpreter, %s) when the site was built; not verified against go run.", p.GoVersion)
	}
}
