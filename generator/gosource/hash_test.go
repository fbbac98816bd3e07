package gosource

import (
	"context"
	"slices"
	"testing"
)

func TestHash(t *testing.T) {
	ctx := context.Background()
	const self = "github.com/gonotes/concurrency/generator/gosource"
	h, pkgs, err := Hash(ctx, self)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(pkgs, []string{self}) {
		t.Errorf("hashed %v, want only this package (it imports nothing of the module)", pkgs)
	}
	other, _, err := Hash(ctx, "github.com/gonotes/concurrency/generator/suggest")
	if err != nil || other == h {
		t.Errorf("two packages hash alike: %s (%v)", other, err)
	}
	if _, _, err := Hash(ctx, "github.com/gonotes/concurrency/nosuchpackage"); err == nil {
		t.Error("a package go list cannot find hashed")
	}
}
