package runner

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestInitStartsEarly: this binary, started as a sandbox's init (here as
// the probe, which stops where the init would take over), has not yet
// initialized the packages most of its start-up time goes to: regexp and
// the interpreter. Every sandboxed run starts an init, so this is paid a
// hundred times in a build.
func TestInitStartsEarly(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GONOTES_SANDBOX_PROBE=1", "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the probe failed: %v\n%s", err, out)
	}
	var inits []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			inits = append(inits, f[1])
		}
	}
	if len(inits) == 0 {
		t.Fatalf("no package initialization traced:\n%s", out)
	}
	late := map[string]bool{
		"regexp":                          true,
		"github.com/traefik/yaegi/interp": true,
		"github.com/gonotes/concurrency/generator/engine/yaegi": true,
	}
	for _, pkg := range inits {
		if late[pkg] {
			t.Errorf("%s was initialized before the sandbox's init took over; initialized: %s", pkg, strings.Join(inits, " "))
		}
	}
}
