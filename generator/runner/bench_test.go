package runner

import (
	"context"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/snippet"
)

const hello = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n"

// benchmarkHello measures one snippet through the child-process runner:
// for yaegi, starting this binary again and interpreting; for go, a build
// with a warm cache (only main is compiled and linked) and the run.
func benchmarkHello(b *testing.B, e snippet.Engine) {
	for b.Loop() {
		res, err := testRunner.Run(context.Background(), Request{Engine: e, Source: hello, Timeout: generous})
		if err != nil {
			b.Fatal(err)
		}
		if res.Outcome != engine.OK || res.Stdout() != "hello\n" {
			b.Fatalf("outcome %s, events %q", res.Outcome, res.Events)
		}
	}
}

func BenchmarkRunYaegiHello(b *testing.B) { benchmarkHello(b, snippet.Yaegi) }

func BenchmarkRunGoHello(b *testing.B) { benchmarkHello(b, snippet.Go) }
