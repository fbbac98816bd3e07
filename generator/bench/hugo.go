package main

import (
	"bytes"
	"context"
	"os/exec"
	"path"
	"strings"
)

// hugoSite is the corpus as a Hugo site: the same Markdown (the home page
// becomes _index.md), chroma highlighting with classes as ours, and
// templates that show what our lesson pages show at least: the title, the
// body and links to the previous and next lessons, with the home page
// listing every lesson and its summary. Taxonomies, feeds and the sitemap
// are off because our generator writes none of them here.
func hugoSite(files []file) []file {
	site := []file{
		{Name: "hugo.toml", Data: []byte(`baseURL = "https://example.org/"
title = "A synthetic course"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.highlight]
noClasses = false
`)},
		{Name: "layouts/_default/baseof.html", Data: []byte(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body>{{ block "main" . }}{{ end }}</body></html>
`)},
		{Name: "layouts/_default/single.html", Data: []byte(`{{ define "main" }}<main><h1>{{ .Title }}</h1>
{{ .Content }}
<nav>{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav></main>{{ end }}
`)},
		{Name: "layouts/_default/list.html", Data: []byte(`{{ define "main" }}<main><h1>{{ .Title }}</h1>
{{ .Content }}
<ol>{{ range .Pages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>{{ end }}</ol></main>{{ end }}
`)},
	}
	for _, f := range files {
		name := f.Name
		if name == "index.md" {
			name = "_index.md"
		}
		site = append(site, file{Name: path.Join("content", name), Data: f.Data})
	}
	return site
}

// hugoVersion returns the first line of `hugo version`, or "" when there is
// no hugo on PATH.
func hugoVersion(ctx context.Context) (bin, version string) {
	bin, err := exec.LookPath("hugo")
	if err != nil {
		return "", ""
	}
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return "", ""
	}
	line, _, _ := strings.Cut(string(bytes.TrimSpace(out)), "\n")
	return bin, line
}
