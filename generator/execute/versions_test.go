package execute

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/gosource"
)

// TestSourceHash checks that the generator's code is identified by the
// sources that decide snippet results: the interpreter, the rewrite, the
// runner and the sandbox; not the page templates and assets, which only
// decide how pages look.
func TestSourceHash(t *testing.T) {
	ctx := context.Background()
	self := reflect.TypeFor[Config]().PkgPath()
	first, pkgs, err := gosource.Hash(ctx, self)
	if err != nil {
		t.Fatal(err)
	}
	if again, _, err := gosource.Hash(ctx, self); err != nil || again != first {
		t.Fatalf("the source hash is not stable: %s then %s (%v)", first, again, err)
	}
	const mod = "github.com/gonotes/concurrency/"
	for _, want := range []string{"generator/execute", "generator/engine/yaegi", "generator/engine/yaegi/symbols", "generator/rewrite", "generator/runner", "generator/sandbox", "generator/engine/toolchain"} {
		if !slices.Contains(pkgs, mod+want) {
			t.Errorf("the hash leaves out %s", want)
		}
	}
	for _, p := range pkgs {
		if strings.HasPrefix(p, mod+"generator/page") || strings.HasPrefix(p, mod+"assets") {
			t.Errorf("the hash includes %s, which decides only how pages look", p)
		}
	}
	v, err := DetectVersions(ctx, "go1.26.8")
	if err != nil || v.Generator != first {
		t.Errorf("DetectVersions uses %q (%v), want the source hash %q", v.Generator, err, first)
	}
}
