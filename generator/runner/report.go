package runner

import (
	"encoding/json"

	"github.com/gonotes/concurrency/generator/engine"
)

// childReport is what a yaegi child tells its parent besides the program's
// output, in its last frame, when the interpreter did not run the program.
type childReport struct {
	// Diagnostics are the compile errors, when the program did not compile.
	Diagnostics []engine.Diagnostic `json:"diagnostics,omitempty"`
	// Failure is an error of the interpreter that is not a compile error.
	Failure string `json:"failure,omitempty"`
	// Error is a failure of the child machinery itself.
	Error string `json:"error,omitempty"`
}

// send writes r as the report frame.
func (r childReport) send(s *frameSink) {
	b, err := json.Marshal(r)
	if err != nil || len(b) > maxFrame {
		b, _ = json.Marshal(childReport{Error: "the child could not encode its report"})
	}
	s.send(tagReport, b)
}

// decodeReport decodes the data of a report frame; none means there was
// nothing to report.
func decodeReport(b []byte) childReport {
	var r childReport
	if len(b) == 0 {
		return r
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return childReport{Error: "decoding the child's report: " + err.Error()}
	}
	return r
}
