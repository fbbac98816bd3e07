// Package page renders lessons into HTML pages with html/template: the home
// page, one page per lesson, 404.html, robots.txt and sitemap.xml, and the
// two scripts every page shares: the list of lessons (assets/toc.js) and
// the search index (assets/search-index.js). Only HTML produced by goldmark
// and chroma is trusted as HTML; everything else, program output above all,
// is escaped by the templates.
//
// No page embeds the list of every lesson: each loads assets/toc.js, so a
// page's size does not grow with the site, and without scripts its menus
// link to the home page, which lists every lesson.
package page

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"github.com/gonotes/concurrency/generator/lesson"
	"github.com/gonotes/concurrency/generator/markdown"
	"github.com/gonotes/concurrency/generator/search"
)

//go:embed templates/*.html
var templateFS embed.FS

// Site is what every page needs to know about the whole site.
type Site struct {
	Title    string
	BaseURL  string // absolute URL the site is served from; empty means unknown
	Home     *lesson.Lesson
	Lessons  []*lesson.Lesson // published lessons in order, without the home page
	Verified bool             // outputs were checked against go run
	EditURL  string           // a lesson's path in the content folder appended gives its editor; empty for no link
}

// Files the pages share, by their path in the site.
const (
	TOCFile    = lesson.AssetsDir + "/toc.js"
	SearchFile = lesson.AssetsDir + "/search-index.js"
)

// Renderer turns lessons into pages.
type Renderer struct {
	md    *markdown.Markdown
	pages map[string]*template.Template // by content template: lesson, index, 404
}

// NewRenderer parses the page templates.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}}
	snippetTmpl, err := template.ParseFS(templateFS, "templates/snippet.html")
	if err != nil {
		return nil, fmt.Errorf("page templates: %w", err)
	}
	r.md = markdown.New(codeRenderer(snippetTmpl))
	for _, name := range []string{"lesson", "index", "404"} {
		t, err := template.ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("page templates: %w", err)
		}
		r.pages[name] = t
	}
	return r, nil
}

// data is what a page template sees.
type data struct {
	Site        *Site
	URL         string // the page's path in the site
	Title       string
	Description string
	IsHome      bool
	Body        template.HTML
	TOC         []tocEntry
	Prev, Next  *lesson.Lesson
	Canonical   string // the page's absolute URL; empty when the base URL is unknown
	EditURL     string
	NotFound    bool // the 404 page
	FindRoot    bool // the 404 page without a base URL: a script finds the site's root
	absolute    bool // URLs from the base URL, not relative
}

// Rel returns the URL of a site path as written on this page. The 404 page
// is served at whatever address was missing, where relative URLs break, so
// it uses absolute ones when the base URL is known.
func (d *data) Rel(to string) string {
	if d.absolute {
		return strings.TrimSuffix(d.Site.BaseURL, "/") + "/" + to
	}
	return lesson.RelativeURL(d.URL, to)
}

type tocEntry struct {
	ID       string
	Text     template.HTML
	Children []tocEntry // the h3 sections of an h2
}

// Render returns every page of the site, keyed by its path in the site.
func (r *Renderer) Render(s *Site) (map[string][]byte, error) {
	out := map[string][]byte{}
	for i, l := range s.Lessons {
		d, err := r.lessonData(s, l)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			d.Prev = s.Lessons[i-1]
		}
		if i+1 < len(s.Lessons) {
			d.Next = s.Lessons[i+1]
		}
		if out[l.URL], err = r.execute("lesson", d); err != nil {
			return nil, fmt.Errorf("%s: %w", l.File, err)
		}
	}
	home := &data{Site: s, URL: "index.html", Title: s.Title, IsHome: true, Canonical: absURL(s, "index.html")}
	if s.Home != nil {
		var err error
		if home, err = r.lessonData(s, s.Home); err != nil {
			return nil, err
		}
		home.IsHome = true
	}
	if len(s.Lessons) > 0 {
		home.Next = s.Lessons[0]
	}
	var err error
	if out["index.html"], err = r.execute("index", home); err != nil {
		return nil, fmt.Errorf("home page: %w", err)
	}
	notFound := &data{Site: s, URL: "404.html", Title: "Page not found", NotFound: true, absolute: s.BaseURL != "", FindRoot: s.BaseURL == ""}
	if out["404.html"], err = r.execute("404", notFound); err != nil {
		return nil, fmt.Errorf("404 page: %w", err)
	}
	if s.BaseURL != "" {
		out["sitemap.xml"] = sitemap(s)
	}
	out["robots.txt"] = robots(s)
	if out[TOCFile], err = tocJS(s); err != nil {
		return nil, err
	}
	all := s.Lessons
	if s.Home != nil {
		all = append([]*lesson.Lesson{s.Home}, s.Lessons...)
	}
	var idx bytes.Buffer
	if err := search.Build(all).WriteJS(&idx); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	out[SearchFile] = idx.Bytes()
	return out, nil
}

// absURL is the address of a site path under the base URL; a folder's
// index.html is the folder itself.
func absURL(s *Site, p string) string {
	if s.BaseURL == "" {
		return ""
	}
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + strings.TrimSuffix(p, "index.html")
}

// editURL is where an author edits the lesson.
func editURL(s *Site, l *lesson.Lesson) string {
	if s.EditURL == "" {
		return ""
	}
	u := url.URL{Path: l.Path}
	return s.EditURL + u.EscapedPath()
}

func (r *Renderer) lessonData(s *Site, l *lesson.Lesson) (*data, error) {
	var body bytes.Buffer
	if err := r.md.Render(&body, l.Doc); err != nil {
		return nil, fmt.Errorf("%s: rendering: %w", l.File, err)
	}
	d := &data{Site: s, URL: l.URL, Title: l.Title, Description: l.Summary, Body: template.HTML(body.String()),
		Canonical: absURL(s, l.URL), EditURL: editURL(s, l)}
	toc, err := r.toc(l)
	if err != nil {
		return nil, err
	}
	d.TOC = toc
	return d, nil
}

// toc lists the sections of a lesson (h2, with their h3 inside), when it
// has at least two.
func (r *Renderer) toc(l *lesson.Lesson) ([]tocEntry, error) {
	var entries []tocEntry
	for _, h := range l.Headings {
		if h.Level != 2 && h.Level != 3 {
			continue
		}
		text, err := r.md.RenderInline(l.Doc, h.Node)
		if err != nil {
			return nil, fmt.Errorf("%s: heading: %w", l.File, err)
		}
		e := tocEntry{ID: h.ID, Text: template.HTML(text)}
		if n := len(entries); h.Level == 3 && n > 0 {
			entries[n-1].Children = append(entries[n-1].Children, e)
		} else {
			entries = append(entries, e)
		}
	}
	if len(entries) < 2 {
		return nil, nil
	}
	return entries, nil
}

func (r *Renderer) execute(name string, d *data) ([]byte, error) {
	var b bytes.Buffer
	if err := r.pages[name].ExecuteTemplate(&b, "layout", d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
