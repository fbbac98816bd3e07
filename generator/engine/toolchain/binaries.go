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

// keptBuilds is how many built programs are kept for running: those
// Prepare built ahead for the lessons being worked on, and the last few
// run, which verification may run again soon.
const keptBuilds = 64

// built is one program's build: where its source was and its binary is,
// or why there is none.
type built struct {
	once  sync.Once
	src   string        // the folder of main.go when it was built, which traces name
	prog  string        // the binary
	own   string        // a folder of its own, removed with it; "" for Prepare's
	res   engine.Result // the compile error, when !ok
	ok    bool
	err   error
	users int // runs holding it; it is not removed while any does
}

// remove removes what the build left on disk.
func (b *built) remove() error {
	if b.own != "" {
		return os.RemoveAll(b.own)
	}
	if b.prog != "" {
		return os.Remove(b.prog)
	}
	return nil
}

// binaries keeps builds, by what they were built from.
type binaries struct {
	mu     sync.Mutex
	byKey  map[string]*built
	order  []string // keys, oldest first
	groups []string // Prepare's module folders, removed by close
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
		b.remove()
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
		errs = append(errs, b.remove())
	}
	for _, g := range bs.groups {
		errs = append(errs, os.RemoveAll(g))
	}
	bs.byKey, bs.order, bs.groups = nil, nil, nil
	return errors.Join(errs...)
}

// has reports whether key has a build, done or under way.
func (bs *binaries) has(key string) bool {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	_, ok := bs.byKey[key]
	return ok
}

// add keeps builds that Prepare made in the module folder group.
func (bs *binaries) add(group string, builds map[string]*built) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.byKey == nil {
		bs.byKey = map[string]*built{}
	}
	bs.groups = append(bs.groups, group)
	for key, b := range builds {
		if _, ok := bs.byKey[key]; ok {
			continue
		}
		b.once.Do(func() {}) // built already
		bs.byKey[key] = b
		bs.order = append(bs.order, key)
	}
	bs.evict()
}
