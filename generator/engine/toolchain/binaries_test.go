package toolchain

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestBinariesKeepTheLastFew(t *testing.T) {
	var bs binaries
	dirs := map[string]string{}
	held, holdRelease := bs.get("held")
	held.dir = t.TempDir()
	for i := range keptBuilds + 3 {
		key := strconv.Itoa(i)
		b, release := bs.get(key)
		b.dir = filepath.Join(t.TempDir(), key)
		os.Mkdir(b.dir, 0o755)
		dirs[key] = b.dir
		release()
	}
	if _, err := os.Stat(held.dir); err != nil {
		t.Errorf("a build in use was removed: %v", err)
	}
	for i := range keptBuilds + 3 {
		key := strconv.Itoa(i)
		_, err := os.Stat(dirs[key])
		if kept := err == nil; kept != (i >= 4) {
			t.Errorf("build %d kept = %v", i, kept)
		}
	}
	holdRelease()
	if again, release := bs.get("10"); again.dir != dirs["10"] {
		t.Errorf("a kept build was not found again")
	} else {
		release()
	}
	if err := bs.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dirs["10"]); err == nil {
		t.Error("close left a build")
	}
}
