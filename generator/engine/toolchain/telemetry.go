package toolchain

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gonotes/concurrency/generator/sandbox"
)

// telemetryConfig makes the configuration folder the go command and its
// tools are given (XDG_CONFIG_HOME), holding only the telemetry mode
// "off", as `go telemetry off` writes it; the caller removes it.
//
// The mode is read from that file alone (GOTELEMETRY in the environment
// only reports it), and in the sandbox, whose home folder is new and
// empty, it is "local" by default: every go command then starts a child
// of its own to process telemetry, and the go command, the compiler and
// the linker each write counter files into the sandbox's /tmp, all of it
// thrown away with the sandbox.
func telemetryConfig() (string, error) {
	dir, err := sandbox.TempDir()
	if err != nil {
		return "", err
	}
	telemetry := filepath.Join(dir, "go", "telemetry")
	if err := os.MkdirAll(telemetry, 0o755); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("turning the go command's telemetry off: %w", err)
	}
	if err := os.WriteFile(filepath.Join(telemetry, "mode"), []byte("off"), 0o644); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("turning the go command's telemetry off: %w", err)
	}
	return dir, nil
}
