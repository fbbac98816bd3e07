package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
)

// goMod is the go.mod of the temporary module a go snippet is built in.
const goMod = "module snippet\n\ngo 1.26\n"

// runGo builds req's program with the installed go command and runs the
// binary as the child, or runs go vet on it when req.Vet is set.
func runGo(ctx context.Context, req Request) (engine.Result, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return engine.Result{}, fmt.Errorf("engine go needs the go command: %w", err)
	}
	dir, err := tempDir()
	if err != nil {
		return engine.Result{}, err
	}
	defer os.RemoveAll(dir)
	for name, data := range map[string]string{"go.mod": goMod, "main.go": req.Source} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return engine.Result{}, fmt.Errorf("writing the program: %w", err)
		}
	}
	env := buildEnv(hasRace(req.Flags))
	if req.Vet {
		return vet(ctx, gobin, dir, env, req.Flags)
	}

	args := slices.Concat([]string{"build"}, req.Flags, []string{"-o", "prog", "."})
	out, code, err := goCommand(ctx, gobin, dir, env, args)
	if err != nil {
		return engine.Result{}, err
	}
	if code != 0 {
		text, diags := toolMessages(out, dir)
		res := engine.Result{Outcome: engine.CompileError, ExitCode: code, Diagnostics: diags}
		res.Append(engine.Stderr, text)
		return res, nil
	}

	stdout, err := newPipe(engine.Stdout)
	if err != nil {
		return engine.Result{}, err
	}
	stderr, err := newPipe(engine.Stderr)
	if err != nil {
		stdout.close()
		return engine.Result{}, err
	}
	cmd := &exec.Cmd{
		Path:   filepath.Join(dir, "prog"),
		Args:   []string{"main"},
		Dir:    dir,
		Env:    childEnviron(dir),
		Stdout: stdout.w,
		Stderr: stderr.w,
	}
	o := newOutput(req.MaxOutput)
	why, state, err := supervise(ctx, cmd, []*pipe{stdout, stderr}, o, limits{req.Timeout, req.MaxMemory})
	if err != nil {
		return engine.Result{}, err
	}
	if why == canceled {
		return engine.Result{}, ctx.Err()
	}
	o.flush()
	res := o.res
	stabilise(&res, dir)
	finish(&res, why, state, req)
	return res, nil
}

// vet runs go vet in the temporary module. Its report is the output; a
// program vet cannot type-check is a compile error.
func vet(ctx context.Context, gobin, dir string, env, flags []string) (engine.Result, error) {
	out, code, err := goCommand(ctx, gobin, dir, env, slices.Concat([]string{"vet"}, flags, []string{"."}))
	if err != nil {
		return engine.Result{}, err
	}
	text, diags := toolMessages(out, dir)
	res := engine.Result{ExitCode: code, Diagnostics: diags}
	res.Append(engine.Stderr, text)
	switch {
	case code == 0:
		res.Outcome = engine.OK
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

// goCommand runs the go command in dir and returns its combined output and
// exit status; the error is only for a go command that could not be run.
func goCommand(ctx context.Context, gobin, dir string, env, args []string) (string, int, error) {
	cmd := exec.CommandContext(ctx, gobin, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctxErr := ctx.Err(); ctxErr != nil {
		return "", 0, ctxErr
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.Exited() {
		return string(out), exit.ExitCode(), nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("go %s: %w", args[0], err)
	}
	return string(out), 0, nil
}

// buildEnv is the environment of the go command: the builder's own (it
// needs GOCACHE, GOPATH, HOME and the rest, and reuses the build cache), with
// the local toolchain, outside any workspace, for this machine, and without
// cgo unless the race detector needs it: a cgo-linked binary never reports
// "all goroutines are asleep", it just hangs.
func buildEnv(race bool) []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "CGO_ENABLED", "GOTOOLCHAIN", "GOWORK", "GOOS", "GOARCH", "GO111MODULE":
			return true
		}
		return false
	})
	cgo := "CGO_ENABLED=0"
	if race {
		cgo = "CGO_ENABLED=1"
	}
	return append(env, cgo, "GOTOOLCHAIN=local", "GOWORK=off")
}

// childEnviron is the whole environment of a child: nothing of the builder's.
func childEnviron(home string) []string {
	return []string{"PATH=/usr/bin:/bin", "HOME=" + home}
}

// tempDir makes the directory a child runs in, with symbolic links resolved
// so that the paths the program and the toolchain print match it.
func tempDir() (string, error) {
	dir, err := os.MkdirTemp("", "snippet")
	if err != nil {
		return "", fmt.Errorf("making a temporary directory: %w", err)
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return dir, nil
}
