package runner

import (
	"context"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/engine/toolchain"
	"github.com/gonotes/concurrency/generator/sandbox"
	"github.com/gonotes/concurrency/generator/snippet"
)

const hello = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n"

// benchmarkHello measures one snippet through the child-process runner:
// for yaegi, starting this binary again and interpreting; for go, a build
// with a warm cache (only main is compiled and linked) and the run.
// Each runs with the sandbox isolated, and as plain children, so that the
// cost of isolation shows beside it.
func benchmarkHello(b *testing.B, e snippet.Engine) {
	tc, err := toolchain.Detect(context.Background(), sandbox.Unisolated())
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct {
		name string
		run  *Runner
	}{{"isolated", testRunner}, {"plain", New(sandbox.Unisolated(), tc)}} {
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				res, err := r.run.Run(context.Background(), Request{Engine: e, Source: hello, Timeout: generous})
				if err != nil {
					b.Fatal(err)
				}
				if res.Outcome != engine.OK || res.Stdout() != "hello\n" {
					b.Fatalf("outcome %s, events %q", res.Outcome, res.Events)
				}
			}
		})
	}
}

func BenchmarkRunYaegiHello(b *testing.B) { benchmarkHello(b, snippet.Yaegi) }

func BenchmarkRunGoHello(b *testing.B) { benchmarkHello(b, snippet.Go) }
