package toolchain

import (
	"context"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
)

// runBinary runs the program built in dir, in the sandbox: it sees only its
// private /tmp, and the system's libraries read-only when it is linked
// dynamically (a -race binary).
func (t *Toolchain) runBinary(ctx context.Context, dir string, lim engine.Limits) (engine.Result, error) {
	prog := filepath.Join(dir, "prog")
	var mounts []sandbox.Mount
	if dynamic(prog) {
		mounts = existing(systemPaths)
	}
	rec := engine.NewRecorder(lim.MaxOutput)
	exit, err := t.sb.Run(ctx, sandbox.Spec{
		Exe:     prog,
		Args:    []string{"main"},
		Env:     []string{"PATH=/usr/bin:/bin"},
		Outputs: []io.Writer{rec.Writer(engine.Stdout), rec.Writer(engine.Stderr)},
		Mounts:  mounts,
		Limits:  sandbox.Limits{Timeout: lim.Timeout, Memory: lim.MaxMemory, Tasks: lim.MaxTasks, Disk: RunDisk},
	})
	if err != nil {
		return engine.Result{}, fmt.Errorf("running the program: %w", err)
	}
	if exit.Reason == sandbox.Canceled {
		return engine.Result{}, ctx.Err()
	}
	res := rec.Result()
	res.Stabilise(dir)
	res.End(Ending(exit), lim)
	return res, nil
}

// RunDisk is the size of a running program's private /tmp.
const RunDisk = 64 << 20

// Ending converts how the sandbox saw a program end.
func Ending(e sandbox.Exit) engine.Ending {
	kill := map[sandbox.Reason]engine.Kill{
		sandbox.Timeout: engine.KillTimeout, sandbox.Memory: engine.KillMemory,
		sandbox.Tasks: engine.KillTasks, sandbox.OutputFull: engine.KillOutput,
	}[e.Reason]
	return engine.Ending{Killed: kill, Code: e.Code, State: e.State}
}

// dynamic reports whether the binary at path needs the dynamic loader.
func dynamic(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

// existing returns mounts of the paths that exist on this machine.
func existing(paths []string) []sandbox.Mount {
	var mounts []sandbox.Mount
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			mounts = append(mounts, sandbox.Mount{Path: p})
		}
	}
	return mounts
}
