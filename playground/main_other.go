//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself: the playground runs in a browser. Its logic that
// does not need one is tested on the host.
func main() {
	fmt.Fprintln(os.Stderr, "playground runs in a browser: build it with GOOS=js GOARCH=wasm (make site does)")
	os.Exit(2)
}
