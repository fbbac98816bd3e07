package page

import (
	"bytes"
	"encoding/json"
	"fmt"
)

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
