package execute

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gonotes/concurrency/generator/snippet"
)

// Cache keeps results on disk, one JSON file per key, so an unchanged site
// rebuilds without running anything.
type Cache struct {
	dir string
}

// OpenCache returns the cache kept in dir, creating it when needed.
func OpenCache(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("snippet cache: %w", err)
	}
	return &Cache{dir: dir}, nil
}

// cacheFormat changes whenever entry or the key's inputs change meaning.
const cacheFormat = "gonotes-snippet-cache-v3"

// cacheKey hashes everything that can change a snippet's result: the
// program, the options that affect running it, what it expects, the
// versions of the engines and of the generator, and the machine's cores.
func cacheKey(s *snippet.Snippet, v Versions) string {
	o := s.Options
	input := struct {
		Format, Source, Engine        string
		Timeout                       string
		Flags, Allow                  []string
		Vet, Varies, Trace            bool
		Expect, Check                 string
		Unordered                     bool
		Go, Host, Generator, Platform string
		Cores                         int
	}{
		Format: cacheFormat, Source: s.Source, Engine: string(s.EngineOrDefault()),
		Timeout: o.Timeout.String(), Flags: o.Flags, Allow: o.Allow, Vet: o.Vet, Varies: o.Varies, Trace: o.Trace,
		Expect: o.Expect.String(), Check: s.Check.Want, Unordered: s.Check.Unordered,
		Go: v.Go, Host: v.Host, Generator: v.Generator, Platform: v.Platform, Cores: v.Cores,
	}
	b, _ := json.Marshal(input) // a struct of strings and bools always marshals
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

// get returns the cached entry for key; fresh skips the lookup.
func (c *Cache) get(key string, fresh bool) (entry, bool) {
	if c == nil || fresh {
		return entry{}, false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return entry{}, false
	}
	var e entry
	if err := json.Unmarshal(b, &e); err != nil || e.Key != key {
		// A damaged entry, or one copied from another key, is a miss;
		// put will replace it.
		return entry{}, false
	}
	return e, true
}

// put stores an entry, atomically so a concurrent build never reads half of one.
func (c *Cache) put(key string, e entry) error {
	if c == nil {
		return nil
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return &internalError{fmt.Errorf("snippet cache: %w", err)}
	}
	b, err := json.Marshal(e)
	if err != nil {
		return &internalError{fmt.Errorf("snippet cache: %w", err)}
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return &internalError{fmt.Errorf("snippet cache: %w", err)}
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return &internalError{fmt.Errorf("snippet cache: %w", err)}
	}
	if err := os.Rename(tmp.Name(), p); err != nil && !errors.Is(err, fs.ErrExist) {
		os.Remove(tmp.Name())
		return &internalError{fmt.Errorf("snippet cache: %w", err)}
	}
	return nil
}
