package toolchain

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
)

func TestBinariesKeepTheLastFew(t *testing.T) {
	var bs binaries
	dirs := map[string]string{}
	held, holdRelease := bs.get("held")
	held.own = t.TempDir()
	for i := range keptBuilds + 3 {
		key := strconv.Itoa(i)
		b, release := bs.get(key)
		b.own = filepath.Join(t.TempDir(), key)
		os.Mkdir(b.own, 0o755)
		dirs[key] = b.own
		release()
	}
	if _, err := os.Stat(held.own); err != nil {
		t.Errorf("a build in use was removed: %v", err)
	}
	for i := range keptBuilds + 3 {
		key := strconv.Itoa(i)
		_, err := os.Stat(dirs[key])
		if kept := err == nil; kept != (i >= 4) {
			t.Errorf("build %d kept = %v", i, kept)
		}
	}
	holdRelease()
	if again, release := bs.get("10"); again.own != dirs["10"] {
		t.Errorf("a kept build was not found again")
	} else {
		release()
	}
	if err := bs.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dirs["10"]); err == nil {
		t.Error("close left a build")
	}
}

// TestPrepare builds three programs ahead with one go build: Run then runs
// each without building it, and prints what a build of its own would.
func TestPrepare(t *testing.T) {
	tc := testToolchain(t)
	defer tc.Close()
	var ps []Program
	for _, word := range []string{"one", "two", "three"} {
		ps = append(ps, Program{Source: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"" + word + "\")\n\tpanic(\"" + word + "\")\n}\n",
			Limits: engine.Limits{Timeout: time.Minute, MaxOutput: 1 << 20, MaxMemory: 256 << 20, MaxTasks: 256}})
	}
	tc.Prepare(context.Background(), ps)
	for _, p := range ps {
		if err := tc.Wait(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		if !tc.built.has(buildKey(p)) {
			t.Fatalf("Prepare did not build %q", p.Source)
		}
	}
	for _, p := range ps {
		res, err := tc.Run(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != engine.Panic || !strings.Contains(res.Stderr(), "\tmain.go:7\n") || strings.Contains(res.Stderr(), "/p0/") {
			t.Errorf("outcome %s, stderr %q; want a panic at main.go:7, paths made relative", res.Outcome, res.Stderr())
		}
	}
	// A program that does not build is left to Run, which reports its
	// compile error in its own words; the others of its set are kept.
	good, broken := ps[0], Program{Source: "package main\n\nfunc main() { undefined() }\n"}
	good.Source += "// changed\n"
	tc.Prepare(context.Background(), []Program{good, broken})
	for _, p := range []Program{good, broken} {
		if err := tc.Wait(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	if !tc.built.has(buildKey(good)) || tc.built.has(buildKey(broken)) {
		t.Errorf("after a set with a broken program: good kept = %v, broken kept = %v; want true, false",
			tc.built.has(buildKey(good)), tc.built.has(buildKey(broken)))
	}
	res, err := tc.Run(context.Background(), broken)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != engine.CompileError || !strings.Contains(res.Stderr(), "main.go:3:15: undefined: undefined") {
		t.Errorf("the broken program: outcome %s, stderr %q; want its compile error at main.go:3:15", res.Outcome, res.Stderr())
	}
}

func testToolchain(t *testing.T) *Toolchain {
	t.Helper()
	tc, err := Detect(context.Background(), sandbox.New(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return tc
}
