package yaegi

import (
	"errors"
	"strings"
	"testing"
)

func TestForbiddenImports(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		count int      // diagnostics
		want  []string // parts of the error text, each with its main.go:L:C: or a distinctive part
	}{
		{"os/exec", "package main\n\nimport (\n\t\"os/exec\"\n)\n\nfunc main() { exec.Command(\"ls\") }\n",
			1, []string{`main.go:4:2: import "os/exec" is not allowed in lessons (allowed: bufio, bytes, cmp,`,
				`; add allow=os/exec to the block's info string to opt in`}},
		{"net", "package main\n\nimport \"net\"\n\nfunc main() { net.Dial(\"tcp\", \"x\") }\n",
			1, []string{`main.go:3:8: import "net" cannot be allowed in the yaegi engine: it links net, and a binary linking cgo never reports`}},
		{"net/http", "package main\n\nimport \"net/http\"\n\nfunc main() { http.Get(\"x\") }\n",
			1, []string{`main.go:3:8: import "net/http" cannot be allowed in the yaegi engine: it links net`}},
		{"os/user", "package main\n\nimport \"os/user\"\n\nfunc main() { user.Current() }\n",
			1, []string{`main.go:3:8: import "os/user" cannot be allowed in the yaegi engine: it links os/user`}},
		{"syscall", "package main\n\nimport \"syscall\"\n\nfunc main() { syscall.Getpid() }\n",
			1, []string{`main.go:3:8: import "syscall" cannot be allowed in the yaegi engine: it escapes the sandbox`}},
		{"unsafe", "package main\n\nimport \"unsafe\"\n\nfunc main() { _ = unsafe.Sizeof(1) }\n",
			1, []string{`main.go:3:8: import "unsafe" cannot be allowed in the yaegi engine: it escapes the sandbox`}},
		{"plugin", "package main\n\nimport \"plugin\"\n\nfunc main() { plugin.Open(\"x\") }\n",
			1, []string{`main.go:3:8: import "plugin" cannot be allowed in the yaegi engine: it links runtime/cgo`}},
		{"go/build", "package main\n\nimport \"go/build\"\n\nvar _ = build.Default\n\nfunc main() {}\n",
			1, []string{`main.go:3:8: import "go/build" is not available in the yaegi engine (allowed: `, `; opt-in: io/fs, os, os/exec, path/filepath, reflect); use engine=go`}},
		{"os.WriteFile", "package main\n\nimport \"os\"\n\nfunc main() {\n\tos.WriteFile(\"x\", nil, 0o644)\n}\n",
			1, []string{"main.go:6:2: os.WriteFile is not allowed in lessons: without allow=os, package os has only the environment, " +
				"arguments, standard streams and Exit; add allow=os to the block's info string to opt in"}},
		{"renamed os", "package main\n\nimport sys \"os\"\n\nfunc main() {\n\tf, _ := sys.Create(\"x\")\n\t_ = f\n\tsys.RemoveAll(\"/\")\n}\n",
			2, []string{"main.go:6:10: os.Create is not allowed", "main.go:8:2: os.RemoveAll is not allowed"}},
		{"several", "package main\n\nimport (\n\t\"fmt\"\n\t\"os/exec\"\n\t\"net\"\n)\n\nfunc main() { fmt.Println(exec.Command, net.Dial) }\n",
			2, []string{`main.go:5:2: import "os/exec" is not allowed`, `main.go:6:2: import "net" cannot be allowed`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runProgram(t, tt.src, Options{})
			var ce *RefusalError
			if !errors.As(got.err, &ce) || got.code != 1 {
				t.Fatalf("Run = %d, %v; want 1 and a *RefusalError", got.code, got.err)
			}
			if len(ce.Diagnostics) != tt.count {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(ce.Diagnostics), tt.count, ce)
			}
			for _, want := range tt.want {
				if !strings.Contains(ce.Error(), want) {
					t.Errorf("error %q\ndoes not contain %q", ce, want)
				}
			}
		})
	}
}

func TestOptIn(t *testing.T) {
	tests := []struct {
		name  string
		allow []string
		src   string
		want  string
	}{
		{"os/exec", []string{"os/exec"}, "package main\n\nimport (\n\t\"fmt\"\n\t\"os/exec\"\n)\n\nfunc main() { fmt.Println(exec.ErrNotFound) }\n",
			"executable file not found in $PATH\n"},
		{"full os", []string{"os"}, "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tfmt.Println(os.WriteFile != nil)\n\tfmt.Fprintln(os.Stdout, \"out\")\n}\n",
			"true\nout\n"},
		{"path/filepath", []string{"path/filepath", "io/fs"}, "package main\n\nimport (\n\t\"fmt\"\n\t\"io/fs\"\n\t\"path/filepath\"\n)\n\nfunc main() { fmt.Println(filepath.Join(\"a\", \"b\"), fs.ErrNotExist) }\n",
			"a/b file does not exist\n"},
		{"a lesson package", []string{"fmt"}, "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"ok\") }\n", "ok\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runProgram(t, tt.src, Options{Allow: tt.allow})
			if got.err != nil || got.code != 0 || got.stdout != tt.want {
				t.Errorf("Run = %d, %v, stdout %q; want 0, %q", got.code, got.err, got.stdout, tt.want)
			}
		})
	}
}

func TestPackageName(t *testing.T) {
	tests := map[string]string{"fmt": "fmt", "math/rand": "rand", "math/rand/v2": "rand", "container/list": "list", "v2": "v2"}
	for path, want := range tests {
		if got := packageName(path); got != want {
			t.Errorf("packageName(%q) = %q, want %q", path, got, want)
		}
	}
}
