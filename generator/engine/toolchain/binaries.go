package toolchain

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/gonotes/concurrency/generator/engine"
)

// keptBuilds is how many built programs are kept for running again; the
// runs that reuse one follow its build closely.
const keptBuilds = 8

// built is one program's build: its module folder and binary, or why
// there is none.
type built struct {
	once  sync.Once
	dir   string
	res   engine.Result // the compile error, when !ok
	ok    bool
	err   error
	users int // runs holding it; it is not removed while any does
}

// binaries keeps the last few builds, by what they were built from.
type binaries struct {
	mu    sync.Mutex
	byKey map[string]*built
	order []string // keys, oldest first
}

// buildKey derives a build's key from what decides the binary.
func buildKey(p Program) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%t\x00%s\x00%s", p.Trace, p.Source, strings.Join(p.Flags, "\x00"))))
	return hex.EncodeToString(sum[:])
}

// get returns the build for key, new or kept, and a function to call when
// done with it.
func (bs *binaries) get(key string) (*built, func()) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.byKey == nil {
		bs.byKey = map[string]*built{}
	}
	b, ok := bs.byKey[key]
	if !ok {
		b = &built{}
		bs.byKey[key] = b
		bs.order = append(bs.order, key)
		bs.evict()
	}
	b.users++
	return b, func() {
		bs.mu.Lock()
		defer bs.mu.Unlock()
		b.users--
		bs.evict()
	}
}

// evict removes the oldest builds beyond keptBuilds that nobody uses; the
// caller holds mu.
func (bs *binaries) evict() {
	for i := 0; len(bs.order) > keptBuilds && i < len(bs.order); {
		key := bs.order[i]
		b := bs.byKey[key]
		if b.users > 0 {
			i++
			continue
		}
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
		delete(bs.byKey, key)
		bs.order = append(bs.order[:i], bs.order[i+1:]...)
	}
}

// close removes every kept build.
func (bs *binaries) close() error {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	var errs []error
	for _, b := range bs.byKey {
		if b.dir != "" {
			errs = append(errs, os.RemoveAll(b.dir))
		}
	}
	bs.byKey, bs.order = nil, nil
	return errors.Join(errs...)
}
