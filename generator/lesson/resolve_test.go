package lesson

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

var assetsFS = fstest.MapFS{
	"logo.png":    md("logo"),
	"favicon.svg": md("<svg/>"),
}

// siteContent is a small content folder whose every reference resolves.
func siteContent() fstest.MapFS {
	return fstest.MapFS{
		"index.md": md("# Home\n\nStart with [the intro](01-intro.md).\n"),
		"01-intro.md": md(`# Intro

## Setup

See [next](02-chan.md#buffered), [setup](#setup), [deep](a/03-deep.md),
[Go](https://go.dev), [mail](mailto:gopher@example.com), [proto](//example.com/x).

![A diagram](img/diagram.png)

![The logo](logo.png)

<img src="img/diagram.png" alt="Raw diagram">

[download](files/code.zip) and [query](02-chan.md?x=1).
`),
		"02-chan.md": md("# Channels\n\n## Buffered\n\nBack to [intro](01-intro.md).\n"),
		"a/03-deep.md": md(`# Deep

[Root](../01-intro.md#setup) and ![A diagram](../img/diagram.png "Caption")
and ![Logo](logo.png) and <a href="../02-chan.md">raw</a>.

[home](../index.md) and [sibling](04-side.md).
`),
		"a/04-side.md":    md("# Side\n\nBack [up](03-deep.md).\n"),
		"05-draft.md":     md("---\ndraft: true\n---\n# Draft\n\n![Gone](missing.png) and [nowhere](nowhere.md).\n"),
		"img/diagram.png": md("png"),
		"files/code.zip":  md("zip"),
	}
}

var (
	hrefRe   = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	anchorRe = regexp.MustCompile(`<a class="anchor" href="[^"]*"`)
)

// refs lists the href and src values of a rendered lesson, without the
// anchor links of its headings.
func refs(t *testing.T, l *Lesson) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(anchorRe.ReplaceAllString(body(t, l), ""), -1) {
		out = append(out, m[1])
	}
	return out
}

func TestResolve(t *testing.T) {
	content := siteContent()
	ls, err := Load(content, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	files, err := Resolve(ls, content, assetsFS)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	// Each reference, followed from the page that holds it, reaches the
	// right page or file of the site.
	tests := []struct {
		path    string
		targets []string
	}{
		{"index.md", []string{"intro.html"}},
		{"01-intro.md", []string{
			"chan.html#buffered", "intro.html#setup", "a/deep.html",
			"https://go.dev", "mailto:gopher@example.com", "//example.com/x",
			"img/diagram.png", "assets/logo.png", "img/diagram.png",
			"files/code.zip", "chan.html",
		}},
		{"a/03-deep.md", []string{
			"intro.html#setup", "img/diagram.png", "assets/logo.png", "chan.html",
			"index.html", "a/side.html",
		}},
		{"a/04-side.md", []string{"a/deep.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			l := find(t, ls, tt.path)
			var got []string
			for _, r := range refs(t, l) {
				got = append(got, follow(l.URL, r))
			}
			if diff := cmp.Diff(tt.targets, got); diff != "" {
				t.Errorf("references of %s mismatch (-want +got):\n%s\n%s", tt.path, diff, body(t, l))
			}
		})
	}

	// The forms a reader of the HTML sees at depth 1.
	deep := refs(t, find(t, ls, "a/03-deep.md"))
	for _, want := range []string{"../intro.html#setup", "../img/diagram.png", "../assets/logo.png", "../chan.html", "../index.html"} {
		if !slices.Contains(deep, want) {
			t.Errorf("a/03-deep.md has no reference %q; it has %q", want, deep)
		}
	}

	// Files found in content are copied once each, to the same path;
	// files found only in the assets are not copied: the site has them.
	var got []string
	for _, f := range files {
		if f.From != f.To {
			t.Errorf("file %s is copied to %s, want the same path", f.From, f.To)
		}
		got = append(got, f.To)
	}
	slices.Sort(got)
	if diff := cmp.Diff([]string{"files/code.zip", "img/diagram.png"}, got); diff != "" {
		t.Errorf("files to copy mismatch (-want +got):\n%s", diff)
	}
	for _, f := range files {
		if f.FS == nil || !isFile(f.FS, f.From) {
			t.Errorf("file %s: FS does not hold it", f.From)
		}
	}
}

// follow returns the site path a reference on the page at url leads to;
// external URLs come back unchanged.
func follow(url, ref string) string {
	if isExternal(ref) {
		return ref
	}
	if strings.HasPrefix(ref, "#") {
		return url + ref
	}
	return path.Join(path.Dir(url), ref)
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string // content/x.md; the other lessons are those of siteContent
		want string // the whole message of the one error
	}{
		{
			name: "missing image",
			src:  "# X\n\nText\n![A cat](cat.png)\n",
			want: `content/x.md:4: image "cat.png": no such file (looked for content/cat.png and assets/cat.png)`,
		},
		{
			name: "missing image named earlier in the paragraph",
			src:  "# X\n\nThe picture cat.png\nis this one: ![A cat](cat.png)\n",
			want: `content/x.md:4: image "cat.png": no such file (looked for content/cat.png and assets/cat.png)`,
		},
		{
			name: "missing linked file",
			src:  "# X\n\n[code](files/other.zip)\n",
			want: `content/x.md:3: link "files/other.zip": no such file (looked for content/files/other.zip and assets/other.zip)`,
		},
		{
			name: "raw img missing",
			src:  "# X\n\n<p>\n<img src=\"cat.png\" alt=\"A cat\">\n</p>\n",
			want: `content/x.md:4: image "cat.png": no such file (looked for content/cat.png and assets/cat.png)`,
		},
		{
			name: "link to a lesson that does not exist",
			src:  "# X\n\nRead [this](09-nope.md).\n",
			want: `content/x.md:3: link to lesson "09-nope.md": there is no content/09-nope.md`,
		},
		{
			name: "raw link to a lesson that does not exist",
			src:  "# X\n\nRead <a href=\"nope.md\">this</a>.\n",
			want: `content/x.md:3: link to lesson "nope.md": there is no content/nope.md`,
		},
		{
			name: "link to a draft",
			src:  "# X\n\n\nRead [this](05-draft.md).\n",
			want: `content/x.md:4: link to lesson "05-draft.md": it is a draft, so it is not in the site`,
		},
		{
			name: "fragment missing on the same page",
			src:  "# X\n\n## Here\n\nSee [there](#there).\n",
			want: `content/x.md:5: link to #there: no heading with that id in this lesson; did you mean here?`,
		},
		{
			name: "fragment missing on another page",
			src:  "# X\n\nSee [it](02-chan.md#unbuffered).\n",
			want: `content/x.md:3: link to "02-chan.md#unbuffered": content/02-chan.md has no heading with id "unbuffered"; did you mean buffered?`,
		},
		{
			name: "fragment naming the title, which is not a section",
			src:  "# X\n\nSee [it](02-chan.md#channels).\n",
			want: `content/x.md:3: link to "02-chan.md#channels": content/02-chan.md has no heading with id "channels"`,
		},
		{
			name: "absolute image path",
			src:  "# X\n\n![A diagram](/img/diagram.png)\n",
			want: `content/x.md:3: image "/img/diagram.png": use a relative path, so the site also works from a sub-path and from disk`,
		},
		{
			name: "absolute link",
			src:  "# X\n\n[intro](/01-intro.md)\n",
			want: `content/x.md:3: link "/01-intro.md": use a relative path, so the site also works from a sub-path and from disk`,
		},
		{
			name: "outside the content folder",
			src:  "# X\n\n![A file](../secret.png)\n",
			want: `content/x.md:3: image "../secret.png" points outside the content folder`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := siteContent()
			content["x.md"] = md(tt.src)
			ls, err := Load(content, "content")
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			_, err = Resolve(ls, content, assetsFS)
			if diff := cmp.Diff([]string{tt.want}, errorLines(err)); diff != "" {
				t.Errorf("Resolve errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolveSkipsDrafts(t *testing.T) {
	// siteContent's draft links to a missing image and a missing lesson;
	// it is not published, so its references are not checked.
	content := siteContent()
	ls, err := Load(content, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if d := find(t, ls, "05-draft.md"); !d.Draft {
		t.Fatalf("05-draft.md: Draft = false, want true")
	}
	if _, err := Resolve(ls, content, assetsFS); err != nil {
		t.Errorf("Resolve checked a draft: %v", err)
	}
}

func TestResolveCollectsEveryError(t *testing.T) {
	content := siteContent()
	content["x.md"] = md(`# X

![A cat](cat.png)

See [nothing](nothing.md).

<a href="#missing">here</a>
`)
	content["y.md"] = md("# Y\n\n[draft](05-draft.md)\n")
	ls, err := Load(content, "content")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	_, err = Resolve(ls, content, assetsFS)
	got := errorLines(err)
	want := []string{"content/x.md:3: ", "content/x.md:5: ", "content/x.md:7: ", "content/y.md:3: "}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
}
