// Package gosource identifies Go code by its sources: a hash of a package
// and of everything it imports, as the go command lists them from the
// working folder. Results built from code (snippet outputs, the
// playground's module) are kept under it, so that they are built again
// exactly when the code that makes them changes.
package gosource

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// listed is what go list says of one package.
type listed struct {
	ImportPath string
	Dir        string
	Standard   bool
	GoFiles    []string
	EmbedFiles []string
	Module     *struct {
		Path, Version, Sum string
		Main               bool
	}
}

// Hash hashes the package pkg and its dependencies: the files (Go and
// embedded) of every package of the main module, and the version and sum
// of every other module; the standard library is left to the Go version,
// which callers key on themselves. It also returns the main module's
// packages it hashed. It fails where go list cannot list pkg, as outside
// its module.
func Hash(ctx context.Context, pkg string) (string, []string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", "-json=ImportPath,Dir,Standard,GoFiles,EmbedFiles,Module", pkg)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		return "", nil, fmt.Errorf("listing the sources of %s: %w", pkg, err)
	}
	h := sha256.New()
	var pkgs []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", nil, fmt.Errorf("reading go list: %w", err)
		}
		switch {
		case p.Standard:
			continue
		case p.Module == nil:
			return "", nil, fmt.Errorf("package %s has no module", p.ImportPath)
		case !p.Module.Main:
			fmt.Fprintf(h, "module %s %s %s\n", p.Module.Path, p.Module.Version, p.Module.Sum)
			continue
		}
		pkgs = append(pkgs, p.ImportPath)
		fmt.Fprintf(h, "package %s\n", p.ImportPath)
		for _, name := range append(p.GoFiles, p.EmbedFiles...) {
			b, err := os.ReadFile(filepath.Join(p.Dir, name))
			if err != nil {
				return "", nil, err
			}
			fmt.Fprintf(h, "file %s %d\n", name, len(b))
			h.Write(b)
		}
	}
	if len(pkgs) == 0 {
		return "", nil, fmt.Errorf("go list found no package of the main module in %s", pkg)
	}
	return hex.EncodeToString(h.Sum(nil)), pkgs, nil
}
