package browsertest

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// folder writes files (slash path → contents) into a new temporary folder.
func folder(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestServe(t *testing.T) {
	parent := folder(t, map[string]string{
		"secret.txt":          "outside",
		"site/index.html":     "home",
		"site/a/b.html":       "page b",
		"site/a/index.html":   "folder a",
		"site/404.html":       "not found",
		"site/assets/x.css":   "css",
		"site/notes/plain.md": "md",
	})
	srv, err := Serve(filepath.Join(parent, "site"), "/REPO/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	host := strings.TrimSuffix(srv.URL, "REPO/")
	tests := []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "REPO/", 200, "home"},
		{"GET", "REPO/index.html", 200, "home"},
		{"GET", "REPO/a/b.html", 200, "page b"},
		{"GET", "REPO/a/", 200, "folder a"},
		{"HEAD", "REPO/assets/x.css", 200, ""},
		{"GET", "REPO/a/b/c/missing", 404, "not found"},
		{"GET", "REPO/../secret.txt", 404, "not found"},
		{"GET", "REPO/%2e%2e/secret.txt", 404, "not found"},
		{"GET", "index.html", 404, "not found"},
		{"POST", "REPO/", 405, "only GET and HEAD\n"},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, host+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = "/" + tt.path // keep ../ and %2e as sent
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || string(body) != tt.body {
			t.Errorf("%s /%s: %d %q, want %d %q", tt.method, tt.path, resp.StatusCode, body, tt.status, tt.body)
		}
	}
}

// browser starts a browser for one test.
func browser(t *testing.T) *Browser {
	t.Helper()
	b, err := Start(Require(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

func TestTabRecordsProblems(t *testing.T) {
	dir := folder(t, map[string]string{
		"clean.html": `<!doctype html><title>clean</title><p>fine</p><script>console.log("just a log")</script>`,
		"broken.html": `<!doctype html><title>broken</title>
<img src="missing.png" alt="gone">
<script src="missing.js"></script>
<script>console.error("logged error"); undefinedFunction();</script>`,
	})
	srv, err := Serve(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	tab, err := browser(t).NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()

	if err := tab.Open(srv.URL + "broken.html"); err != nil {
		t.Fatal(err)
	}
	problems := strings.Join(tab.Problems(), "\n")
	for _, want := range []string{"logged error", "undefinedFunction", "404 " + srv.URL + "missing.png", "404 " + srv.URL + "missing.js"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems of broken.html lack %q:\n%s", want, problems)
		}
	}
	if err := tab.Open(srv.URL + "clean.html"); err != nil {
		t.Fatal(err)
	}
	if p := tab.Problems(); len(p) > 0 {
		t.Errorf("clean.html, opened after broken.html, has problems: %v", p)
	}
	if got, err := Eval[string](tab, `document.title`); err != nil || got != "clean" {
		t.Errorf("Eval(document.title) = %q, %v", got, err)
	}
}

func TestAxe(t *testing.T) {
	dir := folder(t, map[string]string{
		"page.html": `<!doctype html><html lang="en"><title>t</title><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">` +
			`<button></button></main></html>`,
	})
	cache, err := filepath.Abs(filepath.Join("..", "..", ".cache"))
	if err != nil {
		t.Fatal(err)
	}
	axe, err := InstallAxe(cache)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := browser(t).NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	if err := tab.Open("file://" + filepath.ToSlash(filepath.Join(dir, "page.html"))); err != nil {
		t.Fatal(err)
	}
	vs, err := tab.Axe(axe)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "button-name"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe found %v, not %s", ids, want)
		}
	}
}
