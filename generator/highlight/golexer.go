package highlight

import (
	"go/scanner"
	"go/token"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// goLexer colours Go with go/scanner instead of chroma's regular
// expressions, which cost about 2 ms for a 40-line block against tens of
// microseconds here. It gives every token the class chroma's own Go lexer
// (lexers/go.go) gives it, so pages look the same, except where chroma's
// patterns fall short of Go's grammar; compare_test.go lists those cases.
//
// Its tokens always add up to the text it was given, byte for byte, even
// for invalid Go or invalid UTF-8; it does not rewrite line endings, so
// TokeniseOptions.EnsureLF is ignored (Code does that for every language).
// Invalid Go is coloured as go/scanner reads it: an unterminated /* comment
// or raw string runs to the end, an unterminated string or rune to the end
// of its line, and a character Go does not allow is an Error token.
type goLexer struct{}

var goConfig = &chroma.Config{
	Name:      "Go",
	Aliases:   []string{"go", "golang"},
	Filenames: []string{"*.go"},
	MimeTypes: []string{"text/x-gosrc"},
}

func (goLexer) Config() *chroma.Config                               { return goConfig }
func (l goLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer     { return l }
func (l goLexer) SetAnalyser(func(text string) float32) chroma.Lexer { return l }
func (goLexer) AnalyseText(text string) float32                      { return lexers.Go.AnalyseText(text) }

func (goLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	return chroma.Literator(goTokens(text)...), nil
}

// lexeme is a token go/scanner found: its kind and where it is in the text.
type lexeme struct {
	tok        token.Token
	start, end int
}

// goTokens returns the chroma tokens of src, coalesced as chroma.Coalesce
// would: neighbours of one class are one token.
func goTokens(src string) []chroma.Token {
	if strings.HasPrefix(src, "\xff\xfe") || strings.HasPrefix(src, "\xfe\xff") {
		// go/scanner gives up on the whole text after a UTF-16 byte order
		// mark; mark those two bytes as errors and colour the rest.
		return append([]chroma.Token{{Type: chroma.Error, Value: src[:2]}}, goTokens(src[2:])...)
	}
	ls := scan(src)
	// At most a gap after each token, and one before the first.
	out := tokenList{src: src, tokens: make([]chroma.Token, 0, 2*len(ls)+1)}
	at := 0 // everything before at has been added
	for i, l := range ls {
		if l.start > at {
			out.addGap(at, l.start)
		}
		text := src[l.start:l.end]
		switch {
		case l.tok == token.STRING && text[0] == '`':
			out.addRawString(l.start, l.end)
		case l.tok == token.STRING:
			out.add(chroma.LiteralString, l.start, l.end)
		case l.tok == token.IDENT:
			out.add(wordClass(text, ls[i+1:], src, l.end), l.start, l.end)
		default:
			out.add(class(l.tok, text), l.start, l.end)
		}
		at = l.end
	}
	if at < len(src) {
		out.addGap(at, len(src))
	}
	return out.tokens
}

// tokenList collects tokens, merging each into the one before when both
// have the same class, as chroma.Coalesce does. Tokens are slices of src,
// so merging side-by-side ones copies nothing.
type tokenList struct {
	src    string
	tokens []chroma.Token
	// start and end of the last token in src; end is -1 when it is not a
	// slice of src.
	start, end int
}

// add adds src[start:end].
func (l *tokenList) add(t chroma.TokenType, start, end int) {
	if n := len(l.tokens); n > 0 && l.tokens[n-1].Type == t && l.end == start {
		l.tokens[n-1].Value = l.src[l.start:end]
	} else {
		l.tokens = append(l.tokens, chroma.Token{Type: t, Value: l.src[start:end]})
		l.start = start
	}
	l.end = end
}

// addToken adds a token from elsewhere, such as chroma's template lexer.
func (l *tokenList) addToken(t chroma.Token) {
	if n := len(l.tokens); n > 0 && l.tokens[n-1].Type == t.Type {
		l.tokens[n-1].Value += t.Value
	} else {
		l.tokens = append(l.tokens, t)
	}
	l.end = -1
}

// scan runs go/scanner over src and returns its tokens with their extent,
// leaving out the semicolons it inserts at line ends. Keywords come back as
// IDENT: chroma classes them by their text, like other words.
func scan(src string) []lexeme {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	ls := make([]lexeme, 0, len(src)/4+1) // gofmt'd Go has a token every 4 to 6 bytes
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return ls
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		start := file.Offset(pos)
		if tok.IsKeyword() {
			tok = token.IDENT
		}
		ls = append(ls, lexeme{tok, start, start + extent(src[start:], tok, lit)})
	}
}

// extent is the length in the source of a token starting text. The
// scanner's literal is not always the source: it drops carriage returns
// from comments and raw strings, and an invalid byte comes back as U+FFFD.
func extent(text string, tok token.Token, lit string) int {
	switch {
	case tok == token.COMMENT && text[1] == '/': // up to the end of the line
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			return i
		}
		return len(text)
	case tok == token.COMMENT:
		return through(text, 2, "*/")
	case tok == token.STRING && text[0] == '`':
		return through(text, 1, "`")
	case tok == token.ILLEGAL:
		_, n := utf8.DecodeRuneInString(text)
		return n
	case lit != "":
		return len(lit)
	}
	return len(tok.String())
}

// through is the length of text up to and including the first end at or
// after from; an unterminated comment or raw string runs to the end.
func through(text string, from int, end string) int {
	if i := strings.Index(text[from:], end); i >= 0 {
		return from + i + len(end)
	}
	return len(text)
}
