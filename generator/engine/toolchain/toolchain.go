// Package toolchain is the go engine: it builds a snippet with the
// installed Go toolchain in a temporary module and runs the binary, or runs
// go vet on it, each step in the sandbox (package sandbox) with limits.
//
// What happens to a program is its Result, with an Outcome; what happens to
// the builder (the toolchain cannot build for reasons that are not the
// program's, a disk is full, the compiler runs past the build limits) is an
// error naming the cause, never an output.
package toolchain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
	"github.com/gonotes/concurrency/generator/timeline"
)

// Toolchain is the installed Go, as snippets are built with it.
type Toolchain struct {
	Go       string // the go command
	GOROOT   string
	GOCACHE  string // the builder's build cache, shared with the go command's builds
	Version  string // as go1.26.8
	config   string // the go command's configuration folder (telemetryConfig)
	sb       *sandbox.Sandbox
	built    binaries
	batch    batcher        // Prepare's builds, queued and under way
	building sync.WaitGroup // Prepare's builder, while it builds
}

// Detect finds the installed Go through the go command on PATH. The go
// command runs on the host here: it reads no input of a snippet's.
func Detect(ctx context.Context, sb *sandbox.Sandbox) (*Toolchain, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("engine=go and verification need the go command: %w", err)
	}
	cmd := exec.CommandContext(ctx, gobin, "env", "-json", "GOROOT", "GOCACHE", "GOVERSION")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("asking the go command about itself: %w", err)
	}
	var env struct{ GOROOT, GOCACHE, GOVERSION string }
	if err := json.Unmarshal(out, &env); err != nil {
		return nil, fmt.Errorf("reading go env: %w", err)
	}
	if env.GOCACHE == "" || env.GOCACHE == "off" {
		return nil, errors.New("the go command's build cache is off (GOCACHE); engine=go needs it")
	}
	config, err := telemetryConfig()
	if err != nil {
		return nil, err
	}
	return &Toolchain{Go: gobin, GOROOT: env.GOROOT, GOCACHE: env.GOCACHE, Version: env.GOVERSION, config: config, sb: sb}, nil
}

// Program is what to build and how to run it.
type Program struct {
	Source string   // main.go
	Flags  []string // go build flags, such as -race
	// Vet runs go vet instead of building and running. Its report is the
	// output, with exit status 1 when it found something.
	Vet bool
	// Trace records the run's execution trace into Result.Trace: the
	// program is built with package timeline's recorder, writing to TraceFD.
	Trace  bool
	Limits engine.Limits // of the run, not of the build
}

// Run builds the program and runs it, or vets it. A program run again
// soon, as verification does with output that varies, is not built again.
func (t *Toolchain) Run(ctx context.Context, p Program) (engine.Result, error) {
	if p.Vet {
		dir, _, err := module(Program{Source: p.Source})
		if err != nil {
			return engine.Result{}, err
		}
		defer os.RemoveAll(dir)
		return t.vet(ctx, dir, p.Flags)
	}
	key := buildKey(p)
	if err := t.batch.wait(ctx, key); err != nil {
		return engine.Result{}, err
	}
	b, release := t.built.get(key)
	defer release()
	b.once.Do(func() {
		var untraceable error
		if b.own, untraceable, b.err = module(p); b.err == nil {
			b.src, b.prog = b.own, filepath.Join(b.own, "prog")
			b.res, b.ok, b.err = t.build(ctx, b.own, p.Flags)
		}
		if b.ok && untraceable != nil {
			b.ok, b.err = false, untraceable
		}
	})
	if b.err != nil || !b.ok {
		return b.res, b.err
	}
	return t.runBinary(ctx, b, p.Limits, p.Trace)
}

// Close removes the binaries kept for running again and the go command's
// configuration folder.
func (t *Toolchain) Close() error {
	t.building.Wait()
	return errors.Join(t.built.close(), os.RemoveAll(t.config))
}

// module writes the program as a module in a new temporary folder, with
// the trace recorder when p.Trace asks for it. A program the recorder
// cannot be added to is written as it is, and untraceable says why: one
// that does not parse then fails to compile in Go's words; one that
// compiles must not run untraced.
func module(p Program) (dir string, untraceable, err error) {
	files, untraceable := programFiles(p)
	if dir, err = sandbox.TempDir(); err != nil {
		return "", nil, err
	}
	if err := writeFiles(dir, files); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return dir, untraceable, nil
}

// programFiles returns the files of the program's module, with the trace
// recorder when p.Trace asks for it, and why it could not be added.
func programFiles(p Program) (files map[string]string, untraceable error) {
	files = map[string]string{"go.mod": goMod, "main.go": p.Source}
	if p.Trace {
		traced, err := timeline.InstrumentFD(p.Source, TraceFD)
		if err == nil {
			files = traced
		}
		untraceable = err
	}
	return files, untraceable
}

// writeFiles writes files (names to contents) into dir.
func writeFiles(dir string, files map[string]string) error {
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return fmt.Errorf("writing the program: %w", err)
		}
	}
	return nil
}

// goMod is the go.mod of the temporary module a snippet is built in.
const goMod = "module snippet\n\ngo 1.26\n"

// HasRace reports whether build flags turn on the race detector.
func HasRace(flags []string) bool {
	return slices.ContainsFunc(flags, func(f string) bool {
		name, val, hasVal := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name != "race" {
			return false
		}
		on, err := strconv.ParseBool(val)
		return !hasVal || (err == nil && on)
	})
}
