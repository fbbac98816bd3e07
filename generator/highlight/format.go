package highlight

import (
	"io"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// writeHTML writes tokens as chroma's HTML formatter does with the options
// pages use (classes, no prefix, line numbers inline, whole lines
// highlighted), byte for byte: TestFormatMatchesChroma holds it to that.
// Chroma's own formatter goes through fmt and a style cache for every
// token, and was a third of a build's time, ten times what this costs.
func writeHTML(w io.Writer, tokens []chroma.Token, opts Options) error {
	pieces, ends := splitLines(tokens)
	digits := len(strconv.Itoa(len(ends)))
	marked := make(map[int]bool, len(opts.Highlight))
	for _, n := range opts.Highlight {
		marked[n] = true
	}
	var b strings.Builder
	size := 0
	for _, t := range tokens {
		size += len(t.Value)
	}
	b.Grow(2*size + 64*len(ends))
	b.WriteString(`<pre class="chroma"><code>`)
	from := 0
	for i, end := range ends {
		line := pieces[from:end]
		from = end
		n := i + 1
		if marked[n] {
			b.WriteString(`<span class="line hl">`)
		} else {
			b.WriteString(`<span class="line">`)
		}
		if opts.LineNumbers {
			b.WriteString(`<span class="ln">`)
			num := strconv.Itoa(n)
			for range digits - len(num) {
				b.WriteByte(' ')
			}
			b.WriteString(num)
			b.WriteString(`</span>`)
		}
		b.WriteString(`<span class="cl">`)
		for _, t := range line {
			cls := classOf(t.Type)
			if cls != "" {
				b.WriteString(`<span class="`)
				b.WriteString(cls)
				b.WriteString(`">`)
			}
			escapeHTML(&b, t.Value)
			if cls != "" {
				b.WriteString(`</span>`)
			}
		}
		b.WriteString(`</span></span>`)
	}
	b.WriteString(`</code></pre>`)
	_, err := io.WriteString(w, b.String())
	return err
}

// splitLines cuts tokens into lines as chroma.SplitTokensIntoLines does,
// each line ending with its newline; but it returns the pieces in one
// slice, and where each line ends in it, instead of a slice a line.
func splitLines(tokens []chroma.Token) (pieces []chroma.Token, ends []int) {
	breaks := 0
	for _, t := range tokens {
		breaks += strings.Count(t.Value, "\n")
	}
	pieces = make([]chroma.Token, 0, len(tokens)+breaks)
	ends = make([]int, 0, breaks+1)
	for _, t := range tokens {
		// A token that ends a line is not carried into the next one; any
		// other, even an empty one, is.
		carried := true
		for carried {
			i := strings.IndexByte(t.Value, '\n')
			if i < 0 {
				break
			}
			pieces = append(pieces, chroma.Token{Type: t.Type, Value: t.Value[:i+1]})
			ends = append(ends, len(pieces))
			t.Value = t.Value[i+1:]
			carried = t.Value != ""
		}
		if carried {
			pieces = append(pieces, t)
		}
	}
	if last := len(ends); last == 0 && len(pieces) > 0 || last > 0 && ends[last-1] < len(pieces) {
		ends = append(ends, len(pieces))
	}
	// Like chroma, drop a last line that is one empty token.
	if k := len(ends); k > 0 {
		from := 0
		if k > 1 {
			from = ends[k-2]
		}
		if ends[k-1]-from == 1 && pieces[from].Value == "" {
			ends = ends[:k-1]
		}
	}
	return pieces, ends
}

// classOf is chroma's CSS class for a token type: that of the type or of
// its nearest ancestor with one.
func classOf(t chroma.TokenType) string {
	for t != 0 {
		if cls, ok := chroma.StandardTypes[t]; ok {
			return cls
		}
		t = t.Parent()
	}
	return chroma.StandardTypes[t]
}

// escapeHTML writes s escaped as html.EscapeString does, without
// allocating when there is nothing to escape.
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
