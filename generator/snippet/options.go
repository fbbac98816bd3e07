// Package snippet is the model of a code block in a lesson: its source, the
// options in its fence's info string, and the parts of it shown to a reader.
//
// # Info string
//
// The info string of a fenced block is a language followed by options
// separated by spaces. An option is a bare word (a flag) or key=value; a value
// holding spaces is written in double quotes:
//
//	```go title=main.go lines hl=3-5,8 timeout=5s
//
// Presentation (any language):
//
//	title=NAME      caption above the block, usually a file name
//	lines           number the lines
//	hl=LIST         highlight lines, 1-based, as in 2,4-6, counted in the shown code
//
// Execution (go blocks only):
//
//	norun           show the code, do not run it
//	engine=E        yaegi (default: fast, also runs in the browser) or go (the installed toolchain)
//	timeout=D       wall-clock limit, a Go duration such as 2s (default 10s, at most 2m)
//	expect=X        the outcome the lesson is about: exit=N, panic, timeout, deadlock, compile-error
//	output=varies   the output changes from run to run: it is labelled so, and checked by exit status only
//	flags=LIST      build flags for engine=go, such as -race
//	vet             show what go vet reports about the program instead of running it (engine=go)
//	allow=LIST      packages outside the allow-list this program may import, comma separated
//	trace           record what the Go scheduler did in the run and draw it under the output (engine=go)
//	trace="TEXT"    the same, with TEXT (what to look for in the picture) as the figure's caption
//
// A block that is a complete program (package main with func main) runs unless
// it says norun. Unknown options, repeated options and malformed values are errors.
//
// # Traced runs
//
// trace records the run's execution trace with runtime/trace and draws it as
// a goroutine timeline (package timeline). It needs engine=go, since only the
// real runtime has a scheduler to record, and a run to record: not vet, norun
// or expect=compile-error. A traced snippet's output is treated as varying
// (see Snippet.Varies) unless an // Output: comment pins it: whether timing
// shows in printed text cannot be told from the text, and the run that was
// recorded is the one whose output is shown, so the page must not promise the
// reader the same output from another run. Where the lesson pins the output,
// the build checks it as for any snippet, and the promise is kept.
package snippet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gonotes/concurrency/generator/suggest"
)

// Engine names how a snippet is run.
type Engine string

// The engines a snippet can ask for.
const (
	Yaegi Engine = "yaegi"
	Go    Engine = "go"
)

// Expect is the outcome a lesson means to show.
type Expect struct {
	Kind     string // "", "exit", "panic", "timeout", "deadlock" or "compile-error"
	ExitCode int    // for Kind "exit"
}

// String returns the option value that produced e.
func (e Expect) String() string {
	if e.Kind == "exit" {
		return "exit=" + strconv.Itoa(e.ExitCode)
	}
	return e.Kind
}

// Options are the settings parsed from a fence's info string.
type Options struct {
	Lang      string
	Title     string
	Lines     bool
	Highlight []int // 1-based shown line numbers, sorted, unique
	NoRun     bool
	Engine    Engine // empty means the default engine
	Timeout   time.Duration
	Expect    Expect
	Varies    bool
	Flags     []string
	Vet       bool
	Allow     []string
	Trace     bool
	// TraceCaption is the value of trace="...": what to look for in the
	// picture, as its caption.
	TraceCaption string
}

// ParseInfo parses a fenced block's info string.
func ParseInfo(info string) (Options, error) {
	words, err := splitWords(info)
	if err != nil {
		return Options{}, err
	}
	var o Options
	if len(words) == 0 {
		return o, nil
	}
	o.Lang = words[0]
	if strings.Contains(o.Lang, "=") {
		return Options{}, fmt.Errorf("info string %q: the first word must be the language, not an option", info)
	}
	seen := map[string]bool{}
	for _, w := range words[1:] {
		key, val, hasVal := strings.Cut(w, "=")
		if seen[key] {
			return Options{}, fmt.Errorf("option %q given twice", key)
		}
		seen[key] = true
		if err := o.set(key, val, hasVal); err != nil {
			return Options{}, err
		}
	}
	return o, o.check()
}

func (o *Options) set(key, val string, hasVal bool) error {
	flag := func(dst *bool) error {
		if hasVal {
			return fmt.Errorf("option %q takes no value", key)
		}
		*dst = true
		return nil
	}
	if !hasVal && !slices.Contains(flags, key) {
		if _, known := valued[key]; known {
			return fmt.Errorf("option %q needs a value: %s=%s", key, key, valued[key])
		}
	}
	if hasVal && val == "" {
		return fmt.Errorf("option %q has an empty value", key)
	}
	switch key {
	case "lines":
		return flag(&o.Lines)
	case "norun":
		return flag(&o.NoRun)
	case "vet":
		return flag(&o.Vet)
	case "trace":
		o.Trace, o.TraceCaption = true, val
	case "title":
		o.Title = val
	case "hl":
		lines, err := parseLineList(val)
		if err != nil {
			return fmt.Errorf("option hl=%s: %w", val, err)
		}
		o.Highlight = lines
	case "engine":
		switch Engine(val) {
		case Yaegi, Go:
			o.Engine = Engine(val)
		default:
			return fmt.Errorf("option engine=%s: unknown engine (want yaegi or go)", val)
		}
	case "timeout":
		d, err := time.ParseDuration(val)
		if err != nil || d <= 0 {
			return fmt.Errorf("option timeout=%s: want a positive duration such as 2s", val)
		}
		if d > MaxTimeout {
			return fmt.Errorf("option timeout=%s: at most %v", val, MaxTimeout)
		}
		o.Timeout = d
	case "expect":
		e, err := parseExpect(val)
		if err != nil {
			return fmt.Errorf("option expect=%s: %w", val, err)
		}
		o.Expect = e
	case "output":
		if val != "varies" {
			return fmt.Errorf("option output=%s: the only value is output=varies", val)
		}
		o.Varies = true
	case "flags":
		if o.Flags = strings.Fields(val); len(o.Flags) == 0 {
			return fmt.Errorf("option \"flags\" lists no flags")
		}
	case "allow":
		for _, p := range strings.Split(val, ",") {
			if p = strings.TrimSpace(p); p == "" {
				return fmt.Errorf("option allow=%s: empty package path", val)
			}
			o.Allow = append(o.Allow, p)
		}
	default:
		return fmt.Errorf("unknown option %q (known: %s)%s", key, strings.Join(knownOptions(), ", "), suggest.DidYouMean(key, knownOptions()))
	}
	return nil
}

// flags lists the options that may be given without a value; trace may
// also have one.
var flags = []string{"lines", "norun", "vet", "trace"}

// valued lists the options that take a value, with an example of one.
var valued = map[string]string{
	"title": "main.go", "hl": "2,4-6", "engine": "go", "timeout": "2s",
	"expect": "panic", "output": "varies", "flags": "-race", "allow": "os/exec",
}

func knownOptions() []string {
	keys := slices.Clone(flags)
	for k := range valued {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// check rejects combinations that cannot mean anything.
func (o *Options) check() error {
	isGo := o.Lang == "go"
	runOnly := o.NoRun || o.Engine != "" || o.Timeout != 0 || o.Expect.Kind != "" || o.Varies ||
		len(o.Flags) > 0 || o.Vet || len(o.Allow) > 0 || o.Trace
	switch {
	case !isGo && runOnly:
		return fmt.Errorf("execution options apply only to go blocks, not %q", o.Lang)
	case o.NoRun && (o.Engine != "" || o.Timeout != 0 || o.Expect.Kind != "" || o.Varies || len(o.Flags) > 0 || o.Vet || o.Trace):
		return fmt.Errorf("norun cannot be combined with options that only matter when the block runs")
	case len(o.Flags) > 0 && o.Engine != Go:
		return fmt.Errorf("flags=%s needs engine=go: yaegi has no build flags", strings.Join(o.Flags, " "))
	case o.Vet && o.Engine != Go:
		return fmt.Errorf("vet needs engine=go")
	case o.Vet && o.Expect.Kind != "" && o.Expect.Kind != "exit":
		return fmt.Errorf("vet reports problems with exit=1; expect=%s cannot happen", o.Expect)
	case o.Trace && o.Engine != Go:
		return fmt.Errorf("trace needs engine=go: it records the Go runtime's scheduler, which yaegi does not run on")
	case o.Trace && o.Vet:
		return fmt.Errorf("trace cannot be combined with vet: vet does not run the program")
	case o.Trace && o.Expect.Kind == "compile-error":
		return fmt.Errorf("trace cannot be combined with expect=compile-error: a program that does not compile has no run to record")
	}
	return nil
}

func parseExpect(v string) (Expect, error) {
	switch v {
	case "panic", "timeout", "deadlock", "compile-error":
		return Expect{Kind: v}, nil
	}
	if code, ok := strings.CutPrefix(v, "exit="); ok {
		n, err := strconv.Atoi(code)
		if err != nil || n < 1 || n > 255 {
			return Expect{}, fmt.Errorf("exit status must be a number from 1 to 255")
		}
		return Expect{Kind: "exit", ExitCode: n}, nil
	}
	return Expect{}, fmt.Errorf("want exit=N, panic, timeout, deadlock or compile-error")
}

// MaxTimeout bounds timeout=, so that one snippet cannot hold a build for
// a day.
const MaxTimeout = 2 * time.Minute

// maxLine bounds line numbers in hl=, so a typo cannot ask for billions.
const maxLine = 10_000

// parseLineList parses "2,4-6" into [2 4 5 6].
func parseLineList(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil || a < 1 {
			return nil, fmt.Errorf("%q is not a line number", lo)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil || b < a {
				return nil, fmt.Errorf("%q is not a range of lines", part)
			}
		}
		if b > maxLine || b-a > maxLine {
			return nil, fmt.Errorf("range %q is too long", part)
		}
		for n := a; n <= b; n++ {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// splitWords splits an info string at spaces, keeping double-quoted values whole.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, inQuote := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
			inWord = true
		case !inQuote && (r == ' ' || r == '\t'):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("info string %q: unterminated quote", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
