package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const secret = "NOT PART OF THE SITE"

// testSite writes a small site beside a folder that must never be served,
// and returns the site folder.
func testSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site/index.html":       "<!doctype html><html><body><h1>Home</h1></body></html>",
		"site/404.html":         "<!doctype html><html><body><h1>Page not found</h1></body></html>",
		"site/sub/index.html":   "<!doctype html><html><body><h1>Sub</h1></body></html>",
		"site/sub/page.html":    "<p>no body tag",
		"site/assets/style.css": "body { color: black }",
		"site/empty/.keep":      "",
		"secret/secret.txt":     secret,
		"site-other/index.html": secret, // shares a prefix with "site"
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"site/out":       "../secret",                             // a folder outside
		"site/out.txt":   "../secret/secret.txt",                  // a file outside
		"site/abs.txt":   filepath.Join(dir, "secret/secret.txt"), // absolute
		"site/home.html": "index.html",                            // inside: allowed
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	// Opening a pipe to read it would wait for a writer forever.
	if err := syscall.Mkfifo(filepath.Join(dir, "site", "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "site")
}

func TestHandler(t *testing.T) {
	site := testSite(t)
	rl := newReloader("b-1")
	h := newHandler(site, rl)
	const tag = `<script src="/__serve/reload.js" data-build="b-1"></script>`
	tests := []struct {
		method, target string
		status         int
		body           string // the whole body, when not empty
		contains       string
		header         [2]string // a header and its value
	}{
		{method: "GET", target: "/", status: 200, body: "<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>"},
		{method: "GET", target: "/index.html", status: 200, contains: "<h1>Home</h1>" + tag},
		{method: "GET", target: "/home.html", status: 200, contains: "<h1>Home</h1>"},
		{method: "GET", target: "/sub/", status: 200, contains: "<h1>Sub</h1>" + tag},
		{method: "GET", target: "/sub", status: 301, header: [2]string{"Location", "/sub/"}},
		{method: "GET", target: "/sub?x=1", status: 301, header: [2]string{"Location", "/sub/?x=1"}},
		{method: "GET", target: "/sub/page.html", status: 200, body: "<p>no body tag" + tag},
		{method: "GET", target: "/assets/style.css", status: 200, body: "body { color: black }", header: [2]string{"Content-Type", "text/css; charset=utf-8"}},
		{method: "GET", target: "/missing.html", status: 404, contains: "<h1>Page not found</h1>" + tag},
		{method: "GET", target: "/sub/deeper/missing/", status: 404, contains: "<h1>Page not found</h1>"},
		{method: "GET", target: "/empty/", status: 404, contains: "<h1>Page not found</h1>"}, // no listing
		{method: "HEAD", target: "/", status: 200, body: "", header: [2]string{"Content-Length", fmt.Sprint(len("<!doctype html><html><body><h1>Home</h1>" + tag + "</body></html>"))}},
		{method: "HEAD", target: "/missing.html", status: 404, body: ""},
		{method: "GET", target: "/__serve/reload.js", status: 200, contains: "EventSource"},

		{method: "POST", target: "/", status: 405, header: [2]string{"Allow", "GET, HEAD"}},
		{method: "PUT", target: "/index.html", status: 405},
		{method: "DELETE", target: "/index.html", status: 405},
		{method: "PATCH", target: "/index.html", status: 405},
		{method: "OPTIONS", target: "/", status: 405},
		{method: "POST", target: "/__serve/events", status: 405},

		{method: "GET", target: "/../secret/secret.txt", status: 400},
		{method: "GET", target: "/sub/../../secret/secret.txt", status: 400},
		{method: "GET", target: "/%2e%2e/secret/secret.txt", status: 400},
		{method: "GET", target: "/%2E%2E%2Fsecret%2Fsecret.txt", status: 400},
		{method: "GET", target: "/sub/..%2f..%2fsecret/secret.txt", status: 400},
		{method: "GET", target: "/..%5csecret%5csecret.txt", status: 400},
		{method: "GET", target: `/sub\..\..\secret\secret.txt`, status: 400},
		{method: "GET", target: "/..%2F..%2F..%2F..%2Fetc%2Fpasswd", status: 400},
		{method: "GET", target: "/sub%2fpage.html", status: 400},
		{method: "GET", target: "/%252e%252e/secret/secret.txt", status: 404}, // a file named %2e%2e
		{method: "GET", target: "/../site-other/index.html", status: 400},
		{method: "GET", target: "//secret/secret.txt", status: 400},
		{method: "GET", target: "/./index.html", status: 400},
		{method: "GET", target: "/index.html%00.css", status: 400},
		{method: "GET", target: "/out/secret.txt", status: 404},
		{method: "GET", target: "/out.txt", status: 404},
		{method: "GET", target: "/abs.txt", status: 404},
		{method: "GET", target: "/pipe", status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.target, nil))
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d (body %q)", res.StatusCode, tt.status, body)
			}
			if strings.Contains(string(body), secret) {
				t.Errorf("served a file outside the site: %q", body)
			}
			if (tt.body != "" || tt.method == "HEAD") && string(body) != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			if !strings.Contains(string(body), tt.contains) {
				t.Errorf("body %q does not contain %q", body, tt.contains)
			}
			if k := tt.header[0]; k != "" && res.Header.Get(k) != tt.header[1] {
				t.Errorf("%s: %q, want %q", k, res.Header.Get(k), tt.header[1])
			}
		})
	}
	// The script is added on the way out; the site on disk is the build's.
	b, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "__serve") {
		t.Errorf("index.html on disk was changed: %s", b)
	}
}

// TestHandlerRawRequests sends request lines as a hostile client would,
// past any client-side cleaning, to a real server.
func TestHandlerRawRequests(t *testing.T) {
	srv := httptest.NewServer(newHandler(testSite(t), newReloader("b-1")))
	defer srv.Close()
	for _, target := range []string{
		"/../secret/secret.txt",
		"/sub/../../secret/secret.txt",
		"/%2e%2e/secret/secret.txt",
		"/%2e%2e%2fsecret%2fsecret.txt",
		`/..\secret\secret.txt`,
		"/out/secret.txt",
		"../secret/secret.txt",
	} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		body, _ := io.ReadAll(res.Body)
		conn.Close()
		if res.StatusCode == 200 || strings.Contains(string(body), secret) {
			t.Errorf("GET %s: %s %q", target, res.Status, body)
		}
	}
}

func TestNotFoundWithoutSite(t *testing.T) {
	h := newHandler(filepath.Join(t.TempDir(), "not-built-yet"), newReloader("b-0"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), `data-build="b-0"`) {
		t.Errorf("got %d %q; want 404 with the reload script, to show the first build's errors", rec.Code, rec.Body.String())
	}
}
