package execute

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
)

// DetectVersions finds what, besides a snippet, decides its output: the
// installed Go (goVersion, for engine=go), the Go and the code of this
// generator (for yaegi, which runs inside it), and the platform.
func DetectVersions(goVersion string) (Versions, error) {
	v := Versions{Go: goVersion, Host: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	exe, err := os.Executable()
	if err != nil {
		return v, fmt.Errorf("finding the generator's own binary: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return v, fmt.Errorf("hashing the generator's own binary: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return v, fmt.Errorf("hashing the generator's own binary: %w", err)
	}
	v.Generator = hex.EncodeToString(h.Sum(nil))
	return v, nil
}
