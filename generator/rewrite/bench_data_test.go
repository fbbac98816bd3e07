package rewrite

import _ "embed"

// benchProgram is a lesson-sized program using every construct the
// rewrite handles.
//
//go:embed testdata/pipeline.go
var benchProgram string
