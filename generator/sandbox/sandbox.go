// Package sandbox runs a program natively, isolated from the machine that
// builds the site. Every native run goes through it: a snippet's binary
// (engine=go), the go command that builds or vets it, and the generator
// itself re-executed to interpret a snippet with yaegi.
//
// # Isolation
//
// On Linux the program starts in fresh user, mount, PID, network, IPC and
// UTS namespaces, made with SysProcAttr when the process is cloned; no
// helper binary such as bubblewrap is needed. A small init (this same
// executable, see MaybeInit) runs first inside them and, while it still has
// capabilities in the new user namespace, builds the program's view of the
// file system:
//
//   - a new root on a tmpfs that is read-only once built, holding only
//     /tmp (a private, size-limited tmpfs, also HOME and the working folder),
//     /dev/null, zero, full, random and urandom, a /proc of its own PID
//     namespace (where the kernel allows mounting one), and the host paths
//     the Spec names, read-only unless marked writable;
//   - pivot_root into it, so nothing else of the host is reachable.
//
// Then it sets resource limits, turns on no_new_privs, brings up the
// namespace's own loopback interface (there is no other network) and
// executes the program from a file descriptor, so the program's path need
// not be visible. The program runs as an unprivileged user of the
// namespace: the exec drops every capability. When the builder is root,
// programs run as nobody (65534) outside the namespace, so that the kernel
// enforces the process limit, except the go command (Spec.Owner), which
// writes the builder's build cache.
//
// The parent enforces the limits of the whole process tree: wall-clock
// time, resident memory and the number of tasks (processes and threads),
// summed over the tree every 20 ms from /proc (cgroups are not used: cgroup
// v2 is often not writable, and on this project's build machines it is a
// hybrid v1 setup). Breaking a limit, or the context ending, kills the
// PID namespace's init, which makes the kernel kill everything in it: a
// program cannot leave a process behind, even one that called setsid.
// The init also dies with the parent (PR_SET_PDEATHSIG).
//
// # Without namespaces
//
// Where the kernel refuses (not Linux, unprivileged user namespaces turned
// off, a locked-down container), New returns a Sandbox that is not Isolated
// and says why; programs then run as plain children in their own process
// group, with the same fixed environment, working folder and limits, but
// see the builder's file system and network. The generator says so once
// when it starts.
package sandbox

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Limits bound what a program and everything it starts may use.
type Limits struct {
	Timeout time.Duration // wall clock from start to exit
	Memory  int64         // resident memory of the whole process tree, in bytes
	Tasks   int           // processes and threads of the whole tree
	Disk    int64         // size of the private /tmp, in bytes
}

// Mount makes a host path visible inside the sandbox at the same path.
type Mount struct {
	Path     string
	Writable bool
}

// Spec is one program to run.
type Spec struct {
	Exe  string   // host path of the executable; the parent opens it
	Args []string // the program's argv, Args[0] included
	// Env is the program's whole environment, besides HOME and TMPDIR,
	// which name its private temporary folder.
	Env []string
	// Dir is the working folder, a Mounts path; empty means the private
	// temporary folder.
	Dir   string
	Stdin []byte
	// Outputs receive what the program writes to file descriptors 1, 2,
	// 3 and so on, one pipe each. A Write that returns an error stops the
	// program, which then ends with OutputFull.
	Outputs []io.Writer
	// Mounts are host paths to show; a dynamically linked program also
	// gets the System paths.
	Mounts []Mount
	// Owner runs the program as the builder's own user, which the go
	// command needs to write the builder's build cache; otherwise a root
	// builder's programs run as nobody.
	Owner  bool
	Limits Limits
}

// Reason says why a program stopped.
type Reason int

// The reasons a program stops.
const (
	Exited     Reason = iota // by itself
	Timeout                  // killed at the wall-clock limit
	Memory                   // killed at the memory limit
	Tasks                    // killed at the task limit
	OutputFull               // killed because an output refused more
	Canceled                 // killed because the context was done
)

// Exit is how a program ended.
type Exit struct {
	Reason Reason
	// Code is the exit status, or -1 when a signal ended the program.
	Code int
	// State is how the go command describes the end of a program: "exit
	// status 3", or "signal: killed".
	State string
}

// Sandbox runs programs, isolated when the kernel allows it.
type Sandbox struct {
	self     string // this executable, which serves as the init
	isolated bool
	why      string // why not isolated
}

// Isolated reports whether programs run in their own namespaces, and if
// not, why.
func (s *Sandbox) Isolated() (bool, string) { return s.isolated, s.why }

// tempPrefix starts the names of the folders runs use in the system's
// temporary folder; the process id after it lets a later build remove what
// a killed one left behind.
const tempPrefix = "gonotes-"

// TempDir makes a folder for one run under the system's temporary folder,
// with symbolic links resolved so that paths the program and the toolchain
// print match it. The caller removes it.
func TempDir() (string, error) {
	dir, err := os.MkdirTemp("", tempPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", fmt.Errorf("making a temporary folder: %w", err)
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return dir, nil
}

// RemoveStale removes the temporary folders of runs whose process is gone,
// as when a build was killed; it reports what it could not remove.
func RemoveStale() error {
	entries, err := os.ReadDir(os.TempDir())
	if err != nil {
		return nil // nothing to clean where nothing can be listed
	}
	var errs []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), tempPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(os.TempDir(), e.Name())); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("removing what earlier runs left in %s: %s", os.TempDir(), strings.Join(errs, "; "))
	}
	return nil
}
