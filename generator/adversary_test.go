package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// An adversary is a lesson from a stranger's pull request: one snippet
// that tries to harm the machine building the site, and what the build
// must make of it.
type adversary struct {
	name string
	info string // the fence's info string
	body string // main's body; the imports are added
	// fail is a part of the build error when the build must fail; empty
	// when it must succeed.
	fail string
	// page, when set, must be on the lesson's page; never must not.
	page, never string
}

// adversaries returns the cases; marker is a path on the host no snippet
// may create, secret a value in the builder's environment, and addr a
// listener on the builder's loopback.
func adversaries(marker, secret, addr string) []adversary {
	return []adversary{{
		name: "yaegi writes a file: refused, never run natively",
		info: "go",
		body: fmt.Sprintf("os.WriteFile(%q, nil, 0o644)", marker),
		fail: "the yaegi sandbox refuses this program: os.WriteFile is not allowed in lessons",
	}, {
		name: "yaegi reads the builder's environment through /proc: refused",
		info: "go",
		body: `b, _ := os.ReadFile("/proc/" + strconv.Itoa(os.Getppid()) + "/environ"); fmt.Println(string(b))`,
		fail: "os.ReadFile is not allowed in lessons",
	}, {
		name: "yaegi kills the generator: refused",
		info: "go",
		body: `syscall.Kill(os.Getppid(), syscall.SIGKILL)`,
		fail: `import "syscall" cannot be allowed in the yaegi engine`,
	}, {
		name:  "yaegi with allow=os writes only inside its sandbox",
		info:  "go allow=os",
		body:  fmt.Sprintf("err := os.WriteFile(%q, nil, 0o644)\nfmt.Println(\"wrote:\", err == nil)\n_, err = os.ReadFile(\"/etc/passwd\")\nfmt.Println(\"host file:\", err != nil)", marker),
		page:  "host file: true",
		never: "root:x:0",
	}, {
		name:  "go reads the builder's environment",
		info:  "go engine=go",
		body:  `fmt.Printf("secret=%q\n", os.Getenv("GONOTES_ADVERSARY_SECRET")); fmt.Println(len(os.Environ()))`,
		page:  "secret=&#34;&#34;",
		never: secret,
	}, {
		name: "go dials the builder's loopback",
		info: "go engine=go",
		body: fmt.Sprintf("c, err := net.DialTimeout(\"tcp\", %q, 2*time.Second)\nif err == nil {\n\tc.Write([]byte(\"escaped\"))\n\tfmt.Println(\"connected\")\n\treturn\n}\nfmt.Println(\"no network\")", addr),
		page: "no network",
	}, {
		name:  "go writes outside its folder and runs a shell",
		info:  "go engine=go",
		body:  fmt.Sprintf("fmt.Println(\"write:\", os.WriteFile(%q, nil, 0o644) == nil)\nfmt.Println(\"shell:\", exec.Command(\"/bin/sh\", \"-c\", \"true\").Run() == nil)", marker),
		page:  "shell: false",
		never: "write: true",
	}, {
		name: "go allocates past the limit through a child",
		info: "go engine=go",
		body: `if len(os.Args) > 1 {
	var keep [][]byte
	for {
		b := make([]byte, 64<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
	}
}
cmd := exec.Command("/proc/self/exe", "hog")
cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
fmt.Println(cmd.Run())`,
		fail: "killed: the program used more than 512 MiB of memory",
	}, {
		name: "go leaves a process behind in a session of its own",
		info: "go engine=go",
		body: `if len(os.Args) > 1 {
	time.Sleep(time.Hour)
}
cmd := exec.Command("/proc/self/exe", "gonotes-adversary-sleeper")
cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
fmt.Println(cmd.Start() == nil)`,
		page: "true",
	}, {
		// It is the init of its PID namespace: it has no parent to see, and
		// signals from inside the namespace cannot kill it.
		name: "go kills its parent",
		info: "go engine=go",
		body: `fmt.Println("parent:", os.Getppid())
syscall.Kill(os.Getppid(), syscall.SIGKILL)
syscall.Kill(-1, syscall.SIGKILL)`,
		page: "parent: 0",
	}, {
		name: "go forks without end",
		info: "go engine=go timeout=5s",
		body: `for {
	if err := exec.Command("/proc/self/exe").Start(); err != nil {
		fmt.Println("stopped:", err)
		time.Sleep(time.Hour)
	}
}`,
		fail: "content/01-adversary.md:5:",
	}, {
		name: "a compile bomb is the builder's failure, not an output",
		info: "go engine=go",
		body: "fmt.Println(len(c30))\n}\n\n" + compileBomb(30) + "\nfunc init() {",
		fail: "go build used more than 2 GiB of memory",
	}, {
		name: "a program Go rejects needs expect=compile-error",
		info: "go",
		body: "unused := 1\nfmt.Println(\"hi\")",
		fail: "declared and not used: unused",
	}, {
		name: "a timeout past the maximum",
		info: "go timeout=87600h",
		body: `fmt.Println("hi")`,
		fail: "timeout=87600h",
	}}
}

// compileBomb declares constants that each double the one before: the
// compiler's memory grows as 2^n.
func compileBomb(n int) string {
	var b strings.Builder
	b.WriteString("const c0 = \"xxxxxxxxxxxxxxxx\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "const c%d = c%d + c%d\n", i, i-1, i-1)
	}
	return b.String()
}

// TestAdversaries builds a site from each adversary and checks that the
// build did what it must, and that nothing escaped: no file on the host,
// no connection to the builder, no secret on a page, no process or
// temporary folder left.
func TestAdversaries(t *testing.T) {
	if testing.Short() {
		t.Skip("runs many builds; skipped with -short")
	}
	dir := t.TempDir()
	marker := filepath.Join(dir, "PWNED")
	secret := "s3cret-" + strconv.Itoa(os.Getpid())
	t.Setenv("GONOTES_ADVERSARY_SECRET", secret)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	reached := make(chan string, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			reached <- c.RemoteAddr().String()
			c.Close()
		}
	}()
	for i, a := range adversaries(marker, secret, l.Addr().String()) {
		t.Run(a.name, func(t *testing.T) {
			site := filepath.Join(dir, strconv.Itoa(i))
			writeFile(t, filepath.Join(site, "content/index.md"), "# Home\n")
			var imports strings.Builder
			for _, p := range []string{"fmt", "net", "os", "os/exec", "strconv", "syscall", "time"} {
				if strings.Contains(a.body, path.Base(p)+".") {
					fmt.Fprintf(&imports, "\t%q\n", p)
				}
			}
			writeFile(t, filepath.Join(site, "content/01-adversary.md"), "# Adversary\n\nA program:\n\n```"+a.info+"\n"+
				"package main\n\nimport (\n"+imports.String()+")\n\nfunc main() {\n"+a.body+"\n}\n```\n")
			var stderr bytes.Buffer
			code := run([]string{"-content", filepath.Join(site, "content"), "-out", filepath.Join(site, "out"), "-cache", ""}, &stderr)
			switch {
			case a.fail != "" && (code != 1 || !strings.Contains(stderr.String(), a.fail)):
				t.Errorf("exit %d, want 1 with %q:\n%s", code, a.fail, stderr.String())
			case a.fail == "" && code != 0:
				t.Errorf("exit %d, want 0:\n%s", code, stderr.String())
			}
			if a.fail == "" {
				b, _ := os.ReadFile(filepath.Join(site, "out", "adversary.html"))
				if !strings.Contains(string(b), a.page) {
					t.Errorf("the page lacks %q", a.page)
				}
				if a.never != "" && strings.Contains(string(b), a.never) {
					t.Errorf("the page shows %q", a.never)
				}
			}
			if _, err := os.Stat(marker); err == nil {
				os.Remove(marker)
				t.Errorf("a snippet created %s on the host", marker)
			}
			if strings.Contains(stderr.String(), secret) {
				t.Errorf("the build printed the builder's secret")
			}
			select {
			case from := <-reached:
				t.Errorf("a snippet reached the builder's listener from %s", from)
			default:
			}
			checkNothingLeft(t)
		})
	}
}

// checkNothingLeft fails if a snippet's process or a run's temporary
// folder outlived the build.
func checkNothingLeft(t *testing.T) {
	t.Helper()
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte("gonotes-adversary-sleeper")) {
			t.Errorf("process %s outlived the build: %q", e.Name(), b)
		}
	}
	prefix := "gonotes-" + strconv.Itoa(os.Getpid()) + "-"
	left, _ := os.ReadDir(os.TempDir())
	for _, e := range left {
		if strings.HasPrefix(e.Name(), prefix) {
			t.Errorf("temporary folder %s outlived the build", e.Name())
		}
	}
}

// TestEditedCacheEntryIsNotPublished edits a cached result so it no longer
// matches the snippet's Output comment: the next build must run the snippet
// again rather than publish the edit.
func TestEditedCacheEntryIsNotPublished(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/01-x.md"), "# X\n\n```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"real\")\n\t// Output:\n\t// real\n}\n```\n")
	cache := filepath.Join(dir, "cache")
	args := []string{"-content", filepath.Join(dir, "content"), "-out", filepath.Join(dir, "out"), "-cache", cache}
	if code, stderr := generate(t, args...); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.json"))
	if len(entries) != 1 {
		t.Fatalf("cache entries %v, want one", entries)
	}
	b, _ := os.ReadFile(entries[0])
	var e map[string]any
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	edited := bytes.ReplaceAll(b, []byte(`real\n`), []byte(`HACKED\n`))
	if bytes.Equal(edited, b) {
		t.Fatalf("entry has no output to edit: %s", b)
	}
	os.WriteFile(entries[0], edited, 0o644)
	if code, stderr := generate(t, args...); code != 0 {
		t.Fatalf("second build: %s", stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "out", "x.html"))
	if bytes.Contains(page, []byte("HACKED")) || !bytes.Contains(page, []byte("real")) {
		t.Errorf("the edited cache entry reached the page")
	}
}

// TestSignalLeavesOldSite stops a build with SIGTERM while a snippet runs:
// the previous site stays byte for byte, and nothing is left behind.
func TestSignalLeavesOldSite(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/01-x.md"), "# X\n\n```go\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n```\n")
	out := filepath.Join(dir, "out")
	args := []string{"-content", filepath.Join(dir, "content"), "-out", out, "-cache", ""}
	if code, stderr := generate(t, args...); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := readTree(t, out)
	writeFile(t, filepath.Join(dir, "content/02-slow.md"), "# Slow\n\n```go engine=go timeout=60s\npackage main\n\nimport \"time\"\n\nfunc main() { time.Sleep(time.Minute) }\n```\n")
	go func() {
		time.Sleep(3 * time.Second)
		// The build's context listens for SIGTERM (see run).
		p, _ := os.FindProcess(os.Getpid())
		p.Signal(syscall.SIGTERM)
	}()
	if code, _ := generate(t, args...); code != 1 {
		t.Errorf("a stopped build exited %d, want 1", code)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("the stopped build changed the site:\n%s", diff)
	}
	checkNothingLeft(t)
	left, _ := filepath.Glob(filepath.Join(dir, ".out.new-*"))
	if len(left) > 0 {
		t.Errorf("left beside the site: %v", left)
	}
}

// TestBuilderFailureIsNotOutput turns the build cache off, so the
// toolchain cannot build: the build must fail naming the cause, and write
// no page and no cache entry.
func TestBuilderFailureIsNotOutput(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/index.md"), "# Home\n")
	writeFile(t, filepath.Join(dir, "content/01-x.md"), "# X\n\n```go engine=go\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n```\n")
	t.Setenv("GOCACHE", "off")
	cache := filepath.Join(dir, "cache")
	code, stderr := generate(t, "-content", filepath.Join(dir, "content"), "-out", filepath.Join(dir, "out"), "-cache", cache)
	if code != 1 || !strings.Contains(stderr, "build cache is off") {
		t.Errorf("exit %d, want 1 naming the build cache:\n%s", code, stderr)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, "*", "*.json")); len(entries) > 0 {
		t.Errorf("a builder failure was cached: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a site was written")
	}
}
