package main

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
	"strings"

	"github.com/klauspost/compress/zstd"

	"github.com/gonotes/concurrency/generator/gosource"
	"github.com/gonotes/concurrency/generator/lesson"
)

// The browser playground (package playground) is built with the installed
// Go for GOOS=js GOARCH=wasm, on the host rather than in the sandbox: the
// toolchain compiles only the project's own code here, never a lesson's.
const (
	playgroundPkg = "github.com/gonotes/concurrency/playground"
	// playgroundDir is the playground's folder in the site.
	playgroundDir = lesson.AssetsDir + "/playground"
)

// playgroundBuildFlags make the module small: no symbol table or DWARF
// (-s -w), and no inlining, which takes a sixth off the compressed size
// for a slower interpreter that nobody notices on a lesson's program.
var playgroundBuildFlags = []string{"-trimpath", "-gcflags=all=-l", "-ldflags=-s -w"}

// playgroundManifest tells the page's worker which files to load; their
// names carry the build's key, so a browser never runs a stale copy.
type playgroundManifest struct {
	Wasm      string `json:"wasm"`       // the module, zstd-compressed
	WasmSize  int    `json:"wasm_size"`  // its size, for the progress bar
	RawSize   int    `json:"raw_size"`   // its size decompressed
	WasmExec  string `json:"wasm_exec"`  // the Go release's wasm_exec.js
	GoVersion string `json:"go_version"` // the Go that built it
}

// playgroundFiles returns the playground's files keyed by their path in the
// site, building the module only when its inputs changed since the copy
// kept in the user's cache folder (beside the snippet cache; the module
// depends on no lesson, so every site and test shares it).
func playgroundFiles(ctx context.Context, log io.Writer) (map[string][]byte, error) {
	goenv, err := goCmd(ctx, "env", "-json", "GOVERSION", "GOROOT")
	if err != nil {
		return nil, fmt.Errorf("building the playground: %w", err)
	}
	var env struct{ GOVERSION, GOROOT string }
	if err := json.Unmarshal(goenv, &env); err != nil {
		return nil, fmt.Errorf("building the playground: reading go env: %w", err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(env.GOROOT, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("building the playground: %w", err)
	}
	zstdCLI := zstdCommand(ctx)
	key, err := playgroundKey(ctx, env.GOVERSION, wasmExec, zstdCLI)
	if err != nil {
		return nil, fmt.Errorf("building the playground: %w", err)
	}
	var dir string
	if cache, err := os.UserCacheDir(); err == nil {
		dir = filepath.Join(cache, "gonotes", "playground", key[:16])
	} else {
		tmp, err := os.MkdirTemp("", "gonotes-playground-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "out")
	}
	wasm, err := os.ReadFile(filepath.Join(dir, "playground.wasm.zst"))
	var raw int
	if err == nil {
		raw, err = readRawSize(dir)
	}
	if err != nil {
		fmt.Fprintln(log, "building the playground's WebAssembly module (once for each change of its sources)")
		if wasm, raw, err = buildPlayground(ctx, dir, zstdCLI != ""); err != nil {
			return nil, fmt.Errorf("building the playground: %w", err)
		}
	}
	m := playgroundManifest{
		Wasm:      "playground-" + key[:12] + ".wasm.zst",
		WasmSize:  len(wasm),
		RawSize:   raw,
		WasmExec:  "wasm_exec-" + env.GOVERSION + ".js",
		GoVersion: env.GOVERSION,
	}
	manifest, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		playgroundDir + "/" + m.Wasm:     wasm,
		playgroundDir + "/" + m.WasmExec: wasmExec,
		playgroundDir + "/manifest.json": manifest,
	}, nil
}

// playgroundKey hashes everything the module is built from: the Go
// release, the flags, the compressor, wasm_exec.js and the sources of
// every package it compiles (gosource.Hash).
func playgroundKey(ctx context.Context, goVersion string, wasmExec []byte, compressor string) (string, error) {
	sources, _, err := gosource.Hash(ctx, playgroundPkg)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%q\n%s\n%s\n", goVersion, playgroundBuildFlags, compressor, sources)
	h.Write(wasmExec)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildPlayground builds the module into dir and returns it compressed,
// with its size before.
func buildPlayground(ctx context.Context, dir string, zstdCLI bool) (compressed []byte, raw int, err error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, 0, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".build-")
	if err != nil {
		return nil, 0, err
	}
	defer os.RemoveAll(tmp)
	wasmPath := filepath.Join(tmp, "playground.wasm")
	args := append([]string{"build", "-o", wasmPath}, playgroundBuildFlags...)
	if _, err := goCmd(ctx, append(args, playgroundPkg)...); err != nil {
		return nil, 0, err
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return nil, 0, err
	}
	if compressed, err = compress(ctx, wasm, zstdCLI); err != nil {
		return nil, 0, err
	}
	files := map[string][]byte{"playground.wasm.zst": compressed, "raw-size": []byte(fmt.Sprint(len(wasm)))}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return nil, 0, err
		}
	}
	if err := os.Remove(wasmPath); err != nil {
		return nil, 0, err
	}
	// Another build may have finished first (ErrExist covers ENOTEMPTY); its
	// copy is the same.
	if err := os.Rename(tmp, dir); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, 0, err
	}
	return compressed, len(wasm), nil
}

// compress compresses the module with zstd: with the zstd command at level
// 19 where it is installed, else with klauspost/compress at its best
// level, whose output is a fifth larger. Either is what keeps the download
// under 3 MB, on hosts that compress nothing: gzip, which a browser could
// decompress by itself, leaves the module at 3.3 MB before issue 9's
// packages and 3.7 MB after; zstd -19, 2.3 and 2.7 MB.
func compress(ctx context.Context, wasm []byte, zstdCLI bool) ([]byte, error) {
	if zstdCLI {
		cmd := exec.CommandContext(ctx, "zstd", "-19", "-q", "-c")
		cmd.Stdin = bytes.NewReader(wasm)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("zstd -19: %w\n%s", err, stderr.String())
		}
		return out, nil
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	return enc.EncodeAll(wasm, nil), nil
}

// zstdCommand returns the version of the zstd command, or "" when there is
// none.
func zstdCommand(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "zstd", "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func readRawSize(dir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dir, "raw-size"))
	if err != nil {
		return 0, err
	}
	var n int
	_, err = fmt.Sscan(string(b), &n)
	return n, err
}

// goCmd runs the go command for GOOS=js GOARCH=wasm and returns its output.
func goCmd(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}
