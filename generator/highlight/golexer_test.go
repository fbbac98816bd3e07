package highlight

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/google/go-cmp/cmp"
)

// shown lists the tokens of src as "class text", leaving out white space.
func shown(src string) []string {
	var out []string
	for _, t := range goTokens(src) {
		if t.Type == chroma.TextWhitespace {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s", chroma.StandardTypes[t.Type], t.Value))
	}
	return out
}

// The classes chroma's lexer would give are checked against chroma itself
// in compare_test.go; these cases pin what chroma cannot tell us: numbers it
// splits, invalid Go, and text go/scanner skips or rejects.
func TestGoLexerClasses(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"octal", "0o17 0O17 0755 0_7", []string{"mo 0o17", "mo 0O17", "mo 0755", "mo 0_7"}},
		{"not octal", "08 0", []string{"mi 08", "mi 0"}},
		{"binary and hex", "0B1 0b_1 0X_1f", []string{"mb 0B1", "mb 0b_1", "mh 0X_1f"}},
		{"floats", "0x1p-2 1_000.5 1.e5 1e1_0", []string{"mf 0x1p-2", "mf 1_000.5", "mf 1.e5", "mf 1e1_0"}},
		{"imaginary", "1e3i 0x1i 0b1i 1_0i", []string{"m 1e3i", "m 0x1i", "m 0b1i", "m 1_0i"}},
		{"comments", "//go:build x\n// text\n//\n/* a\nb */", []string{"cp //go:build x", "c1 // text", "c1 //", "cm /* a\nb */"}},
		{"unterminated comment", "x /* a\nb", []string{"nx x", "cm /* a\nb"}},
		{"unterminated raw string", "x := `a\nb", []string{"nx x", "o :=", "s `a\nb"}},
		{"unterminated string", "\"ab\nc", []string{"s \"ab", "nx c"}},
		{"unterminated rune", "'ab\nc", []string{"sc 'ab", "nx c"}},
		{"illegal characters", "a @ $b ? # \\", []string{"nx a", "err @", "err $", "nx b", "err ?", "err #", "err \\"}},
		{"byte order mark", "\uFEFFpackage p", []string{"err \uFEFF", "kn package", "nx p"}},
		{"UTF-16 byte order mark", "\xff\xfepackage p", []string{"err \xff\xfe", "kn package", "nx p"}},
		{"late byte order mark", "a\uFEFFb", []string{"nx a", "err \uFEFF", "nx b"}},
		{"invalid UTF-8", "a\xff\xfeb \"\xff\"", []string{"nx a", "err \xff\xfe", "nx b", "s \"\xff\""}},
		{"NUL", "a\x00b", []string{"nx a", "err \x00", "nx b"}},
		{"form feed and no-break space are space to chroma", "f\f\u00a0(x)", []string{"nf f", "p (", "nx x", "p )"}},
		{"template in a raw string", "`a {{.B}}`", []string{"s `a ", "cp {{", "na .B", "cp }}", "s `"}},
		{"raw string without a template", "`a {b}`", []string{"s `a {b}`"}},
		{"carriage returns", "// a\r\nx /* \r */ `\r`", []string{"c1 // a\r", "nx x", "cm /* \r */", "s `\r`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shown(tt.src)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tokens of %q (-want +got):\n%s", tt.src, diff)
			}
			if joined := join(goTokens(tt.src)); joined != tt.src {
				t.Errorf("tokens add up to %q, not %q", joined, tt.src)
			}
		})
	}
}

func join(tokens []chroma.Token) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteString(t.Value)
	}
	return b.String()
}

func TestCodeUsesOurGoLexer(t *testing.T) {
	for _, lang := range []string{"go", "golang", "Go"} {
		if _, ok := lexerFor(lang, Options{}).(goLexer); !ok {
			t.Errorf("lexerFor(%q) is not the go/scanner lexer", lang)
		}
	}
	if _, ok := lexerFor("go", Options{Stock: true}).(goLexer); ok {
		t.Error("Stock still gives the go/scanner lexer")
	}
	if _, ok := lexerFor("python", Options{}).(goLexer); ok {
		t.Error("Python is lexed as Go")
	}
	// 0o17 is where the two lexers differ: chroma splits it.
	ours, theirs := code(t, "x := 0o17", "go", Options{}), code(t, "x := 0o17", "go", Options{Stock: true})
	if !strings.Contains(ours, `<span class="mo">0o17</span>`) || strings.Contains(theirs, `<span class="mo">0o17</span>`) {
		t.Errorf("Code does not pick the lexer Options ask for:\nours:   %s\nchroma: %s", ours, theirs)
	}
}
