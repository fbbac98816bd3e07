// os.Exit ends the process before deferred calls run.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("leaving early")
	os.Exit(3)
}
