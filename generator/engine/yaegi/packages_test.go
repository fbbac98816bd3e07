package yaegi

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestPackages runs a program on each package the allow-list gained for
// Go by Example and the GOROOT tests, against go run.
func TestPackages(t *testing.T) {
	t.Parallel()
	srcs := []string{
		`package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

func main() {
	s := base64.StdEncoding.EncodeToString([]byte("abc123!?$*&()'-=@~"))
	fmt.Println(s, hex.EncodeToString([]byte("go")))
	b, err := base64.URLEncoding.DecodeString("YWJjMTIzIT8kKiYoKSctPUB-")
	fmt.Println(string(b), err)
}
`,
		`package main

import (
	"encoding/xml"
	"fmt"
)

type Plant struct {
	XMLName xml.Name ` + "`xml:\"plant\"`" + `
	Id      int      ` + "`xml:\"id,attr\"`" + `
	Name    string   ` + "`xml:\"name\"`" + `
	Origin  []string ` + "`xml:\"origin\"`" + `
}

func main() {
	out, _ := xml.MarshalIndent(&Plant{Id: 27, Name: "Coffee", Origin: []string{"Ethiopia", "Brazil"}}, " ", "  ")
	fmt.Println(xml.Header + string(out))
	var p Plant
	fmt.Println(xml.Unmarshal(out, &p), p.Name, p.Origin)
}
`,
		`package main

import (
	"os"
	"text/template"
)

func main() {
	t := template.Must(template.New("t").Parse("{{range .}}{{.}} {{end}}|{{if .}}yes{{end}}\n"))
	t.Execute(os.Stdout, []string{"Go", "Rust"})
	t2 := template.Must(template.New("t2").Parse("Name: {{.Name}}\n"))
	t2.Execute(os.Stdout, struct{ Name string }{"Jane Doe"})
	t2.Execute(os.Stdout, map[string]string{"Name": "Mickey Mouse"})
}
`,
		`package main

import (
	"container/ring"
	"fmt"
	"math/big"
	"net/url"
	"path"
	"path/filepath"
)

func main() {
	u, err := url.Parse("postgres://user:pass@host.com:5432/path?k=v#f")
	fmt.Println(u.Scheme, u.User.Username(), u.Hostname(), u.Port(), u.Path, u.Fragment, u.Query()["k"], err)
	r := ring.New(3)
	for i := 0; i < 3; i++ {
		r.Value = i
		r = r.Next()
	}
	r.Do(func(v any) { fmt.Print(v, " ") })
	fmt.Println()
	f := new(big.Int).Exp(big.NewInt(2), big.NewInt(100), nil)
	fmt.Println(f, path.Join("a", "b/../c"), filepath.Join("dir1", "dir2", "filename"), filepath.Ext("config.json"))
	rel, err := filepath.Rel("a/b", "a/b/t/file")
	fmt.Println(rel, err, filepath.IsAbs("/dir/file"))
}
`,
		`package main

import (
	"flag"
	"fmt"
)

func main() {
	word := flag.String("word", "foo", "a string")
	numb := flag.Int("numb", 42, "an int")
	var svar string
	flag.StringVar(&svar, "svar", "bar", "a string var")
	flag.Parse()
	fmt.Println("word:", *word, "numb:", *numb, "svar:", svar, "tail:", flag.Args(), flag.NArg(), flag.Parsed())
	fs := flag.NewFlagSet("foo", flag.ContinueOnError)
	enable := fs.Bool("enable", false, "enable")
	fmt.Println(fs.Parse([]string{"-enable", "a"}), *enable, fs.Args())
	fmt.Println(fs.Parse([]string{"-nope"}))
}
`,
	}
	goOuts := goOutcomes(t, srcs)
	for i, src := range srcs {
		t.Run(strings.SplitN(strings.SplitN(src, "\"", 2)[1], "\"", 2)[0], func(t *testing.T) {
			t.Parallel()
			if got, want := yaegiOutcome(src, 5*time.Second), goOuts[i]; got != want {
				t.Errorf("yaegi:\n%v\ngo run:\n%v", got, want)
			}
		})
	}
}

func TestFlagCommandLine(t *testing.T) {
	src := program([]string{"flag", "fmt"}, `n := flag.Int("n", 1, "how many")
	flag.Parse()
	fmt.Println(*n, flag.Args())`)
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string
	}{
		{[]string{"main", "-n=3", "x"}, 0, "3 [x]\n", ""},
		{[]string{"main", "-m"}, 2, "", "flag provided but not defined: -m\nUsage of main:\n  -n int\n    \thow many (default 1)\n"},
		{[]string{"main", "-h"}, 0, "", "Usage of main:\n  -n int\n    \thow many (default 1)\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := runProgram(t, src, Options{Args: tt.args})
			if got.err != nil || got.code != tt.code || got.stdout != tt.stdout || got.stderr != tt.stderr {
				t.Errorf("Run = %d, %v, stdout %q, stderr %q; want %d, %q, %q", got.code, got.err, got.stdout, got.stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestLimitedPackages(t *testing.T) {
	tests := []struct {
		name, pkg, body, want string
	}{
		{"file system of filepath", "path/filepath", `filepath.Walk(".", nil)`,
			"filepath.Walk is not allowed in lessons: without allow=path/filepath, package filepath has only what works on the names of paths"},
		{"files of os", "os", `os.WriteFile("x", nil, 0o644)`,
			"os.WriteFile is not allowed in lessons: without allow=os"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := program([]string{tt.pkg}, tt.body)
			var re *RefusalError
			if got := runProgram(t, src, Options{}); !errors.As(got.err, &re) || !strings.Contains(got.err.Error(), tt.want) {
				t.Errorf("Run = %v; want a refusal containing %q", got.err, tt.want)
			}
			if got := runProgram(t, src, Options{Allow: []string{tt.pkg}}); errors.As(got.err, &re) {
				t.Errorf("Run with allow=%s = %v; want no refusal", tt.pkg, got.err)
			}
		})
	}
}
