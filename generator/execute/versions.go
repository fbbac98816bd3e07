package execute

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
	"reflect"
	"runtime"
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
	if v.Generator, _, err = sourceHash(ctx); err == nil {
		return v, nil
	}
	if v.Generator, err = binaryHash(); err != nil {
		return v, err
	}
	return v, nil
}

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

// sourceHash hashes the sources of this package and its dependencies as go
// list finds them from the working folder; it also returns the packages of
// this module that it hashed.
func sourceHash(ctx context.Context) (string, []string, error) {
	self := reflect.TypeFor[Config]().PkgPath()
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", "-json=ImportPath,Dir,Standard,GoFiles,EmbedFiles,Module", self)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		return "", nil, fmt.Errorf("listing the generator's sources: %w", err)
	}
	var pkgs []string
	h := sha256.New()
	dec := json.NewDecoder(bytes.NewReader(out))
	found := false
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", nil, fmt.Errorf("reading go list: %w", err)
		}
		switch {
		case p.Standard:
			continue // the Go version is a key of its own
		case p.Module == nil:
			return "", nil, fmt.Errorf("package %s has no module", p.ImportPath)
		case !p.Module.Main:
			fmt.Fprintf(h, "module %s %s %s\n", p.Module.Path, p.Module.Version, p.Module.Sum)
			continue
		}
		found = found || p.ImportPath == self
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
	if !found {
		return "", nil, fmt.Errorf("go list did not list %s", self)
	}
	return hex.EncodeToString(h.Sum(nil)), pkgs, nil
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
