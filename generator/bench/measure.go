package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// usage is what one timed piece of work cost.
type usage struct {
	wall time.Duration
	cpu  time.Duration // user + system, of the child or of this process
	rss  int64         // peak resident memory in bytes; 0 when not measured
}

// run runs a command to completion and reports its cost, measured by the
// kernel: the child's own user and system time and its peak resident set.
func run(ctx context.Context, dir string, env []string, name string, args ...string) (usage, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	start := time.Now()
	err := cmd.Run()
	u := usage{wall: time.Since(start)}
	if err != nil {
		return u, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(out.String(), 2000))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		u.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return u, nil
}

// median is the run with the median wall time.
func median(runs []usage) usage {
	sorted := slices.SortedFunc(slices.Values(runs), func(a, b usage) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[len(sorted)/2]
}

// inProcess times f in this process: wall time and the process's CPU time.
func inProcess(f func() error) (usage, error) {
	before := selfCPU()
	start := time.Now()
	err := f()
	return usage{wall: time.Since(start), cpu: selfCPU() - before}, err
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// weight is the average size of a page, as written and gzipped.
type weight struct{ raw, gzip int }

// pageWeight averages the pages matched by glob under dir, leaving out the
// home and 404 pages, over at most 50 of them spread evenly in name order
// (at 10,000 lessons gzipping every page would take longer than the build).
func pageWeight(dir, glob string) (weight, error) {
	all, err := filepath.Glob(filepath.Join(dir, glob))
	if err != nil {
		return weight{}, err
	}
	var pages []string
	for _, p := range all {
		if b := filepath.Base(p); b != "404.html" && p != filepath.Join(dir, "index.html") {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return weight{}, fmt.Errorf("no pages match %s in %s", glob, dir)
	}
	slices.Sort(pages)
	step := max(len(pages)/50, 1)
	var sum weight
	n := 0
	for i := 0; i < len(pages); i += step {
		b, err := os.ReadFile(pages[i])
		if err != nil {
			return weight{}, err
		}
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		if _, err := zw.Write(b); err != nil {
			return weight{}, err
		}
		if err := zw.Close(); err != nil {
			return weight{}, err
		}
		sum.raw += len(b)
		sum.gzip += z.Len()
		n++
	}
	return weight{sum.raw / n, sum.gzip / n}, nil
}
