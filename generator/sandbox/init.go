package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The environment variables that turn this executable into the init of a
// sandbox, or into the probe New runs to see whether namespaces work.
const (
	initEnv  = "GONOTES_SANDBOX_INIT"
	probeEnv = "GONOTES_SANDBOX_PROBE"
)

// The file descriptors the parent hands the init. The program's own
// outputs beyond stderr follow them and are moved down to 3, 4, ... before
// the program starts.
const (
	fdSelf   = 3 // this executable, which the init was started from
	fdStatus = 4 // write end of a pipe: an error, if the init fails
	fdExe    = 5 // the program to execute
	fdFirst  = 6 // the program's fd 3
)

// initSpec is what the parent tells the init, in initEnv.
type initSpec struct {
	Root    string   // an empty host folder to mount the new root on
	Mounts  []Mount  // host paths to show, at the same paths
	Dir     string   // working folder of the program
	Args    []string // its argv
	Env     []string // its environment
	Outputs int      // pipes beyond stdout and stderr
	Tasks   int      // RLIMIT_NPROC
	Disk    int64    // size of /tmp, and RLIMIT_FSIZE
}

// init makes this process a sandbox's init as early as Go allows, before
// the packages that sort after this one and wait for others (regexp, and
// everything built on it: the highlighter's lexers and styles, the
// interpreter) are initialized. Go initializes ready packages in the order
// of their import paths, and this package needs few. An init then costs
// milliseconds, not the tens that initializing the whole generator takes,
// and every sandboxed run starts one (TestInitStartsEarly in package
// runner keeps it so).
func init() { MaybeInit() }

// MaybeInit makes this process the init of a sandbox, if the parent
// started it as one: it builds the program's view of the system and
// executes the program in its place, never returning. Otherwise it returns
// at once. Every binary that runs programs through a Sandbox must call it
// first thing in main (and in TestMain).
func MaybeInit() {
	if os.Getenv(probeEnv) != "" {
		os.Exit(0) // the program New runs: reaching here is the answer
	}
	spec := os.Getenv(initEnv)
	if spec == "" {
		return
	}
	// Capabilities and no_new_privs belong to a thread; the one that
	// sets them must be the one that executes the program.
	runtime.LockOSThread()
	status, err := unix.FcntlInt(fdStatus, unix.F_DUPFD_CLOEXEC, 100)
	if err != nil {
		os.Exit(126)
	}
	err = initAndExec(spec)
	unix.Write(status, []byte(err.Error()))
	os.Exit(127)
}

// initAndExec sets up the sandbox and executes the program; it returns
// only on failure.
func initAndExec(specText string) error {
	var s initSpec
	if err := json.Unmarshal([]byte(specText), &s); err != nil {
		return fmt.Errorf("reading the spec: %w", err)
	}
	exe, err := unix.FcntlInt(fdExe, unix.F_DUPFD_CLOEXEC, 100)
	if err != nil {
		return fmt.Errorf("keeping the program's descriptor: %w", err)
	}
	if err := buildRoot(s); err != nil {
		return err
	}
	if err := unix.Sethostname([]byte("sandbox")); err != nil {
		return fmt.Errorf("setting the host name: %w", err)
	}
	if err := loopbackUp(); err != nil {
		return err
	}
	for _, l := range []struct {
		res int
		max uint64
	}{
		{unix.RLIMIT_NPROC, uint64(s.Tasks)},
		{unix.RLIMIT_FSIZE, uint64(s.Disk)},
		{unix.RLIMIT_CORE, 0},
	} {
		if err := unix.Setrlimit(l.res, &unix.Rlimit{Cur: l.max, Max: l.max}); err != nil {
			return fmt.Errorf("setting resource limit %d: %w", l.res, err)
		}
	}
	if err := unix.Chdir(s.Dir); err != nil {
		return fmt.Errorf("entering %s: %w", s.Dir, err)
	}
	if err := dropCapabilities(); err != nil {
		return err
	}
	for i := range s.Outputs {
		if err := unix.Dup3(fdFirst+i, 3+i, 0); err != nil {
			return fmt.Errorf("passing output %d: %w", i, err)
		}
	}
	// Nothing else of the init's may reach the program.
	if _, _, e := unix.Syscall(unix.SYS_CLOSE_RANGE, uintptr(3+s.Outputs), ^uintptr(0), unix.CLOSE_RANGE_CLOEXEC); e != 0 {
		return fmt.Errorf("closing descriptors: %w", e)
	}
	return execFD(exe, s.Args, s.Env)
}

// buildRoot mounts the program's root file system and pivots into it.
func buildRoot(s initSpec) error {
	// Mounts made here must not propagate back to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %w", err)
	}
	root := s.Root
	if err := unix.Mount("tmpfs", root, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, "mode=0755,size=1m"); err != nil {
		return fmt.Errorf("mounting the new root: %w", err)
	}
	for _, d := range []string{"tmp", "dev", "proc"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			return err
		}
	}
	tmpOpts := fmt.Sprintf("mode=1777,size=%d", s.Disk)
	if err := unix.Mount("tmpfs", filepath.Join(root, "tmp"), "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, tmpOpts); err != nil {
		return fmt.Errorf("mounting /tmp: %w", err)
	}
	for _, dev := range []string{"null", "zero", "full", "random", "urandom"} {
		if err := bind(root, Mount{Path: "/dev/" + dev, Writable: true}); err != nil {
			return err
		}
	}
	mounts := slices.Clone(s.Mounts)
	slices.SortFunc(mounts, func(a, b Mount) int { return strings.Compare(a.Path, b.Path) })
	for i, m := range mounts {
		// A path inside one already shown is shown with it.
		if i > 0 && within(m.Path, mounts[:i]) {
			continue
		}
		if err := bind(root, m); err != nil {
			return err
		}
	}
	// A proc of the new PID namespace shows the sandbox's own processes
	// only; the race detector's runtime reads /proc/self/maps. Kernels
	// refuse it where the host's /proc is partly hidden; programs then go
	// without.
	_ = unix.Mount("proc", filepath.Join(root, "proc"), "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "")

	if err := unix.Chdir(root); err != nil {
		return fmt.Errorf("entering the new root: %w", err)
	}
	// pivot_root(".", ".") stacks the old root under the new one, where a
	// lazy unmount removes it: no folder for it is needed.
	if err := unix.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := unix.Unmount(".", unix.MNT_DETACH); err != nil {
		return fmt.Errorf("detaching the host's root: %w", err)
	}
	if err := unix.Chdir("/"); err != nil {
		return err
	}
	if err := unix.Mount("", "/", "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY|unix.MS_NOSUID|unix.MS_NODEV, ""); err != nil {
		return fmt.Errorf("making the new root read-only: %w", err)
	}
	return nil
}

// within reports whether p is one of mounts or inside one of them.
func within(p string, mounts []Mount) bool {
	for _, m := range mounts {
		if p == m.Path || strings.HasPrefix(p, strings.TrimSuffix(m.Path, "/")+"/") {
			return true
		}
	}
	return false
}

// bind shows the host path m.Path at the same path under root. A symbolic
// link (such as /lib -> usr/lib) is recreated rather than followed.
func bind(root string, m Mount) error {
	info, err := os.Lstat(m.Path)
	if err != nil {
		return fmt.Errorf("showing %s: %w", m.Path, err)
	}
	target := filepath.Join(root, m.Path)
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		link, err := os.Readlink(m.Path)
		if err != nil {
			return err
		}
		return os.Symlink(link, target)
	case info.IsDir():
		err = os.Mkdir(target, 0o755)
	default:
		err = os.WriteFile(target, nil, 0o644)
	}
	if err != nil {
		return err
	}
	if err := unix.Mount(m.Path, target, "", unix.MS_BIND, ""); err != nil {
		// A folder with mounts inside can only be shown with them.
		if !errors.Is(err, unix.EINVAL) {
			return fmt.Errorf("showing %s: %w", m.Path, err)
		}
		if err := unix.Mount(m.Path, target, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("showing %s: %w", m.Path, err)
		}
	}
	if m.Writable {
		return nil
	}
	// A remount must keep the flags the host mount has locked.
	var st unix.Statfs_t
	if err := unix.Statfs(target, &st); err != nil {
		return err
	}
	flags := uintptr(unix.MS_REMOUNT | unix.MS_BIND | unix.MS_RDONLY | unix.MS_NOSUID | unix.MS_NODEV)
	for _, f := range []struct{ st, ms uintptr }{
		{unix.ST_NOEXEC, unix.MS_NOEXEC},
		{unix.ST_NOATIME, unix.MS_NOATIME},
		{unix.ST_NODIRATIME, unix.MS_NODIRATIME},
		{unix.ST_RELATIME, unix.MS_RELATIME},
	} {
		if uintptr(st.Flags)&f.st != 0 {
			flags |= f.ms
		}
	}
	if err := unix.Mount("", target, "", flags, ""); err != nil {
		return fmt.Errorf("making %s read-only: %w", m.Path, err)
	}
	return nil
}

// dropCapabilities makes sure the program gets no capability when the
// init, the namespace's root, executes it: with SECBIT_NOROOT, executing a
// program as root no longer grants capabilities; the bounding set is
// emptied as well, and no_new_privs keeps it so. All of it is per thread,
// hence the locked thread.
func dropCapabilities() error {
	// From linux/securebits.h: NOROOT, NOROOT_LOCKED, NO_CAP_AMBIENT_RAISE
	// and NO_CAP_AMBIENT_RAISE_LOCKED.
	const bits = 1<<0 | 1<<1 | 1<<6 | 1<<7
	if err := unix.Prctl(unix.PR_SET_SECUREBITS, uintptr(bits), 0, 0, 0); err != nil {
		return fmt.Errorf("setting securebits: %w", err)
	}
	for c := 0; ; c++ {
		if err := unix.Prctl(unix.PR_CAPBSET_DROP, uintptr(c), 0, 0, 0); err != nil {
			if errors.Is(err, unix.EINVAL) && c > 0 {
				break // past the last capability this kernel knows
			}
			return fmt.Errorf("dropping capability %d: %w", c, err)
		}
	}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("setting no_new_privs: %w", err)
	}
	return nil
}

// loopbackUp brings up the namespace's own loopback interface, so a
// program can talk to itself; it reaches nothing else.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("loopback: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return fmt.Errorf("loopback: %w", err)
	}
	ifr.SetUint16(unix.IFF_UP | unix.IFF_LOOPBACK | unix.IFF_RUNNING)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("loopback: %w", err)
	}
	return nil
}

// execFD executes the program open at fd, which need not be reachable by
// any path in the new root.
func execFD(fd int, args, env []string) error {
	argv, err := syscall.SlicePtrFromStrings(args)
	if err != nil {
		return err
	}
	envv, err := syscall.SlicePtrFromStrings(env)
	if err != nil {
		return err
	}
	empty, err := unix.BytePtrFromString("")
	if err != nil {
		return err
	}
	_, _, e := unix.Syscall6(unix.SYS_EXECVEAT, uintptr(fd), uintptr(unsafe.Pointer(empty)),
		uintptr(unsafe.Pointer(&argv[0])), uintptr(unsafe.Pointer(&envv[0])), unix.AT_EMPTY_PATH, 0)
	return fmt.Errorf("executing the program: %w", e)
}
