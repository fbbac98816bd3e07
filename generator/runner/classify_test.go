package runner

import (
	"reflect"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
)

func TestToolMessages(t *testing.T) {
	const dir = "/tmp/snippet123"
	tests := []struct {
		name  string
		out   string
		text  string
		diags []engine.Diagnostic
	}{{
		name: "compile errors",
		out:  "# snippet\n./main.go:4:2: declared and not used: x\n./main.go:5:2: undefined: y\n",
		text: "main.go:4:2: declared and not used: x\nmain.go:5:2: undefined: y\n",
		diags: []engine.Diagnostic{
			{Line: 4, Col: 2, Msg: "declared and not used: x"},
			{Line: 5, Col: 2, Msg: "undefined: y"},
		},
	}, {
		name: "continuation lines",
		out: "# snippet\n./main.go:9:4: cannot use x (variable of type int) as string value in argument to f:\n" +
			"\thave (int)\n\twant (string)\n",
		text: "main.go:9:4: cannot use x (variable of type int) as string value in argument to f:\n\thave (int)\n\twant (string)\n",
		diags: []engine.Diagnostic{{Line: 9, Col: 4,
			Msg: "cannot use x (variable of type int) as string value in argument to f:\n\thave (int)\n\twant (string)"}},
	}, {
		name:  "vet cannot type-check",
		out:   "# snippet\n# [snippet]\nvet: ./main.go:5:1: expected operand, found '}'\n",
		text:  "vet: main.go:5:1: expected operand, found '}'\n",
		diags: []engine.Diagnostic{{Line: 5, Col: 1, Msg: "expected operand, found '}'"}},
	}, {
		name:  "absolute paths",
		out:   dir + "/main.go:3:8: package nope is not in std\n",
		text:  "main.go:3:8: package nope is not in std\n",
		diags: []engine.Diagnostic{{Line: 3, Col: 8, Msg: "package nope is not in std"}},
	}, {
		name:  "line without a column, other lines kept",
		out:   "main.go:7: something\ntoo many errors\n",
		text:  "main.go:7: something\ntoo many errors\n",
		diags: []engine.Diagnostic{{Line: 7, Msg: "something"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, diags := toolMessages(tt.out, dir)
			if text != tt.text || !reflect.DeepEqual(diags, tt.diags) {
				t.Errorf("toolMessages() =\n%q %+v\nwant\n%q %+v", text, diags, tt.text, tt.diags)
			}
		})
	}
}

func TestStabilise(t *testing.T) {
	res := engine.Result{Events: []engine.Event{
		{Stream: engine.Stdout, Text: "cwd /tmp/snippet9\n"},
		{Stream: engine.Stderr, Text: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/tmp/snippet9/main.go:12 +0x1d\n" +
			"sync.(*WaitGroup).Add(0x1, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118 +0x23a\n" +
			"      /tmp/snippet9/main.go:15 +0x44\nfmt.Println(\"+0x1\")\n"},
	}}
	stabilise(&res, "/tmp/snippet9")
	want := []engine.Event{
		{Stream: engine.Stdout, Text: "cwd .\n"},
		{Stream: engine.Stderr, Text: "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\tmain.go:12\n" +
			"sync.(*WaitGroup).Add(0x1, 0xffffffffffffffff)\n\t/usr/local/go/src/sync/waitgroup.go:118\n" +
			"      main.go:15\nfmt.Println(\"+0x1\")\n"},
	}
	if !equalEvents(res.Events, want) {
		t.Errorf("stabilise:\n%q\nwant\n%q", res.Events, want)
	}
}

func TestHasRace(t *testing.T) {
	tests := []struct {
		flags []string
		want  bool
	}{
		{nil, false},
		{[]string{"-race"}, true},
		{[]string{"-tags=x", "--race"}, true},
		{[]string{"-race=true"}, true},
		{[]string{"-race=false"}, false},
		{[]string{"-racy"}, false},
	}
	for _, tt := range tests {
		if got := hasRace(tt.flags); got != tt.want {
			t.Errorf("hasRace(%q) = %v, want %v", tt.flags, got, tt.want)
		}
	}
}

func TestSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{512 << 20, "512 MiB"}, {1 << 30, "1 GiB"}, {4096, "4 KiB"}, {1000, "1000 bytes"}, {1536 << 20, "1536 MiB"}}
	for _, tt := range tests {
		if got := size(tt.n); got != tt.want {
			t.Errorf("size(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
