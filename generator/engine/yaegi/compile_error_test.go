package yaegi

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestFromYaegi(t *testing.T) {
	tests := []struct {
		in      string
		want    []Diagnostic
		generic bool
	}{
		{"main.go:1:28: undefined: x", []Diagnostic{{1, 28, "undefined: x"}}, false},
		{"1:28: undefined: x", []Diagnostic{{1, 28, "undefined: x"}}, true}, // yaegi's own sources say no file
		{"_.go:3:5: expected ';', found 'EOF'", nil, true},
		{"/tmp/x/main.go:3:5: m", nil, true},
		{"main.go:12:3: import cycle not allowed\n\timports foo", []Diagnostic{{12, 3, "import cycle not allowed\n\timports foo"}}, false},
		{"main.go:2:1: a\nmain.go:3:1: b", []Diagnostic{{2, 1, "a"}, {3, 1, "b"}}, false},
		{"something went wrong", []Diagnostic{{0, 0, "something went wrong"}}, false},
		{"main.go:4:9: undefined selector: maps.Keys", []Diagnostic{{4, 9, "undefined selector: maps.Keys (the yaegi engine has " +
			"maps and slices as of Go 1.22, plus slices.Sort and its kin; of the iterator functions only maps.Keys, Values, " +
			"All and Collect and slices.All, Values, Collect and Sorted; use engine=go)"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := fromYaegi(errors.New(tt.in))
			if tt.generic {
				if !errors.Is(err, errGeneric) {
					t.Errorf("fromYaegi(%q) = %v, want errGeneric", tt.in, err)
				}
				return
			}
			var ce *CompileError
			if !errors.As(err, &ce) || !reflect.DeepEqual(ce.Diagnostics, tt.want) {
				t.Errorf("fromYaegi(%q) = %#v, want %#v", tt.in, err, tt.want)
			}
		})
	}
}

func TestCompileErrorString(t *testing.T) {
	err := &CompileError{Diagnostics: []Diagnostic{{4, 2, "a"}, {5, 0, "b"}, {0, 0, "c"}}}
	want := "main.go:4:2: a\nmain.go:5: b\nmain.go: c"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRunCompileErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"undefined", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(y)\n}\n",
			"main.go:6:14: undefined: y"},
		{"syntax", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"a\"\n}\n",
			"main.go:6:17: missing ',' before newline in argument list\nmain.go:7:1: expected operand, found '}'"},
		{"unused import", "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nfunc main() { fmt.Println() }\n",
			`main.go:5:2: "strings" imported and not used`},
		{"unused renamed import", "package main\n\nimport str \"strings\"\n\nfunc main() {}\n",
			`main.go:3:8: "strings" imported as str and not used`},
		{"type mismatch", "package main\n\nfunc main() {\n\tvar s string = 1\n\t_ = s\n}\n",
			"main.go:4:17: cannot convert 1 to string"}, // gc: cannot use 1 (untyped int constant) as string value...
		{"not package main", "package lesson\n\nfunc main() {}\n", "main.go:1:9: package lesson is not a main package"},
		{"no func main", "package main\n\nfunc notmain() {}\n", "main.go: function main is undeclared in the main package"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runProgram(t, tt.src, Options{})
			var ce *CompileError
			if !errors.As(got.err, &ce) || got.code != 1 || ce.Error() != tt.want {
				t.Errorf("Run = %d, %v\nwant 1, CompileError %q", got.code, fmt.Sprint(got.err), tt.want)
			}
		})
	}
}

// TestEngineErrors checks the errors for programs Go accepts and yaegi does not.
func TestEngineErrors(t *testing.T) {
	// yaegi reports some crashes through the standard library's global logger.
	log.SetOutput(io.Discard)
	defer log.SetOutput(os.Stderr)
	tests := []struct {
		name        string
		src         string
		compileErr  bool
		wantContain string
	}{
		{"iterator function", "package main\n\nimport (\n\t\"fmt\"\n\t\"slices\"\n)\n\nfunc main() {\n\tfor _, v := range slices.Backward([]int{1}) {\n\t\tfmt.Println(v)\n\t}\n}\n",
			true, "main.go:9:20: undefined selector: slices.Backward (the yaegi engine has maps and slices as of Go 1.22"},
		{"range over a function, with a return", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := range func(yield func(int) bool) { yield(1) } {\n\t\tfmt.Println(i)\n\t\treturn\n\t}\n}\n",
			false, "yaegi crashed compiling the program: nil type (yaegi v0.16.1 cannot range over an integer or a function, " +
				"as Go 1.22 and 1.23 can; is it the range at line 6?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runProgram(t, tt.src, Options{})
			var ce *CompileError
			if got.err == nil || errors.As(got.err, &ce) != tt.compileErr || !strings.Contains(got.err.Error(), tt.wantContain) {
				t.Errorf("Run = %d, %v\nwant an error (compile error: %v) containing %q", got.code, got.err, tt.compileErr, tt.wantContain)
			}
		})
	}
}
