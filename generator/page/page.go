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
	"errors"
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
	EditURL     string // where an author edits this page; empty for no link
	NotFound    bool   // the 404 page
	absolute    bool   // URLs from the base URL, not relative
}

// Canonical is the page's absolute URL, empty when the base URL is unknown
// (and for the 404 page, which has no address of its own). A folder's
// index.html is the folder itself.
func (d *data) Canonical() string {
	if d.Site.BaseURL == "" || d.NotFound {
		return ""
	}
	return strings.TrimSuffix(d.Site.BaseURL, "/") + "/" + strings.TrimSuffix(d.URL, "index.html")
}

// FindRoot reports whether the page cannot know where the site's root is:
// the 404 page, served at any depth, when the base URL is unknown. A script
// then finds it.
func (d *data) FindRoot() bool { return d.NotFound && !d.absolute }

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

// File is a page of the site and where it came from, as errors name it.
type File struct {
	Data []byte
	From string
}

// pages collects the pages of a site, refusing a second page at one path.
type pages map[string]File

func (p pages) add(path string, data []byte, from string) error {
	if other, taken := p[path]; taken {
		return fmt.Errorf("%s would be the page %s, which %s is already", from, path, other.From)
	}
	p[path] = File{Data: data, From: from}
	return nil
}

// Page renders the page of l, one of s.Lessons or s.Home, whose document
// is open: its path in the site and its HTML. prev and next are its
// neighbours among s.Lessons, nil at the ends (for the home page, next is
// the first lesson).
func (r *Renderer) Page(s *Site, l, prev, next *lesson.Lesson) (string, []byte, error) {
	var b bytes.Buffer
	path, err := r.PageTo(&b, s, l, prev, next)
	return path, b.Bytes(), err
}

// PageTo is Page writing the page into b, which a caller that writes many
// pages reuses: a new buffer for each was 450 MB to allocate and clear at
// 10,000 lessons.
func (r *Renderer) PageTo(b *bytes.Buffer, s *Site, l, prev, next *lesson.Lesson) (string, error) {
	d, err := r.lessonData(s, l)
	if err != nil {
		return "", err
	}
	d.Prev, d.Next = prev, next
	name := "lesson"
	if l == s.Home {
		d.URL, d.IsHome, name = "index.html", true, "index"
	}
	if err := r.executeTo(b, name, d); err != nil {
		return "", fmt.Errorf("%s: %w", l.File, err)
	}
	return d.URL, nil
}

// Generated returns the files of the site that are no lesson's page: the
// home page when there is no index.md, 404.html, sitemap.xml (with a base
// URL), robots.txt, and the two scripts every page shares, the list of
// lessons and the search index (built from every page's search.Entry, in
// site order).
func (r *Renderer) Generated(s *Site, index *search.Index) (map[string]File, error) {
	out := pages{}
	var errs []error
	if s.Home == nil {
		home := &data{Site: s, URL: "index.html", Title: s.Title, IsHome: true}
		if len(s.Lessons) > 0 {
			home.Next = s.Lessons[0]
		}
		b, err := r.execute("index", home)
		if err != nil {
			return nil, fmt.Errorf("home page: %w", err)
		}
		errs = append(errs, out.add("index.html", b, "the generator's home page"))
	}
	b, err := r.execute("404", &data{Site: s, URL: "404.html", Title: "Page not found", NotFound: true, absolute: s.BaseURL != ""})
	if err != nil {
		return nil, fmt.Errorf("404 page: %w", err)
	}
	errs = append(errs, out.add("404.html", b, "the generator's page for missing addresses"))
	if s.BaseURL != "" {
		errs = append(errs, out.add("sitemap.xml", sitemap(s), "the generator's sitemap"))
	}
	files, err := shared(s, index)
	if err != nil {
		return nil, err
	}
	for p, b := range files {
		errs = append(errs, out.add(p, b, "the generator's "+p))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Render returns every page of the site, keyed by its path in the site:
// the pages of its lessons, whose documents must be open, and the
// generated files.
func (r *Renderer) Render(s *Site) (map[string]File, error) {
	all := s.Lessons
	if s.Home != nil {
		all = append([]*lesson.Lesson{s.Home}, s.Lessons...)
	}
	out, err := r.Generated(s, search.Build(all))
	if err != nil {
		return nil, err
	}
	var errs []error
	if s.Home != nil {
		path, b, err := r.Page(s, s.Home, nil, first(s.Lessons))
		if err != nil {
			return nil, err
		}
		errs = append(errs, pages(out).add(path, b, s.Home.File))
	}
	for i, l := range s.Lessons {
		var prev, next *lesson.Lesson
		if i > 0 {
			prev = s.Lessons[i-1]
		}
		if i+1 < len(s.Lessons) {
			next = s.Lessons[i+1]
		}
		path, b, err := r.Page(s, l, prev, next)
		if err != nil {
			return nil, err
		}
		errs = append(errs, pages(out).add(path, b, l.File))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

func first(ls []*lesson.Lesson) *lesson.Lesson {
	if len(ls) == 0 {
		return nil
	}
	return ls[0]
}

func (r *Renderer) lessonData(s *Site, l *lesson.Lesson) (*data, error) {
	// Highlighted code makes a page's HTML several times its Markdown. A
	// strings.Builder neither zeroes its memory nor copies it for String.
	var body strings.Builder
	body.Grow(8 * len(l.Doc.Source))
	if err := r.md.Render(&body, l.Doc); err != nil {
		return nil, fmt.Errorf("%s: rendering: %w", l.File, err)
	}
	d := &data{Site: s, URL: l.URL, Title: l.Title, Description: l.Summary, Body: template.HTML(body.String())}
	if s.EditURL != "" {
		d.EditURL = s.EditURL + (&url.URL{Path: l.Path}).EscapedPath()
	}
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
	err := r.executeTo(&b, name, d)
	return b.Bytes(), err
}

// executeTo writes the page d with the content template name into b.
func (r *Renderer) executeTo(b *bytes.Buffer, name string, d *data) error {
	// The layout adds a few kilobytes to the body; growing the buffer
	// step by step copied each page several times.
	b.Grow(len(d.Body) + 16<<10)
	return r.pages[name].ExecuteTemplate(b, "layout", d)
}
