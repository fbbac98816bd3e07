package sandbox

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// treeUsage sums the resident memory (bytes) and counts the tasks
// (threads) of the process pid and all its descendants, from /proc. In a
// PID namespace every process the program starts stays below pid, even
// when its parent has gone, since orphans are adopted by the namespace's
// init. Processes that vanish while being read are skipped.
func treeUsage(pid int) (memory int64, tasks int) {
	page := int64(os.Getpagesize())
	todo := []int{pid}
	seen := map[int]bool{}
	for len(todo) > 0 && len(seen) < 1<<16 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[p] {
			continue
		}
		seen[p] = true
		dir := "/proc/" + strconv.Itoa(p)
		memory += resident(dir) * page
		threads, err := os.ReadDir(dir + "/task")
		if err != nil {
			continue
		}
		tasks += len(threads)
		for _, t := range threads {
			b, err := os.ReadFile(dir + "/task/" + t.Name() + "/children")
			if err != nil {
				continue
			}
			for _, f := range bytes.Fields(b) {
				if c, err := strconv.Atoi(string(f)); err == nil {
					todo = append(todo, c)
				}
			}
		}
	}
	return memory, tasks
}

// resident reads the resident set size, in pages, from a /proc/PID folder.
func resident(dir string) int64 {
	b, err := os.ReadFile(dir + "/statm")
	if err != nil {
		return 0
	}
	// statm is "size resident shared ..." in pages.
	fields := bytes.Fields(b)
	if len(fields) < 2 {
		return 0
	}
	n, _ := strconv.ParseInt(string(fields[1]), 10, 64)
	return n
}

// alive reports whether a process with this id exists.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
