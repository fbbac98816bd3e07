package toolchain

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gonotes/concurrency/generator/engine"
	"github.com/gonotes/concurrency/generator/sandbox"
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
		if got := HasRace(tt.flags); got != tt.want {
			t.Errorf("HasRace(%q) = %v, want %v", tt.flags, got, tt.want)
		}
	}
}

func TestMain(m *testing.M) {
	// The sandbox starts this test binary as the init of its namespaces.
	sandbox.MaybeInit()
	os.Exit(m.Run())
}

// TestTelemetryOff: the go command in the sandbox has its telemetry off,
// so that it starts no telemetry child and writes no counter files.
func TestTelemetryOff(t *testing.T) {
	tc := testToolchain(t)
	defer tc.Close()
	out, exit, err := tc.goCommand(t.Context(), t.TempDir(), nil, []string{"env", "GOTELEMETRY"})
	if err != nil || exit.Code != 0 {
		t.Fatalf("go env: %v, %s: %s", err, exit.State, out)
	}
	if got := strings.TrimSpace(out); got != "off" {
		t.Errorf("go env GOTELEMETRY = %q in the sandbox, want off", got)
	}
	config := tc.config
	if err := tc.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(config); !os.IsNotExist(err) {
		t.Errorf("Close left the go command's configuration folder: %v", err)
	}
}
