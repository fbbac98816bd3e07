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
	byPath := map[string]*Lesson{}
	for _, l := range lessons {
		byPath[l.Path] = l
	}
	var files []File
	copied := map[string]bool{}
	var errs []error
	for _, l := range lessons {
		if l.Draft {
			continue
		}
		for _, r := range l.Refs {
			url, file, err := l.resolve(r, byPath, content, assets)
			if err != nil {
				errs = append(errs, l.errorf(r.Line, "%v", err))
				continue
			}
			if file != nil && !copied[file.To] {
				copied[file.To] = true
				files = append(files, *file)
			}
			r.set(url)
		}
		for _, f := range l.htmlFixes {
			f.apply()
		}
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

// headingIDs lists the ids of the lesson's headings.
func (l *Lesson) headingIDs() []string {
	var ids []string
	for _, h := range l.Headings {
		ids = append(ids, h.ID)
	}
	return ids
}

func (l *Lesson) hasHeading(id string) bool {
	for _, h := range l.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

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
