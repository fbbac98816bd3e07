package highlight

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// The tables below are chroma's Go lexer (lexers/go.go in chroma v2) rule
// by rule. Chroma tries its rules in order at each position; since every
// word here is a whole token, a lookup by the token's text gives the class
// of the first rule that would match it.

// goWords are the words chroma classes whatever follows them: Go's
// keywords, and the predeclared constants, which chroma calls keywords too.
var goWords = map[string]chroma.TokenType{
	"import": chroma.KeywordNamespace, "package": chroma.KeywordNamespace,

	"var": chroma.KeywordDeclaration, "func": chroma.KeywordDeclaration, "struct": chroma.KeywordDeclaration,
	"map": chroma.KeywordDeclaration, "chan": chroma.KeywordDeclaration, "type": chroma.KeywordDeclaration,
	"interface": chroma.KeywordDeclaration, "const": chroma.KeywordDeclaration,

	"break": chroma.Keyword, "default": chroma.Keyword, "select": chroma.Keyword, "case": chroma.Keyword,
	"defer": chroma.Keyword, "go": chroma.Keyword, "else": chroma.Keyword, "goto": chroma.Keyword,
	"switch": chroma.Keyword, "fallthrough": chroma.Keyword, "if": chroma.Keyword, "range": chroma.Keyword,
	"continue": chroma.Keyword, "for": chroma.Keyword, "return": chroma.Keyword,

	"true": chroma.KeywordConstant, "false": chroma.KeywordConstant, "iota": chroma.KeywordConstant,
	"nil": chroma.KeywordConstant,
}

// goBuiltinCalls are the words chroma classes as builtins when "(" follows
// at once: the predeclared types used as conversions, and the builtin
// functions. "float" is chroma's, although Go has no such type.
var goBuiltinCalls = map[string]bool{
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"float": true, "float32": true, "float64": true, "complex64": true, "complex128": true,
	"byte": true, "rune": true, "string": true, "bool": true, "error": true, "uintptr": true,
	"print": true, "println": true, "panic": true, "recover": true, "close": true, "complex": true,
	"real": true, "imag": true, "len": true, "cap": true, "append": true, "copy": true,
	"delete": true, "new": true, "make": true, "clear": true, "min": true, "max": true,
}

// goTypes are the words chroma classes as types anywhere else.
var goTypes = map[string]bool{
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"float": true, "float32": true, "float64": true, "complex64": true, "complex128": true,
	"byte": true, "rune": true, "string": true, "bool": true, "error": true, "uintptr": true, "any": true,
}

// goOperators are the operators chroma classes as Operator; every other
// operator and delimiter is Punctuation to it (among them | ^ < > = ! ~).
var goOperators = map[token.Token]bool{
	token.SHL_ASSIGN: true, token.SHR_ASSIGN: true, token.SHL: true, token.SHR: true,
	token.LEQ: true, token.GEQ: true, token.AND_NOT_ASSIGN: true, token.AND_NOT: true,
	token.ADD_ASSIGN: true, token.SUB_ASSIGN: true, token.MUL_ASSIGN: true, token.QUO_ASSIGN: true,
	token.REM_ASSIGN: true, token.AND_ASSIGN: true, token.OR_ASSIGN: true, token.LAND: true,
	token.LOR: true, token.ARROW: true, token.INC: true, token.DEC: true, token.EQL: true,
	token.NEQ: true, token.DEFINE: true, token.ELLIPSIS: true,
	token.ADD: true, token.SUB: true, token.MUL: true, token.QUO: true, token.REM: true, token.AND: true,
}

// wordClass classes an identifier or keyword; next are the tokens after
// it, which decide whether it names a function being called or declared.
func wordClass(word string, next []lexeme, src string, end int) chroma.TokenType {
	if t, ok := goWords[word]; ok {
		return t
	}
	if goBuiltinCalls[word] && len(next) > 0 && next[0].tok == token.LPAREN && next[0].start == end {
		return chroma.NameBuiltin
	}
	if goTypes[word] {
		return chroma.KeywordType
	}
	// Chroma's rule is ([a-zA-Z_]\w*)(\s*)(\(): an ASCII start, and only
	// white space before the parenthesis.
	if c := word[0]; c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		for _, l := range next {
			if l.tok == token.LPAREN {
				return chroma.NameFunction
			}
			if l.tok != token.ILLEGAL || !isSpace(src[l.start:l.end]) {
				break
			}
		}
	}
	return chroma.NameOther
}

// class classes every other token but strings.
func class(tok token.Token, text string) chroma.TokenType {
	switch tok {
	case token.COMMENT:
		if text[1] == '*' {
			return chroma.CommentMultiline
		}
		// Chroma: //[^\s\n\r][^\n\r]* is CommentPreproc (//go:build, but
		// also //nolint and //-), //[^\n\r]* CommentSingle.
		if len(text) == 2 || isSpace(text[2:]) {
			return chroma.CommentSingle
		}
		return chroma.CommentPreproc
	case token.CHAR:
		return chroma.LiteralStringChar
	case token.INT:
		return intClass(text)
	case token.FLOAT:
		return chroma.LiteralNumberFloat
	case token.IMAG:
		return chroma.LiteralNumber
	case token.ILLEGAL:
		// Chroma's \s is Unicode's white space; go/scanner allows only
		// space, tab, CR and LF.
		if isSpace(text) {
			return chroma.TextWhitespace
		}
		return chroma.Error
	}
	if goOperators[tok] {
		return chroma.Operator
	}
	return chroma.Punctuation
}

// intClass classes an integer literal by its prefix.
func intClass(text string) chroma.TokenType {
	if len(text) > 1 && text[0] == '0' {
		switch text[1] {
		case 'x', 'X':
			return chroma.LiteralNumberHex
		case 'b', 'B':
			return chroma.LiteralNumberBin
		case 'o', 'O':
			return chroma.LiteralNumberOct
		}
		if strings.Trim(text, "01234567_") == "" {
			return chroma.LiteralNumberOct // 0755, the octal Go had first
		}
	}
	return chroma.LiteralNumberInteger
}

// isSpace reports whether text starts with a white space character.
func isSpace(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return unicode.IsSpace(r)
}

// addGap adds the text between two tokens, which go/scanner skipped:
// white space, and a byte order mark at the very start. Anything else
// there would be a scanner's surprise; it is kept, as an Error.
func (l *tokenList) addGap(from, to int) {
	const bom = "\uFEFF"
	if from == 0 && strings.HasPrefix(l.src, bom) {
		// Chroma knows no byte order mark, so it is an error to it.
		l.add(chroma.Error, 0, len(bom))
		from = len(bom)
	}
	for from < to {
		gap := l.src[from:to]
		space := isSpace(gap)
		n := 0
		for n < len(gap) {
			r, w := utf8.DecodeRuneInString(gap[n:])
			if unicode.IsSpace(r) != space {
				break
			}
			n += w
		}
		t := chroma.Error
		if space {
			t = chroma.TextWhitespace
		}
		l.add(t, from, from+n)
		from += n
	}
}

// addRawString adds the raw string src[start:end]. Chroma colours what it
// holds as a Go text template, which shows only when there is an action in it.
func (l *tokenList) addRawString(start, end int) {
	inner, ok := templateTokens(l.src[start:end])
	if !ok {
		l.add(chroma.LiteralString, start, end)
		return
	}
	l.add(chroma.LiteralString, start, start+1)
	for _, t := range inner {
		l.addToken(t)
	}
	l.addToken(chroma.Token{Type: chroma.LiteralString, Value: "`"})
}

// templateTokens returns chroma's tokens for what a raw string with a
// template action holds, the text outside actions as String.
func templateTokens(text string) ([]chroma.Token, bool) {
	if len(text) < 2 || text[len(text)-1] != '`' || !strings.Contains(text, "{{") {
		return nil, false
	}
	inner := text[1 : len(text)-1]
	// Chroma reads text as runes, which would turn invalid UTF-8 into
	// U+FFFD; then its tokens would not add up to the text.
	if !utf8.ValidString(inner) {
		return nil, false
	}
	tmpl := chroma.TypeRemappingLexer(lexers.GoTextTemplate, chroma.TypeMapping{{From: chroma.Other, To: chroma.LiteralString}})
	it, err := tmpl.Tokenise(&chroma.TokeniseOptions{State: "root", Nested: true}, inner)
	if err != nil {
		return nil, false
	}
	tokens := it.Tokens()
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString(t.Value)
	}
	return tokens, b.String() == inner
}
