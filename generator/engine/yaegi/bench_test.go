package yaegi

import (
	"context"
	"io"
	"testing"
)

func BenchmarkRunHello(b *testing.B) {
	src := program([]string{"fmt"}, `fmt.Println("hello, world")`)
	for b.Loop() {
		if code, err := Run(context.Background(), src, Options{Stdout: io.Discard}); code != 0 || err != nil {
			b.Fatalf("Run = %d, %v", code, err)
		}
	}
}
