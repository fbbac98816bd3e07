package runner

import (
	"bytes"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// memory reads a process's resident set size from /proc/PID/statm, keeping
// the file open so each look costs one pread.
type memory struct{ fd int }

func openMemory(pid int) memory {
	fd, err := unix.Open("/proc/"+strconv.Itoa(pid)+"/statm", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return memory{fd: -1}
	}
	return memory{fd: fd}
}

// resident returns the resident memory in bytes, or 0 when it cannot tell.
func (m memory) resident() int64 {
	if m.fd < 0 {
		return 0
	}
	var b [128]byte
	n, err := unix.Pread(m.fd, b[:], 0)
	if err != nil || n <= 0 {
		return 0
	}
	// statm is "size resident shared ..." in pages.
	fields := bytes.Fields(b[:n])
	if len(fields) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(fields[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

func (m memory) close() {
	if m.fd >= 0 {
		unix.Close(m.fd)
	}
}
