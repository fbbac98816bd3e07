package page

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// sitemap lists the home page and every lesson under the site's base URL.
func sitemap(s *Site) []byte {
	base := strings.TrimSuffix(s.BaseURL, "/") + "/"
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	loc := func(p string) {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(base+p))
		b.WriteString("</loc></url>\n")
	}
	loc("")
	for _, l := range s.Lessons {
		loc(l.URL)
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
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
