package page

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gonotes/concurrency/generator/search"
)

// shared returns the files of the site that are not pages: robots.txt,
// and the two scripts every page loads, the list of lessons and the search
// index.
func shared(s *Site, index *search.Index) (map[string][]byte, error) {
	toc, err := tocJS(s)
	if err != nil {
		return nil, err
	}
	var idx bytes.Buffer
	if err := index.WriteJS(&idx); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return map[string][]byte{"robots.txt": robots(s), TOCFile: toc, SearchFile: idx.Bytes()}, nil
}

// tocJS is the list of lessons every page shows, as a script that assigns
// window.siteLessons: [[path in the site, title], ...]. A script, not JSON,
// because pages opened from file:// may load scripts but not fetch files.
func tocJS(s *Site) ([]byte, error) {
	list := make([][2]string, 0, len(s.Lessons))
	for _, l := range s.Lessons {
		list = append(list, [2]string{l.URL, l.Title})
	}
	var b bytes.Buffer
	b.WriteString("window.siteLessons=")
	// json escapes <, > and &, so a title cannot end the script.
	if err := json.NewEncoder(&b).Encode(list); err != nil {
		return nil, fmt.Errorf("list of lessons: %w", err)
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(";\n")
	return b.Bytes(), nil
}

// robots lets every crawler in and, when the base URL is known, points
// them at the sitemap. Crawlers read robots.txt only at a host's root, so on
// a project site (USER.github.io/REPO/) it matters only if copied there.
func robots(s *Site) []byte {
	b := "User-agent: *\nAllow: /\n"
	if s.BaseURL != "" {
		b += "Sitemap: " + strings.TrimSuffix(s.BaseURL, "/") + "/sitemap.xml\n"
	}
	return []byte(b)
}
