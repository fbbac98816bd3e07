package runner

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestChildWithoutCgo checks that a binary acting as a yaegi child links no
// cgo, even where cgo is on: with runtime/cgo linked the Go runtime never
// reports "all goroutines are asleep - deadlock!", the program just hangs
// until the timeout. net and os/user link it whenever cgo is enabled; plugin
// always does. The test binary is such a child (see TestMain), as is the
// generator, whose main package must keep the same rule.
func TestChildWithoutCgo(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gobin, "list", "-deps", "-test", ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1", "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		switch pkg {
		case "runtime/cgo", "net", "os/user", "plugin":
			t.Errorf("the runner's test binary depends on %s, which links cgo", pkg)
		}
	}
}
