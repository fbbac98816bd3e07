package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gonotes/concurrency/assets"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden site in testdata/site")

// readTree reads every file under dir: slash path to contents.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return out
}

func names(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// workspace copies testdata/content into a temporary folder and makes it the
// working directory, so errors name content/x.md as they do for an author.
// It returns the folder. The user's cache folder is a temporary one too.
func workspace(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("testdata", "content"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Keep the snippet cache out of the user's cache folder.
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

// generate runs the generator and returns its exit code and what it printed.
func generate(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	// The playground builds from the generator's own source, which the
	// temporary workspace is outside of; its own tests build it.
	code := run(append([]string{"-playground=false"}, args...), &stderr)
	return code, stderr.String()
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copiedAssets are the site files that are the generator's assets, copied
// unchanged; they are compared with the assets, not kept in the golden site.
func copiedAssets(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets.FS, p)
		out["assets/"+p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBuild builds testdata/content and compares the site with the golden
// tree testdata/site (go test -update rewrites it). The assets copied
// unchanged are compared with the assets themselves.
func TestBuild(t *testing.T) {
	golden, err := filepath.Abs(filepath.Join("testdata", "site"))
	if err != nil {
		t.Fatal(err)
	}
	dir := workspace(t)
	code, stderr := generate(t, "-content", "content", "-out", "out")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	got := readTree(t, filepath.Join(dir, "out"))

	for p, want := range copiedAssets(t) {
		if got[p] != want {
			t.Errorf("%s differs from the asset it copies", p)
		}
		delete(got, p)
	}

	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for p, b := range got {
			writeFile(t, filepath.Join(golden, filepath.FromSlash(p)), b)
		}
		return
	}
	want := readTree(t, golden)
	if diff := cmp.Diff(names(want), names(got)); diff != "" {
		t.Errorf("files of the site mismatch (-want +got; go test -update to accept):\n%s", diff)
	}
	for _, p := range names(want) {
		if g, ok := got[p]; ok && g != want[p] {
			t.Errorf("%s differs from testdata/site (-want +got; go test -update to accept):\n%s", p, cmp.Diff(want[p], g))
		}
	}
}

// TestBuildSite checks what a reader of the built site would check, so a
// careless -update cannot hide it.
func TestBuildSite(t *testing.T) {
	dir := workspace(t)
	if code, stderr := generate(t, "-content", "content", "-out", "out"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	site := readTree(t, filepath.Join(dir, "out"))
	want := []string{
		".nojekyll", "404.html", "assets/chroma.css", "assets/concurrency-vs-parallelism.svg", "assets/favicon.svg",
		"assets/fzstd.js", "assets/playground-loader.js", "assets/playground-worker.js", "assets/playground.css", "assets/playground.js",
		"assets/search-index.js", "assets/search.js", "assets/site.js", "assets/style.css", "assets/toc.js",
		"channels.html", "goroutines.html", "img/gopher.svg", "index.html", "more/select.html", "robots.txt",
	}
	if diff := cmp.Diff(want, names(site)); diff != "" {
		t.Errorf("files of the site mismatch (-want +got):\n%s", diff)
	}
	checks := []struct{ page, want string }{
		{"index.html", `<a href="goroutines.html">goroutines</a>`},
		{"goroutines.html", `<img src="img/gopher.svg" alt="A gopher starting a goroutine">`},
		{"goroutines.html", `<figcaption>One gopher, two goroutines</figcaption>`},
		{"goroutines.html", `<a href="channels.html#sending">channels</a>`},
		{"goroutines.html", `<figcaption class="snippet-title">main.go</figcaption>`},
		{"channels.html", `<img src="assets/favicon.svg" alt="The site icon">`},
		{"channels.html", `<a href="more/select.html">select lesson</a>`},
		{"more/select.html", `<a href="../goroutines.html#starting-one">goroutines</a>`},
		{"more/select.html", `<img src="../img/gopher.svg" alt="A gopher">`},
		{"more/select.html", `<link rel="stylesheet" href="../assets/style.css">`},
	}
	for _, c := range checks {
		if !strings.Contains(site[c.page], c.want) {
			t.Errorf("%s lacks %s", c.page, c.want)
		}
	}
	for p, b := range site {
		if strings.Contains(b, "Not yet") || strings.Contains(p, "draft") {
			t.Errorf("the draft reached the site in %s", p)
		}
	}
	if _, ok := site["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without -base-url")
	}
}

func TestBuildBaseURL(t *testing.T) {
	dir := workspace(t)
	if code, stderr := generate(t, "-content", "content", "-out", "out", "-base-url", "https://gonotes.github.io/concurrency/"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	sitemap := readTree(t, filepath.Join(dir, "out"))["sitemap.xml"]
	for _, want := range []string{
		"<loc>https://gonotes.github.io/concurrency/</loc>",
		"<loc>https://gonotes.github.io/concurrency/more/select.html</loc>",
	} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml lacks %s:\n%s", want, sitemap)
		}
	}
}

func TestBuildIsReproducible(t *testing.T) {
	dir := workspace(t)
	for _, out := range []string{"out1", "out2"} {
		if code, stderr := generate(t, "-content", "content", "-out", out); code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
	}
	first := readTree(t, filepath.Join(dir, "out1"))
	if diff := cmp.Diff(first, readTree(t, filepath.Join(dir, "out2"))); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
	// Building again over a site replaces it with the same files.
	if code, stderr := generate(t, "-content", "content", "-out", "out1"); code != 0 {
		t.Fatalf("rebuild: exit %d:\n%s", code, stderr)
	}
	if diff := cmp.Diff(first, readTree(t, filepath.Join(dir, "out1"))); diff != "" {
		t.Errorf("a rebuild differs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"content", "out1", "out2"}, dirNames(t, dir)); diff != "" {
		t.Errorf("files beside the sites mismatch (-want +got):\n%s", diff)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestFailedBuild breaks the content in several files and checks that every
// problem is reported at its line and the previous site is left alone.
func TestFailedBuild(t *testing.T) {
	dir := workspace(t)
	if code, stderr := generate(t, "-content", "content", "-out", "out"); code != 0 {
		t.Fatalf("first build: exit %d:\n%s", code, stderr)
	}
	before := readTree(t, filepath.Join(dir, "out"))

	writeFile(t, "content/05-broken.md", `# Broken

Text.
![A chart](chart.png)

See [nothing](06-nothing.md).
`)
	writeFile(t, "content/more/06-also.md", "---\ntitle: Also\ncolour: red\n---\n\n```go colour=red\nx\n```\n")
	code, stderr := generate(t, "-content", "content", "-out", "out")
	if code == 0 {
		t.Fatalf("a broken build exited 0:\n%s", stderr)
	}
	for _, want := range []string{
		"content/05-broken.md:4: image \"chart.png\": no such file",
		"content/05-broken.md:6: link to lesson \"06-nothing.md\": there is no content/06-nothing.md",
		"content/more/06-also.md:3: front matter: ",
		"content/more/06-also.md:6: unknown option \"colour\"",
		"build failed; out was left as it was",
	} {
		if !hasLine(stderr, want) {
			t.Errorf("output has no line starting with %q:\n%s", want, stderr)
		}
	}
	if diff := cmp.Diff(before, readTree(t, filepath.Join(dir, "out"))); diff != "" {
		t.Errorf("a failed build changed the previous site (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"content", "out"}, dirNames(t, dir)); diff != "" {
		t.Errorf("a failed build left files beside the site (-want +got):\n%s", diff)
	}
}

func hasLine(out, prefix string) bool {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func TestFailedBuildWithoutPreviousSite(t *testing.T) {
	dir := workspace(t)
	writeFile(t, "content/05-broken.md", "# Broken\n\n![A chart](chart.png)\n")
	if code, stderr := generate(t, "-content", "content", "-out", "out"); code == 0 {
		t.Fatalf("a broken build exited 0:\n%s", stderr)
	}
	if diff := cmp.Diff([]string{"content"}, dirNames(t, dir)); diff != "" {
		t.Errorf("a failed build wrote files (-want +got):\n%s", diff)
	}
}

func TestLinkToDraft(t *testing.T) {
	workspace(t)
	writeFile(t, "content/05-early.md", "# Early\n\nRead [the draft](04-draft.md).\n")
	code, stderr := generate(t, "-content", "content", "-out", "out")
	if code == 0 {
		t.Fatalf("a link to a draft built:\n%s", stderr)
	}
	want := `content/05-early.md:3: link to lesson "04-draft.md": it is a draft, so it is not in the site`
	if !hasLine(stderr, want) {
		t.Errorf("output has no line %q:\n%s", want, stderr)
	}
}

func TestHelp(t *testing.T) {
	code, stderr := generate(t, "-h")
	if code != 0 {
		t.Errorf("-h: exit %d, want 0", code)
	}
	for _, want := range []string{
		"Usage:",
		"-content", "folder of Markdown lessons",
		"-out", "replaced only when the build succeeds",
		"-base-url", "sitemap.xml",
		"-edit-url", "Edit this page",
		"-j", "programs run at once", "-cpuprofile",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("-h output lacks %q:\n%s", want, stderr)
		}
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-j", "0"}, "-j must be at least 1"},
		{[]string{"-base-url", "example.github.io/repo"}, "want an absolute http(s) URL"},
		{[]string{"-edit-url", "github.com/u/r/edit/main/content/"}, "want an absolute http(s) URL"},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{"-content", "content", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := workspace(t)
			code, stderr := generate(t, append(tt.args, "-out", "out")...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, stderr)
			}
			if diff := cmp.Diff([]string{"content"}, dirNames(t, dir)); diff != "" {
				t.Errorf("bad flags wrote files (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutputProtectsSources checks that -out never names a folder that holds
// the sources: the build is refused and nothing is touched.
func TestOutputProtectsSources(t *testing.T) {
	tests := []struct {
		name string
		out  string
	}{
		{"the content folder", "content"},
		{"the content folder, written differently", "./content/"},
		{"the folder holding content", "."},
		{"the repository root", "repo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := workspace(t)
			content, args := "content", []string{"-content", "content", "-out", tt.out}
			if tt.out == "repo" {
				// A repository with the content one level down.
				writeFile(t, "repo/go.mod", "module example.com/site\n")
				if err := os.MkdirAll("repo/lessons", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename("content", "repo/lessons/content"); err != nil {
					t.Fatal(err)
				}
				content = "repo"
				args = []string{"-content", "repo/lessons/content", "-out", "repo"}
			}
			before := readTree(t, filepath.Join(dir, content))
			code, stderr := generate(t, args...)
			if code == 0 {
				t.Fatalf("-out %s accepted:\n%s", tt.out, stderr)
			}
			if !strings.Contains(stderr, "choose another -out") {
				t.Errorf("output does not say why:\n%s", stderr)
			}
			if diff := cmp.Diff(before, readTree(t, filepath.Join(dir, content))); diff != "" {
				t.Errorf("the sources changed (-before +after):\n%s", diff)
			}
		})
	}
}
