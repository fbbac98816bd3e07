package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	misbehave string // the testdata/misbehave program, built by TestMain
	box       *Sandbox
)

func TestMain(m *testing.M) {
	MaybeInit()
	dir, err := os.MkdirTemp("", "sandbox-test-")
	if err != nil {
		panic(err)
	}
	misbehave = filepath.Join(dir, "misbehave")
	cmd := exec.Command("go", "build", "-o", misbehave, "./testdata/misbehave")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	box = New(context.Background())
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestIsolated fails where namespaces should work but do not: on Linux,
// unless the machine's configuration is known to forbid them.
func TestIsolated(t *testing.T) {
	ok, why := box.Isolated()
	if ok {
		return
	}
	if runtime.GOOS != "linux" || Restricted() != "" {
		t.Skipf("NOT ISOLATED on this machine: %s", why)
	}
	t.Fatalf("snippets would run without isolation on this Linux machine: %s", why)
}

// buffer is an io.Writer safe for the supervisor and the test.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var defaultLimits = Limits{Timeout: 30 * time.Second, Memory: 256 << 20, Tasks: 256, Disk: 16 << 20}

// run runs misbehave with args in the sandbox and returns its exit and
// standard output and error.
func run(t *testing.T, lim Limits, args ...string) (Exit, string, string) {
	t.Helper()
	requireIsolated(t)
	var stdout, stderr buffer
	exit, err := box.Run(context.Background(), Spec{
		Exe: misbehave, Args: append([]string{"misbehave"}, args...),
		Env:     []string{"PATH=/usr/bin:/bin"},
		Outputs: []io.Writer{&stdout, &stderr},
		Limits:  lim,
	})
	if err != nil {
		t.Fatal(err)
	}
	return exit, stdout.String(), stderr.String()
}

func requireIsolated(t *testing.T) {
	if ok, why := box.Isolated(); !ok {
		t.Skipf("NOT ISOLATED: %s", why)
	}
}

func TestEnvironmentIsOnlyTheSpecs(t *testing.T) {
	t.Setenv("GONOTES_SECRET_MARKER", "s3cret")
	_, out, _ := run(t, defaultLimits, "env")
	got := strings.Fields(out)
	want := []string{"PATH=/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("environment = %q, want %q", got, want)
	}
}

func TestFileSystemView(t *testing.T) {
	_, out, _ := run(t, defaultLimits, "ls", "/")
	if got := strings.Fields(out); strings.Join(got, " ") != "dev proc tmp" {
		t.Errorf("/ holds %q, want only dev, proc and tmp", got)
	}
	home, _ := os.UserHomeDir()
	_, out, _ = run(t, defaultLimits, "read", "/etc/passwd", filepath.Join(home, ".bashrc"), misbehave, "/proc/1/environ")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasSuffix(line, ": <nil>") && !strings.HasPrefix(line, "/proc/1/environ") {
			t.Errorf("read a host file: %s", line)
		}
	}
}

func TestWritesStayInside(t *testing.T) {
	outside := filepath.Join(os.TempDir(), "gonotes-sandbox-pwned")
	os.Remove(outside)
	_, out, _ := run(t, defaultLimits, "write", outside, "/PWNED", "/tmp/fine")
	if _, err := os.Stat(outside); err == nil {
		os.Remove(outside)
		t.Fatalf("the program wrote %s on the host", outside)
	}
	if !strings.Contains(out, "/tmp/fine: <nil>") || strings.Contains(out, "/PWNED: <nil>") {
		t.Errorf("writes: %s\nwant only /tmp writable", out)
	}
}

func TestNoNetworkButOwnLoopback(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got := make(chan string, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		b := make([]byte, 7)
		c.Read(b)
		got <- string(b)
	}()
	_, out, _ := run(t, defaultLimits, "dial", l.Addr().String())
	if strings.Contains(out, "dial: <nil>") {
		t.Errorf("the program reached the builder's listener: %s", out)
	}
	select {
	case s := <-got:
		t.Errorf("the builder's listener received %q", s)
	default:
	}
	_, out, _ = run(t, defaultLimits, "loopback")
	if strings.TrimSpace(out) != "loopback: hi" {
		t.Errorf("own loopback: %q, want it to work", out)
	}
}

func TestNoHostPrograms(t *testing.T) {
	_, out, _ := run(t, defaultLimits, "exec", "/bin/sh", "-c", "echo escaped")
	if strings.Contains(out, "escaped") || !strings.Contains(out, "no such file") {
		t.Errorf("exec of a host program: %s", out)
	}
}

func TestMemoryOfTheWholeTree(t *testing.T) {
	lim := defaultLimits
	lim.Memory = 128 << 20
	exit, out, _ := run(t, lim, "child", "hog")
	if exit.Reason != Memory {
		t.Errorf("a child allocating without end: reason %d (%s), want Memory; output %q", exit.Reason, exit.State, out)
	}
}

func TestTaskLimit(t *testing.T) {
	lim := defaultLimits
	lim.Tasks = 64
	lim.Timeout = 3 * time.Second
	exit, out, _ := run(t, lim, "forkbomb")
	if exit.Reason != Tasks && !strings.Contains(out, "resource temporarily unavailable") {
		t.Errorf("fork bomb: reason %d (%s), output %q; want it stopped at 64 tasks", exit.Reason, exit.State, out)
	}
}

func TestNothingOutlivesTheRun(t *testing.T) {
	_, out, _ := run(t, defaultLimits, "child", "sleep")
	if !strings.HasPrefix(out, "started ") {
		t.Fatalf("output %q", out)
	}
	if pids := processesOf(misbehave); len(pids) > 0 {
		t.Errorf("processes of the program still run: %v", pids)
	}
}

func TestCannotKillTheBuilder(t *testing.T) {
	exit, out, _ := run(t, defaultLimits, "killparent")
	if !strings.Contains(out, "ppid 0") {
		t.Errorf("the program saw its parent: %q", out)
	}
	_ = exit // it may kill itself; the test process surviving is the point
}

func TestTimeoutKillsEverything(t *testing.T) {
	lim := defaultLimits
	lim.Timeout = time.Second
	exit, _, _ := run(t, lim, "spin")
	if exit.Reason != Timeout || exit.Code != -1 || exit.State != "signal: killed" {
		t.Errorf("exit = %+v, want Timeout, -1, signal: killed", exit)
	}
}

func TestContextCancels(t *testing.T) {
	requireIsolated(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	var o, e buffer
	exit, err := box.Run(ctx, Spec{Exe: misbehave, Args: []string{"m", "sleep"}, Outputs: []io.Writer{&o, &e}, Limits: defaultLimits})
	if err != nil || exit.Reason != Canceled {
		t.Errorf("exit %+v, err %v; want Canceled", exit, err)
	}
}

func TestStdinAndExtraOutputs(t *testing.T) {
	requireIsolated(t)
	var o, e, three buffer
	_, err := box.Run(context.Background(), Spec{Exe: misbehave, Args: []string{"m", "fd3"},
		Outputs: []io.Writer{&o, &e, &three}, Limits: defaultLimits})
	if err != nil || o.String() != "on one\n" || three.String() != "on three\n" {
		t.Errorf("fd 1 %q, fd 3 %q, err %v", o.String(), three.String(), err)
	}
	var in buffer
	if _, err := box.Run(context.Background(), Spec{Exe: misbehave, Args: []string{"m", "stdin"}, Stdin: []byte("hello"),
		Outputs: []io.Writer{&in, &e}, Limits: defaultLimits}); err != nil || in.String() != "\"hello\"\n" {
		t.Errorf("stdin: %q, err %v", in.String(), err)
	}
}

func TestOutputRefused(t *testing.T) {
	requireIsolated(t)
	var e buffer
	exit, err := box.Run(context.Background(), Spec{Exe: misbehave, Args: []string{"m", "env"},
		Outputs: []io.Writer{refuse{}, &e}, Limits: defaultLimits})
	if err != nil || exit.Reason != OutputFull {
		t.Errorf("exit %+v, err %v; want OutputFull", exit, err)
	}
}

type refuse struct{}

func (refuse) Write(p []byte) (int, error) { return 0, errors.New("full") }

func TestNoCapabilities(t *testing.T) {
	_, out, _ := run(t, defaultLimits, "caps")
	for _, want := range []string{"CapEff:\t0000000000000000", "CapPrm:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "sandbox"} {
		if !strings.Contains(out, want) {
			t.Errorf("the program's status lacks %q:\n%s", want, out)
		}
	}
}

// TestDynamicProgram runs a program linked dynamically, which needs the
// loader and the C library: the sandbox shows them read-only.
func TestDynamicProgram(t *testing.T) {
	requireIsolated(t)
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("no C compiler for a cgo build")
	}
	exe := filepath.Join(t.TempDir(), "dynamic")
	cmd := exec.Command("go", "build", "-o", exe, "./testdata/misbehave")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !dynamic(exe) {
		t.Skip("the cgo build came out static")
	}
	var o, e buffer
	exit, err := box.Run(context.Background(), Spec{Exe: exe, Args: []string{"m", "ls", "/"}, Outputs: []io.Writer{&o, &e}, Limits: defaultLimits})
	if err != nil || exit.Code != 0 || !strings.Contains(o.String(), "usr") {
		t.Errorf("exit %+v, err %v, / holds %q, stderr %q", exit, err, o.String(), e.String())
	}
}

// processesOf lists the processes running exe.
func processesOf(exe string) []string {
	entries, _ := os.ReadDir("/proc")
	var pids []string
	for _, e := range entries {
		if target, err := os.Readlink("/proc/" + e.Name() + "/exe"); err == nil && target == exe {
			pids = append(pids, e.Name())
		}
	}
	return pids
}

// BenchmarkRun measures starting a small static program and waiting for
// it, with and without namespaces: the cost of isolation per run.
func BenchmarkRun(b *testing.B) {
	for _, mode := range []struct {
		name string
		sb   *Sandbox
	}{{"isolated", box}, {"plain", Unisolated()}} {
		b.Run(mode.name, func(b *testing.B) {
			if ok, _ := mode.sb.Isolated(); mode.name == "isolated" && !ok {
				b.Skip("not isolated here")
			}
			for b.Loop() {
				var o, e buffer
				exit, err := mode.sb.Run(context.Background(), Spec{Exe: misbehave, Args: []string{"m", "env"},
					Outputs: []io.Writer{&o, &e}, Limits: defaultLimits})
				if err != nil || exit.Code != 0 {
					b.Fatal(exit, err)
				}
			}
		})
	}
}
