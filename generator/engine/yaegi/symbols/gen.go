//go:build ignore

// gen.go writes the symbol tables of package symbols with yaegi's extractor,
// from the standard library of the Go that runs it:
//
//	go generate ./generator/engine/yaegi/symbols
//
// yaegi's extractor writes an init function that fills a package-level map;
// gen.go turns each one into a function returning a fresh map, so the tables
// are plain values and every run can change its copy.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"log"
	"os"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"unicode"

	"github.com/traefik/yaegi/extract"
)

// pkg is one package to extract and the symbols to keep.
type pkg struct {
	path    string
	include []string // regexps; empty keeps every exported symbol
	exclude []string // regexps
}

// lesson is the allow-list: what every lesson may import. The rule is that
// a package touches nothing outside the process: it computes on memory, or
// reads the clock or the scheduler, and writes only where the program hands
// it a writer. The standard streams, the environment and os.Exit are the
// run's own (see the engine's per-run symbols); the file system, other
// processes and the network are out, and so is anything that links net or
// os/user (they link cgo, and a cgo-linked binary never reports
// "all goroutines are asleep - deadlock!"; net/url and net/netip do not
// link net). cmp, maps and slices are generic-only and come from yaegi's
// generic sources instead; iter and unique have no non-generic symbols, and
// yaegi cannot range over functions, so they are left out.
var lesson = []pkg{
	{path: "bufio"},
	{path: "bytes"},
	{path: "container/heap"},
	{path: "container/list"},
	{path: "container/ring"},
	{path: "context"},
	{path: "crypto/hmac"},
	{path: "crypto/md5"},
	{path: "crypto/sha1"},
	{path: "crypto/sha256"},
	{path: "crypto/sha512"},
	{path: "crypto/subtle"},
	{path: "encoding"},
	{path: "encoding/ascii85"},
	{path: "encoding/base32"},
	{path: "encoding/base64"},
	{path: "encoding/binary"},
	{path: "encoding/csv"},
	{path: "encoding/hex"},
	{path: "encoding/json"},
	{path: "encoding/pem"},
	{path: "encoding/xml"},
	{path: "errors"},
	// CommandLine, Usage, NewFlagSet and the functions that use the
	// command line are replaced per run (a FlagSet of the run's own over
	// its arguments and stderr); the rest is kept.
	{path: "flag"},
	{path: "fmt"},
	{path: "hash"},
	{path: "hash/adler32"},
	{path: "hash/crc32"},
	{path: "hash/crc64"},
	{path: "hash/fnv"},
	{path: "hash/maphash"},
	{path: "html"},
	{path: "html/template"},
	{path: "io"},
	// Fatal*, New, Default and Logger are provided per run so that Fatal
	// calls the run's exit hook and the default logger writes to its stderr.
	{path: "log", exclude: []string{`^(Fatal|Fatalf|Fatalln|New|Default|Logger)$`}},
	{path: "math"},
	{path: "math/big"},
	{path: "math/bits"},
	{path: "math/cmplx"},
	{path: "math/rand"},
	{path: "math/rand/v2"},
	{path: "net/netip"},
	{path: "net/url"},
	// Only the process-local, read-mostly part of os. Exit, Stdin, Stdout,
	// Stderr and File are provided per run; the environment functions are
	// replaced by yaegi with ones over the run's own environment.
	{path: "os", include: []string{`^(Args|Getenv|LookupEnv|Environ|Expand|ExpandEnv|Setenv|Unsetenv|Clearenv|` +
		`Getpid|Getppid|Getpagesize|IsExist|IsNotExist|IsPermission|IsTimeout|IsPathSeparator|` +
		`ErrInvalid|ErrPermission|ErrExist|ErrNotExist|ErrClosed|ErrNoDeadline|ErrDeadlineExceeded|ErrProcessDone|` +
		`PathError|LinkError|SyscallError|Signal|Interrupt|Kill|PathSeparator|PathListSeparator|DevNull)$`}},
	{path: "path"},
	// Only the functions on path names; Abs, Glob, Walk, WalkDir and
	// EvalSymlinks read the file system (allow=path/filepath has them).
	{path: "path/filepath", include: []string{`^(Base|Clean|Dir|Ext|FromSlash|IsAbs|IsLocal|Join|ListSeparator|Localize|` +
		`Match|Rel|Separator|Split|SplitList|ToSlash|VolumeName|ErrBadPattern|SkipAll|SkipDir|WalkFunc)$`}},
	{path: "regexp"},
	{path: "regexp/syntax"},
	{path: "runtime", exclude: []string{`^(Breakpoint|SetCgoTraceback|CPUProfile|SetCPUProfileRate|ReadTrace|StartTrace|StopTrace)$`}},
	{path: "runtime/debug", exclude: []string{`^(WriteHeapDump|SetCrashOutput|CrashOptions)$`}},
	{path: "sort"},
	{path: "strconv"},
	{path: "strings"},
	{path: "sync"},
	{path: "sync/atomic"},
	{path: "text/scanner"},
	{path: "text/tabwriter"},
	{path: "text/template"},
	{path: "text/template/parse"},
	{path: "time"},
	{path: "unicode"},
	{path: "unicode/utf16"},
	{path: "unicode/utf8"},
}

// optIn are the packages a block may opt into with allow=PATH.
var optIn = []pkg{
	{path: "io/fs"},
	// Exit and the standard streams are provided per run, FindProcess is left out.
	{path: "os", exclude: []string{`^(Exit|FindProcess|Stdin|Stdout|Stderr)$`}},
	{path: "os/exec"},
	{path: "path/filepath"},
	// The source rewrite's helpers (clear, min/max on unknown types, print)
	// use reflect; the engine loads it for them, and a block may opt in.
	{path: "reflect"},
}

// restricted are names yaegi's extractor substitutes with helpers of its own
// stdlib package; none may appear in our output.
var restricted = regexp.MustCompile(`\b(osExit|osFindProcess|logFatal|logFatalf|logFatalln|logLogger|logNew)\b`)

func main() {
	log.SetFlags(0)
	var index bytes.Buffer
	fmt.Fprintf(&index, "%s\n\npackage symbols\n\nimport \"reflect\"\n\n", header("gen.go"))
	for _, set := range []struct {
		name string
		pkgs []pkg
	}{{"lesson", lesson}, {"optIn", optIn}} {
		var paths, cases []string
		for _, p := range set.pkgs {
			key, fn, err := write(set.name, p)
			if err != nil {
				log.Fatalf("%s: %v", p.path, err)
			}
			paths = append(paths, fmt.Sprintf("%q", p.path))
			cases = append(cases, fmt.Sprintf("case %q:\nreturn %q, %s(), true", p.path, key, fn))
		}
		sort.Strings(paths)
		fmt.Fprintf(&index, "// %sPaths returns the import paths of the %s tables.\n", set.name, set.name)
		fmt.Fprintf(&index, "func %sPaths() []string {\nreturn []string{%s}\n}\n\n", set.name, strings.Join(paths, ", "))
		fmt.Fprintf(&index, "// %sTable returns the %s table of path and its interp.Exports key.\n", set.name, set.name)
		fmt.Fprintf(&index, "func %sTable(path string) (key string, syms map[string]reflect.Value, ok bool) {\nswitch path {\n%s\n}\nreturn \"\", nil, false\n}\n\n",
			set.name, strings.Join(cases, "\n"))
	}
	src, err := format.Source(index.Bytes())
	if err != nil {
		log.Fatalf("index: %v\n%s", err, index.Bytes())
	}
	if err := os.WriteFile("zz_index.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// write extracts one package into zz_SET_PATH.go and returns its table key
// ("path/name") and the name of the function returning the table.
func write(set string, p pkg) (key, fn string, err error) {
	e := extract.Extractor{Dest: "symbols", Include: p.include, Exclude: p.exclude}
	var buf bytes.Buffer
	if _, err := e.Extract(p.path, "", &buf); err != nil {
		return "", "", err
	}
	src := buf.String()
	if m := restricted.FindString(src); m != "" {
		return "", "", fmt.Errorf("uses yaegi's restricted helper %s; exclude the symbol", m)
	}
	if set != "lesson" {
		// Interface wrappers are named after the package path; the two os
		// tables would otherwise declare the same types.
		prefix := "_" + strings.NewReplacer("/", "_", ".", "_").Replace(p.path) + "_"
		src = regexp.MustCompile(`\b`+prefix).ReplaceAllString(src, "_"+set+prefix)
	}
	m := regexp.MustCompile(`func init\(\) \{\n\tSymbols\["([^"]+)"\] = map\[string\]reflect\.Value\{`).FindStringSubmatchIndex(src)
	if m == nil {
		return "", "", fmt.Errorf("unexpected extractor output:\n%s", src)
	}
	key = src[m[2]:m[3]]
	fn = set + ident(p.path)
	body := src[m[1]:]
	if strings.TrimSpace(body) == "}\n}" || !strings.Contains(body, "reflect.ValueOf") {
		return "", "", fmt.Errorf("no symbols: only generic ones?")
	}
	var out strings.Builder
	fmt.Fprintf(&out, "%s\n\npackage symbols\n\n", header("yaegi extract "+p.path))
	// Keep the imports, drop the extractor's header and build constraints:
	// the module requires the Go these tables come from.
	imports := src[strings.Index(src, "import ("):strings.Index(src, "func init()")]
	out.WriteString(imports)
	fmt.Fprintf(&out, "// %s returns the symbols of package %s.\nfunc %s() map[string]reflect.Value {\n\treturn map[string]reflect.Value{", fn, p.path, fn)
	out.WriteString(body)
	formatted, err := format.Source([]byte(out.String()))
	if err != nil {
		return "", "", fmt.Errorf("format: %w\n%s", err, out.String())
	}
	name := "zz_" + strings.ToLower(set) + "_" + strings.NewReplacer("/", "_").Replace(p.path) + ".go"
	return key, fn, os.WriteFile(name, formatted, 0o644)
}

func header(by string) string {
	return fmt.Sprintf("// Code generated by %s from the standard library of %s. DO NOT EDIT.", by, runtime.Version())
}

// ident turns an import path into the tail of a Go identifier: math/rand/v2 → MathRandV2.
func ident(p string) string {
	var b strings.Builder
	for _, part := range strings.Split(p, "/") {
		r := []rune(path.Clean(part))
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}
