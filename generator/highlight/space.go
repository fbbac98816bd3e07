package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
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
		paints, ok := paintsSpace[t.Type]
		if !ok {
			paints = themesPaintSpace(t.Type)
		}
		if !paints {
			tokens[i].Type = chroma.Text
		}
	}
	return tokens
}

// paintsSpace tells, for each token type chroma gives a class, whether
// either theme paints its white space.
var paintsSpace = func() map[chroma.TokenType]bool {
	m := map[chroma.TokenType]bool{}
	for t := range chroma.StandardTypes {
		m[t] = themesPaintSpace(t)
	}
	return m
}()

func themesPaintSpace(t chroma.TokenType) bool {
	for _, name := range []string{LightStyle, DarkStyle} {
		s := styles.Get(name)
		e := s.Get(t).Sub(s.Get(chroma.Background))
		if e.Background.IsSet() || e.Border.IsSet() || e.Underline == chroma.Yes {
			return true
		}
	}
	return false
}
