package yaegi

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Diagnostic is one compile error, positioned in the program's source.
type Diagnostic struct {
	Line, Col int // 1-based; 0 when the position is unknown
	Msg       string
}

// CompileError reports why a program does not compile.
type CompileError struct {
	Diagnostics []Diagnostic
}

// Error formats the diagnostics one per line, as main.go:LINE:COL: msg.
func (e *CompileError) Error() string { return formatDiagnostics(e.Diagnostics) }

// RefusalError reports what the sandbox refused in a program: imports
// outside the allow-list, functions of package os beyond those allowed, or
// allow= entries no block may name. The program never runs.
type RefusalError struct {
	Diagnostics []Diagnostic
}

// Error formats the refusals one per line, as main.go:LINE:COL: msg.
func (e *RefusalError) Error() string { return formatDiagnostics(e.Diagnostics) }

func formatDiagnostics(diags []Diagnostic) string {
	var b strings.Builder
	for i, d := range diags {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case d.Line == 0:
			fmt.Fprintf(&b, "%s: %s", sourceName, d.Msg)
		case d.Col == 0:
			fmt.Fprintf(&b, "%s:%d: %s", sourceName, d.Line, d.Msg)
		default:
			fmt.Fprintf(&b, "%s:%d:%d: %s", sourceName, d.Line, d.Col, d.Msg)
		}
	}
	return b.String()
}

// yaegiPos matches the position yaegi puts before its messages: "3:5: ",
// "main.go:3:5: " or "_.go:3:5: ". yaegi leaves out the file name "_.go"
// it gives the sources it compiles itself.
var yaegiPos = regexp.MustCompile(`^(?:([^\s:]*\.go):)?(\d+):(\d+): `)

// errGeneric marks yaegi failing on a generic function of its own sources.
var errGeneric = errors.New("yaegi cannot compile a generic function of its own copy of cmp, maps or slices; use engine=go")

// fromYaegi converts an error from yaegi's compiler: a *CompileError when
// it is about the program, an error wrapping errGeneric when it is about
// yaegi's generic sources. Lines without a position continue the message
// before them.
func fromYaegi(err error) error {
	ce := &CompileError{}
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		m := yaegiPos.FindStringSubmatch(line)
		switch {
		case m != nil && m[1] != sourceName:
			return fmt.Errorf("%w: %s", errGeneric, line)
		case m == nil && len(ce.Diagnostics) > 0:
			ce.Diagnostics[len(ce.Diagnostics)-1].Msg += "\n" + line
		case m == nil:
			ce.Diagnostics = append(ce.Diagnostics, Diagnostic{Msg: line})
		default:
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			msg := line[len(m[0]):]
			if strings.HasPrefix(msg, "undefined selector: maps.") || strings.HasPrefix(msg, "undefined selector: slices.") {
				msg += " (the yaegi engine has maps and slices as of Go 1.22, plus slices.Sort and its kin; " +
					"of the iterator functions only maps.Keys, Values, All and Collect and slices.All, Values, " +
					"Collect and Sorted; use engine=go)"
			}
			ce.Diagnostics = append(ce.Diagnostics, Diagnostic{Line: l, Col: c, Msg: msg})
		}
	}
	return ce
}
