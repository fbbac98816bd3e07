package serve

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// siteHandler serves the files of one folder, as a static host would, and
// nothing outside it. HTML gets the reload script on its way out; the files
// on disk are never touched.
type siteHandler struct {
	dir    string
	inject func(page []byte) []byte
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: this server only reads the site", http.StatusMethodNotAllowed)
		return
	}
	name, ok := sitePath(r.URL)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	// Opened per request: each build swaps in a new folder, and a Root
	// keeps pointing at the folder it opened, even after it is replaced.
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		h.notFound(w, r, nil)
		return
	}
	defer root.Close()
	info, err := root.Stat(name)
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Relative links in the folder's index.html need the slash.
			u := url.URL{Path: r.URL.Path + "/", RawQuery: r.URL.RawQuery}
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = root.Stat(name)
	}
	if err != nil || !info.Mode().IsRegular() {
		h.notFound(w, r, root)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		h.notFound(w, r, root)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "no-store")
	if !isHTML(name) {
		http.ServeContent(w, r, name, info.ModTime(), f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "reading "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	// No modification time: the injected script changes with every build,
	// so a page must never be answered with "not modified".
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(h.inject(page)))
}

// notFound answers with the site's own 404.html, as GitHub Pages does, or
// with a bare page when the site has none yet (its first build failed).
func (h *siteHandler) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	page := []byte("<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1>" +
		"<p>The site has no page here, and no 404.html yet.</p></body></html>")
	if root != nil {
		if b, err := root.ReadFile("404.html"); err == nil {
			page = b
		} else if !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, "reading 404.html: "+err.Error(), http.StatusInternalServerError)
			return
		}
	}
	page = h.inject(page)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// sitePath turns a request's path into a slash path inside the site, or
// reports false for anything that could name a file outside it. The path
// arrives percent-decoded, so %2e%2e is "..", refused rather than cleaned
// away. Symbolic links are left to os.Root.
func sitePath(u *url.URL) (string, bool) {
	// No link of the site has an encoded slash; decoded, it would be a
	// separator the link did not have.
	if strings.Contains(strings.ToLower(u.EscapedPath()), "%2f") {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := strings.TrimSuffix(p[1:], "/")
	if name == "" {
		return ".", true
	}
	return name, fs.ValidPath(name) // no "", "." or ".." element
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}
