package toolchain

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
)

// The limits of go build and go vet, the whole tree of the go command,
// compiler and linker. A build past them is the builder's failure, not the
// program's: a constant that doubles itself a thousand times is a compile
// bomb, not a lesson.
var buildLimits = sandbox.Limits{
	Timeout: 5 * time.Minute, // a cold cache compiles the standard library, with -race too
	Memory:  2 << 30,
	Tasks:   4096,
	Disk:    1 << 30,
}

// linkFlags link the binary as go run does: without the symbol table and
// DWARF (stack traces come from the pclntab, which stays), which also
// makes linking, most of a snippet's build, about a third cheaper.
var linkFlags = []string{"-ldflags=-s -w"}

// maxToolOutput bounds what the go command may print.
const maxToolOutput = 1 << 20

// build runs go build in dir; ok is false when the program does not
// compile, and res then says why.
func (t *Toolchain) build(ctx context.Context, dir string, flags []string) (res engine.Result, ok bool, err error) {
	args := slices.Concat([]string{"build"}, linkFlags, flags, []string{"-o", "prog", "."})
	out, exit, err := t.goCommand(ctx, dir, flags, args)
	if err != nil {
		return engine.Result{}, false, err
	}
	if exit.Code == 0 {
		return engine.Result{}, true, nil
	}
	text, diags := toolMessages(out, dir)
	if len(diags) == 0 {
		return engine.Result{}, false, fmt.Errorf("go build failed, and not because of the program:\n%s", strings.TrimRight(text, "\n"))
	}
	res = engine.Result{Outcome: engine.CompileError, ExitCode: exit.Code, Diagnostics: diags}
	res.Append(engine.Stderr, text)
	return res, false, nil
}

// vet runs go vet in dir. Its report is the output; a program vet cannot
// type-check is a compile error.
func (t *Toolchain) vet(ctx context.Context, dir string, flags []string) (engine.Result, error) {
	out, exit, err := t.goCommand(ctx, dir, flags, slices.Concat([]string{"vet"}, flags, []string{"."}))
	if err != nil {
		return engine.Result{}, err
	}
	text, diags := toolMessages(out, dir)
	res := engine.Result{ExitCode: exit.Code, Diagnostics: diags}
	res.Append(engine.Stderr, text)
	switch {
	case exit.Code == 0:
		res.Outcome = engine.OK
	case len(diags) == 0:
		return engine.Result{}, fmt.Errorf("go vet failed, and not because of the program:\n%s", strings.TrimRight(text, "\n"))
	case isLoadError(text):
		res.Outcome = engine.CompileError
	default:
		res.Outcome = engine.Exit
	}
	return res, nil
}

// isLoadError reports whether go vet's output says the program could not be
// parsed, type-checked or have its imports found, rather than reporting
// findings.
func isLoadError(text string) bool {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "vet: ") ||
			strings.Contains(line, "no required module provides package") ||
			strings.Contains(line, "is not in std") {
			return true
		}
	}
	return false
}

// goCommand runs the go command in dir, in the sandbox, and returns its
// combined output and how it ended. Stopping at a limit is an error.
func (t *Toolchain) goCommand(ctx context.Context, dir string, flags, args []string) (string, sandbox.Exit, error) {
	var out limitedBuffer
	exit, err := t.sb.Run(ctx, sandbox.Spec{
		Exe:     t.Go,
		Args:    append([]string{"go"}, args...),
		Env:     t.buildEnv(HasRace(flags)),
		Dir:     dir,
		Outputs: []io.Writer{&out, &out},
		Mounts:  t.buildMounts(dir),
		Owner:   true,
		Limits:  buildLimits,
	})
	if err != nil {
		return "", exit, fmt.Errorf("go %s: %w", args[0], err)
	}
	switch exit.Reason {
	case sandbox.Exited:
		return out.String(), exit, nil
	case sandbox.Canceled:
		return "", exit, ctx.Err()
	case sandbox.Timeout:
		return "", exit, fmt.Errorf("go %s ran past %v", args[0], buildLimits.Timeout)
	case sandbox.Memory:
		return "", exit, fmt.Errorf("go %s used more than %s of memory", args[0], engine.Size(buildLimits.Memory))
	case sandbox.Tasks:
		return "", exit, fmt.Errorf("go %s ran more than %d processes and threads", args[0], buildLimits.Tasks)
	default:
		return "", exit, fmt.Errorf("go %s printed more than %s", args[0], engine.Size(maxToolOutput))
	}
}

// buildEnv is the whole environment of the go command: fixed, never the
// builder's. It builds with the local toolchain, outside any workspace, with
// no network and no go env file, and without cgo unless the race detector
// needs it: a cgo-linked binary never reports "all goroutines are asleep".
func (t *Toolchain) buildEnv(race bool) []string {
	cgo := "0"
	if race {
		cgo = "1"
	}
	return []string{
		"PATH=" + filepath.Join(t.GOROOT, "bin") + ":/usr/bin:/bin",
		"GOROOT=" + t.GOROOT,
		"GOCACHE=" + t.GOCACHE,
		"GOPATH=/tmp/gopath",
		"GOTOOLCHAIN=local",
		"GOWORK=off",
		"GOENV=off",
		"GOPROXY=off",
		"GOFLAGS=-mod=mod",
		"XDG_CONFIG_HOME=" + t.config, // telemetry off, see telemetryConfig
		"CGO_ENABLED=" + cgo,
	}
}

// buildMounts shows the go command the system, its own tree, its
// configuration and the program's module, and lets it write the build
// cache and the module.
func (t *Toolchain) buildMounts(dir string) []sandbox.Mount {
	return append(sandbox.System(),
		sandbox.Mount{Path: t.GOROOT},
		sandbox.Mount{Path: t.config},
		sandbox.Mount{Path: t.GOCACHE, Writable: true},
		sandbox.Mount{Path: dir, Writable: true})
}

// limitedBuffer keeps the first maxToolOutput bytes written to it and
// refuses the rest.
type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxToolOutput - b.Len(); len(p) > room {
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), engine.ErrFull
	}
	return b.Buffer.Write(p)
}

// toolMessages turns the output of go build or go vet in the temporary
// module into the text to show, in the form "main.go:12:2: message", and the
// diagnostics in it. The "# snippet" headers are dropped.
func toolMessages(out, dir string) (string, []engine.Diagnostic) {
	var (
		b     strings.Builder
		diags []engine.Diagnostic
	)
	for _, line := range strings.SplitAfter(out, "\n") {
		if h := strings.TrimRight(line, "\n"); line == "" || h == "# snippet" || h == "# [snippet]" {
			continue
		}
		line = strings.ReplaceAll(line, dir+"/", "")
		prefix, rest := "", line
		if r, ok := strings.CutPrefix(line, "vet: "); ok {
			prefix, rest = "vet: ", r
		}
		rest = strings.TrimPrefix(rest, "./")
		if d, ok := parseDiagnostic(strings.TrimRight(rest, "\n")); ok {
			diags = append(diags, d)
		} else if strings.HasPrefix(rest, "\t") && len(diags) > 0 {
			// A continuation such as "\thave (int)\n\twant (string)".
			diags[len(diags)-1].Msg += "\n" + strings.TrimRight(rest, "\n")
		}
		b.WriteString(prefix + rest)
	}
	rec := engine.NewRecorder(maxToolOutput)
	rec.Write(engine.Stdout, []byte(b.String()))
	res := rec.Result()
	return res.Stdout(), diags
}

// parseDiagnostic parses "main.go:LINE:COL: message" or "main.go:LINE: message".
func parseDiagnostic(s string) (engine.Diagnostic, bool) {
	rest, ok := strings.CutPrefix(s, "main.go:")
	if !ok {
		return engine.Diagnostic{}, false
	}
	var nums []int
	for len(nums) < 2 {
		field, after, found := strings.Cut(rest, ":")
		n, err := strconv.Atoi(field)
		if !found || err != nil {
			break
		}
		nums, rest = append(nums, n), after
	}
	msg, spaced := strings.CutPrefix(rest, " ")
	if len(nums) == 0 || !spaced {
		return engine.Diagnostic{}, false
	}
	d := engine.Diagnostic{Line: nums[0], Msg: msg}
	if len(nums) == 2 {
		d.Col = nums[1]
	}
	return d, true
}
