package site

import "fmt"

// Tree is the files of a site, each with where it came from, so that two
// sources of one path are an error naming both rather than one silently
// replacing the other.
type Tree struct {
	files map[string][]byte
	from  map[string]string
}

// NewTree returns an empty tree holding the Marker.
func NewTree() *Tree {
	return &Tree{files: map[string][]byte{Marker: nil}, from: map[string]string{Marker: "the generator"}}
}

// Add adds a file at a slash path of the site; from says where it came
// from, as errors show it.
func (t *Tree) Add(path string, data []byte, from string) error {
	if other, taken := t.from[path]; taken {
		return fmt.Errorf("%s would write %s, which %s writes too; rename one", from, path, other)
	}
	t.files[path], t.from[path] = data, from
	return nil
}

// Files returns the tree as Write takes it.
func (t *Tree) Files() map[string][]byte { return t.files }
