package toolchain

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gonotes/concurrency/generator/sandbox"
)

// batchSize is the most programs one go build of Prepare's builds. Their
// binaries come out when the whole build ends: smaller builds let the
// first programs run while the next are built, at the cost of starting the
// go command once more for each.
const batchSize = 12

// Prepare starts building ahead the programs of ps that Run will build,
// with one go build for each set of build flags, and keeps their binaries
// for Run; it returns at once. The go command then starts once (loading
// the standard library's packages and planning the build) instead of once
// a program, and compiles and links the programs in parallel. Programs
// asked for while a build is under way join the next one, together. Run
// (and Wait) wait for a program's build when it is under way.
//
// Prepare is only a shortcut: a program that does not build (whose
// compile error is the lesson's to see, in its own words) is left for Run
// to build on its own, and so is anything Prepare cannot do. The others of
// its set are kept: go build goes on building every package that does not
// depend on a broken one, and writes a binary only once it is linked.
func (t *Toolchain) Prepare(ctx context.Context, ps []Program) {
	if !t.batch.enqueue(ps, t.built.has) {
		return
	}
	t.building.Go(func() {
		for {
			next := t.batch.take(batchSize)
			if len(next) == 0 {
				return
			}
			t.buildBatch(ctx, next)
			t.batch.finish(next)
		}
	})
}

// Wait waits until no build of p that Prepare started is under way.
func (t *Toolchain) Wait(ctx context.Context, p Program) error {
	if p.Vet {
		return nil
	}
	return t.batch.wait(ctx, buildKey(p))
}

// buildBatch builds ps with one go build for each set of build flags.
func (t *Toolchain) buildBatch(ctx context.Context, ps []Program) {
	groups := map[string][]Program{}
	for _, p := range ps {
		flags := strings.Join(p.Flags, "\x00")
		groups[flags] = append(groups[flags], p)
	}
	for _, flags := range slices.Sorted(maps.Keys(groups)) {
		if ctx.Err() == nil {
			t.buildGroup(ctx, groups[flags])
		}
	}
}

// buildGroup builds programs that share their build flags as the packages
// p0, p1, ... of one module, binaries in its bin folder.
func (t *Toolchain) buildGroup(ctx context.Context, ps []Program) {
	root, err := sandbox.TempDir()
	if err != nil {
		return
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(root)
		}
	}()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte(goMod), 0o644); err != nil {
		return
	}
	builds := map[string]*built{}
	var pkgs []string
	bin := filepath.Join(root, "bin")
	for i, p := range ps {
		files, untraceable := programFiles(p)
		if untraceable != nil {
			continue // Run reports why, in the lesson's words
		}
		delete(files, "go.mod")
		name := fmt.Sprintf("p%d", i)
		src := filepath.Join(root, name)
		if os.Mkdir(src, 0o755) != nil || writeFiles(src, files) != nil {
			return
		}
		pkgs = append(pkgs, "./"+name)
		builds[buildKey(p)] = &built{src: src, prog: filepath.Join(bin, name), ok: true}
	}
	if len(pkgs) == 0 {
		return
	}
	args := slices.Concat([]string{"build"}, linkFlags, ps[0].Flags, []string{"-o", bin + "/"}, pkgs)
	_, exit, err := t.goCommand(ctx, root, ps[0].Flags, args)
	if err != nil {
		return // the build was stopped: its binaries may be incomplete
	}
	if exit.Code != 0 {
		// A broken program: keep the binaries of the others, which the go
		// command wrote whole, each after its link succeeded.
		for key, b := range builds {
			if _, err := os.Stat(b.prog); err != nil {
				delete(builds, key)
			}
		}
	}
	if len(builds) == 0 {
		return
	}
	keep = true
	t.built.add(root, builds)
}
