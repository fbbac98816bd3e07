package page

import (
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/timeline"
)

func TestProgramOutputIsEscaped(t *testing.T) {
	s := site(t, "")
	withOutput(t, s, "01-goroutines.md", &engine.Result{
		Events: []engine.Event{
			{Stream: engine.Stdout, Text: "<script>alert(1)</script>\n"},
			{Stream: engine.Stderr, Text: "panic: <img src=x onerror=alert(2)>\n"},
			{Stream: engine.Stdout, Text: "a & b\n"},
		},
		ExitCode: 2,
		Outcome:  engine.Panic,
		Note:     "<i>note</i>",
	})
	page := string(render(t, s)["goroutines.html"])
	for _, bad := range []string{"<script>alert(1)", "<img src=x", "<i>note</i>"} {
		if strings.Contains(page, bad) {
			t.Errorf("program output reached the page unescaped: %s", bad)
		}
	}
	for _, want := range []string{
		`<pre class="output-text">&lt;script&gt;alert(1)&lt;/script&gt;` + "\n" +
			`<span class="stderr">panic: &lt;img src=x onerror=alert(2)&gt;` + "\n</span>" +
			"a &amp; b\n</pre>",
		`<div class="output failed" role="group" aria-label="Output">`,
		`<p class="output-note">&lt;i&gt;note&lt;/i&gt;</p>`,
		`<p class="provenance">Ran with yaegi (Go interpreter, go1.26.8) when the site was built; verified against go run. ` +
			`The stack trace shows the program&#39;s own frames; (...) stands for their arguments.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestSnippetBox(t *testing.T) {
	tests := []struct {
		name string
		res  *engine.Result
		want []string
		not  []string
	}{
		{
			name: "no run, no output box",
			res:  nil,
			not:  []string{`class="output`},
		},
		{
			name: "no output",
			res:  &engine.Result{Outcome: engine.OK},
			want: []string{`<pre class="output-text"><span class="no-output">(no output)</span></pre>`, `<div class="output" role="group"`},
		},
		{
			name: "deadlock fails",
			res:  &engine.Result{Outcome: engine.Deadlock, ExitCode: 2, Events: []engine.Event{{Stream: engine.Stderr, Text: "fatal error: all goroutines are asleep - deadlock!\n"}}},
			want: []string{`<div class="output failed"`, `<span class="stderr">fatal error: all goroutines are asleep - deadlock!`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := site(t, "")
			withOutput(t, s, "01-goroutines.md", tt.res)
			page := string(render(t, s)["goroutines.html"])
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(page, n) {
					t.Errorf("page has %s", n)
				}
			}
		})
	}
}

func TestSnippetCode(t *testing.T) {
	page := string(render(t, site(t, ""))["goroutines.html"])
	// The hidden import is not shown (the playground's data-source, which
	// runs it, is no part of the code); hl=4 counts shown lines.
	code, _, _ := strings.Cut(page[strings.Index(page, `<div class="code"`):], `<div class="play"`)
	if strings.Contains(code, `&#34;fmt&#34;`) {
		t.Error("a hidden line is shown")
	}
	if !strings.Contains(page, `<figcaption class="snippet-title">main.go</figcaption>`) {
		t.Error("the title= caption is missing")
	}
	// Shown lines: package main, blank, blank (the import is hidden), func main.
	if !strings.Contains(page, `<span class="line hl"><span class="ln">4</span><span class="cl"><span class="kd">func</span>`) {
		t.Errorf("line 4 of the shown code (func main) is not highlighted")
	}
	if n := strings.Count(page, `class="line hl"`); n != 1 {
		t.Errorf("%d highlighted lines, want 1", n)
	}
}

// TestTraceFigure checks the figure of a traced run: inline under the
// output, so the page's theme reaches it, with the lesson's caption and
// the summary as text, both escaped; and nothing where there is no run.
func TestTraceFigure(t *testing.T) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" class="tl" role="img" aria-labelledby="snippet-5-trace-title snippet-5-trace-desc"><title id="snippet-5-trace-title">t</title></svg>`
	for _, ran := range []bool{true, false} {
		s := site(t, "")
		var res *engine.Result
		if ran {
			res = &engine.Result{Outcome: engine.OK}
		}
		withOutput(t, s, "01-goroutines.md", res)
		b := s.Lessons[0].Blocks[0]
		b.Snippet.Options.TraceCaption = "Look for <one lane>."
		b.Timeline = &timeline.Figure{SVG: []byte(svg), Summary: "2 goroutines & 1 lane."}
		page := string(render(t, s)["goroutines.html"])
		want := "</div>\n<figure class=\"trace\">\n" +
			`<div class="trace-scroll" tabindex="0" role="group" aria-label="Timeline of the run; scrolls sideways on a narrow screen">` + svg + "</div>\n" +
			`<figcaption><span class="trace-look">Look for &lt;one lane&gt;.</span> <span class="trace-summary">2 goroutines &amp; 1 lane.</span></figcaption>` + "\n</figure>\n</figure>"
		if got := strings.Contains(page, want); got != ran {
			t.Errorf("ran %v: the page has the figure under the output: %v, want %v\n%s", ran, got, ran, page)
		}
	}
}
