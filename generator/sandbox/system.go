package sandbox

import (
	"debug/elf"
	"os"
)

// SystemPaths are what the C toolchain and the dynamic loader need:
// programs and libraries, shown read-only to a dynamically linked program
// (a -race binary, a generator built with cgo) and to the go command.
var SystemPaths = []string{"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/alternatives", "/etc/ld.so.cache"}

// System returns mounts of the SystemPaths this machine has.
func System() []Mount {
	var mounts []Mount
	for _, p := range SystemPaths {
		if _, err := os.Lstat(p); err == nil {
			mounts = append(mounts, Mount{Path: p})
		}
	}
	return mounts
}

// dynamic reports whether the executable at path needs the dynamic loader.
func dynamic(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}
