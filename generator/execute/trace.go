package execute

import (
	"bytes"
	"errors"
	"fmt"
	"go/scanner"
	"strings"

	"github.com/gonotes/concurrency/generator/snippet"
	"github.com/gonotes/concurrency/generator/timeline"
)

// traceable reports a program the trace recorder cannot be added to (one
// that starts its own trace), at its line in the lesson, before it runs. A
// program that does not parse is left to Go, which says why in its words.
func traceable(s *snippet.Snippet) error {
	_, err := timeline.Instrument(s.Source)
	var syntax scanner.ErrorList
	if err == nil || errors.As(err, &syntax) {
		return nil
	}
	if msg := inMarkdown(s, err.Error()); strings.HasPrefix(msg, s.File+":") {
		return errors.New(msg)
	}
	return s.Errorf(0, "%v", err)
}

// traceID is the id of a traced snippet's figure: unique in its page,
// which holds one snippet a line, and kept apart from the snippet's own
// "snippet-N".
func traceID(s *snippet.Snippet) string {
	return fmt.Sprintf("snippet-%d-trace", s.Line)
}

// drawTrace parses the trace of a traced snippet's run and draws it; it
// returns nil for a snippet that is not traced. The trace is untrusted
// input (the program can write anything to its descriptor, and a cache
// entry can be edited); Parse and Render do work in proportion to its
// size, which the runner bounds.
func drawTrace(s *snippet.Snippet, trace []byte, cores int) (*timeline.Figure, error) {
	if !s.Options.Trace {
		return nil, nil
	}
	if len(trace) == 0 {
		return nil, s.Errorf(0, "trace: the run left no execution trace (did the program close file descriptor 3?)")
	}
	tl, err := timeline.Parse(bytes.NewReader(trace))
	if err != nil {
		return nil, s.Errorf(0, "trace: %v", err)
	}
	fig, err := timeline.Render(tl, timeline.Options{Cores: cores, ID: traceID(s)})
	if err != nil {
		return nil, s.Errorf(0, "trace: %v", err)
	}
	return &fig, nil
}
