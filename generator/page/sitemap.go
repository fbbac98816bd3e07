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
