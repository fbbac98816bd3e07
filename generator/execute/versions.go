package execute

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"

	"github.com/gonotes/concurrency/generator/gosource"
)

// DetectVersions finds what, besides a snippet, decides its output: the
// installed Go (goVersion, for engine=go), the Go and the code of this
// generator (for yaegi, which runs inside it, and for the checks this
// package makes), and the platform.
//
// The generator's code is identified by its sources: those of this package
// and of every package of this module it imports, with the versions of the
// other modules they use. Not the generator's binary: that embeds the page
// templates and the assets, and a new stylesheet must not run every snippet
// again. Where the sources cannot be listed (a binary run outside its
// module), the binary's own hash stands in.
func DetectVersions(ctx context.Context, goVersion string) (Versions, error) {
	v := Versions{Go: goVersion, Host: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	var err error
	if v.Generator, _, err = gosource.Hash(ctx, reflect.TypeFor[Config]().PkgPath()); err == nil {
		return v, nil
	}
	if v.Generator, err = binaryHash(); err != nil {
		return v, err
	}
	return v, nil
}

// binaryHash hashes the generator's own binary.
func binaryHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the generator's own binary: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("hashing the generator's own binary: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing the generator's own binary: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
