package snippet

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		info string
		want Options
	}{
		{"", Options{}},
		{"   ", Options{}},
		{"go", Options{Lang: "go"}},
		{"text", Options{Lang: "text"}},
		{"go\tlines", Options{Lang: "go", Lines: true}},
		{"go   lines  ", Options{Lang: "go", Lines: true}},
		{"go title=main.go", Options{Lang: "go", Title: "main.go"}},
		{`go title="my program.go"`, Options{Lang: "go", Title: "my program.go"}},
		{`go "title=a b"`, Options{Lang: "go", Title: "a b"}},
		{`"go" lines`, Options{Lang: "go", Lines: true}},
		{"sh title=run.sh lines hl=2", Options{Lang: "sh", Title: "run.sh", Lines: true, Highlight: []int{2}}},
		{"go hl=3", Options{Lang: "go", Highlight: []int{3}}},
		{"go hl=2,4-6", Options{Lang: "go", Highlight: []int{2, 4, 5, 6}}},
		{"go hl=8,3-4,4,1", Options{Lang: "go", Highlight: []int{1, 3, 4, 8}}},
		{"go hl=5-5", Options{Lang: "go", Highlight: []int{5}}},
		{"go norun", Options{Lang: "go", NoRun: true}},
		{"go norun allow=os/exec", Options{Lang: "go", NoRun: true, Allow: []string{"os/exec"}}},
		{"go engine=yaegi", Options{Lang: "go", Engine: Yaegi}},
		{"go engine=go", Options{Lang: "go", Engine: Go}},
		{"go timeout=2s", Options{Lang: "go", Timeout: 2 * time.Second}},
		{"go timeout=1m30s", Options{Lang: "go", Timeout: 90 * time.Second}},
		{"go timeout=500ms", Options{Lang: "go", Timeout: 500 * time.Millisecond}},
		{"go expect=panic", Options{Lang: "go", Expect: Expect{Kind: "panic"}}},
		{"go expect=timeout", Options{Lang: "go", Expect: Expect{Kind: "timeout"}}},
		{"go expect=deadlock", Options{Lang: "go", Expect: Expect{Kind: "deadlock"}}},
		{"go expect=compile-error", Options{Lang: "go", Expect: Expect{Kind: "compile-error"}}},
		{"go expect=exit=1", Options{Lang: "go", Expect: Expect{Kind: "exit", ExitCode: 1}}},
		{"go expect=exit=255", Options{Lang: "go", Expect: Expect{Kind: "exit", ExitCode: 255}}},
		{"go output=varies", Options{Lang: "go", Varies: true}},
		{"go engine=go flags=-race", Options{Lang: "go", Engine: Go, Flags: []string{"-race"}}},
		{`go engine=go flags="-race -gcflags=-N"`, Options{Lang: "go", Engine: Go, Flags: []string{"-race", "-gcflags=-N"}}},
		{"go engine=go vet", Options{Lang: "go", Engine: Go, Vet: true}},
		{"go engine=go vet expect=exit=1", Options{Lang: "go", Engine: Go, Vet: true, Expect: Expect{Kind: "exit", ExitCode: 1}}},
		{"go allow=os/exec", Options{Lang: "go", Allow: []string{"os/exec"}}},
		{`go allow="os/exec, net/http"`, Options{Lang: "go", Allow: []string{"os/exec", "net/http"}}},
		{"go engine=go trace", Options{Lang: "go", Engine: Go, Trace: true}},
		{`go engine=go trace="one lane, taking turns"`, Options{Lang: "go", Engine: Go, Trace: true, TraceCaption: "one lane, taking turns"}},
		{"go engine=go trace expect=deadlock flags=-race", Options{Lang: "go", Engine: Go, Trace: true, Expect: Expect{Kind: "deadlock"}, Flags: []string{"-race"}}},
		{
			`go title="worker pool.go" lines hl=3-5,8 engine=go timeout=5s expect=exit=3 output=varies flags=-race vet allow=os/exec`,
			Options{
				Lang: "go", Title: "worker pool.go", Lines: true, Highlight: []int{3, 4, 5, 8},
				Engine: Go, Timeout: 5 * time.Second, Expect: Expect{Kind: "exit", ExitCode: 3},
				Varies: true, Flags: []string{"-race"}, Vet: true, Allow: []string{"os/exec"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			got, err := ParseInfo(tt.info)
			if err != nil {
				t.Fatalf("ParseInfo(%q): %v", tt.info, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseInfo(%q) mismatch (-want +got):\n%s", tt.info, diff)
			}
		})
	}
}

func TestParseInfoErrors(t *testing.T) {
	tests := []struct {
		info string
		want string // a part of the error message the author needs to fix the fence
	}{
		// Unknown and repeated options.
		{"go colour=red", `unknown option "colour"`},
		{"go linez", `unknown option "linez"`},
		{"go =x", `unknown option ""`},
		{"go lines lines", `option "lines" given twice`},
		{"go hl=1 hl=2", `option "hl" given twice`},
		{"go title=a title=b", `option "title" given twice`},
		// A flag given a value, a valued option without one.
		{"go lines=true", `option "lines" takes no value`},
		{"go norun=yes", `option "norun" takes no value`},
		{"go engine=go vet=1", `option "vet" takes no value`},
		{"go title", `option "title" needs a value`},
		{"go hl", `option "hl" needs a value`},
		{"go timeout", `option "timeout" needs a value`},
		{"go expect", `option "expect" needs a value`},
		{"go engine", `option "engine" needs a value`},
		{"go title=", `option "title" has an empty value`},
		{`go title=""`, `option "title" has an empty value`},
		{`go engine=go flags=" "`, `option "flags"`},
		// Malformed values.
		{"go hl=0", "hl=0"},
		{"go hl=x", "hl=x"},
		{"go hl=3-1", "hl=3-1"},
		{"go hl=2,,3", "hl=2,,3"},
		{"go hl=-3", "hl=-3"},
		{"go hl=1-20000", "too long"},
		{"go engine=gccgo", "unknown engine"},
		{"go timeout=5", "timeout=5: want a positive duration"},
		{"go timeout=0s", "timeout=0s: want a positive duration"},
		{"go timeout=-1s", "timeout=-1s: want a positive duration"},
		{"go timeout=soon", "timeout=soon"},
		{"go expect=crash", "expect=crash: want exit=N, panic, timeout, deadlock or compile-error"},
		{"go expect=exit=0", "exit status must be a number from 1 to 255"},
		{"go expect=exit=256", "exit status must be a number from 1 to 255"},
		{"go expect=exit=x", "exit status must be a number from 1 to 255"},
		{"go output=stable", "the only value is output=varies"},
		{"go allow=a,,b", "empty package path"},
		// Combinations that cannot mean anything.
		{"go flags=-race", "needs engine=go"},
		{"go engine=yaegi flags=-race", "needs engine=go"},
		{"go vet", "vet needs engine=go"},
		{"go engine=yaegi vet", "vet needs engine=go"},
		{"go engine=go vet expect=panic", "expect=panic cannot happen"},
		{"go norun timeout=2s", "norun cannot be combined"},
		{"go norun engine=go", "norun cannot be combined"},
		{"go norun expect=panic", "norun cannot be combined"},
		{"go norun output=varies", "norun cannot be combined"},
		{"go trace", "trace needs engine=go"},
		{"go engine=yaegi trace", "trace needs engine=go"},
		{`go trace="look here"`, "trace needs engine=go"},
		{"go engine=go trace vet", "trace cannot be combined with vet"},
		{"go engine=go trace expect=compile-error", "trace cannot be combined with expect=compile-error"},
		{"go norun engine=go trace", "norun cannot be combined"},
		{"go engine=go trace trace", `option "trace" given twice`},
		{"go engine=go trace=", `option "trace" has an empty value`},
		{"sh trace", "execution options apply only to go blocks"},
		{"sh norun", `execution options apply only to go blocks, not "sh"`},
		{"sh timeout=2s", "execution options apply only to go blocks"},
		{"sh engine=go", "execution options apply only to go blocks"},
		{"sh expect=panic", "execution options apply only to go blocks"},
		{"sh output=varies", "execution options apply only to go blocks"},
		{"sh allow=os/exec", "execution options apply only to go blocks"},
		{"text engine=go vet", "execution options apply only to go blocks"},
		// The first word is the language.
		{"title=main.go", "the first word must be the language"},
		// Quotes.
		{`go title="main.go`, "unterminated quote"},
		{`go title=main.go"`, "unterminated quote"},
		{`"go lines`, "unterminated quote"},
	}
	for _, tt := range tests {
		t.Run(tt.info, func(t *testing.T) {
			_, err := ParseInfo(tt.info)
			if err == nil {
				t.Fatalf("ParseInfo(%q) succeeded, want an error containing %q", tt.info, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseInfo(%q) error = %q, want it to contain %q", tt.info, err, tt.want)
			}
		})
	}
}

func TestUnknownOptionListsKnownOptions(t *testing.T) {
	_, err := ParseInfo("go colour=red")
	if err == nil {
		t.Fatal("ParseInfo accepted an unknown option")
	}
	for _, opt := range []string{"title", "lines", "hl", "norun", "engine", "timeout", "expect", "output", "flags", "vet", "allow", "trace"} {
		if !strings.Contains(err.Error(), opt) {
			t.Errorf("error %q does not list the known option %q", err, opt)
		}
	}
}

func TestExpectString(t *testing.T) {
	// The String of a parsed expect= value is the value itself, as the page shows it.
	for _, v := range []string{"panic", "timeout", "deadlock", "compile-error", "exit=1", "exit=42"} {
		o, err := ParseInfo("go expect=" + v)
		if err != nil {
			t.Fatalf("expect=%s: %v", v, err)
		}
		if got := o.Expect.String(); got != v {
			t.Errorf("expect=%s: String() = %q", v, got)
		}
	}
	if got := (Expect{}).String(); got != "" {
		t.Errorf("zero Expect: String() = %q, want empty", got)
	}
}

// TestParseInfoHugeLineNumber runs ParseInfo in a child process, because the
// failure it guards against is an endless loop that eats memory: a line
// number at the top of the int range made the hl= loop overflow and never end.
func TestParseInfoHugeLineNumber(t *testing.T) {
	infos := []string{
		"go hl=9223372036854775807",
		"go hl=9223372036854775800-9223372036854775807",
	}
	if info := os.Getenv("SNIPPET_PARSEINFO_CHILD"); info != "" {
		// In the child: give up after a moment rather than fill the memory.
		time.AfterFunc(500*time.Millisecond, func() { os.Exit(3) })
		_, _ = ParseInfo(info)
		return
	}
	for _, info := range infos {
		t.Run(info, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestParseInfoHugeLineNumber$")
			cmd.Env = append(os.Environ(), "SNIPPET_PARSEINFO_CHILD="+info)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("ParseInfo(%q) did not return within half a second (%v):\n%s", info, err, out)
			}
		})
	}
}
