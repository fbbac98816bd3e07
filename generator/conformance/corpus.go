// Package conformance measures how faithfully the yaegi engine runs Go
// programs that nobody wrote for it: the "// run" programs of the Go
// repository's own test directory. Each program runs under engine go, which
// is the reference, and under engine yaegi twice, as raw yaegi sees it and
// after the rewrite to Go 1.22+ semantics, and each yaegi run gets a Verdict.
//
// The stages are LoadCorpus (which programs, and which are skipped and why),
// Check (run them on a bounded pool), Classify (one verdict per yaegi run)
// and the reports (a summary table, and one line per program). The check
// itself is a test behind a flag; see conformance_test.go and
// `make conformance`.
package conformance

import (
	"bufio"
	"bytes"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Program is one program of the corpus.
type Program struct {
	Path   string // slash-separated, relative to the corpus root: "chan/fifo.go"
	Source string
}

// Skip is a "// run" program the check leaves out, and why.
type Skip struct {
	Path   string
	Reason string
}

// runHeader is the first line of a test program that the Go repository's
// test driver builds and runs with no flags, arguments or extra files.
const runHeader = "// run"

// LoadCorpus returns the programs in the given directories of fsys (not
// their subdirectories) whose first line is exactly "// run", sorted by path,
// and the ones it skipped because the check cannot run them as a single
// main.go: they need the go command or other files, cgo, or another
// operating system. The Go repository's test directory is such a tree,
// os.DirFS(filepath.Join(runtime.GOROOT(), "test")).
func LoadCorpus(fsys fs.FS, dirs ...string) ([]Program, []Skip, error) {
	var (
		progs []Program
		skips []Skip
	)
	for _, dir := range dirs {
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, nil, fmt.Errorf("conformance: reading the corpus: %w", err)
		}
		for _, e := range entries {
			name := path.Join(dir, e.Name())
			if e.IsDir() || !strings.HasSuffix(name, ".go") {
				continue
			}
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, nil, fmt.Errorf("conformance: reading the corpus: %w", err)
			}
			if firstLine(src) != runHeader {
				continue
			}
			reason, err := skipReason(fsys, name, src)
			if err != nil {
				return nil, nil, fmt.Errorf("conformance: %s: %w", name, err)
			}
			if reason != "" {
				skips = append(skips, Skip{Path: name, Reason: reason})
				continue
			}
			progs = append(progs, Program{Path: name, Source: string(src)})
		}
	}
	slices.SortFunc(progs, func(a, b Program) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(skips, func(a, b Skip) int { return strings.Compare(a.Path, b.Path) })
	return progs, skips, nil
}

func firstLine(src []byte) string {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r")
}

// skipReason says why the program in name cannot be part of the check, or
// returns "" when it can.
func skipReason(fsys fs.FS, name string, src []byte) (string, error) {
	// The test driver builds for the machine it runs on; so does the check.
	// The context's file hooks read fsys, so that both the file name
	// (nilptr_aix.go) and //go:build lines count.
	ctxt := build.Default
	ctxt.CgoEnabled = false // children are built without cgo
	ctxt.JoinPath = path.Join
	ctxt.OpenFile = func(p string) (io.ReadCloser, error) { return fsys.Open(p) }
	ok, err := ctxt.MatchFile(path.Dir(name), path.Base(name))
	if err != nil {
		return "", fmt.Errorf("matching build constraints: %w", err)
	}
	if !ok {
		return fmt.Sprintf("build constraints exclude %s/%s%s", ctxt.GOOS, ctxt.GOARCH, constraintLine(src)), nil
	}
	file, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
	if err != nil {
		return "", fmt.Errorf("parsing imports: %w", err)
	}
	for _, spec := range file.Imports {
		switch p, _ := strconv.Unquote(spec.Path.Value); p {
		case "C":
			return "needs cgo", nil
		case "os/exec":
			// Every such program in the corpus runs the go command (to
			// compile or link a second program), which a child has not got.
			return "runs other programs (the go command)", nil
		}
	}
	if bytes.Contains(src, []byte("runtime.GOROOT()")) {
		return "reads files of the Go installation", nil
	}
	return "", nil
}

// constraintLine returns " (//go:build ...)" for the program's build line,
// or "" when it has none.
func constraintLine(src []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "//go:build ") {
			return " (" + line + ")"
		}
	}
	return ""
}
