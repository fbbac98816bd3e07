package lesson

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/gonotes/concurrency/generator/suggest"
)

// File is a file the site carries because a lesson refers to it.
type File struct {
	FS   fs.FS
	From string // path in FS
	To   string // path in the site
}

// AssetsDir is where the site keeps the generator's assets.
const AssetsDir = "assets"

// Resolve checks every reference of the published lessons and rewrites it
// into a URL relative to the page, so the site works from a sub-path and from
// disk. It returns the files to copy. A reference is looked up beside the
// lesson in content, then by name in assets.
func Resolve(lessons []*Lesson, content, assets fs.FS) ([]File, error) {
	rv := NewResolver(lessons, content, assets)
	var files []File
	copied := map[string]bool{}
	var errs []error
	for _, l := range lessons {
		fs, err := rv.Lesson(l)
		errs = append(errs, err)
		for _, f := range fs {
			if !copied[f.To] {
				copied[f.To] = true
				files = append(files, f)
			}
		}
	}
	return files, errors.Join(errs...)
}

// Resolver resolves the references of one lesson at a time against all of
// them (which may be closed: see Index).
type Resolver struct {
	byPath          map[string]*Lesson
	content, assets fs.FS
}

// NewResolver returns a Resolver for the site of lessons.
func NewResolver(lessons []*Lesson, content, assets fs.FS) *Resolver {
	rv := &Resolver{byPath: map[string]*Lesson{}, content: content, assets: assets}
	for _, l := range lessons {
		rv.byPath[l.Path] = l
	}
	return rv
}

// Lesson checks every reference of an open lesson and rewrites it into a
// URL relative to its page; it returns the files the references need
// copied. A draft's references are left alone.
func (rv *Resolver) Lesson(l *Lesson) ([]File, error) {
	if l.Draft {
		return nil, nil
	}
	var files []File
	var errs []error
	for _, r := range l.Refs {
		url, file, err := l.resolve(r, rv.byPath, rv.content, rv.assets)
		if err != nil {
			errs = append(errs, l.errorf(r.Line, "%v", err))
			continue
		}
		if file != nil {
			files = append(files, *file)
		}
		r.set(url)
	}
	for _, f := range l.htmlFixes {
		f.apply()
	}
	return files, errors.Join(errs...)
}

func (l *Lesson) resolve(r *Ref, byPath map[string]*Lesson, content, assets fs.FS) (string, *File, error) {
	what := "link"
	if r.Image {
		what = "image"
	}
	p, frag, hasFrag := strings.Cut(r.Dest, "#")
	if query := strings.IndexByte(p, '?'); query >= 0 {
		p = p[:query]
	}
	if p == "" {
		if hasFrag && !l.hasHeading(frag) {
			return "", nil, fmt.Errorf("link to #%s: no heading with that id in this lesson%s", frag, suggest.DidYouMean(frag, l.headingIDs()))
		}
		return r.Dest, nil, nil
	}
	if strings.HasPrefix(p, "/") {
		return "", nil, fmt.Errorf("%s %q: use a relative path, so the site also works from a sub-path and from disk", what, r.Dest)
	}
	target := path.Join(path.Dir(l.Path), p)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", nil, fmt.Errorf("%s %q points outside the content folder", what, r.Dest)
	}
	suffix := ""
	if hasFrag {
		suffix = "#" + frag
	}
	if path.Ext(target) == ".md" {
		to, ok := byPath[target]
		switch {
		case !ok:
			var paths []string
			for p := range byPath {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			return "", nil, fmt.Errorf("link to lesson %q: there is no content/%s%s", r.Dest, target, suggest.DidYouMean(target, paths))
		case to.Draft:
			return "", nil, fmt.Errorf("link to lesson %q: it is a draft, so it is not in the site", r.Dest)
		case hasFrag && !to.hasHeading(frag):
			return "", nil, fmt.Errorf("link to %q: %s has no heading with id %q%s", r.Dest, to.File, frag, suggest.DidYouMean(frag, to.headingIDs()))
		}
		return RelativeURL(l.URL, to.URL) + suffix, nil, nil
	}
	if isFile(content, target) {
		if msg := checkName(target); msg != "" {
			return "", nil, fmt.Errorf("%s %q: %s", what, r.Dest, msg)
		}
		return RelativeURL(l.URL, target) + suffix, &File{FS: content, From: target, To: target}, nil
	}
	if name := path.Base(target); isFile(assets, name) {
		return RelativeURL(l.URL, AssetsDir+"/"+name) + suffix, nil, nil
	}
	return "", nil, fmt.Errorf("%s %q: no such file (looked for content/%s and assets/%s)", what, r.Dest, target, path.Base(target))
}

// headingIDs lists the ids of the lesson's headings. They are fixed when
// the lesson is first read, so other lessons' workers can check links to
// it while it is being opened again.
func (l *Lesson) headingIDs() []string { return l.anchors }

func (l *Lesson) hasHeading(id string) bool { return slices.Contains(l.anchors, id) }

func isFile(fsys fs.FS, name string) bool {
	if fsys == nil || !fs.ValidPath(name) {
		return false
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}

// RelativeURL returns the URL of the site path to, written on the page at the
// site path from: relative, so the site works from any sub-path and from disk.
func RelativeURL(from, to string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + to
}
