// Package assets holds the site's stylesheet, script and images. They are
// built into the generator, so it works from any directory.
package assets

import "embed"

// FS is every asset, copied into the site's assets/ folder.
//
//go:embed *.css *.js *.svg
var FS embed.FS
