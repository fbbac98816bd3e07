package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// nobodyID is the user and group a root builder's programs have outside
// their namespaces; inside, every program is the namespace's root, without
// a single capability.
const nobodyID = 65534

// New returns a Sandbox, isolated if this kernel lets it make namespaces,
// which it finds out by running a program in one. The probe's own files
// are removed; so are the temporary folders of earlier runs whose process
// is gone.
func New(ctx context.Context) *Sandbox {
	s := &Sandbox{}
	self, err := os.Executable()
	if err != nil {
		s.why = fmt.Sprintf("cannot find this executable: %v", err)
		return s
	}
	s.self = self
	_ = RemoveStale()
	if runtime.GOOS != "linux" {
		s.why = "namespaces need Linux; this is " + runtime.GOOS
		return s
	}
	s.isolated = true
	var out bytes.Buffer
	exit, err := s.Run(ctx, Spec{
		Exe:     self,
		Args:    []string{"probe"},
		Env:     []string{probeEnv + "=1"},
		Outputs: []io.Writer{&out, &out},
		Limits:  Limits{Timeout: 30 * time.Second, Memory: 256 << 20, Tasks: 64, Disk: 1 << 20},
	})
	switch {
	case err != nil:
		s.isolated, s.why = false, err.Error()
		if hint := restrictedHint(); hint != "" {
			s.why += " (" + hint + ")"
		}
	case exit.Code != 0:
		s.isolated, s.why = false, fmt.Sprintf("the probe in a sandbox ended with %s: %s", exit.State, out.Bytes())
	}
	return s
}

// Unisolated returns a Sandbox that runs programs as plain children, with
// the same environment, working folder and limits but no namespaces: it
// exists to measure what isolation costs.
func Unisolated() *Sandbox {
	self, _ := os.Executable()
	return &Sandbox{self: self, why: "asked for no isolation"}
}

// Restricted reports why this machine's configuration forbids
// unprivileged user namespaces, or "" when nothing known does.
func Restricted() string { return restrictedHint() }

func restrictedHint() string {
	for _, f := range []struct{ path, bad, why string }{
		{"/proc/sys/kernel/unprivileged_userns_clone", "0", "kernel.unprivileged_userns_clone is 0"},
		{"/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1",
			"AppArmor restricts unprivileged user namespaces: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"},
		{"/proc/sys/user/max_user_namespaces", "0", "user.max_user_namespaces is 0"},
	} {
		if b, err := os.ReadFile(f.path); err == nil && string(trimNL(b)) == f.bad {
			return f.why
		}
	}
	return ""
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == ' ') {
		b = b[:len(b)-1]
	}
	return b
}

// Run runs the program of spec and returns how it ended. The error is only
// for failures of the sandbox itself: a program that cannot be started, a
// sandbox that cannot be set up. The program's own failures are an Exit.
func (s *Sandbox) Run(ctx context.Context, spec Spec) (Exit, error) {
	if len(spec.Outputs) < 2 {
		return Exit{}, errors.New("sandbox: a spec needs at least stdout and stderr")
	}
	run, err := TempDir()
	if err != nil {
		return Exit{}, err
	}
	defer os.RemoveAll(run)
	exe, err := os.Open(spec.Exe)
	if err != nil {
		return Exit{}, fmt.Errorf("sandbox: opening the program: %w", err)
	}
	defer exe.Close()

	var pipes []*pipe
	defer func() {
		for _, p := range pipes {
			p.close()
		}
	}()
	for _, w := range spec.Outputs {
		p, err := newPipe(w)
		if err != nil {
			return Exit{}, err
		}
		pipes = append(pipes, p)
	}
	stdin, err := feed(spec.Stdin)
	if err != nil {
		return Exit{}, err
	}
	defer stdin.Close()

	var cmd *exec.Cmd
	var status *os.File
	if s.isolated {
		cmd, status, err = s.isolatedCmd(run, exe, spec, pipes)
	} else {
		cmd, err = plainCmd(run, spec, pipes)
	}
	if err != nil {
		return Exit{}, err
	}
	cmd.Stdin = stdin
	if status != nil {
		defer status.Close()
	}
	return supervise(ctx, cmd, status, pipes, spec.Limits)
}

// privateTmp is the program's temporary folder, HOME and default working
// folder, as it sees it.
const privateTmp = "/tmp"

// isolatedCmd starts this executable as the init of new namespaces, which
// sets up the sandbox and executes the program.
func (s *Sandbox) isolatedCmd(run string, exe *os.File, spec Spec, pipes []*pipe) (*exec.Cmd, *os.File, error) {
	root := filepath.Join(run, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		return nil, nil, err
	}
	dir := spec.Dir
	if dir == "" {
		dir = privateTmp
	}
	mounts := spec.Mounts
	if dynamic(spec.Exe) {
		// The loader and the C library, or the program cannot start.
		mounts = append(System(), mounts...)
	}
	is := initSpec{
		Root: root, Mounts: mounts, Dir: dir, Args: spec.Args,
		Env:     append(spec.Env[:len(spec.Env):len(spec.Env)], "HOME="+privateTmp, "TMPDIR="+privateTmp),
		Outputs: len(spec.Outputs) - 2, Tasks: spec.Limits.Tasks, Disk: spec.Limits.Disk,
	}
	text, err := json.Marshal(is)
	if err != nil {
		return nil, nil, err
	}
	self, err := os.Open(s.self)
	if err != nil {
		return nil, nil, fmt.Errorf("sandbox: opening this executable: %w", err)
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		self.Close()
		return nil, nil, err
	}
	// The init must be the namespace's root to keep its capabilities
	// across its own exec; it takes them from the program before executing
	// it. A root builder's programs are nobody outside, so that the kernel
	// enforces their process limit; root is then mapped too, as the
	// namespace's user 1, so that the init can still reach the builder's
	// folders (capabilities in a namespace apply to the files of its users).
	uids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}}
	gids := []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}}
	if os.Getuid() == 0 && !spec.Owner {
		uids = []syscall.SysProcIDMap{{ContainerID: 0, HostID: nobodyID, Size: 1}, {ContainerID: 1, HostID: 0, Size: 1}}
		gids = []syscall.SysProcIDMap{{ContainerID: 0, HostID: nobodyID, Size: 1}, {ContainerID: 1, HostID: os.Getgid(), Size: 1}}
	}
	cmd := &exec.Cmd{
		// The init is started from its descriptor, which needs no path
		// the init's user can reach.
		Path:       fmt.Sprintf("/proc/self/fd/%d", fdSelf),
		Args:       []string{"gonotes-sandbox"},
		Env:        []string{initEnv + "=" + string(text)},
		Stdout:     pipes[0].w,
		Stderr:     pipes[1].w,
		ExtraFiles: []*os.File{self, statusW, exe},
		SysProcAttr: &syscall.SysProcAttr{
			Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS | syscall.CLONE_NEWPID |
				syscall.CLONE_NEWNET | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS,
			UidMappings: uids,
			GidMappings: gids,
			Credential:  &syscall.Credential{Uid: 0, Gid: 0, NoSetGroups: true},
			Setpgid:     true,
			Pdeathsig:   syscall.SIGKILL,
		},
	}
	for _, p := range pipes[2:] {
		cmd.ExtraFiles = append(cmd.ExtraFiles, p.w)
	}
	return cmd, statusR, nil
}

// plainCmd runs the program as a plain child, for kernels that refuse
// namespaces.
func plainCmd(run string, spec Spec, pipes []*pipe) (*exec.Cmd, error) {
	tmp := filepath.Join(run, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return nil, err
	}
	dir := spec.Dir
	if dir == "" {
		dir = tmp
	}
	cmd := &exec.Cmd{
		Path:        spec.Exe,
		Args:        spec.Args,
		Env:         append(spec.Env[:len(spec.Env):len(spec.Env)], "HOME="+tmp, "TMPDIR="+tmp),
		Dir:         dir,
		Stdout:      pipes[0].w,
		Stderr:      pipes[1].w,
		SysProcAttr: &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL},
	}
	for _, p := range pipes[2:] {
		cmd.ExtraFiles = append(cmd.ExtraFiles, p.w)
	}
	return cmd, nil
}

// feed returns the read end of a pipe that holds data and then ends.
func feed(data []byte) (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	go func() {
		// If the program exits without reading, this fails with EPIPE
		// once the parent's read end is closed.
		w.Write(data)
		w.Close()
	}()
	return r, nil
}

// readStatus waits for the init to execute the program (the status pipe
// closes) or to report why it could not.
func readStatus(status *os.File) error {
	msg, err := io.ReadAll(io.LimitReader(status, 64<<10))
	if err != nil {
		return fmt.Errorf("sandbox: reading the init's status: %w", err)
	}
	if len(msg) > 0 {
		return fmt.Errorf("sandbox: %s", msg)
	}
	return nil
}
