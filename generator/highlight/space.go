package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// plainSpace makes every token that is nothing but white space plain text,
// which chroma's formatter writes without a <span>: a span around blanks
// colours nothing, and was a fifth of a page's code markup. Line breaks and
// highlighted lines are unaffected, since the formatter splits lines from
// the text. Only where a theme paints white space for a class (a background,
// border or underline, as on errors and diff lines) does the span stay.
func plainSpace(tokens []chroma.Token) []chroma.Token {
	for i, t := range tokens {
		if t.Type == chroma.Text || strings.TrimSpace(t.Value) != "" {
			continue
		}
		if !paintsSpace[classOf(t.Type)] {
			tokens[i].Type = chroma.Text
		}
	}
	return tokens
}
