package timeline

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
)

// canvas writes SVG elements; coordinates are rounded to a tenth of a unit.
type canvas struct {
	bytes.Buffer
}

// num writes a coordinate.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// esc returns s escaped for XML text and attributes.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// open writes the start of an element with its attributes, given as name
// and value pairs; values are escaped.
func (c *canvas) open(tag string, attrs ...string) {
	c.WriteString("<" + tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		c.WriteString(" " + attrs[i] + `="` + esc(attrs[i+1]) + `"`)
	}
}

// elem writes an element with a <title> (a tooltip) when title is not empty.
func (c *canvas) elem(tag, title string, attrs ...string) {
	c.open(tag, attrs...)
	if title == "" {
		c.WriteString("/>\n")
		return
	}
	c.WriteString("><title>" + esc(title) + "</title></" + tag + ">\n")
}

// rect writes a rectangle at least a pixel wide, so that the shortest
// stretch still shows.
func (c *canvas) rect(x, y, w, h float64, class, title string) {
	c.elem("rect", title, "x", num(x), "y", num(y), "width", num(max(w, 1)), "height", num(h), "class", class)
}

// line writes a straight line.
func (c *canvas) line(x1, y1, x2, y2 float64, class, title string, attrs ...string) {
	c.elem("path", title, append([]string{"d", "M" + num(x1) + " " + num(y1) + "L" + num(x2) + " " + num(y2), "class", class}, attrs...)...)
}

// text writes a text element.
func (c *canvas) text(x, y float64, class, s string, attrs ...string) {
	c.open("text", append([]string{"x", num(x), "y", num(y), "class", class}, attrs...)...)
	c.WriteString(">" + esc(s) + "</text>\n")
}

// textWidth estimates how wide s is in pixels at the given font size, for
// deciding whether a label fits; system-ui averages about 0.55em a letter.
func textWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.58
}

// fit shortens s with an ellipsis to at most w pixels at the given size.
func fit(s string, w, size float64) string {
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r), size) > w {
		r = append(r[:len(r)-2], '…')
	}
	return string(r)
}
