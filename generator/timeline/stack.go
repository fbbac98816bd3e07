package timeline

import (
	"path"
	"strconv"
	"strings"

	"golang.org/x/exp/trace"
)

// isProgram reports whether fn, a function as a trace names it, is the
// program's own: in package main and not the recorder's.
func isProgram(fn string) bool {
	return strings.HasPrefix(fn, "main.") && !strings.HasPrefix(fn, recorderPrefix)
}

// noteStack remembers the outermost program function on st as the one s
// runs, when no earlier stack showed one.
func noteStack(s *gstate, st trace.Stack) {
	if s.outer != "" {
		return
	}
	for f := range st.Frames() {
		if isProgram(f.Func) {
			s.outer = f.Func
		}
	}
}

// topFunc is the innermost function on st: for a goroutine's creation, the
// function it starts in.
func topFunc(st trace.Stack) string {
	for f := range st.Frames() {
		return f.Func
	}
	return ""
}

// programFrame returns where on st the program is ("main.go:27", the
// innermost frame of package main) and the function it called there.
func programFrame(st trace.Stack) (at, call string) {
	for f := range st.Frames() {
		if isProgram(f.Func) {
			return path.Base(f.File) + ":" + strconv.FormatUint(f.Line, 10), call
		}
		call = f.Func
	}
	return "", ""
}
