package browsertest

import (
	"bytes"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Server serves a folder under a sub-path on 127.0.0.1 the way GitHub
// Pages serves a project site: /PREFIX/x.html is the folder's x.html, a
// folder's address serves its index.html, and anything else gets the
// folder's 404.html (when there is one) with status 404.
type Server struct {
	// URL is the site's address, ending in the prefix and a slash:
	// http://127.0.0.1:PORT/REPO/.
	URL string

	srv  *http.Server
	ln   net.Listener
	fsys fs.FS
	pre  string
}

// Serve starts serving dir under prefix ("/REPO/", or "/" for a site at the
// root of its host).
func Serve(dir, prefix string) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	s := &Server{URL: "http://" + ln.Addr().String() + prefix, ln: ln, fsys: os.DirFS(dir), pre: prefix}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { _ = s.srv.Close() }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if name, ok := s.file(r.URL.Path); ok {
		b, err := fs.ReadFile(s.fsys, name)
		if err == nil {
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
			return
		}
	}
	b, err := fs.ReadFile(s.fsys, "404.html")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write(b)
}

// file maps a request path to a file of the folder.
func (s *Server) file(p string) (string, bool) {
	if !strings.HasPrefix(p, s.pre) {
		return "", false
	}
	name := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(p, s.pre)), "/")
	if strings.HasSuffix(p, "/") || name == "" {
		name = path.Join(name, "index.html")
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	if info, err := fs.Stat(s.fsys, name); err != nil || info.IsDir() {
		return "", false
	}
	return name, true
}
