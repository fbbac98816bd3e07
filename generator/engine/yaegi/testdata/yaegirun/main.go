// Command yaegirun runs the program in the file named by its argument with
// the yaegi engine, the way the child-process runner does, for the tests
// that need a process of their own: deadlocks, goroutine panics, os.Exit.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gonotes/concurrency/generator/engine/yaegi"
)

func main() {
	src, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code, err := yaegi.Run(context.Background(), string(src), yaegi.Options{Stdout: os.Stdout, Stderr: os.Stderr, Allow: os.Args[2:]})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}
