package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// traceFigure is what the test reads from one trace figure of a page.
type traceFigure struct {
	lanes, rows []string // the lane labels (P0, ...) and row labels (G1 main.main, ...)
	name        string   // the SVG's accessible name: its title and desc, as aria-labelledby names them
	summary     string   // the summary in the caption
	caption     string   // what to look for, from the lesson
	varies      bool     // the snippet's output is labelled as varying
}

// traceFigures finds the trace figures of page, in order, each under the
// output box of its snippet, and reads them.
func traceFigures(t *testing.T, page string) []traceFigure {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []traceFigure
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figure" && hasClass(n, "trace") {
			out = append(out, readFigure(t, page, n, len(out)))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func readFigure(t *testing.T, page string, fig *html.Node, i int) traceFigure {
	t.Helper()
	var f traceFigure
	// The figure follows its snippet's output box, inside the snippet.
	prev := fig.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if prev == nil || !hasClass(prev, "output") || !hasClass(fig.Parent, "snippet") {
		t.Errorf("figure %d is not under its snippet's output", i)
	} else {
		f.varies = strings.Contains(text(prev), "output varies")
	}
	for c := fig.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "figcaption" {
			for s := c.FirstChild; s != nil; s = s.NextSibling {
				switch {
				case hasClass(s, "trace-look"):
					f.caption = text(s)
				case hasClass(s, "trace-summary"):
					f.summary = text(s)
				}
			}
		}
	}
	// The SVG as the page holds it must be well-formed XML on its own.
	var svg string
	if at := indexN(page, `<figure class="trace">`, i); at >= 0 {
		rest := page[at:]
		start, end := strings.Index(rest, "<svg"), strings.Index(rest, "</svg>")
		if start >= 0 && end > start {
			svg = rest[start : end+len("</svg>")]
		}
	}
	if svg == "" {
		t.Fatalf("figure %d has no inline SVG", i)
	}
	type elem struct {
		name  string
		attrs map[string]string
		text  strings.Builder
	}
	var stack []*elem
	byID := map[string]*elem{}
	var root *elem
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("figure %d: the SVG is not well-formed: %v", i, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &elem{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if id := e.attrs["id"]; id != "" {
				byID[id] = e
			}
			if root == nil {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			e := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if e.name == "text" {
				label := e.text.String()
				switch {
				case regexp.MustCompile(`^P\d+$`).MatchString(label):
					f.lanes = append(f.lanes, label)
				case regexp.MustCompile(`^G\d+ `).MatchString(label) && e.attrs["class"] == "":
					f.rows = append(f.rows, label)
				}
			}
		case xml.CharData:
			for _, e := range stack {
				e.text.Write(bytes.Clone(tok))
			}
		}
	}
	if root == nil || root.attrs["role"] != "img" {
		t.Fatalf("figure %d: the SVG is not an image to assistive technology", i)
	}
	var name []string
	for _, id := range strings.Fields(root.attrs["aria-labelledby"]) {
		e, ok := byID[id]
		if !ok {
			t.Errorf("figure %d: aria-labelledby names %q, which is not in the figure", i, id)
			continue
		}
		name = append(name, strings.TrimSpace(e.text.String()))
	}
	f.name = strings.Join(name, " ")
	return f
}

// indexN is the index of the nth (from 0) occurrence of sub in s, or -1.
func indexN(s, sub string, n int) int {
	at := -1
	for range n + 1 {
		i := strings.Index(s[at+1:], sub)
		if i < 0 {
			return -1
		}
		at += 1 + i
	}
	return at
}

func hasClass(n *html.Node, class string) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
