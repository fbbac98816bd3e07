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

// goTokens returns the chroma tokens of src.
func goTokens(src string) []chroma.Token {
	if strings.HasPrefix(src, "\xff\xfe") || strings.HasPrefix(src, "\xfe\xff") {
		// go/scanner gives up on the whole text after a UTF-16 byte order
		// mark; mark those two bytes as errors and colour the rest.
		return append([]chroma.Token{{Type: chroma.Error, Value: src[:2]}}, goTokens(src[2:])...)
	}
	ls := scan(src)
	out := make([]chroma.Token, 0, 2*len(ls)+1)
	at := 0 // everything before at has been emitted
	for i, l := range ls {
		if l.start > at {
			out = appendGap(out, src, at, l.start)
		}
		text := src[l.start:l.end]
		switch l.tok {
		case token.STRING:
			if text[0] == '`' {
				out = appendRawString(out, text)
				break
			}
			out = append(out, chroma.Token{Type: chroma.LiteralString, Value: text})
		case token.IDENT:
			out = append(out, chroma.Token{Type: wordClass(text, ls[i+1:], src, l.end), Value: text})
		default:
			out = append(out, chroma.Token{Type: class(l.tok, text), Value: text})
		}
		at = l.end
	}
	if at < len(src) {
		out = appendGap(out, src, at, len(src))
	}
	return out
}

// scan runs go/scanner over src and returns its tokens with their extent,
// leaving out the semicolons it inserts at line ends. Keywords come back as
// IDENT: chroma classes them by their text, like other words.
func scan(src string) []lexeme {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	s.Init(file, []byte(src), func(token.Position, string) {}, scanner.ScanComments)
	var ls []lexeme
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
