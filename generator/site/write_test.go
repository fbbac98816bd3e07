package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree reads every file under dir: slash path to contents, with "/" after
// folder names so empty folders show.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return out
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func siteFiles(extra map[string]string) map[string][]byte {
	files := map[string][]byte{
		Marker:             nil,
		"index.html":       []byte("<h1>Home</h1>"),
		"a/b/deep.html":    []byte("deep"),
		"assets/style.css": []byte("body{}"),
	}
	for k, v := range extra {
		files[k] = []byte(v)
	}
	return files
}

func TestWriteCreates(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "nested", "_site")
	if err := Write(out, siteFiles(nil)); err != nil {
		t.Fatalf("Write: %v", err)
	}
	want := map[string]string{
		Marker:             "",
		"index.html":       "<h1>Home</h1>",
		"a/":               "",
		"a/b/":             "",
		"a/b/deep.html":    "deep",
		"assets/":          "",
		"assets/style.css": "body{}",
	}
	if diff := cmp.Diff(want, tree(t, out)); diff != "" {
		t.Errorf("written tree mismatch (-want +got):\n%s", diff)
	}
	// The site is meant to be served: readable by everyone.
	for _, p := range []string{out, filepath.Join(out, "a", "b")} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm()&0o005 != 0o005 {
			t.Errorf("%s: mode %v, want readable and listable by all (%v)", p, info.Mode(), err)
		}
	}
	if info, err := os.Stat(filepath.Join(out, "index.html")); err != nil || info.Mode().Perm()&0o004 == 0 {
		t.Errorf("index.html not readable by all: %v %v", info.Mode(), err)
	}
	// Nothing but the site is left beside it.
	if diff := cmp.Diff([]string{"_site"}, entries(t, filepath.Dir(out))); diff != "" {
		t.Errorf("folder holding the site mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteReplaces(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "_site")
	if err := Write(out, siteFiles(map[string]string{"old.html": "old", "gone/x.html": "x"})); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	if err := Write(out, siteFiles(map[string]string{"new.html": "new", "index.html": "<h1>Home 2</h1>"})); err != nil {
		t.Fatalf("second Write: %v", err)
	}
	want := map[string]string{
		Marker:             "",
		"index.html":       "<h1>Home 2</h1>",
		"new.html":         "new",
		"a/":               "",
		"a/b/":             "",
		"a/b/deep.html":    "deep",
		"assets/":          "",
		"assets/style.css": "body{}",
	}
	if diff := cmp.Diff(want, tree(t, out)); diff != "" {
		t.Errorf("replaced tree mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"_site"}, entries(t, parent)); diff != "" {
		t.Errorf("folder holding the site mismatch (-want +got):\n%s", diff)
	}
}

func TestWriteIntoEmptyFolder(t *testing.T) {
	out := t.TempDir()
	if err := Write(out, siteFiles(nil)); err != nil {
		t.Fatalf("Write into an empty folder: %v", err)
	}
	if _, ok := tree(t, out)["index.html"]; !ok {
		t.Error("index.html not written")
	}
}

// A site written by Write can be replaced by the next Write, whatever
// files it holds: the folder is marked as ours by Write itself.
func TestWriteTwiceWithoutMarkerInFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "_site")
	files := map[string][]byte{"index.html": []byte("1")}
	if err := Write(out, files); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	if err := Write(out, files); err != nil {
		t.Errorf("second Write refused the folder the first one wrote: %v", err)
	}
}

func TestWriteFailureKeepsPreviousSite(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
	}{
		{"path out of the folder", map[string]string{"../escape.html": "x"}},
		{"absolute path", map[string]string{"/etc/x.html": "x"}},
		{"dot path", map[string]string{".": "x"}},
		{"unclean path, written last", map[string]string{"zzzz/../../escape.html": "x"}},
		{"file where a folder must go", map[string]string{"index.html/x.html": "x"}},
		{"folder where a file must go", map[string]string{"a/b": "x"}},
		{"empty name", map[string]string{"": "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "_site")
			if err := Write(out, siteFiles(map[string]string{"old.html": "previous"})); err != nil {
				t.Fatalf("first Write: %v", err)
			}
			before := tree(t, out)

			files := siteFiles(map[string]string{"new.html": "new", "zzz/last.html": "last"})
			for k, v := range tt.files {
				files[k] = []byte(v)
			}
			if err := Write(out, files); err == nil {
				t.Fatal("Write succeeded, want an error")
			}
			if diff := cmp.Diff(before, tree(t, out)); diff != "" {
				t.Errorf("a failed Write changed the previous site (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff([]string{"_site"}, entries(t, parent)); diff != "" {
				t.Errorf("a failed Write left files beside the site (-want +got):\n%s", diff)
			}
			if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
				t.Error("a file was written outside the site")
			}
		})
	}
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, out string)
		want  string
	}{
		{
			name: "folder with files but no marker",
			setup: func(t *testing.T, out string) {
				mustWrite(t, filepath.Join(out, "notes.txt"), "mine")
			},
			want: "refusing to replace it",
		},
		{
			name: "folder with only a subfolder",
			setup: func(t *testing.T, out string) {
				if err := os.MkdirAll(filepath.Join(out, "src"), 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: "refusing to replace it",
		},
		{
			name: "a file",
			setup: func(t *testing.T, out string) {
				mustWrite(t, out, "not a folder")
			},
			want: "is not a folder",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			tt.setup(t, out)
			before := tree(t, parent)
			err := Write(out, siteFiles(nil))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write: error = %v, want one containing %q", err, tt.want)
			}
			if diff := cmp.Diff(before, tree(t, parent)); diff != "" {
				t.Errorf("a refused Write changed files (-before +after):\n%s", diff)
			}
		})
	}
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckOutput(t *testing.T) {
	root := t.TempDir() // stands for the repository root
	content := filepath.Join(root, "content")
	tests := []struct {
		name string
		out  string
		ok   bool
	}{
		{"the content folder", content, false},
		{"the content folder, written differently", filepath.Join(root, "x", "..", "content") + string(filepath.Separator), false},
		{"the repository root", root, false},
		{"a parent of the repository", filepath.Dir(root), false},
		{"the root of the file system", string(filepath.Separator), false},
		{"a sibling of content", filepath.Join(root, "_site"), true},
		{"a sibling whose name starts like content", filepath.Join(root, "content-site"), true},
		{"a folder elsewhere", filepath.Join(t.TempDir(), "out"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOutput(tt.out, content, root)
			if tt.ok && err != nil {
				t.Errorf("CheckOutput(%s): %v", tt.out, err)
			}
			if !tt.ok && err == nil {
				t.Errorf("CheckOutput(%s) accepted an output folder that would replace the sources", tt.out)
			}
		})
	}
}

func TestCheckOutputRelative(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := CheckOutput("content", "content", "."); err == nil {
		t.Error("CheckOutput(content) with content protected: accepted")
	}
	if err := CheckOutput(".", "content"); err == nil {
		t.Error("CheckOutput(.) with ./content protected: accepted")
	}
	if err := CheckOutput("_site", "content"); err != nil {
		t.Errorf("CheckOutput(_site): %v", err)
	}
}

func TestWriteRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "_site")
	if err := Write(out, siteFiles(nil)); err != nil {
		t.Fatal(err)
	}
	// A build killed before the swap leaves its folder, marked, named with
	// its process id; pid 1 << 30 is never a running process.
	dead := filepath.Join(dir, "._site.new-1073741824-123")
	live := filepath.Join(dir, "._site.new-"+strconv.Itoa(os.Getpid())+"-456")
	unmarked := filepath.Join(dir, "._site.new-1073741824-789")
	for _, d := range []string{dead, live, unmarked} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dead, Marker), nil, 0o644)
	os.WriteFile(filepath.Join(live, Marker), nil, 0o644)
	if err := Write(out, siteFiles(nil)); err != nil {
		t.Fatal(err)
	}
	got := entries(t, dir)
	// ReadDir sorts by name, and where this process's id sorts depends on it.
	want := []string{"._site.new-1073741824-789", "._site.new-" + strconv.Itoa(os.Getpid()) + "-456", "_site"}
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after a build (-want +got):\n%s", diff)
	}
}

func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		os.Mkdir(d, 0o755)
		os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644)
	}
	for name, swap := range map[string]func(a, b string) error{"exchange": exchange, "by renames": exchangeByRenames} {
		if err := swap(a, b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := tree(t, dir); got["a/name"] != "b" || got["b/name"] != "a" || len(got) != 4 {
			t.Errorf("%s: after the swap %v", name, got)
		}
		swap(a, b) // back
	}
}

func TestWriterStreams(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "_site")
	if err := Write(out, siteFiles(nil)); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	w, err := Create(out)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := w.Add("p/"+strconv.Itoa(i)+".html", []byte("x"), "page "+strconv.Itoa(i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.Add("p/3.html", nil, "content/other.md"); err == nil ||
		err.Error() != "content/other.md would write p/3.html, which page 3 writes too; rename one" {
		t.Errorf("a second source of one path: %v", err)
	}
	if n := w.Count(".html"); n != 20 {
		t.Errorf("Count = %d, want 20", n)
	}
	// Until Commit the old site stands; Abort leaves it and nothing else.
	if diff := cmp.Diff(before, tree(t, out)); diff != "" {
		t.Errorf("the old site changed before Commit:\n%s", diff)
	}
	w.Abort()
	if diff := cmp.Diff([]string{"_site"}, entries(t, dir)); diff != "" {
		t.Errorf("after Abort (-want +got):\n%s", diff)
	}
	w, err = Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w.Add("index.html", []byte("new"), "test")
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); got["index.html"] != "new" || got[Marker] != "" || len(got) != 2 {
		t.Errorf("after Commit: %v", got)
	}
}
